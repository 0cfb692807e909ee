import { randomBytes } from 'node:crypto';
import { cancelledLine, errorText } from '../exec/exec.js';
import { retry } from '../exec/retry.js';
import { builderDriver } from '../inputs/local-node.js';
import { DEFAULT_BUILDKIT_IMAGE, type Inputs } from '../inputs/types.js';
import { errorIsTransient } from '../registry/failures.js';
import type { RunnerContext } from '../runner/context.js';
import { ActionError } from '../runner/errors.js';
import type { Step } from '../runner/step.js';
import { formatPlatform, type Platform } from '../model/platforms.js';
import type { Buildx } from './buildx.js';
import { parseInspect } from './inspect.js';
import { startFailure } from './start-failure.js';
import { planLocalNode, startLocalNode, type LocalNodePlan } from './local-node.js';
import { ownTlsOpts, planNodes, type NodePlan } from './nodes.js';
import { findUnreachable, protocolProbe, watchable, watchNodes, type Lost, type Probe } from './watch.js';

export interface BuilderPlan {
  name: string;
  /** This run creates (and so removes) the builder. */
  owned: boolean;
  /** `buildx` arguments that create and start it, when this run creates it. */
  create?: string[];
  /** `buildx create --append` for each node `append` adds, in order. */
  append?: string[][];
  bootstrap?: string[];
  /** Its nodes, its own first (one: the builder has no appended nodes). */
  nodes: NodePlan[];
  /** The BuildKit container this run starts for its own node, before creating the builder (`localNode`). */
  local?: LocalNodePlan;
}

