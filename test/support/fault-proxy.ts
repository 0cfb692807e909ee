/**
 * A loopback HTTP reverse proxy in front of the e2e registry, for fault-injection tests.
 *
 * Requests pass through to the target unchanged (bodies streamed both ways, so multi-MB blobs and chunked
 * PATCH/PUT uploads work) unless a rule matches: then the proxy answers with the rule's canned response, or
 * destroys the socket ('drop'), for the rule's `times` matching requests. `setDown(true)` destroys every
 * connection, existing and new, as if the registry were unreachable.
 *
 * Only node:http; no TLS (docker, dockerd and buildx treat 127.0.0.0/8 registries as plain HTTP).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { pipeline } from 'node:stream';
import { e2eEnv } from '../../scripts/e2e-env.mjs';

export interface FaultRequest {
  method: string;
  /** The request target as sent (path and query string). */
  path: string;
}

export interface FaultRule {
  match: (req: FaultRequest) => boolean;
  /** A canned response, or 'drop' to destroy the client socket without answering. */
  respond: { status: number; headers?: Record<string, string>; body?: string } | 'drop';
  /** How many matching requests get the fault before requests pass through again (Infinity allowed). */
  times: number;
}

export interface FaultLogEntry {
  method: string;
  path: string;
  /** The status sent to the client; 0 when the socket was dropped or the upstream failed mid-response. */
  status: number;
  injected: boolean;
  /** When the request arrived (Date.now()); shows how fast a client retried. */
  time: number;
}

export interface FaultProxy {
  port: number;
  /** `127.0.0.1:<port>`: use as the registry part of an image reference. */
  host: string;
  addRule(rule: FaultRule): void;
  clearRules(): void;
  log: FaultLogEntry[];
  /** Connections destroyed while down (no HTTP request was read from them, so they are not in `log`). */
  readonly refusedConnections: number;
  setDown(down: boolean): void;
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1): never forwarded; node re-frames the bodies itself.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

type HeaderMap = Record<string, string | string[]>;

/** Headers from a raw list, repeated names kept as arrays (several WWW-Authenticate challenges stay apart). */
function endToEndHeaders(raw: string[], rewrite?: (name: string, value: string) => string): HeaderMap {
  const out: HeaderMap = {};
  const connectionTokens = new Set<string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if ((raw[i] as string).toLowerCase() === 'connection') {
      for (const t of (raw[i + 1] as string).split(',')) connectionTokens.add(t.trim().toLowerCase());
    }
  }
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || connectionTokens.has(lower)) continue;
    const value = rewrite ? rewrite(lower, raw[i + 1] as string) : (raw[i + 1] as string);
    const prev = out[lower];
    if (prev === undefined) out[lower] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[lower] = [prev, value];
  }
  return out;
}

export async function startFaultProxy(opts: { target: string; port?: number }): Promise<FaultProxy> {
  const target = opts.target;
  const [targetHostname, targetPortText] = splitHostPort(target);
  const targetPort = Number(targetPortText);
  const rules: FaultRule[] = [];
  const log: FaultLogEntry[] = [];
  const sockets = new Set<Socket>();
  const upstreamAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  let down = false;
  let refused = 0;
  let proxyHost = ''; // set once listening

  // Absolute URLs the registry hands out (Location, a token realm) must lead back through the proxy.
  const targetUrlPattern = new RegExp(`^(https?://)${escapeRegExp(target)}(?=[/?#]|$)`, 'i');
  const rewriteHeader = (name: string, value: string): string => {
    if (name === 'location' || name === 'content-location')
      return value.replace(targetUrlPattern, `$1${proxyHost}`);
    if (name === 'www-authenticate') return value.split(`//${target}/`).join(`//${proxyHost}/`);
    return value;
  };

  const takeRule = (req: FaultRequest): FaultRule | undefined => {
    for (const rule of rules) {
      if (rule.times > 0 && rule.match(req)) {
        rule.times -= 1; // Infinity - 1 stays Infinity
        return rule;
      }
    }
    return undefined;
  };

  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const time = Date.now();
    if (down) {
      req.socket.destroy();
      return;
    }
    const rule = takeRule({ method, path });
    if (rule) {
      if (rule.respond === 'drop') {
        log.push({ method, path, status: 0, injected: true, time });
        req.socket.destroy();
        return;
      }
      const { status, headers = {}, body = '' } = rule.respond;
      log.push({ method, path, status, injected: true, time });
      // Read (and discard) what the client sends so the connection can be reused cleanly.
      req.resume();
      res.writeHead(status, {
        'content-type': 'application/json',
        ...headers,
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(method === 'HEAD' ? undefined : body);
      return;
    }

    const entry: FaultLogEntry = { method, path, status: 0, injected: false, time };
    log.push(entry);
    const headers = endToEndHeaders(req.rawHeaders);
    headers.host = target;
    const upstream = http.request({
      host: targetHostname,
      port: targetPort,
      method,
      path,
      headers,
      agent: upstreamAgent,
    });
    upstream.on('response', (upRes) => {
      entry.status = upRes.statusCode ?? 502;
      res.writeHead(
        upRes.statusCode ?? 502,
        upRes.statusMessage,
        endToEndHeaders(upRes.rawHeaders, rewriteHeader),
      );
      pipeline(upRes, res, (err) => {
        if (err) {
          entry.status = 0;
          res.destroy();
        }
      });
    });
    // Streams the request body (a blob PATCH/PUT can be many MB); also covers client aborts.
    pipeline(req, upstream, (err) => {
      if (!err) return;
      if (!res.headersSent && !res.destroyed) {
        entry.status = 502;
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`fault-proxy: upstream ${target}: ${err.message}\n`);
      } else {
        res.destroy();
      }
    });
  });

  server.on('connection', (socket: Socket) => {
    if (down) {
      refused += 1;
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // No 'clientError' listener on purpose: node answers garbage (e.g. a TLS ClientHello) with a plain
  // `HTTP/1.1 400`, which is exactly what Go clients look for before falling back from https to http.

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  proxyHost = `127.0.0.1:${port}`;

  return {
    port,
    host: proxyHost,
    log,
    get refusedConnections() {
      return refused;
    },
    addRule(rule: FaultRule): void {
      rules.push({ ...rule }); // own copy: `times` counts down
    },
    clearRules(): void {
      rules.length = 0;
    },
    setDown(value: boolean): void {
      down = value;
      if (value) {
        for (const s of sockets) s.destroy();
        sockets.clear();
      }
    },
    close(): Promise<void> {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        sockets.clear();
        upstreamAgent.destroy();
      });
    },
  };
}

