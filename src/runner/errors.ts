/** The phases a failure can come from: the first word of the line that ends a failed run. */
export type Phase =
  'inputs' | 'engine' | 'buildx' | 'qemu' | 'builder' | 'build' | 'verify' | 'handoff' | 'merge';

/** A failure the user can act on: which phase failed and, when one input is the fix, which. */
export class ActionError extends Error {
  constructor(
    readonly phase: Phase,
    message: string,
    readonly input?: string,
  ) {
    super(message);
    this.name = 'ActionError';
  }

  /** The one line that ends a failed run. */
  get line(): string {
    return `${this.phase}: ${this.message}`;
  }
}

/** A bad input, found before anything runs: `inputs: <input>: <what is wrong and the fix>`. */
export class InputError extends ActionError {
  constructor(input: string, message: string) {
    super('inputs', `${input}: ${message}`, input);
    this.name = 'InputError';
  }
}

/** The one line a failed run ends with, for any error. */
export function errorLine(error: unknown): string {
  if (error instanceof ActionError) return error.line;
  return error instanceof Error ? error.message : String(error);
}
