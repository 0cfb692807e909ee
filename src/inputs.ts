import { InputError } from './errors.js';
import { formatPlatform, parsePlatform, type Platform } from './platforms.js';
import { isDigest, isRepository, isTag, parseReference } from './refs.js';

export type Mode = 'all' | 'build' | 'merge';
export type QemuMode = 'auto' | 'host' | 'image' | 'off';
export type Driver = 'docker-container' | 'docker' | 'remote';
export type CacheMode = 'auto' | 'gha' | 'registry' | 'local' | 'off';
export type CacheWrite = 'auto' | 'always' | 'never';
export type HandoffMode = 'auto' | 'cache' | 'tags';

export const ANNOTATION_TYPES = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'] as const;
export type AnnotationType = (typeof ANNOTATION_TYPES)[number];

export interface Annotation {
  /** Levels as written, with any [platform] selector; empty means buildx's default, `manifest`. */
  types: AnnotationType[];
  selector?: string;
  key: string;
  value: string;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface Inputs {
  mode: Mode;
  platforms: Platform[];
  images: string[];
  /** Each entry a bare tag (applies to every image) or a full reference, as given. */
  tags: string[];
  context: string;
  file?: string;
  target?: string;
  buildArgs: KeyValue[];
  buildContexts: KeyValue[];
  labels: KeyValue[];
  annotations: Annotation[];
  secrets: KeyValue[];
  secretFiles: KeyValue[];
  secretEnvs: KeyValue[];
  ssh: string[];
  noCache: boolean;
  pull: boolean;
  push: boolean;
  load: boolean;
  provenance?: string;
  sbom?: string;
  network?: string;
  addHosts: string[];
  allow: string[];
  shmSize?: string;
  ulimit: string[];
  cacheFrom: string[];
  cacheTo: string[];
  cache: CacheMode;
  cacheRef?: string;
  cacheWrite: CacheWrite;
  qemu: QemuMode;
  qemuImage: string;
  driver: Driver;
  driverOpts: string[];
  buildkitdFlags: string;
  buildkitdConfig?: string;
  buildkitdConfigInline?: string;
  buildkitImage?: string;
  endpoint?: string;
  builder?: string;
  cleanup: boolean;
  qemuCleanup: boolean;
  handoff: HandoffMode;
  sources: string[];
  platformOverrides: Array<{ from: Platform; to: Platform }>;
  summary: boolean;
  buildxVersion?: string;
  buildxUrl?: string;
}

/** Pinned, not `latest`: QEMU regressions are why users pin it (FIELD-NOTES item 5). */
export const DEFAULT_QEMU_IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v9.2.2';
export const DEFAULT_BUILDKITD_FLAGS =
  '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host';

export interface InputGetter {
  (name: string): string;
  /** The step's environment, when the inputs come from it: `secret-envs` are checked against it. */
  env?: NodeJS.ProcessEnv;
}

/** Reads INPUT_* the way the runner sets them (name upper-cased, spaces as underscores). */
export const envInputs = (env: NodeJS.ProcessEnv = process.env): InputGetter =>
  Object.assign((name: string) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(), {
    env,
  });

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

export function parseAnnotation(line: string): Annotation {
  const eq = line.indexOf('=');
  if (eq <= 0) throw new Error(`"${line}" is not [level:]key=value`);
  const left = line.slice(0, eq);
  const value = line.slice(eq + 1);
  const colon = left.lastIndexOf(':');
  if (colon < 0) return { types: [], key: left, value };
  const prefix = left.slice(0, colon);
  const key = left.slice(colon + 1);
  const match = /^([a-z,-]+)(\[[^\]]+\])?$/.exec(prefix);
  const types = match?.[1]?.split(',') ?? [];
  const bad = types.find((t) => !(ANNOTATION_TYPES as readonly string[]).includes(t));
  if (!match || bad !== undefined || !key) {
    throw new Error(`level "${bad ?? prefix}" in "${line}" is not one of ${ANNOTATION_TYPES.join(', ')}`);
  }
  for (const platform of match[2]?.slice(1, -1).split(',') ?? []) {
    try {
      parsePlatform(platform);
    } catch (e) {
      throw new Error(`the platform selector in "${line}": ${(e as Error).message}`, { cause: e });
    }
  }
  return { types: types as AnnotationType[], ...(match[2] ? { selector: match[2] } : {}), key, value };
}

export function formatAnnotation(a: Annotation): string {
  const prefix = a.types.length ? `${a.types.join(',')}${a.selector ?? ''}:` : '';
  return `${prefix}${a.key}=${a.value}`;
}

export const annotationTypes = (a: Annotation): AnnotationType[] => (a.types.length ? a.types : ['manifest']);

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

