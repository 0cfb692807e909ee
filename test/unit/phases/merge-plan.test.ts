import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/inputs/inputs.js';
import type { Inputs } from '../../../src/inputs/types.js';
import { formatAnnotation, parseAnnotation } from '../../../src/model/annotations.js';
import {
  applyOverrides,
  checkPlatformSet,
  mergeAnnotations,
  planCreate,
  planDryRun,
  type CreatePlan,
} from '../../../src/phases/merge-plan.js';
import { sourceRef, type Entry, type Source } from '../../../src/phases/merge-sources.js';
import type { Descriptor } from '../../../src/registry/manifests.js';
import { resolveTags } from '../../../src/registry/tags.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
const overridesOf = (text: string): Inputs['platformOverrides'] =>
  readInputs(
    (name) =>
      ({
        mode: 'merge',
        image: 'ghcr.io/acme/app',
        tags: 'latest',
        sources: 'ghcr.io/acme/app:rc',
        'platform-overrides': text,
      })[name] ?? '',
  ).platformOverrides;

const IMAGE = 'ghcr.io/acme/app';
const D = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

const SOURCE: Source = { label: 'ghcr.io/acme/app:rc', ref: 'ghcr.io/acme/app:rc' };
const image = (n: number, platform: Descriptor['platform'], extra: Partial<Descriptor> = {}): Descriptor => ({
  mediaType: MANIFEST,
  digest: D(n),
  size: 1000 + n,
  platform,
  ...extra,
});
const attestation = (
  n: number,
  of: number,
  platform: Descriptor['platform'] = { os: 'unknown', architecture: 'unknown' },
): Descriptor => ({
  mediaType: MANIFEST,
  digest: D(n),
  size: 500,
  platform,
  annotations: { 'vnd.docker.reference.digest': D(of), 'vnd.docker.reference.type': 'attestation-manifest' },
});
const entry = (descriptor: Descriptor, platform: string): Entry => ({
  source: SOURCE,
  descriptor,
  platform,
  overridden: false,
});

describe('sourceRef', () => {
  it.each(
    named<{ name: string; source: string; images: string[]; expected: string }>([
      {
        name: 'a sha256: digest takes the first image’s repository',
        source: D(7),
        images: [IMAGE, 'docker.io/acme/app'],
        expected: `${IMAGE}@${D(7)}`,
      },
      {
        name: 'a tag reference is used as is',
        source: 'ghcr.io/acme/app:1.2.3-rc1',
        images: ['registry.example.com/acme/app'],
        expected: 'ghcr.io/acme/app:1.2.3-rc1',
      },
      {
        name: 'a digest reference is used as is',
        source: `docker.io/acme/app@${D(7)}`,
        images: [IMAGE],
        expected: `docker.io/acme/app@${D(7)}`,
      },
    ]),
  )('%s', (_name, { source, images, expected }) => {
    expect(sourceRef(source, images)).toBe(expected);
  });
});

