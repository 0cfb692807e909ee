import { request } from 'node:http';
import type { Exec } from '../exec/exec.js';
import type { RunnerContext } from '../runner/context.js';
import { ActionError } from '../runner/errors.js';

export interface Engine {
  arch: string;
  version: string;
}

/** The engine's unix socket when it can be known without asking the docker CLI. */
export function engineSocket(ctx: Pick<RunnerContext, 'dockerHost' | 'dockerContext'>): string | undefined {
  if (ctx.dockerContext) return undefined;
  const host = ctx.dockerHost;
  if (!host) return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
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
 * Asks the engine for its version and architecture (GOARCH): straight over the socket when it is a local one
 * (no process spawned), else through the docker CLI. Throws ActionError (phase engine) when no engine answers.
 */
export async function probeEngine(
  ctx: Pick<RunnerContext, 'dockerHost' | 'dockerContext'>,
  exec: Exec,
): Promise<Engine> {
  const socket = engineSocket(ctx);
  try {
    if (socket) {
      const v = await getVersion(socket);
      return { arch: v.Arch, version: v.Version };
    }
    const { stdout } = await exec.run(
      ['docker', 'version', '--format', '{{.Server.Arch}} {{.Server.Version}}'],
      { echo: false },
    );
    const [arch = '', version = ''] = stdout.trim().split(' ');
    return { arch, version };
  } catch (e) {
    throw new ActionError(
      'engine',
      `no Docker engine answered (${(e as Error).message.split('\n')[0]}); start dockerd or point DOCKER_HOST at a running engine`,
    );
  }
}
