export type Phase =
  | 'inputs'
  | 'buildx'
  | 'collect'
  | 'publish'
  | 'engine'
  | 'qemu'
  | 'builder'
  | 'cache'
  | 'build'
  | 'handoff'
  | 'merge'
  | 'verify'
  | 'post';

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

export class InputError extends ActionError {
  constructor(input: string, message: string) {
    super('inputs', `${input}: ${message}`, input);
    this.name = 'InputError';
  }
}

export function errorLine(error: unknown): string {
  if (error instanceof ActionError) return error.line;
  return error instanceof Error ? error.message : String(error);
}
