/**
 * The merge publishes exactly what this run built, or nothing (issue 10): variant matrices, stale
 * per-platform tags, dry runs, legs of several platforms, cross-repository overrides, handoff tag cleanup,
 * emulation in the merge's summary. Every leg and merge is a separate run of dist/ on the real engine and
 * registry, on the default docker-container driver with the locally built BuildKit image (as an air-gapped
 * runner sets it). The Actions cache cannot run here: legs hand off through tags (handoff: auto without the
 * cache service); the cache handoff's decisions are unit tests through the HandoffStore seam
 * (test/unit/phases/handoff.test.ts, test/unit/modes/merge-proof.test.ts) and .github/workflows/e2e.yml.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startActionsCache, type ActionsCacheService } from '../support/actions-cache.js';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  REGISTRY,
  REPOSITORIES,
  builders,
  digestOf,
  docker,
  inspectRaw,
  job,
  platformsOf,
  runAction,
  tagsOf,
  unique,
  type RawIndex,
  imagetoolsCreate,
} from '../support/e2e.js';
import { loginThrough, logoutThrough, startFaultProxy } from '../support/fault-proxy.js';

type Run = Awaited<ReturnType<typeof runAction>>;

/** A context with two variants: `slim` and `full` differ in content, no RUN (nothing to emulate). */
function variantContext(): string {
  const dir = mkdtempSync(join(tmpdir(), 'variants-'));
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      'ARG BASE',
      'FROM ${BASE} AS base',
      'FROM base AS slim',
      'COPY slim.txt /variant',
      'FROM base AS full',
      'COPY full.txt /variant',
      'COPY full.txt /extra',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'slim.txt'), 'slim\n');
  writeFileSync(join(dir, 'full.txt'), 'full\n');
  return dir;
}

