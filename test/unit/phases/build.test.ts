import { describe, expect, it } from 'vitest';
import { ExecError } from '../../../src/exec/exec.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import type { Inputs } from '../../../src/inputs/types.js';
import { isIndexLevel, parseAnnotation } from '../../../src/model/annotations.js';
import { buildArgs, pushFailedTransiently, type BuildSpec } from '../../../src/phases/build.js';
import { resolveTags } from '../../../src/registry/tags.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
const read = (values: Record<string, string>): Inputs => {
  const map = new Map(Object.entries(values));
  return readInputs((name) => map.get(name) ?? '');
};

const IMAGE = 'ghcr.io/acme/app';
const METADATA = '/home/runner/work/_temp/multiarch-build-x/metadata.json';
const HEAD = ['build', '--progress', 'plain'];
const TAIL = ['--metadata-file', METADATA, '.'];

/** The spec main.ts builds for these inputs (mode all: tags; mode build with cache handoff: digest). */
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
    ...over,
  };
}

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
          '--tag',
          `${IMAGE}:latest`,
          '--tag',
          `${IMAGE}:1.2.3`,
          '--push',
          ...TAIL,
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
          '--platform',
          'linux/amd64,linux/arm64',
          '--annotation',
          'index:org.opencontainers.image.description=My app',
          '--annotation',
          'manifest:org.opencontainers.image.version=1.2.3',
          '--tag',
          `${IMAGE}:latest`,
          '--output',
          'type=image,push=true,oci-mediatypes=true',
          ...TAIL,
        ],
      },
      {
        name: 'mode all, full references from metadata-action, not pushed',
        values: { platforms: 'linux/amd64', tags: 'ghcr.io/acme/app:1.2.3\ndocker.io/acme/app:1.2.3' },
        expected: [
          ...HEAD,
          '--platform',
          'linux/amd64',
          '--tag',
          'ghcr.io/acme/app:1.2.3',
          '--tag',
          'docker.io/acme/app:1.2.3',
          ...TAIL,
        ],
      },
      {
        name: 'a leg pushed by digest to one image',
        values: { mode: 'build', image: IMAGE, platforms: 'linux/arm64' },
        expected: [
          ...HEAD,
          '--platform',
          'linux/arm64',
          '--output',
          `type=image,name=${IMAGE},push-by-digest=true,name-canonical=true,push=true`,
          ...TAIL,
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
          '--platform',
          'linux/arm/v6,linux/arm/v7',
          '--output',
          `type=image,"name=${IMAGE},docker.io/acme/app",push-by-digest=true,name-canonical=true,push=true`,
          ...TAIL,
        ],
      },
      {
        name: 'a leg pushed by digest with OCI media types',
        values: { mode: 'build', image: IMAGE, platforms: 'linux/arm64' },
        spec: { oci: true },
        expected: [
          ...HEAD,
          '--platform',
          'linux/arm64',
          '--output',
          `type=image,name=${IMAGE},push-by-digest=true,name-canonical=true,push=true,oci-mediatypes=true`,
          ...TAIL,
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
          '--tag',
          `${IMAGE}:run-1-linux-arm64-0123456789ab`,
          '--push',
          ...TAIL,
        ],
      },
      {
        name: 'a leg with push: false keeps an OCI image in the builder, pushed nowhere',
        values: { mode: 'build', image: IMAGE, platforms: 'linux/arm64', push: 'false' },
        spec: { output: { kind: 'unpushed' }, oci: true },
        expected: [
          ...HEAD,
          '--platform',
          'linux/arm64',
          '--output',
          'type=image,push=false,oci-mediatypes=true',
          ...TAIL,
        ],
      },
      {
        name: 'load into the local image store',
        values: { image: IMAGE, tags: 'dev', load: 'true' },
        expected: [...HEAD, '--tag', `${IMAGE}:dev`, '--load', ...TAIL],
      },
      {
        name: 'no platforms, no tags: a plain build',
        values: {},
        expected: [...HEAD, ...TAIL],
      },
      {
        name: 'every pass-through flag, in order',
        values: {
          platforms: 'linux/amd64',
          context: 'https://github.com/acme/app.git#main',
          file: 'docker/Dockerfile.release',
          target: 'runtime',
          'build-args': 'VERSION=1.2.3\nLIST=a,b',
          'build-contexts': 'alpine=docker-image://alpine:3.20',
          labels: 'org.opencontainers.image.title=App\nteam=core',
          annotations: 'manifest:org.opencontainers.image.version=1.2.3',
          ssh: 'default\ngithub=/home/runner/.ssh/id_ed25519',
          'no-cache': 'true',
          pull: 'true',
          network: 'host',
          'add-hosts': 'db:10.0.0.5,cache:10.0.0.6',
          allow: 'network.host,security.insecure',
          'shm-size': '2g',
          ulimit: 'nofile=1024:1024\nnproc=512',
          provenance: 'mode=max',
          sbom: 'true',
        },
        spec: {
          cacheFrom: ['type=gha,scope=acme-app_linux-amd64_all'],
          cacheTo: ['type=gha,scope=acme-app_linux-amd64_all,mode=max,ignore-error=true'],
        },
        expected: [
          ...HEAD,
          '--platform',
          'linux/amd64',
          '--file',
          'docker/Dockerfile.release',
          '--target',
          'runtime',
          '--build-arg',
          'VERSION=1.2.3',
          '--build-arg',
          'LIST=a,b',
          '--build-context',
          'alpine=docker-image://alpine:3.20',
          '--label',
          'org.opencontainers.image.title=App',
          '--label',
          'team=core',
          '--annotation',
          'manifest:org.opencontainers.image.version=1.2.3',
          '--ssh',
          'default',
          '--ssh',
          'github=/home/runner/.ssh/id_ed25519',
          '--no-cache',
          '--pull',
          '--network',
          'host',
          '--add-host',
          'db:10.0.0.5',
          '--add-host',
          'cache:10.0.0.6',
          '--allow',
          'network.host',
          '--allow',
          'security.insecure',
          '--shm-size',
          '2g',
          '--ulimit',
          'nofile=1024:1024',
          '--ulimit',
          'nproc=512',
          '--provenance',
          'mode=max',
          '--sbom',
          'true',
          '--cache-from',
          'type=gha,scope=acme-app_linux-amd64_all',
          '--cache-to',
          'type=gha,scope=acme-app_linux-amd64_all,mode=max,ignore-error=true',
          '--metadata-file',
          METADATA,
          'https://github.com/acme/app.git#main',
        ],
      },
      {
        name: 'provenance: false is passed through',
        values: { platforms: 'linux/amd64', provenance: 'false' },
        expected: [...HEAD, '--platform', 'linux/amd64', '--provenance', 'false', ...TAIL],
      },
    ]),
  )('%s', (_name, { values, spec, expected }) => {
    const inputs = read(values);
    expect(buildArgs(inputs, specFor(inputs, spec))).toEqual(expected);
  });

  describe('secrets', () => {
    const SECRET_VALUES = ['s3cr3t-npm-token', 'ghp_abcdefghijklmnopqrstuvwxyz012345'];
    const inputs = read({
      platforms: 'linux/amd64',
      secrets: `npm_token=${SECRET_VALUES[0]}\ngh.token=${SECRET_VALUES[1]}`,
      'secret-files': 'aws=/home/runner/.aws/credentials',
      'secret-envs': 'token=MY_TOKEN\nnpmrc=NPM_CONFIG',
    });
    const secretFiles = new Map([
      ['npm_token', '/home/runner/work/_temp/multiarch-build-x/secrets/npm_token'],
      ['gh.token', '/home/runner/work/_temp/multiarch-build-x/secrets/gh.token'],
    ]);
    const argv = buildArgs(inputs, specFor(inputs, { secretFiles }));

    it('passes secrets as files, secret-files as src=, secret-envs as env=', () => {
      expect(argv).toEqual([
        ...HEAD,
        '--platform',
        'linux/amd64',
        '--secret',
        'id=npm_token,src=/home/runner/work/_temp/multiarch-build-x/secrets/npm_token',
        '--secret',
        'id=gh.token,src=/home/runner/work/_temp/multiarch-build-x/secrets/gh.token',
        '--secret',
        'id=aws,src=/home/runner/.aws/credentials',
        '--secret',
        'id=token,env=MY_TOKEN',
        '--secret',
        'id=npmrc,env=NPM_CONFIG',
        ...TAIL,
      ]);
    });

    it.each(SECRET_VALUES)('no argv element holds the secret value %s', (value) => {
      expect(argv.filter((arg) => arg.includes(value))).toEqual([]);
    });
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
