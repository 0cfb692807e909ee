// A builder that did not start is blamed on the input its error points at; only a failure to fetch the
// image names buildkit-image. Reasons are the words buildx 0.29 and BuildKit 0.25 printed on the real engine.
import { describe, expect, it } from 'vitest';
import { planBuilder, startBuilder } from '../../../src/buildx/builder.js';
import { buildxHandle } from '../../../src/buildx/buildx.js';
import { startFailure } from '../../../src/buildx/start-failure.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import type { ActionError } from '../../../src/runner/errors.js';
import { fakeStep } from '../../support/fake-step.js';

const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');
const IMAGE = 'registry.internal/moby/buildkit:v0.25.2';

describe('startFailure', () => {
  it.each<[string, Record<string, string>, string, string | undefined, RegExp]>([
    [
      'a driver-opt buildx cannot read',
      { 'driver-opts': 'network=host' },
      'invalid value "bogus", expecting k=v',
      'driver-opts',
      /^builder: buildx did not accept driver-opts \(invalid value "bogus", expecting k=v\); check driver-opts$/,
    ],
    [
      'a config file that is gone',
      { 'buildkitd-config': '/etc/buildkitd.toml' },
      'buildkit configuration file not found: /etc/buildkitd.toml: stat /etc/buildkitd.toml: no such file or directory',
      'buildkitd-config',
      /^builder: BuildKit did not accept its config \(.*\); check buildkitd-config$/,
    ],
    [
      'an inline config that is not TOML',
      { 'buildkitd-config-inline': 'debug = true' },
      "failed to parse buildkit config: (1, 3): unexpected token table array key cannot contain ']'",
      'buildkitd-config-inline',
      /; check buildkitd-config-inline$/,
    ],
    [
      'a buildkitd flag it does not know',
      { 'buildkitd-flags': '--debugg' },
      'flag provided but not defined: -debugg',
      'buildkitd-flags',
      /^builder: BuildKit did not accept its flags \(flag provided but not defined: -debugg\); check buildkitd-flags$/,
    ],
    [
      'an image that cannot be pulled',
      { 'buildkit-image': IMAGE },
      'Error response from daemon: manifest for registry.internal/moby/buildkit:v0.25.2 not found: manifest unknown',
      'buildkit-image',
      /^builder: could not start BuildKit from registry\.internal\/moby\/buildkit:v0\.25\.2 \(.*\); if the runner cannot reach Docker Hub, set buildkit-image to a mirror$/,
    ],
    [
      'Docker Hub out of reach',
      {},
      'failed to do request: Head "https://registry-1.docker.io/v2/moby/buildkit/manifests/buildx-stable-1": dial tcp: lookup registry-1.docker.io: no such host',
      'buildkit-image',
      /set buildkit-image to a mirror$/,
    ],
    [
      'anything else: said plainly, no input blamed',
      { 'buildkit-image': IMAGE },
      'container exited with code 1',
      undefined,
      /^builder: BuildKit from registry\.internal\/moby\/buildkit:v0\.25\.2 did not start \(container exited with code 1\)$/,
    ],
  ])('%s', (_name, values, reason, input, line) => {
    const error = startFailure(reason, inputs(values), IMAGE);
    expect(error.input).toBe(input);
    expect(error.line).toMatch(line);
  });
});

describe('startBuilder on a container that keeps restarting', () => {
  // What buildx 0.29 said on the real engine for buildkitd-flags: --no-such-flag; the why is in the log.
  it.each<[string, string, string | undefined, RegExp]>([
    [
      'a flag buildkitd does not know: the log names it',
      'Incorrect Usage: flag provided but not defined: -no-such-flag\nNAME:\n   buildkitd - build daemon',
      'buildkitd-flags',
      /^builder: BuildKit did not accept its flags \(.*is restarting.*; BuildKit said: Incorrect Usage: flag provided but not defined: -no-such-flag\); check buildkitd-flags$/,
    ],
    [
      // As on the real engine: each restart prints buildkitd's usage (~60 lines) and the error line again.
      'restarts printing the usage around the error: the last error line',
      Array.from({ length: 3 }, () =>
        [
          'NAME:',
          '   buildkitd - build daemon',
          ...Array.from({ length: 60 }, (_, i) => `   --opt${i} value`),
        ]
          .concat('buildkitd: flag provided but not defined: -no-such-flag')
          .join('\n'),
      ).join('\n') + '\n   --version, -v   print the version',
      'buildkitd-flags',
      /; BuildKit said: buildkitd: flag provided but not defined: -no-such-flag\); check buildkitd-flags$/,
    ],
    [
      'a log that says nothing known: said plainly',
      'level=info msg="running server"',
      undefined,
      /did not start \(.*; BuildKit said: level=info msg="running server"\)$/,
    ],
  ])('%s', async (_name, log, input, line) => {
    const values: Record<string, string> = { 'buildkitd-flags': '--no-such-flag' };
    const inputs = readInputs((name) => values[name] ?? '');
    const step = fakeStep({
      rules: [
        {
          match: /inspect --bootstrap/,
          answer: {
            code: 1,
            stderr:
              'ERROR: Error response from daemon: Container a591 is restarting, wait until the container is running',
          },
        },
        { match: /^docker logs --tail 200 buildx_buildkit_\S+0$/, answer: { stderr: log } },
      ],
    });
    const plan = planBuilder(inputs, step.ctx, {}, 'c0ffee00');
    const error = (await startBuilder(step, buildxHandle(step.exec, 'buildx'), plan, inputs).then(
      () => undefined,
      (e: unknown) => e,
    )) as ActionError;
    expect(error.input).toBe(input);
    expect(error.line).toMatch(line);
  });
});

describe('startBuilder cancelled while BuildKit starts', () => {
  it('says it was cancelled, blames no input and reads no log', async () => {
    const inputs = readInputs(() => '');
    const step = fakeStep({
      rules: [{ match: /inspect --bootstrap/, answer: { code: 1, stderr: 'ERROR: context canceled' } }],
    });
    step.exec.cancelledBy = 'SIGTERM';
    const plan = planBuilder(inputs, step.ctx, {}, 'c0ffee00');
    const error = (await startBuilder(step, buildxHandle(step.exec, 'buildx'), plan, inputs).then(
      () => undefined,
      (e: unknown) => e,
    )) as ActionError;
    expect(error.input).toBeUndefined();
    expect(error.line).toMatch(
      /^builder: cancelled \(SIGTERM\) while BuildKit from \S+ was starting \(.*context canceled\)$/,
    );
    expect(step.exec.commands.some((c) => c.startsWith('docker logs'))).toBe(false);
  });
});
