// A build that pushes and also loads its image runs as two builds: buildx's metadata file reports the digest
// of one of its exporters, and which one is not defined (with --push --load on a docker-container builder and
// one platform it is the loaded image's), so the push could not be verified against it. (`outputs` beside a
// push is refused by the input checks.)
import type { Buildx } from '../buildx/buildx.js';
import type { Inputs } from '../inputs/types.js';
import type { Step } from '../runner/step.js';
import { runBuild, type BuildResult, type BuildSpec } from './build.js';

/**
 * Runs the build of `spec` (see runBuild). When it would also load its image, the load runs first with
 * nothing pushed and no cache exported, then the push alone from the builder's cache, so the metadata names
 * what was pushed; nothing is pushed when the load fails. Returns the push's result, with `stepsLog` from
 * the first build (the one that ran the steps) and the loaded image's id. Throws ActionError as runBuild does.
 */
export async function runBuilds(
  step: Step,
  buildx: Buildx,
  inputs: Inputs,
  spec: BuildSpec,
  env: Record<string, string>,
  signal?: AbortSignal,
): Promise<BuildResult> {
  // Only mode all pushes to tags and may load: a leg that loads is refused with the inputs.
  const { output } = spec;
  if (!inputs.load || output.kind !== 'tags' || !output.push)
    return runBuild(step, buildx, inputs, spec, env, undefined, signal);
  step.log.info(
    'load and push: loading first, then pushing alone from the cache (so the pushed digest is known)',
  );
  const loaded = await runBuild(
    step,
    buildx,
    inputs,
    {
      ...spec,
      output: { ...output, push: false },
      cacheTo: [],
      metadataFile: spec.metadataFile.replace(/(\.json)?$/, '-load.json'),
    },
    env,
    undefined,
    signal,
  );
  // Attested as build-push-action attests a build that loads (no default provenance).
  const alone = { ...spec, attest: { ...spec.attest, loads: true } };
  // From the load build's results: no-cache, no-cache-filters and pull applied to that build; here they would
  // build (or resolve) it again, and push a different image than the one loaded.
  const fromCache = { ...inputs, load: false, noCache: false, noCacheFilters: [], pull: false };
  const pushed = await runBuild(step, buildx, fromCache, alone, env, undefined, signal);
  // `imageid` names the image in the engine when it was loaded (a later `docker run` uses it).
  return { ...pushed, imageId: loaded.imageId || pushed.imageId, stepsLog: loaded.log };
}
