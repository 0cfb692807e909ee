// `append`: BuildKit nodes added to the step's builder, in setup-buildx-action's grammar: a YAML list of
// `name`, `endpoint`, `platforms`, `driver-opts` (a list), `buildkitd-flags`. Every node is checked here,
// before anything runs; the YAML parser itself is loaded only when the input is set.
import { checkPlatformOs } from './builder-checks.js';
import { existsSync } from 'node:fs';
import { formatPlatform, parsePlatform, type Platform } from '../model/platforms.js';
import { InputError } from '../runner/errors.js';
import { containerOptions, driverOptFields, splitFlags } from './local-node.js';
import type { AppendNode, Driver, InputGetter, Inputs, TlsKey } from './types.js';

const KEYS = ['name', 'endpoint', 'platforms', 'driver-opts', 'buildkitd-flags'];
const TLS_KEYS: readonly TlsKey[] = ['cacert', 'cert', 'key'];
const NODE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const EXAMPLE = 'e.g. "- name: arm64\\n  endpoint: tcp://arm-builder:1234\\n  platforms: linux/arm64"';

/** setup-buildx-action's variables for a node's TLS material (PEM): index 0 is the builder's own node. */
export const tlsEnvName = (index: number, key: TlsKey): string =>
  `BUILDER_NODE_${index}_AUTH_TLS_${key.toUpperCase()}`;

/** The keys of one `--driver-opt` value, which buildx reads as CSV (`k=v,k2="v,2"`). */
export const driverOptKeys = (opt: string): string[] => driverOptFields(opt).map((f) => f.key);

/** The value of `key` among driver-opts (last one wins, as buildx), or undefined. */
export function driverOptValue(opts: string[], key: string): string | undefined {
  let value: string | undefined;
  for (const opt of opts)
    for (const part of opt.split(','))
      if (part.trim().startsWith(`${key}=`)) value = part.slice(part.indexOf('=') + 1).replace(/^"|"$/g, '');
  return value;
}

/**
 * Where a node's TLS material comes from: driver-opts (file paths, which must exist) or the environment
 * (PEM in BUILDER_NODE_<index>_AUTH_TLS_*, as setup-buildx-action reads them). Returns the keys to take
 * from the environment. Throws InputError (`input`, naming `who`) on a key given both ways, a cert without
 * its key, a missing file, or TLS for an endpoint that is not tcp:// on driver: remote.
 */
export function tlsSources(
  who: { input: string; what: string; index: number },
  driver: Driver,
  endpoint: string | undefined,
  driverOpts: string[],
  env: NodeJS.ProcessEnv,
): TlsKey[] {
  const fail = (m: string) => new InputError(who.input, `${who.what}: ${m}`);
  const inOpts = new Set(driverOpts.flatMap(driverOptKeys));
  const tcp = endpoint?.startsWith('tcp://') ?? false;
  const fromEnv = TLS_KEYS.filter((k) => tcp && (env[tlsEnvName(who.index, k)] ?? '') !== '');
  for (const key of TLS_KEYS.filter((k) => inOpts.has(k))) {
    if (driver !== 'remote' || !tcp)
      throw fail(
        `${key}= is a TLS option of a tcp:// BuildKit address, and ${endpoint ? `${endpoint} is not one` : 'this node has no endpoint'}${driver === 'remote' ? '' : ` (with driver: ${driver}, a Docker engine or a kubernetes node)`}; remove it`,
      );
    if (fromEnv.includes(key))
      throw fail(`${key} is set both in driver-opts and in ${tlsEnvName(who.index, key)}; keep one`);
    const file = driverOptValue(driverOpts, key) ?? '';
    if (!existsSync(file)) throw fail(`${key}=${file} does not exist on this runner`);
  }
  const has = (k: TlsKey) => inOpts.has(k) || fromEnv.includes(k);
  if (has('cert') !== has('key'))
    throw fail(`a client certificate needs both cert and key (only ${has('cert') ? 'cert' : 'key'} is set)`);
  return fromEnv;
}

/** An endpoint `driver` can take, or the reason it cannot. Pure. */
export function endpointProblem(driver: Driver, endpoint: string | undefined): string | undefined {
  if (driver === 'remote') {
    if (!endpoint)
      return 'driver: remote needs the BuildKit address as endpoint, e.g. tcp://arm-builder:1234';
    if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/.test(endpoint))
      return `endpoint "${endpoint}" is not a BuildKit address (tcp://host:port, unix://…, docker-container://…)`;
    if (endpoint.startsWith('tcp://') && !/^tcp:\/\/(\[[^\]]+\]|[^:/]+):\d+\/?$/.test(endpoint))
      return `endpoint "${endpoint}" needs a host and port, e.g. tcp://arm-builder:1234`;
    return undefined;
  }
  if (driver === 'kubernetes') {
    return endpoint && !/^[a-zA-Z0-9][a-zA-Z0-9_.+@-]*$/.test(endpoint)
      ? `endpoint "${endpoint}" is not a kubernetes context name`
      : undefined;
  }
  if (
    endpoint &&
    !/^[a-zA-Z0-9][a-zA-Z0-9_.+@-]*$/.test(endpoint) &&
    !/^(unix|tcp|ssh|npipe|fd):\/\/\S+$/.test(endpoint)
  )
    return `endpoint "${endpoint}" is neither a docker context name nor a Docker host (ssh://user@host, tcp://host:2376, unix://…)`;
  return undefined;
}

