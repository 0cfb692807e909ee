// `append`: setup-buildx-action's list of nodes, parsed with the real YAML parser and checked against the
// builder the other inputs ask for. Every bad node fails with one line naming `append` and the node.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driverOptKeys, readAppend, tlsEnvName } from '../../../src/inputs/append.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import type { AppendNode, Inputs } from '../../../src/inputs/types.js';
import { InputError } from '../../../src/runner/errors.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
type Values = Record<string, string>;

const DIR = mkdtempSync(join(tmpdir(), 'append-test-'));
const file = (name: string) => {
  writeFileSync(join(DIR, name), 'pem');
  return join(DIR, name);
};
const CA = file('ca.pem');
const CERT = file('cert.pem');
const KEY = file('key.pem');
const REMOTE = { driver: 'remote', endpoint: 'tcp://amd64-builder:1234' };

async function read(values: Values, env: NodeJS.ProcessEnv = {}): Promise<Inputs> {
  const map = new Map(Object.entries(values));
  const get = (name: string) => (map.get(name) ?? '').trim();
  return readAppend(get, readInputs(get, { env, os: 'linux', arch: 'x64' }), env);
}

async function error(values: Values, env: NodeJS.ProcessEnv = {}): Promise<InputError> {
  const e = await read(values, env).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(e instanceof InputError)) throw new Error(`expected an InputError, got ${String(e)}`);
  return e;
}

