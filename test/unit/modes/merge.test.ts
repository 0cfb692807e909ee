// The decisions of mode merge with the exec layer scripted: what is read, what is proven and refused before
// anything is pushed, how publishing is retried, what a dry run shows, which handoff tags are removed. No
// engine, no registry: the Actions cache is the HandoffStore seam (MemoryStore), the registry's HTTP API a
// fake listing tags and answering deletions.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExecError } from '../../../src/exec/exec.js';
import { copyRace, merge } from '../../../src/modes/merge.js';
import { buildConfig } from '../../../src/phases/fingerprint.js';
import {
  clashKeyPrefix,
  HANDOFF_ANNOTATION,
  handoffKey,
  handoffTag,
  type LegRecord,
} from '../../../src/phases/handoff.js';
import type { RegistryApi, TagDeletion } from '../../../src/registry/api.js';
import { sha256 } from '../../../src/registry/manifests.js';
import { ActionError } from '../../../src/runner/errors.js';
import { Phases } from '../../../src/runner/phases.js';
import { newSummary, renderSummary, type RunSummary } from '../../../src/runner/summary.js';
import { parsePlatform } from '../../../src/model/platforms.js';
import { fakeStep, MemoryStore, type Rule } from '../../support/fake-step.js';
import { ctxOf, inputsOf } from '../../support/unit.js';

const IMAGE = 'ghcr.io/acme/app';
const D = (c: string) => `sha256:${c.repeat(64)}`;
const RUN = '1000';

function pluginConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  mkdirSync(join(dir, 'cli-plugins'));
  writeFileSync(join(dir, 'cli-plugins', 'docker-buildx'), '#!/bin/sh\n');
  chmodSync(join(dir, 'cli-plugins', 'docker-buildx'), 0o755);
  return dir;
}

const platformOf = (text: string) => {
  const [os, architecture, variant] = text.split('/');
  return { os, architecture, ...(variant ? { variant } : {}) };
};

/** A leg's OCI index as a leg pushes it: each platform's manifest (digest `c`+i) and its attestation. */
function legIndex(c: string, platforms: string[]): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: platforms.flatMap((p, i) => [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: D(`${c}${i}`),
        size: 10,
        platform: platformOf(p),
      },
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: D(`${c}${i + 5}`),
        size: 5,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: {
          'vnd.docker.reference.type': 'attestation-manifest',
          'vnd.docker.reference.digest': D(`${c}${i}`),
        },
      },
    ]),
  });
}

/** The merged index as a registry would hold it: the given platforms (and their digests). */
const merged = (entries: Array<[string, string]>, annotations: Record<string, string> = {}) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: entries.map(([p, digest]) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      size: 10,
      platform: platformOf(p),
    })),
    annotations,
  });

interface LegSpec {
  platforms: string[];
  c: string;
  values?: Record<string, string>;
  attempt?: string;
  runId?: string;
  pushed?: boolean;
  emulated?: string[];
}

/** A leg as recordLeg writes it: the record, and the rule that answers its index by digest. */
function leg(spec: LegSpec): { record: LegRecord; rule: Rule; raw: string } {
  const raw = legIndex(spec.c, spec.platforms);
  const runId = spec.runId ?? RUN;
  const inputs = inputsOf({ mode: 'build', image: IMAGE, ...spec.values });
  const record: LegRecord = {
    version: 2,
    images: [IMAGE],
    variant: inputs.variant,
    platforms: spec.platforms,
    emulated: spec.emulated ?? [],
    digest: sha256(raw),
    pushed: spec.pushed ?? true,
    runId,
    runAttempt: spec.attempt ?? '1',
    job: 'build',
    config: buildConfig(inputs, '/work', runId),
  };
  return {
    record,
    raw,
    rule: {
      match: new RegExp(` imagetools inspect --raw ${IMAGE}@${sha256(raw)}$`),
      answer: { stdout: raw },
    },
  };
}

