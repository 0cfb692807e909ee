import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Exec } from '../exec/exec.js';
import type { RunnerContext } from '../runner/context.js';
import { ActionError } from '../runner/errors.js';

export interface Engine {
  arch: string;
  version: string;
  /** The docker context the CLI and buildx use (its name is also the docker driver's builder name). */
  context: string;
}

/** Where the docker CLI sends its requests: the context's name and its engine endpoint. */
export interface DockerEndpoint {
  context: string;
  /** unix:///…, tcp://…, ssh://…, npipe://… */
  host: string;
}

const DEFAULT_HOST = 'unix:///var/run/docker.sock';

const readJson = (readFile: (path: string) => string, path: string): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(readFile(path)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

/**
 * The Docker host of docker context `name` in the context store of `dockerConfig` (where `docker context
 * create` writes it), or undefined when there is no such context. `default` is not in the store (it is the
 * engine of DOCKER_HOST, or the local socket): callers treat it apart. Reads files; throws nothing.
 */
export function contextHost(
  dockerConfig: string,
  name: string,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): string | undefined {
  const id = createHash('sha256').update(name).digest('hex');
  const meta = readJson(readFile, join(dockerConfig, 'contexts', 'meta', id, 'meta.json')) as
    { Endpoints?: { docker?: { Host?: string } } } | undefined;
  return meta?.Endpoints?.docker?.Host || undefined;
}

/**
 * The engine the docker CLI would talk to, found as it finds it: DOCKER_HOST (the `default` context), else
 * DOCKER_CONTEXT, else the current context of the docker config (`docker context use`), else `default`. A
 * named context's endpoint is read from the config's context store. Throws ActionError (phase engine)
 * when that context does not exist.
 */
export function dockerEndpoint(
  ctx: Pick<RunnerContext, 'dockerHost' | 'dockerContext' | 'dockerConfig'>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): DockerEndpoint {
  if (ctx.dockerHost) return { context: 'default', host: ctx.dockerHost };
  const current = readJson(readFile, join(ctx.dockerConfig, 'config.json'))?.currentContext;
  const context = ctx.dockerContext ?? (typeof current === 'string' && current ? current : 'default');
  if (context === 'default') return { context, host: DEFAULT_HOST };
  const host = contextHost(ctx.dockerConfig, context, readFile);
  if (!host) {
    throw new ActionError(
      'engine',
      `docker context "${context}" is not in ${join(ctx.dockerConfig, 'contexts')} (${ctx.dockerContext ? 'DOCKER_CONTEXT' : 'the docker config'} selects it); create it, or select another with docker context use`,
    );
  }
  return { context, host };
}

function getVersion(socketPath: string): Promise<{ Arch: string; Version: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/version', timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body) as { Arch: string; Version: string });
        } catch {
          reject(new Error(`unexpected answer from ${socketPath}: HTTP ${res.statusCode}`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${socketPath} within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Asks the engine the docker CLI would use (see dockerEndpoint) for its version and architecture (GOARCH):
 * straight over the socket when it is a local one (no process spawned), else through the docker CLI.
 * Returns them with the context's name. Throws ActionError (phase engine) when no engine answers.
 */
export async function probeEngine(
  ctx: Pick<RunnerContext, 'dockerHost' | 'dockerContext' | 'dockerConfig'>,
  exec: Exec,
): Promise<Engine> {
  const endpoint = dockerEndpoint(ctx);
  try {
    if (endpoint.host.startsWith('unix://')) {
      const v = await getVersion(endpoint.host.slice('unix://'.length));
      return { arch: v.Arch, version: v.Version, context: endpoint.context };
    }
    const { stdout } = await exec.run(
      ['docker', 'version', '--format', '{{.Server.Arch}} {{.Server.Version}}'],
      { echo: false },
    );
    const [arch = '', version = ''] = stdout.trim().split(' ');
    return { arch, version, context: endpoint.context };
  } catch (e) {
    const reason = (e as Error).message.split('\n')[0];
    throw new ActionError(
      'engine',
      endpoint.context === 'default'
        ? `no Docker engine answered (${reason}); start dockerd or point DOCKER_HOST at a running engine`
        : `no Docker engine answered at ${endpoint.host}, the endpoint of docker context ${endpoint.context} (${reason}); start it, or select another engine with docker context use or DOCKER_HOST`,
    );
  }
}
