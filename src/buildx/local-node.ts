// The builder's own node as a BuildKit container this step starts on the engine, for a builder `append`
// made remote: how it is created (what buildx's docker-container driver would run), started, waited for,
// and removed in post. buildx reaches it at docker-container://<container>.
import { CancelledError, errorText, lastLine } from '../exec/exec.js';
import { retry } from '../exec/retry.js';
import { containerOptions, splitFlags } from '../inputs/local-node.js';
import { DEFAULT_BUILDKIT_IMAGE, type Inputs } from '../inputs/types.js';
import { errorIsTransient } from '../registry/failures.js';
import { ActionError } from '../runner/errors.js';
import type { Step } from '../runner/step.js';
import { nodeContainer, nodeVolume, stateVolume } from './remove.js';

export interface LocalNodePlan {
  /** buildx's own name for a docker-container builder's first node: tools that clean those see it too. */
  container: string;
  /** Its BuildKit state, mounted at /var/lib/buildkit (no anonymous volume is made). */
  volume: string;
  image: string;
  /** `docker create …`: privileged (BuildKit runs containers), buildkitd-flags as buildkitd's arguments. */
  create: string[];
  /** A folder holding only buildkitd.toml, copied to /etc/buildkit before it starts. */
  configDir?: string;
  /** driver-opts for `buildx create` itself (default-load). */
  builderOpts: string[];
}

/**
 * The container for builder `builder`'s own node: buildkit-image (or driver-opts' image=), the step's
 * driver-opts as container flags, buildkitd-flags; `configDir` holds the buildkitd config to copy in. Pure.
 * Throws InputError (driver-opts, buildkitd-flags) as containerOptions and splitFlags do (readAppend has
 * already checked them).
 */
export function planLocalNode(builder: string, inputs: Inputs, configDir?: string): LocalNodePlan {
  const container = nodeContainer(builder);
  const volume = nodeVolume(builder);
  const options = containerOptions(inputs.driverOpts);
  const image = options.image ?? inputs.buildkitImage ?? DEFAULT_BUILDKIT_IMAGE;
  const create = ['docker', 'create', '--name', container, '--privileged'];
  create.push('--volume', `${volume}:/var/lib/buildkit`, ...options.flags, image);
  create.push(...splitFlags(inputs.buildkitdFlags));
  return {
    container,
    volume,
    image,
    create,
    ...(configDir ? { configDir } : {}),
    builderOpts: options.builderOpts,
  };
}

/** How long the step waits for BuildKit to answer in its container: `checks` tries, `intervalMs` apart. */
export const READY = { checks: 240, intervalMs: 250 };

/**
 * Creates (pulling the image if missing, retrying transient registry failures), configures and starts the
 * container, then waits until its BuildKit lists its workers, as buildx's docker-container driver does.
 * Throws ActionError (phase builder) naming buildkit-image, buildkitd-config, buildkitd-flags or driver-opts.
 */
export async function startLocalNode(step: Step, plan: LocalNodePlan, ready = READY): Promise<void> {
  const { exec, log } = step;
  const which = `this step's BuildKit container ${plan.container}`;
  try {
    await retry(
      exec,
      log,
      { attempts: 3, baseMs: 2000, what: `creating ${which}` },
      () => exec.run(plan.create),
      errorIsTransient,
    );
  } catch (e) {
    const reason = errorText(e);
    if (/network \S+ not found/i.test(reason))
      throw new ActionError(
        'builder',
        `could not create ${which} (${reason}); check network= in driver-opts`,
        'driver-opts',
      );
    throw new ActionError(
      'builder',
      `could not start this step's BuildKit container from ${plan.image} (${reason}); if the runner cannot reach Docker Hub, set buildkit-image to a mirror`,
      'buildkit-image',
    );
  }
  if (plan.configDir) {
    await exec.run(['docker', 'cp', `${plan.configDir}/.`, `${plan.container}:/etc/buildkit`]).catch((e) => {
      throw new ActionError(
        'builder',
        `could not copy the buildkitd config into ${which} (${errorText(e)})`,
        'buildkitd-config',
      );
    });
  }
  await exec.run(['docker', 'start', plan.container]).catch((e) => {
    throw new ActionError(
      'builder',
      `could not start ${which} from ${plan.image} (${errorText(e)}); it runs privileged, which the engine must allow`,
      'buildkit-image',
    );
  });
  await waitForBuildkit(step, plan, ready);
}

async function waitForBuildkit(step: Step, plan: LocalNodePlan, ready: typeof READY): Promise<void> {
  const { exec } = step;
  const quiet = { echo: false, allowFailure: true };
  let last = '';
  for (let check = 0; check < ready.checks; check++) {
    const workers = await exec.run(['docker', 'exec', plan.container, 'buildctl', 'debug', 'workers'], quiet);
    if (workers.code === 0) return;
    last = lastLine(workers.stderr || workers.stdout);
    const state = await exec.run(
      ['docker', 'inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', plan.container],
      quiet,
    );
    const [running, code] = state.stdout.trim().split(' ');
    if (running === 'false') {
      const logs = await exec.run(['docker', 'logs', '--tail', '20', plan.container], quiet);
      throw new ActionError(
        'builder',
        `BuildKit in this step's container ${plan.container} exited (code ${code}: ${lastLine(logs.stderr || logs.stdout)}); check buildkitd-flags and buildkitd-config`,
        'buildkitd-flags',
      );
    }
    await exec.sleep(ready.intervalMs);
    if (exec.cancelled) throw new CancelledError(exec.cancelledBy, `BuildKit in ${plan.container} answered`);
  }
  throw new ActionError(
    'builder',
    `BuildKit in this step's container ${plan.container} did not answer within ${Math.round((ready.checks * ready.intervalMs) / 1000)} s (${last}); check buildkit-image`,
    'buildkit-image',
  );
}

/**
 * Post: removes the container main started for its builder's own node, and its state volume. Either may
 * never have been made (main failed or was cancelled first): nothing to say then. Never throws: a failure is
 * a warning.
 */
export async function removeLocalNode(step: Step, container: string): Promise<void> {
  const run = (argv: string[]) =>
    step.exec
      .run(argv, { echo: false, allowFailure: true })
      .catch((e: unknown) => ({ code: 1, stdout: '', stderr: errorText(e) }));
  const removed: string[] = [];
  const rm = await run(['docker', 'rm', '--force', '--volumes', container]);
  if (rm.code === 0 && rm.stdout.trim() === container) removed.push(`container ${container}`);
  else if (rm.code !== 0 && !/no such container/i.test(rm.stderr))
    step.log.warning(`post: could not remove the BuildKit container ${container}: ${lastLine(rm.stderr)}`);
  const volume = stateVolume(container);
  const gone = await run(['docker', 'volume', 'rm', '--force', volume]);
  if (gone.code === 0 && gone.stdout.trim() === volume) removed.push(`volume ${volume}`);
  else if (gone.code !== 0 && !/no such volume/i.test(gone.stderr))
    step.log.warning(`post: could not remove the volume ${volume}: ${lastLine(gone.stderr)}`);
  if (removed.length) step.log.info(`Removed the BuildKit ${removed.join(' and ')}`);
}
