import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AIR_GAPPED, BASE_IMAGE, REGISTRY, job, unique } from '../support/e2e.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'cache');

/** Per platform: was the expensive RUN step served from cache? Read from buildx's plain progress log. */
function expensiveCached(log: string, only?: string): Record<string, boolean> {
  const result: Record<string, boolean> = {};
  for (const m of log.matchAll(/^#(\d+) \[([^\]]*)\] RUN echo "[^"]*" > \/salt/gm)) {
    const platform = /linux\/\S+/.exec(m[2] as string)?.[0] ?? only ?? 'unnamed';
    result[platform] = new RegExp(`^#${m[1]} CACHED$`, 'm').test(log);
  }
  return result;
}

/**
 * Every run gets a fresh docker-container builder (empty state volume), and its post removes it: a cache hit
 * can only come from the cache backend.
 */
const build = (inputs: Record<string, string>, options: Parameters<typeof job>[1] = {}) =>
  job({ ...AIR_GAPPED, ...inputs }, options);

describe('layer cache (cache: registry) across fresh builders', () => {
  const image = `${REGISTRY}/e2e/${unique('cache')}`;
  const salt = unique('salt');
  const sameBuild = (inputs: Record<string, string> = {}) =>
    build({
      context: fixture,
      image,
      tags: 'c',
      push: 'true',
      cache: 'registry',
      platforms: 'linux/amd64,linux/arm64',
      'build-args': `BASE=${BASE_IMAGE}\nSALT=${salt}`,
      ...inputs,
    });

  let cold: Awaited<ReturnType<typeof build>>;
  let warm: Awaited<ReturnType<typeof build>>;
  beforeAll(async () => {
    cold = await sameBuild();
    warm = await sameBuild();
  });

  it('a cold build runs the expensive step on every platform', () => {
    expect(cold.code, cold.error).toBe(0);
    expect(expensiveCached(cold.log)).toEqual({ 'linux/amd64': false, 'linux/arm64': false });
  });

  it('each build ran on a builder of its own, removed (container and state volume too) before the next', () => {
    expect(cold.outputs.builder).toMatch(/^multiarch-/);
    expect(warm.outputs.builder).toMatch(/^multiarch-/);
    expect(warm.outputs.builder).not.toBe(cold.outputs.builder);
    expect([cold.post.code, warm.post.code]).toEqual([0, 0]);
    expect(cold.leftovers).toEqual([]);
    expect(warm.leftovers).toEqual([]);
  });

  it("on a new builder, the same build takes every platform's expensive step from the registry cache", () => {
    expect(warm.code, warm.error).toBe(0);
    expect(expensiveCached(warm.log)).toEqual({ 'linux/amd64': true, 'linux/arm64': true });
    expect(warm.log).toContain(
      `--cache-from type=registry,ref=${image}:buildcache-linux-amd64.linux-arm64_all`,
    );
  });

  it('the summary shows the backend, scope and cached / run steps per platform', () => {
    expect(warm.summary).toContain(`**Cache:** registry (${image}:buildcache-linux-amd64.linux-arm64_all)`);
    expect(warm.summary).toMatch(/\| <code>linux\/arm64<\/code> \| .* \| emulated \| 2 \/ 0 \|/);
    expect(cold.summary).toMatch(/\| <code>linux\/arm64<\/code> \| .* \| emulated \| 0 \/ 2 \|/);
    expect(JSON.parse(warm.outputs.cache ?? '{}')).toEqual({
      backend: 'registry',
      scope: `${image}:buildcache-linux-amd64.linux-arm64_all`,
      write: true,
      steps: { 'linux/amd64': { cached: 2, executed: 0 }, 'linux/arm64': { cached: 2, executed: 0 } },
    });
  });

  it('read-only on pull requests: the cache is read, not written', async () => {
    const pr = await build(
      {
        context: fixture,
        image,
        tags: 'pr',
        push: 'true',
        cache: 'registry',
        platforms: 'linux/amd64',
        'build-args': `BASE=${BASE_IMAGE}`,
      },
      { env: { GITHUB_EVENT_NAME: 'pull_request' } },
    );
    expect(pr.code, pr.error).toBe(0);
    expect(pr.log).toContain('--cache-from type=registry');
    expect(pr.log).not.toContain('--cache-to');
  });
});

describe('matrix legs keep their own cache (no eviction), unlike one shared ref', () => {
  const image = `${REGISTRY}/e2e/${unique('legcache')}`;
  // Each build of a leg is a later attempt of the run (a re-run): within one attempt, a second leg handing
  // off the same platform with another digest is refused as a duplicate (issue 10).
  let attempt = 0;
  const leg = (platform: string, salt: string, inputs: Record<string, string> = {}) =>
    build(
      {
        mode: 'build',
        context: fixture,
        image,
        platforms: platform,
        handoff: 'tags',
        cache: 'registry',
        'build-args': `BASE=${BASE_IMAGE}\nSALT=${salt}`,
        ...inputs,
      },
      { env: { GITHUB_RUN_ATTEMPT: String(++attempt) } },
    );

  it('two legs built one after the other both hit their cache when built again (new builders)', async () => {
    const salt = unique('legs');
    for (const p of ['linux/amd64', 'linux/arm64']) expect((await leg(p, salt)).code).toBe(0);
    const [amd, arm] = [await leg('linux/amd64', salt), await leg('linux/arm64', salt)];
    expect(expensiveCached(amd.log, 'linux/amd64')).toEqual({ 'linux/amd64': true });
    expect(expensiveCached(arm.log, 'linux/arm64')).toEqual({ 'linux/arm64': true });
  });

  it('contrast: legs sharing one cache ref evict each other', async () => {
    const salt = unique('shared');
    const shared = `${image}:shared-cache`;
    const explicit = {
      cache: 'auto', // unset: cache-from / cache-to replace the managed cache
      'cache-from': `type=registry,ref=${shared}`,
      'cache-to': `type=registry,ref=${shared},mode=max`,
    };
    for (const p of ['linux/amd64', 'linux/arm64']) expect((await leg(p, salt, explicit)).code).toBe(0);
    const amd = await leg('linux/amd64', salt, explicit);
    expect(amd.code, amd.error).toBe(0);
    // The arm64 leg wrote last and replaced the amd64 leg's cache: amd64 rebuilds.
    expect(expensiveCached(amd.log, 'linux/amd64')).toEqual({ 'linux/amd64': false });
  });
});

// cache: local persists through the Actions cache service on GitHub (covered by .github/workflows/e2e.yml);
// here, with no such service, it lives in RUNNER_TEMP — which is what a second step of the same job sees.
describe('cache: local', () => {
  it('exports to a directory beside the one it imports from, swaps them, and a later build hits it', async () => {
    const image = `${REGISTRY}/e2e/${unique('local')}`;
    const salt = unique('local');
    const inputs = {
      context: fixture,
      image,
      cache: 'local',
      platforms: 'linux/arm64',
      'build-args': `BASE=${BASE_IMAGE}\nSALT=${salt}`,
    };
    const first = await build(inputs);
    expect(first.code, first.error).toBe(0);
    expect(first.log).toMatch(/::notice::cache: local without the Actions cache service lasts only this job/);
    const scope = /--cache-from type=local,src=(\S+)/.exec(first.log)?.[1] as string;
    expect(scope).toContain(`${first.runnerTemp}/multiarch-layer-cache/`);
    expect(first.log).toContain(`--cache-to type=local,dest=${scope}.new,mode=max,ignore-error=true`);
    expect(existsSync(join(scope, 'index.json'))).toBe(true);
    expect(existsSync(`${scope}.new`)).toBe(false);
    const second = await build(inputs, { dir: first.dir });
    expect(second.outputs.builder).not.toBe(first.outputs.builder);
    expect(second.code, second.error).toBe(0);
    expect(expensiveCached(second.log, 'linux/arm64')).toEqual({ 'linux/arm64': true });
  });
});
