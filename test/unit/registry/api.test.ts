// The registry HTTP calls (tag list, tag deletion) against an in-process registry that speaks the
// distribution API: Basic or Bearer-token auth, pagination, and each answer a registry may give a DELETE of a
// tag. The real registry (distribution 2.8, which answers 400) is exercised in test/e2e/publish-proof.test.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { endpointOf, registryApi } from '../../../src/registry/api.js';
import { configKeys } from '../../../src/registry/credentials.js';
import { fakeStep, type Rule } from '../../support/fake-step.js';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

const servers: Array<{ close: () => void }> = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A registry on loopback: `handler` answers; every request is recorded with its Authorization header. */
async function registry(handler: Handler) {
  const seen: Array<{ method: string; path: string; auth: string }> = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({
      method: req.method ?? '',
      path: `${url.pathname}${url.search}`,
      auth: req.headers.authorization ?? '',
    });
    handler(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, seen };
}

function stepWith(config: object, rules: Rule[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  return fakeStep({ env: { DOCKER_CONFIG: dir }, rules });
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

describe('endpointOf', () => {
  it.each([
    ['ghcr.io/acme/app', 'ghcr.io', 'https://ghcr.io', 'acme/app'],
    ['acme/app', 'docker.io', 'https://registry-1.docker.io', 'acme/app'],
    ['docker.io/acme/app', 'docker.io', 'https://registry-1.docker.io', 'acme/app'],
    ['app', 'docker.io', 'https://registry-1.docker.io', 'library/app'],
    ['localhost:5000/app', 'localhost:5000', 'http://localhost:5000', 'app'],
    ['127.0.0.1:5000/e2e/app', '127.0.0.1:5000', 'http://127.0.0.1:5000', 'e2e/app'],
    [
      'registry.example.com:8443/a/b/c',
      'registry.example.com:8443',
      'https://registry.example.com:8443',
      'a/b/c',
    ],
  ])('%s → %s, %s, %s', (repository, host, base, path) => {
    expect(endpointOf(repository)).toEqual({ host, base, path });
  });

  it('Docker Hub credentials are filed under its historical key first', () => {
    expect(configKeys('docker.io')[0]).toBe('https://index.docker.io/v1/');
  });
});

describe('registryApi against a Basic-auth registry (as distribution with htpasswd)', () => {
  const basic =
    (answer: Handler): Handler =>
    (req, res, url) => {
      if (req.headers.authorization !== `Basic ${b64('e2e:s3cret')}`)
        return json(
          res,
          401,
          { errors: [{ code: 'UNAUTHORIZED' }] },
          { 'www-authenticate': 'Basic realm="e2e"' },
        );
      answer(req, res, url);
    };
  const config = (host: string) => ({ auths: { [host]: { auth: b64('e2e:s3cret') } } });

  it('lists every tag across pages (Link: rel="next"), authorising once', async () => {
    const { host, seen } = await registry(
      basic((_req, res, url) => {
        if (url.searchParams.get('last') === 'b') return json(res, 200, { name: 'acme/app', tags: ['c'] });
        json(
          res,
          200,
          { name: 'acme/app', tags: ['a', 'b'] },
          { link: '</v2/acme/app/tags/list?last=b&n=1000>; rel="next"' },
        );
      }),
    );
    const step = stepWith(config(host));
    expect(await registryApi(step).tags(`${host}/acme/app`)).toEqual(['a', 'b', 'c']);
    expect(seen.map((s) => [s.method, s.path, s.auth ? 'auth' : ''])).toEqual([
      ['GET', '/v2/acme/app/tags/list?n=1000', ''],
      ['GET', '/v2/acme/app/tags/list?n=1000', 'auth'],
      ['GET', '/v2/acme/app/tags/list?last=b&n=1000', 'auth'],
    ]);
    expect(step.log.at('mask')).toEqual(['s3cret']);
  });

  it('a repository with no tag yet (404 NAME_UNKNOWN): none', async () => {
    const { host } = await registry(
      basic((_req, res) => json(res, 404, { errors: [{ code: 'NAME_UNKNOWN' }] })),
    );
    expect(await registryApi(stepWith(config(host))).tags(`${host}/acme/app`)).toEqual([]);
  });

  it('5xx is retried; 403 is not, and says so without any secret', async () => {
    let calls = 0;
    const { host } = await registry(
      basic((_req, res) => (++calls < 3 ? json(res, 503, {}) : json(res, 200, { tags: ['x'] }))),
    );
    const step = stepWith(config(host));
    expect(await registryApi(step).tags(`${host}/acme/app`)).toEqual(['x']);
    expect(step.log.at('warning')).toHaveLength(2);

    const denied = await registry(basic((_req, res) => json(res, 403, { errors: [{ code: 'DENIED' }] })));
    const error = await registryApi(stepWith(config(denied.host)))
      .tags(`${denied.host}/acme/app`)
      .catch((e: Error) => e);
    expect((error as Error).message).toBe(`listing the tags of ${denied.host}/acme/app answered 403 DENIED`);
    expect((error as Error).message).not.toContain('s3cret');
  });

  it.each([
    [202, {}, { deleted: true }],
    [404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] }, { deleted: true }],
    [
      400,
      { errors: [{ code: 'DIGEST_INVALID' }] },
      { deleted: false, reason: 'the registry refuses tag deletion (HTTP 400 DIGEST_INVALID)' },
    ],
    [
      405,
      { errors: [{ code: 'UNSUPPORTED' }] },
      { deleted: false, reason: 'the registry refuses tag deletion (HTTP 405 UNSUPPORTED)' },
    ],
    [
      403,
      { errors: [{ code: 'DENIED' }] },
      { deleted: false, reason: 'the registry does not let this login delete tags (HTTP 403 DENIED)' },
    ],
  ])('DELETE of a tag answered %s → %j', async (status, body, expected) => {
    const { host, seen } = await registry(basic((_req, res) => json(res, status, body)));
    expect(
      await registryApi(stepWith(config(host))).deleteTag(
        `${host}/acme/app`,
        'run-1-linux-amd64-0123456789ab',
      ),
    ).toEqual(expected);
    expect(seen.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/v2/acme/app/manifests/run-1-linux-amd64-0123456789ab',
    });
  });

  it('deletions side by side each end authorised (a 401 answered before another request authorised)', async () => {
    // The first anonymous request is answered 401 at once, the others only after it has been authorised.
    let anonymous = 0;
    const { host } = await registry((req, res) => {
      if (req.headers.authorization === `Basic ${b64('e2e:s3cret')}`) return json(res, 202, {});
      const challenge = () =>
        json(res, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, { 'www-authenticate': 'Basic realm="e2e"' });
      if (anonymous++ === 0) challenge();
      else setTimeout(challenge, 300);
    });
    const api = registryApi(stepWith(config(host)));
    const results = await Promise.all(
      ['a', 'b', 'c'].map((t) => api.deleteTag(`${host}/acme/app`, `run-1-linux-amd64-${t.repeat(12)}`)),
    );
    expect(results).toEqual([{ deleted: true }, { deleted: true }, { deleted: true }]);
  });

  it('never deletes by digest (that would delete the manifest a published index references)', async () => {
    const { host, seen } = await registry((_req, res) => json(res, 202, {}));
    const result = await registryApi(stepWith(config(host))).deleteTag(
      `${host}/acme/app`,
      `sha256:${'a'.repeat(64)}`,
    );
    expect(result.deleted).toBe(false);
    expect(seen).toEqual([]);
  });

  it('no login for the registry: the 401 says to log in', async () => {
    const { host } = await registry(basic(() => undefined));
    const error = await registryApi(stepWith({}))
      .tags(`${host}/acme/app`)
      .catch((e: Error) => e);
    expect((error as Error).message).toBe(`${host} asks for a login; run docker/login-action first`);
  });
});

