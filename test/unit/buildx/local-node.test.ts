// The builder's own node as a BuildKit container the step starts (a builder `append` made remote): the
// `docker create` and `buildx create` argv planned from the inputs, then starting it, waiting for BuildKit
// and removing it, with the exec layer scripted.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planBuilder } from '../../../src/buildx/builder.js';
import { planLocalNode, removeLocalNode, startLocalNode } from '../../../src/buildx/local-node.js';
import { readAppend } from '../../../src/inputs/append.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import { DEFAULT_BUILDKITD_FLAGS, type Inputs } from '../../../src/inputs/types.js';
import { ActionError } from '../../../src/runner/errors.js';
import { fakeStep, type Rule } from '../../support/fake-step.js';
import { ctxOf } from '../../support/unit.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
const DIR = mkdtempSync(join(tmpdir(), 'local-node-plan-'));
const CA = join(DIR, 'ca.pem');
writeFileSync(CA, 'pem');
const NAME = 'multiarch-9001-2-image-c0ffee00';
const CONTAINER = `buildx_buildkit_${NAME}0`;
const CTX = ctxOf({ GITHUB_RUN_ID: '9001', GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'image' });
const FLAGS = DEFAULT_BUILDKITD_FLAGS.split(' ');
const ARM = `- name: graviton\n  endpoint: tcp://arm-builder:1234\n  platforms: linux/arm64\n  driver-opts: [cacert=${CA}]\n`;

async function inputs(values: Record<string, string>): Promise<Inputs> {
  const map = new Map(Object.entries(values));
  const get = (name: string) => (map.get(name) ?? '').trim();
  return readAppend(get, readInputs(get, { env: {}, os: 'linux', arch: 'x64' }), {});
}

describe('planBuilder with a local node', () => {
  it.each(
    named<{
      name: string;
      values: Record<string, string>;
      configDir?: string;
      docker: string[];
      create: string[];
    }>([
      {
        name: 'defaults: moby/buildkit, privileged, its state in a named volume, the default flags',
        values: { append: ARM },
        docker: [
          'docker',
          'create',
          '--name',
          CONTAINER,
          '--privileged',
          '--volume',
          `${CONTAINER}_state:/var/lib/buildkit`,
          'moby/buildkit:buildx-stable-1',
          ...FLAGS,
        ],
        create: ['--driver', 'remote', '--platform', 'linux/amd64', `docker-container://${CONTAINER}`],
      },
      {
        name: 'an air-gapped runner: buildkit-image, host network, a config to copy in',
        values: {
          append: ARM,
          'buildkit-image': 'registry.internal/moby/buildkit:v0.25.2',
          'driver-opts': 'network=host\nenv.BUILDKIT_STEP_LOG_MAX_SIZE=-1',
          'buildkitd-config-inline': '[registry."docker.io"]\n  mirrors = ["mirror.internal"]',
        },
        configDir: '/runner/temp/local-node',
        docker: [
          'docker',
          'create',
          '--name',
          CONTAINER,
          '--privileged',
          '--volume',
          `${CONTAINER}_state:/var/lib/buildkit`,
          '--network=host',
          '--env=BUILDKIT_STEP_LOG_MAX_SIZE=-1',
          'registry.internal/moby/buildkit:v0.25.2',
          ...FLAGS,
        ],
        create: ['--driver', 'remote', '--platform', 'linux/amd64', `docker-container://${CONTAINER}`],
      },
      {
        name: 'image= in driver-opts, buildkitd-flags of its own, default-load for the builder',
        values: {
          append: ARM,
          'driver-opts': 'image=moby/buildkit:v0.25.2,default-load=true',
          'buildkitd-flags': '--debug --config "/etc/buildkit/buildkitd.toml"',
        },
        docker: [
          'docker',
          'create',
          '--name',
          CONTAINER,
          '--privileged',
          '--volume',
          `${CONTAINER}_state:/var/lib/buildkit`,
          'moby/buildkit:v0.25.2',
          '--debug',
          '--config',
          '/etc/buildkit/buildkitd.toml',
        ],
        create: [
          '--driver',
          'remote',
          '--driver-opt',
          'default-load=true',
          '--platform',
          'linux/amd64',
          `docker-container://${CONTAINER}`,
        ],
      },
    ]),
  )('%s', async (_name, { values, configDir, docker, create }) => {
    const read = await inputs({ platforms: 'linux/amd64,linux/arm64', ...values });
    expect(read.localNode).toBe(true);
    const plan = planBuilder(
      read,
      CTX,
      {
        configFile: '/runner/temp/buildkitd.toml',
        platforms: read.platforms,
        tlsDir: '/t',
        ...(configDir ? { localConfigDir: configDir } : {}),
      },
      'c0ffee00',
    );
    expect(plan.local?.create).toEqual(docker);
    expect(plan.local?.configDir).toBe(configDir);
    expect(plan.create).toEqual(['create', '--name', NAME, ...create]);
    // The appended node is a BuildKit daemon on the remote driver: no image, flags or config for it.
    expect(plan.append).toEqual([
      [
        'create',
        '--name',
        NAME,
        '--append',
        '--node',
        'graviton',
        '--driver-opt',
        `cacert=${CA}`,
        '--platform',
        'linux/arm64',
        'tcp://arm-builder:1234',
      ],
    ]);
    expect(plan.nodes.map((n) => [n.name, n.endpoint, n.container, n.platforms.length])).toEqual([
      [`${NAME}0`, `docker-container://${CONTAINER}`, CONTAINER, 1],
      ['graviton', 'tcp://arm-builder:1234', undefined, 1],
    ]);
    // The tcp:// node is watched (a BuildKit gRPC server with its CA); the container is not probed.
    expect(plan.nodes[0]?.probe).toBeUndefined();
    expect(plan.nodes[1]?.probe).toEqual({
      host: 'arm-builder',
      port: 1234,
      kind: 'grpc',
      tls: { cacert: CA },
    });
  });

  it('without a local node, the plan has none', async () => {
    const plan = planBuilder(await inputs({}), CTX, {}, 'c0ffee00');
    expect(plan.local).toBeUndefined();
    expect(plan.create?.slice(3, 5)).toEqual(['--driver', 'docker-container']);
  });
});

