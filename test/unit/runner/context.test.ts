// The runner facts the Git context and the provenance default are made of, read once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctxOf, inputsOf } from '../../support/unit.js';

const event = (payload: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
  writeFileSync(file, payload);
  return file;
};

describe('readContext: repository, commit, server and visibility', () => {
  it('reads them from the runner’s variables and event payload', () => {
    const ctx = ctxOf({
      GITHUB_SERVER_URL: 'https://ghes.example.com/',
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/tags/v1.2.3',
      GITHUB_EVENT_PATH: event(JSON.stringify({ repository: { private: true } })),
    });
    expect([ctx.serverUrl, ctx.repository, ctx.sha, ctx.ref, ctx.privateRepository]).toEqual([
      'https://ghes.example.com',
      'acme/app',
      'a'.repeat(40),
      'refs/tags/v1.2.3',
      true,
    ]);
  });

  it.each([
    ['no event payload', undefined],
    ['a public repository', event(JSON.stringify({ repository: { private: false } }))],
    ['a payload without a repository (workflow_dispatch from elsewhere)', event('{}')],
    ['an unreadable payload', event('not json')],
    ['a payload that is not there', '/nonexistent/event.json'],
  ])('%s: public, github.com', (_name, path) => {
    const ctx = ctxOf(path ? { GITHUB_EVENT_PATH: path } : {});
    expect(ctx.privateRepository).toBe(false);
    expect(ctx.serverUrl).toBe('https://github.com');
  });
});

describe('mode: merge builds nothing', () => {
  it.each(['no-cache-filters', 'attests', 'cgroup-parent', 'call', 'outputs'])('%s is refused', (input) => {
    const values = { mode: 'merge', image: 'ghcr.io/acme/app', tags: 'latest', platforms: 'linux/amd64' };
    expect(() => inputsOf({ ...values, [input]: input === 'call' ? 'check' : 'type=local,dest=x' })).toThrow(
      new RegExp(`^${input}: `),
    );
  });
});
