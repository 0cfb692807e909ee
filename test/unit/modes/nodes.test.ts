// Builds on a builder with appended nodes, with the exec layer scripted: the create/append/bootstrap order,
// QEMU only for what the builder's own node builds, which node the summary credits, how a node failing is
// reported, and what a merged index may hold. Remote nodes' checks are driven by a scripted probe.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planBuilder, startBuilder } from '../../../src/buildx/builder.js';
import { buildxHandle } from '../../../src/buildx/buildx.js';
import type { ProbeTarget } from '../../../src/buildx/nodes.js';
import { readAppend } from '../../../src/inputs/append.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import type { Inputs } from '../../../src/inputs/types.js';
import { buildPlatforms } from '../../../src/modes/build.js';
import { buildWatched, checkMerged } from '../../../src/phases/nodes.js';
import { sha256 } from '../../../src/registry/manifests.js';
import { ActionError } from '../../../src/runner/errors.js';
import { Phases } from '../../../src/runner/phases.js';
import { newSummary, renderSummary, type RunSummary } from '../../../src/runner/summary.js';
import { fakeStep, type Rule } from '../../support/fake-step.js';

const IMAGE = 'ghcr.io/acme/app';
const digest = (n: number) => `sha256:${String(n).repeat(64)}`;

async function inputsOf(values: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<Inputs> {
  const map = new Map(Object.entries(values));
  const get = (name: string) => (map.get(name) ?? '').trim();
  return readAppend(get, readInputs(get, { env, os: 'linux', arch: 'x64' }), env);
}

function stepWith(rules: Rule[]) {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  mkdirSync(join(dir, 'cli-plugins'));
  const plugin = join(dir, 'cli-plugins', 'docker-buildx');
  writeFileSync(plugin, '#!/bin/sh\n');
  chmodSync(plugin, 0o755);
  return fakeStep({
    env: {
      DOCKER_CONFIG: dir,
      DOCKER_HOST: 'tcp://engine:2375',
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
      // No context input: the Git context of this commit.
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: 'f'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
    },
    rules: [{ match: /^docker version/, answer: { stdout: 'amd64 27.0.0' } }, ...rules],
  });
}

const summaryOf = (): RunSummary => newSummary('Multi-platform build');

/** An index of `platforms`, entry i with digest i+1 (as nodes would have exported them). */
const index = (platforms: string[]) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: platforms.map((p, i) => {
      const [os, architecture, variant] = p.split('/');
      return {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: digest(i + 1),
        size: 1,
        platform: { os, architecture, ...(variant ? { variant } : {}) },
      };
    }),
  });
const exportLog = (n: number) =>
  Array.from({ length: n }, (_, i) => `#1${i} exporting manifest ${digest(i + 1)} done`).join('\n');

function buildRule(raw: string, log: string): Rule {
  return {
    match: / build --progress plain /,
    answer: (argv) => {
      writeFileSync(
        argv[argv.indexOf('--metadata-file') + 1] as string,
        JSON.stringify({ 'containerimage.digest': sha256(raw) }),
      );
      return { stderr: log };
    },
  };
}

// docker-container nodes on docker contexts: nothing here probes them (no address to check).
const APPEND =
  '- name: arm\n  endpoint: arm-ctx\n  platforms: linux/arm64\n- name: ppc\n  endpoint: power9\n  platforms: linux/ppc64le';