describe('applyOverrides', () => {
  const amd64 = entry(image(1, { os: 'linux', architecture: 'amd64' }), 'linux/amd64');
  const armNoVariant = entry(image(2, { os: 'linux', architecture: 'arm' }), 'linux/arm/v7');
  const armV7 = entry(image(3, { os: 'linux', architecture: 'arm', variant: 'v7' }), 'linux/arm/v7');
  const arm64v8 = entry(image(4, { os: 'linux', architecture: 'arm64', variant: 'v8' }), 'linux/arm64');
  const winAmd64 = entry(
    image(
      5,
      { os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2700' },
      { annotations: { 'org.example': 'kept' } },
    ),
    'windows/amd64',
  );
  const att1 = entry(attestation(11, 1), 'unknown/unknown');
  const attArm = entry(attestation(12, 2, { os: 'linux', architecture: 'arm' }), 'linux/arm/v7');

  it.each(
    named<{
      name: string;
      entries: Entry[];
      overrides: string;
      expected: { entries: Entry[]; unused: string[] };
    }>([
      {
        name: 'linux/arm=linux/arm/v7 rewrites the entry written linux/arm; attestations untouched',
        entries: [amd64, armNoVariant, att1],
        overrides: 'linux/arm=linux/arm/v7',
        expected: {
          entries: [
            amd64,
            {
              ...armNoVariant,
              descriptor: {
                ...armNoVariant.descriptor,
                platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
              },
              platform: 'linux/arm/v7',
              overridden: true,
            },
            att1,
          ],
          unused: [],
        },
      },
      {
        name: 'linux/arm does not match an entry written linux/arm/v7: reported unused',
        entries: [amd64, armV7],
        overrides: 'linux/arm=linux/arm/v6',
        expected: { entries: [amd64, armV7], unused: ['linux/arm=linux/arm/v6'] },
      },
      {
        name: 'an override to no variant removes the variant',
        entries: [arm64v8],
        overrides: 'linux/arm64/v8=linux/arm64',
        expected: {
          entries: [
            {
              ...arm64v8,
              descriptor: { ...arm64v8.descriptor, platform: { os: 'linux', architecture: 'arm64' } },
              platform: 'linux/arm64',
              overridden: true,
            },
          ],
          unused: [],
        },
      },
      {
        name: 'an attestation written with the same platform is untouched; the override counts for the image',
        entries: [armNoVariant, attArm],
        overrides: 'linux/arm=linux/arm/v6',
        expected: {
          entries: [
            {
              ...armNoVariant,
              descriptor: {
                ...armNoVariant.descriptor,
                platform: { os: 'linux', architecture: 'arm', variant: 'v6' },
              },
              platform: 'linux/arm/v6',
              overridden: true,
            },
            attArm,
          ],
          unused: [],
        },
      },
      {
        name: 'an override matching only an attestation is unused',
        entries: [amd64, attArm],
        overrides: 'linux/arm=linux/arm/v7',
        expected: { entries: [amd64, attArm], unused: ['linux/arm=linux/arm/v7'] },
      },
      {
        name: 'other platform fields and annotations are kept',
        entries: [winAmd64],
        overrides: 'windows/amd64=windows/arm64',
        expected: {
          entries: [
            {
              ...winAmd64,
              descriptor: {
                ...winAmd64.descriptor,
                platform: { os: 'windows', architecture: 'arm64', 'os.version': '10.0.20348.2700' },
              },
              platform: 'windows/arm64',
              overridden: true,
            },
          ],
          unused: [],
        },
      },
      {
        name: 'several overrides, one unused',
        entries: [amd64, armNoVariant],
        overrides: 'linux/arm=linux/arm/v7\nlinux/s390x=linux/s390x',
        expected: {
          entries: [
            amd64,
            {
              ...armNoVariant,
              descriptor: {
                ...armNoVariant.descriptor,
                platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
              },
              platform: 'linux/arm/v7',
              overridden: true,
            },
          ],
          unused: ['linux/s390x=linux/s390x'],
        },
      },
      {
        name: 'no overrides',
        entries: [amd64, att1],
        overrides: '',
        expected: { entries: [amd64, att1], unused: [] },
      },
    ]),
  )('%s', (_name, { entries, overrides, expected }) => {
    const before = structuredClone(entries);
    expect(applyOverrides(entries, overridesOf(overrides))).toEqual(expected);
    expect(entries).toEqual(before);
  });
});

describe('mergeAnnotations', () => {
  it.each(
    named<{ name: string; lines: string[]; expected: { args: string[]; moved: number; dropped: string[] } }>([
      {
        name: 'unprefixed (manifest) moves to the index',
        lines: ['org.opencontainers.image.title=App'],
        expected: {
          args: ['--annotation', 'index:org.opencontainers.image.title=App'],
          moved: 1,
          dropped: [],
        },
      },
      {
        name: 'manifest: moves to the index',
        lines: ['manifest:k=v'],
        expected: { args: ['--annotation', 'index:k=v'], moved: 1, dropped: [] },
      },
      {
        name: 'index: stays',
        lines: ['index:k=v'],
        expected: { args: ['--annotation', 'index:k=v'], moved: 0, dropped: [] },
      },
      {
        name: 'manifest,index: is not counted as moved',
        lines: ['manifest,index:k=v'],
        expected: { args: ['--annotation', 'index:k=v'], moved: 0, dropped: [] },
      },
      {
        name: 'manifest-descriptor: is kept',
        lines: ['manifest-descriptor:k=v'],
        expected: { args: ['--annotation', 'manifest-descriptor:k=v'], moved: 0, dropped: [] },
      },
      {
        name: 'index-descriptor: is dropped (a merged index has no parent)',
        lines: ['index-descriptor:k=v'],
        expected: { args: [], moved: 0, dropped: ['index-descriptor:k=v'] },
      },
      {
        name: 'docker/metadata-action output',
        lines: [
          'manifest:org.opencontainers.image.created=2025-01-02T03:04:05.000Z',
          'manifest:org.opencontainers.image.version=1.2.3',
          'index:org.opencontainers.image.description=My app',
          'manifest-descriptor:org.opencontainers.image.version=1.2.3',
          'index-descriptor:org.opencontainers.image.revision=0123abc',
        ],
        expected: {
          args: [
            '--annotation',
            'index:org.opencontainers.image.created=2025-01-02T03:04:05.000Z',
            '--annotation',
            'index:org.opencontainers.image.version=1.2.3',
            '--annotation',
            'index:org.opencontainers.image.description=My app',
            '--annotation',
            'manifest-descriptor:org.opencontainers.image.version=1.2.3',
          ],
          moved: 2,
          dropped: ['index-descriptor:org.opencontainers.image.revision=0123abc'],
        },
      },
      { name: 'none', lines: [], expected: { args: [], moved: 0, dropped: [] } },
    ]),
  )('%s', (_name, { lines, expected }) => {
    const { annotations, moved, dropped } = mergeAnnotations(lines.map(parseAnnotation));
    const args = annotations.flatMap((a) => ['--annotation', formatAnnotation(a)]);
    expect({ args, moved, dropped }).toEqual(expected);
  });
});

describe('planCreate', () => {
  const HEAD = ['imagetools', 'create', '--progress', 'plain'];
  const sources: Source[] = [
    { label: 'leg build-amd64 (attempt 1)', ref: `${IMAGE}@${D(1)}` },
    { label: 'leg build-arm64 (attempt 2)', ref: `${IMAGE}@${D(2)}` },
  ];
  const annotations = ['--annotation', 'index:org.opencontainers.image.description=My app'];

  it.each(
    named<{ name: string; tags: string[]; files: string[]; annotations: string[]; expected: CreatePlan[] }>([
      {
        name: 'one repository from references',
        tags: resolveTags([IMAGE], ['latest', '1.2.3']),
        files: [],
        annotations,
        expected: [
          {
            repository: IMAGE,
            tags: [`${IMAGE}:latest`, `${IMAGE}:1.2.3`],
            copies: [],
            args: [
              ...HEAD,
              ...annotations,
              '--tag',
              `${IMAGE}:latest`,
              '--tag',
              `${IMAGE}:1.2.3`,
              `${IMAGE}@${D(1)}`,
              `${IMAGE}@${D(2)}`,
            ],
          },
        ],
      },
      {
        name: 'descriptor files instead of references (overrides)',
        tags: [`${IMAGE}:latest`],
        files: [
          '/tmp/merge/descriptor-0.json',
          '/tmp/merge/descriptor-1.json',
          '/tmp/merge/descriptor-2.json',
        ],
        annotations: [],
        expected: [
          {
            repository: IMAGE,
            tags: [`${IMAGE}:latest`],
            copies: [],
            args: [
              ...HEAD,
              '--tag',
              `${IMAGE}:latest`,
              '--file',
              '/tmp/merge/descriptor-0.json',
              '--file',
              '/tmp/merge/descriptor-1.json',
              '--file',
              '/tmp/merge/descriptor-2.json',
            ],
          },
        ],
      },
      {
        name: 'two repositories → two plans, each with its own tags',
        tags: resolveTags([IMAGE, 'docker.io/acme/app'], ['latest', '1.2.3']),
        files: [],
        annotations,
        expected: [
          {
            repository: IMAGE,
            tags: [`${IMAGE}:latest`, `${IMAGE}:1.2.3`],
            copies: [],
            args: [
              ...HEAD,
              ...annotations,
              '--tag',
              `${IMAGE}:latest`,
              '--tag',
              `${IMAGE}:1.2.3`,
              `${IMAGE}@${D(1)}`,
              `${IMAGE}@${D(2)}`,
            ],
          },
          {
            repository: 'docker.io/acme/app',
            tags: ['docker.io/acme/app:latest', 'docker.io/acme/app:1.2.3'],
            copies: [],
            args: [
              ...HEAD,
              ...annotations,
              '--tag',
              'docker.io/acme/app:latest',
              '--tag',
              'docker.io/acme/app:1.2.3',
              `${IMAGE}@${D(1)}`,
              `${IMAGE}@${D(2)}`,
            ],
          },
        ],
      },
      {
        name: 'a registry with a port',
        tags: ['localhost:5000/acme/app:1.0'],
        files: [],
        annotations: [],
        expected: [
          {
            repository: 'localhost:5000/acme/app',
            tags: ['localhost:5000/acme/app:1.0'],
            copies: [],
            args: [...HEAD, '--tag', 'localhost:5000/acme/app:1.0', `${IMAGE}@${D(1)}`, `${IMAGE}@${D(2)}`],
          },
        ],
      },
    ]),
  )('%s', (_name, { tags, files, annotations: args, expected }) => {
    const parsed = args.filter((_, i) => i % 2 === 1).map(parseAnnotation);
    expect(planCreate(tags, sources, parsed, files)).toEqual(expected);
  });
});

describe('planCreate across repositories, and planDryRun', () => {
  const HEAD = ['imagetools', 'create', '--progress', 'plain'];
  const OTHER = 'registry.example.com/acme/app';
  const index = (digest: string) => ({ ref: '', raw: '{}', digest, manifest: { manifests: [] } });
  const sources: Source[] = [
    { label: 'a', ref: `${IMAGE}@${D(1)}`, found: index(D(1)) },
    { label: 'b', ref: `${IMAGE}:legacy-arm`, found: index(D(2)) },
  ];
  const entry = (source: Source, digest: string, platform: string): Entry => ({
    source,
    descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 1 },
    platform,
    overridden: false,
  });
  const entries = [
    entry(sources[0] as Source, D(3), 'linux/amd64'),
    entry(sources[0] as Source, D(4), 'unknown/unknown'),
    entry(sources[1] as Source, D(5), 'linux/arm/v7'),
  ];
  const files = ['/tmp/d-0.json', '/tmp/d-1.json', '/tmp/d-2.json'];
  const copy = (digest: string) => ({
    from: `${IMAGE}@${digest}`,
    to: `${OTHER}@${digest}`,
    args: [...HEAD, '--prefer-index=false', '--tag', `${OTHER}@${digest}`, `${IMAGE}@${digest}`],
  });

  it('descriptor files into another repository: each entry is copied there by digest first, as itself (no tag)', () => {
    const [plan] = planCreate([`${OTHER}:1.0`], sources, [], files, entries);
    expect(plan?.copies).toEqual([copy(D(3)), copy(D(4)), copy(D(5))]);
    expect(plan?.args).toEqual([...HEAD, '--tag', `${OTHER}:1.0`, ...files.flatMap((f) => ['--file', f])]);
  });

  it('descriptor files in the sources’ own repository: nothing to copy', () => {
    expect(planCreate([`${IMAGE}:1.0`], sources, [], files, entries).map((p) => p.copies)).toEqual([[]]);
  });

  it('references into another repository: imagetools copies them itself', () => {
    expect(planCreate([`${OTHER}:1.0`], sources, [], [], entries).map((p) => p.copies)).toEqual([[]]);
  });

  it('the same leg named twice (two platforms of one leg) is one source', () => {
    const twice = [sources[0] as Source, { ...(sources[0] as Source), label: 'again' }];
    expect(planCreate([`${IMAGE}:1.0`], twice, [], [])[0]?.args).toEqual([
      ...HEAD,
      '--tag',
      `${IMAGE}:1.0`,
      `${IMAGE}@${D(1)}`,
    ]);
  });

  it('a dry run is the create with --dry-run; with copies, it reads the descriptors where the sources are', () => {
    const [same] = planCreate([`${IMAGE}:1.0`], sources, [], files, entries);
    expect(planDryRun(same as CreatePlan, sources)).toEqual([...(same as CreatePlan).args, '--dry-run']);
    const [other] = planCreate([`${OTHER}:1.0`], sources, [], files, entries);
    expect(planDryRun(other as CreatePlan, sources)).toEqual([
      ...HEAD,
      '--tag',
      `${IMAGE}:dry-run`,
      ...files.flatMap((f) => ['--file', f]),
      '--dry-run',
    ]);
  });

  it('a dry run of descriptors from several other repositories cannot be shown', () => {
    const third: Source = { label: 'c', ref: `docker.io/acme/x@${D(6)}`, found: index(D(6)) };
    const spread = [...sources, third];
    const [plan] = planCreate(
      [`${OTHER}:1.0`],
      spread,
      [],
      [...files, '/tmp/d-3.json'],
      [...entries, entry(third, D(7), 'linux/s390x')],
    );
    expect(planDryRun(plan as CreatePlan, spread)).toBeUndefined();
  });
});

