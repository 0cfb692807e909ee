/**
 * A loopback stand-in for the GitHub Actions cache service, v1 protocol (the REST API under
 * `_apis/artifactcache/` that GHES serves and @actions/cache speaks when ACTIONS_CACHE_URL is set and
 * ACTIONS_CACHE_SERVICE_V2 is not): look up by key and restore-key prefixes, reserve, upload in chunks, commit,
 * download. No such service ships in npm's registry or Debian's archive, and without one `handoff: auto` and
 * `handoff: cache` cannot run here. Entries live in memory; every request is logged for the tests to read.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CacheEntry {
  id: number;
  key: string;
  version: string;
  chunks: Map<number, Buffer>;
  size?: number;
  committed: boolean;
  created: number;
}

export interface ActionsCacheService {
  /** The environment a step gets from the runner when the service is there. */
  env: { ACTIONS_CACHE_URL: string; ACTIONS_RUNTIME_TOKEN: string };
  entries: CacheEntry[];
  /** `METHOD path` of every request, in order. */
  log: string[];
  /** Committed entries' keys, oldest first. */
  keys(): string[];
  close(): Promise<void>;
}

const PREFIX = '/_apis/artifactcache/';

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, value?: unknown): void {
  if (value === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

export async function startActionsCache(): Promise<ActionsCacheService> {
  const token = `e2e-${Math.random().toString(36).slice(2)}`;
  const entries: CacheEntry[] = [];
  const log: string[] = [];
  let base = '';

  const archive = (e: CacheEntry) =>
    Buffer.concat([...e.chunks.entries()].sort(([a], [b]) => a - b).map(([, c]) => c));

  /** As the service matches: each key in order, exactly, then as a prefix; the newest entry wins. */
  const lookup = (keys: string[], version: string) => {
    const ready = entries.filter((e) => e.committed && e.version === version).reverse();
    for (const key of keys) {
      const hit = ready.find((e) => e.key === key) ?? ready.find((e) => e.key.startsWith(key));
      if (hit) return hit;
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    log.push(`${req.method} ${url.pathname}${url.search}`);
    void (async () => {
      if (url.pathname.startsWith('/archive/')) {
        const e = entries.find((x) => x.id === Number(url.pathname.slice('/archive/'.length)));
        if (!e?.committed) return json(res, 404);
        const data = archive(e);
        res.writeHead(200, { 'content-length': data.length, 'content-type': 'application/octet-stream' });
        res.end(data);
        return;
      }
      if (!url.pathname.startsWith(PREFIX)) return json(res, 404);
      if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { message: 'bad token' });
      const resource = url.pathname.slice(PREFIX.length);
      if (req.method === 'GET' && resource === 'cache') {
        const keys = (url.searchParams.get('keys') ?? '').split(',').filter(Boolean);
        const hit = lookup(keys, url.searchParams.get('version') ?? '');
        if (!hit) return json(res, 204);
        return json(res, 200, {
          cacheKey: hit.key,
          scope: 'refs/heads/main',
          creationTime: new Date(hit.created).toISOString(),
          archiveLocation: `${base}/archive/${hit.id}`,
        });
      }
      if (req.method === 'GET' && resource === 'caches')
        return json(res, 200, { totalCount: 0, artifactCaches: [] });
      if (req.method === 'POST' && resource === 'caches') {
        const { key, version } = JSON.parse((await body(req)).toString()) as { key: string; version: string };
        if (entries.some((e) => e.key === key && e.version === version))
          return json(res, 409, { message: `Cache already exists. Scope: refs/heads/main, Key: ${key}` });
        const entry: CacheEntry = {
          id: entries.length + 1,
          key,
          version,
          chunks: new Map(),
          committed: false,
          created: Date.now(),
        };
        entries.push(entry);
        return json(res, 201, { cacheId: entry.id });
      }
      const m = /^caches\/(\d+)$/.exec(resource);
      const entry = m ? entries.find((e) => e.id === Number(m[1])) : undefined;
      if (!entry || entry.committed) return json(res, 404, { message: 'no such reservation' });
      if (req.method === 'PATCH') {
        const range = /^bytes (\d+)-(\d+)\/\*$/.exec(req.headers['content-range'] ?? '');
        if (!range) return json(res, 400, { message: 'Content-Range missing' });
        entry.chunks.set(Number(range[1]), await body(req));
        return json(res, 204);
      }
      if (req.method === 'POST') {
        const { size } = JSON.parse((await body(req)).toString()) as { size: number };
        if (archive(entry).length !== size) return json(res, 400, { message: 'size mismatch' });
        entry.size = size;
        entry.committed = true;
        return json(res, 204);
      }
      return json(res, 405);
    })().catch((e: Error) => json(res, 500, { message: e.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env: { ACTIONS_CACHE_URL: `${base}/`, ACTIONS_RUNTIME_TOKEN: token },
    entries,
    log,
    keys: () => entries.filter((e) => e.committed).map((e) => e.key),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