describe('a build over appended nodes', () => {
  it('creates the builder, appends each node, then bootstraps; QEMU only for the own node’s foreign platforms', async () => {
    const platforms = ['linux/amd64', 'linux/arm64', 'linux/ppc64le', 'linux/arm/v7'];
    const raw = index(platforms);
    const step = stepWith([
      buildRule(raw, exportLog(4)),
      { match: / imagetools inspect --raw /, answer: { stdout: raw } },
    ]);
    const summary = summaryOf();
    const inputs = await inputsOf({
      platforms: platforms.join(','),
      image: IMAGE,
      tags: 'latest',
      push: 'true',
      qemu: 'off',
      append: APPEND,
    });
    await buildPlatforms(step, inputs, new Phases(step.log), summary);
    const builder = step.saved.get('builder') as string;
    const buildx = step.exec.calls.slice(1).map((c) => c.argv.slice(1).join(' '));
    expect(buildx.slice(0, 4)).toEqual([
      `create --name ${builder} --driver docker-container --buildkitd-flags --allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host --platform linux/amd64,linux/arm/v7`,
      `create --name ${builder} --append --node arm --buildkitd-flags --allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host --platform linux/arm64 arm-ctx`,
      `create --name ${builder} --append --node ppc --buildkitd-flags --allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host --platform linux/ppc64le power9`,
      `inspect --bootstrap ${builder}`,
    ]);
    expect(buildx[4]).toMatch(
      /^build --progress plain --platform linux\/amd64,linux\/arm64,linux\/ppc64le,linux\/arm\/v7 /,
    );
    // arm64 and ppc64le are native on their nodes: only arm/v7, built here, runs under QEMU.
    expect(step.outputValues.get('qemu-platforms')).toBe('linux/arm/v7');
    expect(summary.rows.map((r) => [r.platform, r.node, r.emulated])).toEqual([
      ['linux/amd64', `${builder}0`, false],
      ['linux/arm64', 'arm', false],
      ['linux/ppc64le', 'ppc', false],
      ['linux/arm/v7', `${builder}0`, true],
    ]);
    const text = renderSummary(summary);
    expect(text).toContain('| Platform | Digest | Node | QEMU |');
    expect(text).toContain(
      `| <code>linux/arm64</code> | <code>${digest(2).slice(0, 19)}</code> | <code>arm</code> | native |`,
    );
    expect(text).toContain(
      `nodes <code>${builder}0</code>, <code>arm</code> (arm-ctx), <code>ppc</code> (power9)`,
    );
  });

  it('a node that cannot be added: fails naming it and append, with the builder already saved for post', async () => {
    const step = stepWith([
      {
        match: / --append --node ppc /,
        answer: { code: 1, stderr: 'ERROR: context "power9" does not exist' },
      },
    ]);
    const inputs = await inputsOf({ platforms: 'linux/amd64,linux/arm64', qemu: 'off', append: APPEND });
    const error = await buildPlatforms(step, inputs, new Phases(step.log), summaryOf()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).line).toBe(
      'builder: could not add node "ppc" at power9 to the builder (context "power9" does not exist); check its entry in append',
    );
    expect((error as ActionError).input).toBe('append');
    expect(step.saved.get('builder')).toMatch(/^multiarch-/);
    expect(step.exec.commands.some((c) => c.includes('--bootstrap'))).toBe(false);
  });

  it('a node that does not start: buildx inspect names it, and the line names it and its endpoint', async () => {
    const step = stepWith([
      {
        match: / inspect --bootstrap /,
        answer: { code: 1, stderr: 'ERROR: error during connect: ssh: handshake failed' },
      },
      {
        match: / inspect multiarch-/,
        answer: {
          stdout:
            'Name: b\nDriver: docker-container\n\nNodes:\nName: b0\nEndpoint: unix:///var/run/docker.sock\nStatus: running\n\nName: arm\nEndpoint: arm-ctx\nError: error during connect: ssh: handshake failed\n',
        },
      },
    ]);
    const inputs = await inputsOf({ platforms: 'linux/amd64,linux/arm64', qemu: 'off', append: APPEND });
    const error = (await buildPlatforms(step, inputs, new Phases(step.log), summaryOf()).then(
      () => undefined,
      (e: unknown) => e,
    )) as ActionError;
    expect(error.line).toBe(
      'builder: node "arm" at arm-ctx did not start (error during connect: ssh: handshake failed); check its entry in append',
    );
  });

  it('a merged index holding a manifest no node exported fails in verify', async () => {
    const raw = index(['linux/amd64', 'linux/arm64']);
    const step = stepWith([
      buildRule(raw, exportLog(1)),
      { match: / imagetools inspect --raw /, answer: { stdout: raw } },
    ]);
    const inputs = await inputsOf({
      platforms: 'linux/amd64,linux/arm64',
      image: IMAGE,
      tags: 'latest',
      push: 'true',
      qemu: 'off',
      append: APPEND,
    });
    const error = (await buildPlatforms(step, inputs, new Phases(step.log), summaryOf()).then(
      () => undefined,
      (e: unknown) => e,
    )) as ActionError;
    expect(error.line).toBe(
      `verify: ${IMAGE}:latest holds ${digest(2).slice(0, 19)}, which none of the builder's nodes exported in this run`,
    );
  });
});

describe('when buildx leaves the merged index’s digest out of the metadata file', () => {
  const noDigest = (log: string): Rule => ({
    match: / build --progress plain /,
    answer: (argv) => {
      writeFileSync(argv[argv.indexOf('--metadata-file') + 1] as string, '{}');
      return { stderr: log };
    },
  });

  it('pushed under tags: the digest is what the tags hold, once checked against the nodes’ exports', async () => {
    const raw = index(['linux/amd64', 'linux/arm64']);
    const step = stepWith([
      noDigest(exportLog(2)),
      { match: / imagetools inspect --raw /, answer: { stdout: raw } },
    ]);
    const inputs = await inputsOf({
      platforms: 'linux/amd64,linux/arm64',
      image: IMAGE,
      tags: 'latest',
      push: 'true',
      qemu: 'off',
      append: APPEND,
    });
    await buildPlatforms(step, inputs, new Phases(step.log), summaryOf());
    expect(step.outputValues.get('digest')).toBe(sha256(raw));
  });

  it('a leg pushed by digest: fails before anything is handed off', async () => {
    const step = stepWith([noDigest(exportLog(2))]);
    const inputs = await inputsOf({
      mode: 'build',
      platforms: 'linux/amd64,linux/arm64',
      image: IMAGE,
      handoff: 'cache',
      qemu: 'off',
      append: APPEND,
    });
    const error = (await buildPlatforms(step, inputs, new Phases(step.log), summaryOf()).then(
      () => undefined,
      (e: unknown) => e,
    )) as ActionError;
    expect(error.line).toMatch(/^build: buildx did not report the digest of the index it merged/);
    expect(step.exec.commands.some((c) => c.includes('imagetools'))).toBe(false);
  });
});

