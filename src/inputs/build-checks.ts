// Rules for the build-push-action inputs that change what a build produces: call, outputs, attests.
import { InputError } from '../runner/errors.js';
import { csvFields, GO_BOOL, goBool } from './attests.js';
import { CALL_METHODS, type CallMethod, type Inputs } from './types.js';

/** The fields buildx reads after the method of `--call` (its printFunc parser refuses any other key). */
const CALL_FIELDS: Record<string, { rule: RegExp; want: string }> = {
  format: { rule: /^(json|raw)$/, want: 'json or raw' },
  ignorestatus: { rule: GO_BOOL, want: 'true or false' },
};

/**
 * `call` in buildx's `--call` grammar: the method (build, check, outline, targets), then key=value fields
 * (format=json|raw, ignorestatus=true|false), e.g. `outline,format=json`. Pure. Returns the method and the
 * fields as given; throws InputError (call) naming the field and the form to write.
 */
export function parseCall(value: string): { method: CallMethod; fields: string[] } {
  const [first = '', ...fields] = csvFields(value).map((f) => f.trim());
  const example = 'e.g. check, outline or outline,format=json';
  if (!(CALL_METHODS as readonly string[]).includes(first)) {
    throw new InputError(
      'call',
      `"${value}" does not start with ${CALL_METHODS.join(', ')} (the method buildx calls); write ${example}`,
    );
  }
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = eq > 0 ? field.slice(0, eq) : field;
    const known = CALL_FIELDS[key];
    if (!known || eq < 0) {
      throw new InputError(
        'call',
        `"${field}" in "${value}" is not a field buildx reads after ${first}; give ${Object.keys(CALL_FIELDS)
          .map((k) => `${k}=…`)
          .join(' or ')} (${example})`,
      );
    }
    if (!known.rule.test(field.slice(eq + 1))) {
      throw new InputError('call', `"${field}" in "${value}": ${key} is ${known.want}`);
    }
  }
  return { method: first as CallMethod, fields };
}

/** A buildx output's `key=value` fields (keys lowercased, values unquoted and trimmed), as buildx reads them. */
function outputAttrs(output: string): Map<string, string> {
  return new Map(
    csvFields(output)
      .filter((f) => f.includes('='))
      .map((f): [string, string] => [
        f.slice(0, f.indexOf('=')).trim().toLowerCase(),
        f.slice(f.indexOf('=') + 1).trim(),
      ]),
  );
}

/** `type=…` of a buildx output; buildx reads an output without one as a local folder. */
export function outputType(output: string): string {
  return outputAttrs(output).get('type') ?? 'local';
}

/**
 * An output that pushes to a registry by itself: `type=registry`, or `type=image` with `push` true as buildx
 * reads a boolean (true, 1, t, TRUE, …).
 */
export function outputPushes(output: string): boolean {
  const attrs = outputAttrs(output);
  const type = attrs.get('type') ?? 'local';
  return type === 'registry' || (type === 'image' && goBool(attrs.get('push')) === true);
}

/** An output that pushes by digest (`push-by-digest` true as buildx reads a boolean). */
const outputPushesByDigest = (output: string): boolean =>
  goBool(outputAttrs(output).get('push-by-digest')) === true;

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
  const byDigest = inputs.outputs.find(outputPushesByDigest);
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