/** Saves legs to a MemoryStore under the keys recordLeg uses. */
async function cached(...legs: Array<ReturnType<typeof leg>>): Promise<MemoryStore> {
  const store = new MemoryStore();
  for (const { record } of legs)
    for (const p of record.platforms)
      await store.save(
        handoffKey(
          record.images,
          record.variant,
          parsePlatform(p),
          ctxOf({ GITHUB_RUN_ID: record.runId, GITHUB_RUN_ATTEMPT: record.runAttempt }),
        ),
        record,
      );
  return store;
}

/** A registry API over a tag list; handoff tags of the legs are answered by `tagRules`. */
function fakeApi(tags: string[], deletion: TagDeletion = { deleted: true }) {
  const deleted: string[] = [];
  const api: RegistryApi = {
    tags: async () => tags,
    deleteTag: async (repository, tag) => {
      deleted.push(`${repository}:${tag}`);
      return deletion;
    },
    pushAccess: async () => ({ kind: 'ok' }),
  };
  return { api, deleted };
}

/** Each leg written under handoff tags: the tag names, and the rules answering each with its record. */
function tagged(...legs: Array<ReturnType<typeof leg>>): { tags: string[]; rules: Rule[] } {
  const tags: string[] = [];
  const rules: Rule[] = [];
  for (const { record } of legs)
    for (const p of record.platforms) {
      const tag = handoffTag(record.runId, record.variant, parsePlatform(p), record.config.fingerprint);
      tags.push(tag);
      const wrapper = JSON.stringify({
        manifests: [],
        annotations: { [HANDOFF_ANNOTATION]: JSON.stringify(record) },
      });
      rules.push({
        match: new RegExp(` imagetools inspect --raw ${IMAGE}:${tag}$`),
        answer: { stdout: wrapper },
      });
    }
  return { tags, rules };
}

