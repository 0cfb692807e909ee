import { parseAnnotation } from '../model/annotations.js';
import { isRepository, isTag, miscasedHubName, parseReference, sameRepository } from '../registry/refs.js';
import { checkCompanions } from './companions.js';
import { InputError } from '../runner/errors.js';
import { tlsSources } from './append.js';
import { checkBuildInputs, parseCall } from './build-checks.js';
import { checkBuilderFiles, checkPlatformOs } from './builder-checks.js';
import { checkPassThroughInputs } from './passthrough.js';
import { checkBuilderInputs, checkCacheInputs, checkSecretInputs } from './checks.js';
import { checkModeInputs, checkNoEffect } from './modes.js';
import { checkAttributeValues } from './values.js';
import type { RunnerContext } from '../runner/context.js';
import { COMMAS, listOf, PER_LINE, RAW_LINES } from './grammar.js';
import { DEFAULT_BUILDKITD_FLAGS, DEFAULT_QEMU_IMAGE, type InputGetter, type Inputs } from './types.js';
import {
  bool,
  keyValues,
  oneOf,
  optional,
  overrides,
  platforms,
  reference,
  SECRET_ID,
  secretValues,
} from './readers.js';

/** Reads INPUT_* the way the runner sets them (name upper-cased, spaces as underscores). */
export const envInputs =
  (env: NodeJS.ProcessEnv): InputGetter =>
  (name) =>
    (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

/**
 * The machine facts some inputs are checked against: `secret-envs` against env, buildx-version against
 * os/arch, buildkitd-config against the files in the workspace, a context name as endpoint against the
 * docker config's contexts.
 */
export type InputMachine = Pick<RunnerContext, 'env' | 'os' | 'arch'> &
  Partial<Pick<RunnerContext, 'workspace' | 'dockerConfig'>>;

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

/** A tag given as a full reference: the repository part must be lowercase (the registry part need not). */
function checkTag(tag: string): void {
  // `Acme/app:1` parses (Acme would be a registry host), but docker reads it as a Docker Hub name: lowercase.
  const hub = miscasedHubName(tag);
  if (hub)
    throw new InputError(
      'tags',
      `"${tag}": repository names are lowercase (a first part without a dot or a port is not a registry); write "${hub}"`,
    );
  const full = tag.includes('/') || tag.includes(':');
  const ref = full ? parseReference(tag) : undefined;
  if (full ? ref?.tag && ref.digest === undefined : isTag(tag)) return;
  const slash = tag.indexOf('/');
  const lower =
    slash > 0
      ? `${tag.slice(0, slash)}/${tag.slice(slash + 1).replace(/[^:]*/, (p) => p.toLowerCase())}`
      : tag;
  if (full && lower !== tag && parseReference(lower)?.tag) {
    throw new InputError(
      'tags',
      `"${tag}": repository names are lowercase (the registry and the tag may have capitals); write "${lower}"`,
    );
  }
  throw new InputError(
    'tags',
    `"${tag}" is neither a tag (e.g. 1.2.3) nor a full reference with a tag (e.g. ghcr.io/acme/app:1.2.3)`,
  );
}

/**
 * Parses and validates every input before anything runs, list inputs in the grammar of Docker's actions
 * (see grammar.ts). With `machine`, inputs that depend on the step's environment or machine are checked
 * against it too. Throws InputError naming the input and the fix.
 */
export function readInputs(get: InputGetter, machine?: InputMachine): Inputs {
  const mode = oneOf(get, 'mode', ['all', 'build', 'merge'] as const, 'all');
  checkNoEffect(mode, get);
  checkCompanions(get);
  const images = listOf('image', get('image'), COMMAS);
  for (const image of images) {
    const ref = parseReference(image);
    if (ref && (ref.tag || ref.digest)) {
      throw new InputError(
        'image',
        `"${image}" includes a tag or digest; give the repository only and put tags in \`tags\``,
      );
    }
    const meant = miscasedHubName(image);
    if (meant !== undefined && isRepository(meant)) {
      throw new InputError('image', `"${image}": repository names are lowercase; write "${meant}"`);
    }
    if (!isRepository(image)) {
      throw new InputError(
        'image',
        `"${image}" is not a valid repository name (lowercase, e.g. ghcr.io/acme/app)`,
      );
    }
  }
  const twice = images.find((image, i) => images.findIndex((other) => sameRepository(image, other)) < i);
  if (twice) {
    const first = images.find((other) => sameRepository(twice, other));
    throw new InputError(
      'image',
      `"${twice}" and "${first}" are one repository (Docker Hub names need no docker.io/); list it once`,
    );
  }
  const tags = listOf('tags', get('tags'), COMMAS);
  tags.forEach(checkTag);
  const annotations = listOf('annotations', get('annotations'), PER_LINE).map((line) => {
    try {
      return parseAnnotation(line);
    } catch (e) {
      throw new InputError('annotations', (e as Error).message);
    }
  });

  const driverSet = get('driver') !== '';
  const call = get('call') ? parseCall(get('call')) : undefined;
  const inputs: Inputs = {
    mode,
    platforms: platforms(get, 'platforms'),
    images,
    tags,
    context: optional(get('context')),
    file: optional(get('file')),
    target: optional(get('target')),
    buildArgs: keyValues(get, 'build-args', 'NAME=value', PER_LINE),
    buildContexts: keyValues(get, 'build-contexts', 'name=source', PER_LINE),
    labels: keyValues(get, 'labels', 'key=value', PER_LINE),
    annotations,
    secrets: secretValues(get),
    secretFiles: keyValues(get, 'secret-files', 'id=path', PER_LINE, SECRET_ID),
    secretEnvs: keyValues(get, 'secret-envs', 'id=ENV_NAME', COMMAS, SECRET_ID),
    ssh: listOf('ssh', get('ssh'), COMMAS),
    noCache: bool(get, 'no-cache', false),
    noCacheFilters: listOf('no-cache-filters', get('no-cache-filters'), COMMAS),
    call: call?.method,
    callFields: call?.fields ?? [],
    outputs: listOf('outputs', get('outputs'), RAW_LINES),
    attests: listOf('attests', get('attests'), PER_LINE),
    cgroupParent: optional(get('cgroup-parent')),
    githubToken: optional(get('github-token')),
    pull: bool(get, 'pull', false),
    push: bool(get, 'push', mode !== 'all'),
    load: bool(get, 'load', false),
    provenance: optional(get('provenance')),
    sbom: optional(get('sbom')),
    network: optional(get('network')),
    addHosts: listOf('add-hosts', get('add-hosts'), COMMAS),
    allow: listOf('allow', get('allow'), COMMAS),
    shmSize: optional(get('shm-size')),
    ulimit: listOf('ulimit', get('ulimit'), PER_LINE),
    cacheFrom: listOf('cache-from', get('cache-from'), PER_LINE),
    cacheTo: listOf('cache-to', get('cache-to'), PER_LINE),
    cache: oneOf(get, 'cache', ['auto', 'gha', 'registry', 'local', 'off'] as const, 'auto'),
    cacheRef: reference(get, 'cache-ref', 'ghcr.io/acme/app:buildcache'),
    cacheWrite: oneOf(get, 'cache-write', ['auto', 'always', 'never'] as const, 'auto'),
    qemu: oneOf(get, 'qemu', ['auto', 'host', 'image', 'off'] as const, 'auto'),
    qemuImage: reference(get, 'qemu-image', DEFAULT_QEMU_IMAGE) ?? DEFAULT_QEMU_IMAGE,
    driver: oneOf(
      get,
      'driver',
      ['docker-container', 'docker', 'remote', 'kubernetes'] as const,
      'docker-container',
    ),
    driverOpts: listOf('driver-opts', get('driver-opts'), RAW_LINES),
    buildkitdFlags: get('buildkitd-flags') || DEFAULT_BUILDKITD_FLAGS,
    buildkitdConfig: optional(get('buildkitd-config')),
    buildkitdConfigInline: optional(get('buildkitd-config-inline')),
    buildkitImage: reference(get, 'buildkit-image', 'mirror.example.com/moby/buildkit:buildx-stable-1'),
    endpoint: optional(get('endpoint')),
    tlsFromEnv: [],
    append: [],
    localNode: false,
    builder: optional(get('builder')),
    cleanup: bool(get, 'cleanup', true),
    qemuCleanup: bool(get, 'qemu-cleanup', false),
    handoff: oneOf(get, 'handoff', ['auto', 'cache', 'tags'] as const, 'auto'),
    variant: variantName(get('variant')),
    sources: listOf('sources', get('sources'), COMMAS),
    platformOverrides: overrides(get),
    summary: bool(get, 'summary', true),
    buildxVersion: optional(get('buildx-version')),
    buildxUrl: optional(get('buildx-url')),
  };
  checkAttributeValues(inputs);
  checkBuilderInputs(inputs, get, driverSet, machine);
  if (inputs.driver === 'remote') {
    const who = { input: 'driver-opts', what: `the node at ${inputs.endpoint}`, index: 0 };
    inputs.tlsFromEnv = tlsSources(
      who,
      inputs.driver,
      inputs.endpoint,
      inputs.driverOpts,
      machine?.env ?? {},
    );
  }
  checkSecretInputs(inputs, machine?.env);
  checkCacheInputs(inputs);
  checkModeInputs(inputs);
  checkBuildInputs(inputs);
  checkPassThroughInputs(inputs);
  checkBuilderFiles(inputs, machine?.workspace);
  checkPlatformOs(inputs, get('append') !== '');
  return inputs;
}
