import { describe, expect, it } from 'vitest';
import { checkPublished, type Expectation } from '../../../src/phases/verify.js';
import type { Inspected } from '../../../src/registry/client.js';
import {
  descriptorPlatform,
  diffPlatforms,
  indexPlatforms,
  isAttestation,
  sha256,
  type Descriptor,
  type ImageIndex,
} from '../../../src/registry/manifests.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);

const D = (c: string) => `sha256:${c.repeat(64)}`;
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const INDEX = 'application/vnd.oci.image.index.v1+json';

const image = (c: string, os: string, architecture: string, variant?: string): Descriptor => ({
  mediaType: MANIFEST,
  digest: D(c),
  size: 1234,
  platform: { os, architecture, ...(variant ? { variant } : {}) },
});
const attestation = (c: string, of: string): Descriptor => ({
  mediaType: MANIFEST,
  digest: D(c),
  size: 840,
  platform: { os: 'unknown', architecture: 'unknown' },
  annotations: { 'vnd.docker.reference.digest': D(of), 'vnd.docker.reference.type': 'attestation-manifest' },
});

/** An index as buildx pushes it: images plus their provenance attestations. */
const index = (manifests: Descriptor[], annotations?: Record<string, string>): ImageIndex => ({
  schemaVersion: 2,
  mediaType: INDEX,
  manifests,
  ...(annotations ? { annotations } : {}),
});
const THREE = index(
  [
    image('1', 'linux', 'amd64'),
    image('2', 'linux', 'arm64'),
    image('3', 'linux', 'arm', 'v7'),
    attestation('4', '1'),
    attestation('5', '2'),
    attestation('6', '3'),
  ],
  { 'org.opencontainers.image.description': 'My app' },
);
const inspected = (ref: string, manifest: ImageIndex): Inspected => {
  const raw = JSON.stringify(manifest);
  return { ref, raw, digest: sha256(raw), manifest };
};

describe('isAttestation', () => {
  it.each(
    named<{ name: string; descriptor: Descriptor; expected: boolean }>([
      { name: 'an image manifest', descriptor: image('1', 'linux', 'amd64'), expected: false },
      { name: 'a buildx attestation manifest', descriptor: attestation('2', '1'), expected: true },
      {
        name: 'unknown/unknown without annotations',
        descriptor: {
          mediaType: MANIFEST,
          digest: D('3'),
          size: 1,
          platform: { os: 'unknown', architecture: 'unknown' },
        },
        expected: true,
      },
      {
        name: 'the reference-type annotation with a real platform',
        descriptor: {
          ...image('4', 'linux', 'arm'),
          annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
        },
        expected: true,
      },
    ]),
  )('%s → %s', (_name, { descriptor, expected }) => {
    expect(isAttestation(descriptor)).toBe(expected);
  });
});

describe('indexPlatforms', () => {
  it.each(
    named<{ name: string; index: ImageIndex; expected: string[] }>([
      { name: 'skips attestations', index: THREE, expected: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] },
      {
        name: 'normalises linux/arm64/v8 and linux/arm',
        index: index([image('1', 'linux', 'arm64', 'v8'), image('2', 'linux', 'arm')]),
        expected: ['linux/arm64', 'linux/arm/v7'],
      },
      {
        name: 'keeps arm/v6 and arm/v7 apart',
        index: index([image('1', 'linux', 'arm', 'v6'), image('2', 'linux', 'arm', 'v7')]),
        expected: ['linux/arm/v6', 'linux/arm/v7'],
      },
      {
        name: 'skips descriptors without a platform',
        index: index([image('1', 'linux', 'amd64'), { mediaType: MANIFEST, digest: D('2'), size: 1 }]),
        expected: ['linux/amd64'],
      },
      { name: 'a single manifest has none', index: { schemaVersion: 2, mediaType: MANIFEST }, expected: [] },
    ]),
  )('%s', (_name, { index: idx, expected }) => {
    expect(indexPlatforms(idx)).toEqual(expected);
  });

  it.each<[string, Descriptor, string]>([
    ['no platform', { mediaType: MANIFEST, digest: D('1'), size: 1 }, 'unknown'],
    ['an unparsable platform, as written', image('2', 'plan9', 'amd64'), 'plan9/amd64'],
    ['windows', image('3', 'windows', 'amd64'), 'windows/amd64'],
  ])('descriptorPlatform: %s → %s', (_name, descriptor, expected) => {
    expect(descriptorPlatform(descriptor)).toBe(expected);
  });
});

