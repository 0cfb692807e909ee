import * as core from '@actions/core';
import { errorLine } from './errors.js';
import { killChildren } from './exec.js';
import { envInputs, readInputs, type Inputs } from './inputs.js';
import { Phases } from './phases.js';
import { writeSummary, type RunSummary } from './summary.js';

/** Values from `secrets` and the environment named by `secret-envs` are masked before anything is logged. */
function maskSecrets(inputs: Inputs): void {
  for (const { value } of inputs.secrets) if (value) core.setSecret(value);
  for (const { value } of inputs.secretEnvs) {
    const secret = process.env[value];
    if (secret) core.setSecret(secret);
  }
}

/** The main step: validate every input first, then run the mode's phases; always end with a summary. */
export async function main(): Promise<void> {
  const phases = new Phases();
  const summary: RunSummary = {
    title: 'Multi-platform build',
    outcome: 'success',
    rows: [],
    tags: [],
    annotations: [],
    facts: [],
    times: phases.times,
  };
  // On cancellation the runner signals this process; the docker/buildx children go down with it.
  process.once('SIGTERM', () => killChildren('SIGTERM'));
  process.once('SIGINT', () => killChildren('SIGINT'));
  let inputs: Inputs | undefined;
  try {
    inputs = readInputs(envInputs());
    maskSecrets(inputs);
    if (inputs.mode === 'merge') await (await import('./merge.js')).merge(inputs, phases, summary);
    else await (await import('./pipeline.js')).buildPlatforms(inputs, phases, summary);
  } catch (e) {
    summary.outcome = 'failure';
    summary.error = errorLine(e);
    core.setFailed(summary.error);
  }
  if (inputs?.summary ?? true)
    await writeSummary(summary).catch((e: Error) => core.warning(`summary: ${e.message}`));
}
