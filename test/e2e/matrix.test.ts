import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_IMAGE,
  REGISTRY,
  digestOf,
  docker,
  inspectRaw,
  platformsOf,
  runAction,
  unique,
} from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');

// Three separate runs of dist/, as three jobs of one workflow run: two legs (each its own RUNNER_TEMP,
// driver: docker, which cannot push by digest, so handoff: tags), then the fan-in.
describe('matrix: mode build legs, then mode merge (handoff: tags)', () => {
  const image = `${REGISTRY}/e2e/${unique('matrix')}`;
  const leg = (platform: string) =>
    runAction(
      {
        mode: 'build',
        context: example,
        platforms: platform,
        image,
        driver: 'docker',
        handoff: 'tags',
        'build-args': `BASE=${BASE_IMAGE}`,
      },
      { env: { GITHUB_JOB: `build-${platform.replace(/\//g, '-')}` } },
    );
  let legs: Array<Awaited<ReturnType<typeof runAction>>>;
  let merged: Awaited<ReturnType<typeof runAction>>;

  beforeAll(async () => {
    legs = [await leg('linux/amd64'), await leg('linux/arm64')];
    merged = await runAction({
      mode: 'merge',
      image,
      platforms: 'linux/amd64,linux/arm64',
      tags: 'latest,1.2.3',
      handoff: 'tags',
      annotations:
        'index:org.opencontainers.image.description=matrix e2e\nmanifest:org.opencontainers.image.title=from metadata-action',
    });
  });

  it('legs push per-platform tags only, never a shared tag', () => {
    for (const l of legs) expect(l.code, l.error).toBe(0);
    // Handoff tags are run-scoped and carry the build configuration's fingerprint (issue 10).
    expect(legs[0]?.outputs.handoff).toMatch(new RegExp(`^${image}:run-1000-linux-amd64-[0-9a-f]{12}$`));
    expect(legs[1]?.outputs.handoff).toMatch(new RegExp(`^${image}:run-1000-linux-arm64-[0-9a-f]{12}$`));
    expect(digestOf(`${image}@${legs[1]?.outputs.digest}`)).toBe(legs[1]?.outputs.digest);
    expect(digestOf(`${image}:latest`)).toBe(merged.outputs.digest);
  });

  it('merge publishes one annotated OCI index with both platforms under every tag', () => {
    expect(merged.code, merged.error).toBe(0);
    const index = inspectRaw(`${image}:1.2.3`);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(index.annotations?.['org.opencontainers.image.description']).toBe('matrix e2e');
    // metadata-action's manifest: level cannot apply to a merge; it moves to the index, with a notice.
    expect(index.annotations?.['org.opencontainers.image.title']).toBe('from metadata-action');
    expect(merged.log).toMatch(/::notice::1 manifest-level annotation\(s\) were applied to the index/);
    // The legs' attestation manifests ride along.
    expect(
      index.manifests.filter((m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest'),
    ).toHaveLength(2);
    expect(digestOf(`${image}:latest`)).toBe(merged.outputs.digest);
    expect(merged.outputs.tags).toBe(`${image}:latest\n${image}:1.2.3`);
    expect(JSON.parse(merged.outputs.manifest ?? '{}').manifests).toHaveLength(4);
  });

  it('summarises platform → digest → source leg', () => {
    expect(merged.summary).toContain(`| <code>linux/arm64</code> | <code>sha256:`);
    expect(merged.summary).toContain('<code>leg build-linux-arm64 (linux/arm64, attempt 1)</code>');
  });

  it('a merge with a leg missing fails naming it and leaves every tag untouched', async () => {
    const before = digestOf(`${image}:latest`);
    const run = await runAction({
      mode: 'merge',
      image,
      platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
      tags: 'latest,1.2.4',
      handoff: 'tags',
    });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^merge: no leg was handed off \(tags\) for linux\/arm\/v7; .*nothing was pushed/,
    );
    expect(digestOf(`${image}:latest`)).toBe(before);
    expect(digestOf(`${image}:1.2.4`)).toBeUndefined();
  });

  it('explicit sources, with platform-overrides rewriting an entry that lacks its variant', async () => {
    // An arm image whose index entry says linux/arm (no variant), as some older tools publish it.
    const armLeg = await leg('linux/arm/v7');
    expect(armLeg.code, armLeg.error).toBe(0);
    const armIndex = inspectRaw(`${image}@${armLeg.outputs.digest}`);
    const arm = armIndex.manifests.find((m) => m.platform?.architecture === 'arm');
    const dir = mkdtempSync(join(tmpdir(), 'desc-'));
    const desc = join(dir, 'arm.json');
    writeFileSync(desc, JSON.stringify({ ...arm, platform: { os: 'linux', architecture: 'arm' } }));
    docker(['buildx', 'imagetools', 'create', '-t', `${image}:legacy-arm`, '-f', desc]);
    expect(platformsOf(inspectRaw(`${image}:legacy-arm`))).toEqual(['linux/arm']);

    const run = await runAction({
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

    const unmatched = await runAction({
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
    const run = await runAction({
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
    const target = `${REGISTRY}/e2e/${unique('promoted')}`;
    const run = await runAction({ mode: 'merge', sources: `${image}:1.2.3`, image: target, tags: 'stable' });
    expect(run.code, run.error).toBe(0);
    expect(digestOf(`${target}:stable`)).toBe(digestOf(`${image}:1.2.3`));
    expect(run.outputs.platforms).toBe('linux/amd64,linux/arm64');
    // sha256: sources take the image's repository.
    const digest = digestOf(`${image}:1.2.3`) as string;
    const byDigest = await runAction({
      mode: 'merge',
      sources: digest,
      image,
      tags: 'by-digest',
      platforms: 'linux/amd64,linux/arm64',
    });
    expect(byDigest.code, byDigest.error).toBe(0);
    expect(digestOf(`${image}:by-digest`)).toBe(digest);
  });
});
