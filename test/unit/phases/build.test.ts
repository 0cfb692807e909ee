import { describe, expect, it } from 'vitest';
import { ExecError } from '../../../src/exec/exec.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import type { Inputs } from '../../../src/inputs/types.js';
import { isIndexLevel, parseAnnotation } from '../../../src/model/annotations.js';
import {
  buildArgs,
  cacheRefusal,
  pushFailedTransiently,
  withoutCache,
  type BuildSpec,
} from '../../../src/phases/build.js';
import { resolveTags } from '../../../src/registry/tags.js';
import { planSource } from '../../../src/inputs/source.js';
import { ctxOf } from '../../support/unit.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
const read = (values: Record<string, string>): Inputs => {
  const map = new Map(Object.entries({ context: '.', provenance: 'false', ...values }));
  return readInputs((name) => map.get(name) ?? '');
};

const IMAGE = 'ghcr.io/acme/app';
const METADATA = '/home/runner/work/_temp/multiarch-build-x/metadata.json';
const HEAD = ['build', '--progress', 'plain'];
const NO_PROVENANCE = ['--attest', 'type=provenance,disabled=true'];
const TAIL = ['--metadata-file', METADATA];

/** The spec modes/build.ts builds for these inputs (mode all: tags; mode build with cache handoff: digest). */
function specFor(inputs: Inputs, over: Partial<BuildSpec> = {}): BuildSpec {
  return {
    platforms: inputs.platforms,
    output:
      inputs.mode === 'build'
        ? { kind: 'digest', images: inputs.images }
        : { kind: 'tags', refs: resolveTags(inputs.images, inputs.tags), push: inputs.push },
    oci: inputs.annotations.some(isIndexLevel),
    annotations: inputs.annotations,
    cacheFrom: [],
    cacheTo: [],
    metadataFile: METADATA,
    secretFiles: new Map(),
    source: planSource(inputs, ctxOf({ GITHUB_WORKSPACE: '/w' }), () => true),
    attest: { builderId: 'https://github.com/acme/app/actions/runs/1/attempts/1', privateRepository: false },
    ...over,
  };
}

// The docs examples (build-docs.test.ts) cover mode all's inputs; these cover this action's own outputs.
describe('buildArgs', () => {
  it.each(
    named<{ name: string; values: Record<string, string>; spec?: Partial<BuildSpec>; expected: string[] }>([
      {
        name: 'mode all, pushed to tags, no index annotations: --push',
        values: { platforms: 'linux/amd64,linux/arm64', image: IMAGE, tags: 'latest,1.2.3', push: 'true' },
        expected: [
          ...HEAD,
          '--platform',
          'linux/amd64,linux/arm64',
          ...NO_PROVENANCE,
          '--tag',
          `${IMAGE}:latest`,
          '--tag',
          `${IMAGE}:1.2.3`,
          ...TAIL,
          '--push',
          '.',
        ],
      },
      {
        name: 'mode all, pushed to tags, with an index annotation: OCI image output',
        values: {
          platforms: 'linux/amd64,linux/arm64',
          image: IMAGE,
          tags: 'latest',
          push: 'true',
          annotations:
            'index:org.opencontainers.image.description=My app\nmanifest:org.opencontainers.image.version=1.2.3',
        },
        expected: [
          ...HEAD,
          '--annotation',
          'index:org.opencontainers.image.description=My app',
          '--annotation',
          'manifest:org.opencontainers.image.version=1.2.3',
          '--output',
          'type=image,push=true,oci-mediatypes=true',
          '--platform',
          'linux/amd64,linux/arm64',
          ...NO_PROVENANCE,
          '--tag',
          `${IMAGE}:latest`,
          ...TAIL,
          '.',
        ],
      },
      {
        name: 'a leg pushed by digest to one image',
        values: { mode: 'build', image: IMAGE, platforms: 'linux/arm64' },
        expected: [
          ...HEAD,
          '--output',
          `type=image,name=${IMAGE},push-by-digest=true,name-canonical=true,push=true`,
          '--platform',
          'linux/arm64',
          ...NO_PROVENANCE,
          ...TAIL,
          '.',
        ],
      },
      {
        name: 'a leg pushed by digest to two images: the name list is CSV-quoted',
        values: {
          mode: 'build',
          image: `${IMAGE},docker.io/acme/app`,
          platforms: 'linux/arm/v6,linux/arm/v7',
        },
        expected: [
          ...HEAD,
          '--output',
          `type=image,"name=${IMAGE},docker.io/acme/app",push-by-digest=true,name-canonical=true,push=true`,
          '--platform',
          'linux/arm/v6,linux/arm/v7',
          ...NO_PROVENANCE,
          ...TAIL,
          '.',
        ],
      },
      {
        name: 'a leg pushed by digest with OCI media types',
        values: { mode: 'build', image: IMAGE, platforms: 'linux/arm64' },
        spec: { oci: true },
        expected: [
          ...HEAD,
          '--output',
          `type=image,name=${IMAGE},push-by-digest=true,name-canonical=true,push=true,oci-mediatypes=true`,
          '--platform',
          'linux/arm64',
          ...NO_PROVENANCE,
          ...TAIL,
          '.',
        ],
      },
      {
        name: 'a leg on the docker driver pushes to its handoff tag',
        values: { mode: 'build', image: IMAGE, platforms: 'linux/arm64', handoff: 'tags', driver: 'docker' },
        spec: { output: { kind: 'tags', refs: [`${IMAGE}:run-1-linux-arm64-0123456789ab`], push: true } },
        expected: [
          ...HEAD,
          '--platform',
          'linux/arm64',
          ...NO_PROVENANCE,
          '--tag',
          `${IMAGE}:run-1-linux-arm64-0123456789ab`,
          ...TAIL,
          '--push',
          '.',
        ],
      },
      {
        name: 'a leg with push: false keeps an OCI image in the builder, pushed nowhere',
        values: { mode: 'build', image: IMAGE, platforms: 'linux/arm64', push: 'false' },
        spec: { output: { kind: 'unpushed' }, oci: true },
        expected: [
          ...HEAD,
          '--output',
          'type=image,push=false,oci-mediatypes=true',
          '--platform',
          'linux/arm64',
          ...NO_PROVENANCE,
          ...TAIL,
          '.',
        ],
      },
      {
        name: 'a leg with provenance unset: max provenance naming the run',
        values: { mode: 'build', image: IMAGE, platforms: 'linux/arm64', provenance: '' },
        expected: [
          ...HEAD,
          '--output',
          `type=image,name=${IMAGE},push-by-digest=true,name-canonical=true,push=true`,
          '--platform',
          'linux/arm64',
          '--attest',
          'type=provenance,mode=max,builder-id=https://github.com/acme/app/actions/runs/1/attempts/1',
          ...TAIL,
          '.',
        ],
      },
      {
        name: 'no platforms, no tags: a plain build',
        values: {},
        expected: [...HEAD, ...NO_PROVENANCE, ...TAIL, '.'],
      },
    ]),
  )('%s', (_name, { values, spec, expected }) => {
    const inputs = read(values);
    expect(buildArgs(inputs, specFor(inputs, spec))).toEqual(expected);
  });
});

