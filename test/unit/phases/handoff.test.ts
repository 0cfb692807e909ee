import { describe, expect, it } from 'vitest';
import { ActionError } from '../../../src/runner/errors.js';
import {
  defaultTagBase,
  handoffKey,
  handoffKeyPrefix,
  legRecord,
  legTags,
  recordLeg,
  resolveHandoff,
  type HandoffStore,
  type LegRecord,
  type ResolvedHandoff,
} from '../../../src/phases/handoff.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import type { HandoffMode, Inputs } from '../../../src/inputs/types.js';
import { parsePlatform, type Platform } from '../../../src/model/platforms.js';
import { MemoryStore } from '../../support/fake-step.js';
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

describe('legTags', () => {
  it.each(
    named<{
      name: string;
      images: string[];
      tags: string[];
      platform: string;
      env: NodeJS.ProcessEnv;
      expected: string[];
    }>([
      {
        name: 'bare tags: one per tag, suffixed with the platform',
        images: [IMAGE],
        tags: ['1.2.3', 'latest'],
        platform: 'linux/arm/v7',
        env: RUN,
        expected: [`${IMAGE}:1.2.3-linux-arm-v7`, `${IMAGE}:latest-linux-arm-v7`],
      },
      {
        name: 'arm/v6 keeps its variant',
        images: [IMAGE],
        tags: ['1.2.3'],
        platform: 'linux/arm/v6',
        env: RUN,
        expected: [`${IMAGE}:1.2.3-linux-arm-v6`],
      },
      {
        name: 'full references (metadata-action style) are suffixed in their own repository',
        images: [IMAGE],
        tags: ['ghcr.io/acme/app:1.2.3', 'ghcr.io/acme/app:latest'],
        platform: 'linux/arm64',
        env: RUN,
        expected: ['ghcr.io/acme/app:1.2.3-linux-arm64', 'ghcr.io/acme/app:latest-linux-arm64'],
      },
      {
        name: 'no tags: run-<run id> base',
        images: [IMAGE],
        tags: [],
        platform: 'linux/amd64',
        env: RUN,
        expected: [`${IMAGE}:run-4242-linux-amd64`],
      },
      {
        name: 'no tags outside Actions: run-local base',
        images: [IMAGE],
        tags: [],
        platform: 'linux/amd64',
        env: {},
        expected: [`${IMAGE}:run-local-linux-amd64`],
      },
      {
        name: 'several images: each bare tag in every image',
        images: [IMAGE, MIRROR],
        tags: ['1.2.3'],
        platform: 'linux/arm64',
        env: RUN,
        expected: [`${IMAGE}:1.2.3-linux-arm64`, `${MIRROR}:1.2.3-linux-arm64`],
      },
      {
        name: 'several images, no tags',
        images: [IMAGE, MIRROR],
        tags: [],
        platform: 'linux/arm/v7',
        env: RUN,
        expected: [`${IMAGE}:run-4242-linux-arm-v7`, `${MIRROR}:run-4242-linux-arm-v7`],
      },
      {
        name: 'a bare tag and the same full reference: listed once',
        images: [IMAGE],
        tags: ['latest', 'ghcr.io/acme/app:latest'],
        platform: 'linux/amd64',
        env: RUN,
        expected: [`${IMAGE}:latest-linux-amd64`],
      },
    ]),
  )('%s', (_name, { images, tags, platform, env, expected }) => {
    expect(legTags(images, tags, p(platform), ctxOf(env).runId)).toEqual(expected);
  });

  it('defaultTagBase is run-<run id>', () => {
    expect(defaultTagBase(ctxOf({ GITHUB_RUN_ID: '77' }).runId)).toBe('run-77');
  });
});

