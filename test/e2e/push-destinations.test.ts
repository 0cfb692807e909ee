// Tags in several repositories, one of which will not take the push (here: nothing listens at its address).
// buildx pushes one repository after another, so the step used to fail after the other repository's tags
// had moved — twice, as the failed push was retried with a whole build. Now the step asks every destination
// first (a blob upload started and cancelled) and fails before anything is pushed, naming tags.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AIR_GAPPED, BASE_IMAGE, digestOf, job, REGISTRY, unique } from '../support/e2e.js';

const dir = mkdtempSync(join(tmpdir(), 'push-destinations-'));
mkdirSync(join(dir, 'app'));
// Every build differs (a timestamp in a layer): a tag that moved would show it.
writeFileSync(join(dir, 'app', 'Dockerfile'), `FROM ${BASE_IMAGE}\nARG STAMP\nRUN echo "$STAMP" > /stamp\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A loopback port nothing listens on (bound, then released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const step = (inputs: Record<string, string>) =>
  job({ ...AIR_GAPPED, context: 'app', platforms: 'linux/amd64', push: 'true', ...inputs }, { cwd: dir });

describe('a destination that will not take the push', () => {
  it('mode all: fails before building, naming tags and the repository; the other tags keep their image', async () => {
    const image = `${REGISTRY}/e2e/${unique('dest')}`;
    const first = await step({ image, tags: 'latest,v1', 'build-args': 'STAMP=1' });
    expect(first.code, first.error).toBe(0);
    const before = digestOf(`${image}:latest`);
    const dead = `127.0.0.1:${await deadPort()}/e2e/app`;
    const run = await step({ image, tags: `latest,v1,${dead}:latest`, 'build-args': 'STAMP=2' });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      new RegExp(
        `^build: cannot push to ${dead.replaceAll('.', '\\.')}: .*ECONNREFUSED.*; check its address in tags — nothing was pushed$`,
      ),
    );
    expect(run.log).not.toMatch(/buildx build/);
    expect(digestOf(`${image}:latest`)).toBe(before);
    expect(digestOf(`${image}:v1`)).toBe(before);
    expect(run.post.code).toBe(0);
    expect(run.leftovers).toEqual([]);
  });

  it('merge promoting to two repositories: fails before publishing, naming tags; the tags stay as they were', async () => {
    const image = `${REGISTRY}/e2e/${unique('destsrc')}`;
    const built = await step({ image, tags: 'src', 'build-args': 'STAMP=3' });
    expect(built.code, built.error).toBe(0);
    const target = `${REGISTRY}/e2e/${unique('desttgt')}`;
    const dead = `127.0.0.1:${await deadPort()}/e2e/app`;
    const run = await job(
      { mode: 'merge', sources: `${image}:src`, tags: `${target}:v1\n${dead}:v1`, platforms: 'linux/amd64' },
      { cwd: dir },
    );
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^merge: cannot push to 127\.0\.0\.1:\d+\/e2e\/app: .*ECONNREFUSED.*— nothing was pushed$/,
    );
    expect(digestOf(`${target}:v1`)).toBeUndefined();
  });
});
