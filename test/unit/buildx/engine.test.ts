// The engine found the way the docker CLI finds it: DOCKER_HOST, DOCKER_CONTEXT, the config's current context.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerEndpoint } from '../../../src/buildx/engine.js';
import { ActionError } from '../../../src/runner/errors.js';

const CONFIG = '/home/runner/.docker';
const metaPath = (name: string) =>
  join(CONFIG, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'), 'meta.json');

/** A docker config dir: config.json with `current`, and a `rootless` context in the context store. */
function files(current?: string): (path: string) => string {
  const store: Record<string, string> = {
    [join(CONFIG, 'config.json')]: JSON.stringify({
      auths: {},
      ...(current ? { currentContext: current } : {}),
    }),
    [metaPath('rootless')]: JSON.stringify({
      Name: 'rootless',
      Metadata: { Description: 'Rootless mode' },
      Endpoints: { docker: { Host: 'unix:///run/user/1001/docker.sock', SkipTLSVerify: false } },
    }),
    [metaPath('remote')]: JSON.stringify({
      Name: 'remote',
      Endpoints: { docker: { Host: 'ssh://ci@build-host' } },
    }),
  };
  return (path) => {
    const text = store[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
}

describe('dockerEndpoint', () => {
  it.each([
    {
      name: 'nothing set: the default socket',
      ctx: {},
      current: undefined,
      expected: { context: 'default', host: 'unix:///var/run/docker.sock' },
    },
    {
      name: 'after docker context use rootless',
      ctx: {},
      current: 'rootless',
      expected: { context: 'rootless', host: 'unix:///run/user/1001/docker.sock' },
    },
    {
      name: 'DOCKER_CONTEXT wins over the current context',
      ctx: { dockerContext: 'remote' },
      current: 'rootless',
      expected: { context: 'remote', host: 'ssh://ci@build-host' },
    },
    {
      name: 'DOCKER_HOST wins over both (the default context)',
      ctx: { dockerHost: 'tcp://10.0.0.5:2376', dockerContext: 'remote' },
      current: 'rootless',
      expected: { context: 'default', host: 'tcp://10.0.0.5:2376' },
    },
    {
      name: 'current context "default"',
      ctx: {},
      current: 'default',
      expected: { context: 'default', host: 'unix:///var/run/docker.sock' },
    },
  ])('$name', ({ ctx, current, expected }) => {
    expect(dockerEndpoint({ dockerConfig: CONFIG, ...ctx }, files(current))).toEqual(expected);
  });

  it('a context that does not exist: one line naming it and the fix', () => {
    const run = () => dockerEndpoint({ dockerConfig: CONFIG }, files('colima'));
    expect(run).toThrow(ActionError);
    expect(run).toThrow(
      `docker context "colima" is not in ${CONFIG}/contexts (the docker config selects it); create it, or select another with docker context use`,
    );
  });

  it('no config file at all: the default socket', () => {
    expect(dockerEndpoint({ dockerConfig: '/nonexistent' }, files())).toEqual({
      context: 'default',
      host: 'unix:///var/run/docker.sock',
    });
  });
});
