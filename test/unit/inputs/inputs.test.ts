import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/runner/errors.js';
import { COMMAS, listOf, PER_LINE } from '../../../src/inputs/grammar.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import { BUILD_ONLY_INPUTS, INPUT_DEFAULTS } from '../../../src/inputs/modes.js';
import { DEFAULT_BUILDKITD_FLAGS, DEFAULT_QEMU_IMAGE, type Inputs } from '../../../src/inputs/types.js';
import { parseAnnotation, type Annotation } from '../../../src/model/annotations.js';
import type { Platform } from '../../../src/model/platforms.js';
import { parseReference } from '../../../src/registry/refs.js';

type Values = Record<string, string>;

/** Table rows as [name, row]: `%s` prints the whole name. */
const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);

/** The runner's getInput, backed by a Map: unset inputs read as ''. */
const getter = (values: Values) => {
  const map = new Map(Object.entries(values));
  return (name: string): string => map.get(name) ?? '';
};
const read = (values: Values): Inputs => readInputs(getter(values));

function inputError(values: Values): InputError {
  try {
    read(values);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw new Error(`expected an InputError, got ${String(e)}`, { cause: e });
  }
  throw new Error(`expected an InputError for ${JSON.stringify(values)}, but the inputs were accepted`);
}

/** Asserts the error names `input` and that its message starts with exactly `start`. */
function expectInputError(values: Values, input: string, start: string): InputError {
  const e = inputError(values);
  expect(e.input).toBe(input);
  expect(e.phase).toBe('inputs');
  expect(e.message.startsWith(`${input}: `), e.message).toBe(true);
  expect(e.message.slice(0, start.length)).toBe(start);
  expect(e.line).toBe(`inputs: ${e.message}`);
  return e;
}

const IMAGE = 'ghcr.io/acme/app';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const amd64: Platform = { os: 'linux', arch: 'amd64' };
const arm64: Platform = { os: 'linux', arch: 'arm64' };
const armv7: Platform = { os: 'linux', arch: 'arm', variant: 'v7' };
const armv6: Platform = { os: 'linux', arch: 'arm', variant: 'v6' };

/** A value other than the default for each build-only input (most take free text). */
const NOT_DEFAULT: Record<string, string> = {
  'no-cache': 'true',
  pull: 'true',
  load: 'true',
  cache: 'off',
  'cache-write': 'never',
  qemu: 'off',
  'qemu-cleanup': 'true',
  cleanup: 'false',
  context: './app',
  'qemu-image': 'mirror.example/binfmt:1',
};

const DEFAULTS: Inputs = {
  mode: 'all',
  platforms: [],
  images: [],
  tags: [],
  context: undefined,
  file: undefined,
  target: undefined,
  buildArgs: [],
  buildContexts: [],
  labels: [],
  annotations: [],
  secrets: [],
  secretFiles: [],
  secretEnvs: [],
  ssh: [],
  noCache: false,
  noCacheFilters: [],
  call: undefined,
  callFields: [],
  outputs: [],
  attests: [],
  cgroupParent: undefined,
  githubToken: undefined,
  pull: false,
  push: false,
  load: false,
  provenance: undefined,
  sbom: undefined,
  network: undefined,
  addHosts: [],
  allow: [],
  shmSize: undefined,
  ulimit: [],
  cacheFrom: [],
  cacheTo: [],
  cache: 'auto',
  cacheRef: undefined,
  cacheWrite: 'auto',
  qemu: 'auto',
  qemuImage: DEFAULT_QEMU_IMAGE,
  driver: 'docker-container',
  driverOpts: [],
  buildkitdFlags: DEFAULT_BUILDKITD_FLAGS,
  buildkitdConfig: undefined,
  buildkitdConfigInline: undefined,
  buildkitImage: undefined,
  endpoint: undefined,
  tlsFromEnv: [],
  append: [],
  localNode: false,
  builder: undefined,
  cleanup: true,
  qemuCleanup: false,
  handoff: 'auto',
  variant: '',
  sources: [],
  platformOverrides: [],
  summary: true,
  buildxVersion: undefined,
  buildxUrl: undefined,
};

describe('readInputs defaults', () => {
  it.each(
    named<{ name: string; values: Values; expected: Inputs }>([
      { name: 'mode all with nothing set: push false', values: {}, expected: DEFAULTS },
      {
        name: 'mode build: push defaults to true',
        values: { mode: 'build', image: IMAGE },
        expected: { ...DEFAULTS, mode: 'build', images: [IMAGE], push: true },
      },
      {
        name: 'mode merge: push defaults to true',
        values: { mode: 'merge', image: IMAGE, tags: 'latest', platforms: 'linux/amd64' },
        expected: {
          ...DEFAULTS,
          mode: 'merge',
          images: [IMAGE],
          tags: ['latest'],
          platforms: [amd64],
          push: true,
        },
      },
      {
        name: 'mode all with push: true and tags',
        values: { image: IMAGE, tags: 'latest', push: 'true' },
        expected: { ...DEFAULTS, images: [IMAGE], tags: ['latest'], push: true },
      },
    ]),
  )('%s', (_name, { values, expected }) => {
    expect(read(values)).toEqual(expected);
  });

  it('pins the QEMU image to a release tag, not latest', () => {
    const ref = parseReference(read({}).qemuImage);
    expect(ref?.tag).toMatch(/^qemu-v\d+\.\d+\.\d+$/);
    expect(ref?.digest).toBeUndefined();
  });

  it.each(
    named<{ name: string; value: string; expected: boolean }>([
      { name: 'true → true', value: 'true', expected: true },
      { name: 'TRUE → true', value: 'TRUE', expected: true },
      { name: 'false → false', value: 'false', expected: false },
      { name: 'False → false', value: 'False', expected: false },
    ]),
  )('booleans: push: %s', (_name, { value, expected }) => {
    expect(read({ image: IMAGE, tags: 'latest', push: value }).push).toBe(expected);
  });
});