const slug = (platform: string) => platform.replace(/\//g, '-');

/**
 * A matrix leg (mode build) of workflow run `runId`: main, then post (its builder removed, as the runner
 * would), in a workspace of its own (the Actions cache tars from there). `env` adds to the step's.
 */
function leg(
  context: string,
  image: string,
  platforms: string,
  inputs: Record<string, string> = {},
  runId = '1000',
  env: Record<string, string> = {},
): Promise<Run> {
  return job(
    {
      mode: 'build',
      context,
      image,
      platforms,
      'build-args': `BASE=${BASE_IMAGE}`,
      ...AIR_GAPPED,
      ...inputs,
    },
    {
      cwd: mkdtempSync(join(tmpdir(), 'workspace-')),
      env: { GITHUB_RUN_ID: runId, GITHUB_JOB: 'build', ...env },
    },
  );
}

function merge(
  image: string,
  inputs: Record<string, string>,
  runId = '1000',
  env: Record<string, string> = {},
) {
  return runAction(
    { mode: 'merge', image, ...inputs },
    {
      cwd: mkdtempSync(join(tmpdir(), 'workspace-')),
      env: { GITHUB_RUN_ID: runId, GITHUB_JOB: 'merge', ...env },
    },
  );
}

/** The image manifest for `platform` in an index, attestations aside. */
function manifestFor(index: RawIndex, platform: string): string | undefined {
  return index.manifests.find(
    (m) =>
      m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' &&
      [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/') === platform,
  )?.digest;
}

/** What a leg built for `platform`: the manifest inside the index it pushed. */
const legManifest = (image: string, run: Run, platform: string) =>
  manifestFor(inspectRaw(`${image}@${run.outputs.digest}`), platform);

afterAll(() => {
  // Nothing of a builder may be left: every leg ran post.
  expect(builders().filter((b) => built.includes(b))).toEqual([]);
});
const built: string[] = [];

describe('variant matrix: one image, legs that differ by target, one merge per variant', () => {
  const context = variantContext();

  describe('without variant: the two variants cannot be told apart, so every merge refuses', () => {
    const image = `${REGISTRY}/e2e/${unique('variants-clash')}`;
    let merges: Run[];

    beforeAll(async () => {
      for (const target of ['slim', 'full'])
        for (const platform of ['linux/amd64', 'linux/arm64']) {
          const run = await leg(context, image, platform, { target });
          expect(run.code, run.error).toBe(0);
          built.push(run.outputs.builder ?? '');
        }
      merges = [
        await merge(image, { platforms: 'linux/amd64,linux/arm64', tags: 'slim' }),
        await merge(image, { platforms: 'linux/amd64,linux/arm64', tags: 'full' }),
      ];
    });

    it('fails before pushing, naming the platform, the legs, the input that differs and the fix (variant)', () => {
      for (const m of merges) {
        expect(m.code).toBe(1);
        expect(m.error).toMatch(
          /^merge: legs of this run handed off linux\/amd64 for 2 build configurations \(.*differing in target.*\).*set variant/,
        );
        expect(m.error).toMatch(/nothing was pushed/);
      }
      expect(digestOf(`${image}:slim`)).toBeUndefined();
      expect(digestOf(`${image}:full`)).toBeUndefined();
    });
  });

  describe('with variant on each variant’s legs and merge', () => {
    const image = `${REGISTRY}/e2e/${unique('variants')}`;
    const legs = new Map<string, Run>();
    let merges: Map<string, Run>;

    beforeAll(async () => {
      for (const variant of ['slim', 'full'])
        for (const platform of ['linux/amd64', 'linux/arm64']) {
          const run = await leg(context, image, platform, { target: variant, variant });
          built.push(run.outputs.builder ?? '');
          legs.set(`${variant} ${platform}`, run);
        }
      merges = new Map();
      for (const variant of ['slim', 'full'])
        merges.set(
          variant,
          await merge(image, { platforms: 'linux/amd64,linux/arm64', tags: variant, variant }),
        );
    });

    it('legs hand off under run-scoped, variant-named per-platform tags', () => {
      for (const [name, run] of legs) {
        expect(run.code, `${name}: ${run.error}`).toBe(0);
        const [variant, platform] = name.split(' ') as [string, string];
        expect(run.outputs.handoff).toMatch(
          new RegExp(`^${image}:run-1000-${variant}-${slug(platform)}-[0-9a-f]{12}$`),
        );
        expect(run.log).toMatch(/Handed off sha256:/);
      }
    });

    it('each merge publishes exactly its own variant’s manifests, for every platform', () => {
      for (const variant of ['slim', 'full']) {
        const m = merges.get(variant) as Run;
        expect(m.code, m.error).toBe(0);
        const index = inspectRaw(`${image}:${variant}`);
        expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64']);
        for (const platform of ['linux/amd64', 'linux/arm64']) {
          expect(manifestFor(index, platform)).toBe(
            legManifest(image, legs.get(`${variant} ${platform}`) as Run, platform),
          );
        }
      }
      expect(digestOf(`${image}:slim`)).not.toBe(digestOf(`${image}:full`));
    });

    it('the summary shows the variant, each platform’s leg, and the arm64 leg as emulated', () => {
      const summary = merges.get('full')?.summary ?? '';
      expect(summary).toMatch(/\*\*Variant:\*\* <code>full<\/code>/);
      expect(summary).toMatch(
        /\| <code>linux\/arm64<\/code> \| <code>sha256:[0-9a-f]{12}<\/code> \| .* \| emulated \|/,
      );
      expect(summary).toMatch(
        /\| <code>linux\/amd64<\/code> \| <code>sha256:[0-9a-f]{12}<\/code> \| .* \| native \|/,
      );
    });

    it('handoff tags the registry refuses to delete (distribution 2.8 answers 400) are listed, not left silently', () => {
      const m = merges.get('slim') as Run;
      const left = tagsOf(image).filter((t) => t.startsWith('run-1000-slim-'));
      expect(left).toHaveLength(2);
      for (const tag of left) expect(m.summary).toContain(tag);
      expect(m.log).toMatch(/::notice::.*handoff tag\(s\) left in .*the registry refuses tag deletion/);
    });

    it('a leg whose handoff tag is overwritten by a leg of another configuration is caught by the merge', async () => {
      // Same variant name, different target: a mistake in the matrix. Both legs hand off; the merge refuses.
      const other = await leg(context, image, 'linux/arm64', { target: 'full', variant: 'slim' });
      built.push(other.outputs.builder ?? '');
      expect(other.code, other.error).toBe(0);
      const before = digestOf(`${image}:slim`);
      const m = await merge(image, { platforms: 'linux/amd64,linux/arm64', tags: 'slim', variant: 'slim' });
      expect(m.code).toBe(1);
      expect(m.error).toMatch(/linux\/arm64 for 2 build configurations \(differing in target\)/);
      expect(digestOf(`${image}:slim`)).toBe(before);
    });
  });
});

describe('stale per-platform tags from an earlier run are never taken', () => {
  const context = variantContext();
  const image = `${REGISTRY}/e2e/${unique('stale')}`;

  it('run 2 with its arm64 leg failed: the merge fails naming linux/arm64, main keeps run 1’s index', async () => {
    const run1: Run[] = [];
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const run = await leg(context, image, platform, { target: 'slim' }, '2001');
      built.push(run.outputs.builder ?? '');
      expect(run.code, run.error).toBe(0);
      run1.push(run);
    }
    const first = await merge(image, { platforms: 'linux/amd64,linux/arm64', tags: 'main' }, '2001');
    expect(first.code, first.error).toBe(0);
    const published = digestOf(`${image}:main`);
    // What legs with `tags: main` left in the registry before: a per-platform tag that outlives its run.
    docker([
      'buildx',
      'imagetools',
      'create',
      '-t',
      `${image}:main-linux-arm64`,
      `${image}@${run1[1]?.outputs.digest}`,
    ]);

    const amd64 = await leg(context, image, 'linux/amd64', { target: 'full' }, '2002');
    built.push(amd64.outputs.builder ?? '');
    expect(amd64.code, amd64.error).toBe(0);
    const second = await merge(
      image,
      { platforms: 'linux/amd64,linux/arm64', tags: 'main', handoff: 'tags' },
      '2002',
    );
    expect(second.code).toBe(1);
    expect(second.error).toMatch(
      /^merge: no leg was handed off \(tags\) for linux\/arm64; .*nothing was pushed/,
    );
    expect(digestOf(`${image}:main`)).toBe(published);
  });

  it('a leg refuses tags of its own (a per-platform tag outlives the run), naming tags', async () => {
    const fresh = `${REGISTRY}/e2e/${unique('legtags')}`;
    const run = await runAction({
      mode: 'build',
      context,
      image: fresh,
      platforms: 'linux/arm64',
      tags: 'main',
      handoff: 'tags',
      ...AIR_GAPPED,
    });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^inputs: tags: has no effect in mode: build .*set tags on the mode: merge job$/,
    );
    expect(tagsOf(fresh)).toEqual([]);
  });
});

