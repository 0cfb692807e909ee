// What the cache did, read from the build log: an export with ignore-error=true fails silently but for the
// ERROR line BuildKit prints under its export step. The Actions cache service cannot run here: these logs
// are what buildx prints (the gha and registry shapes were seen on this machine's BuildKit, the gha one
// against a loopback server answering 500, see test/e2e/cache-truth.test.ts).
import { describe, expect, it } from 'vitest';
import {
  cacheExportErrors,
  cacheImportErrors,
  cacheOutcome,
  cacheOutput,
  cacheWarning,
  describeCache,
} from '../../../src/phases/cache-result.js';
import type { CachePlan } from '../../../src/phases/cache.js';

const GHA_500 = 'unknown error 500 Internal Server Error: {"msg":"service unavailable"}';
const GHA_FAILED = `#5 importing cache manifest from gha:5174595535977478186
#5 ERROR: ${GHA_500}

#9 exporting to image
#9 DONE 0.2s

#10 exporting to GitHub Actions Cache
#10 preparing build cache for export
#10 preparing build cache for export 0.3s done
#10 ERROR: ${GHA_500}
`;
const REFUSED = 'dial tcp 127.0.0.1:1: connect: connection refused';
const REGISTRY_FAILED = `#4 importing cache manifest from 127.0.0.1:1/nowhere/cache:main-linux-amd64_all
#4 ERROR: failed to configure registry cache importer: failed to do request: Head "http://127.0.0.1:1/v2/nowhere/cache/manifests/main-linux-amd64_all": ${REFUSED}

#11 exporting cache to registry
#11 preparing build cache for export
#11 ERROR: error writing layer blob: failed to do request: Head "http://127.0.0.1:1/v2/nowhere/cache/blobs/sha256:1234": ${REFUSED}
`;
/** A first run: nothing under the cache ref yet. Not a failure. */
const FIRST_RUN = `#4 importing cache manifest from 127.0.0.1:5000/e2e/app:buildcache-linux-amd64_all
#4 ERROR: failed to configure registry cache importer: 127.0.0.1:5000/e2e/app:buildcache-linux-amd64_all: not found

#11 exporting cache to registry
#11 DONE 0.4s
`;
const EXPORTED = `#10 exporting to GitHub Actions Cache
#10 preparing build cache for export 0.4s done
#10 DONE 1.2s
`;

const gha = (write: boolean): CachePlan => ({
  backend: 'gha',
  scope: 'acme-app_linux-amd64_all',
  write,
  from: [],
  to: [],
});

describe('cacheExportErrors', () => {
  it.each([
    ['a gha export answered 500', GHA_FAILED, [GHA_500]],
    [
      'a registry export refused (the import error before it is not an export failure)',
      REGISTRY_FAILED,
      [
        `error writing layer blob: failed to do request: Head "http://127.0.0.1:1/v2/nowhere/cache/blobs/sha256:1234": ${REFUSED}`,
      ],
    ],
    ['a first run: the import found nothing, the export succeeded', FIRST_RUN, []],
    ['an export that succeeded', EXPORTED, []],
    [
      'a local export that failed',
      '#12 exporting cache to client directory\n#12 ERROR: no space left on device\n',
      ['no space left on device'],
    ],
    [
      'a failed RUN step is not a cache failure',
      '#7 [2/2] RUN false\n#7 ERROR: process "/bin/sh -c false" did not complete successfully\n',
      [],
    ],
    ['no log', '', []],
  ])('%s', (_name, log, expected) => {
    expect(cacheExportErrors(log)).toEqual(expected);
  });
});

describe('cacheImportErrors', () => {
  it.each([
    ['a gha service answering 500', GHA_FAILED, [GHA_500]],
    ['a registry refusing the connection', REGISTRY_FAILED, [expect.stringContaining(REFUSED)]],
    ['a first run: nothing cached yet is not a failure', FIRST_RUN, []],
    ['a cache that was read', EXPORTED, []],
  ])('%s', (_name, log, expected) => {
    expect(cacheImportErrors(log)).toEqual(expected);
  });
});

