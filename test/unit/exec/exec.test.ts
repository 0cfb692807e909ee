import { describe, expect, it } from 'vitest';
import { ExecError, lastLine, ProcessExec } from '../../../src/exec/exec.js';
import { backoffMs, retry } from '../../../src/exec/retry.js';
import { errorIsTransient, isTransient } from '../../../src/registry/failures.js';
import { RecordingLog, ScriptedExec } from '../../support/fake-step.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);

/** stderr of a failed `docker buildx build --progress plain`. */
const BUILD_FAILURE = `#5 [linux/arm64 2/2] RUN exit 3
#5 0.104 /bin/sh: exiting
#5 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3
------
 > [linux/arm64 2/2] RUN exit 3:
------
Dockerfile:2
--------------------
   1 |     FROM alpine:3.20
   2 | >>> RUN exit 3
   3 |
--------------------
ERROR: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3
`;

describe('lastLine', () => {
  it.each(
    named<{ name: string; text: string; expected: string }>([
      {
        name: 'the final ERROR line of a failed build, without ERROR:',
        text: BUILD_FAILURE,
        expected: 'failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
      },
      {
        name: 'the ERROR line, not the hints buildx prints after it',
        text: `${BUILD_FAILURE}View build details: docker-desktop://dashboard/build/default/default/abc123\n`,
        expected: 'failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
      },
      {
        name: 'newer buildx: failed to build: failed to solve',
        text: '#1 DONE\nERROR: failed to build: failed to solve: alpine:3.99: not found\n',
        expected: 'failed to build: failed to solve: alpine:3.99: not found',
      },
      {
        name: 'an imagetools failure',
        text: 'ERROR: ghcr.io/acme/app:missing: not found\n',
        expected: 'ghcr.io/acme/app:missing: not found',
      },
      {
        name: 'a lower-case error line',
        text: 'Pulling image\nerror: unauthorized: authentication required\n\n',
        expected: 'error: unauthorized: authentication required',
      },
      { name: 'no error line: the last non-empty line', text: 'one\ntwo\n\n  \n', expected: 'two' },
      { name: 'separator lines are skipped', text: 'the reason\n------\n', expected: 'the reason' },
      { name: 'empty output', text: '', expected: '' },
    ]),
  )('%s', (_name, { text, expected }) => {
    expect(lastLine(text)).toBe(expected);
  });
});

describe('isTransient', () => {
  it.each<[string, boolean]>([
    [
      'failed to copy: httpReadSeeker: failed open: unexpected status code https://ghcr.io/v2/acme/app/blobs/sha256:abc: 503 Service Unavailable',
      true,
    ],
    [
      'unexpected status from PUT request to https://ghcr.io/v2/acme/app/manifests/latest: 502 Bad Gateway',
      true,
    ],
    [
      'unexpected status from HEAD request to https://registry-1.docker.io/v2/library/alpine/manifests/3.20: 429 Too Many Requests',
      true,
    ],
    ['toomanyrequests: You have reached your pull rate limit.', true],
    [
      'failed to do request: Head "https://ghcr.io/v2/acme/app/manifests/latest": dial tcp 140.82.112.34:443: i/o timeout',
      true,
    ],
    ['failed to do request: Head "https://ghcr.io/v2/": net/http: TLS handshake timeout', true],
    [
      'Get "https://ghcr.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
      true,
    ],
    [
      'failed to do request: Head "https://ghcr.io/v2/": dial tcp 140.82.112.34:443: connect: connection timed out',
      true,
    ],
    ['context deadline exceeded', true],
    [
      'failed to do request: Put "https://ghcr.io/v2/acme/app/blobs/uploads/x": read tcp 10.1.0.4:51234->140.82.112.34:443: read: connection reset by peer',
      true,
    ],
    ['dial tcp 127.0.0.1:5000: connect: connection refused', true],
    [
      'unexpected status from HEAD request to https://ghcr.io/v2/acme/app/manifests/latest: 401 Unauthorized',
      false,
    ],
    [
      'unexpected status from POST request to https://ghcr.io/v2/acme/app/blobs/uploads/: 403 Forbidden',
      false,
    ],
    [
      'unexpected status from GET request to https://ghcr.io/v2/acme/app/manifests/nope: 404 Not Found',
      false,
    ],
    [
      'ghcr.io/acme/app@sha256:5030429aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa503: manifest unknown',
      false,
    ],
    ['MANIFEST_UNKNOWN: manifest unknown; map[Tag:nope]', false],
    ['denied: requested access to the resource is denied', false],
    ['failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3', false],
  ])('%s → %s', (text, expected) => {
    expect(isTransient(text)).toBe(expected);
  });
});

