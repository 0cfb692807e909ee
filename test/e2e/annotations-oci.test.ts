/**
 * Annotations exist only in OCI media types: a Docker v2 manifest or manifest list has no `annotations`
 * field (registries and tools drop it). Whatever level they are asked for at, the action must push OCI.
 * The cases users hit: metadata-action's `manifest:` annotations with `provenance: false` (the fallback for
 * registries that reject attestation manifests), one platform and several.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AIR_GAPPED, BASE_IMAGE, REGISTRY, docker, runAction, unique } from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

interface RawManifest {
  mediaType: string;
  annotations?: Record<string, string>;
  manifests?: Array<{ digest: string; mediaType: string }>;
}

/** The manifest (or index) the registry holds under `ref`, byte for byte as pushed. */
const raw = (ref: string): RawManifest =>
  JSON.parse(docker(['buildx', 'imagetools', 'inspect', '--raw', ref])) as RawManifest;

const annotations = [
  'manifest:org.opencontainers.image.title=oci-e2e',
  'org.opencontainers.image.description=unprefixed means manifest',
].join('\n');
const expected = {
  'org.opencontainers.image.title': 'oci-e2e',
  'org.opencontainers.image.description': 'unprefixed means manifest',
};

describe.each([
  ['docker', { driver: 'docker' }],
  ['docker-container', AIR_GAPPED],
] as const)('manifest-level annotations with provenance: false (driver: %s)', (driver, driverInputs) => {
  const image = `${REGISTRY}/e2e/${unique(`ociann-${driver.replace('-container', 'c')}`)}`;

  it('one platform: an OCI image manifest carrying the annotations', async () => {
    const run = await runAction({
      context: example,
      platforms: 'linux/amd64',
      image,
      tags: 'one',
      push: 'true',
      provenance: 'false',
      'build-args': `BASE=${BASE_IMAGE}`,
      annotations,
      ...driverInputs,
    });
    const post = await run.post();
    expect(run.code, run.error).toBe(0);
    expect(post.code).toBe(0);
    const manifest = raw(`${image}:one`);
    expect(manifest.mediaType).toBe(OCI_MANIFEST);
    expect(manifest.annotations).toMatchObject(expected);
  });

  it('two platforms: an OCI index whose image manifests are OCI and carry the annotations', async () => {
    const run = await runAction({
      context: example,
      platforms: 'linux/amd64,linux/arm64',
      image,
      tags: 'two',
      push: 'true',
      provenance: 'false',
      'build-args': `BASE=${BASE_IMAGE}`,
      annotations,
      ...driverInputs,
    });
    const post = await run.post();
    expect(run.code, run.error).toBe(0);
    expect(post.code).toBe(0);
    const index = raw(`${image}:two`);
    expect(index.mediaType).toBe(OCI_INDEX);
    expect(index.manifests).toHaveLength(2);
    for (const entry of index.manifests ?? []) {
      expect(entry.mediaType).toBe(OCI_MANIFEST);
      const manifest = raw(`${image}@${entry.digest}`);
      expect(manifest.mediaType).toBe(OCI_MANIFEST);
      expect(manifest.annotations).toMatchObject(expected);
    }
  });
});
