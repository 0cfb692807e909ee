// `append` on real BuildKit nodes: three buildkitd daemons, each in its own network namespace with its own
// address and TLS material (test/support/nodes.ts), reached over tcp:// with mutual TLS. These are x86
// hosts: a node started with --oci-worker-platform linux/arm64 runs its steps through the host's QEMU
// handler, which stands in for an arm64 machine. What each node built is read from the image itself: the
// build step records the node's address.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_IMAGE,
  BUILDKIT_IMAGE,
  REGISTRY,
  builders,
  digestOf,
  docker,
  dockerResult,
  engineRelay,
  inspectRaw,
  platformsOf,
  runAction,
  unique,
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

/** The log without the runner's ::add-mask:: commands (the runner consumes them; they never show). */
const unmasked = (log: string) => log.replace(/^::add-mask::.*$/gm, '');

/** `append` for one node, its TLS files as driver-opts. */
const appendWithFiles = (node: BuildkitNode, platform: string) =>
  [
    `- name: ${node.name}`,
    `  endpoint: ${node.endpoint}`,
    `  platforms: ${platform}`,
    '  driver-opts:',
    ...node.driverOpts.map((o) => `    - ${o}`),
  ].join('\n');

/** The remote builder's own node: node `a`, TLS files as driver-opts. */
const remoteOn = (a: BuildkitNode) => ({
  driver: 'remote',
  endpoint: a.endpoint,
  'driver-opts': a.driverOpts.join('\n'),
  'build-args': `BASE=${BASE_IMAGE}`,
  context,
});

describe('a bad append fails before anything runs, with one line naming append and the node', () => {
  let relay: Awaited<ReturnType<typeof engineRelay>>;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'append-bad-'));
    relay = await engineRelay(join(dir, 'engine.sock'));
  });
  afterAll(async () => {
    await relay?.close();
  });

  it.each([
    [
      'YAML that does not parse',
      '- name: arm\n  platforms: [linux/arm64\n',
      /^inputs: append: is not valid YAML \(line \d+\): /,
    ],
    [
      'a misspelt key',
      '- name: arm\n  endpoint: tcp://10.0.0.2:1234\n  platform: linux/arm64',
      /^inputs: append: node "arm": unknown key "platform" \(a node has name, endpoint, platforms, driver-opts, buildkitd-flags\)$/,
    ],
    [
      'a TLS file that is not there',
      '- name: arm\n  endpoint: tcp://10.0.0.2:1234\n  platforms: linux/arm64\n  driver-opts: [cacert=/nonexistent/ca.pem]',
      /^inputs: append: node "arm": cacert=\/nonexistent\/ca\.pem does not exist on this runner$/,
    ],
  ])('%s', async (_name, append, error) => {
    const built = builders();
    const connections = relay.connections;
    const run = await runAction(
      { driver: 'remote', endpoint: 'tcp://10.0.0.1:1234', platforms: 'linux/amd64,linux/arm64', append },
      { env: { DOCKER_HOST: `unix://${join(dir, 'engine.sock')}` } },
    );
    expect(run.code).toBe(1);
    expect(run.error).toMatch(error);
    expect(run.log.match(/^::error\b/gm)).toHaveLength(1);
    expect(run.log).not.toMatch(/^\[command\]/m);
    expect(relay.connections).toBe(connections);
    expect(readdirSync(run.runnerTemp)).toEqual([]);
    expect(run.state).toEqual({ isPost: 'true' });
    expect(builders()).toEqual(built);
  });
});

