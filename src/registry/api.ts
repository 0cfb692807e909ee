// The two registry calls buildx has no command for: list a repository's tags, delete a tag (never a manifest).
// Distribution-spec HTTP with the docker config's credentials (Basic, or a Bearer token from the registry's
// token service). No secret reaches the log, a command line or an error message.
import { fetch, type Response } from 'undici';
import { retry } from '../exec/retry.js';
import type { Step } from '../runner/step.js';
import { credentialFor, type Credential } from './credentials.js';
import { isLoopbackHost, proxyDispatchers } from './proxy.js';
import { isTag } from './refs.js';

export interface RegistryApi {
  /** Every tag of `repository` (empty when it has none). Throws RegistryApiError once retries are spent. */
  tags(repository: string): Promise<string[]>;
  /** Deletes `tag` of `repository` by its name (OCI distribution-spec 1.1), never by digest. Never throws. */
  deleteTag(repository: string, tag: string): Promise<TagDeletion>;
  /**
   * Whether this step's login may push to `repository`: starts a blob upload and cancels it (nothing is
   * written). Never throws.
   */
  pushAccess(repository: string): Promise<PushAccess>;
}

export type TagDeletion = { deleted: true } | { deleted: false; reason: string };

/**
 * `refused`: the registry answered and will not take this login's pushes; `unreachable`: nothing answers at
 * that address (refused connection, unknown host); `unknown`: anything else (TLS, timeouts, 5xx after retries).
 */
export type PushAccess = { kind: 'ok' } | { kind: 'refused' | 'unreachable' | 'unknown'; reason: string };

/** Connection failures that mean no registry listens there at all (not a slow or filtered network). */
const NOTHING_THERE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/;

export class RegistryApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryApiError';
  }
}

/** A 5xx, a 429 or no answer at all: worth another try. */
export const apiErrorIsTransient = (e: unknown): boolean =>
  e instanceof RegistryApiError && (e.status === undefined || e.status === 429 || e.status >= 500);

export interface Endpoint {
  /** The host as references and the docker config name it (docker.io for Docker Hub). */
  host: string;
  /** Where the API answers: `https://ghcr.io`, `http://127.0.0.1:5000`. */
  base: string;
  /** The repository's path on that host (`library/` added for Docker Hub's one-word names). */
  path: string;
}

/** Where the API for `repository` (as in a reference, e.g. ghcr.io/acme/app or acme/app) answers. */
export function endpointOf(repository: string): Endpoint {
  const [first = '', ...rest] = repository.split('/');
  const named = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = named ? first : 'docker.io';
  let path = named ? rest.join('/') : repository;
  if (host === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  const apiHost = host === 'docker.io' ? 'registry-1.docker.io' : host;
  return { host, base: `${isLoopbackHost(apiHost) ? 'http' : 'https'}://${apiHost}`, path };
}

const REQUEST_TIMEOUT_MS = 30_000;
const RETRY = { attempts: 4, baseMs: 1000 };

/** `key="value"` parameters of a WWW-Authenticate challenge. */
function challengeParams(header: string): Record<string, string> {
  return Object.fromEntries(
    [...header.matchAll(/(\w+)="([^"]*)"/g)].map((m): [string, string] => [m[1] ?? '', m[2] ?? '']),
  );
}

const basic = (c: Credential) =>
  `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64')}`;

/** A registry's errors[0].code, for messages (never anything sent). */
async function errorCode(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { errors?: Array<{ code?: string }> };
    return body.errors?.[0]?.code ?? '';
  } catch {
    return '';
  }
}

