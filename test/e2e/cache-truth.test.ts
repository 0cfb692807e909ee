/**
 * The layer cache, when it cannot be written: a cache failure must never fail a good build (exports run
 * with ignore-error=true), but the run must say so once and the `cache` output must not claim a write that
 * did not happen. "Unreachable" takes two shapes, both tried here on the real engine:
 * - the step has no Actions cache service at all (no runtime token and URL): buildx drops type=gha silently;
 * - the service is there but answers errors during the export: BuildKit marks its export step ERROR and
 *   goes on. A loopback server answering 500 to everything stands in for it; the real Actions cache
 *   service cannot run here (its success path runs in .github/workflows/e2e.yml on GitHub's runners).
 * The same holds for a registry cache whose registry refuses the connection, and for a runtime token
 * BuildKit refuses outright (malformed, expired): that fails the whole build unless it is run again without
 * the cache.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIR_GAPPED, BASE_IMAGE, REGISTRY, runAction, unique } from '../support/e2e.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'cache');
/**
 * A runtime token shaped like the runner's (a JWT whose `ac` claim lists the cache scopes): BuildKit reads
 * its claims before talking to the service, and refuses a malformed one outright.
 */
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const TOKEN = [
  b64({ alg: 'HS256', typ: 'JWT' }),
  b64({ ac: JSON.stringify([{ Scope: 'refs/heads/main', Permission: 3 }]), nbf: now - 60, exp: now + 3600 }),
  Buffer.from(unique('signature')).toString('base64url'),
].join('.');

interface CacheOutput {
  backend: string;
  scope: string;
  write: boolean;
  error?: string;
  steps: Record<string, { cached: number; executed: number }>;
}

const warnings = (log: string) => log.split('\n').filter((l) => l.startsWith('::warning::'));

describe('cache: gha without the Actions cache service', () => {
  it('builds without a cache, warns once, and the cache output says off', async () => {
    const run = await runAction(
      {
        context: fixture,
        platforms: 'linux/amd64',
        cache: 'gha',
        'build-args': `BASE=${BASE_IMAGE}\nSALT=${unique('salt')}`,
        ...AIR_GAPPED,
      },
      // Nothing from the calling environment: this step has no cache service.
      { env: { ACTIONS_RUNTIME_TOKEN: '', ACTIONS_RESULTS_URL: '', ACTIONS_CACHE_URL: '' } },
    );
    const post = await run.post();
    expect(run.code, run.error).toBe(0);
    expect(post.code).toBe(0);
    expect(warnings(run.log)).toEqual([
      expect.stringMatching(
        /^::warning::cache: gha needs the GitHub Actions cache service, which this step cannot reach .*set cache: registry or local$/,
      ),
    ]);
    const cache = JSON.parse(run.outputs.cache ?? '') as CacheOutput;
    expect(cache).toMatchObject({ backend: 'off', write: false });
    expect(run.log).not.toContain('type=gha');
  });
});

describe('cache: gha with a cache service that answers errors', () => {
  let server: Server;
  let url = '';
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"msg":"service unavailable"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('the build succeeds, one warning says the cache was not written, the output says write: false', async () => {
    const run = await runAction(
      {
        context: fixture,
        platforms: 'linux/amd64',
        cache: 'gha',
        'build-args': `BASE=${BASE_IMAGE}\nSALT=${unique('salt')}`,
        ...AIR_GAPPED,
      },
      { env: { ACTIONS_RUNTIME_TOKEN: TOKEN, ACTIONS_RESULTS_URL: url } },
    );
    const post = await run.post();
    expect(run.code, run.error).toBe(0);
    expect(post.code).toBe(0);
    // The builder did talk to the service (this is the export failing, not the cache left out).
    expect(requests.length).toBeGreaterThan(0);
    expect(warnings(run.log)).toEqual([
      expect.stringMatching(
        /^::warning::cache: writing the gha layer cache failed \(.*500 Internal Server Error.*\); the image is built, but the next run will not find these layers; reading it failed too \(.*500 Internal Server Error.*\), so this build ran without it$/,
      ),
    ]);
    const cache = JSON.parse(run.outputs.cache ?? '') as CacheOutput;
    expect(cache).toMatchObject({ backend: 'gha', write: false });
    expect(cache.error).toBeTruthy();
    expect(run.summary).toContain('not written');
    expect(run.log + run.summary + JSON.stringify(run.outputs)).not.toContain(TOKEN);
  });
});

