// Watching nodes: the probe speaks each node's protocol (a TCP accept alone proves nothing: a proxy may
// accept for a host that is gone), and the watch reports the first node that failed its checks in a row.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProbeTarget } from '../../../src/buildx/nodes.js';
import {
  findUnreachable,
  protocolProbe,
  watchNodes,
  type Lost,
  type WatchedNode,
} from '../../../src/buildx/watch.js';

/** An HTTP/2 SETTINGS frame, as a gRPC server sends first. */
const SETTINGS = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);

/** A TLS CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
function tlsMaterial() {
  const dir = mkdtempSync(join(tmpdir(), 'watch-test-'));
  const f = (n: string) => join(dir, n);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  run([
    'req',
    '-x509',
    ...ec,
    '-days',
    '1',
    '-subj',
    '/CN=test CA',
    '-keyout',
    f('ca-key.pem'),
    '-out',
    f('ca.pem'),
  ]);
  for (const [name, ext] of [
    ['server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'],
    ['client', 'extendedKeyUsage=clientAuth\n'],
  ] as const) {
    run(['req', ...ec, '-subj', `/CN=${name}`, '-keyout', f(`${name}-key.pem`), '-out', f(`${name}.csr`)]);
    writeFileSync(f(`${name}.ext`), ext);
    run([
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca-key.pem'),
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      f(`${name}.ext`),
      '-out',
      f(`${name}.pem`),
    ]);
  }
  // Another CA: a server the node's CA did not sign.
  run([
    'req',
    '-x509',
    ...ec,
    '-days',
    '1',
    '-subj',
    '/CN=other CA',
    '-keyout',
    f('other-key.pem'),
    '-out',
    f('other.pem'),
  ]);
  return { dir, f };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('protocolProbe', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  let ports: Record<string, number>;
  let tls: ReturnType<typeof tlsMaterial>;
  const keep = (s: Socket) => void sockets.push(s);

  beforeAll(async () => {
    tls = tlsMaterial();
    const { f } = tls;
    const make = async (name: string, server: Server) => {
      servers.push(server);
      return [name, await listen(server)] as const;
    };
    ports = Object.fromEntries(
      await Promise.all([
        make(
          'grpc',
          createServer((s) => (keep(s), s.write(SETTINGS))),
        ),
        // Accepts and says nothing: a proxy in front of a host that is gone.
        make('silent', createServer(keep)),
        make(
          'closing',
          createServer((s) => s.destroy()),
        ),
        make(
          'http1',
          createServer((s) => (keep(s), s.on('data', () => s.write('HTTP/1.1 400 Bad Request\r\n\r\n')))),
        ),
        make(
          'ssh',
          createServer((s) => (keep(s), s.write('SSH-2.0-OpenSSH_9.2\r\n'))),
        ),
        make(
          'grpc-tls',
          createTlsServer(
            {
              ca: readFileSync(f('ca.pem')),
              cert: readFileSync(f('server.pem')),
              key: readFileSync(f('server-key.pem')),
              requestCert: true,
              rejectUnauthorized: true,
              ALPNProtocols: ['h2'],
            },
            (s) => (keep(s), s.write(SETTINGS)),
          ),
        ),
        make(
          'foreign-tls',
          createTlsServer(
            { cert: readFileSync(f('other.pem')), key: readFileSync(f('other-key.pem')) },
            (s) => (keep(s), s.write(SETTINGS)),
          ),
        ),
      ]),
    );
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const grpc = (port: string, withTls = false): ProbeTarget => ({
    host: '127.0.0.1',
    port: ports[port] as number,
    kind: 'grpc',
    ...(withTls
      ? { tls: { cacert: tls.f('ca.pem'), cert: tls.f('client.pem'), key: tls.f('client-key.pem') } }
      : {}),
  });

  it.each<[string, () => ProbeTarget, RegExp | undefined]>([
    ['a gRPC server answers', () => grpc('grpc'), undefined],
    ['a gRPC server over mutual TLS with the node’s CA answers', () => grpc('grpc-tls', true), undefined],
    [
      'a silent accept (a proxy for a host that is gone) is not an answer',
      () => grpc('silent'),
      /^no answer within 0\.3 s$/,
    ],
    ['a closed connection is not an answer', () => grpc('closing'), /^(connection closed|ECONNRESET)$/],
    ['an HTTP/1 server is not BuildKit', () => grpc('http1'), /^not a BuildKit \(gRPC\) server$/],
    [
      'a TLS server the node’s CA did not sign is not the node',
      () => ({ ...grpc('foreign-tls', true) }),
      /SELF_SIGNED|UNABLE_TO_VERIFY|certificate/i,
    ],
    ['nothing listening', () => ({ host: '127.0.0.1', port: 1, kind: 'grpc' }), /^ECONNREFUSED$/],
    [
      'an SSH host sends its banner',
      () => ({ host: '127.0.0.1', port: ports.ssh as number, kind: 'ssh' }),
      undefined,
    ],
    [
      'a gRPC server is not an SSH host',
      () => ({ host: '127.0.0.1', port: ports.grpc as number, kind: 'ssh' }),
      /^no SSH banner$/,
    ],
  ])('%s', async (_name, target, expected) => {
    const reason = await protocolProbe(target(), 300);
    if (expected) expect(reason).toMatch(expected);
    else expect(reason).toBeUndefined();
  });
});

describe('watchNodes and findUnreachable', () => {
  const node = (name: string): WatchedNode => ({
    name,
    endpoint: `tcp://${name}:1234`,
    target: { host: name, port: 1234, kind: 'grpc' },
  });

  it('reports the first node that fails `misses` checks in a row, once, and stops checking', async () => {
    vi.useFakeTimers();
    try {
      // b answers twice, then stops answering; a always answers. One failure in between is forgiven.
      const answers: Record<string, Array<string | undefined>> = {
        b: [undefined, 'ETIMEDOUT', undefined, 'ETIMEDOUT', 'ETIMEDOUT', 'ETIMEDOUT', 'ETIMEDOUT'],
      };
      const calls: string[] = [];
      const probe = async (t: ProbeTarget) => {
        calls.push(t.host);
        return t.host === 'b' ? answers.b?.shift() : undefined;
      };
      const lost: Lost[] = [];
      const watch = watchNodes([node('a'), node('b')], probe, (l) => lost.push(l), {
        intervalMs: 1000,
        timeoutMs: 500,
        misses: 3,
      });
      for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(1000);
      expect(lost).toEqual([{ node: node('b'), reason: 'ETIMEDOUT' }]);
      const checks = calls.length;
      expect(checks).toBe(12); // 6 rounds: the third failure in a row ends it
      await vi.advanceTimersByTimeAsync(5000);
      expect(calls.length).toBe(checks);
      watch.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('stop() ends the checks', async () => {
    vi.useFakeTimers();
    try {
      const calls: string[] = [];
      const watch = watchNodes(
        [node('a')],
        async (t) => (calls.push(t.host), undefined),
        () => {},
        { intervalMs: 1000, timeoutMs: 500, misses: 3 },
      );
      await vi.advanceTimersByTimeAsync(2000);
      watch.stop();
      const before = calls.length;
      await vi.advanceTimersByTimeAsync(5000);
      expect(calls.length).toBe(before);
      expect(before).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('findUnreachable: a node that fails every try, not one that answers on a retry', async () => {
    const tries: Record<string, number> = {};
    const probe = async (t: ProbeTarget) => {
      tries[t.host] = (tries[t.host] ?? 0) + 1;
      if (t.host === 'flaky') return tries[t.host] === 1 ? 'ECONNRESET' : undefined;
      return t.host === 'gone' ? 'EHOSTUNREACH' : undefined;
    };
    expect(
      await findUnreachable([node('ok'), node('flaky')], probe, { timeoutMs: 100, tries: 2 }),
    ).toBeUndefined();
    expect(await findUnreachable([node('ok'), node('gone')], probe, { timeoutMs: 100, tries: 2 })).toEqual({
      node: node('gone'),
      reason: 'EHOSTUNREACH',
    });
    expect(tries).toEqual({ ok: 2, flaky: 2, gone: 2 });
  });
});
