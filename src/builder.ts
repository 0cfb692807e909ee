import { randomBytes } from 'node:crypto';
import { ActionError } from './errors.js';
import { exec, lastLine, retry } from './exec.js';
import type { Inputs } from './inputs.js';

export const DEFAULT_BUILDKIT_IMAGE = 'moby/buildkit:buildx-stable-1';

export interface BuilderPlan {
  name: string;
  /** This run creates (and so removes) the builder. */
  owned: boolean;
  create?: string[];
  bootstrap?: string[];
}

/** Unique per run, attempt and job, plus randomness: matrix legs on one host share run, attempt and job. */
export function builderName(env: NodeJS.ProcessEnv, random = randomBytes(4).toString('hex')): string {
  const job = (env.GITHUB_JOB ?? 'local').replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 24);
  return `multiarch-${env.GITHUB_RUN_ID ?? '0'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${job}-${random}`;
}

export function planBuilder(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  configFile?: string,
  random?: string,
): BuilderPlan {
  if (inputs.builder) return { name: inputs.builder, owned: false };
  // The engine's own builder is named after the docker context; naming it keeps a user's `buildx use` out.
  if (inputs.driver === 'docker') return { name: env.DOCKER_CONTEXT || 'default', owned: false };
  const name = builderName(env, random);
  const create = ['docker', 'buildx', 'create', '--name', name, '--driver', inputs.driver];
  for (const opt of inputs.driverOpts) create.push('--driver-opt', opt);
  if (inputs.driver === 'docker-container') {
    if (inputs.buildkitImage) create.push('--driver-opt', `image=${inputs.buildkitImage}`);
    create.push('--buildkitd-flags', inputs.buildkitdFlags);
  }
  const config = inputs.buildkitdConfig ?? configFile;
  if (config) create.push('--buildkitd-config', config);
  if (inputs.endpoint) create.push(inputs.endpoint);
  return { name, owned: true, create, bootstrap: ['docker', 'buildx', 'inspect', '--bootstrap', name] };
}

/** `BuildKit version: v0.25.1` in `buildx inspect` output. */
export function buildkitVersionOf(inspect: string): string | undefined {
  return /BuildKit version:\s*v?(\d+\.\d+\.\d+)/i.exec(inspect)?.[1];
}

/**
 * Creates and starts the builder and returns BuildKit's version when the bootstrap reported it. A BuildKit
 * image that cannot be pulled names the input that fixes it.
 */
export async function startBuilder(plan: BuilderPlan, inputs: Inputs): Promise<string | undefined> {
  if (!plan.create || !plan.bootstrap) return undefined;
  const bootstrap = plan.bootstrap;
  try {
    await exec(plan.create);
    const inspect = await retry({ attempts: 3, baseMs: 2000, what: 'starting the builder' }, () =>
      exec(bootstrap),
    );
    return buildkitVersionOf(inspect.stdout);
  } catch (e) {
    const reason = lastLine((e as { result?: { stderr: string } }).result?.stderr ?? (e as Error).message);
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
