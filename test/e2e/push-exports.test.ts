// build-push-action's `push: true` + `load: true` on the default docker-container builder. buildx's metadata
// file then reports one exporter's digest — for one platform, the loaded image's — so the step verified the
// tag against the wrong digest and failed after the tag had moved. Each run here: the step succeeds, the
// digest output is what the registry holds, and the image is in the engine. (`outputs` beside `push` is
// refused by the input checks.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  digestOf,
  dockerResult,
  inspectRaw,
  job,
  platformsOf,
  REGISTRY,
  unique,
} from '../support/e2e.js';

const dir = mkdtempSync(join(tmpdir(), 'push-exports-'));
mkdirSync(join(dir, 'app'));
writeFileSync(join(dir, 'app', 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN echo "$(date +%s%N)" > /stamp\n`);
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
});
