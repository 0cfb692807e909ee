/**
 * The fault proxy (test/support/fault-proxy.ts) against the real e2e registry, driven by real docker and
 * buildx commands. Besides proving the proxy, these tests pin down how buildx itself reacts to registry
 * faults, which is what the action's own retry logic has to build on.
 *
 * Commands run with an async spawn: the proxy lives in this process, so a blocking spawnSync would
 * deadlock it (the command waits for the proxy, the proxy waits for the event loop).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  REGISTRY_PASSWORD_FILE,
  REGISTRY_USER,
  isBlobUpload,
  isManifestGet,
  isManifestPut,
  loginThrough,
  logoutThrough,
  startFaultProxy,
  type FaultProxy,
} from '../support/fault-proxy.js';

const REGISTRY = process.env.E2E_REGISTRY ?? '127.0.0.1:5000';
const BASE_REPO = 'base/busybox';

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A command, bounded by `timeoutMs` (SIGKILL after), never rejecting: the result says what happened. */
function run(argv: string[], timeoutMs = 120_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const authorization = `Basic ${Buffer.from(
  `${REGISTRY_USER}:${readFileSync(REGISTRY_PASSWORD_FILE, 'utf8').trim()}`,
).toString('base64')}`;

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** Untag `repo:tag` in the registry itself (not through the proxy), so the next push really PUTs it. */
async function deleteTagDirect(repo: string, tag: string): Promise<void> {
  const head = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { authorization, accept: MANIFEST_TYPES },
  });
  if (head.status === 404) return;
  const digest = head.headers.get('docker-content-digest');
  expect(head.status, `HEAD ${repo}:${tag}`).toBe(200);
  const del = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${digest}`, {
    method: 'DELETE',
    headers: { authorization },
  });
  expect(del.status, `DELETE ${repo}@${digest}`).toBe(202);
}

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}

describe('fault proxy in front of the e2e registry', () => {
  let proxy: FaultProxy;
  const inspect = (repoTag: string, timeoutMs?: number) =>
    run(['docker', 'buildx', 'imagetools', 'inspect', `${proxy.host}/${repoTag}`], timeoutMs);
  const injected = () => proxy.log.filter((e) => e.injected);

  beforeAll(async () => {
    proxy = await startFaultProxy({ target: REGISTRY });
    await loginThrough(proxy);
  });

  afterAll(async () => {
    if (!proxy) return;
    proxy.setDown(false);
    proxy.clearRules();
    await logoutThrough(proxy).catch(() => undefined);
    await proxy.close();
  });

  beforeEach(() => {
    proxy.setDown(false);
    proxy.clearRules();
    proxy.log.length = 0;
  });

  it('passes `imagetools create` through unchanged and logs the manifest PUT', async () => {
    await deleteTagDirect('fault/copy', '1');
    const r = await run([
      'docker',
      'buildx',
      'imagetools',
      'create',
      '-t',
      `${proxy.host}/fault/copy:1`,
      `${proxy.host}/${BASE_REPO}:1`,
    ]);
    expect(r.code, r.stderr).toBe(0);

    expect(injected()).toEqual([]);
    // The Basic-auth challenge went through (WWW-Authenticate intact), then authorised requests succeeded.
    expect(proxy.log.some((e) => e.status === 401)).toBe(true);
    const puts = proxy.log.filter((e) => isManifestPut('fault/copy')(e));
    expect(puts.map((e) => `${e.path} ${e.status}`)).toContain('/v2/fault/copy/manifests/1 201');
    // Every write succeeded. (Reads may not: distribution 2.8 answers HEAD of a manifest just deleted by
    // deleteTagDirect, or of a blob link a concurrent mount is writing, with a 500 "invalid checksum digest
    // format"; buildx takes that as "not there" and pushes anyway.)
    const writes = proxy.log.filter((e) => ['PUT', 'POST', 'PATCH', 'DELETE'].includes(e.method));
    expect(writes.filter((e) => e.status === 0 || e.status >= 400)).toEqual([]);
    expect(proxy.log.filter((e) => e.status === 0 || (e.status >= 500 && e.method !== 'HEAD'))).toEqual([]);

    // What went through the proxy is what is in the registry.
    const direct = await run(['docker', 'buildx', 'imagetools', 'inspect', `${REGISTRY}/fault/copy:1`]);
    const base = await run(['docker', 'buildx', 'imagetools', 'inspect', `${REGISTRY}/${BASE_REPO}:1`]);
    const digestOf = (out: string) => /^Digest:\s+(\S+)/m.exec(out)?.[1];
    expect(digestOf(direct.stdout)).toBeDefined();
    expect(digestOf(direct.stdout)).toBe(digestOf(base.stdout));
  });

  it('streams an 8 MB layer: `docker push` through the proxy, blob read back through it intact', async () => {
    const tag = `${proxy.host}/fault/big:1`;
    const made = await run([
      'bash',
      '-c',
      `set -euo pipefail; d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
       head -c 8388608 /dev/urandom >"$d/blob"; tar -C "$d" -c blob | docker import - "${tag}" >/dev/null`,
    ]);
    expect(made.code, made.stderr).toBe(0);
    try {
      const push = await run(['docker', 'push', tag]);
      expect(push.code, push.stderr + push.stdout).toBe(0);
    } finally {
      await run(['docker', 'rmi', tag]);
    }
    // dockerd (containerd store) uploads monolithically: POST to open the session, PUT with the body.
    const uploads = proxy.log.filter((e) => isBlobUpload('fault/big')(e));
    expect(uploads.some((e) => e.method === 'POST' && e.status === 202)).toBe(true);
    expect(uploads.filter((e) => e.method === 'PUT' && e.status === 201).length).toBeGreaterThanOrEqual(2);
    expect(proxy.log.some((e) => e.method === 'PUT' && e.path === '/v2/fault/big/manifests/1')).toBe(true);

    const raw = await run(['docker', 'buildx', 'imagetools', 'inspect', '--raw', tag]);
    expect(raw.code, raw.stderr).toBe(0);
    const layer = (JSON.parse(raw.stdout) as { layers: Array<{ digest: string; size: number }> }).layers[0];
    expect(layer).toBeDefined();
    expect(layer!.size).toBeGreaterThan(8_000_000);
    const blob = await fetch(`http://${proxy.host}/v2/fault/big/blobs/${layer!.digest}`, {
      headers: { authorization },
    });
    expect(blob.status).toBe(200);
    const body = Buffer.from(await blob.arrayBuffer());
    expect(body.length).toBe(layer!.size);
    expect(sha256(body)).toBe(layer!.digest);
  });

  it('carries a chunked upload (POST, PATCH×3, PUT) along rewritten Locations; buildx reads the result', async () => {
    const repo = 'fault/chunked';
    const url = (location: string) => new URL(location, `http://${proxy.host}`).toString();
    const layer = randomBytes(3 * 1024 * 1024);
    const layerDigest = sha256(layer);

    const start = await fetch(`http://${proxy.host}/v2/${repo}/blobs/uploads/`, {
      method: 'POST',
      headers: { authorization },
    });
    expect(start.status).toBe(202);
    let location = start.headers.get('location') ?? '';
    // The registry answers with an absolute URL on its own host; the proxy points it back at itself.
    expect(location.startsWith(`http://${proxy.host}/v2/${repo}/blobs/uploads/`)).toBe(true);

    const chunk = 1024 * 1024;
    for (let offset = 0; offset < layer.length; offset += chunk) {
      const part = layer.subarray(offset, Math.min(offset + chunk, layer.length));
      const patch = await fetch(url(location), {
        method: 'PATCH',
        headers: {
          authorization,
          'content-type': 'application/octet-stream',
          'content-range': `${offset}-${offset + part.length - 1}`,
        },
        body: part,
      });
      expect(patch.status, `PATCH at ${offset}`).toBe(202);
      expect(patch.headers.get('range')).toBe(`0-${offset + part.length - 1}`);
      location = patch.headers.get('location') ?? '';
      expect(location.startsWith(`http://${proxy.host}/`)).toBe(true);
    }
    const finish = new URL(url(location));
    finish.searchParams.set('digest', layerDigest);
    const put = await fetch(finish, { method: 'PUT', headers: { authorization } });
    expect(put.status).toBe(201);

    // Config: a monolithic upload the way dockerd does it (POST to open, one PUT with the body and digest).
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [layerDigest] },
      }),
    );
    const open = await fetch(`http://${proxy.host}/v2/${repo}/blobs/uploads/`, {
      method: 'POST',
      headers: { authorization },
    });
    expect(open.status).toBe(202);
    const configUrl = new URL(url(open.headers.get('location') ?? ''));
    expect(configUrl.host).toBe(proxy.host);
    configUrl.searchParams.set('digest', sha256(config));
    const configPut = await fetch(configUrl, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/octet-stream' },
      body: config,
    });
    expect(configPut.status).toBe(201);
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: sha256(config),
        size: config.length,
      },
      layers: [
        { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layerDigest, size: layer.length },
      ],
    });
    const manifestPut = await fetch(`http://${proxy.host}/v2/${repo}/manifests/1`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      body: manifest,
    });
    expect(manifestPut.status).toBe(201);

    const methods = proxy.log.filter((e) => isBlobUpload(repo)(e)).map((e) => `${e.method} ${e.status}`);
    expect(methods).toEqual([
      'POST 202',
      'PATCH 202',
      'PATCH 202',
      'PATCH 202',
      'PUT 201',
      'POST 202',
      'PUT 201',
    ]);

    const raw = await run(['docker', 'buildx', 'imagetools', 'inspect', '--raw', `${proxy.host}/${repo}:1`]);
    expect(raw.code, raw.stderr).toBe(0);
    expect(JSON.parse(raw.stdout)).toEqual(JSON.parse(manifest));
  });

  it('503 on manifest reads: buildx retries once by itself, then fails; a later run gets through', async () => {
    const body = '{"errors":[{"code":"UNAVAILABLE","message":"injected by fault-proxy"}]}';
    proxy.addRule({ match: isManifestGet(BASE_REPO), respond: { status: 503, body }, times: 2 });

    const first = await inspect(`${BASE_REPO}:1`);
    expect(first.code).not.toBe(0);
    expect(lastLine(first.stderr)).toMatch(/unexpected status from HEAD request to .*\/manifests\/1: 503/);
    // containerd's resolver (inside buildx) resolves with HEAD and repeats a 500/503/504 once, at once; the
    // same status twice in a row ends it. So one command used up both faults.
    expect(injected().map((e) => `${e.method} ${e.status}`)).toEqual(['HEAD 503', 'HEAD 503']);

    const second = await inspect(`${BASE_REPO}:1`);
    expect(second.code, second.stderr).toBe(0);
    expect(injected()).toHaveLength(2);

    // With four faults it takes the third command: what a caller's retry loop has to cover.
    proxy.clearRules();
    proxy.log.length = 0;
    proxy.addRule({ match: isManifestGet(BASE_REPO), respond: { status: 503, body }, times: 4 });
    const codes: Array<number | null> = [];
    for (let attempt = 1; attempt <= 3; attempt++) codes.push((await inspect(`${BASE_REPO}:1`)).code);
    expect(codes.map((c) => c === 0)).toEqual([false, false, true]);
    expect(injected()).toHaveLength(4);
  });

  it('429 with Retry-After: 1: buildx retries at once, ignoring Retry-After, within a 6-response budget', async () => {
    const respond = {
      status: 429,
      headers: { 'Retry-After': '1' },
      body: '{"errors":[{"code":"TOOMANYREQUESTS"}]}',
    };
    const withRule = (times: number) => {
      proxy.clearRules();
      proxy.log.length = 0;
      proxy.addRule({ match: isManifestGet(BASE_REPO), respond, times });
    };

    // containerd's resolver repeats a 408/429 immediately while it has seen at most 5 responses for the
    // request; the Basic-auth 401 challenge counts too. Four 429s + 401 + 200: absorbed inside one command,
    // all well within the second the registry asked for.
    withRule(4);
    const ok = await inspect(`${BASE_REPO}:1`);
    expect(ok.code, ok.stderr).toBe(0);
    const four = injected();
    expect(four.map((e) => `${e.method} ${e.status}`)).toEqual(Array(4).fill('HEAD 429'));
    expect(four.at(-1)!.time - four[0]!.time).toBeLessThan(1000);
    expect(proxy.log.filter((e) => !e.injected).map((e) => `${e.method} ${e.status}`)).toEqual([
      'HEAD 401',
      'HEAD 200',
      'GET 200',
    ]);

    // Five 429s + the 401 use up the budget before the credentials are sent: the command fails, and the
    // error it prints is a 401, not the 429 that caused it.
    withRule(5);
    const misleading = await inspect(`${BASE_REPO}:1`);
    expect(misleading.code).not.toBe(0);
    expect(lastLine(misleading.stderr)).toMatch(/401 Unauthorized/);
    expect(injected()).toHaveLength(5);

    // A persistent 429 fails the command after exactly 6 requests, still without waiting.
    withRule(Infinity);
    const failed = await inspect(`${BASE_REPO}:1`);
    expect(failed.code).not.toBe(0);
    expect(lastLine(failed.stderr)).toMatch(/429 Too Many Requests/);
    const six = injected();
    expect(six.map((e) => `${e.method} ${e.status}`)).toEqual(Array(6).fill('HEAD 429'));
    expect(six.at(-1)!.time - six[0]!.time).toBeLessThan(1000);
  });

  it('manifest PUT faults: the push step retries in rounds 1 s, 2 s, 4 s apart, then gives up', async () => {
    const create = () =>
      run([
        'docker',
        'buildx',
        'imagetools',
        'create',
        '-t',
        `${proxy.host}/fault/copy:1`,
        `${proxy.host}/${BASE_REPO}:1`,
      ]);
    // A dropped connection on the first manifest PUT is survived by buildx alone, about a second later.
    await deleteTagDirect('fault/copy', '1');
    proxy.addRule({ match: isManifestPut('fault/copy'), respond: 'drop', times: 1 });
    const once = await create();
    expect(once.code, once.stderr).toBe(0);
    expect(injected()).toHaveLength(1);
    expect(
      proxy.log.some(
        (e) => e.method === 'PUT' && e.path === '/v2/fault/copy/manifests/1' && e.status === 201,
      ),
    ).toBe(true);

    // A registry that keeps failing manifest PUTs: four rounds, then the command fails (bounded, ~7 s).
    await deleteTagDirect('fault/copy', '1');
    proxy.clearRules();
    proxy.log.length = 0;
    proxy.addRule({ match: isManifestPut('fault/copy'), respond: { status: 502 }, times: Infinity });
    const always = await create();
    expect(always.code).not.toBe(0);
    expect(lastLine(always.stderr)).toMatch(
      /unexpected status from PUT request to .*\/manifests\/sha256:.*: 502/,
    );
    const times = injected().map((e) => e.time);
    const rounds: number[][] = [];
    for (const t of times) {
      const current = rounds.at(-1);
      if (current && t - current[0]! < 500) current.push(t);
      else rounds.push([t]);
    }
    expect(rounds).toHaveLength(4);
    const gaps = rounds.slice(1).map((r, i) => r[0]! - rounds[i]![0]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1900);
    expect(gaps[2]).toBeGreaterThanOrEqual(3900);
    expect(always.ms).toBeLessThan(30_000);
    console.info(
      `manifest PUT 502 forever: ${times.length} PUTs in rounds of ${rounds.map((r) => r.length)}`,
    );
  });

  it('setDown(true): the command fails quickly with a connection error; setDown(false) recovers', async () => {
    // Open a keep-alive connection first: going down must kill existing connections too.
    const warm = await inspect(`${BASE_REPO}:1`);
    expect(warm.code, warm.stderr).toBe(0);

    proxy.setDown(true);
    proxy.log.length = 0;
    const refusedBefore = proxy.refusedConnections;
    const down = await inspect(`${BASE_REPO}:1`, 60_000);
    expect(down.code).not.toBe(0);
    expect(down.ms).toBeLessThan(60_000);
    expect(lastLine(down.stderr)).toMatch(
      /failed to do request: .*(EOF|connection reset|connection refused)/,
    );
    expect(proxy.refusedConnections).toBeGreaterThan(refusedBefore);
    expect(proxy.log).toEqual([]);
    console.info(`registry down: failed in ${down.ms} ms: ${lastLine(down.stderr)}`);

    proxy.setDown(false);
    const up = await inspect(`${BASE_REPO}:1`);
    expect(up.code, up.stderr).toBe(0);
  });
});
