// mode all with build-push-action's defaults and inputs, the exec layer scripted: the Git context of the
// commit and its token, the provenance default by visibility, call: check, the docker context in use, and
// setup-buildx-action's outputs.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlatforms } from '../../../src/modes/build.js';
import { ActionError } from '../../../src/runner/errors.js';
import { Phases } from '../../../src/runner/phases.js';
import { newSummary, type RunSummary } from '../../../src/runner/summary.js';
import { fakeStep, type Rule } from '../../support/fake-step.js';
import { inputsOf } from '../../support/unit.js';

const SHA = 'c'.repeat(40);

/** A docker config dir with the buildx plugin, and a `remote-ctx` context whose engine is over tcp. */
function dockerConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  mkdirSync(join(dir, 'cli-plugins'));
  writeFileSync(join(dir, 'cli-plugins', 'docker-buildx'), '#!/bin/sh\n');
  chmodSync(join(dir, 'cli-plugins', 'docker-buildx'), 0o755);
  const id = createHash('sha256').update('remote-ctx').digest('hex');
  mkdirSync(join(dir, 'contexts', 'meta', id), { recursive: true });
  writeFileSync(
    join(dir, 'contexts', 'meta', id, 'meta.json'),
    JSON.stringify({ Name: 'remote-ctx', Endpoints: { docker: { Host: 'tcp://engine:2375' } } }),
  );
  return dir;
}

const INSPECT = `Name:   NAME
Driver: docker-container

Nodes:
Name:                  NAME0
Endpoint:              unix:///var/run/docker.sock
Status:                running
BuildKit daemon flags: --allow-insecure-entitlement=network.host
BuildKit version:      v0.25.2
Platforms:             linux/amd64, linux/amd64/v2, linux/386
`;

function setUp(values: Record<string, string>, rules: Rule[] = [], env: NodeJS.ProcessEnv = {}) {
  const step = fakeStep({
    env: {
      DOCKER_CONFIG: dockerConfig(),
      DOCKER_HOST: 'tcp://engine:2375',
      RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')),
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: SHA,
      GITHUB_REF: 'refs/heads/main',
      ...env,
    },
    rules: [
      ...rules, // first: a test's rule overrides the defaults below
      { match: /^docker version/, answer: { stdout: 'amd64 27.0.0' } },
      // As buildx does, the bootstrap prints the builder's inspect text; a plain inspect prints the same.
      {
        match: (argv) => argv[1] === 'inspect',
        answer: (argv) => ({ stdout: INSPECT.replaceAll('NAME', argv.at(-1) ?? '') }),
      },
    ],
  });
  const summary: RunSummary = newSummary('Multi-platform build');
  const run = () =>
    buildPlatforms(step, inputsOf(values, step.ctx.env), new Phases(step.log), summary).then(
      () => undefined,
      (e: unknown) => e,
    );
  const build = () => step.exec.calls.find((c) => c.argv.includes('build'));
  return { step, run, build };
}

