import { describe, expect, it } from 'vitest';
import { ActionError } from '../../../src/runner/errors.js';
import { buildxHandle } from '../../../src/buildx/buildx.js';
import {
  compareExisting,
  HANDOFF_ANNOTATION,
  handoffKey,
  handoffKeyPrefix,
  handoffTag,
  handoffTagPattern,
  recordOf,
  resolveHandoff,
  type HandoffStore,
  type LegRecord,
  type ResolvedHandoff,
} from '../../../src/phases/handoff.js';
import { recordLeg, type LegBuild } from '../../../src/phases/handoff-leg.js';
import { actionsCacheStore, type CacheClient } from '../../../src/phases/handoff-store.js';
import { buildConfig } from '../../../src/phases/fingerprint.js';
import { Registry } from '../../../src/registry/client.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputs } from '../../../src/inputs/inputs.js';
import type { HandoffMode, Inputs } from '../../../src/inputs/types.js';
import { parsePlatform, type Platform } from '../../../src/model/platforms.js';
import { fakeStep, MemoryStore, type Rule } from '../../support/fake-step.js';
import { ctxOf } from '../../support/unit.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
const read = (values: Record<string, string>): Inputs => {
  const map = new Map(Object.entries(values));
  return readInputs((name) => map.get(name) ?? '');
};
const p = (text: string): Platform => parsePlatform(text);

const IMAGE = 'ghcr.io/acme/app';
const MIRROR = 'docker.io/acme/app';
const DIGEST = `sha256:${'1'.repeat(64)}`;
const DIGEST2 = `sha256:${'2'.repeat(64)}`;
const RUN = { GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'build' };

