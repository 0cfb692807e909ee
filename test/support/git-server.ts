// A Git server on loopback, as GitHub serves a repository to BuildKit: Debian's `git http-backend` (smart
// HTTP) behind a small HTTP server that accepts only the token BuildKit sends for GIT_AUTH_TOKEN (basic auth
// as x-access-token). Every request is recorded, so a test can see whether the token was sent.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface GitServer {
  /** `http://127.0.0.1:<port>`: what GITHUB_SERVER_URL would be. */
  url: string;
  /** `127.0.0.1:<port>`: the host BuildKit keys its token secret on. */
  host: string;
  /** Requests seen: path, and whether they carried the expected token. */
  requests: Array<{ path: string; authorized: boolean; anyAuth: boolean }>;
  close(): Promise<void>;
}

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'e2e',
      GIT_AUTHOR_EMAIL: 'e2e@example.com',
      GIT_COMMITTER_NAME: 'e2e',
      GIT_COMMITTER_EMAIL: 'e2e@example.com',
    },
  }).trim();

/**
 * Creates `<root>/<owner>/<repo>.git` (bare) holding one commit of `files` (path → content) on main;
 * returns the bare repository's root and the commit's sha.
 */
export function makeRepository(
  owner: string,
  repo: string,
  files: Record<string, string>,
): { root: string; sha: string } {
  const root = mkdtempSync(join(tmpdir(), 'git-server-'));
  const work = join(root, 'work');
  mkdirSync(work);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), content);
  }
  git(work, ['init', '-q', '-b', 'main']);
  git(work, ['add', '-A']);
  git(work, ['commit', '-q', '-m', 'e2e']);
  const sha = git(work, ['rev-parse', 'HEAD']);
  const bare = join(root, owner, `${repo}.git`);
  mkdirSync(dirname(bare), { recursive: true });
  git(root, ['clone', '-q', '--bare', work, bare]);
  return { root, sha };
}

/** Serves the repositories under `root` on 127.0.0.1, to clients that present `token` (if one is given). */
export async function startGitServer(root: string, token?: string): Promise<GitServer> {
  const requests: GitServer['requests'] = [];
  const expected = token ? `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}` : undefined;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const auth = req.headers.authorization ?? '';
    const authorized = !expected || auth.toLowerCase() === expected.toLowerCase();
    requests.push({ path: url.pathname, authorized, anyAuth: auth !== '' });
    if (!authorized) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="e2e"' }).end();
      return;
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    cgi.on('close', () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
