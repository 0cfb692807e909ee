import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  REGISTRY,
  builderLeftovers,
  digestOf,
  runAction,
  unique,
} from '../support/e2e.js';
import {
  isManifestPut,
  loginThrough,
  logoutThrough,
  startFaultProxy,
  type FaultProxy,
} from '../support/fault-proxy.js';

const example = join(import.meta.dirname, '..', '..', 'example');

// The build's own push: buildx retries inside the build, then gives up; the action runs the build once more
// (every layer is cached by then) when the push failed for a reason that may pass.
describe('a registry refusing the build push for a while', () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy({ target: REGISTRY });
    await loginThrough(proxy);
  });
  afterAll(async () => {
    await logoutThrough(proxy).catch(() => undefined);
    await proxy.close();
  });

  it('is retried once, logged, and the pushed image is verified', async () => {
    const repo = `e2e/${unique('pushretry')}`;
    let firstBuildOver = false;
    proxy.addRule({
      match: (req) => !firstBuildOver && isManifestPut()(req),
      respond: { status: 503, body: 'registry overloaded' },
      times: Infinity,
    });
    const run = await runAction(
      {
        context: example,
        platforms: 'linux/amd64',
        image: `${proxy.host}/${repo}`,
        tags: 'r',
        push: 'true',
        ...AIR_GAPPED,
        'build-args': `BASE=${BASE_IMAGE}`,
      },
      {
        onSpawn: (child: { stdout: NodeJS.ReadableStream }) =>
          child.stdout.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes('pushing the build result failed')) firstBuildOver = true;
          }),
      },
    );
    expect(run.code, run.error).toBe(0);
    expect(run.log).toMatch(/::warning::pushing the build result failed \(.*503.*\); retry 1\/1 in \d+ ms/);
    expect(proxy.log.filter((e) => e.injected).length).toBeGreaterThan(0);
    expect(digestOf(`${REGISTRY}/${repo}:r`)).toBe(run.outputs.digest);
    expect((await run.post()).code).toBe(0);
    expect(builderLeftovers(run.outputs.builder as string)).toEqual([]);
  });

  it('a push refused for good (403) is not retried', async () => {
    const repo = `e2e/${unique('pushdenied')}`;
    proxy.clearRules();
    proxy.addRule({ match: isManifestPut(), respond: { status: 403, body: 'denied' }, times: Infinity });
    const run = await runAction({
      context: example,
      platforms: 'linux/amd64',
      image: `${proxy.host}/${repo}`,
      tags: 'r',
      push: 'true',
      ...AIR_GAPPED,
      'build-args': `BASE=${BASE_IMAGE}`,
    });
    proxy.clearRules();
    expect(run.code).toBe(1);
    expect(run.error).toMatch(/^build: docker buildx build failed: .*403/);
    expect(run.log).not.toContain('pushing the build result failed');
    expect((await run.post()).code).toBe(0);
    expect(builderLeftovers(run.state.builder as string)).toEqual([]);
  });
});
