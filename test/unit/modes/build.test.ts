// The decisions of mode all / mode build, with the exec layer scripted: which commands run in which order,
// what is saved for post before it exists, what fails and how it is reported. No engine, no root.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlatforms } from '../../../src/modes/build.js';
import { sha256 } from '../../../src/registry/manifests.js';
import { ActionError } from '../../../src/runner/errors.js';
import { Phases } from '../../../src/runner/phases.js';
import { newSummary, type RunSummary } from '../../../src/runner/summary.js';
import { fakeStep, MemoryStore, type Rule } from '../../support/fake-step.js';
import { inputsOf } from '../../support/unit.js';

const IMAGE = 'ghcr.io/acme/app';

/** A docker config dir whose cli-plugins holds an executable docker-buildx: the plugin the action runs. */
function dockerConfig(): { dir: string; plugin: string } {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  mkdirSync(join(dir, 'cli-plugins'));
  const plugin = join(dir, 'cli-plugins', 'docker-buildx');
  writeFileSync(plugin, '#!/bin/sh\n');
  chmodSync(plugin, 0o755);
  return { dir, plugin };
}

const index = (platforms: string[], annotations: Record<string, string> = {}) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: platforms.map((p, i) => {
      const [os, architecture, variant] = p.split('/');
      return {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: `sha256:${String(i + 1).repeat(64)}`,
        size: 100,
        platform: { os, architecture, ...(variant ? { variant } : {}) },
      };
    }),
    annotations,
  });

/** The build answers like buildx: it writes the metadata file with the digest of `raw`. */
function buildRule(raw: string, log = '', metadata: Record<string, string> = {}): Rule {
  return {
    match: / build --progress plain /,
    answer: (argv) => {
      const file = argv[argv.indexOf('--metadata-file') + 1] as string;
      writeFileSync(file, JSON.stringify({ 'containerimage.digest': sha256(raw), ...metadata }));
      return { stderr: log };
    },
  };
}

function setUp(values: Record<string, string>, rules: Rule[], env: NodeJS.ProcessEnv = {}) {
  const config = dockerConfig();
  const step = fakeStep({
    // A tcp engine is asked through the docker CLI (scripted); a unix socket would be dialled directly.
    env: {
      DOCKER_CONFIG: config.dir,
      DOCKER_HOST: 'tcp://engine:2375',
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
      // No context input: the Git context of this commit, as build-push-action (no checkout needed).
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: 'f'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
      ...env,
    },
    rules: [{ match: /^docker version/, answer: { stdout: 'amd64 27.0.0' } }, ...rules],
  });
  const summary: RunSummary = newSummary('Multi-platform build');
  const run = (store?: MemoryStore) =>
    buildPlatforms(step, inputsOf(values), new Phases(step.log), summary, store).then(
      () => undefined,
      (e: unknown) => e,
    );
  return { step, summary, run, plugin: config.plugin };
}

