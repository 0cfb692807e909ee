/**
 * Inputs that the action places inside something with a grammar of its own — an attribute list
 * (`type=gha,scope=…`, `id=…,env=…`), a cache scope, a path under RUNNER_TEMP, a command's positional
 * argument — on the real engine: each bad value fails with ONE line naming the input and the fix, before
 * anything runs. "Before anything runs" is checked from outside: `docker`, `sudo`, `mount` and `tee` on
 * PATH are shims that record every call, DOCKER_HOST is a relay that counts connections to the engine, a
 * loopback "cache service" records every request (the runtime token must never reach a URL an input chose),
 * and RUNNER_TEMP, the runner's folder and /tmp are compared with what they were before.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY, builders, engineRelay, runAction, unique } from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');
const image = `${REGISTRY}/e2e/${unique('attrs')}`;
const TOKEN = `runtime-token-${unique('t')}`;

interface Case {
  name: string;
  inputs: Record<string, string>;
  error: RegExp;
  /** Set when the value is meant to make the action touch a path: it must not exist afterwards. */
  escapes?: (runnerDir: string) => string[];
}

let server: Server;
let serviceUrl = '';
const requests: string[] = [];

const cases = (): Case[] => [
  {
    name: 'target smuggling url_v2 into type=gha,scope=…',
    inputs: { image, cache: 'gha', target: `x,url_v2=${serviceUrl}/stolen/` },
    error:
      /^inputs: target: "x,url_v2=http:\/\/127\.0\.0\.1:\d+\/stolen\/" is not a Dockerfile stage name \(a letter, then letters, digits, _ \. or -\); set it to the name after AS in your Dockerfile's FROM line$/,
  },
  {
    name: 'target climbing out of RUNNER_TEMP with cache: local (the shape from the issue)',
    inputs: { image, cache: 'local', target: 'x/../../../../tmp/pwn' },
    error: /^inputs: target: "x\/\.\.\/\.\.\/\.\.\/\.\.\/tmp\/pwn" is not a Dockerfile stage name/,
    escapes: () =>
      readdirSync(tmpdir())
        .filter((n) => n.startsWith('pwn'))
        .map((n) => join(tmpdir(), n)),
  },
  {
    name: 'target climbing into the runner folder with cache: local',
    inputs: { image, cache: 'local', target: 'x/../../../escaped' },
    error: /^inputs: target: "x\/\.\.\/\.\.\/\.\.\/escaped" is not a Dockerfile stage name/,
    escapes: (dir) => readdirSync(dir).filter((n) => n.startsWith('escaped')),
  },
  {
    name: 'target with a quote and a comma for the registry cache ref',
    inputs: { image, cache: 'registry', target: 'a",ref=evil.example.com/x:y' },
    error: /^inputs: target: "a\\?",ref=evil\.example\.com\/x:y" is not a Dockerfile stage name/,
  },
  {
    // secret-envs splits on commas (Docker's grammar): the added attribute is an item of its own, refused.
    name: 'secret-envs value adding src= to id=…,env=…',
    inputs: { image, 'secret-envs': 'tok=HOME,src=/etc/hostname' },
    error:
      /^inputs: secret-envs: "src=\/etc\/hostname": "\/etc\/hostname" is not an environment variable name/,
  },
  {
    name: 'a secrets id of dots (it names the file the value is written to)',
    inputs: { image, secrets: '..=value' },
    error: /^inputs: secrets: secret id "\.\." is only dots; give each secret an id with a letter or digit/,
  },
  {
    name: 'endpoint that is an option of buildx create',
    inputs: { image, driver: 'remote', endpoint: '--driver-opt=image=evil' },
    error: /^inputs: endpoint: "--driver-opt=image=evil" is not a BuildKit address; give one like tcp:\/\//,
  },
  {
    name: 'context that is an option of buildx build',
    inputs: { image, context: '--allow=security.insecure' },
    error:
      /^inputs: context: "--allow=security\.insecure" starts with "-", which buildx would read as an option/,
  },
];

/** What this action could leave in /tmp (other work on the machine may come and go there meanwhile). */
const strays = () => readdirSync(tmpdir()).filter((n) => /^(multiarch-|pwn|escaped)/.test(n));

/** Shims for the commands the action may spawn: each appends its argv to $SHIM_LOG, then runs the real one. */
function makeShims(dir: string): void {
  for (const name of ['docker', 'sudo', 'mount', 'tee']) {
    const real = execFileSync('sh', ['-c', `command -v ${name} || true`], { encoding: 'utf8' }).trim();
    const run = real ? `exec ${real} "$@"` : 'exit 127';
    writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >>"$SHIM_LOG"\n${run}\n`, { mode: 0o755 });
  }
}

describe('inputs inside attribute lists, scopes and paths: one line naming the input, nothing runs', () => {
  let shims: string;
  let shimLog: string;
  let relay: Awaited<ReturnType<typeof engineRelay>>;
  let relayPath: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url} auth=${req.headers.authorization ?? ''}`);
      res.writeHead(500).end('no');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    shims = mkdtempSync(join(tmpdir(), 'shims-'));
    makeShims(shims);
    shimLog = join(shims, 'calls.log');
    relayPath = join(shims, 'engine.sock');
    relay = await engineRelay(relayPath);
  });

  afterAll(async () => {
    await relay?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(shims, { recursive: true, force: true });
  });

  it('has the cases', () => {
    expect(cases().length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases().map((c) => [c.name, c.name] as const))('%s', async (_label, name) => {
    const c = cases().find((x) => x.name === name) as Case;
    writeFileSync(shimLog, '');
    requests.length = 0;
    const connections = relay.connections;
    const built = builders();
    const tmpBefore = strays();
    const run = await runAction(
      { context: example, platforms: 'linux/amd64', ...c.inputs },
      {
        env: {
          PATH: `${shims}:${process.env.PATH}`,
          SHIM_LOG: shimLog,
          DOCKER_HOST: `unix://${relayPath}`,
          // A cache service this step can reach: buildx would hand it the runtime token.
          ACTIONS_RUNTIME_TOKEN: TOKEN,
          ACTIONS_RESULTS_URL: `${serviceUrl}/`,
        },
      },
    );

    expect(run.code).toBe(1);
    expect(run.error).toMatch(c.error);
    expect(run.log.match(/^::error\b/gm)).toHaveLength(1);
    expect(run.log).not.toMatch(/^\s+at /m);
    // Nothing ran: no command, no engine connection, no request to any URL, nothing written anywhere.
    expect(run.log).not.toMatch(/^\[command\]/m);
    expect(readFileSync(shimLog, 'utf8')).toBe('');
    expect(relay.connections).toBe(connections);
    expect(requests).toEqual([]);
    expect(readdirSync(run.runnerTemp)).toEqual([]);
    expect(readdirSync(run.dir).sort()).toEqual(['output', 'state', 'summary', 'temp']);
    expect(strays()).toEqual(tmpBefore);
    expect(c.escapes?.(run.dir) ?? []).toEqual([]);
    expect(run.state).toEqual({ isPost: 'true' });
    expect(run.outputs).toEqual({});
    expect(builders()).toEqual(built);
    expect(run.log + run.summary).not.toContain(TOKEN);
  });
});