describe('list', () => {
  it.each(
    named<{ name: string; text: string; commas: boolean; expected: string[] }>([
      { name: 'comma separated', text: 'a,b,c', commas: true, expected: ['a', 'b', 'c'] },
      { name: 'newline separated', text: 'a\nb\nc', commas: true, expected: ['a', 'b', 'c'] },
      { name: 'mixed, with spaces', text: ' a , b\n c ,d ', commas: true, expected: ['a', 'b', 'c', 'd'] },
      { name: 'CRLF line ends', text: 'a\r\nb\r\n', commas: true, expected: ['a', 'b'] },
      { name: 'blank lines and empty entries', text: '\n\na,,b\n  \n', commas: true, expected: ['a', 'b'] },
      { name: 'comment lines', text: '# platforms\na\n  # indented\nb', commas: true, expected: ['a', 'b'] },
      {
        name: 'a comment line holding commas is dropped whole',
        text: 'linux/amd64\n# linux/arm64,linux/arm/v7',
        commas: true,
        expected: ['linux/amd64'],
      },
      {
        name: 'newline-only lists keep commas and spaces in values',
        text: 'A=1, 2\nB=x y\n# C=3\n\n',
        commas: false,
        expected: ['A=1, 2', 'B=x y'],
      },
      { name: 'empty', text: '', commas: true, expected: [] },
    ]),
  )('%s', (_name, { text, commas, expected }) => {
    expect(listOf('x', text, commas ? COMMAS : PER_LINE)).toEqual(expected);
  });

  it.each(
    named<{ name: string; values: Values; expected: Partial<Inputs> }>([
      {
        name: 'tags, image, add-hosts and allow split on commas and newlines',
        values: {
          image: `${IMAGE},docker.io/acme/app`,
          tags: 'latest\n1.2.3, 1.2',
          'add-hosts': 'a:10.0.0.1,b:10.0.0.2',
          allow: 'network.host\nsecurity.insecure',
        },
        expected: {
          images: [IMAGE, 'docker.io/acme/app'],
          tags: ['latest', '1.2.3', '1.2'],
          addHosts: ['a:10.0.0.1', 'b:10.0.0.2'],
          allow: ['network.host', 'security.insecure'],
        },
      },
      {
        name: 'build-args, labels and ulimit split on newlines only',
        values: {
          'build-args': 'LIST=a,b,c\n# COMMENTED=1\nEMPTY=\n\nEQ=x=y',
          labels: 'org.opencontainers.image.title=My app, v2',
          ulimit: 'nofile=1024:1024\nnproc=64',
        },
        expected: {
          buildArgs: [
            { key: 'LIST', value: 'a,b,c' },
            { key: 'EMPTY', value: '' },
            { key: 'EQ', value: 'x=y' },
          ],
          labels: [{ key: 'org.opencontainers.image.title', value: 'My app, v2' }],
          ulimit: ['nofile=1024:1024', 'nproc=64'],
        },
      },
    ]),
  )('%s', (_name, { values, expected }) => {
    expect(read(values)).toEqual({ ...DEFAULTS, ...expected });
  });
});

describe('platforms', () => {
  it.each<{ text: string; expected: Platform[] }>([
    { text: 'linux/amd64', expected: [amd64] },
    { text: 'linux/arm64/v8', expected: [arm64] },
    { text: 'linux/arm', expected: [armv7] },
    { text: 'linux/arm/7', expected: [armv7] },
    { text: 'linux/arm/v6', expected: [armv6] },
    { text: 'linux/aarch64', expected: [arm64] },
    { text: 'linux/x86_64', expected: [amd64] },
    { text: 'linux/x86-64', expected: [amd64] },
    { text: 'linux/amd64/v1', expected: [amd64] },
    { text: 'linux/amd64/v3', expected: [{ os: 'linux', arch: 'amd64', variant: 'v3' }] },
    { text: 'linux/armhf', expected: [armv7] },
    { text: 'linux/armel', expected: [armv6] },
    { text: 'linux/i686', expected: [{ os: 'linux', arch: '386' }] },
    { text: 'Linux/ARM64', expected: [arm64] },
    {
      text: 'linux/amd64, linux/arm64\nlinux/arm/v7\n# linux/s390x\nlinux/arm/v6',
      expected: [amd64, arm64, armv7, armv6],
    },
  ])('$text', ({ text, expected }) => {
    expect(read({ platforms: text }).platforms).toEqual(expected);
  });

  it('parses windows/amd64 for a builder that may run Windows BuildKit (driver: remote)', () => {
    const inputs = read({ platforms: 'windows/amd64', driver: 'remote', endpoint: 'tcp://win:1234' });
    expect(inputs.platforms).toEqual([{ os: 'windows', arch: 'amd64' }]);
  });

  it.each<{ text: string; start: string }>([
    { text: 'darwin/amd64', start: 'platforms: unknown os "darwin" in "darwin/amd64"' },
    { text: 'linux/amd46', start: 'platforms: unknown architecture "amd46" in "linux/amd46"' },
    { text: 'linux/arm/v9', start: 'platforms: unknown variant "v9" for arm' },
    { text: 'linux/arm64/x', start: 'platforms: unknown variant "x" for arm64' },
    { text: 'linux/amd64/v7', start: 'platforms: unknown variant "v7" for amd64' },
    { text: 'linux', start: 'platforms: "linux" is not os/arch[/variant]' },
    { text: 'linux/arm/v7/extra', start: 'platforms: "linux/arm/v7/extra" is not os/arch[/variant]' },
    { text: 'linux//v7', start: 'platforms: "linux//v7" is not os/arch[/variant]' },
    {
      text: 'linux/arm64,linux/arm64/v8',
      start: 'platforms: "linux/arm64/v8" duplicates "linux/arm64" (both are linux/arm64)',
    },
    {
      text: 'linux/arm\nlinux/arm/v7',
      start: 'platforms: "linux/arm/v7" duplicates "linux/arm" (both are linux/arm/v7)',
    },
    { text: 'linux/amd64,linux/x86_64', start: 'platforms: "linux/x86_64" duplicates "linux/amd64"' },
    { text: 'linux/amd64,linux/amd64', start: 'platforms: "linux/amd64" duplicates "linux/amd64"' },
  ])('rejects $text', ({ text, start }) => {
    expectInputError({ platforms: text }, 'platforms', start);
  });
});

