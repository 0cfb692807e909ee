import { envInputs, readInputs } from './inputs/inputs.js';
import type { Inputs } from './inputs/types.js';
import { errorLine } from './runner/errors.js';
import { Phases } from './runner/phases.js';
import type { Step } from './runner/step.js';
import { writeSummary, type RunSummary } from './runner/summary.js';

/** Values from `secrets` and the environment named by `secret-envs` are masked before anything is logged. */
function maskSecrets(step: Step, inputs: Inputs): void {
  for (const { value } of inputs.secrets) if (value) step.log.mask(value);
  for (const { value } of inputs.secretEnvs) {
    const secret = step.ctx.env[value];
    if (secret) step.log.mask(secret);
  }
}

/**
 * The main step: validates every input first, then runs the mode's phases; always ends with a summary.
 * Resolves true when the run succeeded; a failure is reported (one line) and resolves false.
 */
export async function main(step: Step): Promise<boolean> {
  const phases = new Phases(step.log);
  const summary: RunSummary = {
    title: 'Multi-platform build',
    outcome: 'success',
    rows: [],
    tags: [],
    annotations: [],
    facts: [],
    times: phases.times,
    startedAt: phases.startedAt,
  };
  let inputs: Inputs | undefined;
  try {
    inputs = readInputs(envInputs(step.ctx.env), step.ctx);
    maskSecrets(step, inputs);
    if (inputs.mode === 'merge')
      await (await import('./modes/merge.js')).merge(step, inputs, phases, summary);
    else await (await import('./modes/build.js')).buildPlatforms(step, inputs, phases, summary);
  } catch (e) {
    summary.outcome = 'failure';
    summary.error = errorLine(e);
  }
  if (inputs?.summary ?? true)
    await writeSummary(step.ctx.stepSummary, summary).catch((e: Error) =>
      step.log.warning(`summary: ${e.message}`),
    );
  if (summary.error) step.log.error(summary.error);
  return summary.outcome === 'success';
}
