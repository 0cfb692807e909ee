// Rules for the build-push-action inputs that change what a build produces: call, outputs, attests.
import { InputError } from '../runner/errors.js';
import { csvFields } from './attests.js';
import type { Inputs } from './types.js';

/** `type=…` of a buildx output; buildx reads an output without one as a local folder. */
export function outputType(output: string): string {
  const fields = csvFields(output);
  if (fields.length === 1 && !fields[0]?.includes('=')) return 'local';
  const type = fields.find((f) => f.split('=')[0]?.trim() === 'type');
  return type ? type.slice(type.indexOf('=') + 1).trim() : 'local';
}

/** An output that pushes to a registry by itself (`type=registry`, or `type=image` with `push=true`). */
export function outputPushes(output: string): boolean {
  const type = outputType(output);
  return type === 'registry' || (type === 'image' && /(^|,)\s*push=true\b/i.test(output));
}

/** The build loads its result into the engine's image store (where attestations cannot go). */
export const loadsIntoDocker = (inputs: Pick<Inputs, 'load' | 'outputs'>): boolean =>
  inputs.load || inputs.outputs.some((o) => outputType(o) === 'docker');

/** Throws InputError when call, outputs or attests contradict the mode or push. */
export function checkBuildInputs(inputs: Inputs): void {
  const { mode } = inputs;
  if (inputs.call && inputs.call !== 'build') {
    if (mode !== 'all') {
      throw new InputError(
        'call',
        `call: ${inputs.call} builds nothing to hand to a merge; run it in a mode: all step of its own`,
      );
    }
    const conflict = inputs.push ? 'push' : inputs.load ? 'load' : inputs.outputs.length ? 'outputs' : '';
    if (conflict) {
      throw new InputError(
        'call',
        `call: ${inputs.call} builds no image, so ${conflict} cannot apply; run the ${inputs.call} in a step of its own (as Docker's docs do) or remove ${conflict}`,
      );
    }
  }
  // A merge refuses every build input before parsing (modes.ts: one rule for inputs with no effect).
  if (!inputs.outputs.length) return;
  if (mode === 'build') {
    throw new InputError(
      'outputs',
      'a mode: build leg pushes by digest to image itself (what type=image,push-by-digest=true does); remove outputs',
    );
  }
  const byDigest = inputs.outputs.find((o) => /push-by-digest=true/.test(o));
  if (byDigest) {
    const name = /(^|,)"?name=([^,"]+)/.exec(byDigest)?.[2] ?? '<repository>';
    throw new InputError(
      'outputs',
      `"${byDigest}" is what mode: build does for a matrix leg (and hands the digest to mode: merge); set mode: build and image: ${name}, and remove outputs`,
    );
  }
  const pushing = inputs.outputs.find(outputPushes);
  if (pushing) {
    throw new InputError(
      'outputs',
      `"${pushing}" pushes without this action checking what the registry holds; publish with push: true and tags (or image) instead`,
    );
  }
  if (inputs.push) {
    throw new InputError(
      'outputs',
      'push: true already sends the image to its tags; remove push, or remove outputs and keep push',
    );
  }
}