describe('startLocalNode', () => {
  const plan = async (values: Record<string, string> = {}) =>
    planLocalNode(NAME, await inputs({ append: ARM, ...values }), values.configDir);
  const ready = { checks: 5, intervalMs: 200 };
  const workers = (answers: Array<{ code: number; stderr?: string }>): Rule => {
    let call = 0;
    return {
      match: /^docker exec \S+ buildctl debug workers$/,
      answer: () => answers[Math.min(call++, answers.length - 1)] as { code: number },
    };
  };

  it('creates, copies the config in, starts, then asks BuildKit for its workers until it answers', async () => {
    const step = fakeStep({
      rules: [
        workers([{ code: 1, stderr: 'connection error: no such file or directory' }, { code: 0 }]),
        { match: /^docker inspect/, answer: { stdout: 'true 0\n' } },
      ],
    });
    const local = await plan({ configDir: '/runner/temp/local-node' });
    await startLocalNode(step, local, ready);
    expect(step.exec.commands).toEqual([
      local.create.join(' '),
      `docker cp /runner/temp/local-node/. ${CONTAINER}:/etc/buildkit`,
      `docker start ${CONTAINER}`,
      `docker exec ${CONTAINER} buildctl debug workers`,
      `docker inspect --format {{.State.Running}} {{.State.ExitCode}} ${CONTAINER}`,
      `docker exec ${CONTAINER} buildctl debug workers`,
    ]);
    expect(step.exec.sleeps).toEqual([200]);
  });

  it.each(
    named<{ name: string; rules: Rule[]; input: string; line: RegExp; commands: number }>([
      {
        name: 'an image that cannot be pulled: names buildkit-image',
        rules: [
          {
            match: /^docker create/,
            answer: {
              code: 125,
              stderr: 'Error response from daemon: manifest for x:1 not found: manifest unknown',
            },
          },
        ],
        input: 'buildkit-image',
        line: /^builder: could not start this step's BuildKit container from moby\/buildkit:buildx-stable-1 \(Error response from daemon: manifest for x:1 not found: manifest unknown\); if the runner cannot reach Docker Hub, set buildkit-image to a mirror$/,
        commands: 1,
      },
      {
        name: 'a network that does not exist: names driver-opts',
        rules: [
          {
            match: /^docker create/,
            answer: { code: 125, stderr: 'Error response from daemon: network ci-net not found' },
          },
        ],
        input: 'driver-opts',
        line: /^builder: could not create this step's BuildKit container \S+ \(.*network ci-net not found\); check network= in driver-opts$/,
        commands: 1,
      },
      {
        name: 'buildkitd exits (a bad flag): names buildkitd-flags, with its last log line',
        rules: [
          workers([{ code: 1, stderr: 'container is not running' }]),
          { match: /^docker inspect/, answer: { stdout: 'false 1\n' } },
          {
            match: /^docker logs/,
            answer: { stderr: 'time=… level=info\nflag provided but not defined: -bogus\n' },
          },
        ],
        input: 'buildkitd-flags',
        line: /^builder: BuildKit in this step's container \S+ exited \(code 1: flag provided but not defined: -bogus\); check buildkitd-flags and buildkitd-config$/,
        commands: 5,
      },
      {
        name: 'BuildKit never answers: names buildkit-image once the wait is over',
        rules: [
          workers([{ code: 1, stderr: 'connection error: no such file or directory' }]),
          { match: /^docker inspect/, answer: { stdout: 'true 0\n' } },
        ],
        input: 'buildkit-image',
        line: /^builder: BuildKit in this step's container \S+ did not answer within 1 s \(connection error: no such file or directory\); check buildkit-image$/,
        commands: 12,
      },
    ]),
  )('%s', async (_name, { rules, input, line, commands }) => {
    const step = fakeStep({ rules });
    const error = await startLocalNode(step, await plan(), ready).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).input).toBe(input);
    expect((error as ActionError).line).toMatch(line);
    expect(step.exec.commands).toHaveLength(commands);
  });

  it('retries a create that failed on a transient registry error', async () => {
    let creates = 0;
    const step = fakeStep({
      rules: [
        {
          match: /^docker create/,
          answer: () =>
            ++creates === 1
              ? {
                  code: 125,
                  stderr:
                    'Error response from daemon: received unexpected HTTP status: 503 Service Unavailable',
                }
              : { code: 0 },
        },
      ],
    });
    await startLocalNode(step, await plan(), ready);
    expect(creates).toBe(2);
    expect(step.log.at('warning')[0]).toMatch(
      /^creating this step's BuildKit container \S+ failed .*; retry 1\/2/,
    );
  });
});

