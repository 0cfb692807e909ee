import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { runAction } from '../../scripts/run-action.mjs';

export { runAction };

/** What scripts/e2e-env.sh started: it writes this file once the engine, registry and base image are up. */
const ENV_FILE = '/var/lib/multiarch-e2e/env';
if (!existsSync(ENV_FILE)) {
  throw new Error(
    `${ENV_FILE} is missing: run \`bash scripts/e2e-env.sh up\` (npm run test:e2e does) before the e2e tests`,
  );
}
const env = Object.fromEntries(
  readFileSync(ENV_FILE, 'utf8')
    .trim()
    .split('\n')
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
) as Record<string, string>;

export const REGISTRY = env.E2E_REGISTRY as string;
export const BASE_IMAGE = env.E2E_BASE_IMAGE as string;
export const REGISTRY_PASSWORD = readFileSync(env.E2E_REGISTRY_PASSWORD_FILE as string, 'utf8').trim();

export function docker(args: string[], input?: string): string {
  return execFileSync('docker', args, {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 << 20,
  });
}

export function dockerResult(args: string[]): { code: number; out: string } {
  const r = spawnSync('docker', args, { encoding: 'utf8' });
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

export interface RawIndex {
  mediaType: string;
  manifests: Array<{
    digest: string;
    platform?: { os: string; architecture: string; variant?: string };
    annotations?: Record<string, string>;
  }>;
  annotations?: Record<string, string>;
}

export function inspectRaw(ref: string): RawIndex {
  return JSON.parse(docker(['buildx', 'imagetools', 'inspect', '--raw', ref])) as RawIndex;
}

/** Image platforms of an index, attestation entries aside. */
export function platformsOf(index: RawIndex): string[] {
  return index.manifests
    .filter(
      (m) =>
        m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' &&
        m.platform?.os !== 'unknown',
    )
    .map((m) => [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/'))
    .sort();
}

export function digestOf(ref: string): string | undefined {
  const r = dockerResult(['buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest.Digest}}', ref]);
  return r.code === 0 ? (JSON.parse(r.out.trim()) as string) : undefined;
}

const BINFMT = '/proc/sys/fs/binfmt_misc';
export function qemuHandlers(): string[] {
  return readdirSync(BINFMT)
    .filter((n) => n.startsWith('qemu-'))
    .sort();
}

/** The e2e tests start from no handlers, as a fresh runner does. */
export function removeQemuHandlers(): void {
  for (const name of qemuHandlers()) writeFileSync(`${BINFMT}/${name}`, '-1');
}

export function builders(): string[] {
  return docker(['buildx', 'ls', '--format', '{{.Name}}']).split('\n').filter(Boolean);
}

export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A unix socket in front of the engine's, counting connections: an input error must not reach the engine. */
export async function engineRelay(path: string) {
  let connections = 0;
  const server = createServer((client) => {
    connections++;
    const engine = connect('/var/run/docker.sock');
    client.pipe(engine).pipe(client);
    engine.on('error', () => client.destroy());
    client.on('error', () => engine.destroy());
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  chmodSync(path, 0o666);
  return {
    get connections() {
      return connections;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
