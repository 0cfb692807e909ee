// Every example Docker's docs (docs.docker.com/build/ci/github-actions/…) and build-push-action's README and
// action.yml give for the list inputs, with the WHOLE `buildx build` argv build-push-action runs for it,
// computed by hand from its documented behaviour (its toolkit's getInputList grammar, its flag order, its
// default Git context and provenance). This action's argv differs from it only where it must, and the
// expected argv below spells each difference out:
//   1. `--progress plain` after `build`: the log (and the Dockerfile annotations read from it) is the same
//      on every runner.
//   2. No `--iidfile` (the image id is read from the metadata file) and no `--builder` (BUILDX_BUILDER in
//      the environment names this run's builder, never the user's selection).
//   3. `--platform` is always given: unset means the runner's own (linux/amd64 here), so what is verified
//      is what was built.
//   4. A secret's `src=` is a 0600 file this run wrote in its temp dir (as build-push-action writes its own);
//      `secret-files` pass the user's path instead of a copy.
//   5. The Git token is `GIT_AUTH_TOKEN.<server host>` (BuildKit sends it to that host only), and the default
//      context is always `<server>/<repo>.git#<sha>` (build-push-action with buildx ≥ 0.29 writes
//      `?ref=…&checksum=…`; both clone the same commit).
//   6. Annotated images are pushed with OCI media types (`--output type=image,push=true,oci-mediatypes=true`
//      instead of `--push`): a Docker manifest has no annotations field, and buildx would drop them silently.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSource } from '../../../src/inputs/source.js';
import { parsePlatform } from '../../../src/model/platforms.js';
import { buildArgs, writeSecretFiles } from '../../../src/phases/build.js';
import { planCache } from '../../../src/phases/cache.js';
import { resolveTags } from '../../../src/registry/tags.js';
import { InputError } from '../../../src/runner/errors.js';
import { ctxOf, inputsOf } from '../../support/unit.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
/** A push to main of the public repository acme/app on github.com, run 1000, attempt 1. */
const RUN: NodeJS.ProcessEnv = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/app',
  GITHUB_SHA: SHA,
  GITHUB_REF: 'refs/heads/main',
  GITHUB_RUN_ID: '1000',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_WORKSPACE: '/home/runner/work/app/app',
  MY_ENV_VAR: 'from-the-environment',
  ENV_A: 'value-a',
  ENV_B: 'value-b',
};
const GIT_CONTEXT = `https://github.com/acme/app.git#${SHA}`;
const BUILDER_ID = 'https://github.com/acme/app/actions/runs/1000/attempts/1';
/** build-push-action's provenance on a public repository when `provenance` is unset. */
const PROVENANCE = `type=provenance,mode=max,builder-id=${BUILDER_ID}`;
/** The job token: the runner passes ${{ github.token }} as github-token unless the workflow says otherwise. */
const TOKEN = 'ghs_jobtoken0123456789abcdefghijklmnop';
const META = '<metadata>';
const S = '<secrets>';

interface Built {
  argv: string[];
  /** Secret id → the value its file holds. */
  files: Record<string, string>;
}

/** The argv mode: all runs for `values` (as modes/build.ts assembles the spec), temp paths as placeholders. */
async function built(values: Record<string, string>): Promise<Built> {
  const ctx = ctxOf(RUN);
  const inputs = inputsOf({ 'github-token': TOKEN, ...values }, RUN);
  // A runner with an SSH agent (the docs' `ssh: default`); every path exists.
  const source = planSource(
    inputs,
    { ...ctx, sshAuthSock: '/tmp/ssh-agent.sock' },
    () => true,
    () => true,
  );
  const platforms = inputs.platforms.length ? inputs.platforms : [parsePlatform('linux/amd64')];
  const cache = planCache(inputs, platforms, {
    eventName: 'push',
    cacheService: false,
    driver: inputs.driver,
    tempDir: '/tmp/cache',
  });
  const tempDir = mkdtempSync(join(tmpdir(), 'build-docs-'));
  const secretFiles = await writeSecretFiles(inputs, tempDir, source);
  const refs = resolveTags(inputs.images, inputs.tags);
  const argv = buildArgs(inputs, {
    platforms,
    output: { kind: 'tags', refs, push: inputs.push },
    oci: inputs.annotations.length > 0,
    annotations: inputs.annotations,
    cacheFrom: cache.from,
    cacheTo: cache.to,
    metadataFile: META,
    secretFiles,
    source,
    attest: { builderId: BUILDER_ID, privateRepository: false },
  });
  const files = Object.fromEntries([...secretFiles].map(([id, f]) => [id, readFileSync(f, 'utf8')]));
  return { argv: argv.map((a) => a.replaceAll(join(tempDir, 'secrets'), S)), files };
}