describe('handoff keys', () => {
  const imageSets = [[IMAGE], [MIRROR], [IMAGE, MIRROR]];
  const platforms = ['linux/arm/v6', 'linux/arm/v7', 'linux/arm64', 'linux/amd64'].map(p);
  const runs = ['1', '12', '123'];
  const attempts = ['1', '2', '12'];
  const combos = imageSets.flatMap((images) =>
    platforms.flatMap((platform) =>
      runs.flatMap((run) =>
        attempts.map((attempt) => ({
          images,
          platform,
          env: { GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt },
        })),
      ),
    ),
  );

  it.each(
    named<{ name: string; images: string[]; platform: string; env: NodeJS.ProcessEnv; expected: RegExp }>([
      {
        name: 'names image set, platform, run id and attempt',
        images: [IMAGE],
        platform: 'linux/arm/v7',
        env: { GITHUB_RUN_ID: '555', GITHUB_RUN_ATTEMPT: '2' },
        expected: /^multiarch-handoff-[0-9a-f]{12}-linux-arm-v7-555-2$/,
      },
      {
        name: 'outside Actions: run local, attempt 1',
        images: [IMAGE],
        platform: 'linux/amd64',
        env: {},
        expected: /^multiarch-handoff-[0-9a-f]{12}-linux-amd64-local-1$/,
      },
    ]),
  )('%s', (_name, { images, platform, env, expected }) => {
    expect(handoffKey(images, p(platform), ctxOf(env))).toMatch(expected);
  });

  it('are collision-free across image sets, arm/v6 vs arm/v7, runs and attempts', () => {
    const keys = combos.map(({ images, platform, env }) => handoffKey(images, platform, ctxOf(env)));
    expect(new Set(keys).size).toBe(combos.length);
  });

  it('a prefix matches only the keys of its own image set, platform and run', () => {
    for (const a of combos) {
      const prefix = handoffKeyPrefix(a.images, a.platform, ctxOf(a.env).runId);
      for (const b of combos) {
        const same =
          a.images.join() === b.images.join() &&
          a.platform === b.platform &&
          a.env.GITHUB_RUN_ID === b.env.GITHUB_RUN_ID;
        expect(handoffKey(b.images, b.platform, ctxOf(b.env)).startsWith(prefix)).toBe(same);
      }
    }
  });

  it('a re-run attempt gets a new key under the same prefix', () => {
    const first = ctxOf({ GITHUB_RUN_ID: '900', GITHUB_RUN_ATTEMPT: '1' });
    const rerun = ctxOf({ GITHUB_RUN_ID: '900', GITHUB_RUN_ATTEMPT: '2' });
    const platform = p('linux/arm64');
    expect(handoffKey([IMAGE], platform, rerun)).not.toBe(handoffKey([IMAGE], platform, first));
    expect(handoffKeyPrefix([IMAGE], platform, rerun.runId)).toBe(
      handoffKeyPrefix([IMAGE], platform, first.runId),
    );
    expect(
      handoffKey([IMAGE], platform, rerun).startsWith(handoffKeyPrefix([IMAGE], platform, first.runId)),
    ).toBe(true);
  });

  it('does not depend on the order images are listed in', () => {
    const platform = p('linux/amd64');
    expect(handoffKey([MIRROR, IMAGE], platform, ctxOf(RUN))).toBe(
      handoffKey([IMAGE, MIRROR], platform, ctxOf(RUN)),
    );
  });
});

describe('legRecord', () => {
  it('records platform, the leg’s platforms, images, digest, run, attempt and job', () => {
    const inputs = read({
      mode: 'build',
      image: `${IMAGE},${MIRROR}`,
      platforms: 'linux/arm/v6,linux/arm/v7',
    });
    expect(
      legRecord(
        inputs,
        p('linux/arm/v6'),
        inputs.platforms,
        DIGEST,
        ctxOf({ ...RUN, GITHUB_RUN_ATTEMPT: '3' }),
      ),
    ).toEqual({
      version: 1,
      platform: 'linux/arm/v6',
      legPlatforms: ['linux/arm/v6', 'linux/arm/v7'],
      images: [IMAGE, MIRROR],
      digest: DIGEST,
      runId: '4242',
      runAttempt: '3',
      job: 'build',
    } satisfies LegRecord);
  });
});

