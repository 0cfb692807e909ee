// The builder's nodes, planned: `buildx create --append` argv for every driver, the platforms each node
// declares (the builder's own node declares the rest), where each platform is built, probe addresses.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planBuilder } from '../../../src/buildx/builder.js';
import { parseInspect } from '../../../src/buildx/inspect.js';
import { nodeFor, platformsHere, probeTarget } from '../../../src/buildx/nodes.js';
import { readAppend } from '../../../src/inputs/append.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import { DEFAULT_BUILDKITD_FLAGS, type Inputs } from '../../../src/inputs/types.js';
import { parsePlatform } from '../../../src/model/platforms.js';
import { ctxOf } from '../../support/unit.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
const DIR = mkdtempSync(join(tmpdir(), 'nodes-test-'));
const file = (name: string) => {
  writeFileSync(join(DIR, name), 'pem');
  return join(DIR, name);
};
const [CA, CERT, KEY] = [file('ca.pem'), file('cert.pem'), file('key.pem')];
const NAME = 'multiarch-9001-2-image-c0ffee00';
const CTX = ctxOf({ GITHUB_RUN_ID: '9001', GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'image' });
const platforms = (...names: string[]) => names.map(parsePlatform);

async function inputs(values: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<Inputs> {
  const map = new Map(Object.entries(values));
  const get = (name: string) => (map.get(name) ?? '').trim();
  return readAppend(get, readInputs(get, { env, os: 'linux', arch: 'x64' }), env);
}

describe('planBuilder with append', () => {
  it.each(
    named<{
      name: string;
      values: Record<string, string>;
      env?: NodeJS.ProcessEnv;
      build: string[];
      create: string[];
      append: string[][];
    }>([
      {
        name: 'remote: amd64 on the builder’s node, arm64 on a node over mTLS (files)',
        values: {
          driver: 'remote',
          endpoint: 'tcp://amd64:1234',
          'driver-opts': `cacert=${CA},cert=${CERT},key=${KEY}`,
          append: `- name: arm\n  endpoint: tcp://arm:1234\n  platforms: linux/arm64\n  driver-opts: [cacert=${CA}, cert=${CERT}, key=${KEY}]`,
        },
        build: ['linux/amd64', 'linux/arm64'],
        create: [
          '--driver',
          'remote',
          '--driver-opt',
          `cacert=${CA},cert=${CERT},key=${KEY}`,
          '--platform',
          'linux/amd64',
          'tcp://amd64:1234',
        ],
        append: [
          [
            '--node',
            'arm',
            '--driver-opt',
            `cacert=${CA}`,
            '--driver-opt',
            `cert=${CERT}`,
            '--driver-opt',
            `key=${KEY}`,
            '--platform',
            'linux/arm64',
            'tcp://arm:1234',
          ],
        ],
      },
      {
        name: 'remote: TLS from BUILDER_NODE_<n>_AUTH_TLS_* becomes files in the run’s TLS dir',
        values: {
          driver: 'remote',
          endpoint: 'tcp://amd64:1234',
          append: '- endpoint: tcp://arm:1234\n  platforms: linux/arm64,linux/arm/v7',
        },
        env: {
          BUILDER_NODE_0_AUTH_TLS_CACERT: 'ca',
          BUILDER_NODE_1_AUTH_TLS_CACERT: 'ca',
          BUILDER_NODE_1_AUTH_TLS_CERT: 'c',
          BUILDER_NODE_1_AUTH_TLS_KEY: 'k',
        },
        build: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
        create: [
          '--driver',
          'remote',
          '--driver-opt',
          'cacert=/tmp/run/tls/node0-cacert.pem',
          '--platform',
          'linux/amd64',
          'tcp://amd64:1234',
        ],
        append: [
          [
            '--node',
            `${NAME}1`,
            '--driver-opt',
            'cacert=/tmp/run/tls/node1-cacert.pem,cert=/tmp/run/tls/node1-cert.pem,key=/tmp/run/tls/node1-key.pem',
            '--platform',
            'linux/arm64,linux/arm/v7',
            'tcp://arm:1234',
          ],
        ],
      },
      {
        name: 'docker-container: an ssh host and a docker context, each starting the same BuildKit image and config',
        values: {
          'buildkit-image': 'mirror.example/moby/buildkit:v0.25.2',
          'buildkitd-config': '/etc/buildkitd.toml',
          append:
            '- name: arm\n  endpoint: ssh://ci@arm-host\n  platforms: linux/arm64\n  buildkitd-flags: --debug\n- name: ppc\n  endpoint: power9\n  platforms: linux/ppc64le\n  driver-opts: [image=mirror.example/buildkit:ppc]',
        },
        build: ['linux/amd64', 'linux/arm64', 'linux/ppc64le', 'linux/s390x'],
        create: [
          '--driver',
          'docker-container',
          '--driver-opt',
          'image=mirror.example/moby/buildkit:v0.25.2',
          '--buildkitd-flags',
          DEFAULT_BUILDKITD_FLAGS,
          '--buildkitd-config',
          '/etc/buildkitd.toml',
          '--platform',
          'linux/amd64,linux/s390x',
        ],
        append: [
          [
            '--node',
            'arm',
            '--driver-opt',
            'image=mirror.example/moby/buildkit:v0.25.2',
            '--buildkitd-flags',
            '--debug',
            '--buildkitd-config',
            '/etc/buildkitd.toml',
            '--platform',
            'linux/arm64',
            'ssh://ci@arm-host',
          ],
          [
            '--node',
            'ppc',
            '--driver-opt',
            'image=mirror.example/buildkit:ppc',
            '--buildkitd-flags',
            DEFAULT_BUILDKITD_FLAGS,
            '--buildkitd-config',
            '/etc/buildkitd.toml',
            '--platform',
            'linux/ppc64le',
            'power9',
          ],
        ],
      },
      {
        name: 'kubernetes: one node selector per architecture (argv only: no cluster here)',
        values: {
          driver: 'kubernetes',
          'driver-opts': 'namespace=buildkit\nnodeselector=kubernetes.io/arch=amd64',
          append:
            '- name: arm64\n  platforms: linux/arm64\n  driver-opts:\n    - namespace=buildkit\n    - nodeselector=kubernetes.io/arch=arm64',
        },
        build: ['linux/amd64', 'linux/arm64'],
        create: [
          '--driver',
          'kubernetes',
          '--driver-opt',
          'namespace=buildkit',
          '--driver-opt',
          'nodeselector=kubernetes.io/arch=amd64',
          '--buildkitd-flags',
          DEFAULT_BUILDKITD_FLAGS,
          '--platform',
          'linux/amd64',
        ],
        append: [
          [
            '--node',
            'arm64',
            '--driver-opt',
            'namespace=buildkit',
            '--driver-opt',
            'nodeselector=kubernetes.io/arch=arm64',
            '--buildkitd-flags',
            DEFAULT_BUILDKITD_FLAGS,
            '--platform',
            'linux/arm64',
          ],
        ],
      },
      {
        name: 'every platform on appended nodes: the builder’s own node declares none',
        values: {
          driver: 'remote',
          endpoint: 'tcp://x:1234',
          append: '- name: arm\n  endpoint: tcp://arm:1234\n  platforms: linux/arm64',
        },
        build: ['linux/arm64'],
        create: ['--driver', 'remote', 'tcp://x:1234'],
        append: [['--node', 'arm', '--platform', 'linux/arm64', 'tcp://arm:1234']],
      },
    ]),
  )('%s', async (_name, { values, env, build, create, append }) => {
    const plan = planBuilder(
      await inputs(values, env),
      CTX,
      { platforms: platforms(...build), tlsDir: '/tmp/run/tls' },
      'c0ffee00',
    );
    expect(plan.create).toEqual(['create', '--name', NAME, ...create]);
    expect(plan.append).toEqual(append.map((a) => ['create', '--name', NAME, '--append', ...a]));
    expect(plan.bootstrap).toEqual(['inspect', '--bootstrap', NAME]);
  });

  it('no append: one node, no --platform, no append argv', async () => {
    const plan = planBuilder(
      await inputs({}),
      CTX,
      { platforms: platforms('linux/amd64', 'linux/arm64') },
      'c0ffee00',
    );
    expect(plan.append).toBeUndefined();
    expect(plan.create).not.toContain('--platform');
    expect(plan.nodes.map((n) => n.name)).toEqual([`${NAME}0`]);
  });
});

describe('where each platform is built', () => {
  it('on the node that declares it, else on the builder’s own node', async () => {
    const values = {
      driver: 'remote',
      endpoint: 'tcp://amd64:1234',
      append:
        '- name: arm\n  endpoint: tcp://arm:1234\n  platforms: linux/arm64,linux/arm/v7\n- name: ibm\n  endpoint: tcp://z:1234\n  platforms: linux/s390x',
    };
    const i = await inputs(values);
    const build = platforms('linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/s390x', 'linux/386');
    expect(platformsHere(build, i.append).map((p) => `${p.os}/${p.arch}`)).toEqual([
      'linux/amd64',
      'linux/386',
    ]);
    const { nodes } = planBuilder(i, CTX, { platforms: build }, 'c0ffee00');
    expect(build.map((p) => nodeFor(p, nodes)?.name)).toEqual([`${NAME}0`, 'arm', 'arm', 'ibm', `${NAME}0`]);
  });
});

describe('probeTarget', () => {
  const tls = [`cacert=${CA},cert=${CERT}`, `key=${KEY}`, 'servername=arm.internal'];
  it.each(
    named<{ name: string; driver: Inputs['driver']; endpoint?: string; opts?: string[]; expected: unknown }>([
      {
        name: 'remote tcp://: a gRPC server',
        driver: 'remote',
        endpoint: 'tcp://arm-builder:1234',
        expected: { host: 'arm-builder', port: 1234, kind: 'grpc' },
      },
      {
        name: 'remote tcp:// with TLS files and a server name',
        driver: 'remote',
        endpoint: 'tcp://10.0.0.2:1234/',
        opts: tls,
        expected: {
          host: '10.0.0.2',
          port: 1234,
          kind: 'grpc',
          tls: { cacert: CA, cert: CERT, key: KEY, servername: 'arm.internal' },
        },
      },
      {
        name: 'an IPv6 address',
        driver: 'remote',
        endpoint: 'tcp://[fd00::2]:1234',
        expected: { host: 'fd00::2', port: 1234, kind: 'grpc' },
      },
      {
        name: 'an ssh:// host, port 22 by default',
        driver: 'docker-container',
        endpoint: 'ssh://ci@arm-host',
        expected: { host: 'arm-host', port: 22, kind: 'ssh' },
      },
      {
        name: 'an ssh:// host with a port',
        driver: 'docker-container',
        endpoint: 'ssh://arm-host:2222',
        expected: { host: 'arm-host', port: 2222, kind: 'ssh' },
      },
      {
        name: 'a tcp:// Docker engine: not checked',
        driver: 'docker-container',
        endpoint: 'tcp://h:2376',
        expected: undefined,
      },
      {
        name: 'a unix socket: local',
        driver: 'remote',
        endpoint: 'unix:///run/buildkit/buildkitd.sock',
        expected: undefined,
      },
      {
        name: 'a container: local',
        driver: 'remote',
        endpoint: 'docker-container://buildkitd',
        expected: undefined,
      },
      { name: 'a docker context', driver: 'docker-container', endpoint: 'power9', expected: undefined },
      { name: 'no endpoint', driver: 'kubernetes', expected: undefined },
    ]),
  )('%s', (_name, { driver, endpoint, opts, expected }) => {
    expect(probeTarget(driver, endpoint, opts ?? [])).toEqual(expected);
  });
});

describe('parseInspect, for a node that did not start', () => {
  it('reads each node’s name, endpoint, status and error', () => {
    const text = [
      'Name:          b1',
      'Driver:        remote',
      '',
      'Nodes:',
      'Name:             b10',
      'Endpoint:         tcp://10.213.1.2:1234',
      'Status:           running',
      'BuildKit version: v0.25.2',
      'Platforms:        linux/amd64*, linux/amd64/v2, linux/arm64, linux/386',
      '',
      'Name:      arm',
      'Endpoint:  tcp://10.213.2.2:1234',
      'Error:     Unavailable: connection error: desc = "transport: authentication handshake failed"',
      'Platforms: linux/arm64*',
    ].join('\n');
    expect(parseInspect(text).nodes.map((n) => [n.name, n.endpoint, n.status, n.error])).toEqual([
      ['b10', 'tcp://10.213.1.2:1234', 'running', undefined],
      [
        'arm',
        'tcp://10.213.2.2:1234',
        undefined,
        'Unavailable: connection error: desc = "transport: authentication handshake failed"',
      ],
    ]);
  });
});