describe('buildPlatforms (mode all)', () => {
  it('creates a builder of its own, saves it and the buildx binary for post first, builds, verifies', async () => {
    const raw = index(['linux/amd64']);
    const { step, run, plugin, summary } = setUp(
      { platforms: 'linux/amd64', image: IMAGE, tags: 'latest', push: 'true', provenance: 'false' },
      [
        buildRule(raw, '#5 [2/2] RUN true\n#5 DONE 0.1s\n'),
        { match: / imagetools inspect --raw /, answer: { stdout: raw } },
      ],
    );
    expect(await run()).toBeUndefined();
    const verbs = step.exec.calls.map((c) => c.argv.slice(1, 3).join(' '));
    expect(verbs).toEqual([
      'version --format', // the engine
      'create --name',
      'inspect --bootstrap', // also what the builder's outputs are read from
      'build --progress',
      'imagetools inspect',
    ]);
    for (const call of step.exec.calls.slice(1)) expect(call.argv[0]).toBe(plugin);
    const builder = step.saved.get('builder') as string;
    expect(builder).toMatch(/^multiarch-1000-1-unit-[0-9a-f]{8}$/);
    expect(step.saved.get('buildx')).toBe(plugin);
    // Every buildx command after create runs against that builder, never the user's selection.
    const build = step.exec.calls[3];
    expect(build?.options.env?.BUILDX_BUILDER).toBe(builder);
    expect(build?.argv).toContain('--push');
    expect(step.outputValues.get('digest')).toBe(sha256(raw));
    expect(step.outputValues.get('tags')).toBe(`${IMAGE}:latest`);
    expect(JSON.parse(step.outputValues.get('cache') ?? '')).toEqual({
      backend: 'off',
      scope: '',
      write: false,
      steps: { 'linux/amd64': { cached: 0, executed: 1 } },
    });
    expect(summary.rows).toEqual([
      {
        platform: 'linux/amd64',
        digest: `sha256:${'1'.repeat(64)}`,
        emulated: false,
        cached: 0,
        executed: 1,
      },
    ]);
  });

  it.each([
    ['a manifest-level annotation', 'manifest:org.opencontainers.image.title=app'],
    ['an unprefixed annotation (manifest level)', 'org.opencontainers.image.title=app'],
    ['a manifest-descriptor annotation', 'manifest-descriptor:org.opencontainers.image.title=app'],
    ['an index annotation', 'index:org.opencontainers.image.title=app'],
  ])(
    '%s with provenance: false pushes OCI media types (a Docker manifest has no annotations)',
    async (_n, annotation) => {
      // What the registry holds: an index annotation is on the index (verify reads it back).
      const onIndex: Record<string, string> = annotation.startsWith('index:')
        ? { 'org.opencontainers.image.title': 'app' }
        : {};
      const raw = index(['linux/amd64', 'linux/arm64'], onIndex);
      const { step, run } = setUp(
        {
          platforms: 'linux/amd64,linux/arm64',
          image: IMAGE,
          tags: 'latest',
          push: 'true',
          provenance: 'false',
          qemu: 'off',
          annotations: annotation,
        },
        [buildRule(raw), { match: / imagetools inspect --raw /, answer: { stdout: raw } }],
      );
      expect(await run()).toBeUndefined();
      const build = step.exec.commands.find((c) => c.includes(' build ')) ?? '';
      expect(build).toContain('--output type=image,push=true,oci-mediatypes=true');
      expect(build).not.toContain('--push');
    },
  );

  it('no annotation: buildx picks the media types (--push)', async () => {
    const raw = index(['linux/amd64']);
    const { step, run } = setUp(
      { platforms: 'linux/amd64', image: IMAGE, tags: 'latest', push: 'true', provenance: 'false' },
      [buildRule(raw), { match: / imagetools inspect --raw /, answer: { stdout: raw } }],
    );
    expect(await run()).toBeUndefined();
    expect(step.exec.commands.find((c) => c.includes(' build '))).toContain('--push');
  });

  it('a cache export that failed (ignore-error hides it): one warning, and the cache output says write: false', async () => {
    const log = [
      '#5 [2/2] RUN true',
      '#5 DONE 0.1s',
      '#9 exporting cache to registry',
      '#9 ERROR: failed to push ghcr.io/acme/app:buildcache-linux-amd64_all: 403 Forbidden',
      '',
    ].join('\n');
    const { step, run, summary } = setUp({ platforms: 'linux/amd64', image: IMAGE, cache: 'registry' }, [
      buildRule(index(['linux/amd64']), log),
    ]);
    expect(await run()).toBeUndefined();
    expect(step.log.at('warning')).toEqual([
      'cache: writing the registry layer cache failed (failed to push ghcr.io/acme/app:buildcache-linux-amd64_all: 403 Forbidden); the image is built, but the next run will not find these layers',
    ]);
    expect(JSON.parse(step.outputValues.get('cache') ?? '')).toEqual({
      backend: 'registry',
      scope: 'ghcr.io/acme/app:buildcache-linux-amd64_all',
      write: false,
      error: 'failed to push ghcr.io/acme/app:buildcache-linux-amd64_all: 403 Forbidden',
      steps: { 'linux/amd64': { cached: 0, executed: 1 } },
    });
    expect(summary.facts).toContainEqual([
      'Cache',
      'registry (ghcr.io/acme/app:buildcache-linux-amd64_all), not written: failed to push ghcr.io/acme/app:buildcache-linux-amd64_all: 403 Forbidden',
    ]);
  });

  it('a cache BuildKit refuses to set up (a malformed token): built again without it, one warning', async () => {
    const refused =
      'failed to configure gha cache exporter: token is malformed: token contains an invalid number of segments';
    let builds = 0;
    const ok = buildRule(index(['linux/amd64']));
    const { step, run } = setUp(
      { platforms: 'linux/amd64', image: IMAGE, cache: 'gha' },
      [
        {
          match: / build --progress plain /,
          answer: (argv, options) =>
            ++builds === 1
              ? { code: 1, stderr: `ERROR: failed to build: failed to solve: ${refused}\n` }
              : (ok.answer as (a: string[], o: typeof options) => object)(argv, options),
        },
      ],
      { ACTIONS_RUNTIME_TOKEN: 'not-a-jwt', ACTIONS_RESULTS_URL: 'https://results.example/' },
    );
    expect(await run()).toBeUndefined();
    const calls = step.exec.commands.filter((c) => c.includes(' build --progress plain '));
    expect(calls).toHaveLength(2);
    expect(calls[0]).toContain('--cache-to type=gha');
    expect(calls[1]).not.toContain('--cache-');
    expect(step.log.at('warning')).toEqual([
      `cache: the gha layer cache could not be used (${refused}); the image is built without it`,
    ]);
    expect(JSON.parse(step.outputValues.get('cache') ?? '')).toMatchObject({
      backend: 'gha',
      write: false,
      error: refused,
    });
  });

  it('a cache-to the user wrote is theirs: its refusal fails the build', async () => {
    const refused = 'failed to configure gha cache exporter: token is malformed';
    const { step, run } = setUp({ platforms: 'linux/amd64', image: IMAGE, 'cache-to': 'type=gha,mode=max' }, [
      {
        match: / build --progress plain /,
        answer: { code: 1, stderr: `ERROR: failed to solve: ${refused}\n` },
      },
    ]);
    const error = (await run()) as ActionError;
    expect(error.line).toBe(`build: docker buildx build failed: failed to solve: ${refused}`);
    expect(step.exec.commands.filter((c) => c.includes(' build --progress plain '))).toHaveLength(1);
  });

  it('with cleanup: false, does not hand the builder to post', async () => {
    const { step, run } = setUp({ platforms: 'linux/amd64', cleanup: 'false' }, [buildRule(index([]))]);
    expect(await run()).toBeUndefined();
    expect(step.saved.has('builder')).toBe(false);
  });

  it('push unset: builds without pushing and reads nothing back', async () => {
    const { step, run } = setUp({ platforms: 'linux/amd64', image: IMAGE, tags: 'latest' }, [
      buildRule(index(['linux/amd64'])),
    ]);
    expect(await run()).toBeUndefined();
    expect(step.exec.commands.some((c) => c.includes('imagetools'))).toBe(false);
    expect(step.exec.commands.find((c) => c.includes(' build '))).not.toContain('--push');
  });

  it('a BuildKit image that cannot start: fails naming buildkit-image, with the builder already saved for post', async () => {
    const { step, run } = setUp({ platforms: 'linux/amd64', 'buildkit-image': 'mirror.example/buildkit:1' }, [
      {
        match: / inspect --bootstrap /,
        answer: { code: 1, stderr: 'ERROR: failed to pull mirror.example/buildkit:1: not found' },
      },
    ]);
    const error = (await run()) as ActionError;
    expect(error).toBeInstanceOf(ActionError);
    expect(error.line).toMatch(
      /^builder: could not start BuildKit from mirror\.example\/buildkit:1 .*set buildkit-image/,
    );
    expect(error.input).toBe('buildkit-image');
    expect(step.saved.get('builder')).toMatch(/^multiarch-/);
    expect(step.exec.commands.some((c) => c.includes(' build '))).toBe(false);
  });

  it('a Docker engine at endpoint that cannot be reached: fails naming endpoint; a tcp:// one may be a BuildKit daemon meant for driver: remote', async () => {
    const { run } = setUp({ platforms: 'linux/amd64', endpoint: 'tcp://buildkitd:1234' }, [
      {
        match: / inspect --bootstrap /,
        answer: { code: 1, stderr: 'ERROR: error during connect: dial tcp: lookup buildkitd: no such host' },
      },
    ]);
    const error = (await run()) as ActionError;
    expect(error.line).toBe(
      'builder: could not start BuildKit from moby/buildkit:buildx-stable-1 on the Docker engine at tcp://buildkitd:1234 (error during connect: dial tcp: lookup buildkitd: no such host); check endpoint (a docker context name or Docker host this runner can reach; a tcp:// endpoint is a Docker engine here, as in setup-buildx-action: for a BuildKit daemon set driver: remote), or set buildkit-image to a mirror that engine can pull',
    );
    expect(error.input).toBe('endpoint');
  });

  it('a build the job cancelled: says so, names no input, annotates no Dockerfile line', async () => {
    const { step, run } = setUp({ platforms: 'linux/amd64', image: IMAGE, tags: 'latest', push: 'true' }, [
      {
        match: / build --progress plain /,
        answer: { code: 1, stderr: 'ERROR: failed to solve: Canceled: context canceled' },
      },
    ]);
    step.exec.cancelledBy = 'SIGTERM';
    const error = (await run()) as ActionError;
    expect(error.line).toBe(
      'build: cancelled (SIGTERM) during the build (failed to solve: Canceled: context canceled)',
    );
    expect(error.input).toBeUndefined();
    expect(step.log.lines.some((l) => l.level === 'error' && l.place)).toBe(false);
  });

  it('a build cancelled before buildx said anything: no empty parentheses', async () => {
    const { step, run } = setUp({ platforms: 'linux/amd64', image: IMAGE, tags: 'latest', push: 'true' }, [
      { match: / build --progress plain /, answer: { code: 1, stderr: '', stdout: '' } },
    ]);
    step.exec.cancelledBy = 'SIGINT';
    const error = (await run()) as ActionError;
    expect(error.line).toMatch(/^build: cancelled \(SIGINT\) during the build(?! \(\))/);
  });

  it('a registry holding something else than was built: fails in verify', async () => {
    const built = index(['linux/amd64', 'linux/arm64']);
    const held = index(['linux/amd64']);
    const { run } = setUp(
      { platforms: 'linux/amd64,linux/arm64', image: IMAGE, tags: 'latest', push: 'true', qemu: 'off' },
      [buildRule(built), { match: / imagetools inspect --raw /, answer: { stdout: held } }],
    );
    const error = (await run()) as ActionError;
    expect(error.phase).toBe('verify');
    expect(error.message).toContain(`${IMAGE}:latest is ${sha256(held)}, expected ${sha256(built)}`);
    expect(error.message).toContain('lacks linux/arm64');
  });
});