describe('checkPlatformSet: what the entries are and how to make them match', () => {
  const images = ['linux/amd64', 'linux/arm64', 'linux/arm/v7'].map((p, i) =>
    entry({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: D(i + 1), size: 1 }, p),
  );
  const message = (expected: string[], origin?: { sources: boolean; overridden: boolean }) => {
    try {
      checkPlatformSet(expected, images, origin);
    } catch (e) {
      return (e as Error).message;
    }
    return '';
  };

  it('platforms unset, or equal: the platforms', () => {
    expect(checkPlatformSet([], images)).toEqual(['linux/amd64', 'linux/arm64', 'linux/arm/v7']);
    expect(message(['linux/amd64', 'linux/arm64', 'linux/arm/v7'])).toBe('');
  });

  it('a subset of the sources: says how to publish them', () => {
    expect(message(['linux/amd64', 'linux/arm64'])).toBe(
      'the sources do not match platforms (not in platforms: linux/arm/v7); leave platforms unset to publish every platform of the sources, or give one source per platform (repo@sha256:…); nothing was pushed',
    );
  });

  it('legs after platform-overrides: names platform-overrides, not sources', () => {
    expect(
      message(['linux/amd64', 'linux/arm64', 'linux/arm/v6'], { sources: false, overridden: true }),
    ).toBe(
      "the legs' platforms after platform-overrides do not match platforms (missing linux/arm/v6; not in platforms: linux/arm/v7); check platform-overrides against the platforms the legs built; nothing was pushed",
    );
  });
});