describe('push: false (the pull-request idiom on every step)', () => {
  const context = variantContext();
  const image = `${REGISTRY}/e2e/${unique('dryrun')}`;

  it('the merge is a dry run: sources checked, the index printed and summarised, nothing pushed', async () => {
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const run = await leg(context, image, platform, { target: 'slim' }, '3001');
      built.push(run.outputs.builder ?? '');
      expect(run.code, run.error).toBe(0);
    }
    const tagsBefore = tagsOf(image);
    const dry = await merge(
      image,
      {
        platforms: 'linux/amd64,linux/arm64',
        tags: 'pr',
        push: 'false',
        annotations: 'index:org.opencontainers.image.description=dry',
      },
      '3001',
    );
    expect(dry.code, dry.error).toBe(0);
    expect(digestOf(`${image}:pr`)).toBeUndefined();
    expect(tagsOf(image)).toEqual(tagsBefore);
    expect(dry.summary).toMatch(/Dry run/);
    expect(dry.summary).toContain('"org.opencontainers.image.description": "dry"');
    expect(dry.outputs.tags).toBe('');

    // What the dry run printed is exactly what a real merge publishes.
    const real = await merge(
      image,
      {
        platforms: 'linux/amd64,linux/arm64',
        tags: 'pr',
        annotations: 'index:org.opencontainers.image.description=dry',
      },
      '3001',
    );
    expect(real.code, real.error).toBe(0);
    expect(digestOf(`${image}:pr`)).toBe(dry.outputs.digest);
  });

  it('a dry-run merge still refuses a missing platform', async () => {
    const dry = await merge(
      image,
      { platforms: 'linux/amd64,linux/arm64,linux/s390x', tags: 'pr2', push: 'false' },
      '3001',
    );
    expect(dry.code).toBe(1);
    expect(dry.error).toMatch(/no leg was handed off \(tags\) for linux\/s390x/);
  });

  it('legs with push: false build and push nothing; the dry-run merge says there is nothing to check', async () => {
    const fresh = `${REGISTRY}/e2e/${unique('prlegs')}`;
    const run = await leg(context, fresh, 'linux/amd64', { target: 'slim', push: 'false' }, '3002');
    built.push(run.outputs.builder ?? '');
    expect(run.code, run.error).toBe(0);
    expect(run.outputs.digest).toMatch(/^sha256:/);
    expect(run.outputs.handoff).toBe('');
    expect(tagsOf(fresh)).toEqual([]);
    expect(existsSync(join(REPOSITORIES, fresh.slice(REGISTRY.length + 1)))).toBe(false);
    const dry = await merge(fresh, { platforms: 'linux/amd64', tags: 'pr', push: 'false' }, '3002');
    expect(dry.code, dry.error).toBe(0);
    expect(dry.log).toMatch(/::notice::.*no leg of this run was handed off/);
  });

  it('every input that has no effect in a merge is refused the same way, before anything runs', async () => {
    for (const [name, value] of [
      ['labels', 'a=b'],
      ['load', 'true'],
      ['sbom', 'true'],
      ['provenance', 'false'],
      ['no-cache', 'true'],
      ['context', './app'],
      ['secrets', 'x=y'],
    ] as const) {
      const run = await merge(image, { platforms: 'linux/amd64', tags: 'never', [name]: value }, '3001');
      expect(run.code, name).toBe(1);
      expect(run.error).toMatch(new RegExp(`^inputs: ${name}: has no effect in mode: merge`));
    }
    expect(digestOf(`${image}:never`)).toBeUndefined();
  });
});

