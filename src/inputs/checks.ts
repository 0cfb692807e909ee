// Rules that span several inputs (mode, driver, cache, secrets), applied once every input has parsed.
import { planBuildxDownload } from '../buildx/release.js';
import { formatAnnotation, isIndexLevel, type Annotation } from '../model/annotations.js';
import { isDigest, parseReference } from '../registry/refs.js';
import { InputError } from '../runner/errors.js';
import { attestArgs, attestsSomething } from './attests.js';
import { loadsIntoDocker } from './build-checks.js';
import type { RunnerContext } from '../runner/context.js';
import type { InputGetter, Inputs, KeyValue } from './types.js';

export function checkSecretInputs(inputs: Inputs, env: NodeJS.ProcessEnv | undefined): void {
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

export function checkCacheInputs(inputs: Inputs): void {
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

export function checkBuilderInputs(
  inputs: Inputs,
  get: InputGetter,
  driverSet: boolean,
  machine: Pick<RunnerContext, 'os' | 'arch'> = { os: 'linux', arch: 'x64' },
): void {
  const builderKnobs = [
    'driver-opts',
    'buildkitd-flags',
    'buildkitd-config',
    'buildkitd-config-inline',
    'buildkit-image',
    'endpoint',
    'append',
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
  // Validated here, before anything runs; downloaded later, only if needed.
  if (inputs.buildxVersion) {
    planBuildxDownload({
      version: inputs.buildxVersion,
      baseUrl: inputs.buildxUrl,
      platform: machine.os,
      arch: machine.arch,
    });
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
  const at = { builderId: '-', privateRepository: false, loads: loadsIntoDocker(inputs) };
  return platformCount > 1 || attestsSomething(attestArgs(inputs, at));
}

export function checkModeInputs(inputs: Inputs, get: InputGetter): void {
  const { mode } = inputs;
  const indexLevel = inputs.annotations.filter(isIndexLevel);
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
      'append',
    ]) {
      if (get(name) !== '')
        throw new InputError(name, 'mode: merge builds nothing; move it to the mode: build legs');
    }
  }
}