describe('remote nodes, checked before BuildKit starts and while they build', () => {
  const REMOTE = {
    driver: 'remote',
    endpoint: 'tcp://amd64:1234',
    platforms: 'linux/amd64,linux/arm64',
    append: '- name: arm\n  endpoint: tcp://arm:1234\n  platforms: linux/arm64',
  };
  const probeOf = (down: string[]) => async (t: ProbeTarget) =>
    down.includes(t.host) ? 'EHOSTUNREACH' : undefined;

  it.each([
    [
      'an appended node',
      ['arm'],
      'builder: node "arm" at tcp://arm:1234 cannot be reached (EHOSTUNREACH); check the node, or its entry in append',
      'append',
    ],
    [
      'the builder’s own node',
      ['amd64'],
      'builder: node "multiarch-1000-1-unit-c0ffee000" at tcp://amd64:1234 cannot be reached (EHOSTUNREACH); check the node, or its endpoint',
      'endpoint',
    ],
  ])('%s that cannot be reached: one line naming it, before bootstrap', async (_name, down, line, input) => {
    const step = stepWith([]);
    const inputs = await inputsOf(REMOTE);
    const plan = planBuilder(inputs, step.ctx, { platforms: inputs.platforms }, 'c0ffee00');
    const error = (await startBuilder(
      step,
      buildxHandle(step.exec, 'buildx'),
      plan,
      inputs,
      probeOf(down),
    ).then(
      () => undefined,
      (e: unknown) => e,
    )) as ActionError;
    expect(error.line).toBe(line);
    expect(error.input).toBe(input);
    expect(step.exec.commands.some((c) => c.includes('--bootstrap'))).toBe(false);
  });

  it('a node that stops answering mid-build stops the build and is named', async () => {
    const inputs = await inputsOf(REMOTE);
    const step = stepWith([]);
    const { nodes } = planBuilder(
      inputs,
      step.ctx,
      { platforms: inputs.platforms.map((p) => p) },
      'c0ffee00',
    );
    let aborted = false;
    let checks = 0;
    const probe = async (t: ProbeTarget) => (t.host === 'arm' && ++checks > 1 ? 'ETIMEDOUT' : undefined);
    const build = (signal: AbortSignal) =>
      new Promise<never>((_resolve, reject) =>
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('context canceled'));
        }),
      );
    const error = (await buildWatched(step, { nodes }, build, probe, {
      intervalMs: 1,
      timeoutMs: 1,
      misses: 3,
    }).then(
      () => undefined,
      (e: unknown) => e,
    )) as ActionError;
    expect(aborted).toBe(true);
    expect(error.line).toBe(
      'build: node "arm" at tcp://arm:1234 stopped answering (ETIMEDOUT) during the build; nothing was published (the other nodes\' results stay untagged)',
    );
    expect(step.log.at('warning')).toEqual([
      'node "arm" at tcp://arm:1234 stopped answering (ETIMEDOUT): stopping the build',
    ]);
  });

  it('a build that fails while every node answers keeps its own error', async () => {
    const inputs = await inputsOf(REMOTE);
    const step = stepWith([]);
    const { nodes } = planBuilder(inputs, step.ctx, { platforms: inputs.platforms }, 'c0ffee00');
    const failure = new ActionError('build', 'docker buildx build failed: exit code: 1');
    const error = await buildWatched(step, { nodes }, () => Promise.reject(failure), probeOf([])).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBe(failure);
  });
});

describe('checkMerged', () => {
  const two = {
    nodes: [
      { name: 'a', platforms: [], tls: [] },
      { name: 'b', platforms: [], tls: [] },
    ],
  };
  const built = (log: string) => ({ digest: digest(8), log });
  const published = (digests: string[]) => ({
    ref: `${IMAGE}:1`,
    raw: '',
    digest: digest(9),
    manifest: { schemaVersion: 2, manifests: digests.map((d) => ({ mediaType: 'm', digest: d, size: 1 })) },
  });
  it('accepts an index of exported manifests; ignores a log without export lines', () => {
    expect(checkMerged(two, built(exportLog(2)), published([digest(1), digest(2)]))).toEqual(
      built(exportLog(2)),
    );
    expect(() => checkMerged(two, built('no export lines'), published([digest(7)]))).not.toThrow();
    expect(() => checkMerged(two, built(exportLog(1)), undefined)).not.toThrow();
    // One node: nothing merged, nothing to check.
    expect(() =>
      checkMerged({ nodes: [two.nodes[0]!] }, built(exportLog(1)), published([digest(3)])),
    ).not.toThrow();
  });
  it('rejects an entry no node exported', () => {
    expect(() => checkMerged(two, built(exportLog(2)), published([digest(1), digest(3)]))).toThrow(
      /holds sha256:333333333333, which none/,
    );
  });
});
