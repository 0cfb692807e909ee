// One step whose `append` makes the builder remote: the orchestrators' decisions with the exec layer
// scripted. The BuildKit container for the builder's own node is saved for post before it is created,
// started before the builder, credited in the summary and outputs; QEMU covers what it builds; a failure
// names the input; post removes it and its volume after the builder, even when main stopped half-way.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAppend } from '../../../src/inputs/append.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import type { Inputs } from '../../../src/inputs/types.js';
import { buildPlatforms } from '../../../src/modes/build.js';
import { post } from '../../../src/post.js';
import { sha256 } from '../../../src/registry/manifests.js';
import { ActionError } from '../../../src/runner/errors.js';
import { Phases } from '../../../src/runner/phases.js';
import { newSummary, renderSummary, type RunSummary } from '../../../src/runner/summary.js';
import { fakeStep, type Rule } from '../../support/fake-step.js';

// A BuildKit daemon for certain (docker-container://): nothing here probes it, so no network is touched.
const APPEND = '- name: arm\n  endpoint: docker-container://arm-buildkitd\n  platforms: linux/arm64\n';
const PLATFORMS = 'linux/amd64,linux/arm64,linux/arm/v7';

async function inputsOf(values: Record<string, string>): Promise<Inputs> {
  const map = new Map(Object.entries({ platforms: PLATFORMS, qemu: 'off', append: APPEND, ...values }));
  const get = (name: string) => (map.get(name) ?? '').trim();
  return readAppend(get, readInputs(get, { env: {}, os: 'linux', arch: 'x64' }), {});
}

function stepWith(rules: Rule[]) {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  mkdirSync(join(dir, 'cli-plugins'));
  const plugin = join(dir, 'cli-plugins', 'docker-buildx');
  writeFileSync(plugin, '#!/bin/sh\n');
  chmodSync(plugin, 0o755);
  const build: Rule = {
    match: / build --progress plain /,
    answer: (argv) => {
      const metadata = argv[argv.indexOf('--metadata-file') + 1] as string;
      writeFileSync(metadata, JSON.stringify({ 'containerimage.digest': sha256('index') }));
      return {};
    },
  };
  return fakeStep({
    env: {
      DOCKER_CONFIG: dir,
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: 'f'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
    },
    rules: [{ match: /^docker version/, answer: { stdout: 'amd64 27.0.0' } }, ...rules, build],
  });
}

const summaryOf = (): RunSummary => newSummary('Multi-platform build');

/** The commands run, the buildx plugin's path shortened to `buildx`. */
const commands = (step: ReturnType<typeof stepWith>) =>
  step.exec.commands.map((c) => c.replace(/^\S+\/docker-buildx /, 'buildx '));

