/**
 * Inputs handed to buildx with a grammar buildx checks (provenance, sbom, attests, network, add-hosts, allow,
 * ulimit, shm-size, platforms) and the builder's own inputs (driver-opts, buildkitd-config,
 * buildkitd-config-inline), on the real engine with the default docker-container driver set up as an
 * air-gapped runner sets it: each bad value fails with ONE line naming the input and the fix, before any
 * command runs. Before the input phase checked them, each of these ran the QEMU phase, created a builder and
 * its container, and ended in buildx's own words (`invalid value maxx`) or blamed buildkit-image.
 * "Before any command" is checked from outside: `docker`, `sudo` and `mount` on PATH are shims that record
 * every call, and the engine's builders and containers are compared with what they were before.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  REGISTRY,
  builders,
  containers,
  runAction,
  unique,
  writeCommandShims,
} from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');
const image = `${REGISTRY}/e2e/${unique('passthrough')}`;

/** [input, bad value, extra inputs]: each must fail naming `input`. */
const cases: Array<[string, string, Record<string, string>?]> = [
  ['provenance', 'maxx'],
  ['sbom', 'yes'],
  ['provenance', 'mode=maxx'],
  ['attests', 'type=foo'],
  ['network', 'bridge2'],
  ['add-hosts', 'foo'],
  ['allow', 'network.hostt'],
  ['ulimit', 'nofile'],
  ['shm-size', 'lots'],
  ['platforms', 'windows/amd64'],
  ['driver-opts', 'network=host\nbogus'],
  ['buildkitd-config', '/nonexistent.toml', { 'buildkitd-config-inline': '' }],
  ['buildkitd-config-inline', '[[[ not toml'],
];

describe('inputs buildx checks are checked first: one line naming the input, no command, no builder', () => {
  let shims: string;
  let shimLog: string;

  beforeAll(() => {
    shims = mkdtempSync(join(tmpdir(), 'shims-'));
    writeCommandShims(shims);
    shimLog = join(shims, 'calls.log');
  });

  afterAll(() => rmSync(shims, { recursive: true, force: true }));

  it.each(cases)('%s: %j', async (input, value, extra = {}) => {
    writeFileSync(shimLog, '');
    const built = builders();
    const running = containers();
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
    // Whatever happened, post removes it (on the code before this fix the run created a builder).
    const post = await run.post();
    expect(post.code).toBe(0);

    expect(run.code).toBe(1);
    expect(run.log.match(/^::error\b/gm)).toHaveLength(1);
    expect(run.error).toMatch(new RegExp(`^inputs: ${input}: `));
    expect(run.log).not.toMatch(/^\[command\]/m);
    expect(readFileSync(shimLog, 'utf8')).toBe('');
    expect(run.state).toEqual({ isPost: 'true' });
    expect(builders()).toEqual(built);
    expect(containers()).toEqual(running);
  });
});

describe('a builder that does not start is blamed on the input its error points at', () => {
  // buildkitd-flags are buildkitd's own command line: only BuildKit can tell a flag it does not know.
  it('buildkitd-flags with a flag buildkitd does not know names buildkitd-flags, not buildkit-image', async () => {
    const run = await runAction({
      ...AIR_GAPPED,
      context: example,
      platforms: 'linux/amd64',
      image,
      'buildkitd-flags': '--no-such-flag',
    });
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(run.code).toBe(1);
    expect(run.log.match(/^::error\b/gm)).toHaveLength(1);
    expect(run.error).toMatch(
      /^builder: BuildKit did not accept its flags \(.*no-such-flag.*\); check buildkitd-flags$/,
    );
    expect(run.error).not.toContain('buildkit-image');
  });
});
