/**
 * Bad input, on the real engine and registry: every case must fail with ONE line naming the input and the fix,
 * before anything runs. "Before anything runs" is checked from outside the action, not from its log alone:
 * `docker`, `sudo`, `mount` and `tee` on PATH are shims that record every call, DOCKER_HOST is a relay that
 * counts connections to the engine, and the builders, the registry's repositories and tags (on disk), the
 * runner's temp dir and the saved state are compared with what they were before.
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  REGISTRY,
  REPOSITORIES,
  builders,
  engineRelay,
  runAction,
  unique,
  writeCommandShims,
} from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');

/**
 * Every repository with its tags and manifest revisions, as the registry keeps them on disk. The benchmark
 * harness's `bench/` namespace is left out: on a dev box it may be running at the same time.
 */
function registryState(): string[] {
  const out: string[] = [];
  const walk = (dir: string, name: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (entry.name === '_manifests') {
        const list = (sub: string) =>
          existsSync(join(dir, '_manifests', sub)) ? readdirSync(join(dir, '_manifests', sub)).sort() : [];
        out.push(`${name} tags=${list('tags').join(',')} revisions=${list('revisions/sha256').length}`);
      } else if (!entry.name.startsWith('_') && !(name === '' && entry.name === 'bench')) {
        walk(join(dir, entry.name), name ? `${name}/${entry.name}` : entry.name);
      }
    }
  };
  walk(REPOSITORIES, '');
  return out.sort();
}

/** Shims for the commands the action may spawn: each appends its argv to $SHIM_LOG, then runs the real one. */
function makeShims(dir: string): void {
  writeCommandShims(dir, ['docker', 'sudo', 'mount', 'tee']);
  // The action runs the buildx plugin binary directly when it finds one (where the docker CLI looks, from
  // DOCKER_CONFIG first): a shim there, beside a copy of the credentials, records those calls too.
  const config = join(dir, 'docker-config');
  mkdirSync(join(config, 'cli-plugins'), { recursive: true });
  const home = join(homedir(), '.docker');
  if (existsSync(join(home, 'config.json')))
    copyFileSync(join(home, 'config.json'), join(config, 'config.json'));
  const plugin = join(config, 'cli-plugins', 'docker-buildx');
  writeFileSync(
    plugin,
    `#!/bin/sh\necho "docker buildx $*" >>"$SHIM_LOG"\nexec ${join(home, 'cli-plugins', 'docker-buildx')} "$@"\n`,
  );
  chmodSync(plugin, 0o755);
}

const image = `${REGISTRY}/e2e/${unique('badinput')}`;
const leg = { mode: 'build', image, platforms: 'linux/amd64', context: example, ...AIR_GAPPED };
const merge = { mode: 'merge', image, tags: 'latest', platforms: 'linux/amd64,linux/arm64' };
const pastedSecret = `ghp_${'x'.repeat(8)}${Date.now().toString(36)}Qz7`;

interface Case {
  name: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** The exact start of the one error line: the phase, the input, and enough to see the fix. */
  error: RegExp;
  /** Text that must not appear anywhere in the log (a secret value). */
  hidden?: string;
}