describe('buildPlatforms: push + load (buildx reports one exporter’s digest, so they run apart)', () => {
  const inputs = { platforms: 'linux/amd64', image: IMAGE, tags: 'latest', push: 'true', load: 'true' };
  const loadedImage = index(['linux/amd64'], { loaded: 'yes' });
  /** The load build reports the loaded image's digest and config; the push build the pushed index's. */
  const rules = (pushed: string, loadAnswer: { code?: number; stderr?: string } = {}): Rule[] => [
    {
      match: (argv) => argv.includes('build') && argv.includes('--load'),
      answer: (argv) => {
        const file = argv[argv.indexOf('--metadata-file') + 1] as string;
        const digest = sha256(loadedImage);
        writeFileSync(
          file,
          JSON.stringify({ 'containerimage.digest': digest, 'containerimage.config.digest': 'sha256:c0nf' }),
        );
        return { stderr: '#5 [2/2] RUN true\n#5 DONE 0.1s\n', ...loadAnswer };
      },
    },
    buildRule(pushed, '#5 [2/2] RUN true\n#5 CACHED\n'),
    { match: / imagetools inspect --raw /, answer: { stdout: pushed } },
  ];

  it('loads first (nothing pushed, no cache export), then pushes alone; verifies and reports the push', async () => {
    const pushed = index(['linux/amd64']);
    const { step, run, summary } = setUp({ ...inputs, cache: 'registry' }, rules(pushed));
    expect(await run()).toBeUndefined();
    const builds = step.exec.calls.filter((c) => c.argv[1] === 'build').map((c) => c.argv);
    expect(builds).toHaveLength(2);
    const [load, push] = builds as [string[], string[]];
    expect(load).toContain('--load');
    expect(load.join(' ')).not.toMatch(/--push|push=true|--cache-to/);
    expect(load.join(' ')).toContain(`--tag ${IMAGE}:latest`);
    expect(push).not.toContain('--load');
    expect(push.join(' ')).toMatch(/--push|push=true/);
    expect(push).toContain('--cache-to');
    // Attested alike: as build-push-action attests a build that loads (no default provenance).
    expect(load).not.toContain('--attest');
    expect(push).not.toContain('--attest');
    expect(step.outputValues.get('digest')).toBe(sha256(pushed));
    expect(step.outputValues.get('imageid')).toBe('sha256:c0nf');
    // The steps ran in the load build: the summary counts them there, not as cached.
    expect(summary.rows[0]).toMatchObject({ cached: 0, executed: 1 });
  });

  it('no-cache, no-cache-filters and pull apply to the load build; the push comes from its results', async () => {
    const pushed = index(['linux/amd64']);
    const values = { ...inputs, 'no-cache': 'true', 'no-cache-filters': 'deps', pull: 'true' };
    const { step, run } = setUp(values, rules(pushed));
    expect(await run()).toBeUndefined();
    const [load, push] = step.exec.calls.filter((c) => c.argv[1] === 'build').map((c) => c.argv) as [
      string[],
      string[],
    ];
    for (const flag of ['--no-cache', '--no-cache-filter', '--pull']) {
      expect(load).toContain(flag);
      expect(push).not.toContain(flag);
    }
  });

  it('a load that fails: nothing is pushed', async () => {
    const { step, run } = setUp(
      inputs,
      rules(index(['linux/amd64']), { code: 1, stderr: 'ERROR: load failed' }),
    );
    const error = (await run()) as ActionError;
    expect(error.phase).toBe('build');
    expect(step.exec.calls.filter((c) => c.argv[1] === 'build')).toHaveLength(1);
    expect(step.exec.commands.some((c) => c.includes('imagetools'))).toBe(false);
  });

  it('push without load, or load without push: one build', async () => {
    for (const values of [
      { ...inputs, load: 'false' },
      { ...inputs, push: 'false' },
    ]) {
      const raw = index(['linux/amd64']);
      const { step, run } = setUp(values, [
        buildRule(raw),
        { match: / imagetools inspect --raw /, answer: { stdout: raw } },
      ]);
      expect(await run()).toBeUndefined();
      expect(step.exec.calls.filter((c) => c.argv[1] === 'build')).toHaveLength(1);
    }
  });
});