function reference(get: InputGetter, name: string, example: string): string | undefined {
  const value = optional(get(name));
  if (value !== undefined && !parseReference(value)) {
    throw new InputError(name, `"${value}" is not an image reference (e.g. ${example})`);
  }
  return value;
}

/** Parses and validates every input before anything runs. Throws InputError naming the input and the fix. */
export function readInputs(get: InputGetter): Inputs {
  const mode = oneOf(get, 'mode', ['all', 'build', 'merge'] as const, 'all');
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
    sources: list(get('sources'), true),
    platformOverrides: overrides(get),
    summary: bool(get, 'summary', true),
    buildxVersion: optional(get('buildx-version')),
    buildxUrl: optional(get('buildx-url')),
  };
  checkBuilderInputs(inputs, get, driverSet);
  checkSecretInputs(inputs, get.env);
  checkCacheInputs(inputs);
  checkModeInputs(inputs, get);
  return inputs;
}

function checkSecretInputs(inputs: Inputs, env: NodeJS.ProcessEnv | undefined): void {
  const seen = new Map<string, string>();
  const given: Array<[string, KeyValue[]]> = [
    ['secrets', inputs.secrets],
    ['secret-files', inputs.secretFiles],
    ['secret-envs', inputs.secretEnvs],
  ];
  for (const [name, entries] of given) {
    for (const { key } of entries) {
      const first = seen.get(key);
      if (first !== undefined) {
        throw new InputError(
          name,
          `secret id "${key}" is already given${first === name ? '' : ` in ${first}`}; give each secret one id`,
        );
      }
      seen.set(key, name);
    }
  }
  if (!env) return;
  // buildx quietly builds without a secret whose variable is unset: a typo would go unnoticed.
  for (const { key, value } of inputs.secretEnvs) {
    if (env[value] === undefined) {
      throw new InputError(
        'secret-envs',
        `"${key}=${value}": ${value} is not set in this step's environment; set it under the step's env: (e.g. ${value}: \${{ secrets.${value} }}) or remove the line`,
      );
    }
  }
}

function checkCacheInputs(inputs: Inputs): void {
  if (inputs.cacheRef) {
    const ref = parseReference(inputs.cacheRef);
    if (ref?.digest)
      throw new InputError('cache-ref', `"${inputs.cacheRef}" has a digest; a cache is written to a tag`);
  }
  if (inputs.cache === 'registry' && !inputs.cacheRef && !inputs.images.length) {
    throw new InputError(
      'cache',
      'cache: registry stores the cache next to image, and no image is set; set cache-ref (e.g. ghcr.io/acme/app:buildcache) or image',
    );
  }
}

function checkBuilderInputs(inputs: Inputs, get: InputGetter, driverSet: boolean): void {
  const builderKnobs = [
    'driver-opts',
    'buildkitd-flags',
    'buildkitd-config',
    'buildkitd-config-inline',
    'buildkit-image',
    'endpoint',
  ];
  const setKnobs = builderKnobs.filter((name) => get(name) !== '');
  if (inputs.builder) {
    const conflict = [...(driverSet ? ['driver'] : []), ...setKnobs];
    if (conflict.length) {
      throw new InputError(
        'builder',
        `uses an existing builder as it is, so ${conflict.join(', ')} cannot apply; remove ${conflict.length > 1 ? 'them' : 'it'} or remove builder`,
      );
    }
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(inputs.builder)) {
      throw new InputError('builder', `"${inputs.builder}" is not a builder name`);
    }
  }
  if (inputs.driver === 'docker' && setKnobs.length) {
    throw new InputError(
      setKnobs[0] as string,
      `has no effect with driver: docker (the engine's own builder); use driver: docker-container or remove it`,
    );
  }
  if (inputs.driver === 'remote' && !inputs.endpoint) {
    throw new InputError('endpoint', 'driver: remote needs the BuildKit address, e.g. tcp://buildkitd:1234');
  }
  if (inputs.driver !== 'remote' && inputs.endpoint) {
    throw new InputError('endpoint', 'is only for driver: remote; remove it or set driver: remote');
  }
  if (inputs.driver === 'remote' && inputs.buildkitImage) {
    throw new InputError(
      'buildkit-image',
      'driver: remote connects to a running BuildKit; it starts no image',
    );
  }
  if (inputs.buildkitdConfig && inputs.buildkitdConfigInline) {
    throw new InputError(
      'buildkitd-config-inline',
      'set either buildkitd-config or buildkitd-config-inline, not both',
    );
  }
  if (inputs.buildkitImage && inputs.driverOpts.some((o) => o.startsWith('image='))) {
    throw new InputError('buildkit-image', 'driver-opts already sets image=; keep one of them');
  }
  if (inputs.buildxUrl && !inputs.buildxVersion) {
    throw new InputError(
      'buildx-url',
      'is the mirror to download buildx-version from; set buildx-version too',
    );
  }
}

