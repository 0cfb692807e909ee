// Rules that span several inputs (mode, driver, cache, secrets), applied once every input has parsed.
import { contextHost } from '../buildx/engine.js';
import { planBuildxDownload } from '../buildx/release.js';
import { parseReference } from '../registry/refs.js';
import { join } from 'node:path';
import { InputError } from '../runner/errors.js';
import type { RunnerContext } from '../runner/context.js';
import { endpointProblem } from './append.js';
import { BUILDER_KNOBS, type InputGetter, type Inputs, type KeyValue } from './types.js';

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
  machine: Pick<RunnerContext, 'os' | 'arch'> & Partial<Pick<RunnerContext, 'dockerConfig'>> = {
    os: 'linux',
    arch: 'x64',
  },
): void {
  const setKnobs = BUILDER_KNOBS.filter((name) => get(name) !== '');
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
  if (inputs.endpoint) checkEndpoint(inputs.driver, inputs.endpoint, machine.dockerConfig);
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

/**
 * `endpoint` as setup-buildx-action reads it: with docker-container, the Docker engine the builder's BuildKit
 * container runs on (a docker context name or a Docker host address, the positional argument of `buildx
 * create`); with remote, the BuildKit address (checked with the other values); driver: docker refuses it
 * with the other builder knobs. A bare name must be a context of the docker config at `dockerConfig` (not
 * checked without it): buildx would read an unknown name as the host tcp://<name>:2375. Throws InputError
 * (endpoint) naming the fix.
 */
export function checkEndpoint(
  driver: Inputs['driver'],
  endpoint: string,
  dockerConfig?: string,
  readFile?: (path: string) => string,
): void {
  const hosts =
    'a docker context name from `docker context ls`, or a Docker host such as unix:///var/run/docker.sock or ssh://user@host';
  if (driver === 'kubernetes') {
    throw new InputError(
      'endpoint',
      'driver: kubernetes runs BuildKit in the current kubernetes context (KUBECONFIG); remove endpoint',
    );
  }
  if (driver !== 'docker-container') return;
  if (/^(docker-container|kube-pod):\/\//.test(endpoint)) {
    throw new InputError(
      'endpoint',
      `"${endpoint}" is a BuildKit address; set driver: remote to build on it, or give ${hosts}`,
    );
  }
  if (endpointProblem(driver, endpoint))
    throw new InputError(
      'endpoint',
      `"${endpoint}" is neither a docker context name nor a Docker host; give ${hosts}`,
    );
  const bareName = !endpoint.includes('://');
  if (bareName && endpoint !== 'default' && dockerConfig !== undefined) {
    if (!contextHost(dockerConfig, endpoint, readFile)) {
      throw new InputError(
        'endpoint',
        `there is no docker context "${endpoint}" (looked in ${join(dockerConfig, 'contexts')}); give a name \`docker context ls\` lists (create it in an earlier step with docker context create), or a Docker host such as ssh://user@host`,
      );
    }
  }
}
