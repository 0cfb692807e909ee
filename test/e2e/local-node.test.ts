// "arm64 builds on tcp://arm-builder:1234, amd64 here" in ONE step: no `driver`, no `endpoint`, no extra
// `docker run` step. `append` names a BuildKit node over tcp:// with mutual TLS (a daemon in a network
// namespace, test/support/nodes.mjs); the action itself starts the builder's own node in a BuildKit
// container on the engine (the locally built image, set as an air-gapped runner sets it: AIR_GAPPED), builds
// amd64 there (and arm/v7, under the host's QEMU handler the step registers) and arm64 on the node, and post
// removes the container and its volume with the builder.
// What each platform was built on is read from the image itself (test/fixtures/nodes records the CPU and the
// 10.213.* addresses of the network its RUN step ran in).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  BUILDKIT_IMAGE,
  REGISTRY,
  builderContainer,
  builderLeftovers,
  builderVolume,
  builders,
  containers,
  digestOf,
  docker,
  inspectRaw,
  platformsOf,
  qemuHandlers,
  runAction,
  unique,
  volumes,
} from '../support/e2e.js';
import {
  ensureEmulator,
  removeEmulator,
  startNodes,
  type BuildkitNode,
  type NodeCluster,
} from '../support/nodes.mjs';

const context = join(import.meta.dirname, '..', 'fixtures', 'nodes');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The arm64 node's TLS material as PEM, in setup-buildx-action's variables (node 1: the first appended). */
const tlsEnv = (node: BuildkitNode) => ({
  BUILDER_NODE_1_AUTH_TLS_CACERT: readFileSync(node.tls.cacert, 'utf8'),
  BUILDER_NODE_1_AUTH_TLS_CERT: readFileSync(node.tls.cert, 'utf8'),
  BUILDER_NODE_1_AUTH_TLS_KEY: readFileSync(node.tls.key, 'utf8'),
});