describe('diffPlatforms', () => {
  it.each(
    named<{ name: string; expected: string[]; actual: string[]; diff: ReturnType<typeof diffPlatforms> }>([
      {
        name: 'the same set in another order',
        expected: ['linux/amd64', 'linux/arm64'],
        actual: ['linux/arm64', 'linux/amd64'],
        diff: { missing: [], extra: [], duplicate: [] },
      },
      {
        name: 'a missing platform',
        expected: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
        actual: ['linux/amd64', 'linux/arm64'],
        diff: { missing: ['linux/arm/v7'], extra: [], duplicate: [] },
      },
      {
        name: 'an extra platform',
        expected: ['linux/amd64'],
        actual: ['linux/amd64', 'linux/s390x'],
        diff: { missing: [], extra: ['linux/s390x'], duplicate: [] },
      },
      {
        name: 'arm/v6 where arm/v7 was expected',
        expected: ['linux/arm/v7'],
        actual: ['linux/arm/v6'],
        diff: { missing: ['linux/arm/v7'], extra: ['linux/arm/v6'], duplicate: [] },
      },
      {
        name: 'a platform from two sources',
        expected: ['linux/amd64', 'linux/arm64'],
        actual: ['linux/amd64', 'linux/arm64', 'linux/amd64'],
        diff: { missing: [], extra: [], duplicate: ['linux/amd64'] },
      },
      {
        name: 'nothing at all',
        expected: ['linux/amd64'],
        actual: [],
        diff: { missing: ['linux/amd64'], extra: [], duplicate: [] },
      },
    ]),
  )('%s', (_name, { expected, actual, diff }) => {
    expect(diffPlatforms(expected, actual)).toEqual(diff);
  });
});

describe('checkPublished', () => {
  const LATEST = 'ghcr.io/acme/app:latest';
  const V123 = 'ghcr.io/acme/app:1.2.3';
  const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7'];
  const ANNOTATIONS = { 'org.opencontainers.image.description': 'My app' };
  const good = inspected(LATEST, THREE);
  const goodV123 = inspected(V123, THREE);
  const expectation = (over: Partial<Expectation> = {}): Expectation => ({
    refs: [LATEST, V123],
    platforms: PLATFORMS,
    indexAnnotations: ANNOTATIONS,
    ...over,
  });
  const other = inspected(V123, index(THREE.manifests?.slice(0, 2) ?? [], ANNOTATIONS));
  const single = inspected(LATEST, { schemaVersion: 2, mediaType: MANIFEST });

  it.each(
    named<{ name: string; expect: Expectation; found: Inspected[]; problems: string[] }>([
      { name: 'what was asked for', expect: expectation(), found: [good, goodV123], problems: [] },
      {
        name: 'the expected digest',
        expect: expectation({ digest: good.digest }),
        found: [good, goodV123],
        problems: [],
      },
      {
        name: 'tags pointing at different digests',
        expect: expectation({ platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] }),
        found: [good, other],
        problems: [`tags point at different digests: ${LATEST} → ${good.digest}, ${V123} → ${other.digest}`],
      },
      {
        name: 'a digest other than the one built',
        expect: expectation({ refs: [LATEST], digest: D('f') }),
        found: [good],
        problems: [`${LATEST} is ${good.digest}, expected ${D('f')}`],
      },
      {
        name: 'a missing platform',
        expect: expectation({ refs: [LATEST], platforms: [...PLATFORMS, 'linux/s390x'] }),
        found: [good],
        problems: [`${LATEST} lacks linux/s390x`],
      },
      {
        name: 'an extra platform',
        expect: expectation({ refs: [LATEST], platforms: ['linux/amd64', 'linux/arm64'] }),
        found: [good],
        problems: [`${LATEST} has unrequested linux/arm/v7`],
      },
      {
        name: 'a platform listed twice',
        expect: expectation({ refs: [LATEST] }),
        found: [
          inspected(LATEST, index([...(THREE.manifests ?? []), image('9', 'linux', 'amd64')], ANNOTATIONS)),
        ],
        problems: [`${LATEST} lists linux/amd64 more than once`],
      },
      {
        name: 'a missing index annotation',
        expect: expectation({
          refs: [LATEST],
          indexAnnotations: { ...ANNOTATIONS, 'org.opencontainers.image.version': '1.2.3' },
        }),
        found: [good],
        problems: [`${LATEST} lacks the index annotation org.opencontainers.image.version`],
      },
      {
        name: 'an index annotation with another value',
        expect: expectation({
          refs: [LATEST],
          indexAnnotations: { 'org.opencontainers.image.description': 'Other' },
        }),
        found: [good],
        problems: [`${LATEST} lacks the index annotation org.opencontainers.image.description`],
      },
      {
        name: 'a single manifest where an index of several platforms was expected',
        expect: expectation({ refs: [LATEST], indexAnnotations: {} }),
        found: [single],
        problems: [`${LATEST} is a single manifest, not an index of linux/amd64, linux/arm64, linux/arm/v7`],
      },
      {
        name: 'a single manifest for one platform',
        expect: expectation({ refs: [LATEST], platforms: ['linux/amd64'], indexAnnotations: {} }),
        found: [single],
        problems: [],
      },
      { name: 'nothing read', expect: expectation({ refs: [] }), found: [], problems: [] },
    ]),
  )('%s', (_name, { expect: expectationValue, found, problems }) => {
    expect(checkPublished(expectationValue, found)).toEqual(problems);
  });
});
