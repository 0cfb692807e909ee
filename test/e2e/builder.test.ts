import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_IMAGE, builders, runAction } from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');

// The docker-container driver pulls moby/buildkit from Docker Hub, which this machine cannot reach: its
// success path runs in .github/workflows/e2e.yml on GitHub's runners. Its failure path is real here.
describe('driver: docker-container (default) when BuildKit cannot be pulled', () => {
  it('creates a builder of its own, fails naming buildkit-image, and post removes the builder', async () => {
    const before = builders();
    const run = await runAction({
      context: example,
      platforms: 'linux/amd64',
      'buildkit-image': 'registry.invalid/buildkit:none',
    });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^builder: could not start BuildKit from registry\.invalid\/buildkit:none \(.+\); .*set buildkit-image/,
    );
    const name = run.state.builder as string;
    expect(name).toMatch(/^multiarch-1000-1-e2e-[0-9a-f]{8}$/);
    expect(builders()).toContain(name);
    expect(run.log).not.toMatch(/buildx (use|install)\b/);

    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builders()).not.toContain(name);
    expect(builders().sort()).toEqual(before.sort());
  });

  it('names a different builder in each of two runs of the same job', async () => {
    const [a, b] = await Promise.all([
      runAction({
        context: example,
        platforms: 'linux/amd64',
        'buildkit-image': 'registry.invalid/buildkit:a',
      }),
      runAction({
        context: example,
        platforms: 'linux/amd64',
        'buildkit-image': 'registry.invalid/buildkit:b',
      }),
    ]);
    expect(a.state.builder).not.toBe(b.state.builder);
    await Promise.all([a.post(), b.post()]);
    expect(builders()).not.toContain(a.state.builder);
    expect(builders()).not.toContain(b.state.builder);
  });
});

describe('a failing build', () => {
  it('ends with one line naming the phase, and annotates the Dockerfile line that failed', async () => {
    const run = await runAction({
      context: join(import.meta.dirname, '..', 'fixtures', 'failing'),
      platforms: 'linux/amd64',
      driver: 'docker',
      'build-args': `BASE=${BASE_IMAGE}`,
    });
    expect(run.code).toBe(1);
    expect(run.error).toBe(
      'build: docker buildx build failed: failed to solve: process "/bin/sh -c echo \\"about to fail\\" && exit 3" did not complete successfully: exit code: 3',
    );
    expect(run.log).toContain(
      '::error title=Build failed,file=test/fixtures/failing/Dockerfile,line=4::failed to solve: process',
    );
    expect(run.summary).toContain('❌');
    const post = await run.post();
    expect(post.code).toBe(0);
  });
});
