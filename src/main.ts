import { readAppend } from './inputs/append.js';
import { envInputs, readInputs } from './inputs/inputs.js';
import type { Inputs } from './inputs/types.js';
import { tooCommonToMask } from './inputs/readers.js';
import { errorLine } from './runner/errors.js';
import { Phases } from './runner/phases.js';
import type { Step } from './runner/step.js';
import { newSummary, writeSummary } from './runner/summary.js';

/**
 * Values from `secrets`, the environment named by `secret-envs`, and `github-token` are masked before
 * anything is logged; a multi-line value line by line too (a tool may print one line of it). A value too
 * common to mask (`true`) would hide every later occurrence in the log instead: `secrets` refuses those,
 * and they are left unmasked elsewhere.
 */
function maskSecrets(step: Step, inputs: Inputs): void {
  const values = [
    ...inputs.secrets.map((s) => s.value),
    ...inputs.secretEnvs.map((s) => step.ctx.env[s.value] ?? ''),
    inputs.githubToken ?? '',
  ];
  for (const value of values) {
    const parts = value.includes('\n') ? [value, ...value.split('\n')] : [value];
    for (const part of parts) if (!tooCommonToMask(part)) step.log.mask(part);
  }
  // A node's TLS key given as PEM (setup-buildx-action's BUILDER_NODE_<n>_AUTH_TLS_KEY), line by line too.
  for (const [name, key] of Object.entries(step.ctx.env)) {
    if (!/^BUILDER_NODE_\d+_AUTH_TLS_KEY$/.test(name) || !key) continue;
    step.log.mask(key);
    for (const line of key.split('\n'))
      if (line.trim().length >= 8 && !/^-----/.test(line.trim())) step.log.mask(line.trim());
  }
}

/**
 * The main step: validates every input first, then runs the mode's phases; always ends with a summary.
 * Resolves true when the run succeeded; a failure is reported (one line) and resolves false.
 */
export async function main(step: Step): Promise<boolean> {
  const phases = new Phases(step.log);
  const summary = newSummary('Multi-platform build', phases);
  let inputs: Inputs | undefined;
  try {
    const get = envInputs(step.ctx.env);
    inputs = await readAppend(get, readInputs(get, step.ctx), step.ctx.env);
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
