// What post removes, from the state main saved, with the exec layer scripted.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { post } from '../../../src/post.js';
import { fakeStep } from '../../support/fake-step.js';

const emptyConfig = () => mkdtempSync(join(tmpdir(), 'docker-config-'));

describe('post', () => {
  it('removes the builder with the buildx main ran (a downloaded one, not the CLI plugin)', async () => {
    const step = fakeStep({
      env: { DOCKER_CONFIG: emptyConfig() },
      state: { builder: 'multiarch-1-1-job-c0ffee00', buildx: '/toolcache/buildx/0.29.1/x64/buildx' },
    });
    await post(step);
    expect(step.exec.commands).toEqual(['/toolcache/buildx/0.29.1/x64/buildx rm multiarch-1-1-job-c0ffee00']);
    expect(step.log.at('warning')).toEqual([]);
  });

  it('with no buildx saved (main ran through the docker CLI): docker buildx rm', async () => {
    const step = fakeStep({ env: { DOCKER_CONFIG: emptyConfig() }, state: { builder: 'b1' } });
    await post(step);
    expect(step.exec.commands).toEqual(['docker buildx rm b1']);
  });

  it('a builder already gone is not worth a warning; any other failure is, and post still goes on', async () => {
    const gone = fakeStep({
      env: { DOCKER_CONFIG: emptyConfig() },
      state: { builder: 'b1' },
      rules: [{ match: / rm b1$/, answer: { code: 1, stderr: 'ERROR: no builder "b1" found' } }],
    });
    await post(gone);
    expect(gone.log.at('warning')).toEqual([]);

    const temp = mkdtempSync(join(tmpdir(), 'multiarch-build-'));
    writeFileSync(join(temp, 'secret'), 'x');
    const failing = fakeStep({
      env: { DOCKER_CONFIG: emptyConfig() },
      state: { builder: 'b1', tempDir: temp },
      rules: [{ match: / rm b1$/, answer: { code: 1, stderr: 'ERROR: permission denied' } }],
    });
    await post(failing);
    expect(failing.log.at('warning')).toEqual(['post: could not remove builder b1: permission denied']);
    expect(existsSync(temp)).toBe(false);
  });

  it('a builder whose removal hangs (a node that cannot be reached): its record is dropped, with a warning', async () => {
    const step = fakeStep({
      env: { DOCKER_CONFIG: emptyConfig() },
      state: { builder: 'b1' },
      rules: [{ match: /buildx rm b1$/, answer: { code: 128, stderr: '' } }],
    });
    await post(step);
    expect(step.exec.commands).toEqual(['docker buildx rm b1', 'docker buildx rm --keep-daemon b1']);
    expect(step.exec.calls.map((c) => c.options.timeoutMs)).toEqual([120_000, 30_000]);
    expect(step.log.at('warning')).toEqual([
      'post: removing builder b1 took over 120 s (a node that cannot be reached?); removed its record only: BuildKit may still run on its nodes',
    ]);
  });

  it('with nothing saved, runs nothing', async () => {
    const step = fakeStep({ env: { DOCKER_CONFIG: emptyConfig() } });
    await post(step);
    expect(step.exec.commands).toEqual([]);
  });
});