describe('retry', () => {
  const policy = { attempts: 3, baseMs: 0, what: 'inspecting ghcr.io/acme/app:latest' };
  const execError = (stderr: string) =>
    new ExecError(['docker', 'buildx', 'imagetools'], { code: 1, stdout: '', stderr });

  it.each(
    named<{ name: string; failures: Error[]; calls: number; outcome: 'ok' | 'error' }>([
      { name: 'succeeds first time', failures: [], calls: 1, outcome: 'ok' },
      {
        name: 'retries a 503 and succeeds',
        failures: [execError('ERROR: 503 Service Unavailable'), execError('ERROR: 429 Too Many Requests')],
        calls: 3,
        outcome: 'ok',
      },
      {
        name: 'gives up after the last attempt',
        failures: [execError('ERROR: 503'), execError('ERROR: 503'), execError('ERROR: 503')],
        calls: 3,
        outcome: 'error',
      },
      {
        name: 'does not retry a 401',
        failures: [execError('ERROR: 401 Unauthorized')],
        calls: 1,
        outcome: 'error',
      },
      {
        name: 'does not retry manifest unknown',
        failures: [execError('ERROR: manifest unknown')],
        calls: 1,
        outcome: 'error',
      },
      {
        name: 'does not retry an error that is not from a command',
        failures: [new Error('503')],
        calls: 1,
        outcome: 'error',
      },
    ]),
  )('%s', async (_name, { failures, calls, outcome }) => {
    let n = 0;
    const exec = new ScriptedExec();
    const log = new RecordingLog();
    const result = await retry(
      exec,
      log,
      policy,
      async () => {
        const failure = failures[n++];
        if (failure) throw failure;
        return 'done';
      },
      errorIsTransient,
    ).then(
      (v) => v,
      (e: unknown) => e,
    );
    expect(n).toBe(calls);
    // Every failure that was retried was logged as a warning and waited for.
    expect(log.at('warning')).toHaveLength(calls - 1);
    expect(exec.sleeps).toHaveLength(calls - 1);
    if (outcome === 'ok') expect(result).toBe('done');
    else expect(result).toBe(failures[calls - 1]);
  });

  it.each<[string, boolean, unknown]>([
    ['an ExecError with 503 on stderr', true, execError('ERROR: 503 Service Unavailable')],
    ['an ExecError with 404 on stderr', false, execError('ERROR: 404 Not Found')],
    ['a plain Error mentioning 503 (not a registry answer)', false, new Error('503 Service Unavailable')],
  ])('errorIsTransient: %s → %s', (_name, expected, error) => {
    expect(errorIsTransient(error)).toBe(expected);
  });

  it.each<[number, number, number, number]>([
    [1000, 1, 0, 750],
    [1000, 1, 1, 1250],
    [1000, 2, 0.5, 2000],
    [1000, 3, 0.5, 4000],
    [2000, 3, 0, 6000],
  ])('backoffMs(%i, attempt %i, random %f) → %i ms', (base, attempt, random, expected) => {
    expect(backoffMs(base, attempt, random)).toBe(expected);
  });
});

describe('ProcessExec', () => {
  const quiet = new RecordingLog();
  it('kills a command that outlives timeoutMs, and fails it', async () => {
    const exec = new ProcessExec({ PATH: process.env.PATH }, quiet);
    const started = Date.now();
    const error = await exec.run(['sleep', '5'], { timeoutMs: 100, echo: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExecError);
    expect((error as ExecError).result.code).not.toBe(0);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('gives children the step environment without INPUT_* variables', async () => {
    const exec = new ProcessExec({ PATH: process.env.PATH, INPUT_SECRETS: 'x=1', KEEP: 'yes' }, quiet);
    const { stdout } = await exec.run(['env'], { echo: false });
    expect(stdout).toContain('KEEP=yes');
    expect(stdout).not.toContain('INPUT_');
  });

  it('after cancel, runs nothing new and ends pending sleeps at once', async () => {
    const exec = new ProcessExec({ PATH: process.env.PATH }, quiet);
    const sleeping = exec.sleep(60_000);
    exec.cancel('SIGTERM');
    await sleeping;
    expect(exec.cancelledBy).toBe('SIGTERM');
    await expect(exec.run(['true'], { echo: false })).rejects.toThrow(/cancelled \(SIGTERM\) before true/);
  });
});