describe('a step whose append makes the builder remote: its own node in a BuildKit container here', () => {
  it('saves the container for post before creating it, starts it before the builder, and credits it', async () => {
    const savedAtCreate: Array<string | undefined> = [];
    const step = stepWith([
      {
        match: /^docker create /,
        answer: () => {
          savedAtCreate.push(step.saved.get('localNode'), step.saved.get('builder'));
          return {};
        },
      },
    ]);
    const inputs = await inputsOf({
      'buildkit-image': 'registry.internal/moby/buildkit:v0.25.2',
      'driver-opts': 'network=host',
      'buildkitd-config-inline': '[registry."registry.internal"]\n  ca = ["/etc/ssl/ca.pem"]',
    });
    const summary = summaryOf();
    await buildPlatforms(step, inputs, new Phases(step.log), summary);
    const builder = step.saved.get('builder') as string;
    const container = `buildx_buildkit_${builder}0`;
    expect(step.saved.get('localNode')).toBe(container);
    expect(savedAtCreate).toEqual([container, builder]);
    const run = commands(step);
    const tempDir = step.saved.get('tempDir') as string;
    expect(run.slice(0, 7)).toEqual([
      `docker create --name ${container} --privileged --volume ${container}_state:/var/lib/buildkit --network=host registry.internal/moby/buildkit:v0.25.2 --allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host`,
      `docker cp ${tempDir}/local-node/. ${container}:/etc/buildkit`,
      `docker start ${container}`,
      `docker exec ${container} buildctl debug workers`,
      `buildx create --name ${builder} --driver remote --platform linux/amd64,linux/arm/v7 docker-container://${container}`,
      `buildx create --name ${builder} --append --node arm --platform linux/arm64 docker-container://arm-buildkitd`,
      `buildx inspect --bootstrap ${builder}`,
    ]);
    // The config the container gets is the inline one, alone in its folder.
    expect(readFileSync(join(tempDir, 'local-node', 'buildkitd.toml'), 'utf8')).toBe(
      inputs.buildkitdConfigInline,
    );
    // arm64 is native on its node; arm/v7 is built here, on this host's QEMU handlers.
    expect(step.outputValues.get('qemu-platforms')).toBe('linux/arm/v7');
    expect(summary.rows.map((r) => [r.platform, r.node, r.emulated])).toEqual([
      ['linux/amd64', `${builder}0`, false],
      ['linux/arm64', 'arm', false],
      ['linux/arm/v7', `${builder}0`, true],
    ]);
    expect(renderSummary(summary)).toContain(
      `**Builder:** ${builder} (remote, nodes <code>${builder}0</code> (BuildKit container <code>${container}</code> on this runner), <code>arm</code> (docker-container://arm-buildkitd))`,
    );
    expect(step.log.at('info')).toContain(
      `Created builder ${builder} (remote; its own node: BuildKit container ${container} from registry.internal/moby/buildkit:v0.25.2)`,
    );
  });

  it('a container that cannot be created: one line naming buildkit-image, no builder made, post removes what may exist', async () => {
    const step = stepWith([
      {
        match: /^docker create /,
        answer: { code: 125, stderr: 'Error response from daemon: pull access denied for moby/buildkit' },
      },
    ]);
    const error = await buildPlatforms(step, await inputsOf({}), new Phases(step.log), summaryOf()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).input).toBe('buildkit-image');
    expect((error as ActionError).line).toBe(
      "builder: could not start this step's BuildKit container from moby/buildkit:buildx-stable-1 (Error response from daemon: pull access denied for moby/buildkit); if the runner cannot reach Docker Hub, set buildkit-image to a mirror",
    );
    expect(commands(step).some((c) => c.startsWith('buildx create'))).toBe(false);

    // Post, in its own process, with what main saved.
    const builder = step.saved.get('builder') as string;
    const after = fakeStep({
      env: { DOCKER_CONFIG: step.ctx.dockerConfig },
      state: Object.fromEntries(step.saved),
      rules: [{ match: /docker-buildx rm /, answer: { code: 1, stderr: `no builder "${builder}" found` } }],
    });
    await post(after);
    expect(commands(after)).toEqual([
      `buildx rm ${builder}`,
      `docker rm --force --volumes buildx_buildkit_${builder}0`,
      `docker volume rm --force buildx_buildkit_${builder}0_state`,
    ]);
    expect(after.log.at('warning')).toEqual([]);
  });

  it('BuildKit exits in its container: names buildkitd-flags with buildkitd’s own last line', async () => {
    const step = stepWith([
      {
        match: /^docker exec /,
        answer: { code: 1, stderr: 'Error response from daemon: container is not running' },
      },
      { match: /^docker inspect /, answer: { stdout: 'false 1\n' } },
      { match: /^docker logs /, answer: { stderr: 'buildkitd: flag provided but not defined: -bogus\n' } },
    ]);
    const inputs = await inputsOf({ 'buildkitd-flags': '--bogus' });
    const error = (await buildPlatforms(step, inputs, new Phases(step.log), summaryOf()).then(
      () => undefined,
      (e: unknown) => e,
    )) as ActionError;
    expect(error.input).toBe('buildkitd-flags');
    expect(error.line).toMatch(
      /^builder: BuildKit in this step's container buildx_buildkit_\S+ exited \(code 1: buildkitd: flag provided but not defined: -bogus\); check buildkitd-flags and buildkitd-config$/,
    );
    expect(commands(step).some((c) => c.startsWith('buildx create'))).toBe(false);
  });

  it('cleanup: false keeps the builder and its container: post is not told about either', async () => {
    const step = stepWith([]);
    await buildPlatforms(step, await inputsOf({ cleanup: 'false' }), new Phases(step.log), summaryOf());
    expect(commands(step).filter((c) => c.startsWith('docker create'))).toHaveLength(1);
    expect(step.saved.has('builder')).toBe(false);
    expect(step.saved.has('localNode')).toBe(false);
  });

  it('the builder’s own node is not started when append holds Docker engines only', async () => {
    const step = stepWith([]);
    const inputs = await inputsOf({ append: '- name: arm\n  endpoint: arm-ctx\n  platforms: linux/arm64\n' });
    await buildPlatforms(step, inputs, new Phases(step.log), summaryOf());
    expect(commands(step).some((c) => c.startsWith('docker create'))).toBe(false);
    expect(commands(step)[0]).toMatch(/^buildx create --name \S+ --driver docker-container /);
    expect(step.saved.has('localNode')).toBe(false);
  });
});