describe('one step, no driver or endpoint: amd64 in a BuildKit container the action starts, arm64 on a tcp:// node', () => {
  let cluster: NodeCluster;
  let registeredEmulator = false;
  let arm: BuildkitNode;

  beforeAll(async () => {
    registeredEmulator = ensureEmulator('aarch64');
    cluster = await startNodes([{ name: 'arm', platform: 'linux/arm64' }], REGISTRY);
    [arm] = cluster.nodes as [BuildkitNode];
  });

  afterAll(async () => {
    await cluster?.stop();
    if (registeredEmulator) removeEmulator('aarch64');
  });

  /** The inputs of the README's one-step example, with this machine's image, registry and node. */
  const oneStep = (image: string, extra: Record<string, string> = {}) => ({
    context,
    'build-args': `BASE=${BASE_IMAGE}`,
    platforms: 'linux/amd64,linux/arm64',
    image,
    tags: 'here',
    push: 'true',
    ...AIR_GAPPED,
    append: `- name: graviton\n  endpoint: ${arm.endpoint}\n  platforms: linux/arm64\n`,
    ...extra,
  });

  describe('the split build', () => {
    const image = `${REGISTRY}/e2e/${unique('local-node')}`;
    let run: Awaited<ReturnType<typeof runAction>>;
    let post: { code: number; log: string };
    let builder = '';
    let afterMain = { containers: [] as string[], image: '', mounts: '' };
    const before = { builders: [] as string[], volumes: [] as string[], handlers: [] as string[] };

    beforeAll(async () => {
      before.builders = builders();
      before.volumes = volumes();
      before.handlers = qemuHandlers();
      // arm/v7 has no node: the container builds it, under the host's QEMU handler the step registers.
      const inputs = oneStep(image, {
        platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
        'qemu-cleanup': 'true',
      });
      run = await runAction(inputs, { env: tlsEnv(arm) });
      builder = run.state.builder ?? '';
      const container = builderContainer(builder);
      const inspect = (format: string) =>
        containers().includes(container) ? docker(['inspect', '--format', format, container]).trim() : '';
      afterMain = {
        containers: containers(),
        image: inspect('{{.Config.Image}}'),
        mounts: inspect('{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}};{{end}}'),
      };
      post = await run.post();
    });

    it('succeeds and publishes every platform; only arm/v7, built here, ran under QEMU', () => {
      expect(run.error, run.log.slice(-3000)).toBeUndefined();
      expect(run.code).toBe(0);
      expect(platformsOf(inspectRaw(`${image}:here`))).toEqual([
        'linux/amd64',
        'linux/arm/v7',
        'linux/arm64',
      ]);
      expect(run.outputs.digest).toBe(digestOf(`${image}:here`));
      expect(run.outputs['qemu-platforms']).toBe('linux/arm/v7');
    });

    it('ran the builder’s own node as a container of buildkit-image, named after the builder', () => {
      expect(afterMain.containers).toContain(builderContainer(builder));
      // Its state in the named volume alone: the image's VOLUME gets no anonymous one.
      expect(afterMain.mounts).toBe(`volume ${builderVolume(builder)} /var/lib/buildkit;`);
      expect(afterMain.image).toBe(BUILDKIT_IMAGE);
      expect(run.outputs.driver).toBe('remote');
      expect(run.outputs.endpoint).toBe(`docker-container://${builderContainer(builder)}`);
    });

    it('built amd64 and arm/v7 in that container, arm64 on the node (as the images themselves record)', () => {
      // Read without running it: post has removed the arm handler this run registered (qemu-cleanup).
      const builtOn = (platform: string) => {
        const id = docker(['create', '--pull', 'always', '--platform', platform, `${image}:here`]).trim();
        const dir = mkdtempSync(join(tmpdir(), 'built-on-'));
        try {
          docker(['cp', `${id}:/built-on`, join(dir, 'built-on')]);
          return readFileSync(join(dir, 'built-on'), 'utf8').trim();
        } finally {
          docker(['rm', id]);
          rmSync(dir, { recursive: true, force: true });
        }
      };
      // The container shares the runner's network: it sees the host's end of the node's link, not the node's.
      expect(builtOn('linux/amd64')).toBe(`linux/amd64 x86_64 ${arm.hostAddress}`);
      expect(builtOn('linux/arm/v7')).toBe(`linux/arm/v7 armv7l ${arm.hostAddress}`);
      expect(builtOn('linux/arm64')).toBe(`linux/arm64 aarch64 ${arm.address}`);
    });

    it('names the local node in the summary, its Builder line and the nodes output', () => {
      const own = `${builder}0`;
      expect(run.summary).toMatch(
        new RegExp(
          `\\| <code>linux/amd64</code> \\| <code>sha256:[0-9a-f]{12}</code> \\| <code>${escape(own)}</code> \\| native \\|`,
        ),
      );
      expect(run.summary).toMatch(
        new RegExp(
          `\\| <code>linux/arm/v7</code> \\| <code>sha256:[0-9a-f]{12}</code> \\| <code>${escape(own)}</code> \\| emulated \\|`,
        ),
      );
      expect(run.summary).toContain('| <code>graviton</code> | native |');
      expect(run.summary).toContain(
        `<code>${own}</code> (BuildKit container <code>${builderContainer(builder)}</code> on this runner)`,
      );
      expect(run.summary).toContain(`<code>graviton</code> (${arm.endpoint})`);
      const nodes = JSON.parse(run.outputs.nodes ?? '[]') as Array<{ name: string; endpoint: string }>;
      expect(nodes.map((n) => [n.name, n.endpoint])).toEqual([
        [own, `docker-container://${builderContainer(builder)}`],
        ['graviton', arm.endpoint],
      ]);
    });

    it('post removes the builder, the container and its volume (and the QEMU handler it registered)', () => {
      expect(post.code).toBe(0);
      expect(post.log).not.toMatch(/^::warning::/m);
      expect(builderLeftovers(builder)).toEqual([]);
      expect(builders()).toEqual(before.builders);
      expect(volumes()).toEqual(before.volumes);
      expect(qemuHandlers()).toEqual(before.handlers);
    });
  });

  it('a buildkit-image that cannot be pulled: one line naming buildkit-image, nothing left after post', async () => {
    const before = builders();
    const missing = `${REGISTRY}/e2e/${unique('no-buildkit')}:1`;
    const image = `${REGISTRY}/e2e/${unique('local-node-bad')}`;
    const run = await runAction(oneStep(image, { 'buildkit-image': missing }), { env: tlsEnv(arm) });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      new RegExp(
        `^builder: could not start this step's BuildKit container from ${escape(missing)} \\(.+\\); .*set buildkit-image`,
      ),
    );
    expect(run.log.match(/^::error\b/gm)).toHaveLength(1);
    expect(digestOf(`${image}:here`)).toBeUndefined();
    const builder = run.state.builder as string;
    expect(builder).toMatch(/^multiarch-/);
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builderLeftovers(builder)).toEqual([]);
    expect(builders()).toEqual(before);
    expect(readdirSync(run.runnerTemp)).toEqual([]);
  });

  it('the same node without TLS files is a Docker engine (setup-buildx-action’s meaning): the line says how to make it BuildKit', async () => {
    const before = builders();
    const image = `${REGISTRY}/e2e/${unique('local-node-engine')}`;
    const run = await runAction(oneStep(image));
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      new RegExp(
        `^builder: .*node "graviton" at ${escape(arm.endpoint)} .*; check its entry in append \\(on the docker-container driver a tcp:// endpoint is a Docker engine, as in setup-buildx-action; a BuildKit daemon there is taken as one when its TLS files are given, or use driver: remote\\)$`,
      ),
    );
    // The default driver's own node: buildx's container, not one this step started.
    expect(run.state['local-node']).toBeUndefined();
    const builder = run.state.builder as string;
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builderLeftovers(builder)).toEqual([]);
    expect(builders()).toEqual(before);
  });

  it('cancelled mid-build (SIGTERM): post still removes the builder, the container and its volume', async () => {
    const before = builders();
    const image = `${REGISTRY}/e2e/${unique('local-node-cancel')}`;
    let main: ChildProcess | undefined;
    let seen = '';
    let cancelled = false;
    const run = await runAction(oneStep(image, { 'build-args': `BASE=${BASE_IMAGE}\nSLEEP=600` }), {
      env: tlsEnv(arm),
      onSpawn: (child: ChildProcess) => {
        main ??= child;
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (!cancelled && /\[linux\/amd64 2\/2\] RUN/.test(seen)) {
            cancelled = true;
            main?.kill('SIGTERM');
          }
        });
      },
    });
    expect(cancelled).toBe(true);
    expect(run.code).toBe(1);
    expect(run.error).toMatch(/^build: .*cancel/i);
    const builder = run.state.builder as string;
    expect(containers()).toContain(builderContainer(builder));
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builderLeftovers(builder)).toEqual([]);
    expect(builders()).toEqual(before);
    expect(digestOf(`${image}:here`)).toBeUndefined();
  });
});
