// The engine found the way the docker CLI finds it: DOCKER_HOST, DOCKER_CONTEXT, the config's current context.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dockerEndpoint, probeEngine } from '../../../src/buildx/engine.js';
import { ActionError } from '../../../src/runner/errors.js';
import { ScriptedExec } from '../../support/fake-step.js';

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

describe('probeEngine', () => {
  it('an engine that does not answer at a context: one line naming the context, its endpoint and the fix', async () => {
    const config = mkdtempSync(join(tmpdir(), 'docker-config-'));
    writeFileSync(join(config, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
    const meta = metaPath('remote').replace(CONFIG, config);
    mkdirSync(dirname(meta), { recursive: true });
    writeFileSync(meta, JSON.stringify({ Endpoints: { docker: { Host: 'ssh://ci@build-host' } } }));
    const exec = new ScriptedExec([
      {
        match: /^docker version/,
        answer: {
          code: 1,
          stderr: 'error during connect: ssh: connect to host build-host port 22: Connection refused',
        },
      },
    ]);
    const error = await probeEngine({ dockerConfig: config }, exec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).line).toBe(
      'engine: no Docker engine answered at ssh://ci@build-host, the endpoint of docker context remote (docker version --format exited 1: error during connect: ssh: connect to host build-host port 22: Connection refused); start it, or select another engine with docker context use or DOCKER_HOST',
    );
  });
});