describe('append: accepted', () => {
  it.each(
    named<{ name: string; values: Values; env?: NodeJS.ProcessEnv; expected: AppendNode[] }>([
      {
        name: 'nothing: no nodes',
        values: {},
        expected: [],
      },
      {
        name: "setup-buildx-action's example: remote nodes with platforms",
        values: {
          ...REMOTE,
          append:
            '- endpoint: tcp://graviton2:1234\n  platforms: linux/arm64\n- endpoint: tcp://linuxone:1234\n  platforms: linux/s390x\n',
        },
        expected: [
          {
            endpoint: 'tcp://graviton2:1234',
            platforms: [{ os: 'linux', arch: 'arm64' }],
            driverOpts: [],
            tlsFromEnv: [],
          },
          {
            endpoint: 'tcp://linuxone:1234',
            platforms: [{ os: 'linux', arch: 's390x' }],
            driverOpts: [],
            tlsFromEnv: [],
          },
        ],
      },
      {
        name: 'a named node with TLS files as driver-opts (a list), two platforms normalised',
        values: {
          ...REMOTE,
          append: `- name: aws_graviton2\n  endpoint: tcp://graviton2:1234\n  platforms: linux/arm64/v8, linux/arm\n  driver-opts:\n    - cacert=${CA}\n    - cert=${CERT}\n    - key=${KEY}\n`,
        },
        expected: [
          {
            name: 'aws_graviton2',
            endpoint: 'tcp://graviton2:1234',
            platforms: [
              { os: 'linux', arch: 'arm64' },
              { os: 'linux', arch: 'arm', variant: 'v7' },
            ],
            driverOpts: [`cacert=${CA}`, `cert=${CERT}`, `key=${KEY}`],
            tlsFromEnv: [],
          },
        ],
      },
      {
        name: "TLS from BUILDER_NODE_1_AUTH_TLS_* (setup-buildx-action's variables)",
        values: {
          ...REMOTE,
          append: '- name: arm\n  endpoint: tcp://graviton2:1234\n  platforms: linux/arm64',
        },
        env: {
          BUILDER_NODE_1_AUTH_TLS_CACERT: 'ca pem',
          BUILDER_NODE_1_AUTH_TLS_CERT: 'cert pem',
          BUILDER_NODE_1_AUTH_TLS_KEY: 'key pem',
        },
        expected: [
          {
            name: 'arm',
            endpoint: 'tcp://graviton2:1234',
            platforms: [{ os: 'linux', arch: 'arm64' }],
            driverOpts: [],
            tlsFromEnv: ['cacert', 'cert', 'key'],
          },
        ],
      },
      {
        name: 'docker-container: ssh hosts and docker contexts, buildkitd-flags of their own',
        values: {
          append:
            '- name: arm\n  endpoint: ssh://ci@arm-host\n  platforms: linux/arm64\n  buildkitd-flags: --debug\n- name: ppc\n  endpoint: power9\n  platforms: [linux/ppc64le]\n',
        },
        expected: [
          {
            name: 'arm',
            endpoint: 'ssh://ci@arm-host',
            platforms: [{ os: 'linux', arch: 'arm64' }],
            driverOpts: [],
            buildkitdFlags: '--debug',
            tlsFromEnv: [],
          },
          {
            name: 'ppc',
            endpoint: 'power9',
            platforms: [{ os: 'linux', arch: 'ppc64le' }],
            driverOpts: [],
            tlsFromEnv: [],
          },
        ],
      },
      {
        name: 'kubernetes: a node selector per architecture, no endpoint',
        values: {
          driver: 'kubernetes',
          'driver-opts': 'namespace=buildkit\nnodeselector=kubernetes.io/arch=amd64',
          append:
            '- name: arm64\n  platforms: linux/arm64\n  driver-opts:\n    - namespace=buildkit\n    - "nodeselector=kubernetes.io/arch=arm64"\n',
        },
        expected: [
          {
            name: 'arm64',
            platforms: [{ os: 'linux', arch: 'arm64' }],
            driverOpts: ['namespace=buildkit', 'nodeselector=kubernetes.io/arch=arm64'],
            tlsFromEnv: [],
          },
        ],
      },
      {
        name: 'driver-opts written as a block string: one option per line (a common slip, taken as meant)',
        values: {
          driver: 'kubernetes',
          append:
            '- name: arm64\n  platforms: linux/arm64\n  driver-opts: |\n    namespace=buildkit\n    nodeselector=kubernetes.io/arch=arm64\n',
        },
        expected: [
          {
            name: 'arm64',
            platforms: [{ os: 'linux', arch: 'arm64' }],
            driverOpts: ['namespace=buildkit', 'nodeselector=kubernetes.io/arch=arm64'],
            tlsFromEnv: [],
          },
        ],
      },
      {
        name: 'a flow list of flow mappings, with a comment',
        values: {
          ...REMOTE,
          append: '# native arm\n[{name: arm, endpoint: "tcp://10.0.0.2:1234", platforms: linux/arm64}]',
        },
        expected: [
          {
            name: 'arm',
            endpoint: 'tcp://10.0.0.2:1234',
            platforms: [{ os: 'linux', arch: 'arm64' }],
            driverOpts: [],
            tlsFromEnv: [],
          },
        ],
      },
    ]),
  )('%s', async (_name, { values, env, expected }) => {
    expect((await read(values, env)).append).toEqual(expected);
  });

  it('takes the builder’s own node TLS from BUILDER_NODE_0_AUTH_TLS_* on driver: remote', async () => {
    const inputs = await read(REMOTE, {
      BUILDER_NODE_0_AUTH_TLS_CACERT: 'ca',
      BUILDER_NODE_0_AUTH_TLS_CERT: 'c',
      BUILDER_NODE_0_AUTH_TLS_KEY: 'k',
    });
    expect(inputs.tlsFromEnv).toEqual(['cacert', 'cert', 'key']);
    expect(tlsEnvName(2, 'key')).toBe('BUILDER_NODE_2_AUTH_TLS_KEY');
  });
});

