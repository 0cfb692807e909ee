// The builder phase: the step's own buildx builder and the nodes `append` adds to it.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { planBuilder, startBuilder, type Builder } from '../buildx/builder.js';
import type { Buildx } from '../buildx/buildx.js';
import { builderDriver } from '../inputs/local-node.js';
import type { Inputs } from '../inputs/types.js';
import { formatPlatform, type Platform } from '../model/platforms.js';
import { ActionError } from '../runner/errors.js';
import type { Step } from '../runner/step.js';
import { writeNodeTls } from './nodes.js';

/**
 * Writes what the builder needs (buildkitd-config-inline, TLS files from the environment, the config for a
 * BuildKit container of its own node) to `tempDir`, then creates and starts the builder the inputs ask for,
 * with its nodes. Returns its handle. Throws ActionError (phase builder).
 */
export async function setUpBuilder(
  step: Step,
  buildx: Buildx,
  inputs: Inputs,
  platforms: Platform[],
  tempDir: string,
  dockerContext: string | undefined,
): Promise<Builder> {
  let configFile: string | undefined;
  if (inputs.buildkitdConfigInline) {
    configFile = join(tempDir, 'buildkitd.toml');
    await writeFile(configFile, inputs.buildkitdConfigInline, { mode: 0o600 });
  }
  // The container of a local node gets a folder holding only its config (`docker cp <dir>/.`).
  const config = inputs.buildkitdConfig ?? configFile;
  let localConfigDir: string | undefined;
  if (inputs.localNode && config) {
    localConfigDir = join(tempDir, 'local-node');
    await mkdir(localConfigDir, { mode: 0o700 });
    await copyFile(config, join(localConfigDir, 'buildkitd.toml')).catch((e: Error) => {
      throw new ActionError('builder', `cannot read ${config} (${e.message})`, 'buildkitd-config');
    });
  }
  // driver: docker builds on the engine of the docker context in use (`docker context use rootless`).
  const files = { configFile, localConfigDir, tlsDir: join(tempDir, 'tls'), platforms };
  const plan = planBuilder(inputs, { ...step.ctx, dockerContext }, files);
  // TLS keys from the environment go to 0600 files in the run's temp dir, which post deletes.
  await writeNodeTls(plan.nodes, step.ctx.env);
  // Saved before it exists: a cancelled or failed create still gets removed by post.
  if (plan.owned && inputs.cleanup) step.state.save('builder', plan.name);
  if (plan.local && inputs.cleanup) step.state.save('localNode', plan.local.container);
  const builder = await startBuilder(step, buildx, plan, inputs);
  const local = plan.local
    ? `; its own node: BuildKit container ${plan.local.container} from ${plan.local.image}`
    : '';
  step.log.info(
    plan.owned
      ? `Created builder ${plan.name} (${builderDriver(inputs)}${local})`
      : `Using builder ${plan.name}`,
  );
  for (const node of plan.nodes.length > 1 ? plan.nodes : [])
    step.log.info(
      `  node ${node.name}${node.endpoint ? ` at ${node.endpoint}` : ''}: ${node.platforms.map(formatPlatform).join(', ') || 'what it detects'}`,
    );
  return builder;
}

/**
 * The summary's Builder line: name, driver and, for several nodes, each node and its endpoint (for the
 * BuildKit container this run started for its own node, that container).
 */
export function describeBuilder(builder: Builder, inputs: Inputs): string {
  const kind = inputs.builder ? 'existing' : builderDriver(inputs);
  if (builder.nodes.length < 2) return `${builder.name} (${kind})`;
  const where = (n: Builder['nodes'][number]) =>
    n.container
      ? ` (BuildKit container <code>${n.container}</code> on this runner)`
      : n.endpoint
        ? ` (${n.endpoint})`
        : '';
  const nodes = builder.nodes.map((n) => `<code>${n.name}</code>${where(n)}`);
  return `${builder.name} (${kind}, nodes ${nodes.join(', ')})`;
}
