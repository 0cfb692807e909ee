import { parseAnnotation } from '../model/annotations.js';
import { formatPlatform, parsePlatform, type Platform } from '../model/platforms.js';
import { isRepository, isTag, parseReference } from '../registry/refs.js';
import { InputError } from '../runner/errors.js';
import { checkBuilderInputs, checkCacheInputs, checkSecretInputs } from './checks.js';
import { checkModeInputs, checkNoEffect } from './modes.js';
import type { RunnerContext } from '../runner/context.js';
import {
  DEFAULT_BUILDKITD_FLAGS,
  DEFAULT_QEMU_IMAGE,
  type InputGetter,
  type Inputs,
  type KeyValue,
} from './types.js';

/** Reads INPUT_* the way the runner sets them (name upper-cased, spaces as underscores). */
export const envInputs =
  (env: NodeJS.ProcessEnv): InputGetter =>
  (name) =>
    (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

/**
 * Newline-separated list; with `commas`, commas separate entries too. Blank lines and `#` comment lines are
 * dropped whole (a commented-out `# linux/arm64,linux/arm/v7` must not bring back its second half).
 */
export function list(text: string, commas: boolean): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .flatMap((l) => (commas ? l.split(',') : [l]))
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

function oneOf<T extends string>(get: InputGetter, name: string, allowed: readonly T[], fallback: T): T {
  const value = get(name) || fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(name, `"${value}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function bool(get: InputGetter, name: string, fallback: boolean): boolean {
  const value = get(name).toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(name, `"${get(name)}" is not true or false`);
}

const optional = (value: string): string | undefined => (value === '' ? undefined : value);

function keyValues(
  get: InputGetter,
  name: string,
  what: string,
  keyPattern = /^[^\s=]+$/,
  secret = false,
): KeyValue[] {
  const lines = get(name)
    .split('\n')
    .map((text, i) => ({ text: text.trim(), n: i + 1 }))
    .filter(({ text }) => text !== '' && !text.startsWith('#'));
  return lines.map(({ text: line, n }) => {
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!key || !keyPattern.test(key)) {
      // A malformed `secrets` line may be the value itself (pasted without its id, or a value's 2nd line).
      throw new InputError(
        name,
        secret
          ? `line ${n} is not ${what} with an id of letters, digits, _ . or - (one per line; the line is not shown, it may hold the secret)`
          : `"${redactValue(line)}" is not ${what} (one per line)`,
      );
    }
    return { key, value: line.slice(eq + 1) };
  });
}

/** Error messages show the key only, never the value (a build-arg may carry a token despite the advice). */
function redactValue(line: string): string {
  const eq = line.indexOf('=');
  return eq > 0 ? `${line.slice(0, eq)}=…` : line.length > 64 ? `${line.slice(0, 60)}…` : line;
}

function platforms(get: InputGetter, name: string): Platform[] {
  const seen = new Map<string, string>();
  return list(get(name), true).map((text) => {
    let platform: Platform;
    try {
      platform = parsePlatform(text);
    } catch (e) {
      throw new InputError(name, (e as Error).message);
    }
    const normal = formatPlatform(platform);
    const first = seen.get(normal);
    if (first !== undefined) {
      throw new InputError(
        name,
        `"${text}" duplicates "${first}" (both are ${normal}); list each platform once`,
      );
    }
    seen.set(normal, text);
    return platform;
  });
}

function overrides(get: InputGetter): Inputs['platformOverrides'] {
  return list(get('platform-overrides'), false).map((line) => {
    const [from, to, ...rest] = line.split('=').map((s) => s.trim());
    if (!from || !to || rest.length) {
      throw new InputError('platform-overrides', `"${line}" is not FROM=TO (e.g. linux/arm=linux/arm/v7)`);
    }
    try {
      return { from: parseOverrideSide(from), to: parsePlatform(to) };
    } catch (e) {
      throw new InputError('platform-overrides', `${(e as Error).message} in "${line}"`);
    }
  });
}

/** FROM is matched as written (linux/arm must not be normalised to linux/arm/v7: that is what it fixes). */
function parseOverrideSide(text: string): Platform {
  const [os, arch, variant, ...rest] = text.toLowerCase().split('/');
  if (!os || !arch || rest.length) throw new Error(`"${text}" is not os/arch[/variant]`);
  parsePlatform(text); // validates os and arch names
  return variant ? { os, arch, variant } : { os, arch };
}

/** A variant goes into handoff tags and cache keys: tag characters only, short enough for both. */
function variantName(value: string): string {
  if (value !== '' && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(value)) {
    throw new InputError(
      'variant',
      `"${value}" is not a variant name (letters, digits, _ . -, at most 40, starting with a letter or digit; e.g. slim)`,
    );
  }
  return value;
}

function reference(get: InputGetter, name: string, example: string): string | undefined {
  const value = optional(get(name));
  if (value !== undefined && !parseReference(value)) {
    throw new InputError(name, `"${value}" is not an image reference (e.g. ${example})`);
  }
  return value;
}

/** The machine facts some inputs are checked against: `secret-envs` against env, buildx-version against os/arch. */
export type InputMachine = Pick<RunnerContext, 'env' | 'os' | 'arch'>;

/**
 * Parses and validates every input before anything runs. With `machine`, inputs that depend on the step's
 * environment or machine are checked against it too. Throws InputError naming the input and the fix.
 */
export function readInputs(get: InputGetter, machine?: InputMachine): Inputs {
  const mode = oneOf(get, 'mode', ['all', 'build', 'merge'] as const, 'all');
  checkNoEffect(mode, get);
  const images = list(get('image'), true);
  for (const image of images) {
    const ref = parseReference(image);
    if (ref && (ref.tag || ref.digest)) {
      throw new InputError(
        'image',
        `"${image}" includes a tag or digest; give the repository only and put tags in \`tags\``,
      );
    }
    if (!isRepository(image)) {
      throw new InputError(
        'image',
        `"${image}" is not a valid repository name (lowercase, e.g. ghcr.io/acme/app)`,
      );
    }
  }
  const tags = list(get('tags'), true);
  for (const tag of tags) {
    const full = tag.includes('/') || tag.includes(':');
    const ref = full ? parseReference(tag) : undefined;
    if (full ? !ref?.tag || ref.digest !== undefined : !isTag(tag)) {
      throw new InputError(
        'tags',
        `"${tag}" is neither a tag (e.g. 1.2.3) nor a full reference with a tag (e.g. ghcr.io/acme/app:1.2.3)`,
      );
    }
  }
  const annotations = list(get('annotations'), false).map((line) => {
    try {
      return parseAnnotation(line);
    } catch (e) {
      throw new InputError('annotations', (e as Error).message);
    }
  });

  const driverSet = get('driver') !== '';
  const inputs: Inputs = {
    mode,
    platforms: platforms(get, 'platforms'),
    images,
    tags,
    context: get('context') || '.',
    file: optional(get('file')),
    target: optional(get('target')),
    buildArgs: keyValues(get, 'build-args', 'NAME=value'),
    buildContexts: keyValues(get, 'build-contexts', 'name=source'),
    labels: keyValues(get, 'labels', 'key=value'),
    annotations,
    secrets: keyValues(get, 'secrets', 'id=value', /^[A-Za-z0-9_.-]+$/, true),
    secretFiles: keyValues(get, 'secret-files', 'id=path', /^[A-Za-z0-9_.-]+$/),
    secretEnvs: keyValues(get, 'secret-envs', 'id=ENV_NAME', /^[A-Za-z0-9_.-]+$/),
    ssh: list(get('ssh'), false),
    noCache: bool(get, 'no-cache', false),
    pull: bool(get, 'pull', false),
    push: bool(get, 'push', mode !== 'all'),
    load: bool(get, 'load', false),
    provenance: optional(get('provenance')),
    sbom: optional(get('sbom')),
    network: optional(get('network')),
    addHosts: list(get('add-hosts'), true),
    allow: list(get('allow'), true),
    shmSize: optional(get('shm-size')),
    ulimit: list(get('ulimit'), false),
    cacheFrom: list(get('cache-from'), false),
    cacheTo: list(get('cache-to'), false),
    cache: oneOf(get, 'cache', ['auto', 'gha', 'registry', 'local', 'off'] as const, 'auto'),
    cacheRef: reference(get, 'cache-ref', 'ghcr.io/acme/app:buildcache'),
    cacheWrite: oneOf(get, 'cache-write', ['auto', 'always', 'never'] as const, 'auto'),
    qemu: oneOf(get, 'qemu', ['auto', 'host', 'image', 'off'] as const, 'auto'),
    qemuImage: reference(get, 'qemu-image', DEFAULT_QEMU_IMAGE) ?? DEFAULT_QEMU_IMAGE,
    driver: oneOf(get, 'driver', ['docker-container', 'docker', 'remote'] as const, 'docker-container'),
    driverOpts: list(get('driver-opts'), false),
    buildkitdFlags: get('buildkitd-flags') || DEFAULT_BUILDKITD_FLAGS,
    buildkitdConfig: optional(get('buildkitd-config')),
    buildkitdConfigInline: optional(get('buildkitd-config-inline')),
    buildkitImage: reference(get, 'buildkit-image', 'mirror.example.com/moby/buildkit:buildx-stable-1'),
    endpoint: optional(get('endpoint')),
    builder: optional(get('builder')),
    cleanup: bool(get, 'cleanup', true),
    qemuCleanup: bool(get, 'qemu-cleanup', false),
    handoff: oneOf(get, 'handoff', ['auto', 'cache', 'tags'] as const, 'auto'),
    variant: variantName(get('variant')),
    sources: list(get('sources'), true),
    platformOverrides: overrides(get),
    summary: bool(get, 'summary', true),
    buildxVersion: optional(get('buildx-version')),
    buildxUrl: optional(get('buildx-url')),
  };
  checkBuilderInputs(inputs, get, driverSet, machine);
  checkSecretInputs(inputs, machine?.env);
  checkCacheInputs(inputs);
  checkModeInputs(inputs);
  return inputs;
}
