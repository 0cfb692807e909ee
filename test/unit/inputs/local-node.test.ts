// The BuildKit container a step starts for its builder's own node when `append` makes the builder remote:
// which of the step's driver-opts it takes (as `docker create` flags), how buildkitd-flags split into
// buildkitd's arguments, and when the rule applies at all (readAppend's `localNode`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAppend } from '../../../src/inputs/append.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import {
  builderDriver,
  containerOptions,
  driverOptFields,
  splitFlags,
  type ContainerOptions,
} from '../../../src/inputs/local-node.js';
import type { Inputs } from '../../../src/inputs/types.js';
import { InputError } from '../../../src/runner/errors.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
type Values = Record<string, string>;

const DIR = mkdtempSync(join(tmpdir(), 'local-node-test-'));
const file = (name: string) => {
  writeFileSync(join(DIR, name), 'pem');
  return join(DIR, name);
};
const CA = file('ca.pem');
const CERT = file('cert.pem');
const KEY = file('key.pem');
const TLS_ENV = {
  BUILDER_NODE_1_AUTH_TLS_CACERT: 'ca',
  BUILDER_NODE_1_AUTH_TLS_CERT: 'c',
  BUILDER_NODE_1_AUTH_TLS_KEY: 'k',
};
const ARM = '- name: graviton\n  endpoint: tcp://arm-builder:1234\n  platforms: linux/arm64\n';

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

describe('localNode: when the step runs its builder’s own node in a BuildKit container', () => {
  it.each(
    named<{ name: string; values: Values; env?: NodeJS.ProcessEnv; local: boolean }>([
      {
        name: 'a tcp:// node with its TLS files in BUILDER_NODE_1_AUTH_TLS_* (setup-buildx-action’s way)',
        values: { append: ARM },
        env: TLS_ENV,
        local: true,
      },
      {
        name: 'a tcp:// node with TLS files as driver-opts',
        values: {
          append: `${ARM}  driver-opts:\n    - cacert=${CA}\n    - cert=${CERT}\n    - key=${KEY}\n`,
        },
        local: true,
      },
      {
        name: 'a tcp:// node with only its CA (server-side TLS)',
        values: { append: `${ARM}  driver-opts: ["cacert=${CA}"]\n` },
        local: true,
      },
      {
        name: 'a docker-container:// node (a BuildKit container on the engine)',
        values: { append: '- name: b\n  endpoint: docker-container://buildkitd\n  platforms: linux/arm64' },
        local: true,
      },
      {
        name: 'driver: docker-container written out',
        values: { driver: 'docker-container', append: ARM },
        env: TLS_ENV,
        local: true,
      },
      {
        name: 'then a tcp:// node without TLS files is a BuildKit daemon too (one driver per builder)',
        values: {
          append: `${ARM}- name: s390x\n  endpoint: tcp://linuxone:1234\n  platforms: linux/s390x\n`,
        },
        env: TLS_ENV,
        local: true,
      },
      {
        name: 'a tcp:// node without TLS files alone: a Docker engine, as in setup-buildx-action',
        values: { append: ARM },
        local: false,
      },
      {
        name: 'TLS variables for another node index do not count',
        values: { append: ARM },
        env: { BUILDER_NODE_2_AUTH_TLS_CACERT: 'ca' },
        local: false,
      },
      {
        name: 'docker contexts and ssh:// hosts: Docker engines',
        values: {
          append:
            '- name: a\n  endpoint: arm-ctx\n  platforms: linux/arm64\n- name: b\n  endpoint: ssh://ci@power9\n  platforms: linux/ppc64le',
        },
        local: false,
      },
      {
        name: 'driver: remote with an endpoint: the builder’s own node is that endpoint',
        values: { driver: 'remote', endpoint: 'tcp://amd64-builder:1234', append: ARM },
        env: TLS_ENV,
        local: false,
      },
      { name: 'no append', values: {}, local: false },
    ]),
  )('%s', async (_name, { values, env, local }) => {
    const inputs = await read(values, env);
    expect(inputs.localNode).toBe(local);
    expect(builderDriver(inputs)).toBe(local ? 'remote' : inputs.driver);
  });

  it.each(
    named<{ name: string; values: Values; env?: NodeJS.ProcessEnv; input: string; line: string }>([
      {
        name: 'a Docker engine node beside a BuildKit one',
        values: { append: `${ARM}- name: ppc\n  endpoint: ssh://ci@power9\n  platforms: linux/ppc64le\n` },
        env: TLS_ENV,
        input: 'append',
        line: 'inputs: append: node "ppc": "ssh://ci@power9" is a Docker engine, but node "graviton" is a BuildKit daemon (tcp://arm-builder:1234 with TLS files), so this step runs its own node in a BuildKit container and the builder\'s driver is remote; buildx takes one driver per builder: give every node a BuildKit address (tcp://, unix://, docker-container://), or build on Docker engines in another step',
      },
      {
        name: 'a node without an endpoint beside a BuildKit one',
        values: { append: `${ARM}- name: here\n  platforms: linux/ppc64le\n` },
        env: TLS_ENV,
        input: 'append',
        line: 'inputs: append: node "here": has no endpoint, but node "graviton" is a BuildKit daemon',
      },
      {
        name: 'buildkitd-flags on a BuildKit node (its host starts it)',
        values: { append: `${ARM}  buildkitd-flags: --debug\n` },
        env: TLS_ENV,
        input: 'append',
        line: 'inputs: append: node "graviton": buildkitd-flags cannot apply to a running BuildKit daemon (its host starts BuildKit); remove it',
      },
      {
        name: 'a driver-opt the container cannot take',
        values: { append: ARM, 'driver-opts': 'network=host\nnamespace=buildkit' },
        env: TLS_ENV,
        input: 'driver-opts',
        line: 'inputs: driver-opts: "namespace=buildkit": namespace does not apply to the BuildKit container this step starts for its own node (it takes network, image, env.<NAME>, memory, memory-swap, cpu-quota, cpu-period, cpu-shares, cpuset-cpus, cgroup-parent, restart-policy, default-load); remove it',
      },
      {
        name: 'TLS options for the builder’s own node (it is a container here)',
        values: { append: ARM, 'driver-opts': `cacert=${CA}` },
        env: TLS_ENV,
        input: 'driver-opts',
        line: `inputs: driver-opts: "cacert=${CA}": cacert does not apply to the BuildKit container`,
      },
      {
        name: 'buildkitd-flags with an unclosed quote',
        values: { append: ARM, 'buildkitd-flags': '--debug --oci-worker-gc-keepstorage "1000' },
        env: TLS_ENV,
        input: 'buildkitd-flags',
        line: 'inputs: buildkitd-flags: has an unclosed " quote',
      },
    ]),
  )('rejected before anything runs: %s', async (_name, { values, env, input, line }) => {
    const e = await error(values, env);
    expect(e.input).toBe(input);
    expect(e.line.startsWith(line), e.line).toBe(true);
    expect(e.line).not.toContain('\n');
  });
});