// prettier-ignore
const cases: Case[] = [
  // platforms
  { name: 'unknown architecture', inputs: { platforms: 'linux/amd64,linux/amd46' }, error: /^inputs: platforms: unknown architecture "amd46" in "linux\/amd46" \(known: 386, amd64, arm64, /, },
  { name: 'unknown os', inputs: { platforms: 'darwin/arm64' }, error: /^inputs: platforms: unknown os "darwin" in "darwin\/arm64" \(use linux or windows\)$/ },
  { name: 'unknown variant', inputs: { platforms: 'linux/arm/v9' }, error: /^inputs: platforms: unknown variant "v9" for arm in "linux\/arm\/v9"$/ },
  { name: 'platform without arch', inputs: { platforms: 'linux' }, error: /^inputs: platforms: "linux" is not os\/arch\[\/variant\] \(e\.g\. linux\/arm64, linux\/arm\/v7\)$/ },
  { name: 'duplicate platform through an alias', inputs: { platforms: 'linux/arm64,linux/aarch64' }, error: /^inputs: platforms: "linux\/aarch64" duplicates "linux\/arm64" \(both are linux\/arm64\); list each platform once$/ },
  { name: 'duplicate platform through normalisation', inputs: { platforms: 'linux/arm/v7\nlinux/arm' }, error: /^inputs: platforms: "linux\/arm" duplicates "linux\/arm\/v7" \(both are linux\/arm\/v7\)/ },
  // enums
  { name: 'unknown mode', inputs: { mode: 'deploy' }, error: /^inputs: mode: "deploy" is not one of all, build, merge$/ },
  { name: 'unknown qemu', inputs: { qemu: 'yes' }, error: /^inputs: qemu: "yes" is not one of auto, host, image, off$/ },
  { name: 'unknown driver', inputs: { driver: 'podman' }, error: /^inputs: driver: "podman" is not one of docker-container, docker, remote, kubernetes$/ },
  { name: 'unknown cache', inputs: { cache: 's3' }, error: /^inputs: cache: "s3" is not one of auto, gha, registry, local, off$/ },
  { name: 'unknown cache-write', inputs: { 'cache-write': 'sometimes' }, error: /^inputs: cache-write: "sometimes" is not one of auto, always, never$/ },
  { name: 'unknown handoff', inputs: { ...leg, handoff: 'artifact' }, error: /^inputs: handoff: "artifact" is not one of auto, cache, tags$/ },
  { name: 'not a boolean (push)', inputs: { push: 'maybe' }, error: /^inputs: push: "maybe" is not true or false$/ },
  { name: 'not a boolean (no-cache)', inputs: { 'no-cache': 'yes' }, error: /^inputs: no-cache: "yes" is not true or false$/ },
  // key=value lists
  { name: 'build-arg without =', inputs: { 'build-args': 'VERSION' }, error: /^inputs: build-args: "VERSION" is not NAME=value \(one per line\)$/ },
  { name: 'label without =', inputs: { labels: 'org.opencontainers.image.title' }, error: /^inputs: labels: "org\.opencontainers\.image\.title" is not key=value/ },
  { name: 'build-context without =', inputs: { 'build-contexts': 'alpine' }, error: /^inputs: build-contexts: "alpine" is not name=source/ },
  { name: 'a secret value pasted without its id', inputs: { secrets: pastedSecret }, error: /^inputs: secrets: line 1 is not id=value .*the line is not shown/, hidden: pastedSecret },
  { name: 'the second line of a multi-line secret', inputs: { secrets: `key=-----BEGIN KEY-----\n${pastedSecret}\n-----END KEY-----` }, error: /^inputs: secrets: line 2 is not id=value/, hidden: pastedSecret },
  { name: 'secret-envs without =', inputs: { 'secret-envs': 'token' }, error: /^inputs: secret-envs: "token" is not id=ENV_NAME/ },
  { name: 'secret-envs naming an unset variable', inputs: { 'secret-envs': 'token=E2E_UNSET_TOKEN' }, error: /^inputs: secret-envs: "token=E2E_UNSET_TOKEN": E2E_UNSET_TOKEN is not set in this step's environment; set it under the step's env:/ },
  { name: 'the same secret id twice', inputs: { secrets: 'token=abc', 'secret-envs': 'token=E2E_SET_TOKEN' }, env: { E2E_SET_TOKEN: 'x' }, error: /^inputs: secret-envs: secret id "token" is already given in secrets; give each secret one id$/ },
  // annotations
  { name: 'unknown annotation level', inputs: { annotations: 'indx:org.opencontainers.image.description=x' }, error: /^inputs: annotations: level "indx" in .* is not one of manifest, index, manifest-descriptor, index-descriptor$/ },
  { name: 'annotation without =', inputs: { annotations: 'org.opencontainers.image.description' }, error: /^inputs: annotations: "org\.opencontainers\.image\.description" is not \[level:\]key=value$/ },
  { name: 'annotation for an unknown platform', inputs: { annotations: 'manifest[linux/amd46]:k=v' }, error: /^inputs: annotations: the platform selector in "manifest\[linux\/amd46\]:k=v": unknown architecture "amd46"/ },
  { name: 'index annotation on a build with no index', inputs: { platforms: 'linux/amd64', provenance: 'false', annotations: 'index:k=v' }, error: /^inputs: annotations: "index:k=v" needs an image index, .*; use the manifest: level or build more platforms$/ },
  { name: 'index annotation, runner platform, no index', inputs: { provenance: 'false', annotations: 'index-descriptor:k=v' }, error: /^inputs: annotations: "index-descriptor:k=v" needs an image index/ },
  // image and tags
  { name: 'uppercase image', inputs: { image: 'ghcr.io/Acme/App' }, error: /^inputs: image: "ghcr\.io\/Acme\/App" is not a valid repository name \(lowercase, e\.g\. ghcr\.io\/acme\/app\)$/ },
  { name: 'image with a tag', inputs: { image: 'ghcr.io/acme/app:1.0' }, error: /^inputs: image: "ghcr\.io\/acme\/app:1\.0" includes a tag or digest; give the repository only and put tags in `tags`$/ },
  { name: 'tag with a space', inputs: { image, tags: 'v1 beta' }, error: /^inputs: tags: "v1 beta" is neither a tag \(e\.g\. 1\.2\.3\) nor a full reference/ },
  { name: 'tag that is a digest reference', inputs: { tags: `ghcr.io/acme/app@sha256:${'a'.repeat(64)}` }, error: /^inputs: tags: "ghcr\.io\/acme\/app@sha256:a+" is neither a tag/ },
  { name: 'push without tags', inputs: { image, push: 'true' }, error: /^inputs: tags: push: true needs somewhere to push; set tags/ },
  { name: 'bare tag without image', inputs: { tags: 'latest' }, error: /^inputs: tags: "latest" is a bare tag but no image is set; set image/ },
  // mode: build
  { name: 'tags on a leg', inputs: { ...leg, tags: 'latest', handoff: 'tags' }, error: /^inputs: tags: has no effect in mode: build \(a leg publishes no tag: .*\); set tags on the mode: merge job$/ },
  { name: 'leg without image', inputs: { ...leg, image: '' }, error: /^inputs: image: mode: build pushes the leg by digest to image; set it/ },
  { name: 'leg with a variant that is not a tag part', inputs: { ...leg, variant: 'slim/arm' }, error: /^inputs: variant: "slim\/arm" is not a variant name/ },
  { name: 'leg with load: true', inputs: { ...leg, load: 'true' }, error: /^inputs: load: has no effect in mode: build \(a leg loads nothing\); load the merged image instead, or remove it$/ },
  { name: 'leg by digest on the docker driver', inputs: { mode: 'build', image, platforms: 'linux/amd64', context: example, driver: 'docker', handoff: 'cache' }, error: /^inputs: handoff: handoff: cache pushes the leg by digest, which driver: docker cannot do; set handoff: tags/ },
  // mode: merge
  { name: 'merge without tags', inputs: { ...merge, tags: '' }, error: /^inputs: tags: mode: merge publishes to tags; set at least one/ },
  { name: 'merge without platforms or sources', inputs: { ...merge, platforms: '' }, error: /^inputs: platforms: mode: merge needs the platforms that must be published/ },
  { name: 'merge with build-args', inputs: { ...merge, 'build-args': 'A=1' }, error: /^inputs: build-args: has no effect in mode: merge \(a merge builds nothing\); set it on the mode: build legs, or remove it$/ },
  { name: 'merge with labels (as silently ignored before)', inputs: { ...merge, labels: 'a=b' }, error: /^inputs: labels: has no effect in mode: merge \(a merge builds nothing\)/ },
  { name: 'merge without image, legs by handoff', inputs: { ...merge, image: '', tags: 'ghcr.io/acme/app:1' }, error: /^inputs: image: mode: merge finds the legs by the image they pushed to; set image/ },
  { name: 'source that is not a reference', inputs: { ...merge, sources: 'not a ref!' }, error: /^inputs: sources: "not a ref!" is neither a reference/ },
  { name: 'truncated sha256: source', inputs: { ...merge, sources: 'sha256:0123abcd' }, error: /^inputs: sources: "sha256:0123abcd" is neither a reference/ },
  { name: 'sources outside mode: merge', inputs: { sources: `${image}:1` }, error: /^inputs: sources: has no effect in mode: all \(it builds, it joins no sources\); use it with mode: merge, or remove it$/ },
  { name: 'platform-override that is not FROM=TO', inputs: { ...merge, 'platform-overrides': 'linux/arm' }, error: /^inputs: platform-overrides: "linux\/arm" is not FROM=TO \(e\.g\. linux\/arm=linux\/arm\/v7\)$/ },
  { name: 'platform-overrides outside mode: merge', inputs: { 'platform-overrides': 'linux/arm=linux/arm/v7' }, error: /^inputs: platform-overrides: has no effect in mode: all \(it builds, it joins no sources\); use it with mode: merge, or remove it$/ },
  // builder and driver
  { name: 'builder with driver', inputs: { builder: 'mine', driver: 'docker' }, error: /^inputs: builder: uses an existing builder as it is, so driver cannot apply; remove it or remove builder$/ },
  { name: 'builder with driver options', inputs: { builder: 'mine', 'driver-opts': 'network=host', 'buildkit-image': 'moby/buildkit:v0.20.0' }, error: /^inputs: builder: uses an existing builder as it is, so driver-opts, buildkit-image cannot apply; remove them/ },
  { name: 'builder name with a space', inputs: { builder: 'my builder' }, error: /^inputs: builder: "my builder" is not a builder name$/ },
  { name: 'buildkitd-flags on the docker driver', inputs: { driver: 'docker', 'buildkitd-flags': '--debug' }, error: /^inputs: buildkitd-flags: has no effect with driver: docker .*; use driver: docker-container or remove it$/ },
  { name: 'remote driver without endpoint', inputs: { driver: 'remote' }, error: /^inputs: endpoint: driver: remote needs the BuildKit address, e\.g\. tcp:\/\/buildkitd:1234$/ },
  { name: 'endpoint without the remote driver', inputs: { endpoint: 'docker-container://buildkitd' }, error: /^inputs: endpoint: "docker-container:\/\/buildkitd" is a BuildKit address; set driver: remote to build on it, or give a docker context name/ },
  { name: 'two buildkitd configs', inputs: { 'buildkitd-config': '/etc/buildkitd.toml', 'buildkitd-config-inline': 'debug = true' }, error: /^inputs: buildkitd-config-inline: set either buildkitd-config or buildkitd-config-inline, not both$/ },
  { name: 'buildkit-image that is not a reference', inputs: { 'buildkit-image': 'Moby/BuildKit:latest' }, error: /^inputs: buildkit-image: "Moby\/BuildKit:latest" is not an image reference \(e\.g\. / },
  { name: 'qemu-image that is not a reference', inputs: { 'qemu-image': 'binfmt image' }, error: /^inputs: qemu-image: "binfmt image" is not an image reference \(e\.g\. docker\.io\/tonistiigi\/binfmt:/ },
  // cache and buildx
  { name: 'qemu-image beside qemu: off', inputs: { qemu: 'off', 'qemu-image': 'mirror.example.com/tonistiigi/binfmt:qemu-v9.2.2' }, error: /^inputs: qemu-image: has no effect with qemu: off; set qemu: image \(or auto\), or remove qemu-image$/ },
  { name: 'cache beside cache-from', inputs: { cache: 'registry', 'cache-from': 'type=gha' }, error: /^inputs: cache: has no effect with cache-from \/ cache-to \(they replace the managed cache\); remove cache, or remove cache-from and cache-to$/ },
  { name: 'registry cache with nowhere to write', inputs: { cache: 'registry' }, error: /^inputs: cache: cache: registry stores the cache next to image, and no image is set; set cache-ref/ },
  { name: 'cache-ref by digest', inputs: { image, cache: 'registry', 'cache-ref': `${image}@sha256:${'b'.repeat(64)}` }, error: /^inputs: cache-ref: ".*" has a digest; a cache is written to a tag$/ },
  { name: 'buildx-url without buildx-version', inputs: { 'buildx-url': 'https://mirror.example.com/buildx' }, error: /^inputs: buildx-url: is the mirror to download buildx-version from; set buildx-version too$/ },
  { name: 'buildx-version latest', inputs: { 'buildx-version': 'latest' }, error: /^inputs: buildx-version: "latest" is not supported: .*; pin a release such as v0\.29\.1$/ },
  { name: 'buildx-version that is not a release', inputs: { 'buildx-version': 'v0.29' }, error: /^inputs: buildx-version: "v0\.29" is not a release version like v0\.29\.1$/ },
];

describe('bad input: one line naming the input and the fix, and nothing runs', () => {
  let shims: string;
  let shimLog: string;
  let relay: Awaited<ReturnType<typeof engineRelay>>;
  let relayPath: string;
  const strays = () => readdirSync(tmpdir()).filter((n) => n.startsWith('multiarch-'));
  let builtBefore: string[];
  let registryBefore: string[];
  let straysBefore: string[];

  beforeAll(async () => {
    shims = mkdtempSync(join(tmpdir(), 'shims-'));
    makeShims(shims);
    shimLog = join(shims, 'calls.log');
    relayPath = join(shims, 'engine.sock');
    relay = await engineRelay(relayPath);
    builtBefore = builders();
    registryBefore = registryState();
    straysBefore = strays();
  });

  afterAll(async () => {
    await relay?.close();
    rmSync(shims, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    PATH: `${shims}:${process.env.PATH}`,
    DOCKER_CONFIG: join(shims, 'docker-config'),
    SHIM_LOG: shimLog,
    DOCKER_HOST: `unix://${relayPath}`,
    ...extra,
  });

  it(`has at least 30 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    writeFileSync(shimLog, '');
    const connections = relay.connections;
    const registry = registryState();
    const built = builders();
    const run = await runAction(c.inputs, { env: env(c.env) });

    expect(run.code).toBe(1);
    expect(run.error).toMatch(c.error);
    // One line: a single ::error:: command, no stack trace, no other error output.
    expect(run.log.match(/^::error\b/gm)).toHaveLength(1);
    expect(run.error).not.toMatch(/%0A|%0D/); // a newline in the message would show as these
    expect(run.log).not.toMatch(/^\s+at /m);
    expect(run.summary).toContain(`**Failed** — ${run.error}`);
    // Nothing ran: no command logged or spawned, the engine never contacted, nothing to clean up.
    expect(run.log).not.toMatch(/^\[command\]/m);
    expect(readFileSync(shimLog, 'utf8')).toBe('');
    expect(relay.connections).toBe(connections);
    expect(readdirSync(run.runnerTemp)).toEqual([]);
    expect(run.state).toEqual({ isPost: 'true' });
    expect(run.outputs).toEqual({});
    expect(builders()).toEqual(built);
    expect(registryState()).toEqual(registry);
    if (c.hidden) expect(run.log + run.summary).not.toContain(c.hidden);
  });

  it('left no builder, repository, tag or temp dir behind', () => {
    expect(builders()).toEqual(builtBefore);
    expect(registryState()).toEqual(registryBefore);
    expect(strays()).toEqual(straysBefore);
    expect(registryState().some((r) => r.startsWith(image.slice(REGISTRY.length + 1)))).toBe(false);
  });

  // Only the sources say which platforms they hold, so this one is found after reading them: still nothing
  // but reads runs, and nothing is pushed.
  it('platform-overrides that match nothing: found after reading the sources, nothing pushed', async () => {
    writeFileSync(shimLog, '');
    const before = registryState();
    const target = `${REGISTRY}/e2e/${unique('override')}`;
    const run = await runAction(
      {
        mode: 'merge',
        sources: BASE_IMAGE,
        image: target,
        tags: 'never',
        'platform-overrides': 'linux/mips64le=linux/arm64',
      },
      { env: env() },
    );
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^merge: platform-overrides linux\/mips64le=linux\/arm64 match no entry \(the sources hold linux\/amd64, linux\/arm64, .*\); fix or remove them — nothing was pushed$/,
    );
    expect(run.log.match(/^::error\b/gm)).toHaveLength(1);
    const calls = readFileSync(shimLog, 'utf8').trim().split('\n');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call).toMatch(/^docker buildx imagetools inspect (--raw|--format) /);
    expect(registryState()).toEqual(before);
    expect(readdirSync(run.runnerTemp)).toEqual([]);
    expect(run.state).toEqual({ isPost: 'true' });
    expect(builders()).toEqual(builtBefore);
  });
});