describe('a tcp:// node without TLS files on the default driver (a Docker engine, as in setup-buildx-action)', () => {
  it('that fails to start: the line says how a BuildKit daemon there is taken as one', async () => {
    const step = stepWith([
      {
        match: / inspect --bootstrap /,
        answer: { code: 1, stderr: 'ERROR: error during connect: malformed HTTP response' },
      },
      {
        match: / inspect multiarch-/,
        answer: {
          stdout:
            'Name: b\nDriver: docker-container\n\nNodes:\nName: b0\nEndpoint: unix:///var/run/docker.sock\nStatus: running\n\nName: arm\nEndpoint: tcp://arm-builder:1234\nError: error during connect: malformed HTTP response\n',
        },
      },
    ]);
    const inputs = await inputsOf({
      append: '- name: arm\n  endpoint: tcp://arm-builder:1234\n  platforms: linux/arm64\n',
    });
    expect(inputs.localNode).toBe(false);
    const error = (await buildPlatforms(step, inputs, new Phases(step.log), summaryOf()).then(
      () => undefined,
      (e: unknown) => e,
    )) as ActionError;
    expect(error.input).toBe('append');
    expect(error.line).toBe(
      'builder: node "arm" at tcp://arm-builder:1234 did not start (error during connect: malformed HTTP response); check its entry in append (on the docker-container driver a tcp:// endpoint is a Docker engine, as in setup-buildx-action; a BuildKit daemon there is taken as one when its TLS files are given, or use driver: remote)',
    );
  });
});

describe('post: the BuildKit container of the builder’s own node', () => {
  it('is removed with its volume after the builder, whatever the builder’s removal said', async () => {
    const step = fakeStep({
      env: { DOCKER_CONFIG: mkdtempSync(join(tmpdir(), 'docker-config-')) },
      state: { builder: 'b1', localNode: 'buildx_buildkit_b10' },
      rules: [
        { match: /^docker buildx rm b1$/, answer: { code: 1, stderr: 'ERROR: something odd' } },
        { match: /^docker rm /, answer: { stdout: 'buildx_buildkit_b10\n' } },
        { match: /^docker volume rm /, answer: { stdout: 'buildx_buildkit_b10_state\n' } },
      ],
    });
    await post(step);
    expect(step.exec.commands).toEqual([
      'docker buildx rm b1',
      'docker rm --force --volumes buildx_buildkit_b10',
      'docker volume rm --force buildx_buildkit_b10_state',
    ]);
    expect(step.log.at('warning')).toEqual(['post: could not remove builder b1: something odd']);
    expect(step.log.at('info')).toContain(
      'Removed the BuildKit container buildx_buildkit_b10 and volume buildx_buildkit_b10_state',
    );
  });
});