describe('resolveHandoff', () => {
  it.each(
    named<{ name: string; mode: HandoffMode; env: NodeJS.ProcessEnv; expected: ResolvedHandoff }>([
      {
        name: 'auto with ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL → cache',
        mode: 'auto',
        env: {
          ACTIONS_RUNTIME_TOKEN: 't',
          ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/',
        },
        expected: 'cache',
      },
      {
        name: 'auto with ACTIONS_RUNTIME_TOKEN and the legacy ACTIONS_CACHE_URL → cache',
        mode: 'auto',
        env: { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: 'https://ghes.example.com/_services/cache/' },
        expected: 'cache',
      },
      {
        name: 'auto with only the token → tags',
        mode: 'auto',
        env: { ACTIONS_RUNTIME_TOKEN: 't' },
        expected: 'tags',
      },
      {
        name: 'auto with only the URL → tags',
        mode: 'auto',
        env: { ACTIONS_RESULTS_URL: 'https://r/' },
        expected: 'tags',
      },
      { name: 'auto with neither → tags', mode: 'auto', env: {}, expected: 'tags' },
      {
        name: 'tags stays tags with the cache service',
        mode: 'tags',
        env: { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://r/' },
        expected: 'tags',
      },
      { name: 'cache stays cache without it', mode: 'cache', env: {}, expected: 'cache' },
    ]),
  )('%s', (_name, { mode, env, expected }) => {
    expect(resolveHandoff(mode, ctxOf(env).cacheService)).toBe(expected);
  });

  it.each([
    ['auto', 'docker', 'tags'],
    ['auto', 'docker-container', 'cache'],
    ['auto', 'remote', 'cache'],
    ['cache', 'docker', 'cache'],
  ] as const)(
    'with the cache service, %s on driver %s → %s (docker cannot push by digest)',
    (mode, driver, expected) => {
      const env = { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://r/' };
      expect(resolveHandoff(mode, ctxOf(env).cacheService, driver)).toBe(expected);
    },
  );
});

describe('handoff keys', () => {
  const imageSets = [[IMAGE], [MIRROR], [IMAGE, MIRROR]];
  const variants = ['', 'slim', 'full', 'slim-linux'];
  const platforms = ['linux/arm/v6', 'linux/arm/v7', 'linux/arm64', 'linux/amd64'].map(p);
  const runs = ['1', '12', '123'];
  const attempts = ['1', '2', '12'];
  const combos = imageSets.flatMap((images) =>
    variants.flatMap((variant) =>
      platforms.flatMap((platform) =>
        runs.flatMap((run) =>
          attempts.map((attempt) => ({
            images,
            variant,
            platform,
            env: { GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt },
          })),
        ),
      ),
    ),
  );

  it.each(
    named<{ name: string; variant: string; platform: string; env: NodeJS.ProcessEnv; expected: RegExp }>([
      {
        name: 'names image set and variant (hashed), variant, platform, run id and attempt',
        variant: 'slim',
        platform: 'linux/arm/v7',
        env: { GITHUB_RUN_ID: '555', GITHUB_RUN_ATTEMPT: '2' },
        expected: /^multiarch-handoff-[0-9a-f]{12}-slim-linux-arm-v7-555-2$/,
      },
      {
        name: 'no variant',
        variant: '',
        platform: 'linux/arm/v7',
        env: { GITHUB_RUN_ID: '555', GITHUB_RUN_ATTEMPT: '2' },
        expected: /^multiarch-handoff-[0-9a-f]{12}-linux-arm-v7-555-2$/,
      },
      {
        name: 'outside Actions: run local, attempt 1',
        variant: '',
        platform: 'linux/amd64',
        env: {},
        expected: /^multiarch-handoff-[0-9a-f]{12}-linux-amd64-local-1$/,
      },
    ]),
  )('%s', (_name, { variant, platform, env, expected }) => {
    expect(handoffKey([IMAGE], variant, p(platform), ctxOf(env))).toMatch(expected);
  });

  it('are collision-free across image sets, variants, arm/v6 vs arm/v7, runs and attempts', () => {
    const keys = combos.map((c) => handoffKey(c.images, c.variant, c.platform, ctxOf(c.env)));
    expect(new Set(keys).size).toBe(combos.length);
  });

  it('a prefix matches only the keys of its own image set, variant, platform and run', () => {
    for (const a of combos.filter((_, i) => i % 7 === 0)) {
      const prefix = handoffKeyPrefix(a.images, a.variant, a.platform, ctxOf(a.env).runId);
      for (const b of combos) {
        const same =
          a.images.join() === b.images.join() &&
          a.variant === b.variant &&
          a.platform === b.platform &&
          a.env.GITHUB_RUN_ID === b.env.GITHUB_RUN_ID;
        expect(handoffKey(b.images, b.variant, b.platform, ctxOf(b.env)).startsWith(prefix)).toBe(same);
      }
    }
  });

  it('does not depend on the order images are listed in', () => {
    const platform = p('linux/amd64');
    expect(handoffKey([MIRROR, IMAGE], '', platform, ctxOf(RUN))).toBe(
      handoffKey([IMAGE, MIRROR], '', platform, ctxOf(RUN)),
    );
  });
});

describe('handoff tags', () => {
  const FP = 'abcdef012345';
  it.each([
    ['4242', '', 'linux/amd64', 'run-4242-linux-amd64-abcdef012345'],
    ['4242', 'slim', 'linux/arm/v7', 'run-4242-slim-linux-arm-v7-abcdef012345'],
    ['4242', 'slim', 'linux/arm/v6', 'run-4242-slim-linux-arm-v6-abcdef012345'],
    ['local', '', 'linux/arm64', 'run-local-linux-arm64-abcdef012345'],
  ])('run %s, variant "%s", %s → %s', (run, variant, platform, tag) => {
    expect(handoffTag(run, variant, p(platform), FP)).toBe(tag);
  });

  it('a pattern matches its own run, variant and platform, any fingerprint, nothing else', () => {
    const runs = ['1', '12'];
    const variants = ['', 'slim', 'linux', 'slim-linux', 'linux-amd64'];
    const platforms = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6'].map(p);
    const all = runs.flatMap((r) => variants.flatMap((v) => platforms.map((pl) => ({ r, v, pl }))));
    for (const a of all) {
      const pattern = handoffTagPattern(a.r, a.v, a.pl);
      for (const b of all)
        for (const fp of [FP, '000000000000']) {
          const same = a.r === b.r && a.v === b.v && a.pl === b.pl;
          expect(
            pattern.test(handoffTag(b.r, b.v, b.pl, fp)),
            `${handoffTag(b.r, b.v, b.pl, fp)} ~ ${pattern}`,
          ).toBe(same);
        }
      // The tags legs with `tags: main` used to push, and earlier runs' tags, never match.
      expect(pattern.test(`main-${a.pl.os}-${a.pl.arch}`)).toBe(false);
    }
  });

  it('every handoff tag is a valid tag, even with the longest variant and run id', () => {
    const tag = handoffTag('99999999999999999999', 'v'.repeat(40), p('linux/arm/v7'), FP);
    expect(tag.length).toBeLessThanOrEqual(128);
    expect(tag).toMatch(/^[\w][\w.-]{0,127}$/);
  });
});

const record = (over: Partial<LegRecord> = {}): LegRecord => ({
  version: 2,
  images: [IMAGE],
  variant: '',
  platforms: ['linux/amd64'],
  emulated: [],
  digest: DIGEST,
  pushed: true,
  runId: '4242',
  runAttempt: '1',
  job: 'build',
  config: {
    fingerprint: 'f'.repeat(12),
    inputs: { context: 'c', file: 'f', target: 't', 'build-args': 'b', 'build-contexts': 'x' },
  },
  ...over,
});

describe('recordOf', () => {
  it('reads the record a handoff tag’s index carries', () => {
    const r = record();
    expect(recordOf({ annotations: { [HANDOFF_ANNOTATION]: JSON.stringify(r) } })).toEqual(r);
  });
  it.each([
    ['no annotations', {}],
    ['another annotation only', { annotations: { 'org.opencontainers.image.title': 'x' } }],
    ['not JSON', { annotations: { [HANDOFF_ANNOTATION]: '{nope' } }],
    [
      'an older record version',
      { annotations: { [HANDOFF_ANNOTATION]: JSON.stringify({ ...record(), version: 1 }) } },
    ],
    [
      'no fingerprint',
      { annotations: { [HANDOFF_ANNOTATION]: JSON.stringify({ ...record(), config: {} }) } },
    ],
  ])('%s → none', (_name, index) => {
    expect(recordOf(index)).toBeUndefined();
  });
});

describe('compareExisting', () => {
  const other = (over: Partial<LegRecord>) => record(over);
  it.each(
    named<{
      name: string;
      existing?: LegRecord;
      mine?: Partial<LegRecord>;
      kind: string;
      configDiffers?: boolean;
    }>([
      { name: 'nothing there', kind: 'none' },
      { name: 'the same build again (a re-run of the step)', existing: other({}), kind: 'same' },
      {
        name: 'an earlier attempt, same configuration',
        existing: other({ runAttempt: '1', digest: DIGEST2 }),
        mine: { runAttempt: '2' },
        kind: 'earlier',
      },
      {
        name: 'another configuration (a variant without variant)',
        existing: other({ config: { ...record().config, fingerprint: '0'.repeat(12) } }),
        kind: 'clash',
        configDiffers: true,
      },
      {
        name: 'same configuration, same attempt, another digest (a platform built twice)',
        existing: other({ digest: DIGEST2 }),
        kind: 'clash',
        configDiffers: false,
      },
      {
        name: 'a later attempt is never replaced by an earlier one',
        existing: other({ runAttempt: '3', digest: DIGEST2 }),
        mine: { runAttempt: '2' },
        kind: 'clash',
        configDiffers: false,
      },
    ]),
  )('%s', (_name, { existing, mine, kind, configDiffers }) => {
    const found = compareExisting(record(mine), existing);
    expect(found.kind).toBe(kind);
    if (found.kind === 'clash') expect(found.configDiffers).toBe(configDiffers);
  });
});

const build = (platforms: string, over: Partial<LegBuild> = {}): LegBuild => ({
  platforms: platforms.split(',').map(p),
  emulated: [],
  digest: DIGEST,
  pushed: true,
  ...over,
});

/** A leg's step, its Registry (buildx scripted), and recordLeg bound to them. */
function legStep(env: NodeJS.ProcessEnv = {}, rules: Rule[] = []) {
  const step = fakeStep({ env: { GITHUB_RUN_ID: '4242', GITHUB_JOB: 'build', ...env }, rules });
  const registry = new Registry(step, buildxHandle(step.exec, '/usr/bin/buildx'));
  const run = (
    inputs: Inputs,
    b: LegBuild,
    store: HandoffStore,
    previous?: Map<string, LegRecord | undefined>,
  ) =>
    recordLeg(step, registry, inputs, b, previous, store).then(
      (h) => h,
      (e: unknown) => e as ActionError,
    );
  return { step, run };
}

describe('recordLeg through the cache (HandoffStore seam: the Actions cache service cannot run here)', () => {
  const leg = (values: Record<string, string> = {}) =>
    read({ mode: 'build', image: `${IMAGE},${MIRROR}`, handoff: 'cache', ...values });

  it('saves one record per platform of the leg, with what identifies the build', async () => {
    const { step, run } = legStep({ GITHUB_RUN_ATTEMPT: '3' });
    const inputs = leg({ platforms: 'linux/arm64,linux/arm/v7', variant: 'slim', target: 'slim' });
    const store = new MemoryStore();
    const handoff = await run(
      inputs,
      build('linux/arm64,linux/arm/v7', { emulated: [p('linux/arm64'), p('linux/arm/v7')] }),
      store,
    );
    const keys = inputs.platforms.map((pl) => handoffKey(inputs.images, 'slim', pl, step.ctx));
    expect(handoff).toEqual({ mode: 'cache', refs: keys.map((k) => `cache:${k}`) });
    const expected: LegRecord = {
      version: 2,
      images: [IMAGE, MIRROR],
      variant: 'slim',
      platforms: ['linux/arm64', 'linux/arm/v7'],
      emulated: ['linux/arm64', 'linux/arm/v7'],
      digest: DIGEST,
      pushed: true,
      runId: '4242',
      runAttempt: '3',
      job: 'build',
      config: buildConfig(inputs, step.ctx.workspace, '4242'),
    };
    expect([...store.entries]).toEqual(keys.map((k) => [k, expected]));
  });

  it('a key another variant’s leg holds (saveCache returned -1): fails naming variant and the input that differs', async () => {
    const store = new MemoryStore();
    const slim = legStep();
    expect(
      await slim.run(leg({ platforms: 'linux/amd64', target: 'slim' }), build('linux/amd64'), store),
    ).not.toBeInstanceOf(ActionError);
    const full = legStep();
    const error = (await full.run(
      leg({ platforms: 'linux/amd64', target: 'full' }),
      build('linux/amd64', { digest: DIGEST2 }),
      store,
    )) as ActionError;
    expect(error).toBeInstanceOf(ActionError);
    expect(error.line).toMatch(
      /^handoff: the Actions cache key multiarch-handoff-\S+ already holds leg build \(linux\/amd64, attempt 1\), built from another configuration \(differing in target\) — .*variant: slim\) — nothing was handed off$/,
    );
    expect(error.input).toBe('variant');
    // The refused leg leaves its record under a clash key, for a merge that runs anyway.
    const keys = [...store.entries.keys()];
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(/^multiarch-handoff-clash-[0-9a-f]{12}-linux-amd64-4242-[0-9a-f]{12}$/);
    expect(store.entries.get(keys[1] as string)?.digest).toBe(DIGEST2);
  });

  it('the same platform built twice with one configuration: fails; the same digest again (a re-run): kept', async () => {
    const store = new MemoryStore();
    const inputs = leg({ platforms: 'linux/amd64' });
    await legStep().run(inputs, build('linux/amd64'), store);
    const again = legStep();
    const same = await again.run(inputs, build('linux/amd64'), store);
    expect(same).not.toBeInstanceOf(ActionError);
    expect(again.step.log.at('info').join('\n')).toMatch(/already holds this leg's record/);
    const twice = (await legStep().run(
      inputs,
      build('linux/amd64', { digest: DIGEST2 }),
      store,
    )) as ActionError;
    expect(twice.line).toMatch(
      /with another digest \(sha256:111111111111\) for the same configuration — two legs of this run build linux\/amd64/,
    );
  });

  it('the cache stored nothing and holds nothing (service down): fails, never "Handed off"', async () => {
    const store = new MemoryStore();
    store.down = true;
    const error = (await legStep().run(
      leg({ platforms: 'linux/amd64' }),
      build('linux/amd64'),
      store,
    )) as ActionError;
    expect(error.line).toMatch(
      /^handoff: the Actions cache did not store multiarch-handoff-\S+ and holds nothing under it .*set handoff: tags .*nothing was handed off$/,
    );
    expect(error.input).toBe('handoff');
  });

  it('saveCache throwing: fails naming handoff', async () => {
    const store: HandoffStore = {
      save: () => Promise.reject(new Error('Cache service responded with 503')),
      load: () => Promise.resolve(undefined),
    };
    const error = (await legStep().run(
      leg({ platforms: 'linux/amd64' }),
      build('linux/amd64'),
      store,
    )) as ActionError;
    expect(error.line).toMatch(
      /^handoff: could not save multiarch-handoff-.* \(Cache service responded with 503\); .*set handoff: tags/,
    );
  });

  it('no digest from the build: fails before saving', async () => {
    const store = new MemoryStore();
    const error = (await legStep().run(
      leg({ platforms: 'linux/amd64' }),
      build('linux/amd64', { digest: undefined }),
      store,
    )) as ActionError;
    expect(error.line).toMatch(/^handoff: the build reported no digest/);
    expect(store.entries.size).toBe(0);
  });

  it('push: false: a build-only record (pushed: false) for a dry-run merge', async () => {
    const store = new MemoryStore();
    const inputs = leg({ platforms: 'linux/amd64', push: 'false' });
    const handoff = await legStep().run(inputs, build('linux/amd64', { pushed: false }), store);
    expect(handoff).toMatchObject({ mode: 'cache' });
    expect([...store.entries.values()].map((r) => r.pushed)).toEqual([false]);
  });

  it('a re-run attempt saves under a new key; the merge’s prefix lookup finds the newest', async () => {
    const store = new MemoryStore();
    const inputs = leg({ platforms: 'linux/arm64' });
    await legStep({ GITHUB_RUN_ATTEMPT: '1' }).run(inputs, build('linux/arm64'), store);
    await legStep({ GITHUB_RUN_ATTEMPT: '2' }).run(inputs, build('linux/arm64', { digest: DIGEST2 }), store);
    const merge = ctxOf({ GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '3' });
    const prefix = handoffKeyPrefix([MIRROR, IMAGE], '', p('linux/arm64'), merge.runId);
    expect((await store.load(`${prefix}3`, prefix))?.digest).toBe(DIGEST2);
  });
});

describe('recordLeg through handoff tags', () => {
  const leg = (values: Record<string, string> = {}) =>
    read({ mode: 'build', image: `${IMAGE},${MIRROR}`, handoff: 'tags', ...values });

  /** The registry: each handoff tag answers with the wrapper index the last create wrote for it. */
  function registryRules(): { rules: Rule[]; tags: Map<string, string> } {
    const tags = new Map<string, string>();
    const rules: Rule[] = [
      {
        match: / imagetools create /,
        answer: (argv) => {
          const annotation = argv[argv.indexOf('--annotation') + 1] ?? '';
          const index = JSON.stringify({
            manifests: [],
            annotations: { [HANDOFF_ANNOTATION]: annotation.slice(annotation.indexOf('=') + 1) },
          });
          argv.forEach((a, i) => argv[i - 1] === '--tag' && tags.set(a, index));
          return {};
        },
      },
      {
        match: / imagetools inspect --raw /,
        answer: (argv) => {
          const index = tags.get(argv.at(-1) ?? '');
          return index ? { stdout: index } : { code: 1, stderr: `ERROR: ${argv.at(-1)}: not found` };
        },
      },
    ];
    return { rules, tags };
  }

  it('writes one index carrying the record under a handoff tag per platform, in the first image only, and reads it back', async () => {
    const { rules, tags } = registryRules();
    const { step, run } = legStep({}, rules);
    const inputs = leg({ platforms: 'linux/arm64,linux/arm/v7', variant: 'slim' });
    const handoff = await run(inputs, build('linux/arm64,linux/arm/v7'), new MemoryStore());
    const fp = buildConfig(inputs, step.ctx.workspace, '4242').fingerprint;
    const refs = [`${IMAGE}:run-4242-slim-linux-arm64-${fp}`, `${IMAGE}:run-4242-slim-linux-arm-v7-${fp}`];
    expect(handoff).toEqual({ mode: 'tags', refs });
    const create = step.exec.calls.find((c) => c.argv.includes('create'))?.argv ?? [];
    expect(create.slice(1, 5)).toEqual(['imagetools', 'create', '--progress', 'plain']);
    expect(create.filter((_, i) => create[i - 1] === '--tag')).toEqual(refs);
    expect(create.at(-1)).toBe(`${IMAGE}@${DIGEST}`);
    expect([...tags.keys()]).toEqual(refs);
    expect(recordOf(JSON.parse(tags.get(refs[0] as string) as string))?.platforms).toEqual([
      'linux/arm64',
      'linux/arm/v7',
    ]);
  });

  it('a handoff tag another leg of this attempt holds with another digest: fails before writing', async () => {
    const { rules } = registryRules();
    const { step, run } = legStep({}, rules);
    const inputs = leg({ platforms: 'linux/amd64' });
    const fp = buildConfig(inputs, step.ctx.workspace, '4242').fingerprint;
    const ref = `${IMAGE}:run-4242-linux-amd64-${fp}`;
    const previous = new Map([
      [ref, record({ digest: DIGEST2, config: buildConfig(inputs, step.ctx.workspace, '4242') })],
    ]);
    const error = (await run(inputs, build('linux/amd64'), new MemoryStore(), previous)) as ActionError;
    expect(error.line).toMatch(
      /^handoff: the handoff tag .* already holds leg build \(linux\/amd64, attempt 1\) with another digest/,
    );
    expect(step.exec.commands.some((c) => c.includes(' create '))).toBe(false);
  });

  it('an earlier attempt’s handoff tag is replaced', async () => {
    const { rules } = registryRules();
    const { step, run } = legStep({ GITHUB_RUN_ATTEMPT: '2' }, rules);
    const inputs = leg({ platforms: 'linux/amd64' });
    const config = buildConfig(inputs, step.ctx.workspace, '4242');
    const ref = `${IMAGE}:run-4242-linux-amd64-${config.fingerprint}`;
    const previous = new Map([[ref, record({ digest: DIGEST2, config })]]);
    expect(await run(inputs, build('linux/amd64'), new MemoryStore(), previous)).toEqual({
      mode: 'tags',
      refs: [ref],
    });
  });

  it('overwritten by another leg while writing: the read-back catches it', async () => {
    const { rules, tags } = registryRules();
    const { step, run } = legStep({}, [
      {
        match: / imagetools inspect --raw /,
        answer: (argv) => {
          const other = JSON.stringify({
            annotations: { [HANDOFF_ANNOTATION]: JSON.stringify(record({ digest: DIGEST2 })) },
          });
          return tags.size ? { stdout: other } : { code: 1, stderr: `ERROR: ${argv.at(-1)}: not found` };
        },
      },
      ...rules,
    ]);
    const inputs = leg({ platforms: 'linux/amd64' });
    const error = (await run(inputs, build('linux/amd64'), new MemoryStore())) as ActionError;
    expect(error).toBeInstanceOf(ActionError);
    expect(error.line).toMatch(/^handoff: the handoff tag .* already holds leg build/);
    expect(step.exec.commands.filter((c) => c.includes(' create '))).toHaveLength(1);
  });

  it('push: false: nothing written, nothing handed off', async () => {
    const { step, run } = legStep();
    const handoff = await run(
      leg({ platforms: 'linux/amd64', push: 'false' }),
      build('linux/amd64', { pushed: false }),
      new MemoryStore(),
    );
    expect(handoff).toEqual({ mode: 'tags', refs: [] });
    expect(step.exec.calls).toHaveLength(0);
  });
});

describe('actionsCacheStore over @actions/cache', () => {
  const rec = record();
  function client(saveResult: number, stored?: LegRecord): CacheClient & { saved: string[] } {
    const saved: string[] = [];
    return {
      saved,
      async saveCache(paths, key) {
        saved.push(`${key} ${readFileSync(join(workspace, paths[0] as string), 'utf8').length > 0}`);
        return saveResult;
      },
      async restoreCache(paths, key) {
        if (!stored) return undefined;
        const { mkdirSync, writeFileSync } = await import('node:fs');
        mkdirSync(join(workspace, '.multiarch-handoff'), { recursive: true });
        writeFileSync(join(workspace, paths[0] as string), JSON.stringify(stored));
        return key;
      },
    };
  }
  const workspace = mkdtempSync(join(tmpdir(), 'workspace-'));

  it('saveCache returning an id: stored', async () => {
    const c = client(7);
    expect(await actionsCacheStore(workspace, c).save('k', rec)).toBe(true);
    expect(c.saved).toEqual(['k true']);
  });

  it('saveCache returning -1 (key taken, or the service failed; it does not throw): not stored', async () => {
    expect(await actionsCacheStore(workspace, client(-1)).save('k', rec)).toBe(false);
  });

  it('restoreCache hit: the record; miss: none; the file is removed either way', async () => {
    expect(await actionsCacheStore(workspace, client(1, rec)).load('k')).toEqual(rec);
    expect(await actionsCacheStore(workspace, client(1)).load('k')).toBeUndefined();
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(workspace, '.multiarch-handoff'))).toBe(false);
  });
});