describe('append: BuildKit nodes over tcp:// with mutual TLS', () => {
  let cluster: NodeCluster;
  let registeredEmulator = false;
  let a: BuildkitNode, b: BuildkitNode, c: BuildkitNode;

  beforeAll(async () => {
    registeredEmulator = ensureEmulator('aarch64');
    cluster = await startNodes(
      [{ name: 'a' }, { name: 'b', platform: 'linux/arm64' }, { name: 'c', platform: 'linux/arm64' }],
      REGISTRY,
    );
    [a, b, c] = cluster.nodes as [BuildkitNode, BuildkitNode, BuildkitNode];
  });

  afterAll(async () => {
    await cluster?.stop();
    if (registeredEmulator) removeEmulator('aarch64');
  });

  describe('a build split over two nodes: amd64 on a, arm64 on b', () => {
    const image = `${REGISTRY}/e2e/${unique('nodes')}`;
    let run: Awaited<ReturnType<typeof runAction>>;
    let post: { code: number; log: string };
    const key = () => readFileSync(b.tls.key, 'utf8');

    beforeAll(async () => {
      // b's TLS material comes as PEM in setup-buildx-action's variables (node 1 = the first appended).
      run = await runAction(
        {
          ...remoteOn(a),
          platforms: 'linux/amd64,linux/arm64',
          image,
          tags: 'split',
          push: 'true',
          append: `- name: arm\n  endpoint: ${b.endpoint}\n  platforms: linux/arm64\n`,
        },
        {
          env: {
            BUILDER_NODE_1_AUTH_TLS_CACERT: readFileSync(b.tls.cacert, 'utf8'),
            BUILDER_NODE_1_AUTH_TLS_CERT: readFileSync(b.tls.cert, 'utf8'),
            BUILDER_NODE_1_AUTH_TLS_KEY: key(),
          },
        },
      );
      post = await run.post();
    });

    it('succeeds, publishes both platforms, and emulates nothing on the runner', () => {
      expect(run.error, run.log.slice(-3000)).toBeUndefined();
      expect(run.code).toBe(0);
      expect(platformsOf(inspectRaw(`${image}:split`))).toEqual(['linux/amd64', 'linux/arm64']);
      expect(run.outputs.digest).toBe(digestOf(`${image}:split`));
      expect(run.outputs['qemu-platforms']).toBe('');
    });

    it('built amd64 on node a and arm64 on node b (as the images themselves record)', () => {
      const builtOn = (platform: string) =>
        docker(['run', '--rm', '--pull', 'always', '--platform', platform, `${image}:split`]).trim();
      expect(builtOn('linux/amd64')).toBe(`linux/amd64 x86_64 ${a.address}`);
      expect(builtOn('linux/arm64')).toBe(`linux/arm64 aarch64 ${b.address}`);
    });

    it('says in the summary which node built which platform', () => {
      const builder = run.outputs.builder as string;
      expect(run.summary).toMatch(
        new RegExp(
          `\\| <code>linux/amd64</code> \\| <code>sha256:[0-9a-f]{12}</code> \\| <code>${builder}0</code> \\| native \\|`,
        ),
      );
      expect(run.summary).toMatch(
        /\| <code>linux\/arm64<\/code> \| <code>sha256:[0-9a-f]{12}<\/code> \| <code>arm<\/code> \| native \|/,
      );
      expect(run.summary).toContain(`<code>arm</code> (${b.endpoint})`);
    });

    it('never shows the TLS key: not in the log, outputs, summary or state', () => {
      const body = key()
        .split('\n')
        .filter((l) => l.length > 20 && !l.startsWith('-----'));
      expect(body.length).toBeGreaterThan(0);
      for (const line of body) {
        expect(unmasked(run.log)).not.toContain(line);
        expect(run.summary).not.toContain(line);
        expect(JSON.stringify(run.outputs)).not.toContain(line);
        expect(JSON.stringify(run.state)).not.toContain(line);
      }
    });

    it('post removes the builder, and the TLS files it wrote', () => {
      expect(post.code).toBe(0);
      expect(builders()).not.toContain(run.outputs.builder);
      const left = existsSync(run.runnerTemp)
        ? readdirSync(run.runnerTemp, { recursive: true }).map(String)
        : [];
      expect(left.filter((f) => f.endsWith('.pem'))).toEqual([]);
    });
  });

  it("README's explicit form (driver: remote, endpoint: docker-container://…): amd64 in a BuildKit container started by an earlier step, arm64 on a remote node over mTLS", async () => {
    // The workflow step before the action: `docker run -d --name buildkitd --privileged moby/buildkit`; here
    // the locally built image, on the host network with a config for the plain-HTTP registry on loopback.
    const container = unique('e2e-buildkitd');
    const config = join(mkdtempSync(join(tmpdir(), 'buildkitd-config-')), 'buildkitd.toml');
    writeFileSync(config, `[registry."${REGISTRY}"]\n  http = true\n`);
    docker([
      'run',
      '-d',
      '--name',
      container,
      '--privileged',
      '--network',
      'host',
      '-v',
      `${config}:/etc/buildkit/buildkitd.toml:ro`,
      BUILDKIT_IMAGE,
    ]);
    try {
      const image = `${REGISTRY}/e2e/${unique('nodes-here')}`;
      const run = await runAction(
        {
          context,
          'build-args': `BASE=${BASE_IMAGE}`,
          platforms: 'linux/amd64,linux/arm64',
          image,
          tags: 'here',
          push: 'true',
          driver: 'remote',
          endpoint: `docker-container://${container}`,
          append: `- name: graviton\n  endpoint: ${b.endpoint}\n  platforms: linux/arm64\n`,
        },
        {
          env: {
            BUILDER_NODE_1_AUTH_TLS_CACERT: readFileSync(b.tls.cacert, 'utf8'),
            BUILDER_NODE_1_AUTH_TLS_CERT: readFileSync(b.tls.cert, 'utf8'),
            BUILDER_NODE_1_AUTH_TLS_KEY: readFileSync(b.tls.key, 'utf8'),
          },
        },
      );
      expect(run.error, run.log.slice(-3000)).toBeUndefined();
      const builtOn = (platform: string) =>
        docker(['run', '--rm', '--pull', 'always', '--platform', platform, `${image}:here`]).trim();
      // The container shares the runner's network: the host's ends of the nodes' links, not a node's.
      const [platform, cpu, ...addresses] = builtOn('linux/amd64').split(' ');
      expect([platform, cpu]).toEqual(['linux/amd64', 'x86_64']);
      expect(addresses.sort()).toEqual([a, b, c].map((n) => n.hostAddress).sort());
      expect(builtOn('linux/arm64')).toBe(`linux/arm64 aarch64 ${b.address}`);
      expect(run.summary).toContain('| <code>graviton</code> | native |');
      const post = await run.post();
      expect(post.code).toBe(0);
      expect(builders()).not.toContain(run.state.builder);
    } finally {
      dockerResult(['rm', '-f', container]);
    }
  });

  it('a node that cannot be reached: one line naming it and its endpoint, nothing published, builder removed', async () => {
    const image = `${REGISTRY}/e2e/${unique('nodes-gone')}`;
    // An address on b's link that nothing answers on.
    const gone = `tcp://${b.hostAddress.replace(/\.1$/, '.9')}:1234`;
    const run = await runAction({
      ...remoteOn(a),
      platforms: 'linux/amd64,linux/arm64',
      image,
      tags: 'gone',
      push: 'true',
      append: `- name: gone\n  endpoint: ${gone}\n  platforms: linux/arm64`,
    });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      new RegExp(
        `^builder: node "gone" at ${escape(gone)} cannot be reached \\(.+\\); check the node, or its entry in append$`,
      ),
    );
    expect(digestOf(`${image}:gone`)).toBeUndefined();
    expect(builders()).toContain(run.state.builder);
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builders()).not.toContain(run.state.builder);
  });

  it('a node cut off during the build: one line naming it and its endpoint, nothing published, builder removed', async () => {
    const image = `${REGISTRY}/e2e/${unique('nodes-cut')}`;
    let cut = false;
    const run = await runAction(
      {
        ...remoteOn(a),
        platforms: 'linux/amd64,linux/arm64',
        image,
        tags: 'cut',
        push: 'true',
        'build-args': `BASE=${BASE_IMAGE}\nSLEEP=20`,
        append: appendWithFiles(c, 'linux/arm64'),
      },
      {
        onSpawn: (child: ChildProcess) => {
          // Cut c's link once its build step runs (the arm64 RUN has started on it).
          let seen = '';
          child.stdout?.on('data', (chunk: Buffer) => {
            seen += chunk.toString();
            if (!cut && /\[linux\/arm64 2\/2\] RUN/.test(seen)) {
              cut = true;
              c.cut();
            }
          });
        },
      },
    );
    expect(cut).toBe(true);
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      new RegExp(
        `^build: node "c" at ${escape(c.endpoint)} stopped answering \\(.+\\) during the build; nothing was published`,
      ),
    );
    expect(digestOf(`${image}:cut`)).toBeUndefined();
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builders()).not.toContain(run.state.builder);
  });

  it('a lone remote BuildKit (no append) cut off during the build: the same one line, naming endpoint', async () => {
    const image = `${REGISTRY}/e2e/${unique('nodes-lone')}`;
    let cut = false;
    const run = await runAction(
      {
        driver: 'remote',
        endpoint: b.endpoint,
        'driver-opts': b.driverOpts.join('\n'),
        context,
        platforms: 'linux/arm64',
        image,
        tags: 'lone',
        push: 'true',
        'build-args': `BASE=${BASE_IMAGE}\nSLEEP=20`,
      },
      {
        onSpawn: (child: ChildProcess) => {
          let seen = '';
          child.stdout?.on('data', (chunk: Buffer) => {
            seen += chunk.toString();
            if (!cut && /\[2\/2\] RUN/.test(seen)) {
              cut = true;
              b.cut();
            }
          });
        },
      },
    );
    expect(cut).toBe(true);
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      new RegExp(
        `^build: node "${escape(run.state.builder as string)}0" at ${escape(b.endpoint)} stopped answering \\(.+\\) during the build; nothing was published`,
      ),
    );
    expect(digestOf(`${image}:lone`)).toBeUndefined();
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builders()).not.toContain(run.state.builder);
  });
});
