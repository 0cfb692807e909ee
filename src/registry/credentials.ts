// The registry credentials the docker CLI (and buildx) would use, read from the same docker config: its auths,
// its credential helpers. Values are masked as they are read and never logged or passed on a command line.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Step } from '../runner/step.js';

export interface Credential {
  username?: string;
  password?: string;
  /** An OAuth refresh token (docker config `identitytoken`, or a helper's `<token>` user). */
  identityToken?: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** The keys a docker config may file `host` under (Docker Hub keeps its historical one). */
export function configKeys(host: string): string[] {
  if (host === 'docker.io' || host === 'registry-1.docker.io' || host === 'index.docker.io')
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  return [host, `https://${host}`, `http://${host}`, `https://${host}/`, `http://${host}/`];
}

async function readConfig(dir: string): Promise<DockerConfig> {
  try {
    return JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as DockerConfig;
  } catch {
    return {}; // no config, or not JSON: anonymous, as the docker CLI would be
  }
}

async function fromHelper(step: Step, helper: string, key: string): Promise<Credential | undefined> {
  const r = await step.exec
    .run([`docker-credential-${helper}`, 'get'], { input: key, echo: false, allowFailure: true })
    .catch(() => undefined);
  if (!r || r.code !== 0) return undefined;
  try {
    const { Username, Secret } = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
    if (!Secret) return undefined;
    return Username === '<token>' ? { identityToken: Secret } : { username: Username, password: Secret };
  } catch {
    return undefined;
  }
}

/**
 * The credential for `host` (as a reference names it: ghcr.io, docker.io, 127.0.0.1:5000), or undefined for
 * anonymous access. Every secret found is masked in the log.
 */
export async function credentialFor(step: Step, host: string): Promise<Credential | undefined> {
  const config = await readConfig(step.ctx.dockerConfig);
  const keys = configKeys(host);
  let found: Credential | undefined;
  const helper = keys.map((k) => config.credHelpers?.[k]).find(Boolean) ?? config.credsStore;
  if (helper) {
    for (const key of keys) {
      found = await fromHelper(step, helper, key);
      if (found) break;
    }
  }
  const entry = keys.map((k) => config.auths?.[k]).find(Boolean);
  if (!found && entry) {
    if (entry.identitytoken) found = { identityToken: entry.identitytoken };
    else if (entry.auth) {
      const text = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = text.indexOf(':');
      found = { username: text.slice(0, colon), password: text.slice(colon + 1) };
    } else if (entry.password) found = { username: entry.username, password: entry.password };
  }
  for (const secret of [found?.password, found?.identityToken]) if (secret) step.log.mask(secret);
  return found;
}
