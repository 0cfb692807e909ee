// main: a bad input ends the run with one line before any command, and the summary is written either way.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/main.js';
import { fakeStep } from '../../support/fake-step.js';

const summaryFile = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'summary-')), 'summary.md');
  writeFileSync(file, '');
  return file;
};

describe('main', () => {
  it('a bad input: one error line naming it, no command run, a failure summary', async () => {
    const file = summaryFile();
    const step = fakeStep({ env: { INPUT_PLATFORMS: 'linux/amd46', GITHUB_STEP_SUMMARY: file } });
    expect(await main(step)).toBe(false);
    expect(step.exec.calls).toEqual([]);
    expect(step.log.at('error')).toEqual([
      expect.stringMatching(/^inputs: platforms: unknown architecture "amd46" in "linux\/amd46"/),
    ]);
    expect(readFileSync(file, 'utf8')).toMatch(
      /^### ❌ Multi-platform build\n\n\*\*Failed\*\* — inputs: platforms:/,
    );
  });

  it('summary: false writes no summary', async () => {
    const file = summaryFile();
    const step = fakeStep({
      env: {
        INPUT_PLATFORMS: 'linux/amd64',
        INPUT_SUMMARY: 'false',
        GITHUB_STEP_SUMMARY: file,
        DOCKER_HOST: 'unix:///nonexistent/docker.sock',
      },
    });
    expect(await main(step)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('masks every secrets value (a multi-line one line by line too), secret-envs variable and github-token before anything runs', async () => {
    const step = fakeStep({
      env: {
        INPUT_SECRETS:
          'token=abc123\nnpmrc=//registry/:_authToken=xyz\n"key=-----BEGIN KEY-----\nMIIEvQIBADANBg\nno\n-----END KEY-----"',
        'INPUT_SECRET-ENVS': 'gh=GH_TOKEN,flag=FLAG',
        'INPUT_GITHUB-TOKEN': 'ghs_jobtoken123',
        GH_TOKEN: 'ghp_secret',
        // Not a secret: masking it would hide every "true" in the log.
        FLAG: 'true',
        GITHUB_REPOSITORY: 'acme/app',
        // Fails right after the inputs: no engine answers this socket.
        DOCKER_HOST: 'unix:///nonexistent/docker.sock',
      },
    });
    expect(await main(step)).toBe(false);
    expect(step.log.at('mask')).toEqual([
      'abc123',
      '//registry/:_authToken=xyz',
      '-----BEGIN KEY-----\nMIIEvQIBADANBg\nno\n-----END KEY-----',
      '-----BEGIN KEY-----',
      'MIIEvQIBADANBg',
      '-----END KEY-----',
      'ghp_secret',
      'ghs_jobtoken123',
    ]);
    expect(step.log.at('error')).toEqual([expect.stringMatching(/^engine: no Docker engine answered/)]);
  });
});