describe('registryApi against a token-auth registry (as ghcr.io, Docker Hub)', () => {
  async function tokenRegistry(expectAuth: (req: IncomingMessage, url: URL) => boolean) {
    const token = 'tok-123456';
    const server = await registry((req, res, url) => {
      if (url.pathname === '/token') {
        if (!expectAuth(req, url)) return json(res, 401, {});
        return json(res, 200, { token });
      }
      if (req.headers.authorization !== `Bearer ${token}`)
        return json(
          res,
          401,
          {},
          {
            'www-authenticate': `Bearer realm="http://${server.host}/token",service="${server.host}",scope="repository:acme/app:pull"`,
          },
        );
      json(res, 200, { tags: ['t'] });
    });
    return { ...server, token };
  }

  it('gets a token from the realm with the login (Basic), scoped to the repository, and masks it', async () => {
    const server = await tokenRegistry(
      (req, url) =>
        req.headers.authorization === `Basic ${b64('u:p4ss')}` &&
        url.searchParams.get('scope') === 'repository:acme/app:pull' &&
        url.searchParams.get('service') !== null,
    );
    const step = stepWith({ auths: { [server.host]: { auth: b64('u:p4ss') } } });
    expect(await registryApi(step).tags(`${server.host}/acme/app`)).toEqual(['t']);
    expect(step.log.at('mask')).toEqual(['p4ss', server.token]);
  });

  it('an identity token (docker config identitytoken) is exchanged with a refresh_token POST', async () => {
    let form = '';
    const server = await registry((req, res, url) => {
      if (url.pathname === '/token') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          form = body;
          json(res, 200, { access_token: 'acc-1' });
        });
        return;
      }
      if (req.headers.authorization !== 'Bearer acc-1')
        return json(
          res,
          401,
          {},
          { 'www-authenticate': `Bearer realm="http://${server.host}/token",service="svc"` },
        );
      json(res, 200, { tags: ['t'] });
    });
    const step = stepWith({ auths: { [server.host]: { identitytoken: 'refresh-9' } } });
    expect(await registryApi(step).tags(`${server.host}/acme/app`)).toEqual(['t']);
    expect(new URLSearchParams(form).get('grant_type')).toBe('refresh_token');
    expect(new URLSearchParams(form).get('refresh_token')).toBe('refresh-9');
  });

  it('a credential helper (credHelpers) is asked through its binary, with the host on stdin, never on argv', async () => {
    const server = await tokenRegistry((req) => req.headers.authorization === `Basic ${b64('bot:h3lper')}`);
    const step = stepWith({ credHelpers: { [server.host]: 'acme' } }, [
      {
        match: /^docker-credential-acme get$/,
        answer: (_argv, options) =>
          options.input === server.host
            ? { stdout: JSON.stringify({ Username: 'bot', Secret: 'h3lper' }) }
            : { code: 1 },
      },
    ]);
    expect(await registryApi(step).tags(`${server.host}/acme/app`)).toEqual(['t']);
    expect(step.exec.calls[0]?.options).toMatchObject({ echo: false });
    expect(step.exec.commands.join(' ')).not.toContain('h3lper');
  });
});