const HEAD = ['build', '--progress', 'plain'];
const AMD64 = ['--platform', 'linux/amd64'];
/** The job token, for the default Git context, after every other secret. */
const GIT_TOKEN = ['--secret', `id=GIT_AUTH_TOKEN.github.com,src=${S}/GIT_AUTH_TOKEN.github.com`];

interface Example {
  /** Where Docker shows it. */
  from: string;
  values: Record<string, string>;
  argv: string[];
  /** Secret id → value, for examples with `secrets`. */
  secrets?: Record<string, string>;
}

// prettier-ignore
const examples: Example[] = [
  {
    from: 'multi-platform.md: platforms, push, tags',
    values: { platforms: 'linux/amd64,linux/arm64', push: 'true', tags: 'user/app:latest' },
    argv: [
      ...HEAD,
      '--platform', 'linux/amd64,linux/arm64',
      '--attest', PROVENANCE,
      ...GIT_TOKEN,
      '--tag', 'user/app:latest',
      '--metadata-file', META, '--push', GIT_CONTEXT,
    ],
  },
  {
    from: 'README quick start: seven platforms, tags one per line',
    values: {
      platforms: 'linux/amd64,linux/arm/v6,linux/arm/v7,linux/arm64,linux/386,linux/ppc64le,linux/s390x',
      push: 'true',
      tags: 'user/app:latest\nuser/app:1.0.0',
    },
    argv: [
      ...HEAD,
      '--platform', 'linux/amd64,linux/arm/v6,linux/arm/v7,linux/arm64,linux/386,linux/ppc64le,linux/s390x',
      '--attest', PROVENANCE,
      ...GIT_TOKEN,
      '--tag', 'user/app:latest', '--tag', 'user/app:1.0.0',
      '--metadata-file', META, '--push', GIT_CONTEXT,
    ],
  },
  {
    from: 'push-multi-registries.md: tags in two registries',
    values: {
      platforms: 'linux/amd64,linux/arm64',
      push: 'true',
      tags: 'user/app:latest\nuser/app:1.0.0\nghcr.io/user/app:latest\nghcr.io/user/app:1.0.0',
    },
    argv: [
      ...HEAD,
      '--platform', 'linux/amd64,linux/arm64',
      '--attest', PROVENANCE,
      ...GIT_TOKEN,
      '--tag', 'user/app:latest', '--tag', 'user/app:1.0.0',
      '--tag', 'ghcr.io/user/app:latest', '--tag', 'ghcr.io/user/app:1.0.0',
      '--metadata-file', META, '--push', GIT_CONTEXT,
    ],
  },
  {
    from: 'export-docker.md / test-before-push.md: load, no provenance by default',
    values: { load: 'true', tags: 'user/app:test' },
    argv: [
      ...HEAD, ...AMD64, ...GIT_TOKEN,
      '--tag', 'user/app:test',
      '--load', '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'share-image-jobs.md: outputs type=docker,dest=…: no provenance by default',
    values: { tags: 'myimage:latest', outputs: 'type=docker,dest=/home/runner/work/_temp/myimage.tar' },
    argv: [
      ...HEAD,
      '--output', 'type=docker,dest=/home/runner/work/_temp/myimage.tar',
      ...AMD64, ...GIT_TOKEN,
      '--tag', 'myimage:latest',
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'README: outputs type=local,dest=path; setup-buildx driver-opts style quotes kept',
    values: { outputs: 'type=local,dest=path\ntype=tar,"dest=out dir/image.tar"' },
    argv: [
      ...HEAD,
      '--output', 'type=local,dest=path', '--output', 'type=tar,"dest=out dir/image.tar"',
      ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'local-registry.md: a localhost registry',
    values: { push: 'true', tags: 'localhost:5000/name/app:latest' },
    argv: [
      ...HEAD, ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--tag', 'localhost:5000/name/app:latest',
      '--metadata-file', META, '--push', GIT_CONTEXT,
    ],
  },
  {
    from: 'cache.md: inline cache',
    values: {
      push: 'true',
      tags: 'user/app:latest',
      'cache-from': 'type=registry,ref=user/app:latest',
      'cache-to': 'type=inline',
    },
    argv: [
      ...HEAD,
      '--cache-from', 'type=registry,ref=user/app:latest',
      '--cache-to', 'type=inline',
      ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--tag', 'user/app:latest',
      '--metadata-file', META, '--push', GIT_CONTEXT,
    ],
  },
  {
    from: 'cache.md: registry cache, mode=max',
    values: {
      push: 'true',
      tags: 'user/app:latest',
      'cache-from': 'type=registry,ref=user/app:buildcache',
      'cache-to': 'type=registry,ref=user/app:buildcache,mode=max',
    },
    argv: [
      ...HEAD,
      '--cache-from', 'type=registry,ref=user/app:buildcache',
      '--cache-to', 'type=registry,ref=user/app:buildcache,mode=max',
      ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--tag', 'user/app:latest',
      '--metadata-file', META, '--push', GIT_CONTEXT,
    ],
  },
  {
    from: 'cache.md: GitHub cache; README: user/app:cache and type=local,src=path/to/dir',
    values: {
      'cache-from': 'type=gha\nuser/app:cache\ntype=local,src=path/to/dir',
      'cache-to': 'type=gha,mode=max',
    },
    argv: [
      ...HEAD,
      '--cache-from', 'type=gha', '--cache-from', 'user/app:cache', '--cache-from', 'type=local,src=path/to/dir',
      '--cache-to', 'type=gha,mode=max',
      ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'cache.md: local cache under runner.temp, with file and platforms',
    values: {
      file: 'build/package/Dockerfile',
      platforms: 'linux/amd64,linux/arm64',
      'cache-from': 'type=local,src=/home/runner/work/_temp/.buildx-cache',
      'cache-to': 'type=local,dest=/home/runner/work/_temp/.buildx-cache-new,mode=max',
    },
    argv: [
      ...HEAD,
      '--cache-from', 'type=local,src=/home/runner/work/_temp/.buildx-cache',
      '--cache-to', 'type=local,dest=/home/runner/work/_temp/.buildx-cache-new,mode=max',
      '--file', 'build/package/Dockerfile',
      '--platform', 'linux/amd64,linux/arm64',
      '--attest', PROVENANCE, ...GIT_TOKEN,
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'secrets.md: the quoted GITHUB_TOKEN secret',
    values: { platforms: 'linux/amd64,linux/arm64', tags: 'user/app:latest', secrets: `"github_token=${TOKEN}"` },
    argv: [
      ...HEAD,
      '--platform', 'linux/amd64,linux/arm64',
      '--attest', PROVENANCE,
      '--secret', `id=github_token,src=${S}/github_token`,
      ...GIT_TOKEN,
      '--tag', 'user/app:latest',
      '--metadata-file', META, GIT_CONTEXT,
    ],
    secrets: { github_token: TOKEN },
  },
  {
    from: 'secrets.md: multi-line values, commas, empty lines and doubled quotes (one id each)',
    values: {
      secrets: [
        '"MYSECRET=aaaaaaaa',
        'bbbbbbb',
        'ccccccccc"',
        'GIT_AUTH_TOKEN=abcdefghi,jklmno=0123456789',
        'FOO=bar',
        '"EMPTYLINE=aaaa',
        '',
        'bbbb',
        'ccc"',
        '"JSON_SECRET={""key1"":""value1"",""key2"":""value2""}"',
      ].join('\n'),
    },
    // GIT_AUTH_TOKEN among the secrets: the job token is not added (as build-push-action).
    argv: [
      ...HEAD, ...AMD64, '--attest', PROVENANCE,
      '--secret', `id=MYSECRET,src=${S}/MYSECRET`,
      '--secret', `id=GIT_AUTH_TOKEN,src=${S}/GIT_AUTH_TOKEN`,
      '--secret', `id=FOO,src=${S}/FOO`,
      '--secret', `id=EMPTYLINE,src=${S}/EMPTYLINE`,
      '--secret', `id=JSON_SECRET,src=${S}/JSON_SECRET`,
      '--metadata-file', META, GIT_CONTEXT,
    ],
    secrets: {
      MYSECRET: 'aaaaaaaa\nbbbbbbb\nccccccccc',
      GIT_AUTH_TOKEN: 'abcdefghi,jklmno=0123456789',
      FOO: 'bar',
      EMPTYLINE: 'aaaa\n\nbbbb\nccc',
      JSON_SECRET: '{"key1":"value1","key2":"value2"}',
    },
  },
  {
    from: 'issue 11: an npmrc secret quoted across two lines',
    values: { secrets: '"npmrc=//registry.npmjs.org/:_authToken=npm_0123456789abcdef\nalways-auth=true"' },
    argv: [
      ...HEAD, ...AMD64, '--attest', PROVENANCE,
      '--secret', `id=npmrc,src=${S}/npmrc`, ...GIT_TOKEN,
      '--metadata-file', META, GIT_CONTEXT,
    ],
    secrets: { npmrc: '//registry.npmjs.org/:_authToken=npm_0123456789abcdef\nalways-auth=true' },
  },
  {
    from: 'secrets.md note: secret-files, quoted',
    values: { 'secret-files': '"MY_SECRET=./secret.txt"' },
    argv: [
      ...HEAD, ...AMD64, '--attest', PROVENANCE,
      '--secret', 'id=MY_SECRET,src=./secret.txt', ...GIT_TOKEN,
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'action.yml: secret-envs MY_SECRET=MY_ENV_VAR; issue 11: A=ENV_A,B=ENV_B',
    values: { 'secret-envs': 'MY_SECRET=MY_ENV_VAR\nA=ENV_A,B=ENV_B' },
    argv: [
      ...HEAD,
      '--secret', 'id=MY_SECRET,env=MY_ENV_VAR',
      '--secret', 'id=A,env=ENV_A',
      '--secret', 'id=B,env=ENV_B',
      ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'secrets.md: ssh default; issue 11: default,github=/k',
    values: { ssh: 'default,github=/home/runner/.ssh/id_ed25519', push: 'true', tags: 'user/app:latest' },
    argv: [
      ...HEAD, ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--ssh', 'default', '--ssh', 'github=/home/runner/.ssh/id_ed25519',
      '--tag', 'user/app:latest',
      '--metadata-file', META, '--push', GIT_CONTEXT,
    ],
  },
  {
    from: 'issue 11: build-args "A=1,2" quoted, and unquoted values keeping their commas',
    values: { 'build-args': '"A=1,2"\nVERSION=1.2.3\nLIST=a,b,c\nGREETING=hello, world' },
    argv: [
      ...HEAD,
      '--build-arg', 'A=1,2',
      '--build-arg', 'VERSION=1.2.3',
      '--build-arg', 'LIST=a,b,c',
      '--build-arg', 'GREETING=hello, world',
      ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'named-contexts.md: pin an image; issue 11: a quoted mirror context',
    values: {
      'build-contexts': 'alpine=docker-image://alpine:3.21\n"debian=docker-image://mirror.example.com/debian:12"',
      tags: 'myimage:latest',
    },
    argv: [
      ...HEAD,
      '--build-context', 'alpine=docker-image://alpine:3.21',
      '--build-context', 'debian=docker-image://mirror.example.com/debian:12',
      ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--tag', 'myimage:latest',
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'named-contexts.md: {{defaultContext}}:base as the context, load',
    values: { context: '{{defaultContext}}:base', load: 'true', tags: 'my-base-image:latest' },
    argv: [
      ...HEAD, ...AMD64, ...GIT_TOKEN,
      '--tag', 'my-base-image:latest',
      '--load', '--metadata-file', META, `${GIT_CONTEXT}:base`,
    ],
  },
  {
    from: 'README (Git context): context: . builds the checkout, no token',
    values: { context: '.', push: 'true', tags: 'user/app:latest' },
    argv: [
      ...HEAD, ...AMD64, '--attest', PROVENANCE,
      '--tag', 'user/app:latest',
      '--metadata-file', META, '--push', '.',
    ],
  },
  {
    from: 'metadata-action labels and annotations outputs, unchanged',
    values: {
      tags: 'user/app:main',
      labels:
        'org.opencontainers.image.title=app\norg.opencontainers.image.description=My app, the best\norg.opencontainers.image.revision=' +
        SHA,
      annotations:
        'manifest:org.opencontainers.image.title=app\nmanifest:org.opencontainers.image.description=My app, the best',
      push: 'true',
    },
    argv: [
      ...HEAD,
      '--annotation', 'manifest:org.opencontainers.image.title=app',
      '--annotation', 'manifest:org.opencontainers.image.description=My app, the best',
      '--label', 'org.opencontainers.image.title=app',
      '--label', 'org.opencontainers.image.description=My app, the best',
      '--label', `org.opencontainers.image.revision=${SHA}`,
      '--output', 'type=image,push=true,oci-mediatypes=true',
      ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--tag', 'user/app:main',
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'annotations.md: DOCKER_METADATA_ANNOTATIONS_LEVELS=manifest,index (index needs OCI media types)',
    values: {
      platforms: 'linux/amd64,linux/arm64',
      tags: 'user/app:main',
      annotations: 'manifest:org.opencontainers.image.title=app\nindex:org.opencontainers.image.title=app',
      push: 'true',
    },
    argv: [
      ...HEAD,
      '--annotation', 'manifest:org.opencontainers.image.title=app',
      '--annotation', 'index:org.opencontainers.image.title=app',
      '--output', 'type=image,push=true,oci-mediatypes=true',
      '--platform', 'linux/amd64,linux/arm64',
      '--attest', PROVENANCE, ...GIT_TOKEN,
      '--tag', 'user/app:main',
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'attestations.md: provenance mode=max; sbom true',
    values: { provenance: 'mode=max', sbom: 'true', push: 'true', tags: 'user/app:latest' },
    argv: [
      ...HEAD, ...AMD64,
      '--attest', `type=provenance,mode=max,builder-id=${BUILDER_ID}`,
      '--attest', 'type=sbom,disabled=false',
      ...GIT_TOKEN,
      '--tag', 'user/app:latest',
      '--metadata-file', META, '--push', GIT_CONTEXT,
    ],
  },
  {
    from: 'provenance: false (a YAML boolean: disabled)',
    values: { provenance: 'false' },
    argv: [
      ...HEAD, ...AMD64, '--attest', 'type=provenance,disabled=true', ...GIT_TOKEN,
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'action.yml: attests type=sbom,generator=image; a provenance item gets the builder-id',
    values: { attests: 'type=sbom,generator=image\ntype=provenance,mode=min' },
    argv: [
      ...HEAD, ...AMD64,
      '--attest', 'type=sbom,generator=image',
      '--attest', `type=provenance,mode=min,builder-id=${BUILDER_ID}`,
      ...GIT_TOKEN,
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
  {
    from: 'action.yml: ulimit nofile=1024:1024; add-hosts docker:10.180.0.1; allow; shm-size; network',
    values: {
      ulimit: 'nofile=1024:1024\nnproc=512',
      'add-hosts': 'docker:10.180.0.1,db:10.180.0.2',
      allow: 'network.host,security.insecure',
      'shm-size': '2g',
      network: 'host',
      'no-cache': 'true',
      pull: 'true',
      target: 'runtime',
    },
    argv: [
      ...HEAD,
      '--add-host', 'docker:10.180.0.1', '--add-host', 'db:10.180.0.2',
      '--allow', 'network.host', '--allow', 'security.insecure',
      ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--shm-size', '2g',
      '--target', 'runtime',
      '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=512',
      '--metadata-file', META, '--network', 'host', '--no-cache', '--pull', GIT_CONTEXT,
    ],
  },
  {
    from: 'action.yml: no-cache-filters, cgroup-parent; checks.md: call check',
    values: { 'no-cache-filters': 'deps,build', 'cgroup-parent': 'ci.slice', call: 'check' },
    argv: [
      ...HEAD,
      '--call', 'check',
      '--cgroup-parent', 'ci.slice',
      '--no-cache-filter', 'deps', '--no-cache-filter', 'build',
      ...AMD64, '--attest', PROVENANCE, ...GIT_TOKEN,
      '--metadata-file', META, GIT_CONTEXT,
    ],
  },
];

describe('the argv build-push-action runs for the examples in Docker’s docs', () => {
  it.each(examples.map((e) => [e.from, e] as const))('%s', async (_from, example) => {
    const { argv, files } = await built(example.values);
    expect(argv).toEqual(example.argv);
    const expected = { ...example.secrets };
    if (argv.some((a) => a.startsWith('id=GIT_AUTH_TOKEN.github.com,'))) {
      expected['GIT_AUTH_TOKEN.github.com'] = TOKEN;
    }
    expect(files).toEqual(expected);
  });

  it('no argv element holds a secret value', async () => {
    for (const example of examples.filter((e) => e.secrets)) {
      const { argv } = await built(example.values);
      for (const value of [...Object.values(example.secrets ?? {}), TOKEN]) {
        expect(argv.filter((a) => a.includes(value))).toEqual([]);
      }
    }
  });
});

/** Docker's grammar would quietly mangle these; this action stops and says how to write them. */
describe('examples Docker’s grammar mangles: one line naming the input and the fix', () => {
  it.each<{ name: string; values: Record<string, string>; error: RegExp }>([
    {
      name: 'an unquoted multi-line secret (the second line becomes a secret of its own)',
      values: { secrets: 'npmrc=//registry.npmjs.org/:_authToken=npm_0123456789abcdef\nalways-auth=true' },
      error:
        /^secrets: "always-auth" on line 2 has a value too short or common to mask .*quote the whole id=value/,
    },
    {
      name: 'an unquoted multi-line secret whose next line has no =',
      values: { secrets: 'key=-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----' },
      error: /^secrets: line 2 is not id=value .*quoted: quote the whole id=value/,
    },
    {
      name: 'a quote that never closes',
      values: { secrets: '"npmrc=//registry.npmjs.org/:_authToken=npm_0123456789abcdef\nalways-auth=true' },
      error: /^secrets: a double quote is never closed/,
    },
    {
      name: 'a space before the opening quote (Docker keeps the quotes in the value)',
      values: {
        'build-contexts':
          'debian=docker-image://debian:12\n  "alpine=docker-image://mirror.example.com/alpine:3.21"',
      },
      error: /^build-contexts: the item on line 2 starts with a double quote that does not enclose it/,
    },
    {
      name: 'a quote inside a quoted secret, not doubled',
      values: { secrets: '"JSON={"key":"value"}"' },
      error: /^secrets: the item on line 1 starts with a double quote/,
    },
    {
      name: 'multi-platform.md: the push-by-digest output recipe',
      values: {
        platforms: 'linux/amd64',
        outputs: 'type=image,name=user/app,push-by-digest=true,name-canonical=true,push=true',
      },
      error: /^outputs: .* is what mode: build does for a matrix leg/,
    },
  ])('$name', ({ values, error }) => {
    let caught: unknown;
    try {
      inputsOf(values, RUN);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).message).toMatch(error);
    expect((caught as InputError).message).not.toMatch(/npm_0123|MIIEvQ|value"/);
  });
});