describe('image and tags', () => {
  it.each(
    named<{ name: string; values: Values; images: string[]; tags: string[] }>([
      {
        name: 'bare tags',
        values: { image: IMAGE, tags: '1.2.3,latest,v1_beta.2' },
        images: [IMAGE],
        tags: ['1.2.3', 'latest', 'v1_beta.2'],
      },
      {
        name: 'full references (metadata-action style)',
        values: {
          tags: 'ghcr.io/acme/app:1.2.3\nghcr.io/acme/app:latest\nlocalhost:5000/acme/app:sha-abc123',
        },
        images: [],
        tags: ['ghcr.io/acme/app:1.2.3', 'ghcr.io/acme/app:latest', 'localhost:5000/acme/app:sha-abc123'],
      },
      {
        name: 'registry with port, nested path',
        values: { image: 'localhost:5000/org/team/app,acme/app' },
        images: ['localhost:5000/org/team/app', 'acme/app'],
        tags: [],
      },
    ]),
  )('accepts %s', (_name, { values, images, tags }) => {
    const inputs = read(values);
    expect(inputs.images).toEqual(images);
    expect(inputs.tags).toEqual(tags);
  });

  it.each(
    named<{ name: string; values: Values; input: string; start: string }>([
      {
        name: 'image with upper case',
        values: { image: 'ghcr.io/acme/App' },
        input: 'image',
        start: 'image: "ghcr.io/acme/App" is not a valid repository name',
      },
      {
        name: 'image with a tag',
        values: { image: 'ghcr.io/acme/app:1.0' },
        input: 'image',
        start: 'image: "ghcr.io/acme/app:1.0" includes a tag or digest',
      },
      {
        name: 'image with a digest',
        values: { image: `ghcr.io/acme/app@${DIGEST}` },
        input: 'image',
        start: `image: "ghcr.io/acme/app@${DIGEST}" includes a tag or digest`,
      },
      {
        name: 'image with a space',
        values: { image: 'ghcr.io/acme/my app' },
        input: 'image',
        start: 'image: "ghcr.io/acme/my app" is not a valid repository name',
      },
      {
        name: 'tag with a space',
        values: { image: IMAGE, tags: 'v1 beta' },
        input: 'tags',
        start: 'tags: "v1 beta" is neither a tag',
      },
      {
        name: 'tag starting with a dot',
        values: { image: IMAGE, tags: '.hidden' },
        input: 'tags',
        start: 'tags: ".hidden" is neither a tag',
      },
      {
        name: 'tag longer than 128 characters',
        values: { image: IMAGE, tags: 'a'.repeat(129) },
        input: 'tags',
        start: `tags: "${'a'.repeat(129)}" is neither a tag`,
      },
      {
        name: 'full reference without a tag',
        values: { tags: 'ghcr.io/acme/app' },
        input: 'tags',
        start: 'tags: "ghcr.io/acme/app" is neither a tag',
      },
      {
        name: 'registry:port/repo without a tag',
        values: { tags: 'localhost:5000/app' },
        input: 'tags',
        start: 'tags: "localhost:5000/app" is neither a tag',
      },
      {
        name: 'full reference with a digest',
        values: { tags: `ghcr.io/acme/app:1.0@${DIGEST}` },
        input: 'tags',
        start: `tags: "ghcr.io/acme/app:1.0@${DIGEST}" is neither a tag`,
      },
    ]),
  )('rejects %s', (_name, { values, input, start }) => {
    expectInputError(values, input, start);
  });
});