describe('registryApi.pushAccess (a blob upload started and cancelled)', () => {
  const config = (host: string) => ({ auths: { [host]: { auth: b64('ci:s3cret') } } });

  it('202: ok, and the upload is cancelled at the Location it was given', async () => {
    const server = await registry((req, res, url) => {
      if (!req.headers.authorization) return json(res, 401, {}, { 'www-authenticate': 'Basic realm="r"' });
      if (req.method === 'POST' && url.pathname === '/v2/acme/app/blobs/uploads/')
        return res.writeHead(202, { location: '/v2/acme/app/blobs/uploads/u-1?_state=x' }).end();
      if (req.method === 'DELETE') return res.writeHead(204).end();
      return json(res, 404, {});
    });
    const step = stepWith(config(server.host));
    expect(await registryApi(step).pushAccess(`${server.host}/acme/app`)).toEqual({ kind: 'ok' });
    expect(server.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /v2/acme/app/blobs/uploads/',
      'POST /v2/acme/app/blobs/uploads/',
      'DELETE /v2/acme/app/blobs/uploads/u-1?_state=x',
    ]);
    expect(server.seen[1]?.auth).toBe(`Basic ${b64('ci:s3cret')}`);
  });

  it('403 DENIED: refused, with the registry’s answer', async () => {
    const server = await registry((_req, res) => json(res, 403, { errors: [{ code: 'DENIED' }] }));
    const access = await registryApi(stepWith(config(server.host))).pushAccess(`${server.host}/acme/app`);
    expect(access).toEqual({
      kind: 'refused',
      reason: `${server.host} refuses this login's pushes (HTTP 403 DENIED)`,
    });
  });

  it('no login where the registry asks for one: refused, naming docker/login-action', async () => {
    const server = await registry((_req, res) =>
      json(res, 401, {}, { 'www-authenticate': 'Basic realm="r"' }),
    );
    const access = await registryApi(stepWith({})).pushAccess(`${server.host}/acme/app`);
    expect(access).toMatchObject({ kind: 'refused' });
    expect(access.kind !== 'ok' && access.reason).toContain('docker/login-action');
  });

  it('nothing listening: unreachable (after the retries)', async () => {
    const server = await registry((_req, res) => json(res, 200, {}));
    const host = server.host;
    for (const s of servers.splice(0)) s.close();
    const step = stepWith({});
    const access = await registryApi(step).pushAccess(`${host}/acme/app`);
    expect(access).toMatchObject({ kind: 'unreachable' });
    expect(access.kind !== 'ok' && access.reason).toContain('ECONNREFUSED');
    expect(step.exec.sleeps.length).toBeGreaterThan(0);
  });

  it('a 500 that does not pass: unknown, not refused', async () => {
    const server = await registry((_req, res) => json(res, 500, {}));
    const access = await registryApi(stepWith({})).pushAccess(`${server.host}/acme/app`);
    expect(access).toMatchObject({ kind: 'unknown' });
  });
});

describe('registryApi through HTTPS_PROXY', () => {
  /** A proxy on loopback that records each CONNECT and refuses it (no tunnel: the host is not real). */
  async function refusingProxy() {
    const connects: string[] = [];
    const server = createServer((_req, res) => res.writeHead(405).end());
    server.on('connect', (req: IncomingMessage, socket: import('node:net').Socket) => {
      connects.push(req.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connects };
  }

  it('asks the proxy for a tunnel to the registry, as buildx would go', async () => {
    const proxy = await refusingProxy();
    const step = fakeStep({ env: { HTTPS_PROXY: proxy.url } });
    await expect(registryApi(step).tags('registry.invalid/acme/app')).rejects.toThrow(/registry\.invalid/);
    expect(proxy.connects.length).toBeGreaterThan(0);
    expect(new Set(proxy.connects)).toEqual(new Set(['registry.invalid:443']));
  });

  it('a host NO_PROXY names goes direct', async () => {
    const proxy = await refusingProxy();
    const step = fakeStep({ env: { HTTPS_PROXY: proxy.url, NO_PROXY: '.invalid' } });
    await expect(registryApi(step).tags('registry.invalid/acme/app')).rejects.toThrow(/did not answer/);
    expect(proxy.connects).toEqual([]);
  });
});
