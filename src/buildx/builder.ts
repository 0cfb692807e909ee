import { randomBytes } from 'node:crypto';
import { errorText } from '../exec/exec.js';
import { retry } from '../exec/retry.js';
import type { Inputs } from '../inputs/types.js';
import { errorIsTransient } from '../registry/failures.js';
import type { RunnerContext } from '../runner/context.js';
import { ActionError } from '../runner/errors.js';
import type { Step } from '../runner/step.js';
import type { Buildx } from './buildx.js';

export const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';

export interface BuilderPlan {
  name: string;
  /** This run creates (and so removes) the builder. */
  owned: boolean;
  /** `buildx` arguments that create and start it, when this run creates it. */
  create?: string[];
  bootstrap?: string[];
}

/** The builder a step's build runs on: a handle phases receive. */
export interface Builder {
  name: string;
  owned: boolean;
  /** BuildKit's version, when the bootstrap reported it (x.y.z). */
  buildkitVersion?: string;
  /** The environment that points buildx commands at it (never `buildx use`: the user's selection stays). */
  env: Record<string, string>;
}

/** Unique per run, attempt and job, plus randomness: matrix legs on one host share run, attempt and job. */
export function builderName(
  ctx: Pick<RunnerContext, 'runId' | 'runAttempt' | 'job'>,
  random = randomBytes(4).toString('hex'),
): string {
  const job = (ctx.job || 'local').replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 24);
  const run = ctx.runId === 'local' ? '0' : ctx.runId;
  return `multiarch-${run}-${ctx.runAttempt}-${job}-${random}`;
}

/**
 * The builder the inputs ask for: an existing one (`builder`), the engine's (`driver: docker`), or one this
 * run creates. `configFile` is the written buildkitd-config-inline. Pure.
 */
export function planBuilder(
  inputs: Inputs,
  ctx: Pick<RunnerContext, 'runId' | 'runAttempt' | 'job' | 'dockerContext'>,
  configFile?: string,
  random?: string,
): BuilderPlan {
  if (inputs.builder) return { name: inputs.builder, owned: false };
  // The engine's own builder is named after the docker context; naming it keeps a user's `buildx use` out.
  if (inputs.driver === 'docker') return { name: ctx.dockerContext ?? 'default', owned: false };
  const name = builderName(ctx, random);
  const create = ['create', '--name', name, '--driver', inputs.driver];
  for (const opt of inputs.driverOpts) create.push('--driver-opt', opt);
  if (inputs.driver === 'docker-container') {
    if (inputs.buildkitImage) create.push('--driver-opt', `image=${inputs.buildkitImage}`);
    create.push('--buildkitd-flags', inputs.buildkitdFlags);
  }
  const config = inputs.buildkitdConfig ?? configFile;
  if (config) create.push('--buildkitd-config', config);
  if (inputs.endpoint) create.push(inputs.endpoint);
  return { name, owned: true, create, bootstrap: ['inspect', '--bootstrap', name] };
}

/** `BuildKit version: v0.25.1` in `buildx inspect` output. */
export function buildkitVersionOf(inspect: string): string | undefined {
  return /BuildKit version:\s*v?(\d+\.\d+\.\d+)/i.exec(inspect)?.[1];
}

/**
 * Creates and starts the builder (when the plan owns one) and returns its handle. Throws ActionError (phase
 * builder) naming buildkit-image (or endpoint, for driver: remote) when BuildKit does not start.
 */
export async function startBuilder(
  step: Step,
  buildx: Buildx,
  plan: BuilderPlan,
  inputs: Inputs,
): Promise<Builder> {
  const builder = { name: plan.name, owned: plan.owned, env: { BUILDX_BUILDER: plan.name } };
  if (!plan.create || !plan.bootstrap) return builder;
  const { create, bootstrap } = plan;
  try {
    await buildx.run(create);
    const inspect = await retry(
      step.exec,
      step.log,
      { attempts: 3, baseMs: 2000, what: 'starting the builder' },
      () => buildx.run(bootstrap),
      errorIsTransient,
    );
    const buildkitVersion = buildkitVersionOf(inspect.stdout);
    return buildkitVersion ? { ...builder, buildkitVersion } : builder;
  } catch (e) {
    const reason = errorText(e);
    if (inputs.driver === 'remote') {
      throw new ActionError(
        'builder',
        `could not reach BuildKit at ${inputs.endpoint} (${reason}); check endpoint`,
        'endpoint',
      );
    }
    const image = inputs.buildkitImage ?? DEFAULT_BUILDKIT_IMAGE;
    throw new ActionError(
      'builder',
      `could not start BuildKit from ${image} (${reason}); if the runner cannot reach Docker Hub, set buildkit-image to a mirror`,
      'buildkit-image',
    );
  }
}
