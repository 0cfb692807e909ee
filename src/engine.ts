import { request } from 'node:http';
import { ActionError } from './errors.js';
import { exec } from './exec.js';

export interface Engine {
  arch: string;
  version: string;
}

/** The engine's unix socket when it can be known without asking the docker CLI. */
export function engineSocket(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DOCKER_CONTEXT) return undefined;
  const host = env.DOCKER_HOST;
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
 * Asks the engine for its version and architecture: straight over the socket when it is a local one (no
 * process spawned), else through the docker CLI. Fails before anything else runs when no engine answers.
 */
export async function probeEngine(env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const socket = engineSocket(env);
  try {
    if (socket) {
      const v = await getVersion(socket);
      return { arch: v.Arch, version: v.Version };
    }
    const { stdout } = await exec(['docker', 'version', '--format', '{{.Server.Arch}} {{.Server.Version}}'], {
      echo: false,
    });
    const [arch = '', version = ''] = stdout.trim().split(' ');
    return { arch, version };
  } catch (e) {
    throw new ActionError(
      'engine',
      `no Docker engine answered (${(e as Error).message.split('\n')[0]}); start dockerd or point DOCKER_HOST at a running engine`,
    );
  }
}
