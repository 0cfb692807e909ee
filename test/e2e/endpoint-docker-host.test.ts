/**
 * `endpoint` as setup-buildx-action reads it, on the real engine: with the default docker-container driver
 * it names the Docker engine the builder's BuildKit container runs on — a docker context name (`default`) or
 * a Docker host address (unix:///var/run/docker.sock) — and becomes buildx create's positional argument.
 * Forms that cannot mean that fail before anything runs, naming the fix. Also: a builder that no longer
 * exists at post (as after a cancel right at `buildx create`) is one info line, not buildx's errors; and the
 * harness gives the run a repository, so the provenance builder-id is a whole URL.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  builderContainer,
  builderLeftovers,
  builderParts,
  builders,
  docker,
  runAction,
} from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');
const build = { context: example, platforms: 'linux/amd64', 'build-args': `BASE=${BASE_IMAGE}` };

describe('endpoint on the docker-container driver: the Docker engine its BuildKit container runs on', () => {
  it.each([
    ['a Docker host address', 'unix:///var/run/docker.sock'],
    ['a docker context name', 'default'],
  ])('%s (%s): builds there, and post removes the builder', async (_what, endpoint) => {
    const before = builders();
    const run = await runAction({ ...build, ...AIR_GAPPED, endpoint });
    expect(run.code, run.error).toBe(0);
    const name = run.state.builder as string;
    expect(run.log).toMatch(
      new RegExp(
        `^\\[command\\] docker buildx create --name ${name} --driver docker-container .* ${endpoint.replace(/[/.]/g, '\\$&')}$`,
        'm',
      ),
    );
    expect(builderLeftovers(name)).toEqual(builderParts(name));
    expect(docker(['inspect', '--format', '{{.State.Running}}', builderContainer(name)]).trim()).toBe('true');
    // The harness names a repository and server as the runner does: the builder-id is the run's URL.
    expect(run.log).toContain('builder-id=https://github.com/acme/app/actions/runs/1000/attempts/1');

    const post = await run.post();
    expect(post.code).toBe(0);
    expect(post.log).not.toContain('::warning::');
    expect(builderLeftovers(name)).toEqual([]);
    expect(builders()).toEqual(before);
  });

  it.each([
    [
      'a BuildKit address',
      'docker-container://buildkitd',
      '::error::inputs: endpoint: "docker-container://buildkitd" is a BuildKit address; set driver: remote to build on it, or give a docker context name',
    ],
    [
      'an option',
      '--driver-opt=image=evil',
      '::error::inputs: endpoint: "--driver-opt=image=evil" is neither a docker context name nor a Docker host; give a docker context name',
    ],
  ])('%s is refused before anything runs, naming the fix', async (_what, endpoint, error) => {
    const before = builders();
    const run = await runAction({ ...build, ...AIR_GAPPED, endpoint });
    expect(run.code).toBe(1);
    expect(run.log).toContain(error);
    expect(run.log).not.toContain('[command]');
    expect(run.state.builder).toBeUndefined();
    expect(builders()).toEqual(before);
  });
});

describe('post, when the builder main created no longer exists', () => {
  it('says so in one info line, without relaying buildx’s "no builder found" errors', async () => {
    const run = await runAction({ ...build, ...AIR_GAPPED });
    expect(run.code, run.error).toBe(0);
    const name = run.state.builder as string;
    // What a cancel right at `buildx create` leaves post: state naming a builder buildx does not have.
    docker(['buildx', 'rm', name]);
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(post.log).toContain(
      `post: builder ${name} does not exist (main stopped before creating it, or it was removed already): nothing to remove`,
    );
    expect(post.log).not.toMatch(/no builder ".*" found|failed to remove/);
    expect(post.log).not.toContain('::warning::');
  });
});
