import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startActionsCache, type ActionsCacheService } from '../support/actions-cache.js';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  REGISTRY,
  digestOf,
  docker,
  inspectRaw,
  job,
  platformsOf,
  revisionsOf,
  tagsOf,
  unique,
  imagetoolsCreate,
} from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');
const slug = (platform: string) => platform.replace(/\//g, '-');

/** One job of the workflow run: its own workspace (the Actions cache tars from there) and RUNNER_TEMP. */
const inJob = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  job(inputs, { cwd: mkdtempSync(join(tmpdir(), 'workspace-')), env });

// The default driver with the Actions cache service there (a loopback stand-in for GHES's): `handoff: auto`
// resolves to the cache, so legs push by digest — no tag at all — and the merge finds them in the cache.
describe('matrix on the default driver: legs push by digest, hand off through the Actions cache, one merge', () => {
  const image = `${REGISTRY}/e2e/${unique('matrix')}`;
  let cache: ActionsCacheService;
  const leg = (platform: string) =>
    inJob(
      {
        mode: 'build',
        context: example,
        platforms: platform,
        image,
        cache: 'off',
        'build-args': `BASE=${BASE_IMAGE}`,
        ...AIR_GAPPED,
      },
      { ...cache.env, GITHUB_JOB: `build-${slug(platform)}` },
    );
  let legs: Array<Awaited<ReturnType<typeof inJob>>>;
  let tagsAfterLegs: string[];
  let merged: Awaited<ReturnType<typeof inJob>>;

  beforeAll(async () => {
    cache = await startActionsCache();
    legs = [await leg('linux/amd64'), await leg('linux/arm64')];
    tagsAfterLegs = tagsOf(image);
    merged = await inJob(
      {
        mode: 'merge',
        image,
        platforms: 'linux/amd64,linux/arm64',
        tags: 'latest,1.2.3',
        annotations:
          'index:org.opencontainers.image.description=matrix e2e\nmanifest:org.opencontainers.image.title=from metadata-action',
      },
      { ...cache.env, GITHUB_JOB: 'merge' },
    );
  });
  afterAll(() => cache?.close());

  it('legs push by digest: the registry holds their images and no tag at all', () => {
    for (const l of legs) {
      expect(l.code, l.error).toBe(0);
      expect(l.log).toMatch(/--output type=image,name=\S+,push-by-digest=true,name-canonical=true,push=true/);
      expect(l.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(revisionsOf(image)).toContain(l.outputs.digest);
      expect(platformsOf(inspectRaw(`${image}@${l.outputs.digest}`))).toEqual([l.outputs.platforms]);
    }
    expect(tagsAfterLegs).toEqual([]);
  });

  it('each leg recorded its digest in the Actions cache, one entry per platform, and handed that off', () => {
    expect(legs[0]?.outputs.handoff).toMatch(/^cache:multiarch-handoff-[0-9a-f]{12}-linux-amd64-1000-1$/);
    expect(legs[1]?.outputs.handoff).toMatch(/^cache:multiarch-handoff-[0-9a-f]{12}-linux-arm64-1000-1$/);
    expect(cache.keys()).toEqual(legs.map((l) => (l.outputs.handoff as string).slice('cache:'.length)));
  });

  it('post removed each leg’s builder, container and state volume', () => {
    for (const l of legs) {
      expect(l.state.builder).toMatch(/^multiarch-1000-1-build-linux-(amd64|arm64)-[0-9a-f]{8}$/);
      expect(l.post.code).toBe(0);
      expect(l.leftovers).toEqual([]);
    }
  });

  it('merge publishes one annotated OCI index with both platforms under exactly the tags asked for', () => {
    expect(merged.code, merged.error).toBe(0);
    const index = inspectRaw(`${image}:1.2.3`);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(index.annotations?.['org.opencontainers.image.description']).toBe('matrix e2e');
    // metadata-action's manifest: level cannot apply to a merge; it moves to the index, with a notice.
    expect(index.annotations?.['org.opencontainers.image.title']).toBe('from metadata-action');
    expect(merged.log).toMatch(/::notice::1 manifest-level annotation\(s\) were applied to the index/);
    // The legs' images and attestation manifests ride along.
    expect(index.manifests.map((m) => m.digest)).toEqual(
      expect.arrayContaining(
        legs.flatMap((l) => inspectRaw(`${image}@${l.outputs.digest}`).manifests.map((m) => m.digest)),
      ),
    );
    expect(
      index.manifests.filter((m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'),
    ).toHaveLength(2);
    expect(digestOf(`${image}:latest`)).toBe(merged.outputs.digest);
    expect(merged.outputs.tags).toBe(`${image}:latest\n${image}:1.2.3`);
    expect(tagsOf(image)).toEqual(['1.2.3', 'latest']);
    expect(JSON.parse(merged.outputs.manifest ?? '{}').manifests).toHaveLength(4);
  });

  it('summarises platform → digest → source leg', () => {
    expect(merged.summary).toContain(`| <code>linux/arm64</code> | <code>sha256:`);
    expect(merged.summary).toContain('<code>leg build-linux-arm64 (linux/arm64, attempt 1)</code>');
  });

  it('a merge with a leg missing fails naming it and leaves every tag untouched', async () => {
    const before = digestOf(`${image}:latest`);
    const run = await inJob(
      { mode: 'merge', image, platforms: 'linux/amd64,linux/arm64,linux/arm/v7', tags: 'latest,1.2.4' },
      cache.env,
    );
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^merge: no leg was handed off \(cache or tags\) for linux\/arm\/v7; .*nothing was pushed/,
    );
    expect(digestOf(`${image}:latest`)).toBe(before);
    expect(digestOf(`${image}:1.2.4`)).toBeUndefined();
  });
});

// A GHES/Gitea runner without the Actions cache service. The README: `handoff: auto` is "`cache` when the
// Actions cache service is available to the step, else `tags`" — on the default driver too.
describe('matrix on the default driver without the Actions cache service (handoff: auto)', () => {
  const image = `${REGISTRY}/e2e/${unique('nocache')}`;
  let legs: Array<Awaited<ReturnType<typeof inJob>>>;
  let merged: Awaited<ReturnType<typeof inJob>>;
  beforeAll(async () => {
    const leg = (platform: string) =>
      inJob(
        {
          mode: 'build',
          context: example,
          platforms: platform,
          image,
          'build-args': `BASE=${BASE_IMAGE}`,
          ...AIR_GAPPED,
        },
        { GITHUB_JOB: `build-${slug(platform)}` },
      );
    legs = [await leg('linux/amd64'), await leg('linux/arm64')];
    merged = await inJob({ mode: 'merge', image, platforms: 'linux/amd64,linux/arm64', tags: 'latest' });
  });

  it('legs hand off through per-platform tags, and the merge finds them there', () => {
    for (const l of legs) expect(l.code, l.error).toBe(0);
    // Run-scoped handoff tags carrying the configuration's fingerprint (issue 10); the legs still push by
    // digest, the tags hold only their records. Distribution 2.8 refuses to delete them after the merge.
    expect(legs.map((l) => l.outputs.handoff?.replace(/-[0-9a-f]{12}$/, ''))).toEqual([
      `${image}:run-1000-linux-amd64`,
      `${image}:run-1000-linux-arm64`,
    ]);
    expect(legs[1]?.log).toContain('push-by-digest=true');
    expect(revisionsOf(image)).toContain(legs[1]?.outputs.digest);
    expect(merged.code, merged.error).toBe(0);
    expect(platformsOf(inspectRaw(`${image}:latest`))).toEqual(['linux/amd64', 'linux/arm64']);
    expect(tagsOf(image).map((t) => t.replace(/-[0-9a-f]{12}$/, ''))).toEqual([
      'latest',
      'run-1000-linux-amd64',
      'run-1000-linux-arm64',
    ]);
    for (const l of legs) expect(l.leftovers).toEqual([]);
  });
});

// The docker driver cannot push by digest ("not implemented for docker driver"): its legs hand off by tags,
// even where the Actions cache service is there. Three separate runs of dist/, as three jobs.
describe('matrix on driver: docker (handoff by per-platform tags)', () => {
  const image = `${REGISTRY}/e2e/${unique('dockermatrix')}`;
  let cache: ActionsCacheService;
  const leg = (platform: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
    inJob(
      {
        mode: 'build',
        context: example,
        platforms: platform,
        image,
        driver: 'docker',
        'build-args': `BASE=${BASE_IMAGE}`,
        ...inputs,
      },
      { GITHUB_JOB: `build-${slug(platform)}`, ...env },
    );
  let legs: Array<Awaited<ReturnType<typeof inJob>>>;
  let merged: Awaited<ReturnType<typeof inJob>>;

  beforeAll(async () => {
    cache = await startActionsCache();
    // handoff: auto with the cache service there: still tags, on this driver.
    legs = [await leg('linux/amd64', {}, cache.env), await leg('linux/arm64', { handoff: 'tags' })];
    merged = await inJob(
      {
        mode: 'merge',
        image,
        platforms: 'linux/amd64,linux/arm64',
        tags: 'latest,1.2.3',
        annotations: 'index:org.opencontainers.image.description=docker matrix',
      },
      cache.env,
    );
  });
  afterAll(() => cache?.close());

  it('legs push per-platform tags only (handoff: auto falls back to tags even with the cache service)', () => {
    for (const l of legs) expect(l.code, l.error).toBe(0);
    expect(legs[0]?.outputs.handoff).toMatch(new RegExp(`^${image}:run-1000-linux-amd64-[0-9a-f]{12}$`));
    expect(legs[1]?.outputs.handoff).toMatch(new RegExp(`^${image}:run-1000-linux-arm64-[0-9a-f]{12}$`));
    expect(legs[0]?.log).not.toContain('push-by-digest');
    expect(cache.keys()).toEqual([]);
    expect(digestOf(`${image}@${legs[1]?.outputs.digest}`)).toBe(legs[1]?.outputs.digest);
  });

  it('the merge (handoff: auto, cache service there) finds the tags and publishes both platforms', () => {
    expect(merged.code, merged.error).toBe(0);
    const index = inspectRaw(`${image}:1.2.3`);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(index.annotations?.['org.opencontainers.image.description']).toBe('docker matrix');
    expect(digestOf(`${image}:latest`)).toBe(merged.outputs.digest);
    expect(merged.summary).toContain('<code>leg build-linux-arm64 (linux/arm64, attempt 1)</code>');
  });

  it('explicit sources, with platform-overrides rewriting an entry that lacks its variant', async () => {
    // An arm image whose index entry says linux/arm (no variant), as some older tools publish it.
    const armLeg = await leg('linux/arm/v7', { handoff: 'tags' });
    expect(armLeg.code, armLeg.error).toBe(0);
    const armIndex = inspectRaw(`${image}@${armLeg.outputs.digest}`);
    const arm = armIndex.manifests.find((m) => m.platform?.architecture === 'arm');
    const dir = mkdtempSync(join(tmpdir(), 'desc-'));
    const desc = join(dir, 'arm.json');
    writeFileSync(desc, JSON.stringify({ ...arm, platform: { os: 'linux', architecture: 'arm' } }));
    imagetoolsCreate(['-t', `${image}:legacy-arm`, '-f', desc]);
    expect(platformsOf(inspectRaw(`${image}:legacy-arm`))).toEqual(['linux/arm']);

    const run = await inJob({
      mode: 'merge',
      image,
      sources: `${image}@${legs[0]?.outputs.digest}\n${image}:legacy-arm`,
      platforms: 'linux/amd64,linux/arm/v7',
      'platform-overrides': 'linux/arm=linux/arm/v7',
      tags: 'with-arm',
      annotations: 'index:org.opencontainers.image.description=overridden',
    });
    expect(run.code, run.error).toBe(0);
    const index = inspectRaw(`${image}:with-arm`);
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm/v7']);
    expect(index.manifests.find((m) => m.platform?.variant === 'v7')?.digest).toBe(arm?.digest);

    const unmatched = await inJob({
      mode: 'merge',
      image,
      sources: `${image}@${legs[0]?.outputs.digest}`,
      platforms: 'linux/amd64',
      'platform-overrides': 'linux/arm=linux/arm/v7',
      tags: 'never',
    });
    expect(unmatched.error).toMatch(
      /^merge: platform-overrides linux\/arm=linux\/arm\/v7 match no entry \(the sources hold linux\/amd64\)/,
    );
    expect(digestOf(`${image}:never`)).toBeUndefined();
  });
});

describe('merge of existing images (no builder at all)', () => {
  it('refuses to annotate a merge of Docker-format images (buildx would drop the annotations silently)', async () => {
    const docker_ = `${REGISTRY}/e2e/${unique('dockerfmt')}`;
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      docker([
        'buildx',
        'build',
        '--platform',
        platform,
        '--provenance=false',
        '--build-arg',
        `BASE=${BASE_IMAGE}`,
        '--output',
        `type=image,name=${docker_}:${platform.replace('/', '-')},push=true,oci-mediatypes=false`,
        example,
      ]);
    }
    const run = await inJob({
      mode: 'merge',
      image: docker_,
      sources: `${docker_}:linux-amd64,${docker_}:linux-arm64`,
      platforms: 'linux/amd64,linux/arm64',
      tags: 'annotated',
      annotations: 'index:org.opencontainers.image.description=x',
    });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^merge: annotations need an OCI index, but the sources are Docker-format images .* — nothing was pushed$/,
    );
    expect(digestOf(`${docker_}:annotated`)).toBeUndefined();
  });

  it('promotes an existing index to another repository and tag without rebuilding', async () => {
    const source = `${REGISTRY}/e2e/${unique('promote-src')}`;
    imagetoolsCreate(['-t', `${source}:1.2.3`, BASE_IMAGE]);
    const target = `${REGISTRY}/e2e/${unique('promoted')}`;
    const run = await inJob({
      mode: 'merge',
      sources: `${source}:1.2.3`,
      image: target,
      tags: 'stable',
    });
    expect(run.code, run.error).toBe(0);
    expect(digestOf(`${target}:stable`)).toBe(digestOf(`${source}:1.2.3`));
    expect(run.outputs.platforms?.split(',').sort()).toEqual(platformsOf(inspectRaw(BASE_IMAGE)));
    // sha256: sources take the image's repository.
    const digest = digestOf(`${source}:1.2.3`) as string;
    const byDigest = await inJob({
      mode: 'merge',
      sources: digest,
      image: source,
      tags: 'by-digest',
      platforms: run.outputs.platforms as string,
    });
    expect(byDigest.code, byDigest.error).toBe(0);
    expect(digestOf(`${source}:by-digest`)).toBe(digest);
  });
});