describe('recordLeg with an in-memory HandoffStore', () => {
  const leg = (platforms: string, handoff = 'cache') =>
    read({ mode: 'build', image: `${IMAGE},${MIRROR}`, platforms, handoff });
  const envFor = (attempt: string, job = 'build', extra: NodeJS.ProcessEnv = {}) =>
    ctxOf({ GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: attempt, GITHUB_JOB: job, ...extra });

  it('saves one record per platform of the leg, under its handoff key', async () => {
    const ctx = envFor('1');
    const inputs = leg('linux/arm/v6,linux/arm/v7');
    const store = new MemoryStore();
    const handoff = await recordLeg(ctx, inputs, inputs.platforms, DIGEST, store);

    const [v6, v7] = inputs.platforms.map((platform) => handoffKey(inputs.images, platform, ctx)) as [
      string,
      string,
    ];
    const record = (platform: string): LegRecord => ({
      version: 1,
      platform,
      legPlatforms: ['linux/arm/v6', 'linux/arm/v7'],
      images: [IMAGE, MIRROR],
      digest: DIGEST,
      runId: '4242',
      runAttempt: '1',
      job: 'build',
    });
    expect(store.entries).toEqual(
      new Map([
        [v6, record('linux/arm/v6')],
        [v7, record('linux/arm/v7')],
      ]),
    );
    expect(handoff).toEqual({ mode: 'cache', refs: [`cache:${v6}`, `cache:${v7}`] });
  });

  it('handoff: auto uses the cache when ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are set', async () => {
    const ctx = envFor('1', 'build', { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://results/' });
    const inputs = leg('linux/arm64', 'auto');
    const store = new MemoryStore();
    await recordLeg(ctx, inputs, inputs.platforms, DIGEST, store);
    expect([...store.entries.keys()]).toEqual([handoffKey(inputs.images, p('linux/arm64'), ctx)]);
  });

  it('handoff: auto without the cache service hands off by tags and saves nothing', async () => {
    const inputs = leg('linux/arm64', 'auto');
    const store = new MemoryStore();
    const handoff = await recordLeg(envFor('1'), inputs, inputs.platforms, DIGEST, store);
    expect(store.entries.size).toBe(0);
    expect(handoff).toEqual({
      mode: 'tags',
      refs: [`${IMAGE}:run-4242-linux-arm64`, `${MIRROR}:run-4242-linux-arm64`],
    });
  });

  it('the merge job finds every platform’s record, and a re-run leg’s newer record wins', async () => {
    const store = new MemoryStore();
    // Attempt 1: the amd64 and arm64 legs both run.
    for (const platforms of ['linux/amd64', 'linux/arm64']) {
      const inputs = leg(platforms);
      await recordLeg(envFor('1', `build-${platforms.slice(6)}`), inputs, inputs.platforms, DIGEST, store);
    }
    // Attempt 2 ("re-run failed jobs"): only the arm64 leg runs again, with a new digest.
    const arm64 = leg('linux/arm64');
    await recordLeg(envFor('2', 'build-arm64'), arm64, arm64.platforms, DIGEST2, store);

    // The merge job of attempt 2 looks both up the way the merge does (images as the merge job lists them).
    const merge = envFor('2', 'merge');
    const mergeImages = [MIRROR, IMAGE];
    const found = await Promise.all(
      ['linux/amd64', 'linux/arm64'].map((text) =>
        store.load(
          handoffKeyPrefix(mergeImages, p(text), merge.runId),
          handoffKey(mergeImages, p(text), merge),
        ),
      ),
    );
    expect(found.map((r) => r && [r.platform, r.digest, r.runAttempt, r.job])).toEqual([
      ['linux/amd64', DIGEST, '1', 'build-amd64'],
      ['linux/arm64', DIGEST2, '2', 'build-arm64'],
    ]);
  });

  it('a record of another run is not found', async () => {
    const store = new MemoryStore();
    const inputs = leg('linux/amd64');
    await recordLeg(envFor('1'), inputs, inputs.platforms, DIGEST, store);
    const other = ctxOf({ GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' });
    const platform = p('linux/amd64');
    expect(
      await store.load(
        handoffKeyPrefix(inputs.images, platform, other.runId),
        handoffKey(inputs.images, platform, other),
      ),
    ).toBeUndefined();
  });

  it.each(
    named<{ name: string; digest?: string; store: HandoffStore; message: RegExp; input?: string }>([
      {
        name: 'no digest from the build',
        store: new MemoryStore(),
        message: /^the build reported no digest/,
      },
      {
        name: 'the cache refuses the record: names handoff: tags as the way out',
        digest: DIGEST,
        store: {
          save: () => Promise.reject(new Error('Cache service responded with 503')),
          load: () => Promise.resolve(undefined),
        },
        message:
          /^could not save multiarch-handoff-.* \(Cache service responded with 503\); set handoff: tags/,
        input: 'handoff',
      },
    ]),
  )('fails in the handoff phase on %s', async (_name, { digest, store, message, input }) => {
    const inputs = leg('linux/amd64');
    const error = await recordLeg(envFor('1'), inputs, inputs.platforms, digest, store).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).phase).toBe('handoff');
    expect((error as ActionError).message).toMatch(message);
    expect((error as ActionError).input).toBe(input);
  });
});
