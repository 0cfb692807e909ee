// What each mode needs, and the one rule for inputs a mode cannot use: set (different from its action.yml
// default, which the runner passes as if given) means an error, before anything runs. github-token is not
// judged: its default is an expression (the job's token) the runner evaluates, so set and unset look alike.
import { formatAnnotation, isIndexLevel, type Annotation } from '../model/annotations.js';
import { isDigest, parseReference } from '../registry/refs.js';
import { InputError } from '../runner/errors.js';
import { attestArgs, attestsSomething } from './attests.js';
import { loadsIntoDocker } from './build-checks.js';
import { BUILDER_KNOBS, DEFAULT_QEMU_IMAGE, type InputGetter, type Inputs, type Mode } from './types.js';

/** action.yml's defaults of the inputs below that have one (a unit test holds them to action.yml). */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  'no-cache': 'false',
  pull: 'false',
  load: 'false',
  cache: 'auto',
  'cache-write': 'auto',
  qemu: 'auto',
  'qemu-image': DEFAULT_QEMU_IMAGE,
  'qemu-cleanup': 'false',
  cleanup: 'true',
  handoff: 'auto',
};

/** Everything that only shapes a build (and its builder, QEMU and cache): a merge builds nothing. */
export const BUILD_ONLY_INPUTS = [
  'context',
  'call',
  'outputs',
  'attests',
  'no-cache-filters',
  'cgroup-parent',
  'file',
  'target',
  'build-args',
  'build-contexts',
  'labels',
  'secrets',
  'secret-files',
  'secret-envs',
  'ssh',
  'no-cache',
  'pull',
  'load',
  'provenance',
  'sbom',
  'network',
  'add-hosts',
  'allow',
  'shm-size',
  'ulimit',
  'cache',
  'cache-ref',
  'cache-write',
  'cache-from',
  'cache-to',
  'qemu',
  'qemu-image',
  'qemu-cleanup',
  'driver',
  ...BUILDER_KNOBS,
  'builder',
  'cleanup',
] as const;

interface NoEffect {
  inputs: readonly string[];
  why: string;
  fix: string;
}

/** Per mode, the inputs it cannot use, why, and what to do instead. */
export const NO_EFFECT: Readonly<Record<Mode, readonly NoEffect[]>> = {
  all: [
    {
      inputs: ['sources', 'platform-overrides'],
      why: 'it builds, it joins no sources',
      fix: 'use it with mode: merge, or remove it',
    },
    {
      inputs: ['handoff', 'variant'],
      why: 'nothing is handed off',
      fix: 'use it on mode: build legs and their mode: merge job, or remove it',
    },
  ],
  build: [
    {
      inputs: ['sources', 'platform-overrides'],
      why: 'a leg joins no sources',
      fix: 'use it with mode: merge, or remove it',
    },
    {
      inputs: ['tags'],
      why: 'a leg publishes no tag: it hands off under a run-scoped handoff tag or cache entry',
      fix: 'set tags on the mode: merge job',
    },
    { inputs: ['load'], why: 'a leg loads nothing', fix: 'load the merged image instead, or remove it' },
  ],
  merge: [
    {
      inputs: BUILD_ONLY_INPUTS,
      why: 'a merge builds nothing',
      fix: 'set it on the mode: build legs, or remove it',
    },
  ],
};

/** The input differs from its default (what the runner passes when the workflow does not set it). */
export function isSet(get: InputGetter, name: string): boolean {
  const value = get(name);
  if (value === '') return false;
  return value.toLowerCase() !== (INPUT_DEFAULTS[name] ?? '').toLowerCase();
}

/** Throws InputError for the first set input the mode cannot use (NO_EFFECT). */
export function checkNoEffect(mode: Mode, get: InputGetter): void {
  const rules = [...NO_EFFECT[mode]];
  // Explicit sources replace the legs' handoff: nothing is looked up by handoff or variant.
  if (mode === 'merge' && get('sources') !== '')
    rules.push({
      inputs: ['handoff', 'variant'],
      why: 'sources replace the legs’ handoff',
      fix: 'remove it, or remove sources',
    });
  for (const { inputs, why, fix } of rules)
    for (const name of inputs)
      if (isSet(get, name)) throw new InputError(name, `has no effect in mode: ${mode} (${why}); ${fix}`);
}

/** True when the build result is an image index: several platforms, or attestations attached to one. */
export function producesIndex(inputs: Inputs, platformCount = inputs.platforms.length): boolean {
  const at = { builderId: '-', privateRepository: false, loads: loadsIntoDocker(inputs) };
  return platformCount > 1 || attestsSomething(attestArgs(inputs, at));
}

function checkAll(inputs: Inputs): void {
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
  const indexLevel = inputs.annotations.filter(isIndexLevel);
  if (indexLevel.length && inputs.platforms.length <= 1 && !producesIndex(inputs, 1)) {
    throw new InputError(
      'annotations',
      `"${formatAnnotation(indexLevel[0] as Annotation)}" needs an image index, but one platform with provenance and sbom off builds a single manifest; use the manifest: level or build more platforms`,
    );
  }
}

function checkBuild(inputs: Inputs): void {
  if (!inputs.images.length)
    throw new InputError(
      'image',
      'mode: build pushes the leg by digest to image; set it (e.g. ghcr.io/acme/app)',
    );
  if (inputs.handoff === 'cache' && inputs.driver === 'docker') {
    throw new InputError(
      'handoff',
      'handoff: cache pushes the leg by digest, which driver: docker cannot do; set handoff: tags, or use driver: docker-container',
    );
  }
}

function checkMerge(inputs: Inputs): void {
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
}

/** What each mode needs of the parsed inputs. Throws InputError naming the input and the fix. */
export function checkModeInputs(inputs: Inputs): void {
  if (inputs.mode === 'all') checkAll(inputs);
  else if (inputs.mode === 'build') checkBuild(inputs);
  else checkMerge(inputs);
}