function setUp(values: Record<string, string>, rules: Rule[], env: NodeJS.ProcessEnv = {}) {
  const step = fakeStep({
    env: { DOCKER_CONFIG: pluginConfig(), RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')), ...env },
    rules,
  });
  const summary: RunSummary = newSummary('');
  const run = (store?: MemoryStore, api: RegistryApi = fakeApi([]).api) =>
    merge(step, inputsOf({ mode: 'merge', image: IMAGE, ...values }), new Phases(step.log), summary, {
      store,
      api,
    }).then(
      // Resolved: no error (the tests expect undefined); rejected: the ActionError to read.
      () => undefined as unknown as ActionError,
      (e: unknown) => e as ActionError,
    );
  const creates = () => step.exec.calls.filter((c) => c.argv.includes('create')).map((c) => c.argv.slice(1));
  return { step, summary, run, creates };
}

const latest = (raw: string): Rule => ({
  match: / imagetools inspect --raw ghcr.io\/acme\/app:latest$/,
  answer: { stdout: raw },
});

describe('merge through the Actions cache (HandoffStore seam)', () => {
  const amd64 = leg({ platforms: ['linux/amd64'], c: 'a' });
  const arm64 = leg({ platforms: ['linux/arm64'], c: 'b', emulated: ['linux/arm64'] });
  const published = merged(
    [
      ['linux/amd64', D('a0')],
      ['linux/arm64', D('b0')],
    ],
    { 'org.opencontainers.image.description': 'app' },
  );

  it('reads both legs, publishes one index with the index annotation, reads it back, sets its outputs', async () => {
    const { step, run, summary, creates } = setUp(
      {
        platforms: 'linux/amd64,linux/arm64',
        tags: 'latest',
        annotations: 'index:org.opencontainers.image.description=app',
        handoff: 'cache',
      },
      [amd64.rule, arm64.rule, latest(published)],
    );
    expect(await run(await cached(amd64, arm64))).toBeUndefined();
    expect(creates()).toEqual([
      [
        'imagetools',
        'create',
        '--progress',
        'plain',
        '--annotation',
        'index:org.opencontainers.image.description=app',
        '--tag',
        `${IMAGE}:latest`,
        `${IMAGE}@${amd64.record.digest}`,
        `${IMAGE}@${arm64.record.digest}`,
      ],
    ]);
    expect(step.outputValues.get('digest')).toBe(sha256(published));
    expect(step.outputValues.get('platforms')).toBe('linux/amd64,linux/arm64');
    expect(summary.rows.map((r) => [r.platform, r.source, r.emulated])).toEqual([
      ['linux/amd64', 'leg build (linux/amd64, attempt 1)', false],
      ['linux/arm64', 'leg build (linux/arm64, attempt 1)', true],
    ]);
    expect(renderSummary(summary)).toMatch(/\| <code>linux\/arm64<\/code> \| .* \| emulated \|/);
  });

  it('a platform no leg handed off: fails naming it, before any create', async () => {
    const { run, creates } = setUp(
      { platforms: 'linux/amd64,linux/arm64,linux/s390x', tags: 'latest', handoff: 'cache' },
      [amd64.rule, arm64.rule],
    );
    const error = await run(await cached(amd64, arm64));
    expect(error.line).toMatch(
      /^merge: no leg was handed off \(cache\) for linux\/s390x; .*nothing was pushed$/,
    );
    expect(error.input).toBe('platforms');
    expect(creates()).toEqual([]);
  });

  it('legs of two configurations (a variant matrix without variant): fails naming both platforms, legs, the input that differs and variant', async () => {
    const slim = leg({ platforms: ['linux/amd64'], c: 'a', values: { target: 'slim' } });
    const full = leg({
      platforms: ['linux/arm64'],
      c: 'b',
      values: { target: 'full', 'build-args': 'FLAVOUR=full' },
    });
    const { run, creates } = setUp(
      { platforms: 'linux/amd64,linux/arm64', tags: 'latest', handoff: 'cache' },
      [slim.rule, full.rule],
    );
    const error = await run(await cached(slim, full));
    expect(error.line).toBe(
      `merge: linux/amd64 (leg build (linux/amd64, attempt 1, configuration ${slim.record.config.fingerprint}) as cache:${handoffKey([IMAGE], '', parsePlatform('linux/amd64'), ctxOf({ GITHUB_RUN_ID: RUN }))}) and linux/arm64 (leg build (linux/arm64, attempt 1, configuration ${full.record.config.fingerprint}) as cache:${handoffKey([IMAGE], '', parsePlatform('linux/arm64'), ctxOf({ GITHUB_RUN_ID: RUN }))}) were built from different configurations (differing in target, build-args); a merge publishes one configuration: set variant on each variant's legs and its merge, or build every platform of it from the same inputs (per-platform values belong in the Dockerfile: BuildKit sets TARGETARCH and TARGETPLATFORM per platform) — nothing was pushed`,
    );
    expect(error.input).toBe('variant');
    expect(creates()).toEqual([]);
  });

  it('a merge run anyway after a leg was refused for a clash (its record under a clash key): fails naming variant', async () => {
    const slim = leg({ platforms: ['linux/amd64'], c: 'a', values: { target: 'slim' } });
    const full = leg({ platforms: ['linux/amd64'], c: 'b', values: { target: 'full' } });
    const store = await cached(slim);
    await store.save(
      `${clashKeyPrefix([IMAGE], '', parsePlatform('linux/amd64'), RUN)}${full.record.config.fingerprint}`,
      full.record,
    );
    const { run, creates } = setUp({ platforms: 'linux/amd64', tags: 'latest', handoff: 'cache' }, [
      slim.rule,
      full.rule,
    ]);
    const error = await run(store);
    expect(error.line).toMatch(
      /^merge: legs of this run handed off linux\/amd64 for 2 build configurations \(differing in target\): .*\(refused\).*set variant/,
    );
    expect(creates()).toEqual([]);
  });

  it('a merge run anyway after a same-configuration clash (legs differing only in secrets): fails naming variant', async () => {
    const pro = leg({ platforms: ['linux/amd64'], c: 'a', values: {} });
    const free = leg({ platforms: ['linux/amd64'], c: 'b', values: {} });
    expect(free.record.config.fingerprint).toBe(pro.record.config.fingerprint);
    const store = await cached(pro);
    await store.save(
      `${clashKeyPrefix([IMAGE], '', parsePlatform('linux/amd64'), RUN)}${free.record.config.fingerprint}`,
      free.record,
    );
    const { run, creates } = setUp({ platforms: 'linux/amd64', tags: 'latest', handoff: 'cache' }, [
      pro.rule,
      free.rule,
    ]);
    const error = await run(store);
    expect(error.line).toMatch(
      /^merge: two legs of this run handed off linux\/amd64 from the same build configuration with different digests: .*such as secrets.*set variant/,
    );
    expect(error.input).toBe('variant');
    expect(creates()).toEqual([]);
  });

  it('a variant’s merge sees only its own variant’s legs', async () => {
    const slim = leg({ platforms: ['linux/amd64'], c: 'a', values: { variant: 'slim', target: 'slim' } });
    const full = leg({ platforms: ['linux/amd64'], c: 'b', values: { variant: 'full', target: 'full' } });
    const only = merged([['linux/amd64', D('b0')]]);
    const { run, creates } = setUp(
      { platforms: 'linux/amd64', tags: 'latest', handoff: 'cache', variant: 'full' },
      [slim.rule, full.rule, latest(only)],
    );
    expect(await run(await cached(slim, full))).toBeUndefined();
    expect(creates()[0]?.at(-1)).toBe(`${IMAGE}@${full.record.digest}`);
  });

  it('a re-run attempt’s merge takes the re-run leg and the legs that did not re-run', async () => {
    const rerun = leg({ platforms: ['linux/arm64'], c: 'c', attempt: '2' });
    const { run, creates } = setUp(
      { platforms: 'linux/amd64,linux/arm64', tags: 'latest', handoff: 'cache' },
      [amd64.rule, arm64.rule, rerun.rule, latest(published)],
      { GITHUB_RUN_ATTEMPT: '2' },
    );
    expect(await run(await cached(amd64, arm64, rerun))).toBeUndefined();
    expect(creates()[0]?.slice(-2)).toEqual([
      `${IMAGE}@${amd64.record.digest}`,
      `${IMAGE}@${rerun.record.digest}`,
    ]);
  });

  it('a leg built with push: false cannot be published: fails naming push', async () => {
    const unpushed = leg({ platforms: ['linux/arm64'], c: 'b', pushed: false });
    const { run, creates } = setUp(
      { platforms: 'linux/amd64,linux/arm64', tags: 'latest', handoff: 'cache' },
      [amd64.rule],
    );
    const error = await run(await cached(amd64, unpushed));
    expect(error.line).toMatch(
      /^merge: leg build \(linux\/arm64, attempt 1\) built linux\/arm64 with push: false, .*set push: false on the merge too/,
    );
    expect(error.input).toBe('push');
    expect(creates()).toEqual([]);
  });

  it('the cache cannot be read: fails naming handoff', async () => {
    const store = await cached(amd64);
    store.failLoads = true;
    const { run } = setUp({ platforms: 'linux/amd64', tags: 'latest', handoff: 'cache' }, []);
    expect((await run(store)).line).toMatch(
      /^merge: cannot read the Actions cache \(Cache service responded with 503\)/,
    );
  });

  it('retries a create the registry answers 503, then reports where every tag points', async () => {
    const before = merged([]);
    const { step, run, creates } = setUp(
      { platforms: 'linux/amd64,linux/arm64', tags: 'latest', handoff: 'cache' },
      [
        amd64.rule,
        arm64.rule,
        { match: / imagetools create /, answer: { code: 1, stderr: 'ERROR: 503 Service Unavailable' } },
        latest(before),
      ],
    );
    const error = await run(await cached(amd64, arm64));
    expect(creates()).toHaveLength(4);
    expect(step.log.at('warning').filter((w) => w.startsWith(`publishing ${IMAGE} failed`))).toHaveLength(3);
    expect(error.line).toBe(
      `merge: publishing ${IMAGE} failed: 503 Service Unavailable; tags now: :latest still has its previous ${sha256(before).slice(0, 19)} (a tag holds its previous index or the complete new one, never a partial index; re-run the merge to update the rest)`,
    );
  });

  it('imagetools’ copy race (a PUT by digest refused with 400) is run again; any other 400 is not', async () => {
    const race = `ERROR: failed commit on ref "manifest-sha256:${'7'.repeat(64)}": unexpected status from PUT request to http://r/v2/acme/app/manifests/sha256:${'7'.repeat(64)}: 400 Bad Request`;
    let creates = 0;
    const { run } = setUp({ platforms: 'linux/amd64,linux/arm64', tags: 'latest', handoff: 'cache' }, [
      amd64.rule,
      arm64.rule,
      { match: / imagetools create /, answer: () => (++creates === 1 ? { code: 1, stderr: race } : {}) },
      latest(published),
    ]);
    expect(await run(await cached(amd64, arm64))).toBeUndefined();
    expect(creates).toBe(2);
    expect(
      copyRace(
        new ExecError(['buildx'], {
          code: 1,
          stdout: '',
          stderr: 'ERROR: 400 Bad Request: manifest invalid',
        }),
      ),
    ).toBe(false);
  });

  it('a 401 on create is not retried', async () => {
    const { run, creates } = setUp(
      { platforms: 'linux/amd64,linux/arm64', tags: 'latest', handoff: 'cache' },
      [
        amd64.rule,
        arm64.rule,
        { match: / imagetools create /, answer: { code: 1, stderr: 'ERROR: 401 Unauthorized' } },
        {
          match: / imagetools inspect --raw ghcr.io\/acme\/app:latest$/,
          answer: { code: 1, stderr: 'ERROR: ghcr.io/acme/app:latest: not found' },
        },
      ],
    );
    const error = await run(await cached(amd64, arm64));
    expect(creates()).toHaveLength(1);
    expect(error.message).toContain(':latest does not exist');
  });
});

describe('merge through handoff tags (the registry API faked)', () => {
  const amd64 = leg({ platforms: ['linux/amd64'], c: 'a' });
  const arm64 = leg({ platforms: ['linux/arm64'], c: 'b' });
  const published = merged([
    ['linux/amd64', D('a0')],
    ['linux/arm64', D('b0')],
  ]);

  it('takes only this run’s handoff tags, publishes, then removes them by tag', async () => {
    const stale = leg({ platforms: ['linux/arm64'], c: 'e', runId: '999' });
    const { tags, rules } = tagged(amd64, arm64, stale);
    const { api, deleted } = fakeApi([...tags, 'main-linux-arm64', 'latest']);
    const { step, run, creates, summary } = setUp({ platforms: 'linux/amd64,linux/arm64', tags: 'latest' }, [
      ...rules,
      amd64.rule,
      arm64.rule,
      latest(published),
    ]);
    expect(await run(undefined, api)).toBeUndefined();
    expect(creates()[0]?.slice(-2)).toEqual([
      `${IMAGE}@${amd64.record.digest}`,
      `${IMAGE}@${arm64.record.digest}`,
    ]);
    expect(deleted).toEqual(tags.slice(0, 2).map((t) => `${IMAGE}:${t}`));
    expect(summary.facts.find(([k]) => k === 'Handoff tags removed')?.[1]).toContain(tags[0]);
    expect(step.log.at('notice')).toEqual([]);
  });

  it('a registry that refuses tag deletion: the tags are listed in a notice and the summary; the merge succeeds', async () => {
    const { tags, rules } = tagged(amd64, arm64);
    const { api } = fakeApi(tags, {
      deleted: false,
      reason: 'the registry refuses tag deletion (HTTP 400 DIGEST_INVALID)',
    });
    const { step, run, summary } = setUp({ platforms: 'linux/amd64,linux/arm64', tags: 'latest' }, [
      ...rules,
      amd64.rule,
      arm64.rule,
      latest(published),
    ]);
    expect(await run(undefined, api)).toBeUndefined();
    expect(step.log.at('notice')).toEqual([
      `2 handoff tag(s) left in ${IMAGE} (the registry refuses tag deletion (HTTP 400 DIGEST_INVALID)): ${tags.join(', ')}; remove them with the registry's own tools or a retention policy for run-* tags`,
    ]);
    expect(summary.facts.find(([k]) => k === 'Handoff tags left')?.[1]).toContain(tags[1]);
  });

  it('an earlier run’s leg is never taken for a missing one: fails naming the platform', async () => {
    const stale = leg({ platforms: ['linux/arm64'], c: 'e', runId: '999' });
    const { tags, rules } = tagged(amd64, stale);
    const { run, creates } = setUp({ platforms: 'linux/amd64,linux/arm64', tags: 'latest' }, [
      ...rules,
      amd64.rule,
    ]);
    const error = await run(undefined, fakeApi(tags).api);
    expect(error.line).toMatch(
      /^merge: no leg was handed off \(tags\) for linux\/arm64; .*nothing was pushed$/,
    );
    expect(creates()).toEqual([]);
  });

  it('two configurations under one platform (handoff tags of two fingerprints): fails naming variant', async () => {
    const slim = leg({ platforms: ['linux/amd64'], c: 'a', values: { target: 'slim' } });
    const full = leg({ platforms: ['linux/amd64'], c: 'b', values: { target: 'full' } });
    const { tags, rules } = tagged(slim, full);
    const { run, creates } = setUp({ platforms: 'linux/amd64', tags: 'latest' }, [...rules]);
    const error = await run(undefined, fakeApi(tags).api);
    expect(error.line).toMatch(
      /^merge: legs of this run handed off linux\/amd64 for 2 build configurations \(differing in target\): .*set variant on each variant's legs and on its merge \(e\.g\. variant: slim\) — nothing was pushed$/,
    );
    // Matrix legs share their job id: each leg's configuration is what tells the two apart, on one line.
    expect(error.line).toContain(
      `leg build (linux/amd64, attempt 1, configuration ${slim.record.config.fingerprint}) as `,
    );
    expect(error.line).toContain(
      `leg build (linux/amd64, attempt 1, configuration ${full.record.config.fingerprint}) as `,
    );
    expect(slim.record.config.fingerprint).not.toBe(full.record.config.fingerprint);
    expect(error.line).not.toContain('\n');
    expect(creates()).toEqual([]);
  });

  it('a handoff tag that holds no record: fails naming handoff', async () => {
    const tag = handoffTag(RUN, '', parsePlatform('linux/amd64'), '0123456789ab');
    const { run } = setUp({ platforms: 'linux/amd64', tags: 'latest' }, [
      { match: / imagetools inspect --raw /, answer: { stdout: legIndex('a', ['linux/amd64']) } },
    ]);
    const error = await run(undefined, fakeApi([tag]).api);
    expect(error.line).toMatch(/^merge: the handoff tag .* holds no handoff record/);
    expect(error.input).toBe('handoff');
  });

  it('the tags cannot be listed: fails naming handoff, nothing pushed', async () => {
    const api: RegistryApi = {
      tags: () => Promise.reject(new Error('listing the tags of ghcr.io/acme/app answered 403 DENIED')),
      deleteTag: async () => ({ deleted: true }),
      pushAccess: async () => ({ kind: 'ok' }),
    };
    const { run, creates } = setUp({ platforms: 'linux/amd64', tags: 'latest' }, []);
    const error = await run(undefined, api);
    expect(error.line).toMatch(
      /^merge: cannot list the handoff tags of ghcr\.io\/acme\/app: listing the tags .* 403 DENIED — nothing was pushed$/,
    );
    expect(creates()).toEqual([]);
  });
});

describe('a leg that built several platforms', () => {
  const arm = leg({ platforms: ['linux/arm64', 'linux/arm/v7'], c: 'c' });
  const amd64 = leg({ platforms: ['linux/amd64'], c: 'a' });

  it('all of its platforms: its index is one source (not one per platform)', async () => {
    const published = merged([
      ['linux/amd64', D('a0')],
      ['linux/arm64', D('c0')],
      ['linux/arm/v7', D('c1')],
    ]);
    const { run, creates } = setUp(
      { platforms: 'linux/amd64,linux/arm64,linux/arm/v7', tags: 'latest', handoff: 'cache' },
      [arm.rule, amd64.rule, latest(published)],
    );
    expect(await run(await cached(arm, amd64))).toBeUndefined();
    expect(creates()[0]?.slice(6)).toEqual([
      `${IMAGE}@${amd64.record.digest}`,
      `${IMAGE}@${arm.record.digest}`,
    ]);
  });

  it('part of its platforms: each taken platform’s manifest and its attestation, as descriptor files', async () => {
    const published = merged([
      ['linux/amd64', D('a0')],
      ['linux/arm64', D('c0')],
    ]);
    const { step, run, creates } = setUp(
      { platforms: 'linux/amd64,linux/arm64', tags: 'latest', handoff: 'cache' },
      [arm.rule, amd64.rule, latest(published)],
    );
    expect(await run(await cached(arm, amd64))).toBeUndefined();
    const files = (creates()[0] ?? []).filter((_, i, a) => a[i - 1] === '--file');
    const { readFileSync } = await import('node:fs');
    const descriptors = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as { digest: string });
    expect(descriptors.map((d) => d.digest).sort()).toEqual([D('a0'), D('a5'), D('c0'), D('c5')].sort());
    expect(step.saved.get('tempDir')).toBeTruthy();
  });
});

