// The proxy a request to a registry goes through, chosen as Go's net/http (and so the docker CLI, buildx and
// BuildKit) chooses it from the environment: HTTPS_PROXY for https, HTTP_PROXY for http, never for loopback
// hosts, and not for hosts NO_PROXY names.
import { ProxyAgent, type Dispatcher } from 'undici';

/**
 * localhost, 127.x.x.x or [::1], with or without a port: where the docker CLI and buildx talk plain HTTP to a
 * registry, and never through a proxy. Pure.
 */
export const isLoopbackHost = (host: string): boolean =>
  /^(localhost|127(\.\d+){3}|\[::1\])(:\d+)?$/.test(host);

/**
 * The proxy URL for a request to `url` under `env`, or undefined for a direct connection. NO_PROXY entries are
 * host names (a leading `.` or `*.` optional) matching the host or a parent domain, optionally with a port,
 * or `*` for every host. Pure.
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): string | undefined {
  const https = url.protocol === 'https:';
  const proxy = https ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy);
  const host = url.hostname.toLowerCase();
  if (!proxy || isLoopbackHost(host)) return undefined;
  const port = url.port || (https ? '443' : '80');
  const bypassed = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [name = '', entryPort] = entry.replace(/^\*?\./, '').split(/:(?=\d+$)/);
      return (!entryPort || entryPort === port) && (host === name || host.endsWith(`.${name}`));
    });
  return bypassed ? undefined : proxy;
}

/** Dispatchers for one step: one ProxyAgent per proxy URL, created when first needed. */
export function proxyDispatchers(env: NodeJS.ProcessEnv): (url: URL) => Dispatcher | undefined {
  const agents = new Map<string, ProxyAgent>();
  return (url) => {
    const proxy = proxyFor(url, env);
    if (!proxy) return undefined;
    if (!agents.has(proxy)) agents.set(proxy, new ProxyAgent(proxy));
    return agents.get(proxy);
  };
}