describe('annotations', () => {
  it.each<{ line: string; expected: Annotation }>([
    {
      line: 'org.opencontainers.image.title=App',
      expected: { levels: [], key: 'org.opencontainers.image.title', value: 'App' },
    },
    { line: 'manifest:k=v', expected: { levels: ['manifest'], key: 'k', value: 'v' } },
    { line: 'index:k=v', expected: { levels: ['index'], key: 'k', value: 'v' } },
    { line: 'manifest-descriptor:k=v', expected: { levels: ['manifest-descriptor'], key: 'k', value: 'v' } },
    { line: 'index-descriptor:k=v', expected: { levels: ['index-descriptor'], key: 'k', value: 'v' } },
    { line: 'manifest,index:k=v', expected: { levels: ['manifest', 'index'], key: 'k', value: 'v' } },
    {
      line: 'manifest[linux/amd64]:k=v',
      expected: { levels: ['manifest'], selector: '[linux/amd64]', key: 'k', value: 'v' },
    },
    {
      line: 'manifest-descriptor[linux/arm/v7]:k=v',
      expected: { levels: ['manifest-descriptor'], selector: '[linux/arm/v7]', key: 'k', value: 'v' },
    },
    {
      line: 'index:org.opencontainers.image.description=My app: fast = small',
      expected: {
        levels: ['index'],
        key: 'org.opencontainers.image.description',
        value: 'My app: fast = small',
      },
    },
    { line: 'k=', expected: { levels: [], key: 'k', value: '' } },
  ])('parses $line', ({ line, expected }) => {
    expect(parseAnnotation(line)).toEqual(expected);
  });

  it('reads docker/metadata-action annotations output unchanged', () => {
    const output = [
      'manifest:org.opencontainers.image.created=2025-01-02T03:04:05.000Z',
      'manifest:org.opencontainers.image.source=https://github.com/acme/app',
      'index:org.opencontainers.image.description=My app',
      'manifest-descriptor:org.opencontainers.image.version=1.2.3',
      'index-descriptor:org.opencontainers.image.revision=0123abc',
    ].join('\n');
    expect(read({ platforms: 'linux/amd64,linux/arm64', annotations: output }).annotations).toEqual([
      { levels: ['manifest'], key: 'org.opencontainers.image.created', value: '2025-01-02T03:04:05.000Z' },
      { levels: ['manifest'], key: 'org.opencontainers.image.source', value: 'https://github.com/acme/app' },
      { levels: ['index'], key: 'org.opencontainers.image.description', value: 'My app' },
      { levels: ['manifest-descriptor'], key: 'org.opencontainers.image.version', value: '1.2.3' },
      { levels: ['index-descriptor'], key: 'org.opencontainers.image.revision', value: '0123abc' },
    ]);
  });

  it.each<{ line: string; start: string }>([
    { line: 'foo:k=v', start: 'annotations: level "foo" in "foo:k=v"' },
    { line: 'Manifest:k=v', start: 'annotations: level "Manifest" in "Manifest:k=v"' },
    { line: 'manifest,layer:k=v', start: 'annotations: level "layer" in "manifest,layer:k=v"' },
    { line: 'no-equals-sign', start: 'annotations: "no-equals-sign" is not [level:]key=value' },
    { line: '=v', start: 'annotations: "=v" is not [level:]key=value' },
    { line: 'manifest:=v', start: 'annotations: ' },
  ])('rejects $line', ({ line, start }) => {
    expectInputError({ platforms: 'linux/amd64,linux/arm64', annotations: line }, 'annotations', start);
  });
});

describe('key=value inputs', () => {
  it('parses each key=value input', () => {
    const inputs = read({
      'build-args': 'VERSION=1.2.3\nURL=https://x/?a=b',
      'build-contexts': 'alpine=docker-image://alpine:3.20',
      labels: 'org.opencontainers.image.title=App',
      secrets: 'npm_token=abc=def\ngh.token=xyz',
      'secret-files': 'aws=/home/runner/.aws/credentials',
      'secret-envs': 'token=MY_TOKEN',
    });
    expect({
      buildArgs: inputs.buildArgs,
      buildContexts: inputs.buildContexts,
      labels: inputs.labels,
      secrets: inputs.secrets,
      secretFiles: inputs.secretFiles,
      secretEnvs: inputs.secretEnvs,
    }).toEqual({
      buildArgs: [
        { key: 'VERSION', value: '1.2.3' },
        { key: 'URL', value: 'https://x/?a=b' },
      ],
      buildContexts: [{ key: 'alpine', value: 'docker-image://alpine:3.20' }],
      labels: [{ key: 'org.opencontainers.image.title', value: 'App' }],
      secrets: [
        { key: 'npm_token', value: 'abc=def' },
        { key: 'gh.token', value: 'xyz' },
      ],
      secretFiles: [{ key: 'aws', value: '/home/runner/.aws/credentials' }],
      secretEnvs: [{ key: 'token', value: 'MY_TOKEN' }],
    });
  });

  it.each<{ input: string; line: string; start: string }>([
    { input: 'build-args', line: 'NOVALUE', start: 'build-args: "NOVALUE" is not NAME=value' },
    { input: 'build-args', line: '=x', start: 'build-args: ' },
    { input: 'build-args', line: 'A B=x', start: 'build-args: "A B=…" is not NAME=value' },
    { input: 'build-contexts', line: 'alpine', start: 'build-contexts: "alpine" is not name=source' },
    { input: 'labels', line: 'org.opencontainers.image.title', start: 'labels: ' },
    { input: 'labels', line: 'a b=c', start: 'labels: "a b=…" is not key=value' },
    { input: 'secrets', line: 'my token=x', start: 'secrets: ' },
    { input: 'secrets', line: 'tok/en=x', start: 'secrets: ' },
    { input: 'secret-files', line: 'aws', start: 'secret-files: "aws" is not id=path' },
    { input: 'secret-envs', line: 'token', start: 'secret-envs: "token" is not id=ENV_NAME' },
  ])('rejects $input: $line', ({ input, line, start }) => {
    expectInputError({ [input]: line }, input, start);
  });

  /** True when the message shows any 6 consecutive characters of the secret. */
  const leaks = (message: string, secret: string): boolean => {
    const n = Math.min(6, secret.length);
    for (let i = 0; i + n <= secret.length; i++) if (message.includes(secret.slice(i, i + n))) return true;
    return false;
  };

  it.each(
    named<{ name: string; text: string; secret: string }>([
      { name: 'a value pasted without its id', text: 'hunter2', secret: 'hunter2' },
      { name: 'an empty id', text: '=hunter2-value', secret: 'hunter2-value' },
      { name: 'an id with a space', text: 'my token=s3cr3t-value', secret: 's3cr3t-value' },
      {
        name: 'the second line of a multi-line value',
        text: 'tls_key=-----BEGIN KEY-----\nq9Zx7LmP2vK4tR8wY1nB5cH3jF6gD0sA\n-----END KEY-----',
        secret: 'q9Zx7LmP2vK4tR8wY1nB5cH3jF6gD0sA',
      },
      {
        name: 'a long value pasted without its id',
        text: 'ghp_0123456789abcdefghijABCDEFGHIJ',
        secret: 'ghp_0123456789abcdefghijABCDEFGHIJ',
      },
    ]),
  )('secrets: the error for %s never shows the value', (_name, { text, secret }) => {
    const e = expectInputError({ secrets: text }, 'secrets', 'secrets: ');
    expect(leaks(e.message, secret), e.message).toBe(false);
  });
});