function splitHostPort(hostPort: string): [string, string] {
  const i = hostPort.lastIndexOf(':');
  if (i <= 0) throw new Error(`fault-proxy: target must be host:port, got ${hostPort}`);
  return [hostPort.slice(0, i).replace(/^\[|\]$/g, ''), hostPort.slice(i + 1)];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---- matchers ----------------------------------------------------------------------------------------

function pathname(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}

/** `[host/]name[:tag|@digest]` → repository name and optional reference. */
function parseImage(image: string): { name: string; reference?: string } {
  let rest = image;
  const at = rest.indexOf('@');
  let reference: string | undefined;
  if (at >= 0) {
    reference = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') rest = rest.slice(slash + 1);
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/') && colon >= 0) {
    reference ??= rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return reference === undefined ? { name: rest } : { name: rest, reference };
}

const MANIFEST_PATH = /^\/v2\/(.+)\/manifests\/([^/]+)$/;

function manifestMatcher(methods: string[], image?: string): (req: FaultRequest) => boolean {
  const want = image === undefined ? undefined : parseImage(image);
  return (req) => {
    if (!methods.includes(req.method)) return false;
    const m = MANIFEST_PATH.exec(pathname(req.path));
    if (!m) return false;
    if (!want) return true;
    if (m[1] !== want.name) return false;
    return want.reference === undefined || decodeURIComponent(m[2] as string) === want.reference;
  };
}

/**
 * A manifest (or index) upload: `PUT /v2/<name>/manifests/<ref>`. `image` narrows it to one repository
 * (`fault/copy`), optionally one tag or digest (`fault/copy:1`); a leading registry host is ignored.
 */
export function isManifestPut(image?: string): (req: FaultRequest) => boolean {
  return manifestMatcher(['PUT'], image);
}

/**
 * A manifest read. Registry clients (containerd's resolver, hence buildx) resolve a tag with HEAD and then
 * fetch with GET, so both count unless `methods` says otherwise.
 */
export function isManifestGet(
  image?: string,
  methods: string[] = ['GET', 'HEAD'],
): (req: FaultRequest) => boolean {
  return manifestMatcher(methods, image);
}

/** Any step of a blob upload: POST (start or cross-repo mount), PATCH (a chunk), PUT (finish). */
export function isBlobUpload(image?: string): (req: FaultRequest) => boolean {
  const want = image === undefined ? undefined : parseImage(image).name;
  return (req) => {
    if (!['POST', 'PATCH', 'PUT'].includes(req.method)) return false;
    const m = /^\/v2\/(.+)\/blobs\/uploads\/[^/]*$/.exec(pathname(req.path));
    return m !== null && (want === undefined || m[1] === want);
  };
}

// ---- login -------------------------------------------------------------------------------------------

/** The registry's credentials, where scripts/e2e-env.sh keeps them. */
export const REGISTRY_USER = e2eEnv().E2E_REGISTRY_USER as string;
export const REGISTRY_PASSWORD_FILE = e2eEnv().E2E_REGISTRY_PASSWORD_FILE as string;

/**
 * `docker login <proxy host>`: docker keys credentials by host:port, so those stored for the registry
 * itself are not sent to the proxy. The password goes on stdin, never argv. Bounded by `timeoutMs`.
 */
export async function loginThrough(proxy: Pick<FaultProxy, 'host'>, timeoutMs = 60_000): Promise<void> {
  const password = (await readFile(REGISTRY_PASSWORD_FILE, 'utf8')).trim();
  await dockerWithStdin(['login', proxy.host, '-u', REGISTRY_USER, '--password-stdin'], password, timeoutMs);
}

/** Drop the credentials `loginThrough` stored (ephemeral ports would otherwise pile up in config.json). */
export async function logoutThrough(proxy: Pick<FaultProxy, 'host'>, timeoutMs = 30_000): Promise<void> {
  await dockerWithStdin(['logout', proxy.host], '', timeoutMs);
}

function dockerWithStdin(args: string[], input: string, timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('docker', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`docker ${args[0]} ${args[1]} failed (${signal ?? code}): ${output.trim()}`));
    });
    child.stdin.end(input);
  });
}
