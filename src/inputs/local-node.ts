// The builder's own node as a BuildKit container this step starts, for a builder `append` makes remote
// (buildx takes one driver per builder): which inputs shape that container, and how. Pure; every check
// here runs with the other input checks, before anything runs.
import { parseReference } from '../registry/refs.js';
import { InputError } from '../runner/errors.js';
import type { Driver, Inputs } from './types.js';

/** The driver buildx creates the step's builder with: remote when its own node is a container started here. */
export const builderDriver = (inputs: Pick<Inputs, 'driver' | 'localNode'>): Driver =>
  inputs.localNode ? 'remote' : inputs.driver;

/** One `key=value` field of a driver-opts entry, which buildx reads as CSV (`k=v,k2="v,2"`). */
export interface DriverOptField {
  key: string;
  value: string;
}

/** The fields of one driver-opts entry, quotes removed; a field without `=` has value ''. */
export function driverOptFields(opt: string): DriverOptField[] {
  const fields: DriverOptField[] = [];
  let field = '';
  let quoted = false;
  for (const c of `${opt},`) {
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      const eq = field.indexOf('=');
      const key = (eq < 0 ? field : field.slice(0, eq)).trim();
      if (key) fields.push({ key, value: eq < 0 ? '' : field.slice(eq + 1).trim() });
      field = '';
    } else field += c;
  }
  return fields;
}

/** docker-container driver-opts that shape the container, and the `docker create` flag each becomes. */
const CONTAINER_FLAGS: Record<string, string> = {
  network: '--network',
  memory: '--memory',
  'memory-swap': '--memory-swap',
  'cpu-quota': '--cpu-quota',
  'cpu-period': '--cpu-period',
  'cpu-shares': '--cpu-shares',
  'cpuset-cpus': '--cpuset-cpus',
  'cgroup-parent': '--cgroup-parent',
  'restart-policy': '--restart',
};
const TAKES = `network, image, env.<NAME>, ${Object.keys(CONTAINER_FLAGS)
  .filter((k) => k !== 'network')
  .join(', ')}, default-load`;

/** What the step's `driver-opts` make of the BuildKit container it starts for its own node. */
export interface ContainerOptions {
  /** `docker create` flags, each `--flag=value` (a value can never be read as another flag). */
  flags: string[];
  /** `image=`, when driver-opts give the image instead of buildkit-image. */
  image?: string;
  /** driver-opts for `buildx create` itself (default-load: a builder option the remote driver has too). */
  builderOpts: string[];
}

/**
 * Reads the step's `driver-opts` as the BuildKit container for its own node takes them: network, image,
 * env.<NAME> and the resource limits of the docker-container driver become `docker create` flags,
 * default-load goes to the builder. Returns them. Throws InputError (driver-opts) on any other key, naming it.
 */
export function containerOptions(driverOpts: string[]): ContainerOptions {
  const options: ContainerOptions = { flags: [], builderOpts: [] };
  for (const opt of driverOpts) {
    for (const { key, value } of driverOptFields(opt)) {
      const fail = (why: string) => new InputError('driver-opts', `"${opt}": ${why}`);
      if (!value) throw fail(`${key} has no value (key=value)`);
      const flag = CONTAINER_FLAGS[key];
      if (flag) options.flags.push(`${flag}=${value}`);
      else if (key.startsWith('env.')) {
        const name = key.slice(4);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
          throw fail(`env.${name}: "${name}" is not an environment variable name`);
        options.flags.push(`--env=${name}=${value}`);
      } else if (key === 'image') {
        if (!parseReference(value)) throw fail(`image=${value} is not an image reference`);
        options.image = value;
      } else if (key === 'default-load') options.builderOpts.push(`default-load=${value}`);
      else
        throw fail(
          `${key} does not apply to the BuildKit container this step starts for its own node (it takes ${TAKES}); remove it`,
        );
    }
  }
  return options;
}

/**
 * buildkitd-flags as the arguments of the container's buildkitd, split as a shell would (quotes and
 * backslashes; nothing is expanded). Throws InputError (buildkitd-flags) on an unclosed quote.
 */
export function splitFlags(flags: string): string[] {
  const args: string[] = [];
  let arg: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < flags.length; i++) {
    const c = flags[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && /["\\$`]/.test(flags[i + 1] ?? '')) arg += flags[++i] as string;
      else arg += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      arg ??= '';
    } else if (c === '\\' && i + 1 < flags.length) arg = (arg ?? '') + (flags[++i] as string);
    else if (/\s/.test(c)) {
      if (arg !== undefined) args.push(arg);
      arg = undefined;
    } else arg = (arg ?? '') + c;
  }
  if (quote) throw new InputError('buildkitd-flags', `has an unclosed ${quote} quote`);
  if (arg !== undefined) args.push(arg);
  return args;
}