describe('mode all, as build-push-action', () => {
  it('context unset builds the Git context of the commit, its token as GIT_AUTH_TOKEN.<host> in a 0600 file', async () => {
    let token = '';
    const { run, build } = setUp({ platforms: 'linux/amd64', 'github-token': 'ghs_jobtoken0123' }, [
      {
        match: / build --progress plain /,
        answer: (argv) => {
          const secret = argv[argv.indexOf('--secret') + 1] ?? '';
          token = readFileSync(secret.slice(secret.indexOf('src=') + 4), 'utf8');
          return {};
        },
      },
    ]);
    expect(await run()).toBeUndefined();
    const argv = build()?.argv ?? [];
    expect(argv.at(-1)).toBe(`https://github.com/acme/app.git#${SHA}`);
    expect(argv[argv.indexOf('--secret') + 1]).toMatch(
      /^id=GIT_AUTH_TOKEN\.github\.com,src=.*\/secrets\/GIT_AUTH_TOKEN\.github\.com$/,
    );
    expect(token).toBe('ghs_jobtoken0123');
    expect(argv.join(' ')).not.toContain('ghs_jobtoken0123');
  });

  it('provenance unset on a private repository (event payload): min, inline only, naming the run', async () => {
    const event = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
    writeFileSync(event, JSON.stringify({ repository: { full_name: 'acme/app', private: true } }));
    const { run, build } = setUp({ platforms: 'linux/amd64', context: '{{defaultContext}}' }, [], {
      GITHUB_EVENT_PATH: event,
      GITHUB_RUN_ID: '77',
      GITHUB_RUN_ATTEMPT: '3',
      GITHUB_SERVER_URL: 'https://ghes.example.com',
    });
    expect(await run()).toBeUndefined();
    const argv = build()?.argv ?? [];
    expect(argv[argv.indexOf('--attest') + 1]).toBe(
      'type=provenance,mode=min,inline-only=true,builder-id=https://ghes.example.com/acme/app/actions/runs/77/attempts/3',
    );
    expect(argv.at(-1)).toBe(`https://ghes.example.com/acme/app.git#${SHA}`);
  });

  it('sets setup-buildx-action’s outputs from the builder', async () => {
    const { step, run } = setUp({ platforms: 'linux/amd64' });
    expect(await run()).toBeUndefined();
    const builder = step.outputValues.get('builder');
    expect(step.outputValues.get('driver')).toBe('docker-container');
    expect(step.outputValues.get('builder-platforms')).toBe('linux/amd64,linux/amd64/v2,linux/386');
    expect(step.outputValues.get('endpoint')).toBe('unix:///var/run/docker.sock');
    expect(JSON.parse(step.outputValues.get('nodes') ?? '')).toEqual([
      {
        name: `${builder}0`,
        endpoint: 'unix:///var/run/docker.sock',
        status: 'running',
        'buildkitd-flags': '--allow-insecure-entitlement=network.host',
        buildkit: 'v0.25.2',
        platforms: 'linux/amd64,linux/amd64/v2,linux/386',
      },
    ]);
    // A builder started here is described by its bootstrap: no second inspect.
    expect(step.exec.calls.filter((c) => c.argv[1] === 'inspect').map((c) => c.argv[2])).toEqual([
      '--bootstrap',
    ]);
  });

  it('driver: docker: the builder is inspected for its outputs, and that does not hold up the build', async () => {
    const order: string[] = [];
    const { step, run } = setUp({ platforms: 'linux/amd64', driver: 'docker' }, [
      {
        match: (argv) => argv[1] === 'inspect',
        answer: async (argv) => {
          order.push('inspect started');
          await new Promise((r) => setTimeout(r, 50));
          order.push('inspect done');
          return { stdout: INSPECT.replaceAll('NAME', argv.at(-1) ?? '') };
        },
      },
      {
        match: / build --progress plain /,
        answer: () => {
          order.push('build started');
          return { stdout: '' };
        },
      },
    ]);
    expect(await run()).toBeUndefined();
    expect(order).toEqual(['inspect started', 'build started', 'inspect done']);
    expect(step.outputValues.get('driver')).toBe('docker-container'); // what the (scripted) inspect said
  });

  it('call: check runs the checks alone (no cache), annotates each warning and fails naming call', async () => {
    const output = `WARNING: FromAsCasing - https://docs.docker.com/go/dockerfile/rule/from-as-casing/
'as' and 'FROM' keywords' casing do not match
Dockerfile:1
--------------------
`;
    const { step, run, build } = setUp(
      { platforms: 'linux/amd64', call: 'check', cache: 'gha' },
      [{ match: / build --progress plain /, answer: { code: 1, stdout: output } }],
      { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://results' },
    );
    const error = (await run()) as ActionError;
    expect(error).toBeInstanceOf(ActionError);
    expect(error.input).toBe('call');
    expect(error.line).toMatch(/^build: call: check found 1 warning in Dockerfile: FromAsCasing \(line 1\);/);
    const argv = build()?.argv ?? [];
    expect(argv.slice(argv.indexOf('--call'), argv.indexOf('--call') + 2)).toEqual(['--call', 'check']);
    expect(argv.some((a) => a.startsWith('--cache'))).toBe(false);
    expect(step.log.lines.filter((l) => l.level === 'warning').map((l) => l.place)).toEqual([
      { title: 'Dockerfile check FromAsCasing', file: 'Dockerfile', startLine: 1 },
    ]);
  });

  it('call: check,format=json is still a check: no cache, its fields passed to --call as given', async () => {
    const { run, build } = setUp(
      { platforms: 'linux/amd64', call: 'check,format=json', cache: 'gha' },
      [{ match: / build --progress plain /, answer: { code: 0, stdout: '{"warnings":[]}' } }],
      { ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'https://results' },
    );
    expect(await run()).toBeUndefined();
    const argv = build()?.argv ?? [];
    expect(argv.slice(argv.indexOf('--call'), argv.indexOf('--call') + 2)).toEqual([
      '--call',
      'check,format=json',
    ]);
    expect(argv.some((a) => a.startsWith('--cache'))).toBe(false);
  });

  it('driver: docker on the engine of DOCKER_CONTEXT builds with the builder of that name', async () => {
    const { step, run, build } = setUp({ platforms: 'linux/amd64', driver: 'docker' }, [], {
      DOCKER_HOST: '',
      DOCKER_CONTEXT: 'remote-ctx',
    });
    expect(await run()).toBeUndefined();
    // A tcp engine is asked through the docker CLI, which finds the context itself.
    expect(step.exec.calls[0]?.argv.slice(0, 2)).toEqual(['docker', 'version']);
    expect(build()?.options.env?.BUILDX_BUILDER).toBe('remote-ctx');
    expect(step.outputValues.get('builder')).toBe('remote-ctx');
  });
});