describe('builder and driver inputs', () => {
  it.each(
    named<{ name: string; values: Values; input: string; start: string }>([
      {
        name: 'builder with driver',
        values: { builder: 'shared', driver: 'docker-container' },
        input: 'builder',
        start: 'builder: uses an existing builder as it is, so driver cannot apply',
      },
      {
        name: 'builder with driver-opts',
        values: { builder: 'shared', 'driver-opts': 'network=host' },
        input: 'builder',
        start: 'builder: uses an existing builder as it is, so driver-opts cannot apply',
      },
      {
        name: 'builder with several builder knobs',
        values: {
          builder: 'shared',
          driver: 'remote',
          endpoint: 'tcp://bk:1234',
          'buildkit-image': 'x/bk:1',
        },
        input: 'builder',
        start: 'builder: uses an existing builder as it is, so driver, buildkit-image, endpoint cannot apply',
      },
      {
        name: 'builder with an invalid name',
        values: { builder: 'my builder' },
        input: 'builder',
        start: 'builder: "my builder" is not a builder name',
      },
      {
        name: 'driver docker with driver-opts',
        values: { driver: 'docker', 'driver-opts': 'network=host' },
        input: 'driver-opts',
        start: 'driver-opts: has no effect with driver: docker',
      },
      {
        name: 'driver docker with buildkitd-flags',
        values: { driver: 'docker', 'buildkitd-flags': '--debug' },
        input: 'buildkitd-flags',
        start: 'buildkitd-flags: has no effect with driver: docker',
      },
      {
        name: 'driver docker with buildkit-image',
        values: { driver: 'docker', 'buildkit-image': 'mirror/buildkit:v0.20.0' },
        input: 'buildkit-image',
        start: 'buildkit-image: has no effect with driver: docker',
      },
      {
        name: 'driver remote without endpoint',
        values: { driver: 'remote' },
        input: 'endpoint',
        start: 'endpoint: driver: remote needs the BuildKit address',
      },
      {
        name: 'endpoint with driver docker (the engine has no endpoint)',
        values: { driver: 'docker', endpoint: 'unix:///var/run/docker.sock' },
        input: 'endpoint',
        start:
          "endpoint: has no effect with driver: docker (the engine's own builder); use driver: docker-container",
      },
      {
        name: 'endpoint with driver kubernetes',
        values: { driver: 'kubernetes', endpoint: 'my-cluster' },
        input: 'endpoint',
        start:
          'endpoint: driver: kubernetes runs BuildKit in the current kubernetes context (KUBECONFIG); remove endpoint',
      },
      {
        name: 'a BuildKit address on the docker-container driver (a Docker engine there)',
        values: { endpoint: 'docker-container://buildkitd' },
        input: 'endpoint',
        start:
          'endpoint: "docker-container://buildkitd" is a BuildKit address; set driver: remote to build on it, or give a docker context name',
      },
      {
        name: 'an option as the docker-container endpoint (the positional argument of buildx create)',
        values: { endpoint: '--driver-opt=image=evil' },
        input: 'endpoint',
        start:
          'endpoint: "--driver-opt=image=evil" is neither a docker context name nor a Docker host; give a docker context name from `docker context ls`',
      },
      {
        name: 'a docker context name with driver: remote',
        values: { driver: 'remote', endpoint: 'default' },
        input: 'endpoint',
        start:
          'endpoint: "default" is not a BuildKit address; give one like tcp://buildkitd:1234 or unix:///run/buildkit/buildkitd.sock, or, to build in a BuildKit container on a docker context or Docker host, remove driver: remote',
      },
      {
        name: 'driver remote with buildkit-image',
        values: {
          driver: 'remote',
          endpoint: 'tcp://buildkitd:1234',
          'buildkit-image': 'moby/buildkit:v0.20.0',
        },
        input: 'buildkit-image',
        start: 'buildkit-image: driver: remote connects to a running BuildKit',
      },
      {
        name: 'buildkitd-config with buildkitd-config-inline',
        values: { 'buildkitd-config': '/etc/buildkitd.toml', 'buildkitd-config-inline': 'debug = true' },
        input: 'buildkitd-config-inline',
        start: 'buildkitd-config-inline: set either buildkitd-config or buildkitd-config-inline, not both',
      },
      {
        name: 'buildkit-image with driver-opts image=',
        values: {
          'buildkit-image': 'mirror/buildkit:v0.20.0',
          'driver-opts': 'network=host\nimage=moby/buildkit:latest',
        },
        input: 'buildkit-image',
        start: 'buildkit-image: driver-opts already sets image=',
      },
      {
        name: 'buildx-url without buildx-version',
        values: { 'buildx-url': 'https://mirror.example/buildx' },
        input: 'buildx-url',
        start: 'buildx-url: is the mirror to download buildx-version from',
      },
      {
        name: 'unknown driver',
        values: { driver: 'podman' },
        input: 'driver',
        start: 'driver: "podman" is not one of docker-container, docker, remote, kubernetes',
      },
      {
        name: 'unknown mode',
        values: { mode: 'fanout' },
        input: 'mode',
        start: 'mode: "fanout" is not one of',
      },
      { name: 'unknown qemu', values: { qemu: 'yes' }, input: 'qemu', start: 'qemu: "yes" is not one of' },
      { name: 'unknown cache', values: { cache: 's3' }, input: 'cache', start: 'cache: "s3" is not one of' },
      {
        name: 'unknown handoff',
        values: { mode: 'build', image: IMAGE, handoff: 'artifacts' },
        input: 'handoff',
        start: 'handoff: "artifacts" is not one of',
      },
      {
        name: 'non-boolean push',
        values: { push: 'yes' },
        input: 'push',
        start: 'push: "yes" is not true or false',
      },
    ]),
  )('rejects %s', (_name, { values, input, start }) => {
    expectInputError(values, input, start);
  });

  it.each(
    named<{ name: string; values: Values; expected: Partial<Inputs> }>([
      { name: 'an existing builder alone', values: { builder: 'shared' }, expected: { builder: 'shared' } },
      {
        name: 'driver remote with endpoint and driver-opts',
        values: {
          driver: 'remote',
          endpoint: 'tcp://buildkitd:1234',
          'driver-opts': 'servername=buildkitd.internal',
        },
        expected: {
          driver: 'remote',
          endpoint: 'tcp://buildkitd:1234',
          driverOpts: ['servername=buildkitd.internal'],
        },
      },
      { name: 'driver docker alone', values: { driver: 'docker' }, expected: { driver: 'docker' } },
      {
        name: 'buildx-url with buildx-version',
        values: { 'buildx-version': 'v0.29.1', 'buildx-url': 'https://mirror.example/buildx' },
        expected: { buildxVersion: 'v0.29.1', buildxUrl: 'https://mirror.example/buildx' },
      },
    ]),
  )('accepts %s', (_name, { values, expected }) => {
    expect(read(values)).toEqual({ ...DEFAULTS, ...expected });
  });
});