describe('containerOptions', () => {
  it.each(
    named<{ name: string; opts: string[]; expected: ContainerOptions }>([
      { name: 'none', opts: [], expected: { flags: [], builderOpts: [] } },
      {
        name: 'host network (a registry on the runner’s loopback)',
        opts: ['network=host'],
        expected: { flags: ['--network=host'], builderOpts: [] },
      },
      {
        name: 'image, environment and limits, several per entry',
        opts: [
          'image=registry.internal/moby/buildkit:v0.25.2',
          'env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760,memory=4g',
          'cpu-shares=512',
        ],
        expected: {
          flags: ['--env=BUILDKIT_STEP_LOG_MAX_SIZE=10485760', '--memory=4g', '--cpu-shares=512'],
          image: 'registry.internal/moby/buildkit:v0.25.2',
          builderOpts: [],
        },
      },
      {
        name: 'a quoted value holding a comma',
        opts: ['"env.NO_PROXY=localhost,127.0.0.1"'],
        expected: { flags: ['--env=NO_PROXY=localhost,127.0.0.1'], builderOpts: [] },
      },
      {
        name: 'a value that looks like a flag stays a value',
        opts: ['cgroup-parent=--privileged'],
        expected: { flags: ['--cgroup-parent=--privileged'], builderOpts: [] },
      },
      {
        name: 'restart-policy and default-load (a builder option)',
        opts: ['restart-policy=no', 'default-load=true'],
        expected: { flags: ['--restart=no'], builderOpts: ['default-load=true'] },
      },
    ]),
  )('%s', (_name, { opts, expected }) => {
    expect(containerOptions(opts)).toEqual(expected);
  });

  it.each([
    [
      ['nodeselector=kubernetes.io/arch=arm64'],
      '"nodeselector=kubernetes.io/arch=arm64": nodeselector does not apply',
    ],
    [['network'], '"network": network has no value (key=value)'],
    [['env.1X=y'], '"env.1X=y": env.1X: "1X" is not an environment variable name'],
    [['image=Not A Reference'], '"image=Not A Reference": image=Not A Reference is not an image reference'],
  ])('rejects %j, naming driver-opts', (opts, message) => {
    let thrown: unknown;
    try {
      containerOptions(opts);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).input).toBe('driver-opts');
    expect((thrown as InputError).message.startsWith(`driver-opts: ${message}`), String(thrown)).toBe(true);
  });
});

describe('splitFlags', () => {
  it.each<[string, string[]]>([
    ['', []],
    [
      '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host',
      ['--allow-insecure-entitlement', 'security.insecure', '--allow-insecure-entitlement', 'network.host'],
    ],
    ['  --debug\n  --oci-worker-gc=false ', ['--debug', '--oci-worker-gc=false']],
    [`--config "/etc/my dir/b.toml"`, ['--config', '/etc/my dir/b.toml']],
    [`--x 'a "b" c' --y=""`, ['--x', 'a "b" c', '--y=']],
    [String.raw`--x a\ b "c\"d" '$HOME'`, ['--x', 'a b', 'c"d', '$HOME']],
  ])('%j', (flags, expected) => {
    expect(splitFlags(flags)).toEqual(expected);
  });
});

describe('driverOptFields', () => {
  it.each<[string, Array<{ key: string; value: string }>]>([
    ['network=host', [{ key: 'network', value: 'host' }]],
    [
      '"nodeselector=kubernetes.io/arch=arm64,kubernetes.io/os=linux",namespace=ci',
      [
        { key: 'nodeselector', value: 'kubernetes.io/arch=arm64,kubernetes.io/os=linux' },
        { key: 'namespace', value: 'ci' },
      ],
    ],
    ['flag', [{ key: 'flag', value: '' }]],
  ])('%s', (opt, expected) => {
    expect(driverOptFields(opt)).toEqual(expected);
  });
});