describe('append: rejected before anything runs, with one line naming append and the node', () => {
  it.each(
    named<{ name: string; values: Values; env?: NodeJS.ProcessEnv; input?: string; start: string }>([
      {
        name: 'a BuildKit-only node with endpoint on the docker-container driver (a Docker engine: two drivers)',
        values: {
          endpoint: 'unix:///var/run/docker.sock',
          append: '- name: arm\n  endpoint: docker-container://buildkitd\n  platforms: linux/arm64',
        },
        start:
          'append: node "arm" is a BuildKit daemon (docker-container://buildkitd), but endpoint "unix:///var/run/docker.sock" makes the builder\'s own node a Docker engine and buildx takes one driver per builder; remove endpoint',
      },
      {
        name: 'YAML that does not parse',
        values: { append: '- name: arm\n  platforms: [linux/arm64\n' },
        start: 'append: is not valid YAML (line',
      },
      {
        name: 'a mapping instead of a list',
        values: { append: 'name: arm\nplatforms: linux/arm64' },
        start: 'append: is a YAML list of nodes, e.g. "- name: arm64',
      },
      {
        name: 'a list of strings',
        values: { append: '- tcp://graviton2:1234' },
        start: 'append: node 1 is not a mapping of name, endpoint, platforms, driver-opts, buildkitd-flags',
      },
      {
        name: 'a misspelt key',
        values: { ...REMOTE, append: '- name: arm\n  endpoint: tcp://g:1234\n  platform: linux/arm64' },
        start:
          'append: node "arm": unknown key "platform" (a node has name, endpoint, platforms, driver-opts, buildkitd-flags)',
      },
      {
        name: 'no platforms',
        values: { ...REMOTE, append: '- name: arm\n  endpoint: tcp://g:1234' },
        start:
          'append: node "arm": has no platforms; say which platforms it builds natively, e.g. platforms: linux/arm64',
      },
      {
        name: 'an unknown platform',
        values: { ...REMOTE, append: '- name: arm\n  endpoint: tcp://g:1234\n  platforms: linux/arm65' },
        start: 'append: node "arm": platforms: unknown architecture "arm65" in "linux/arm65"',
      },
      {
        name: 'a platform two nodes declare',
        values: {
          ...REMOTE,
          append:
            '- name: a1\n  endpoint: tcp://a1:1234\n  platforms: linux/arm64\n- name: a2\n  endpoint: tcp://a2:1234\n  platforms: linux/arm64/v8',
        },
        start:
          'append: node "a2": linux/arm64 is also declared by node "a1"; buildx would build it on the first only',
      },
      {
        name: 'two nodes with one name',
        values: {
          ...REMOTE,
          append:
            '- name: arm\n  endpoint: tcp://a1:1234\n  platforms: linux/arm64\n- name: arm\n  endpoint: tcp://a2:1234\n  platforms: linux/arm/v7',
        },
        start: 'append: node "arm": name is also node 1\'s; give each node its own name',
      },
      {
        name: 'a name buildx cannot take',
        values: {
          ...REMOTE,
          append: '- name: arm node\n  endpoint: tcp://a1:1234\n  platforms: linux/arm64',
        },
        start: 'append: node "arm node": name may hold letters, digits, _ . and - only',
      },
      {
        name: 'driver: remote without an endpoint',
        values: { ...REMOTE, append: '- name: arm\n  platforms: linux/arm64' },
        start:
          'append: node "arm": driver: remote needs the BuildKit address as endpoint, e.g. tcp://arm-builder:1234',
      },
      {
        name: 'a tcp:// endpoint without a port',
        values: { ...REMOTE, append: '- name: arm\n  endpoint: tcp://graviton2\n  platforms: linux/arm64' },
        start:
          'append: node "arm": endpoint "tcp://graviton2" needs a host and port, e.g. tcp://arm-builder:1234',
      },
      {
        name: 'TLS files on an ssh:// node (a Docker engine, not BuildKit)',
        values: {
          append: `- name: arm\n  endpoint: ssh://ci@arm-host\n  platforms: linux/arm64\n  driver-opts: [cacert=${CA}]`,
        },
        start:
          'append: node "arm": cacert= is a TLS option of a tcp:// BuildKit address, and ssh://ci@arm-host is not one (with driver: docker-container, a Docker engine or a kubernetes node); remove it',
      },
      {
        name: 'TLS files on a unix:// BuildKit node (driver: remote)',
        values: {
          ...REMOTE,
          append: `- name: arm\n  endpoint: unix:///run/buildkit/buildkitd.sock\n  platforms: linux/arm64\n  driver-opts: [cacert=${CA}]`,
        },
        start:
          'append: node "arm": cacert= is a TLS option of a tcp:// BuildKit address, and unix:///run/buildkit/buildkitd.sock is not one; remove it',
      },
      {
        name: 'a TLS file that does not exist',
        values: {
          ...REMOTE,
          append:
            '- name: arm\n  endpoint: tcp://g:1234\n  platforms: linux/arm64\n  driver-opts:\n    - cacert=/nope/ca.pem',
        },
        start: 'append: node "arm": cacert=/nope/ca.pem does not exist on this runner',
      },
      {
        name: 'a client certificate without its key',
        values: {
          ...REMOTE,
          append: `- name: arm\n  endpoint: tcp://g:1234\n  platforms: linux/arm64\n  driver-opts:\n    - cacert=${CA},cert=${CERT}`,
        },
        start: 'append: node "arm": a client certificate needs both cert and key (only cert is set)',
      },
      {
        name: 'a TLS file both in driver-opts and in the environment',
        values: {
          ...REMOTE,
          append: `- name: arm\n  endpoint: tcp://g:1234\n  platforms: linux/arm64\n  driver-opts: [key=${KEY}, cert=${CERT}]`,
        },
        env: { BUILDER_NODE_1_AUTH_TLS_KEY: 'pem' },
        start:
          'append: node "arm": key is set both in driver-opts and in BUILDER_NODE_1_AUTH_TLS_KEY; keep one',
      },
      {
        name: 'buildkitd-flags on a remote node',
        values: {
          ...REMOTE,
          append:
            '- name: arm\n  endpoint: tcp://g:1234\n  platforms: linux/arm64\n  buildkitd-flags: --debug',
        },
        start:
          'append: node "arm": buildkitd-flags cannot apply to driver: remote (its host starts BuildKit); remove it',
      },
      {
        name: 'a driver-opts entry that is not key=value',
        values: {
          append:
            '- name: arm\n  endpoint: ssh://arm-host\n  platforms: linux/arm64\n  driver-opts: [host-network]',
        },
        start: 'append: node "arm": driver-opts entry "host-network" is not key=value',
      },
      {
        name: 'an endpoint that is neither a context nor a Docker host (docker-container)',
        values: { append: '- name: arm\n  endpoint: https://arm-host\n  platforms: linux/arm64' },
        start:
          'append: node "arm": endpoint "https://arm-host" is neither a docker context name nor a Docker host',
      },
      {
        name: 'append with an existing builder',
        values: { builder: 'shared', append: '- name: arm\n  platforms: linux/arm64' },
        input: 'builder',
        start: 'builder: uses an existing builder as it is, so append cannot apply',
      },
      {
        name: 'append with driver: docker',
        values: { driver: 'docker', append: '- name: arm\n  platforms: linux/arm64' },
        start: "append: has no effect with driver: docker (the engine's own builder)",
      },
      {
        name: 'append on a merge, which builds nothing',
        values: {
          mode: 'merge',
          image: 'ghcr.io/acme/app',
          tags: 'latest',
          platforms: 'linux/amd64',
          append: '- name: arm\n  platforms: linux/arm64',
        },
        start:
          'append: has no effect in mode: merge (a merge builds nothing); set it on the mode: build legs, or remove it',
      },
      {
        name: "the builder's own node: a cert without its key in BUILDER_NODE_0_AUTH_TLS_*",
        values: REMOTE,
        env: { BUILDER_NODE_0_AUTH_TLS_CERT: 'pem' },
        input: 'driver-opts',
        start:
          'driver-opts: the node at tcp://amd64-builder:1234: a client certificate needs both cert and key',
      },
    ]),
  )('%s', async (_name, { values, env, input, start }) => {
    const e = await error(values, env);
    expect(e.input).toBe(input ?? 'append');
    expect(e.line.startsWith(`inputs: ${start}`), e.line).toBe(true);
    expect(e.line).not.toContain('\n');
  });
});

describe('driverOptKeys', () => {
  it.each([
    ['cacert=/a.pem', ['cacert']],
    ['cacert=/a.pem,cert=/b.pem,key=/c.pem', ['cacert', 'cert', 'key']],
    [
      '"nodeselector=kubernetes.io/arch=arm64,kubernetes.io/os=linux",namespace=ci',
      ['nodeselector', 'namespace'],
    ],
  ])('%s', (opt, keys) => {
    expect(driverOptKeys(opt)).toEqual(keys);
  });
});