describe('mode: build', () => {
  const leg = { mode: 'build', image: IMAGE, platforms: 'linux/arm64' };

  it.each(
    named<{ name: string; values: Values; input: string; start: string }>([
      {
        name: 'no image',
        values: { mode: 'build', platforms: 'linux/arm64' },
        input: 'image',
        start: 'image: mode: build pushes the leg by digest to image',
      },
      ...[
        ['tags', 'latest', 'a leg publishes no tag'],
        ['tags', 'ghcr.io/acme/app:main', 'a leg publishes no tag'],
        ['load', 'true', 'a leg loads nothing'],
        ['sources', 'ghcr.io/acme/app:1', 'a leg joins no sources'],
        ['platform-overrides', 'linux/arm=linux/arm/v7', 'a leg joins no sources'],
      ].map(([input, value, why]) => ({
        name: `${input}: ${value as string}`,
        values: { ...leg, [input as string]: value as string },
        input: input as string,
        start: `${input}: has no effect in mode: build (${why}`,
      })),
      {
        name: 'tags with handoff: tags (per-platform tags outlive the run)',
        values: { ...leg, tags: 'main', handoff: 'tags' },
        input: 'tags',
        start: 'tags: has no effect in mode: build',
      },
      {
        name: 'a variant that is not a tag component',
        values: { ...leg, variant: 'slim/arm' },
        input: 'variant',
        start: 'variant: "slim/arm" is not a variant name',
      },
      {
        name: 'a variant too long for a tag',
        values: { ...leg, variant: 'v'.repeat(41) },
        input: 'variant',
        start: 'variant: ',
      },
    ]),
  )('rejects %s', (_name, { values, input, start }) => {
    expectInputError(values, input, start);
  });

  it.each(
    named<{ name: string; values: Values; expected: Partial<Inputs> }>([
      { name: 'push: true spelled out', values: { ...leg, push: 'true' }, expected: {} },
      {
        name: 'push: false (builds, pushes nothing)',
        values: { ...leg, push: 'false' },
        expected: { push: false },
      },
      {
        name: 'a variant',
        values: { ...leg, variant: 'slim-alpine_3.20' },
        expected: { variant: 'slim-alpine_3.20' },
      },
      {
        name: 'inputs at their action.yml default, as the runner passes them',
        values: { ...leg, tags: '', load: 'false', sources: '' },
        expected: {},
      },
      {
        name: 'index annotations (applied by the merge job)',
        values: { ...leg, annotations: 'index:k=v', provenance: 'false' },
        expected: { annotations: [{ levels: ['index'], key: 'k', value: 'v' }], provenance: 'false' },
      },
    ]),
  )('accepts %s', (_name, { values, expected }) => {
    expect(read(values)).toEqual({
      ...DEFAULTS,
      mode: 'build',
      images: [IMAGE],
      platforms: [arm64],
      push: true,
      ...expected,
    });
  });
});