/** True when the build result is an image index: several platforms, or attestations attached to one. */
export function producesIndex(inputs: Inputs, platformCount = inputs.platforms.length): boolean {
  const off = (v: string | undefined) => v === undefined || /^(false|0|off)$/i.test(v);
  const provenanceOn = inputs.provenance === undefined || !off(inputs.provenance);
  return platformCount > 1 || provenanceOn || !off(inputs.sbom);
}

function checkModeInputs(inputs: Inputs, get: InputGetter): void {
  const { mode } = inputs;
  const indexLevel = inputs.annotations.filter((a) => annotationTypes(a).some((t) => t.startsWith('index')));
  if (mode !== 'merge') {
    if (inputs.sources.length)
      throw new InputError('sources', 'is for mode: merge; remove it or set mode: merge');
    if (inputs.platformOverrides.length) {
      throw new InputError('platform-overrides', 'applies when merging; use it with mode: merge');
    }
  }
  if (mode === 'all') {
    const bare = inputs.tags.filter((t) => !t.includes('/') && !t.includes(':'));
    if (bare.length && !inputs.images.length) {
      throw new InputError(
        'tags',
        `"${bare[0]}" is a bare tag but no image is set; set image (e.g. ghcr.io/acme/app) or give full references`,
      );
    }
    if (inputs.push && !inputs.tags.length) {
      throw new InputError(
        'tags',
        'push: true needs somewhere to push; set tags (e.g. latest) with image, or full references',
      );
    }
    if (indexLevel.length && inputs.platforms.length <= 1 && !producesIndex(inputs, 1)) {
      throw new InputError(
        'annotations',
        `"${formatAnnotation(indexLevel[0] as Annotation)}" needs an image index, but one platform with provenance and sbom off builds a single manifest; use the manifest: level or build more platforms`,
      );
    }
  }
  if (mode === 'build') {
    if (!inputs.images.length)
      throw new InputError(
        'image',
        'mode: build pushes the leg by digest to image; set it (e.g. ghcr.io/acme/app)',
      );
    if (get('push') !== '' && !inputs.push) {
      throw new InputError(
        'push',
        'mode: build always pushes (the merge job needs the leg in the registry); remove push: false',
      );
    }
    if (inputs.tags.length && inputs.handoff !== 'tags') {
      throw new InputError(
        'tags',
        'a matrix leg must not push shared tags (each leg would overwrite the others and the tag would hold one platform); set tags on the mode: merge job, or set handoff: tags to use them as bases of per-platform tags',
      );
    }
    if (inputs.load)
      throw new InputError('load', 'mode: build pushes by digest; load the merged image instead');
    if (inputs.handoff === 'cache' && inputs.driver === 'docker') {
      throw new InputError(
        'handoff',
        'handoff: cache pushes the leg by digest, which driver: docker cannot do; set handoff: tags, or use driver: docker-container',
      );
    }
  }
  if (mode === 'merge') {
    if (!inputs.images.length) {
      if (!inputs.tags.some((t) => t.includes('/')))
        throw new InputError('image', 'mode: merge needs the repository to publish to; set image');
      if (!inputs.sources.length)
        throw new InputError(
          'image',
          "mode: merge finds the legs by the image they pushed to; set image to the legs' repository",
        );
      const digest = inputs.sources.find((s) => isDigest(s));
      if (digest)
        throw new InputError(
          'image',
          `sources "${digest}" is a digest in image's repository, and no image is set; set image or give the source as repo@${digest.slice(0, 15)}…`,
        );
    }
    if (!inputs.platforms.length && !inputs.sources.length) {
      throw new InputError(
        'platforms',
        'mode: merge needs the platforms that must be published, e.g. linux/amd64,linux/arm64',
      );
    }
    if (!inputs.tags.length)
      throw new InputError('tags', 'mode: merge publishes to tags; set at least one (e.g. latest)');
    for (const source of inputs.sources) {
      if (source.startsWith('sha256:') ? !isDigest(source) : !parseReference(source)) {
        throw new InputError(
          'sources',
          `"${source}" is neither a reference (repo:tag or repo@sha256:…) nor a sha256: digest`,
        );
      }
    }
    for (const name of [
      'file',
      'target',
      'build-args',
      'secrets',
      'secret-envs',
      'secret-files',
      'cache-from',
      'cache-to',
    ]) {
      if (get(name) !== '')
        throw new InputError(name, 'mode: merge builds nothing; move it to the mode: build legs');
    }
  }
}