describe('cacheOutcome, cacheWarning, cacheOutput, describeCache', () => {
  it('a service down for reads and writes: write false, the reason, one warning saying both', () => {
    const outcome = cacheOutcome(gha(true), GHA_FAILED);
    expect(outcome).toEqual({
      backend: 'gha',
      scope: 'acme-app_linux-amd64_all',
      write: false,
      error: GHA_500,
      readError: GHA_500,
    });
    expect(cacheWarning(outcome)).toBe(
      `cache: writing the gha layer cache failed (${GHA_500}); the image is built, but the next run will not find these layers; reading it failed too (${GHA_500}), so this build ran without it`,
    );
    expect(JSON.parse(cacheOutput(outcome, [{ platform: 'linux/amd64', cached: 0, executed: 2 }]))).toEqual({
      backend: 'gha',
      scope: 'acme-app_linux-amd64_all',
      write: false,
      error: GHA_500,
      steps: { 'linux/amd64': { cached: 0, executed: 2 } },
    });
    expect(describeCache(outcome)).toBe(`gha (acme-app_linux-amd64_all), not written: ${GHA_500}`);
  });

  it('only the write failed: the warning says the write', () => {
    const log = GHA_FAILED.replace(/^#5 ERROR: .*$/m, '#5 DONE 0.1s');
    expect(cacheWarning(cacheOutcome(gha(true), log))).toBe(
      `cache: writing the gha layer cache failed (${GHA_500}); the image is built, but the next run will not find these layers`,
    );
  });

  it('only the read failed (a read-only cache on a pull request): the warning says the read', () => {
    const outcome = cacheOutcome(gha(false), GHA_FAILED);
    expect(outcome).toEqual({
      backend: 'gha',
      scope: 'acme-app_linux-amd64_all',
      write: false,
      readError: GHA_500,
    });
    expect(cacheWarning(outcome)).toBe(
      `cache: reading the gha layer cache failed (${GHA_500}); this build ran without it`,
    );
  });

  it('an export the plan has but no step ran (buildx dropped a gha cache without the service): write false, why', () => {
    const explicit: CachePlan = {
      backend: 'explicit',
      write: true,
      from: ['type=gha'],
      to: ['type=gha,mode=max'],
    };
    const outcome = cacheOutcome(explicit, '#5 [2/2] RUN true\n#5 CACHED\n');
    expect(outcome.write).toBe(false);
    expect(outcome.error).toMatch(
      /^no cache export ran: buildx skips a type=gha cache without the Actions cache service/,
    );
    expect(cacheWarning(outcome)).toMatch(
      /^cache: writing the explicit layer cache failed \(no cache export ran/,
    );
    const registry = { ...explicit, to: ['type=registry,ref=r/app:cache'] };
    expect(cacheOutcome(registry, '').error).toBe('no cache export ran');
    expect(cacheOutcome(registry, FIRST_RUN)).toMatchObject({ write: true });
  });

  it('an inline cache has no export step of its own: write true', () => {
    const inline: CachePlan = { backend: 'explicit', write: true, from: [], to: ['type=inline'] };
    expect(cacheOutcome(inline, '#5 CACHED\n')).toEqual({ backend: 'explicit', write: true });
  });

  it('a first run of the registry cache: nothing to say', () => {
    const plan: CachePlan = { backend: 'registry', scope: 'ref', write: true, from: [], to: [] };
    expect(cacheWarning(cacheOutcome(plan, FIRST_RUN))).toBeUndefined();
  });

  it('an export that succeeded: write true, no warning, no error field', () => {
    const outcome = cacheOutcome(gha(true), EXPORTED);
    expect(outcome).toEqual({ backend: 'gha', scope: 'acme-app_linux-amd64_all', write: true });
    expect(cacheWarning(outcome)).toBeUndefined();
    expect(JSON.parse(cacheOutput(outcome, []))).toEqual({
      backend: 'gha',
      scope: 'acme-app_linux-amd64_all',
      write: true,
      steps: {},
    });
    expect(describeCache(outcome)).toBe('gha (acme-app_linux-amd64_all)');
  });

  it('a read-only cache: nothing was to be written, so no write failed', () => {
    const outcome = cacheOutcome(gha(false), EXPORTED);
    expect(outcome).toEqual({ backend: 'gha', scope: 'acme-app_linux-amd64_all', write: false });
    expect(describeCache(outcome)).toBe('gha (acme-app_linux-amd64_all), read-only');
  });

  it('a cache BuildKit would not set up (the build ran again without it): one warning, write false', () => {
    const refused =
      'failed to configure gha cache exporter: token is malformed: token contains an invalid number of segments';
    const outcome = cacheOutcome(gha(true), EXPORTED, refused);
    expect(outcome).toEqual({
      backend: 'gha',
      scope: 'acme-app_linux-amd64_all',
      write: false,
      error: refused,
      refused: true,
    });
    expect(cacheWarning(outcome)).toBe(
      `cache: the gha layer cache could not be used (${refused}); the image is built without it`,
    );
    expect(JSON.parse(cacheOutput(outcome, []))).toEqual({
      backend: 'gha',
      scope: 'acme-app_linux-amd64_all',
      write: false,
      error: refused,
      steps: {},
    });
  });

  it('off', () => {
    const outcome = cacheOutcome({ backend: 'off', write: false, from: [], to: [] }, '');
    expect(JSON.parse(cacheOutput(outcome, []))).toEqual({
      backend: 'off',
      scope: '',
      write: false,
      steps: {},
    });
    expect(describeCache(outcome)).toBe('off');
  });
});