describe('mode: merge', () => {
  const merge = { mode: 'merge', image: IMAGE, tags: 'latest', platforms: 'linux/amd64,linux/arm64' };

  it.each(
    named<{ name: string; values: Values; input: string; start: string }>([
      {
        name: 'no image and bare tags',
        values: { mode: 'merge', tags: 'latest', platforms: 'linux/amd64' },
        input: 'image',
        start: 'image: mode: merge needs the repository to publish to',
      },
      {
        name: 'no image, full-reference tags, legs found by handoff (legs are keyed by image)',
        values: { mode: 'merge', tags: 'ghcr.io/acme/app:latest', platforms: 'linux/amd64' },
        input: 'image',
        start: 'image: ',
      },
      {
        name: 'no image, full-reference tags, a sha256: source (it names the first image’s repository)',
        values: { mode: 'merge', tags: 'ghcr.io/acme/app:latest', sources: DIGEST },
        input: 'image',
        start: 'image: ',
      },
      {
        name: 'no platforms and no sources',
        values: { mode: 'merge', image: IMAGE, tags: 'latest' },
        input: 'platforms',
        start: 'platforms: mode: merge needs the platforms that must be published',
      },
      {
        name: 'no tags',
        values: { mode: 'merge', image: IMAGE, platforms: 'linux/amd64' },
        input: 'tags',
        start: 'tags: mode: merge publishes to tags',
      },
      {
        name: 'a source that is neither a reference nor a digest',
        values: { ...merge, sources: 'ghcr.io/acme/App:1' },
        input: 'sources',
        start: 'sources: "ghcr.io/acme/App:1" is neither a reference',
      },
      {
        name: 'a source with a bad digest',
        values: { ...merge, sources: 'ghcr.io/acme/app@sha256:1234' },
        input: 'sources',
        start: 'sources: "ghcr.io/acme/app@sha256:1234" is neither a reference',
      },
      {
        name: 'a truncated sha256: digest',
        values: { ...merge, sources: 'sha256:0123abcd' },
        input: 'sources',
        start: 'sources: "sha256:0123abcd"',
      },
      {
        name: 'a malformed platform-override',
        values: { ...merge, 'platform-overrides': 'linux/arm' },
        input: 'platform-overrides',
        start: 'platform-overrides: "linux/arm" is not FROM=TO',
      },
      {
        name: 'a platform-override with an unknown architecture',
        values: { ...merge, 'platform-overrides': 'linux/arm=linux/armv7' },
        input: 'platform-overrides',
        start: 'platform-overrides: unknown architecture "armv7"',
      },
      ...BUILD_ONLY_INPUTS.map((input) => ({
        name: `build-only input ${input}`,
        values: { ...merge, [input]: NOT_DEFAULT[input] ?? 'x' },
        input,
        start: `${input}: has no effect in mode: merge (a merge builds nothing); set it on the mode: build legs, or remove it`,
      })),
      {
        name: 'variant with sources (sources replace the handoff)',
        values: { ...merge, sources: 'ghcr.io/acme/app:rc', variant: 'slim' },
        input: 'variant',
        start: 'variant: has no effect in mode: merge (sources replace the legs’ handoff)',
      },
      {
        name: 'handoff with sources',
        values: { ...merge, sources: 'ghcr.io/acme/app:rc', handoff: 'tags' },
        input: 'handoff',
        start: 'handoff: has no effect in mode: merge',
      },
    ]),
  )('rejects %s', (_name, { values, input, start }) => {
    expectInputError(values, input, start);
  });

  it.each(
    named<{ name: string; values: Values; expected: Partial<Inputs> }>([
      {
        name: 'image, tags and platforms',
        values: merge,
        expected: { images: [IMAGE], tags: ['latest'], platforms: [amd64, arm64] },
      },
      {
        name: 'promotion: a full-reference source, no platforms',
        values: {
          mode: 'merge',
          sources: 'ghcr.io/acme/app:1.2.3-rc1',
          image: 'registry.example.com/acme/app',
          tags: '1.2.3,latest',
        },
        expected: {
          images: ['registry.example.com/acme/app'],
          tags: ['1.2.3', 'latest'],
          sources: ['ghcr.io/acme/app:1.2.3-rc1'],
        },
      },
      {
        name: 'sources by digest and by reference',
        values: { ...merge, sources: `${DIGEST}\nghcr.io/acme/app@${DIGEST}` },
        expected: {
          images: [IMAGE],
          tags: ['latest'],
          platforms: [amd64, arm64],
          sources: [DIGEST, `ghcr.io/acme/app@${DIGEST}`],
        },
      },
      {
        name: 'no image when sources and tags are full references',
        values: { mode: 'merge', sources: 'ghcr.io/acme/app:rc', tags: 'docker.io/acme/app:1.0' },
        expected: { tags: ['docker.io/acme/app:1.0'], sources: ['ghcr.io/acme/app:rc'] },
      },
      {
        name: 'every build-only input at its action.yml default, as the runner passes it',
        values: {
          ...merge,
          ...Object.fromEntries(Object.entries(INPUT_DEFAULTS).filter(([k]) => k !== 'handoff')),
          'no-cache': 'False',
        },
        expected: { images: [IMAGE], tags: ['latest'], platforms: [amd64, arm64] },
      },
      {
        name: 'push: false (a dry run) and a variant',
        values: { ...merge, push: 'false', variant: 'slim' },
        expected: {
          images: [IMAGE],
          tags: ['latest'],
          platforms: [amd64, arm64],
          push: false,
          variant: 'slim',
        },
      },
      {
        name: 'platform-overrides keep FROM as written',
        values: { ...merge, 'platform-overrides': 'linux/arm=linux/arm/v7\nlinux/arm64/v8 = linux/arm64' },
        expected: {
          images: [IMAGE],
          tags: ['latest'],
          platforms: [amd64, arm64],
          platformOverrides: [
            { from: { os: 'linux', arch: 'arm' }, to: armv7 },
            { from: { os: 'linux', arch: 'arm64', variant: 'v8' }, to: arm64 },
          ],
        },
      },
    ]),
  )('accepts %s', (_name, { values, expected }) => {
    expect(read(values)).toEqual({ ...DEFAULTS, mode: 'merge', push: true, ...expected });
  });
});