describe('push: false: a dry run', () => {
  const amd64 = leg({ platforms: ['linux/amd64'], c: 'a' });
  const arm64 = leg({ platforms: ['linux/arm64'], c: 'b' });

  it('checks the legs, prints the index imagetools would publish, pushes and removes nothing', async () => {
    const index = merged(
      [
        ['linux/amd64', D('a0')],
        ['linux/arm64', D('b0')],
      ],
      { k: 'v' },
    );
    const { tags, rules } = tagged(amd64, arm64);
    const { api, deleted } = fakeApi(tags);
    const { step, run, creates, summary } = setUp(
      { platforms: 'linux/amd64,linux/arm64', tags: 'latest', push: 'false', annotations: 'index:k=v' },
      [...rules, amd64.rule, arm64.rule, { match: / --dry-run$/, answer: { stdout: `${index}\n` } }],
    );
    expect(await run(undefined, api)).toBeUndefined();
    expect(creates()).toHaveLength(1);
    expect(creates()[0]?.at(-1)).toBe('--dry-run');
    expect(deleted).toEqual([]);
    expect(step.outputValues.get('digest')).toBe(sha256(index));
    expect(step.outputValues.get('tags')).toBe('');
    expect(summary.details?.body).toBe(index);
    expect(renderSummary(summary)).toContain(
      '**Dry run:** push: false — nothing was pushed; a merge with push would publish <code>ghcr.io/acme/app:latest</code>',
    );
  });

  it('still refuses what a real merge refuses (a missing platform)', async () => {
    const { tags, rules } = tagged(amd64);
    const { run, creates } = setUp({ platforms: 'linux/amd64,linux/arm64', tags: 'latest', push: 'false' }, [
      ...rules,
      amd64.rule,
    ]);
    expect((await run(undefined, fakeApi(tags).api)).line).toMatch(
      /^merge: no leg was handed off \(tags\) for linux\/arm64/,
    );
    expect(creates()).toEqual([]);
  });

  it('legs that pushed nothing (push: false through tags): nothing to check, said so, exit 0', async () => {
    const { step, run, creates } = setUp(
      { platforms: 'linux/amd64,linux/arm64', tags: 'latest', push: 'false' },
      [],
    );
    expect(await run(undefined, fakeApi([]).api)).toBeUndefined();
    expect(creates()).toEqual([]);
    expect(step.log.at('notice')[0]).toMatch(
      /^Dry run \(push: false\): nothing was pushed; the index cannot be shown: no leg of this run was handed off/,
    );
  });

  it('a dry run that looked in the Actions cache and found no leg: the legs are missing (push: false legs leave records there)', async () => {
    for (const handoff of ['cache', 'auto']) {
      const { run, creates } = setUp(
        { platforms: 'linux/amd64,linux/arm64', tags: 'latest', push: 'false', handoff },
        [],
      );
      const error = await run(new MemoryStore(), fakeApi([]).api);
      expect(error.line).toMatch(
        /^merge: no leg was handed off \(cache( or tags)?\) for linux\/amd64, linux\/arm64/,
      );
      expect(creates()).toEqual([]);
    }
  });

  it('build-only records (legs with push: false through the cache): run, variant and configuration checked, nothing read', async () => {
    const a = leg({ platforms: ['linux/amd64'], c: 'a', pushed: false });
    const b = leg({ platforms: ['linux/arm64'], c: 'b', pushed: false, values: { target: 'other' } });
    const { run } = setUp(
      { platforms: 'linux/amd64,linux/arm64', tags: 'latest', push: 'false', handoff: 'cache' },
      [],
    );
    expect((await run(await cached(a, b))).line).toMatch(
      /were built from different configurations \(differing in target\)/,
    );
    const c = leg({ platforms: ['linux/arm64'], c: 'b', pushed: false });
    const ok = setUp(
      { platforms: 'linux/amd64,linux/arm64', tags: 'latest', push: 'false', handoff: 'cache' },
      [],
    );
    expect(await ok.run(await cached(a, c))).toBeUndefined();
    expect(ok.step.exec.commands.filter((x) => x.includes('imagetools'))).toEqual([]);
    expect(ok.summary.rows.map((r) => r.platform)).toEqual(['linux/amd64', 'linux/arm64']);
  });
});

