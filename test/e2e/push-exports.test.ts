// build-push-action's `push: true` + `load: true` on the default docker-container builder. buildx's metadata
// file then reports one exporter's digest — for one platform, the loaded image's — so the step verified the
// tag against the wrong digest and failed after the tag had moved. Each run here: the step succeeds, the
// digest output is what the registry holds, and the image in the engine is the one pushed (with no-cache
// too: the push comes from the load build's results, not a second build of the steps). An `outputs` entry
// that pushes is refused, whichever way buildx spells true.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  digestOf,
  docker,
  dockerResult,
  inspectRaw,
  job,
  platformsOf,
  REGISTRY,
  unique,
} from '../support/e2e.js';

const dir = mkdtempSync(join(tmpdir(), 'push-exports-'));
mkdirSync(join(dir, 'app'));
writeFileSync(
  join(dir, 'app', 'Dockerfile'),
  `FROM ${BASE_IMAGE}\nRUN cat /proc/sys/kernel/random/uuid > /stamp\n`,
);
const loaded: string[] = [];
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (loaded.length) dockerResult(['image', 'rm', '-f', ...loaded]);
});

const step = (inputs: Record<string, string>) =>
  job({ ...AIR_GAPPED, context: 'app', push: 'true', ...inputs }, { cwd: dir });

describe('push beside another image export', () => {
  for (const platforms of ['linux/amd64', 'linux/amd64,linux/arm64']) {
    it(`push + load (${platforms}): the tag is verified, the digest output is the registry's, the image is loaded`, async () => {
      const image = `${REGISTRY}/e2e/${unique('pushload')}`;
      loaded.push(`${image}:t`);
      const run = await step({ platforms, image, tags: 't', load: 'true' });
      expect(run.code, run.error).toBe(0);
      expect(run.outputs.digest).toBe(digestOf(`${image}:t`));
      expect(platformsOf(inspectRaw(`${image}:t`))).toEqual(platforms.split(',').sort());
      expect(dockerResult(['image', 'inspect', `${image}:t`]).code).toBe(0);
      expect(run.post.code).toBe(0);
      expect(run.leftovers).toEqual([]);
    });
  }
  it('push + load + no-cache: the image loaded is the image pushed (one build of the steps)', async () => {
    const image = `${REGISTRY}/e2e/${unique('pushloadnc')}`;
    loaded.push(`${image}:t`);
    const run = await step({ platforms: 'linux/amd64', image, tags: 't', load: 'true', 'no-cache': 'true' });
    expect(run.code, run.error).toBe(0);
    const local = docker(['run', '--rm', `${image}:t`, 'cat', '/stamp']);
    const pushed = docker(['run', '--rm', '--pull', 'always', `${image}:t`, 'cat', '/stamp']);
    expect(pushed).toBe(local);
  });

  it('outputs pushing with push=1 (a boolean as buildx reads it) is refused like push=true', async () => {
    const image = `${REGISTRY}/e2e/${unique('outputs1')}`;
    const run = await step({
      platforms: 'linux/amd64',
      push: 'false',
      outputs: `type=image,name=${image}:t1,push=1`,
    });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^inputs: outputs: .* pushes without this action checking what the registry holds/,
    );
    expect(digestOf(`${image}:t1`)).toBeUndefined();
  });
});