/** The registry API for one step: credentials from its docker config, retries and log through the step. */
export function registryApi(step: Step): RegistryApi {
  // Through HTTPS_PROXY / NO_PROXY as buildx and the docker CLI would go.
  const via = proxyDispatchers(step.ctx.env);
  // Per step, per host and scope: the Authorization header a 401 challenge led to.
  const authorizations = new Map<string, string>();
  const credentials = new Map<string, Promise<Credential | undefined>>();
  const credential = (host: string) => {
    if (!credentials.has(host)) credentials.set(host, credentialFor(step, host));
    return credentials.get(host) as Promise<Credential | undefined>;
  };

  async function authorize(challenge: string, host: string, scope: string): Promise<string> {
    const cred = await credential(host);
    if (/^basic/i.test(challenge)) {
      if (!cred?.password)
        throw new RegistryApiError(`${host} asks for a login; run docker/login-action first`, 401);
      return basic(cred);
    }
    const { realm, service } = challengeParams(challenge);
    if (!realm) throw new RegistryApiError(`${host} answered 401 without a token service`, 401);
    const url = new URL(realm);
    let res: Response;
    if (cred?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: cred.identityToken,
        client_id: 'multiarch-build-action',
        scope,
        ...(service ? { service } : {}),
      });
      res = await fetch(url, {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        dispatcher: via(url),
      });
    } else {
      if (service) url.searchParams.set('service', service);
      url.searchParams.set('scope', scope);
      const headers: Record<string, string> = cred?.password ? { Authorization: basic(cred) } : {};
      res = await fetch(url, {
        headers,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        dispatcher: via(url),
      });
    }
    if (!res.ok)
      throw new RegistryApiError(`the token service of ${host} answered ${res.status}`, res.status);
    const body = (await res.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryApiError(`the token service of ${host} gave no token`, 401);
    step.log.mask(token);
    return `Bearer ${token}`;
  }

  /**
   * One request, authorised as the registry asks: on a 401, with the authorisation another request got
   * meanwhile (requests run side by side), else a new one from the challenge; once.
   */
  async function send(method: string, endpoint: Endpoint, path: string, scope: string): Promise<Response> {
    const key = `${endpoint.host} ${scope}`;
    const once = async (auth: string | undefined) => {
      try {
        const url = new URL(`${endpoint.base}${path}`);
        return await fetch(url, {
          method,
          headers: auth ? { Authorization: auth } : {},
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          dispatcher: via(url),
        });
      } catch (e) {
        // fetch says "fetch failed"; the reason (ECONNREFUSED, a reset, a timeout) is its cause.
        const cause = (e as Error & { cause?: Error }).cause?.message ?? (e as Error).message;
        throw new RegistryApiError(`the registry at ${endpoint.host} did not answer (${cause})`);
      }
    };
    const sent = authorizations.get(key);
    const res = await once(sent);
    if (res.status !== 401) return res;
    const challenge = res.headers.get('www-authenticate') ?? '';
    await res.body?.cancel();
    const current = authorizations.get(key);
    const auth = current && current !== sent ? current : await authorize(challenge, endpoint.host, scope);
    authorizations.set(key, auth);
    return once(auth);
  }

  const withRetry = <T>(what: string, fn: () => Promise<T>) =>
    retry(step.exec, step.log, { ...RETRY, what }, fn, apiErrorIsTransient);

  return {
    tags(repository) {
      const endpoint = endpointOf(repository);
      return withRetry(`listing the tags of ${repository}`, async () => {
        const tags: string[] = [];
        let next: string | undefined = `/v2/${endpoint.path}/tags/list?n=1000`;
        for (let page = 0; next && page < 1000; page++) {
          const res = await send('GET', endpoint, next, `repository:${endpoint.path}:pull`);
          if (res.status === 404) return tags; // a repository with no tag yet
          if (!res.ok) {
            const code = await errorCode(res);
            throw new RegistryApiError(
              `listing the tags of ${repository} answered ${res.status}${code ? ` ${code}` : ''}`,
              res.status,
            );
          }
          tags.push(...(((await res.json()) as { tags?: string[] | null }).tags ?? []));
          // Link: </v2/<name>/tags/list?last=x&n=1000>; rel="next"
          next = /<([^>]+)>;\s*rel="?next"?/.exec(res.headers.get('link') ?? '')?.[1];
          if (next?.startsWith('http')) next = new URL(next).pathname + new URL(next).search;
        }
        return tags;
      });
    },

    async pushAccess(repository) {
      const endpoint = endpointOf(repository);
      const scope = `repository:${endpoint.path}:pull,push`;
      try {
        return await withRetry(`checking push access to ${repository}`, async (): Promise<PushAccess> => {
          const res = await send('POST', endpoint, `/v2/${endpoint.path}/blobs/uploads/`, scope);
          if (res.status === 202) {
            await res.body?.cancel();
            const location = res.headers.get('location');
            // The upload is left to expire if it cannot be cancelled: it holds no content.
            if (location) {
              const url = new URL(location, endpoint.base);
              await send('DELETE', endpoint, url.pathname + url.search, scope)
                .then((r) => r.body?.cancel())
                .catch(() => undefined);
            }
            return { kind: 'ok' };
          }
          const code = await errorCode(res);
          const answer = `HTTP ${res.status}${code ? ` ${code}` : ''}`;
          if (res.status === 429 || res.status >= 500)
            throw new RegistryApiError(`${endpoint.host} answered ${answer}`, res.status);
          return { kind: 'refused', reason: `${endpoint.host} refuses this login's pushes (${answer})` };
        });
      } catch (e) {
        const reason = (e as Error).message;
        if (e instanceof RegistryApiError && e.status === 401) return { kind: 'refused', reason };
        return { kind: NOTHING_THERE.test(reason) ? 'unreachable' : 'unknown', reason };
      }
    },

    async deleteTag(repository, tag) {
      // A digest here would delete the manifest the published index references: only tags, by name.
      if (!isTag(tag)) return { deleted: false, reason: `"${tag}" is not a tag` };
      const endpoint = endpointOf(repository);
      try {
        return await withRetry(`deleting ${repository}:${tag}`, async (): Promise<TagDeletion> => {
          const res = await send(
            'DELETE',
            endpoint,
            `/v2/${endpoint.path}/manifests/${tag}`,
            `repository:${endpoint.path}:delete`,
          );
          if (res.ok || res.status === 404) {
            await res.body?.cancel();
            return { deleted: true };
          }
          const code = await errorCode(res);
          const answer = `HTTP ${res.status}${code ? ` ${code}` : ''}`;
          if (res.status === 400 || res.status === 405)
            return { deleted: false, reason: `the registry refuses tag deletion (${answer})` };
          if (res.status === 401 || res.status === 403)
            return { deleted: false, reason: `the registry does not let this login delete tags (${answer})` };
          throw new RegistryApiError(`deleting ${repository}:${tag} answered ${answer}`, res.status);
        });
      } catch (e) {
        return { deleted: false, reason: (e as Error).message };
      }
    },
  };
}
