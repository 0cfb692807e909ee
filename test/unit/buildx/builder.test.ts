import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builderName, planBuilder, type BuilderPlan } from '../../../src/buildx/builder.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import { DEFAULT_BUILDKITD_FLAGS, type Inputs } from '../../../src/inputs/types.js';
import { ctxOf } from '../../support/unit.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
const read = (values: Record<string, string>): Inputs => {
  const map = new Map(Object.entries(values));
  return readInputs((name) => map.get(name) ?? '');
};

const TLS = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'builder-test-'));
  const file = (name: string) => {
    writeFileSync(join(dir, name), 'pem');
    return join(dir, name);
  };
  return { cacert: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem') };
})();

const ENV = { GITHUB_RUN_ID: '9001', GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'image' };
const NAME = 'multiarch-9001-2-image-c0ffee00';
const create = (...rest: string[]) => ['create', '--name', NAME, ...rest];
type PlanShape = Omit<BuilderPlan, 'nodes'>;
const owned = (createArgv: string[]): PlanShape => ({
  name: NAME,
  owned: true,
  create: createArgv,
  bootstrap: ['inspect', '--bootstrap', NAME],
});

describe('builderName', () => {
  it.each(
    named<{ name: string; env: NodeJS.ProcessEnv; expected: string }>([
      { name: 'run, attempt and job', env: ENV, expected: 'multiarch-9001-2-image-deadbeef' },
      { name: 'outside Actions', env: {}, expected: 'multiarch-0-1-local-deadbeef' },
      {
        name: 'a job id with characters builder names cannot hold',
        env: { ...ENV, GITHUB_JOB: 'build (linux/arm64) #2' },
        expected: 'multiarch-9001-2-build--linux-arm64---2-deadbeef',
      },
      {
        name: 'a long job id, cut to 24 characters',
        env: { ...ENV, GITHUB_JOB: 'build_multi_platform_images_for_release' },
        expected: 'multiarch-9001-2-build_multi_platform_ima-deadbeef',
      },
    ]),
  )('%s', (_name, { env, expected }) => {
    const name = builderName(ctxOf(env), 'deadbeef');
    expect(name).toBe(expected);
    expect(name).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/);
  });

  it('differs between two legs of one matrix job on the same host (random part)', () => {
    const names = Array.from({ length: 20 }, () => builderName(ctxOf(ENV)));
    for (const name of names) expect(name).toMatch(/^multiarch-9001-2-image-[0-9a-f]{8}$/);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('planBuilder', () => {
  it.each(
    named<{
      name: string;
      values: Record<string, string>;
      env?: NodeJS.ProcessEnv;
      configFile?: string;
      expected: PlanShape;
    }>([
      {
        name: 'docker-container with defaults',
        values: {},
        expected: owned(create('--driver', 'docker-container', '--buildkitd-flags', DEFAULT_BUILDKITD_FLAGS)),
      },
      {
        name: 'docker-container with driver-opts',
        values: { 'driver-opts': 'network=host\nenv.BUILDKIT_STEP_LOG_MAX_SIZE=10485760' },
        expected: owned(
          create(
            '--driver',
            'docker-container',
            '--driver-opt',
            'network=host',
            '--driver-opt',
            'env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760',
            '--buildkitd-flags',
            DEFAULT_BUILDKITD_FLAGS,
          ),
        ),
      },
      {
        name: 'docker-container with buildkit-image',
        values: { 'buildkit-image': 'mirror.example/moby/buildkit:v0.20.0' },
        expected: owned(
          create(
            '--driver',
            'docker-container',
            '--driver-opt',
            'image=mirror.example/moby/buildkit:v0.20.0',
            '--buildkitd-flags',
            DEFAULT_BUILDKITD_FLAGS,
          ),
        ),
      },
      {
        name: 'docker-container with buildkitd-flags',
        values: { 'buildkitd-flags': '--debug --allow-insecure-entitlement network.host' },
        expected: owned(
          create(
            '--driver',
            'docker-container',
            '--buildkitd-flags',
            '--debug --allow-insecure-entitlement network.host',
          ),
        ),
      },
      {
        name: 'docker-container with buildkitd-config',
        values: { 'buildkitd-config': '/etc/buildkit/buildkitd.toml' },
        expected: owned(
          create(
            '--driver',
            'docker-container',
            '--buildkitd-flags',
            DEFAULT_BUILDKITD_FLAGS,
            '--buildkitd-config',
            '/etc/buildkit/buildkitd.toml',
          ),
        ),
      },
      {
        name: 'docker-container with buildkitd-config-inline (written to a file by the run)',
        values: { 'buildkitd-config-inline': '[worker.oci]\nmax-parallelism = 4' },
        configFile: '/home/runner/work/_temp/multiarch-build-x/buildkitd.toml',
        expected: owned(
          create(
            '--driver',
            'docker-container',
            '--buildkitd-flags',
            DEFAULT_BUILDKITD_FLAGS,
            '--buildkitd-config',
            '/home/runner/work/_temp/multiarch-build-x/buildkitd.toml',
          ),
        ),
      },
      ...['unix:///var/run/docker.sock', 'default', 'ssh://ci@arm-host', 'tcp://docker-host:2376'].map(
        (endpoint) => ({
          name: `docker-container on the Docker engine at ${endpoint}: the positional argument, as setup-buildx-action`,
          values: { endpoint },
          expected: owned(
            create('--driver', 'docker-container', '--buildkitd-flags', DEFAULT_BUILDKITD_FLAGS, endpoint),
          ),
        }),
      ),
      {
        name: 'remote: the endpoint is the positional argument',
        values: { driver: 'remote', endpoint: 'tcp://buildkitd:1234' },
        expected: owned(create('--driver', 'remote', 'tcp://buildkitd:1234')),
      },
      {
        name: 'remote with TLS driver-opts',
        values: {
          driver: 'remote',
          endpoint: 'tcp://buildkitd:1234',
          'driver-opts': `cacert=${TLS.cacert}\ncert=${TLS.cert},key=${TLS.key}`,
        },
        expected: owned(
          create(
            '--driver',
            'remote',
            '--driver-opt',
            `cacert=${TLS.cacert}`,
            '--driver-opt',
            `cert=${TLS.cert},key=${TLS.key}`,
            'tcp://buildkitd:1234',
          ),
        ),
      },
      {
        name: 'docker: the engine’s builder, named default, nothing created',
        values: { driver: 'docker' },
        expected: { name: 'default', owned: false },
      },
      {
        name: 'docker: named after DOCKER_CONTEXT',
        values: { driver: 'docker' },
        env: { ...ENV, DOCKER_CONTEXT: 'rootless' },
        expected: { name: 'rootless', owned: false },
      },
      {
        name: 'an existing builder: used as is, not owned',
        values: { builder: 'shared-builder' },
        expected: { name: 'shared-builder', owned: false },
      },
    ]),
  )('%s', (_name, { values, env, configFile, expected }) => {
    const { nodes, ...plan } = planBuilder(read(values), ctxOf(env ?? ENV), { configFile }, 'c0ffee00');
    expect(plan).toEqual(expected);
    expect(nodes.map((n) => n.name)).toEqual([expected.owned ? `${expected.name}0` : expected.name]);
  });
});