describe('removeLocalNode (post)', () => {
  it.each(
    named<{ name: string; rules: Rule[]; info: string[]; warnings: string[] }>([
      {
        name: 'both there: removed, said once',
        rules: [
          { match: /^docker rm /, answer: { stdout: `${CONTAINER}\n` } },
          { match: /^docker volume rm /, answer: { stdout: `${CONTAINER}_state\n` } },
        ],
        info: [`Removed the BuildKit container ${CONTAINER} and volume ${CONTAINER}_state`],
        warnings: [],
      },
      {
        name: 'never made (main failed before creating it): nothing to say',
        rules: [
          {
            match: /^docker rm /,
            answer: { stderr: `Error response from daemon: No such container: ${CONTAINER}\n` },
          },
          { match: /^docker volume rm /, answer: { code: 0 } },
        ],
        info: [],
        warnings: [],
      },
      {
        name: 'the engine refuses: a warning each, never a failure',
        rules: [
          { match: /^docker rm /, answer: { code: 1, stderr: 'Cannot connect to the Docker daemon' } },
          { match: /^docker volume rm /, answer: new Error('docker not found on PATH') },
        ],
        info: [],
        warnings: [
          `post: could not remove the BuildKit container ${CONTAINER}: Cannot connect to the Docker daemon`,
          `post: could not remove the volume ${CONTAINER}_state: docker not found on PATH`,
        ],
      },
    ]),
  )('%s', async (_name, { rules, info, warnings }) => {
    const step = fakeStep({ rules });
    await removeLocalNode(step, CONTAINER);
    expect(step.exec.commands).toEqual([
      `docker rm --force --volumes ${CONTAINER}`,
      `docker volume rm --force ${CONTAINER}_state`,
    ]);
    expect(step.log.at('info')).toEqual(info);
    expect(step.log.at('warning')).toEqual(warnings);
  });
});