describe('cache: gha with a runtime token BuildKit refuses (ignore-error does not cover that)', () => {
  const expired = [
    b64({ alg: 'HS256', typ: 'JWT' }),
    b64({ ac: '[]', nbf: now - 7200, exp: now - 3600 }),
    Buffer.from('signature').toString('base64url'),
  ].join('.');

  it.each([
    ['malformed', 'not-a-jwt', /token is malformed/],
    ['expired', expired, /cache token expired/],
  ])('%s: the build runs again without the cache, one warning, write: false', async (_name, token, why) => {
    const run = await runAction(
      {
        context: fixture,
        platforms: 'linux/amd64',
        cache: 'gha',
        'build-args': `BASE=${BASE_IMAGE}\nSALT=${unique('salt')}`,
        ...AIR_GAPPED,
      },
      { env: { ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' } },
    );
    const post = await run.post();
    expect(run.code, run.error).toBe(0);
    expect(post.code).toBe(0);
    const said = warnings(run.log);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /^::warning::cache: the gha layer cache could not be used \(failed to configure gha cache (exporter|importer): .*\); the image is built without it$/,
    );
    expect(said[0]).toMatch(why);
    const cache = JSON.parse(run.outputs.cache ?? '') as CacheOutput;
    expect(cache).toMatchObject({ backend: 'gha', write: false });
    expect(run.outputs.digest ?? run.outputs.imageid).toBeDefined();
  });
});

describe('cache: registry whose registry refuses the connection', () => {
  it('the build succeeds, one warning, write: false', async () => {
    const run = await runAction({
      context: fixture,
      platforms: 'linux/amd64',
      image: `${REGISTRY}/e2e/${unique('cachetruth')}`,
      cache: 'registry',
      // Nothing listens on port 1: every cache read and write is refused.
      'cache-ref': '127.0.0.1:1/nowhere/cache:main',
      'build-args': `BASE=${BASE_IMAGE}\nSALT=${unique('salt')}`,
      ...AIR_GAPPED,
    });
    const post = await run.post();
    expect(run.code, run.error).toBe(0);
    expect(post.code).toBe(0);
    expect(warnings(run.log)).toEqual([
      expect.stringMatching(
        /^::warning::cache: writing the registry layer cache failed \(.*connection refused\); the image is built, but the next run will not find these layers; reading it failed too \(.*connection refused\), so this build ran without it$/,
      ),
    ]);
    const cache = JSON.parse(run.outputs.cache ?? '') as CacheOutput;
    expect(cache).toMatchObject({
      backend: 'registry',
      scope: '127.0.0.1:1/nowhere/cache:main-linux-amd64_all',
      write: false,
    });
  });
});

describe('cache-from / cache-to written by hand (Docker docs’ type=gha snippet) without the cache service', () => {
  it('the build succeeds, one warning says no export ran, the output says write: false', async () => {
    const run = await runAction(
      {
        context: fixture,
        platforms: 'linux/amd64',
        'cache-from': 'type=gha',
        'cache-to': 'type=gha,mode=max',
        'build-args': `BASE=${BASE_IMAGE}\nSALT=${unique('salt')}`,
        ...AIR_GAPPED,
      },
      { env: { ACTIONS_RUNTIME_TOKEN: '', ACTIONS_RESULTS_URL: '', ACTIONS_CACHE_URL: '' } },
    );
    const post = await run.post();
    expect(run.code, run.error).toBe(0);
    expect(post.code).toBe(0);
    expect(warnings(run.log)).toEqual([
      expect.stringMatching(
        /^::warning::cache: writing the explicit layer cache failed \(no cache export ran: buildx skips a type=gha cache without the Actions cache service/,
      ),
    ]);
    const cache = JSON.parse(run.outputs.cache ?? '') as CacheOutput;
    expect(cache).toMatchObject({ backend: 'explicit', write: false });
  });
});