/** The builder a step's build runs on: a handle phases receive. */
export interface Builder {
  name: string;
  owned: boolean;
  /** BuildKit's version, when the bootstrap reported it (x.y.z). */
  buildkitVersion?: string;
  /** The environment that points buildx commands at it (never `buildx use`: the user's selection stays). */
  env: Record<string, string>;
  nodes: NodePlan[];
  /** What the bootstrap's `buildx inspect --bootstrap` printed, when this run started the builder. */
  inspected?: string;
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

/** Where the run writes TLS files given in the environment, and the platforms the build asks for. */
export interface BuilderFiles {
  /** The written buildkitd-config-inline. */
  configFile?: string;
  /** A folder holding only buildkitd.toml, for the BuildKit container of the builder's own node. */
  localConfigDir?: string;
  tlsDir?: string;
  platforms?: Platform[];
}

/**
 * The builder the inputs ask for: an existing one (`builder`), the engine's (`driver: docker`), or one this
 * run creates, with the nodes `append` adds. Pure.
 */
export function planBuilder(
  inputs: Inputs,
  ctx: Pick<RunnerContext, 'runId' | 'runAttempt' | 'job' | 'dockerContext'>,
  files: BuilderFiles = {},
  random?: string,
): BuilderPlan {
  const single = (name: string): NodePlan[] => [{ name, platforms: [], tls: [] }];
  if (inputs.builder) return { name: inputs.builder, owned: false, nodes: single(inputs.builder) };
  // The engine's own builder is named after the docker context; naming it keeps a user's `buildx use` out.
  if (inputs.driver === 'docker') {
    const name = ctx.dockerContext ?? 'default';
    return { name, owned: false, nodes: single(name) };
  }
  const name = builderName(ctx, random);
  const driver = builderDriver(inputs);
  const config = inputs.buildkitdConfig ?? files.configFile;
  const local = inputs.localNode ? planLocalNode(name, inputs, files.localConfigDir) : undefined;
  const tlsDir = files.tlsDir ?? '';
  const nodes = planNodes(name, inputs, files.platforms ?? [], config, tlsDir, local?.container);
  const own = nodes[0] as NodePlan;
  const create = ['create', '--name', name, '--driver', driver];
  const opts = local ? local.builderOpts : [...inputs.driverOpts, ...ownTlsOpts(own)];
  for (const opt of opts) create.push('--driver-opt', opt);
  if (driver === 'docker-container' || driver === 'kubernetes') {
    if (inputs.buildkitImage) create.push('--driver-opt', `image=${inputs.buildkitImage}`);
    create.push('--buildkitd-flags', inputs.buildkitdFlags);
  }
  // The local node's container gets the config copied in: buildx's remote driver starts nothing.
  if (config && !local) create.push('--buildkitd-config', config);
  if (own.platforms.length) create.push('--platform', own.platforms.map(formatPlatform).join(','));
  if (own.endpoint) create.push(own.endpoint);
  const append = nodes.flatMap((n) => (n.append ? [n.append] : []));
  return {
    name,
    owned: true,
    create,
    ...(append.length ? { append } : {}),
    bootstrap: ['inspect', '--bootstrap', name],
    nodes,
    ...(local ? { local } : {}),
  };
}

/** `BuildKit version: v0.25.1` in `buildx inspect` output. */
export function buildkitVersionOf(inspect: string): string | undefined {
  return /BuildKit version:\s*v?(\d+\.\d+\.\d+)/i.exec(inspect)?.[1];
}

/**
 * The input that names a node: an appended one (append), or the builder's own: endpoint (driver: remote), or
 * buildkit-image (the container this run starts for it).
 */
const nodeInput = (plan: BuilderPlan, name: string): string =>
  plan.nodes[0]?.name !== name ? 'append' : plan.local ? 'buildkit-image' : 'endpoint';

/** On the docker-container driver a tcp:// node is a Docker engine; a BuildKit daemon there is a likely slip. */
const engineHint = (driver: string, endpoint: string | undefined): string =>
  driver === 'docker-container' && endpoint?.startsWith('tcp://')
    ? ` (on the docker-container driver a tcp:// endpoint is a Docker engine, as in setup-buildx-action; a BuildKit daemon there is taken as one when its TLS files are given, or use driver: remote)`
    : '';

function unreachable(plan: BuilderPlan, lost: Lost): ActionError {
  const input = nodeInput(plan, lost.node.name);
  return new ActionError(
    'builder',
    `node "${lost.node.name}" at ${lost.node.endpoint} cannot be reached (${lost.reason}); check the node, or its ${input === 'append' ? 'entry in append' : 'endpoint'}`,
    input,
  );
}

/** Why bootstrap failed, naming the node when `buildx inspect` reports one that did not start. */
async function failedNode(
  buildx: Buildx,
  plan: BuilderPlan,
  driver: string,
): Promise<ActionError | undefined> {
  if (plan.nodes.length < 2) return undefined;
  const report = await buildx
    .run(['inspect', plan.name], { echo: false, allowFailure: true, timeoutMs: 30_000 })
    .catch(() => undefined);
  const node = parseInspect(report?.stdout ?? '').nodes.find((n) => n.error || n.status !== 'running');
  if (!node) return undefined;
  const input = nodeInput(plan, node.name);
  return new ActionError(
    'builder',
    `node "${node.name}"${node.endpoint ? ` at ${node.endpoint}` : ''} did not start (${node.error ?? node.status}); check ${input === 'append' ? 'its entry in append' : input}${input === 'append' ? engineHint(driver, node.endpoint) : ''}`,
    input,
  );
}

/** The line of a node container's recent log that says why BuildKit stopped (its last error, else its last line). */
async function containerSaid(step: Step, container: string): Promise<string | undefined> {
  const logs = await step.exec
    // Enough for a usage text (buildkitd prints ~60 lines of it around an unknown flag's error).
    .run(['docker', 'logs', '--tail', '200', container], {
      echo: false,
      allowFailure: true,
      timeoutMs: 10_000,
    })
    .catch(() => undefined);
  if (!logs || logs.code !== 0) return undefined;
  const lines = `${logs.stdout}\n${logs.stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const why =
    [...lines].reverse().find((l) => /incorrect usage|flag provided|error|failed|invalid/i.test(l)) ??
    lines.at(-1);
  return why && why.length > 300 ? `${why.slice(0, 300)}…` : why;
}

/**
 * What `buildx inspect` prints for the existing builder `name` (input builder), or undefined when the inspect
 * failed otherwise (the build reports an unreachable builder itself). Throws ActionError (builder) when buildx
 * knows no builder of that name: buildx build would fail with it later, without naming the input.
 */
async function existingBuilder(buildx: Buildx, name: string): Promise<string | undefined> {
  const answer = await buildx.run(['inspect', name], { echo: false, allowFailure: true });
  if (answer.code === 0) return answer.stdout;
  if (/no builder .* found/i.test(answer.stderr)) {
    throw new ActionError(
      'builder',
      `buildx knows no builder "${name}" on this runner; create it in an earlier step (e.g. with docker/setup-buildx-action) and pass its name, or remove builder to let this step create one`,
      'builder',
    );
  }
  return undefined;
}

/**
 * Creates and starts the builder (when the plan owns one) with every node `append` adds, and returns its
 * handle. Nodes at tcp:// and ssh:// addresses are checked first, and watched while BuildKit starts:
 * buildx would wait on a vanished host indefinitely. `probe` checks one in its protocol. A BuildKit
 * container for the builder's own node (`plan.local`) is started first. Throws ActionError (phase builder)
 * naming the node and its endpoint, or the input the failure points at (see startFailure), or endpoint (driver:
 * remote, or the Docker engine the docker-container driver's endpoint names); for an existing builder, asks
 * buildx it exists (see existingBuilder).
 */
export async function startBuilder(
  step: Step,
  buildx: Buildx,
  plan: BuilderPlan,
  inputs: Inputs,
  probe: Probe = protocolProbe,
): Promise<Builder> {
  const builder = {
    name: plan.name,
    owned: plan.owned,
    env: { BUILDX_BUILDER: plan.name },
    nodes: plan.nodes,
  };
  if (inputs.builder) return { ...builder, inspected: await existingBuilder(buildx, inputs.builder) };
  if (!plan.create || !plan.bootstrap) return builder;
  const { create, bootstrap } = plan;
  const watched = watchable(plan.nodes);
  let lost: Lost | undefined;
  const abort = new AbortController();
  const driver = builderDriver(inputs);
  try {
    if (plan.local) await startLocalNode(step, plan.local);
    await buildx.run(create);
    for (const [i, argv] of (plan.append ?? []).entries()) {
      const node = plan.nodes[i + 1] as NodePlan;
      await buildx.run(argv).catch((e: unknown) => {
        throw new ActionError(
          'builder',
          `could not add node "${node.name}"${node.endpoint ? ` at ${node.endpoint}` : ''} to the builder (${errorText(e)}); check its entry in append${engineHint(driver, node.endpoint)}`,
          'append',
        );
      });
    }
    lost = await findUnreachable(watched, probe, { timeoutMs: 4000, tries: 2 });
    if (lost) throw unreachable(plan, lost);
    const watch = watchNodes(watched, probe, (l) => {
      lost = l;
      abort.abort();
    });
    const inspect = await retry(
      step.exec,
      step.log,
      { attempts: 3, baseMs: 2000, what: 'starting the builder' },
      () => buildx.run(bootstrap, { signal: abort.signal }),
      (e) => !lost && errorIsTransient(e),
    ).finally(() => watch.stop());
    const buildkitVersion = buildkitVersionOf(inspect.stdout);
    const started = { ...builder, inspected: inspect.stdout };
    return buildkitVersion ? { ...started, buildkitVersion } : started;
  } catch (e) {
    if (e instanceof ActionError) throw e;
    if (lost) throw unreachable(plan, lost);
    const node = await failedNode(buildx, plan, driver);
    if (node) throw node;
    let reason = errorText(e);
    if (driver === 'remote' && !plan.local) {
      throw new ActionError(
        'builder',
        `could not reach BuildKit at ${inputs.endpoint} (${reason}); check endpoint`,
        'endpoint',
      );
    }
    const image = plan.local?.image ?? inputs.buildkitImage ?? DEFAULT_BUILDKIT_IMAGE;
    // A cancelled bootstrap says nothing about the image or the inputs.
    if (step.exec.cancelled)
      throw new ActionError(
        'builder',
        cancelledLine(step.exec.cancelledBy, `while BuildKit from ${image} was starting`, reason),
      );
    // buildx reports only that the container is restarting; why is in BuildKit's own log (on this engine).
    if (driver === 'docker-container' && !inputs.endpoint) {
      const said = await containerSaid(step, `buildx_buildkit_${plan.name}0`);
      if (said && !reason.includes(said)) reason = `${reason}; BuildKit said: ${said}`;
    }
    const failure = startFailure(reason, inputs, image);
    if (
      driver === 'docker-container' &&
      inputs.endpoint &&
      [undefined, 'buildkit-image'].includes(failure.input)
    ) {
      throw new ActionError(
        'builder',
        `could not start BuildKit from ${image} on the Docker engine at ${inputs.endpoint} (${reason}); check endpoint (a docker context name or Docker host this runner can reach${inputs.endpoint.startsWith('tcp://') ? '; a tcp:// endpoint is a Docker engine here, as in setup-buildx-action: for a BuildKit daemon set driver: remote' : ''}), or set buildkit-image to a mirror that engine can pull`,
        'endpoint',
      );
    }
    throw failure;
  }
}