describe('sources from another repository with platform-overrides', () => {
  it('copies each source into the target repository by digest first, then creates from descriptor files', async () => {
    const OTHER = 'registry.example.com/acme/app';
    const amd64 = legIndex('a', ['linux/amd64']);
    const arm = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: D('f'),
          size: 3,
          platform: { os: 'linux', architecture: 'arm' },
        },
      ],
    });
    const published = merged([
      ['linux/amd64', D('a0')],
      ['linux/arm/v7', D('f')],
    ]);
    const { run, creates } = setUp(
      {
        image: OTHER,
        sources: `${IMAGE}:amd64,${IMAGE}:legacy-arm`,
        platforms: 'linux/amd64,linux/arm/v7',
        'platform-overrides': 'linux/arm=linux/arm/v7',
        tags: 'latest',
      },
      [
        { match: / imagetools inspect --raw ghcr.io\/acme\/app:amd64$/, answer: { stdout: amd64 } },
        { match: / imagetools inspect --raw ghcr.io\/acme\/app:legacy-arm$/, answer: { stdout: arm } },
        {
          match: / imagetools inspect --raw registry\.example\.com\/acme\/app:latest$/,
          answer: { stdout: published },
        },
      ],
    );
    expect(await run()).toBeUndefined();
    const all = creates();
    // Each entry by digest, as itself: amd64's manifest and attestation, the arm manifest.
    expect(all.slice(0, 3).map((c) => c.slice(-4))).toEqual(
      [D('a0'), D('a5'), D('f')].map((d) => [
        '--prefer-index=false',
        '--tag',
        `${OTHER}@${d}`,
        `${IMAGE}@${d}`,
      ]),
    );
    const all2 = all.slice(1);
    expect(all2[2]).toContain('--file');
    expect(all2[2]).toContain(`${OTHER}:latest`);
  });
});
