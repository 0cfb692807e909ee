/**
 * Inputs that passed the input check and only failed after side effects, on the real engine with the default
 * docker-container driver set up as an air-gapped runner sets it. Before they were checked, `ssh` paths and
 * the SSH agent failed inside `buildx build` once a builder was running (`failed to convert agent config`),
 * `file: -` waited on a stdin the action never feeds, a capitalised `qemu-image` reached `docker run`, a
 * bare-name `endpoint` became tcp://<name>:2375 when the builder was created, and an unknown `builder` ran the
 * QEMU phase and failed in `buildx build` without naming the input. Each now fails with ONE line naming the
 * input; no builder is created, no binfmt handler registered. The inputs checked before anything runs also
 * run no command at all (`docker`, `sudo` and `mount` on PATH are shims that record every call); `builder`
 * needs buildx's word (`buildx inspect`), so it is asked first thing in the builder phase.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  REGISTRY,
  builders,
  containers,
  runAction,
  unique,
  writeCommandShims,
} from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');
const image = `${REGISTRY}/e2e/${unique('late-inputs')}`;
const handlers = (): string[] => readdirSync('/proc/sys/fs/binfmt_misc').sort();

/** [input, bad value, extra inputs, the phase the one line starts with]. */
const cases: Array<[string, string, Record<string, string>, string]> = [
  ['ssh', 'github=/nope/id_rsa', {}, 'inputs'],
  ['ssh', 'github=keys/missing_ed25519', {}, 'inputs'],
  // The step's environment has no SSH_AUTH_SOCK (scripts/run-action.mjs passes PATH and HOME only).
  ['ssh', 'default', {}, 'inputs'],
  ['file', '-', {}, 'inputs'],
  ['qemu-image', 'Tonistiigi/binfmt', { qemu: 'image', platforms: 'linux/riscv64' }, 'inputs'],
  ['endpoint', 'no-such-context', {}, 'inputs'],
  // An existing builder comes as it is: none of the builder knobs the air-gapped set gives.
  [
    'builder',
    'no-such-builder',
    { 'buildkit-image': '', 'buildkitd-config-inline': '', 'driver-opts': '' },
    'builder',
  ],
];

describe('inputs that used to fail after side effects: one line naming the input, no builder, no handler', () => {
  let shims: string;
  let shimLog: string;

  beforeAll(() => {
    shims = mkdtempSync(join(tmpdir(), 'shims-'));
    writeCommandShims(shims);
    shimLog = join(shims, 'calls.log');
  });

  afterAll(() => rmSync(shims, { recursive: true, force: true }));

  it.each(cases)('%s: %j', async (input, value, extra, phase) => {
    writeFileSync(shimLog, '');
    const built = builders();
    const running = containers();
    const registered = handlers();
    const run = await runAction(
      {
        ...AIR_GAPPED,
        context: example,
        platforms: 'linux/amd64',
        image,
        tags: 'latest',
        push: 'true',
        ...extra,
        [input]: value,
      },
      { env: { PATH: `${shims}:${process.env.PATH}`, SHIM_LOG: shimLog } },
    );
    const post = await run.post();
    expect(post.code).toBe(0);

    expect(run.code).toBe(1);
    expect(run.log.match(/^::error\b/gm)).toHaveLength(1);
    expect(run.error).toMatch(new RegExp(`^${phase}: `));
    expect(run.error).toMatch(new RegExp(`\\b${input}\\b`));
    expect(builders()).toEqual(built);
    expect(containers()).toEqual(running);
    expect(handlers()).toEqual(registered);
    if (phase === 'inputs') {
      expect(run.error).toMatch(new RegExp(`^inputs: ${input}: `));
      expect(run.log).not.toMatch(/^\[command\]/m);
      expect(readFileSync(shimLog, 'utf8')).toBe('');
      expect(run.state).toEqual({ isPost: 'true' });
    } else {
      // Only buildx's own question about the builder ran: no build, no builder created, no QEMU.
      expect(run.log).not.toMatch(/buildx(-\S+)? (build|create)\b/);
      expect(run.error).toContain('docker/setup-buildx-action');
    }
  });
});

describe('call in buildx grammar', () => {
  it('call: outline,format=json runs the outline and prints it as JSON', async () => {
    const run = await runAction({
      ...AIR_GAPPED,
      context: example,
      platforms: 'linux/amd64',
      'build-args': `BASE=${BASE_IMAGE}`,
      call: 'outline,format=json',
      push: 'false',
    });
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(run.code, run.log).toBe(0);
    expect(run.log).toMatch(/--call outline,format=json/);
    // The outline as JSON (not the text table): the Dockerfile's build arguments and sources.
    expect(run.log).toMatch(/^\s*"sources": \[/m);
    expect(run.log).toMatch(/^\s*"name": "BASE",\n\s*"value": "[^"]+",/m);
  });
});

describe('builder naming one buildx knows', () => {
  it('builder: default (the engine builder, which always exists) passes the check and builds', async () => {
    const built = builders();
    const run = await runAction({
      builder: 'default',
      context: example,
      platforms: 'linux/amd64',
      'build-args': `BASE=${BASE_IMAGE}`,
      push: 'false',
    });
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(run.code, run.log).toBe(0);
    expect(run.outputs.builder).toBe('default');
    // The outputs come from the inspect the check ran.
    expect(run.outputs.driver).toBe('docker');
    expect(builders()).toEqual(built);
  });
});