describe('a leg that builds several platforms', () => {
  const context = variantContext();
  const image = `${REGISTRY}/e2e/${unique('multileg')}`;
  let arm: Run;
  let amd64: Run;

  beforeAll(async () => {
    arm = await leg(context, image, 'linux/arm64,linux/arm/v7', { target: 'slim' }, '4001');
    amd64 = await leg(context, image, 'linux/amd64', { target: 'slim' }, '4001');
    built.push(arm.outputs.builder ?? '', amd64.outputs.builder ?? '');
  });

  it('the merge takes each platform’s manifest and its attestation out of the leg’s index', async () => {
    expect(arm.code, arm.error).toBe(0);
    expect(amd64.code, amd64.error).toBe(0);
    const m = await merge(image, { platforms: 'linux/amd64,linux/arm64,linux/arm/v7', tags: 'all' }, '4001');
    expect(m.code, m.error).toBe(0);
    const index = inspectRaw(`${image}:all`);
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64']);
    for (const p of ['linux/arm64', 'linux/arm/v7'])
      expect(manifestFor(index, p)).toBe(legManifest(image, arm, p));
    const attested = index.manifests
      .filter((d) => d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest')
      .map((d) => d.annotations?.['vnd.docker.reference.digest'])
      .sort();
    expect(attested).toEqual(
      index.manifests
        .filter((d) => d.platform?.os === 'linux')
        .map((d) => d.digest)
        .sort(),
    );
  });

  it('a merge of fewer platforms than the leg built takes only those (and their attestations)', async () => {
    const m = await merge(image, { platforms: 'linux/amd64,linux/arm64', tags: 'two' }, '4001');
    expect(m.code, m.error).toBe(0);
    const index = inspectRaw(`${image}:two`);
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(index.manifests).toHaveLength(4);
  });
});

describe('sources from another repository with platform-overrides', () => {
  it('copies what the index needs into the target repository first, then publishes', async () => {
    const from = `${REGISTRY}/e2e/${unique('xrepo-src')}`;
    const to = `${REGISTRY}/e2e/${unique('xrepo-dst')}`;
    // An index built by a leg (with its attestation), and an arm image published without its variant.
    const context = variantContext();
    const amd64 = await leg(context, from, 'linux/amd64', { target: 'slim' }, '5001');
    built.push(amd64.outputs.builder ?? '');
    expect(amd64.code, amd64.error).toBe(0);
    const base = inspectRaw(BASE_IMAGE);
    const armhf = base.manifests.find(
      (m) => m.platform?.architecture === 'arm' && m.platform.variant === 'v7',
    );
    const dir = mkdtempSync(join(tmpdir(), 'desc-'));
    writeFileSync(
      join(dir, 'arm.json'),
      JSON.stringify({ ...armhf, platform: { os: 'linux', architecture: 'arm' } }),
    );
    docker([
      'buildx',
      'imagetools',
      'create',
      '-t',
      `${from}:arm-src`,
      `${BASE_IMAGE.replace(/:[^:/]+$/, '')}@${armhf?.digest}`,
    ]);
    imagetoolsCreate(['-t', `${from}:legacy-arm`, '-f', join(dir, 'arm.json')]);

    const m = await runAction({
      mode: 'merge',
      image: to,
      sources: `${from}@${amd64.outputs.digest}\n${from}:legacy-arm`,
      platforms: 'linux/amd64,linux/arm/v7',
      'platform-overrides': 'linux/arm=linux/arm/v7',
      tags: 'promoted',
    });
    expect(m.code, m.error).toBe(0);
    const index = inspectRaw(`${to}:promoted`);
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm/v7']);
    expect(manifestFor(index, 'linux/arm/v7')).toBe(armhf?.digest);
    // Every entry, attestations included, resolves in the target repository.
    for (const d of index.manifests) expect(digestOf(`${to}@${d.digest}`)).toBe(d.digest);
    // Nothing but the published tag was created there.
    expect(tagsOf(to)).toEqual(['promoted']);
  });
});

describe('a registry that deletes tags (OCI distribution-spec 1.1)', () => {
  it('after publishing, the merge deletes exactly the handoff tags it took, by tag; the index stays whole', async () => {
    // Distribution 2.8 answers 400 to a DELETE of a tag. In front of it, the fault proxy plays a registry
    // that allows it: it removes the tag's link in the registry's storage (what distribution 3 does) and
    // answers 202. Manifests are untouched, as a tag deletion must leave them.
    const proxy = await startFaultProxy({ target: REGISTRY });
    await loginThrough(proxy);
    const deletes: string[] = [];
    proxy.addRule({
      match: (req) => {
        const m = /^\/v2\/(.+)\/manifests\/([\w][\w.-]*)$/.exec(req.path);
        if (req.method !== 'DELETE' || !m || m[2]?.startsWith('sha256')) return false;
        deletes.push(m[2] as string);
        rmSync(join(REPOSITORIES, m[1] as string, '_manifests', 'tags', m[2] as string), { recursive: true });
        return true;
      },
      respond: { status: 202 },
      times: Infinity,
    });
    try {
      const name = `e2e/${unique('deltags')}`;
      const image = `${proxy.host}/${name}`;
      const viaProxy = {
        'buildkitd-config-inline': `[registry."${REGISTRY}"]\n  http = true\n[registry."${proxy.host}"]\n  http = true\n`,
      };
      const context = variantContext();
      const legOf = async (platform: string, variant: string, runId: string) => {
        const run = await leg(context, image, platform, { target: 'slim', variant, ...viaProxy }, runId);
        built.push(run.outputs.builder ?? '');
        expect(run.code, run.error).toBe(0);
        return run.outputs.handoff?.slice(image.length + 1) ?? '';
      };
      const mine = [await legOf('linux/amd64', 'a', '6001'), await legOf('linux/arm64', 'a', '6001')];
      const others = [await legOf('linux/amd64', 'b', '6001'), await legOf('linux/amd64', 'a', '6000')];
      const m = await merge(
        image,
        { platforms: 'linux/amd64,linux/arm64', tags: 'latest', variant: 'a' },
        '6001',
      );
      expect(m.code, m.error).toBe(0);
      expect(deletes.sort()).toEqual([...mine].sort());
      expect(tagsOf(`${REGISTRY}/${name}`)).toEqual([...others, 'latest'].sort());
      expect(m.summary).toContain(`**Handoff tags removed:** <code>${mine[0]}</code>`);
      const index = inspectRaw(`${REGISTRY}/${name}:latest`);
      for (const d of index.manifests) expect(digestOf(`${REGISTRY}/${name}@${d.digest}`)).toBe(d.digest);
    } finally {
      await logoutThrough(proxy).catch(() => undefined);
      await proxy.close();
    }
  });
});

// The Actions cache handoff for real, against the loopback stand-in of the cache service (v1 protocol, as
// GHES serves it) in test/support/actions-cache.ts: @actions/cache's saveCache returns -1 when a key is taken
// or the service fails, and logs why; a leg must check that, and never say "Handed off" without a record.
describe('handoff through the Actions cache (the cache service stand-in)', () => {
  let cache: ActionsCacheService;
  const context = variantContext();
  beforeAll(async () => {
    cache = await startActionsCache();
  });
  afterAll(() => cache?.close());
  const cacheLeg = async (image: string, inputs: Record<string, string>, runId: string, env = cache.env) => {
    const run = await leg(context, image, 'linux/amd64', { cache: 'off', ...inputs }, runId, env);
    built.push(run.outputs.builder ?? '');
    return run;
  };

  it('a leg whose key another variant’s leg holds (saveCache: -1): fails naming variant, never "Handed off"', async () => {
    const image = `${REGISTRY}/e2e/${unique('cacheclash')}`;
    const slim = await cacheLeg(image, { target: 'slim' }, '7001');
    expect(slim.code, slim.error).toBe(0);
    expect(slim.outputs.handoff).toMatch(/^cache:multiarch-handoff-[0-9a-f]{12}-linux-amd64-7001-1$/);
    const full = await cacheLeg(image, { target: 'full' }, '7001');
    expect(full.code).toBe(1);
    expect(full.error).toMatch(
      /^handoff: the Actions cache key multiarch-handoff-\S+ already holds leg build \(linux\/amd64, attempt 1\), built from another configuration \(differing in target\) — .*variant: slim\) — nothing was handed off$/,
    );
    expect(full.log).not.toMatch(/Handed off/);
    expect(full.outputs.handoff ?? '').toBe('');
    // The key holds slim's record alone; full's record went only under its clash marker (for the merge).
    const key = (slim.outputs.handoff ?? '').slice('cache:'.length);
    expect(cache.keys().filter((k) => k === key)).toHaveLength(1);
    expect(
      cache.keys().filter((k) => k.startsWith('multiarch-handoff-clash-') && k.includes('-7001-')),
    ).toHaveLength(1);
    // A merge that runs anyway (`if: !cancelled()`) sees the refused leg's record too, and refuses.
    const m = await merge(image, { platforms: 'linux/amd64', tags: 'full' }, '7001', cache.env);
    expect(m.code).toBe(1);
    expect(m.error).toMatch(
      /^merge: legs of this run handed off linux\/amd64 for 2 build configurations \(differing in target\): .*set variant/,
    );
    expect(digestOf(`${image}:full`)).toBeUndefined();
  });

  it('legs differing only in a secret (same configuration, other digest): the refused leg is seen by a merge run anyway', async () => {
    const image = `${REGISTRY}/e2e/${unique('cachesecret')}`;
    const dir = mkdtempSync(join(tmpdir(), 'secret-variants-'));
    writeFileSync(
      join(dir, 'Dockerfile'),
      'ARG BASE\nFROM ${BASE}\nRUN --mount=type=secret,id=edition,env=EDITION echo "edition=$EDITION" > /id\n',
    );
    const edition = (name: string) =>
      leg(dir, image, 'linux/amd64', { cache: 'off', secrets: `edition=${name}` }, '7004', cache.env);
    const pro = await edition('pro');
    built.push(pro.outputs.builder ?? '');
    expect(pro.code, pro.error).toBe(0);
    const free = await edition('free');
    built.push(free.outputs.builder ?? '');
    expect(free.code).toBe(1);
    expect(free.error).toMatch(/another digest .* for the same configuration/);
    const m = await merge(image, { platforms: 'linux/amd64', tags: 'free' }, '7004', cache.env);
    expect(m.code).toBe(1);
    expect(m.error).toMatch(
      /^merge: two legs of this run handed off linux\/amd64 from the same build configuration with different digests: .*set variant/,
    );
    expect(digestOf(`${image}:free`)).toBeUndefined();
  });

  it('with variant, each variant’s leg and merge meet in the cache, and each merge publishes its own', async () => {
    const image = `${REGISTRY}/e2e/${unique('cachevariants')}`;
    const legs = new Map<string, Run>();
    for (const variant of ['slim', 'full']) {
      const run = await cacheLeg(image, { target: variant, variant }, '7002');
      expect(run.code, run.error).toBe(0);
      legs.set(variant, run);
    }
    for (const variant of ['slim', 'full']) {
      const m = await merge(image, { platforms: 'linux/amd64', tags: variant, variant }, '7002', cache.env);
      expect(m.code, m.error).toBe(0);
      expect(manifestFor(inspectRaw(`${image}:${variant}`), 'linux/amd64')).toBe(
        legManifest(image, legs.get(variant) as Run, 'linux/amd64'),
      );
    }
    // The cache handoff leaves no tag behind: only the two published ones.
    expect(tagsOf(image)).toEqual(['full', 'slim']);
  });

  it('the cache service unreachable: saveCache returns -1, the leg fails and says why, never "Handed off"', async () => {
    const down = await startActionsCache();
    await down.close(); // its URL now answers nothing
    const run = await cacheLeg(`${REGISTRY}/e2e/${unique('cachedown')}`, {}, '7003', down.env);
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^handoff: the Actions cache did not store multiarch-handoff-\S+ and holds nothing under it .*set handoff: tags to hand off through the registry — nothing was handed off$/,
    );
    expect(run.log).toMatch(/Failed to save/);
    expect(run.log).not.toMatch(/Handed off/);
  });

  it('legs with push: false hand off build-only records; the dry-run merge checks them, reads nothing', async () => {
    const image = `${REGISTRY}/e2e/${unique('cachedry')}`;
    const slim = await cacheLeg(image, { target: 'slim', push: 'false' }, '7004');
    expect(slim.code, slim.error).toBe(0);
    expect(slim.outputs.handoff).toMatch(/^cache:/);
    expect(existsSync(join(REPOSITORIES, image.slice(REGISTRY.length + 1)))).toBe(false);
    const dry = await merge(
      image,
      { platforms: 'linux/amd64', tags: 'pr', push: 'false' },
      '7004',
      cache.env,
    );
    expect(dry.code, dry.error).toBe(0);
    expect(dry.log).toMatch(/the legs ran with push: false/);
    const real = await merge(image, { platforms: 'linux/amd64', tags: 'pr' }, '7004', cache.env);
    expect(real.code).toBe(1);
    expect(real.error).toMatch(/built linux\/amd64 with push: false, .*set push: false on the merge too/);
  });
});