describe('isIndexLevel', () => {
  it.each(
    named<{ name: string; lines: string[]; expected: boolean }>([
      { name: 'none', lines: [], expected: false },
      { name: 'unprefixed (manifest)', lines: ['k=v'], expected: false },
      { name: 'manifest', lines: ['manifest:k=v'], expected: false },
      { name: 'manifest-descriptor', lines: ['manifest-descriptor:k=v'], expected: false },
      { name: 'index', lines: ['manifest:a=b', 'index:k=v'], expected: true },
      { name: 'index-descriptor', lines: ['index-descriptor:k=v'], expected: true },
      { name: 'manifest,index', lines: ['manifest,index:k=v'], expected: true },
    ]),
  )('%s', (_name, { lines, expected }) => {
    expect(lines.map(parseAnnotation).some(isIndexLevel)).toBe(expected);
  });
});

describe('pushFailedTransiently', () => {
  const failure = (stderr: string) =>
    new ExecError(['docker', 'buildx', 'build'], { code: 1, stdout: '', stderr });
  it.each([
    [
      'ERROR: failed to build: failed to solve: failed to push 127.0.0.1:5000/a:1: unexpected status from PUT request to http://127.0.0.1:5000/v2/a/manifests/1: 503 Service Unavailable',
      true,
    ],
    [
      'ERROR: failed to solve: failed to push r/a:1: failed commit on ref "manifest-sha256:x": unexpected status: 429 Too Many Requests',
      true,
    ],
    [
      'ERROR: failed to solve: failed to copy: read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer',
      true,
    ],
    [
      'ERROR: failed to solve: failed to push r/a:1: unexpected status from PUT request: 401 Unauthorized',
      false,
    ],
    [
      'ERROR: failed to solve: process "/bin/sh -c curl example.com" did not complete successfully: exit code: 6 (503)',
      false,
    ],
    ['ERROR: failed to solve: failed to compute cache key: "/missing" not found', false],
  ])('%s → %s', (stderr, expected) => {
    expect(pushFailedTransiently(failure(stderr))).toBe(expected);
  });

  it('is false for errors that are not a failed command', () => {
    expect(pushFailedTransiently(new Error('spawn docker ENOENT'))).toBe(false);
  });
});

describe('cacheRefusal', () => {
  it.each([
    [
      'a malformed cache token',
      'ERROR: failed to build: failed to solve: failed to configure gha cache exporter: token is malformed: token contains an invalid number of segments\n',
      'failed to configure gha cache exporter: token is malformed: token contains an invalid number of segments',
    ],
    [
      'an expired one',
      'ERROR: failed to solve: failed to configure gha cache importer: cache token expired at 2026-01-01 00:00:00 +0000 UTC\n',
      'failed to configure gha cache importer: cache token expired at 2026-01-01 00:00:00 +0000 UTC',
    ],
    [
      'a failed RUN step',
      'ERROR: failed to solve: process "/bin/sh -c false" did not complete successfully\n',
      undefined,
    ],
    ['a refused push', 'ERROR: failed to push ghcr.io/acme/app:1: 403 Forbidden\n', undefined],
  ])('%s', (_name, stderr, expected) => {
    expect(cacheRefusal(stderr)).toBe(expected);
  });
});

describe('withoutCache', () => {
  it('drops every --cache-from and --cache-to with its value, and nothing else', () => {
    const args = [
      'build',
      '--cache-from',
      'type=gha,scope=s',
      '--target',
      'runtime',
      '--cache-to',
      'type=gha,scope=s,mode=max,ignore-error=true',
      '--metadata-file',
      '/t/m.json',
      '.',
    ];
    expect(withoutCache(args)).toEqual(['build', '--target', 'runtime', '--metadata-file', '/t/m.json', '.']);
    expect(withoutCache(['build', '.'])).toEqual(['build', '.']);
  });
});