function text(value: unknown, what: string, fail: (m: string) => Error): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw fail(`${what} is a ${Array.isArray(value) ? 'list' : 'mapping'}; give it as a string`);
}

function platformsOf(value: unknown, fail: (m: string) => Error): Platform[] {
  const items = Array.isArray(value)
    ? value.map((v) => text(v, 'a platform', fail) ?? '')
    : [text(value, 'platforms', fail) ?? ''];
  const names = items
    .flatMap((s) => s.split(/[,\n]/))
    .map((s) => s.trim())
    .filter(Boolean);
  if (!names.length)
    throw fail('has no platforms; say which platforms it builds natively, e.g. platforms: linux/arm64');
  return names.map((n) => {
    try {
      return parsePlatform(n);
    } catch (e) {
      throw fail(`platforms: ${(e as Error).message}`);
    }
  });
}

function driverOptsOf(value: unknown, fail: (m: string) => Error): string[] {
  if (value === undefined || value === null) return [];
  // A string is taken one option per line: a block scalar is a common slip for setup-buildx-action's list.
  const items = Array.isArray(value)
    ? value.map((v) => text(v, 'a driver-opts entry', fail) ?? '')
    : (text(value, 'driver-opts', fail) ?? '').split('\n');
  const opts = items.map((s) => s.trim()).filter(Boolean);
  for (const opt of opts)
    if (!driverOptKeys(opt).length || !opt.includes('='))
      throw fail(`driver-opts entry "${opt}" is not key=value (e.g. nodeselector=kubernetes.io/arch=arm64)`);
  return opts;
}

/**
 * Why an appended node can only be a BuildKit daemon, or undefined: a docker-container:// address, or a
 * tcp:// one with TLS files (cacert/cert/key driver-opts, BUILDER_NODE_<n>_AUTH_TLS_*), which only BuildKit
 * takes. Without them a tcp:// endpoint on the docker-container driver is a Docker engine, as in
 * setup-buildx-action. `item` is the raw YAML entry, read leniently (checkAppend checks it in full).
 */
export function buildkitOnly(item: unknown, index: number, env: NodeJS.ProcessEnv): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const fields = item as Record<string, unknown>;
  const endpoint = typeof fields.endpoint === 'string' ? fields.endpoint.trim() : '';
  if (endpoint.startsWith('docker-container://')) return endpoint;
  if (!endpoint.startsWith('tcp://')) return undefined;
  const raw = fields['driver-opts'];
  const opts = (Array.isArray(raw) ? raw : [raw]).filter((o): o is string => typeof o === 'string');
  const keys = new Set(opts.flatMap((o) => o.split('\n')).flatMap(driverOptKeys));
  const tls = TLS_KEYS.some((k) => keys.has(k) || (env[tlsEnvName(index, k)] ?? '') !== '');
  return tls ? `${endpoint} with TLS files` : undefined;
}

const BUILDKIT_ADDRESS = /^(tcp|unix|docker-container):\/\//;

/**
 * Checks the parsed `append` document against the builder the other inputs ask for. `doc` is what the YAML
 * parser returned. On the docker-container driver, a node that can only be a BuildKit daemon (buildkitOnly)
 * makes the builder remote, with its own node a BuildKit container this step starts (`localNode`); every
 * node must then be a BuildKit address. Returns the nodes in order. Throws InputError (input append) naming
 * the node.
 */