describe('buildPlatforms (mode build, a matrix leg)', () => {
  it('pushes by digest, verifies image@digest, hands off one record per platform', async () => {
    const raw = index(['linux/arm64']);
    const store = new MemoryStore();
    const { step, run } = setUp(
      { mode: 'build', platforms: 'linux/arm64', image: IMAGE, handoff: 'cache', qemu: 'off' },
      [buildRule(raw), { match: / imagetools inspect --raw /, answer: { stdout: raw } }],
    );
    expect(await run(store)).toBeUndefined();
    const build = step.exec.commands.find((c) => c.includes(' build ')) ?? '';
    expect(build).toContain(
      `--output type=image,name=${IMAGE},push-by-digest=true,name-canonical=true,push=true,oci-mediatypes=true`,
    );
    expect(build).not.toContain('--tag');
    expect(step.exec.commands.find((c) => c.includes('imagetools'))).toContain(`${IMAGE}@${sha256(raw)}`);
    expect([...store.entries.values()].map((r) => [r.platforms, r.digest, r.pushed])).toEqual([
      [['linux/arm64'], sha256(raw), true],
    ]);
    expect(step.outputValues.get('handoff')).toMatch(
      /^cache:multiarch-handoff-[0-9a-f]{12}-linux-arm64-1000-1$/,
    );
  });

  it('handoff: tags on the docker driver pushes to the run-scoped handoff tag, then puts the record there', async () => {
    const raw = index(['linux/amd64']);
    const { step, run } = setUp(
      { mode: 'build', platforms: 'linux/amd64', image: IMAGE, handoff: 'tags', driver: 'docker' },
      [buildRule(raw), ...handoffRegistry(raw)],
    );
    expect(await run()).toBeUndefined();
    // The docker driver is the engine's own builder: nothing is created, nothing handed to post.
    expect(step.exec.commands.some((c) => / buildx create /.test(c))).toBe(false);
    expect(step.saved.has('builder')).toBe(false);
    const tag = /--tag (\S+:run-1000-linux-amd64-[0-9a-f]{12})/.exec(
      step.exec.commands.find((c) => c.includes(' build ')) ?? '',
    )?.[1];
    expect(tag).toBeDefined();
    const wrap = step.exec.commands.find((c) => c.includes('imagetools create')) ?? '';
    expect(wrap).toContain(`--tag ${tag} ${IMAGE}@${sha256(raw)}`);
    expect(step.outputValues.get('handoff')).toBe(tag);
    expect(step.outputValues.get('tags')).toBe('');
  });

  it('handoff: tags on docker-container pushes by digest, then writes the handoff tag', async () => {
    const raw = index(['linux/amd64']);
    const { step, run } = setUp({ mode: 'build', platforms: 'linux/amd64', image: IMAGE, handoff: 'tags' }, [
      buildRule(raw),
      ...handoffRegistry(raw),
    ]);
    expect(await run()).toBeUndefined();
    const build = step.exec.commands.find((c) => c.includes(' build ')) ?? '';
    expect(build).toContain('push-by-digest=true');
    expect(build).not.toContain('--tag');
    expect(step.outputValues.get('handoff')).toMatch(
      /^ghcr\.io\/acme\/app:run-1000-linux-amd64-[0-9a-f]{12}$/,
    );
  });

  it('push: false builds an image it keeps, verifies and hands off nothing (tags), and says so', async () => {
    const raw = index(['linux/amd64']);
    const { step, run, summary } = setUp(
      { mode: 'build', platforms: 'linux/amd64', image: IMAGE, push: 'false', handoff: 'tags' },
      [buildRule(raw)],
    );
    expect(await run()).toBeUndefined();
    const build = step.exec.commands.find((c) => c.includes(' build ')) ?? '';
    expect(build).toContain('--output type=image,push=false,oci-mediatypes=true');
    expect(step.exec.commands.some((c) => c.includes('imagetools'))).toBe(false);
    expect(step.outputValues.get('digest')).toBe(sha256(raw));
    expect(step.outputValues.get('handoff')).toBe('');
    expect(step.log.at('info').join('\n')).toMatch(
      /push: false: built sha256:\S+, pushed nothing; nothing handed off/,
    );
    expect(summary.facts).toContainEqual(['Handoff', 'none (push: false)']);
  });

  it('the leg records which of its platforms ran under QEMU', async () => {
    const raw = index(['linux/amd64', 'linux/arm64']);
    const store = new MemoryStore();
    const { run } = setUp(
      { mode: 'build', platforms: 'linux/amd64,linux/arm64', image: IMAGE, handoff: 'cache', qemu: 'off' },
      [buildRule(raw), { match: / imagetools inspect --raw /, answer: { stdout: raw } }],
    );
    expect(await run(store)).toBeUndefined();
    expect([...store.entries.values()].map((r) => r.emulated)).toEqual([['linux/arm64'], ['linux/arm64']]);
  });
});

