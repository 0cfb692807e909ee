import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { e2eEnv } from '../../scripts/e2e-env.mjs';
import { runAction as runActionRaw } from '../../scripts/run-action.mjs';
import { copyRace } from '../../src/modes/merge.js';

/** Builders the runs of this test file created (their main saved one for post to remove). */
export const createdBuilders = new Set<string>();

/** scripts/run-action.mjs's runAction, noting the builder each run created. */
export const runAction: typeof runActionRaw = async (...args) => {
  const run = await runActionRaw(...args);
  const builder = run.state.builder ?? run.outputs.builder;
  if (builder?.startsWith('multiarch-')) createdBuilders.add(builder);
  return run;
};

/** What scripts/e2e-env.sh provisioned, as `scripts/e2e-env.sh env` reports it (npm run test:e2e runs `up` first). */
export const E2E = e2eEnv() as Record<string, string>;
const need = (key: string): string => {
  const value = E2E[key];
  if (!value)
    throw new Error(`scripts/e2e-env.sh env has no ${key}: run \`bash scripts/e2e-env.sh up\` again`);
  return value;
};

export const REGISTRY = need('E2E_REGISTRY');
export const BASE_IMAGE = need('E2E_BASE_IMAGE');
export const REGISTRY_PASSWORD = readFileSync(need('E2E_REGISTRY_PASSWORD_FILE'), 'utf8').trim();
/** The registry's repositories on disk: tags and revisions read without going through the registry. */
export const REPOSITORIES = need('E2E_REGISTRY_REPOSITORIES');
/** The BuildKit image scripts/buildkit-image.sh built from Debian's archive and pushed to the registry. */
export const BUILDKIT_IMAGE = need('E2E_BUILDKIT_IMAGE');
/** The same build's buildkitd binary, to run on the host. */
export const BUILDKITD = need('E2E_BUILDKITD');
/** The buildx plugin scripts/e2e-env.sh installed. */
export const BUILDX = need('E2E_BUILDX');

/**
 * The default driver (docker-container), set up as an air-gapped runner sets it: the locally built BuildKit
 * image, a daemon config that lets it reach the plain-HTTP registry on loopback, and host networking so the
 * builder container can reach 127.0.0.1 at all. Every e2e run on the default driver spreads this.
 */
export const AIR_GAPPED: Readonly<Record<string, string>> = {
  'buildkit-image': BUILDKIT_IMAGE,
  'buildkitd-config-inline': `[registry."${REGISTRY}"]\n  http = true\n`,
  'driver-opts': 'network=host',
};

/** What buildx names a docker-container builder's node container and its state volume. */
export const builderContainer = (builder: string) => `buildx_buildkit_${builder}0`;
export const builderVolume = (builder: string) => `${builderContainer(builder)}_state`;

export const containers = (): string[] =>
  docker(['ps', '-a', '--format', '{{.Names}}']).split('\n').filter(Boolean);
export const volumes = (): string[] =>
  docker(['volume', 'ls', '--format', '{{.Name}}']).split('\n').filter(Boolean);

/** A docker-container builder's three parts: the builder (buildx's record), its container, its state volume. */
export const builderParts = (builder: string): string[] => [
  `builder ${builder}`,
  `container ${builderContainer(builder)}`,
  `volume ${builderVolume(builder)}`,
];

/**
 * Which of those parts are still there. buildx keeps the builder as a file under the docker config dir
 * (`buildx ls` lists those files): pass the runner's DOCKER_CONFIG when the run used its own.
 */
export function builderLeftovers(builder: string, dockerConfig = join(homedir(), '.docker')): string[] {
  const [record, container, volume] = builderParts(builder) as [string, string, string];
  return [
    ...(existsSync(join(dockerConfig, 'buildx', 'instances', builder)) ? [record] : []),
    ...(containers().includes(builderContainer(builder)) ? [container] : []),
    ...(volumes().includes(builderVolume(builder)) ? [volume] : []),
  ];
}

/** A repository (`<registry>/<name>` or `<name>`) as the registry stores it on disk. */
const repositoryDir = (image: string) =>
  join(
    REPOSITORIES,
    image.startsWith(`${REGISTRY}/`) ? image.slice(REGISTRY.length + 1) : image,
    '_manifests',
  );
const listDir = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Tags of a repository, read from the registry's storage. */
export const tagsOf = (image: string): string[] => listDir(join(repositoryDir(image), 'tags'));

/** Manifests (by digest) a repository holds, tagged or not. */
export const revisionsOf = (image: string): string[] =>
  listDir(join(repositoryDir(image), 'revisions', 'sha256')).map((d) => `sha256:${d}`);

/**
 * One job's step as the runner runs it: main, then post with the same environment. Returns main's result,
 * post's exit code and log, and what of its builder post left behind.
 */
export async function job(inputs: Record<string, string>, options: Parameters<typeof runAction>[1] = {}) {
  const run = await runAction(inputs, options);
  const post = await run.post();
  return { ...run, post, leftovers: builderLeftovers(run.state.builder ?? run.outputs.builder ?? '') };
}

export function docker(args: string[], input?: string): string {
  return execFileSync('docker', args, {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 << 20,
  });
}

/**
 * `docker buildx imagetools create <args>` for a test's own setup, run again (up to 3 times) when the registry
 * refuses one of imagetools' concurrent copies by digest with 400 — the race the action's merge retries too
 * (copyRace in src/modes/merge.ts). Anything else fails at once.
 */
export function imagetoolsCreate(args: string[]): string {
  for (let attempt = 1; ; attempt++) {
    const r = spawnSync('docker', ['buildx', 'imagetools', 'create', ...args], { encoding: 'utf8' });
    if (r.status === 0) return `${r.stdout}${r.stderr}`;
    const out = `${r.stdout}${r.stderr}`;
    if (attempt >= 3 || !copyRace(new Error(out)))
      throw new Error(`imagetools create ${args.join(' ')}: ${out}`);
  }
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

/**
 * Shims in `dir` for the commands the action may spawn: each appends `<name> <argv>` to $SHIM_LOG, then runs
 * the real command (or fails as a missing one would, with 127, where the machine has none).
 */
export function writeCommandShims(dir: string, names: string[] = ['docker', 'sudo', 'mount']): void {
  for (const name of names) {
    const real = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    const run = real ? `exec ${real} "$@"` : 'exit 127';
    writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >>"$SHIM_LOG"\n${run}\n`, { mode: 0o755 });
  }
}