export function checkAppend(
  doc: unknown,
  inputs: Pick<Inputs, 'driver' | 'platforms' | 'endpoint'>,
  env: NodeJS.ProcessEnv,
): { nodes: AppendNode[]; localNode: boolean } {
  if (doc === null || doc === undefined) return { nodes: [], localNode: false };
  if (!Array.isArray(doc)) throw new InputError('append', `is a YAML list of nodes, ${EXAMPLE}`);
  const names = new Map<string, number>();
  const declared = new Map<string, string>();
  const label = (i: number, name?: string) => (name ? `node "${name}"` : `node ${i + 1}`);
  const certain = doc.findIndex((item: unknown, i) => buildkitOnly(item, i + 1, env) !== undefined);
  if (inputs.driver === 'docker-container' && inputs.endpoint && certain >= 0) {
    const item = doc[certain] as Record<string, unknown>;
    throw new InputError(
      'append',
      `${label(certain, typeof item.name === 'string' ? item.name : undefined)} is a BuildKit daemon (${buildkitOnly(item, certain + 1, env)}), but endpoint "${inputs.endpoint}" makes the builder's own node a Docker engine and buildx takes one driver per builder; remove endpoint (this step then runs its own node in a BuildKit container), or set driver: remote with a BuildKit address as endpoint`,
    );
  }
  const localNode = inputs.driver === 'docker-container' && !inputs.endpoint && certain >= 0;
  const driver: Driver = localNode ? 'remote' : inputs.driver;
  const why = () => {
    const item = doc[certain] as Record<string, unknown>;
    const name = typeof item.name === 'string' ? item.name : undefined;
    return `${label(certain, name)} is a BuildKit daemon (${buildkitOnly(item, certain + 1, env)}), so this step runs its own node in a BuildKit container and the builder's driver is remote; buildx takes one driver per builder`;
  };
  const nodes = doc.map((item: unknown, i): AppendNode => {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new InputError(
        'append',
        `${label(i)} is not a mapping of name, endpoint, platforms, driver-opts, buildkitd-flags (${EXAMPLE})`,
      );
    const fields = item as Record<string, unknown>;
    let fail = (m: string) => new InputError('append', `${label(i)}: ${m}`);
    const name = text(fields.name, 'name', fail);
    fail = (m: string) => new InputError('append', `${label(i, name)}: ${m}`);
    const unknown = Object.keys(fields).filter((k) => !KEYS.includes(k));
    if (unknown.length)
      throw fail(`unknown key ${unknown.map((k) => `"${k}"`).join(', ')} (a node has ${KEYS.join(', ')})`);
    if (name !== undefined) {
      if (!NODE_NAME.test(name)) throw fail('name may hold letters, digits, _ . and - only');
      const first = names.get(name);
      if (first !== undefined) throw fail(`name is also node ${first + 1}'s; give each node its own name`);
      names.set(name, i);
    }
    const endpoint = text(fields.endpoint, 'endpoint', fail);
    if (localNode && !BUILDKIT_ADDRESS.test(endpoint ?? ''))
      throw fail(
        `${endpoint ? `"${endpoint}" is a Docker engine` : 'has no endpoint'}, but ${why()}: give every node a BuildKit address (tcp://, unix://, docker-container://), or build on Docker engines in another step`,
      );
    const problem = endpointProblem(driver, endpoint);
    if (problem) throw fail(problem);
    const platforms = platformsOf(fields.platforms, fail);
    for (const p of platforms) {
      const other = declared.get(formatPlatform(p));
      if (other !== undefined)
        throw fail(
          `${formatPlatform(p)} is also declared by ${other}; buildx would build it on the first only`,
        );
      declared.set(formatPlatform(p), label(i, name));
    }
    const driverOpts = driverOptsOf(fields['driver-opts'], fail);
    const buildkitdFlags = text(fields['buildkitd-flags'], 'buildkitd-flags', fail);
    if (buildkitdFlags && driver === 'remote')
      throw fail(
        `buildkitd-flags cannot apply to ${localNode ? 'a running BuildKit daemon' : 'driver: remote'} (its host starts BuildKit); remove it`,
      );
    const who = { input: 'append', what: label(i, name), index: i + 1 };
    const tlsFromEnv = tlsSources(who, driver, endpoint, driverOpts, env);
    return {
      ...(name ? { name } : {}),
      ...(endpoint ? { endpoint } : {}),
      platforms,
      driverOpts,
      ...(buildkitdFlags ? { buildkitdFlags } : {}),
      tlsFromEnv,
    };
  });
  return { nodes, localNode };
}

/**
 * Reads `append` (if set) with the YAML parser, loaded only then, and checks it (checkAppend). Returns the
 * inputs with `append` and `localNode` filled. Throws InputError (input append) on YAML that does not parse
 * or a bad node, (driver-opts, buildkitd-flags) on what the step's own BuildKit container cannot take.
 */
export async function readAppend(get: InputGetter, inputs: Inputs, env: NodeJS.ProcessEnv): Promise<Inputs> {
  const source = get('append');
  if (!source) return inputs;
  const { parse } = await import('yaml');
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (e) {
    const line = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    const reason = (e as Error).message.split('\n')[0] ?? '';
    throw new InputError(
      'append',
      `is not valid YAML${line ? ` (line ${line})` : ''}: ${reason}; ${EXAMPLE}`,
    );
  }
  const { nodes, localNode } = checkAppend(doc, inputs, env);
  if (localNode) {
    // The container's own inputs, checked now: nothing has run yet.
    containerOptions(inputs.driverOpts);
    splitFlags(inputs.buildkitdFlags);
  }
  const result = { ...inputs, append: nodes, localNode };
  checkPlatformOs(result, false);
  return result;
}