/** A registry for a leg on handoff tags: the build's digest by digest, each handoff tag as last written. */
function handoffRegistry(raw: string): Rule[] {
  const tags = new Map<string, string>();
  return [
    {
      match: / imagetools create /,
      answer: (argv) => {
        const annotation = argv[argv.indexOf('--annotation') + 1] ?? '';
        const wrapper = JSON.stringify({
          manifests: [],
          annotations: {
            [annotation.slice(6, annotation.indexOf('='))]: annotation.slice(annotation.indexOf('=') + 1),
          },
        });
        argv.forEach((a, i) => argv[i - 1] === '--tag' && tags.set(a, wrapper));
        return {};
      },
    },
    {
      match: / imagetools inspect --raw /,
      answer: (argv) => {
        const ref = argv.at(-1) ?? '';
        if (ref.includes('@')) return { stdout: raw };
        // Before the record is written, a handoff tag holds what the docker driver's build pushed there.
        return { stdout: tags.get(ref) ?? raw };
      },
    },
  ];
}

describe('buildPlatforms: the summary timeline', () => {
  const raw = index(['linux/amd64', 'linux/arm64']);
  const ref = { 'buildx.build.ref': 'multiarch-b/multiarch-b0/yooiy8c7dowibw8ksmze3dfyq' };
  // A real record of a two-platform build, as `buildx history logs --progress rawjson` prints it (stderr).
  const record = readFileSync(
    join(import.meta.dirname, '..', '..', 'fixtures', 'build-record', 'two-platforms.jsonl'),
    'utf8',
  );
  // qemu: off: a unit test never reads or writes the host's binfmt_misc (arm64 still counts as emulated).
  const values = { platforms: 'linux/amd64,linux/arm64', image: IMAGE, push: 'false', qemu: 'off' };

  it('reads the build record after the build and puts each platform on the phases’ clock', async () => {
    const { step, run, summary } = setUp(values, [
      buildRule(raw, '', ref),
      { match: / history logs /, answer: { stderr: record } },
    ]);
    expect(await run()).toBeUndefined();
    const history = step.exec.calls.find((c) => c.argv.includes('history'));
    expect(history?.argv.slice(1)).toEqual([
      'history',
      'logs',
      '--builder',
      'multiarch-b',
      '--progress',
      'rawjson',
      'yooiy8c7dowibw8ksmze3dfyq',
    ]);
    expect(summary.builds?.map((b) => [b.name, b.ms])).toEqual([
      ['linux/amd64', 1944],
      ['linux/arm64', 2007],
      ['export', 121],
    ]);
    expect(summary.buildsMissing).toBeUndefined();
  });

  it('a record that cannot be read costs the build nothing: the summary says why', async () => {
    const { step, run, summary } = setUp(values, [
      buildRule(raw, '', ref),
      { match: / history logs /, answer: { code: 1, stderr: 'ERROR: no record found for ref "yooiy"' } },
    ]);
    expect(await run()).toBeUndefined();
    expect(step.outputValues.get('digest')).toBe(sha256(raw));
    expect(summary.builds).toBeUndefined();
    expect(summary.buildsMissing).toBe('buildx history logs: no record found for ref "yooiy"');
  });

  it('summary: false reads no record', async () => {
    const { step, run } = setUp({ ...values, summary: 'false' }, [buildRule(raw, '', ref)]);
    expect(await run()).toBeUndefined();
    expect(step.exec.commands.filter((c) => c.includes('history'))).toEqual([]);
  });
});
