// The nodes of the step's builder: its own node and the ones `append` adds. Pure planning: the
// `buildx create --append` argv of each, the platforms each declares, where a platform is built, and the
// address a node can be probed at while it works.
import { join } from 'node:path';
import { driverOptValue, tlsEnvName } from '../inputs/append.js';
import { builderDriver } from '../inputs/local-node.js';
import { DEFAULT_BUILDKITD_FLAGS, type AppendNode, type Inputs, type TlsKey } from '../inputs/types.js';
import { formatPlatform, type Platform } from '../model/platforms.js';

/** A TLS file this run writes from BUILDER_NODE_<n>_AUTH_TLS_* before the node is created. */
export interface TlsFile {
  key: TlsKey;
  /** The environment variable holding the PEM. */
  env: string;
  file: string;
}

export interface NodePlan {
  /** buildx's name for the node (`<builder>0` for the builder's own). */
  name: string;
  /** As the inputs give it (none: the local docker, or kubernetes' current context). */
  endpoint?: string;
  /** Declared with --platform: buildx builds exactly these here (empty: it decides by what it detects). */
  platforms: Platform[];
  /** `buildx create --append …` (after `buildx`); undefined for the builder's own node. */
  append?: string[];
  tls: TlsFile[];
  /** Where the runner checks it is still there (tcp:// BuildKit, ssh:// hosts); none for the others. */
  probe?: ProbeTarget;
  /** The BuildKit container this step runs it in (the builder's own node, when `localNode`). */
  container?: string;
}

/**
 * How the runner checks a node is still there: a BuildKit (gRPC) server at tcp://host:port, over TLS with the
 * node's own files when it has them, or an SSH server (a docker-container node on an ssh:// host).
 */
export interface ProbeTarget {
  host: string;
  port: number;
  kind: 'grpc' | 'ssh';
  /** TLS files (paths) and server name, as the node's driver-opts give them. */
  tls?: { cacert?: string; cert?: string; key?: string; servername?: string };
}

/** Platforms of the build that no appended node declares: the builder's own node builds them. */
export function platformsHere(platforms: Platform[], append: AppendNode[]): Platform[] {
  const declared = new Set(append.flatMap((n) => n.platforms.map(formatPlatform)));
  return platforms.filter((p) => !declared.has(formatPlatform(p)));
}

/** The TLS files node `index` gets from the environment, as driver-opts pointing at them. */
export function tlsFiles(index: number, keys: TlsKey[], dir: string): TlsFile[] {
  return keys.map((key) => ({
    key,
    env: tlsEnvName(index, key),
    file: join(dir, `node${index}-${key}.pem`),
  }));
}

const tlsOpts = (tls: TlsFile[]): string[] =>
  tls.length ? [tls.map((t) => `${t.key}=${t.file}`).join(',')] : [];

/**
 * Every node of the builder `name` the inputs ask for, the builder's own first. Its own node declares the
 * build platforms no appended node declares (so buildx never picks it, through platforms it merely
 * detects, for one a native node was added for). `configFile` is the buildkitd config (given or written),
 * `tlsDir` where TLS files from the environment go, `container` the BuildKit container this step runs the
 * builder's own node in (with `localNode`; buildx reaches it at docker-container://<container>). Pure.
 */
export function planNodes(
  name: string,
  inputs: Inputs,
  platforms: Platform[],
  configFile: string | undefined,
  tlsDir: string,
  container?: string,
): NodePlan[] {
  const driver = builderDriver(inputs);
  const ownTls = tlsFiles(0, inputs.tlsFromEnv, tlsDir);
  const ownProbe = probeTarget(driver, inputs.endpoint, [...inputs.driverOpts, ...tlsOpts(ownTls)]);
  const ownEndpoint = container ? `docker-container://${container}` : inputs.endpoint;
  const own: NodePlan = {
    name: `${name}0`,
    ...(ownEndpoint ? { endpoint: ownEndpoint } : {}),
    platforms: inputs.append.length ? platformsHere(platforms, inputs.append) : [],
    tls: ownTls,
    ...(ownProbe ? { probe: ownProbe } : {}),
    ...(container ? { container } : {}),
  };
  const starts = driver !== 'remote';
  const appended = inputs.append.map((node, i): NodePlan => {
    const nodeName = node.name ?? `${name}${i + 1}`;
    const tls = tlsFiles(i + 1, node.tlsFromEnv, tlsDir);
    const argv = ['create', '--name', name, '--append', '--node', nodeName];
    const opts = [...node.driverOpts, ...tlsOpts(tls)];
    // An air-gapped runner's mirror and registry settings apply to every node this step starts.
    if (starts && inputs.buildkitImage && !opts.some((o) => /(^|,)\s*image=/.test(o)))
      opts.push(`image=${inputs.buildkitImage}`);
    for (const opt of opts) argv.push('--driver-opt', opt);
    if (starts) {
      argv.push('--buildkitd-flags', node.buildkitdFlags ?? DEFAULT_BUILDKITD_FLAGS);
      if (configFile) argv.push('--buildkitd-config', configFile);
    }
    argv.push('--platform', node.platforms.map(formatPlatform).join(','));
    if (node.endpoint) argv.push(node.endpoint);
    const probe = probeTarget(driver, node.endpoint, opts);
    return {
      name: nodeName,
      ...(node.endpoint ? { endpoint: node.endpoint } : {}),
      platforms: node.platforms,
      append: argv,
      tls,
      ...(probe ? { probe } : {}),
    };
  });
  return [own, ...appended];
}

/** The builder's own TLS driver-opt (from BUILDER_NODE_0_AUTH_TLS_*), for its create argv. */
export const ownTlsOpts = (own: NodePlan): string[] => tlsOpts(own.tls);

/**
 * The node that builds `platform`: the first that declares it (buildx's own rule when every platform is
 * declared), else the builder's own node. Pure.
 */
export function nodeFor(platform: Platform, nodes: NodePlan[]): NodePlan | undefined {
  const name = formatPlatform(platform);
  return nodes.find((n) => n.platforms.some((p) => formatPlatform(p) === name)) ?? nodes[0];
}

/**
 * How a node at `endpoint` can be checked from this runner: a tcp://host:port BuildKit (driver: remote), with
 * the TLS files and server name among `driverOpts`; an ssh://[user@]host[:port] host. Undefined otherwise.
 */
export function probeTarget(
  driver: Inputs['driver'],
  endpoint: string | undefined,
  driverOpts: string[],
): ProbeTarget | undefined {
  const m = /^(tcp|ssh):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(endpoint ?? '');
  if (!m || (m[1] === 'tcp' && driver !== 'remote')) return undefined;
  const port = m[3] ? Number(m[3]) : m[1] === 'ssh' ? 22 : undefined;
  if (port === undefined) return undefined;
  const host = (m[2] as string).replace(/^\[|\]$/g, '');
  if (m[1] === 'ssh') return { host, port, kind: 'ssh' };
  const tls = Object.fromEntries(
    (['cacert', 'cert', 'key', 'servername'] as const).flatMap((k) => {
      const value = driverOptValue(driverOpts, k);
      return value ? [[k, value]] : [];
    }),
  );
  return { host, port, kind: 'grpc', ...(Object.keys(tls).length ? { tls } : {}) };
}