describe('mode: all', () => {
  it.each(
    named<{ name: string; values: Values; input: string; start: string }>([
      {
        name: 'bare tags without image',
        values: { tags: 'latest' },
        input: 'tags',
        start: 'tags: "latest" is a bare tag but no image is set',
      },
      {
        name: 'push without tags',
        values: { image: IMAGE, push: 'true' },
        input: 'tags',
        start: 'tags: push: true needs somewhere to push',
      },
      {
        name: 'an index: annotation on one platform with provenance=false',
        values: { platforms: 'linux/amd64', provenance: 'false', annotations: 'index:k=v' },
        input: 'annotations',
        start: 'annotations: "index:k=v" needs an image index',
      },
      {
        name: 'an index-descriptor: annotation on one platform with provenance=false',
        values: { platforms: 'linux/amd64', provenance: 'false', annotations: 'index-descriptor:k=v' },
        input: 'annotations',
        start: 'annotations: "index-descriptor:k=v" needs an image index',
      },
      {
        name: 'an index: annotation on the runner’s own platform (platforms unset) with provenance=false',
        values: { provenance: 'false', annotations: 'index:k=v' },
        input: 'annotations',
        start: 'annotations: "index:k=v" needs an image index',
      },
      ...[
        ['sources', 'ghcr.io/acme/app:1', 'it builds, it joins no sources'],
        ['platform-overrides', 'linux/arm=linux/arm/v7', 'it builds, it joins no sources'],
        ['handoff', 'tags', 'nothing is handed off'],
        ['variant', 'slim', 'nothing is handed off'],
      ].map(([input, value, why]) => ({
        name: input as string,
        values: { [input as string]: value as string },
        input: input as string,
        start: `${input}: has no effect in mode: all (${why})`,
      })),
    ]),
  )('rejects %s', (_name, { values, input, start }) => {
    expectInputError(values, input, start);
  });

  it.each(
    named<{ name: string; values: Values }>([
      {
        name: 'an index: annotation on one platform with provenance default',
        values: { platforms: 'linux/amd64', annotations: 'index:k=v' },
      },
      {
        name: 'an index: annotation on one platform with provenance=mode=max',
        values: { platforms: 'linux/amd64', provenance: 'mode=max', annotations: 'index:k=v' },
      },
      {
        name: 'an index: annotation on one platform with provenance=false, sbom=true',
        values: { platforms: 'linux/amd64', provenance: 'false', sbom: 'true', annotations: 'index:k=v' },
      },
      {
        name: 'an index: annotation on two platforms with provenance=false',
        values: { platforms: 'linux/amd64,linux/arm64', provenance: 'false', annotations: 'index:k=v' },
      },
      {
        name: 'a manifest: annotation on one platform with provenance=false',
        values: { platforms: 'linux/amd64', provenance: 'false', annotations: 'manifest:k=v' },
      },
      {
        name: 'full-reference tags without image, pushed',
        values: { tags: 'ghcr.io/acme/app:1.0', push: 'true' },
      },
    ]),
  )('accepts %s', (_name, { values }) => {
    expect(() => read(values)).not.toThrow();
  });
});

describe('cache, reference and secret-id inputs', () => {
  it.each(
    named<{ name: string; values: Values; input: string; start: string }>([
      {
        name: 'cache: registry with neither image nor cache-ref',
        values: { cache: 'registry', tags: 'ghcr.io/acme/app:1.2.3' },
        input: 'cache',
        start: 'cache: cache: registry stores the cache next to image, and no image is set',
      },
      {
        name: 'cache-ref that is not a reference',
        values: { image: IMAGE, cache: 'registry', 'cache-ref': 'ghcr.io/acme/App:cache' },
        input: 'cache-ref',
        start: 'cache-ref: "ghcr.io/acme/App:cache" is not an image reference',
      },
      {
        name: 'cache-ref with a digest',
        values: { image: IMAGE, cache: 'registry', 'cache-ref': `ghcr.io/acme/app@${DIGEST}` },
        input: 'cache-ref',
        start: `cache-ref: "ghcr.io/acme/app@${DIGEST}" has a digest`,
      },
      {
        name: 'qemu-image that is not a reference',
        values: { 'qemu-image': 'tonistiigi/binfmt:qemu v9' },
        input: 'qemu-image',
        start: 'qemu-image: "tonistiigi/binfmt:qemu v9" is not an image reference',
      },
      {
        name: 'buildkit-image that is not a reference',
        values: { 'buildkit-image': 'Moby/BuildKit' },
        input: 'buildkit-image',
        start:
          'buildkit-image: "Moby/BuildKit" is not an image reference (e.g. mirror.example.com/moby/buildkit:buildx-stable-1); repository names are lowercase (the tag may have capitals): write "moby/buildkit"',
      },
      {
        name: 'one secret id twice in secrets',
        values: { secrets: 'token=abcd\ntoken=efgh' },
        input: 'secrets',
        start: 'secrets: secret id "token" is already given; give each secret one id',
      },
      {
        name: 'one secret id in secrets and secret-envs',
        values: { secrets: 'token=abcd', 'secret-envs': 'token=MY_TOKEN' },
        input: 'secret-envs',
        start: 'secret-envs: secret id "token" is already given in secrets',
      },
      {
        name: 'handoff: cache with driver: docker on a leg',
        values: { mode: 'build', image: IMAGE, handoff: 'cache', driver: 'docker' },
        input: 'handoff',
        start: 'handoff: handoff: cache pushes the leg by digest, which driver: docker cannot do',
      },
      {
        name: 'an annotation selector naming an unknown platform',
        values: { platforms: 'linux/amd64,linux/arm64', annotations: 'manifest[linux/amd46]:k=v' },
        input: 'annotations',
        start:
          'annotations: the platform selector in "manifest[linux/amd46]:k=v": unknown architecture "amd46"',
      },
    ]),
  )('rejects %s', (_name, { values, input, start }) => {
    expectInputError(values, input, start);
  });

  it.each(
    named<{ name: string; env: NodeJS.ProcessEnv; error?: string }>([
      { name: 'a secret-envs variable set in the step', env: { MY_TOKEN: 'x' } },
      { name: 'a secret-envs variable set but empty', env: { MY_TOKEN: '' } },
      {
        name: 'a secret-envs variable not set in the step',
        env: {},
        error: 'secret-envs: "token=MY_TOKEN": MY_TOKEN is not set in this step\'s environment',
      },
    ]),
  )('%s', (_name, { env, error }) => {
    const get = getter({ 'secret-envs': 'token=MY_TOKEN' });
    const machine = { env, os: 'linux' as const, arch: 'x64' };
    if (error === undefined) {
      expect(readInputs(get, machine).secretEnvs).toEqual([{ key: 'token', value: 'MY_TOKEN' }]);
      return;
    }
    let caught: unknown;
    try {
      readInputs(get, machine);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).input).toBe('secret-envs');
    expect((caught as InputError).message.slice(0, error.length)).toBe(error);
  });
});
