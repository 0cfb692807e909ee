// A Step made of fakes, for unit tests of the orchestrators: commands are answered by a script, the log,
// state and outputs are recorded. No process is spawned, no root is needed.
import { ExecError, type Exec, type ExecOptions, type ExecResult } from '../../src/exec/exec.js';
import type { HandoffStore, LegRecord } from '../../src/phases/handoff.js';
import type { AnnotationPlace, Log } from '../../src/runner/log.js';
import type { Machine } from '../../src/runner/context.js';
import type { StateKey } from '../../src/runner/state.js';
import type { Step } from '../../src/runner/step.js';
import { ctxOf } from './unit.js';

/** An answer to a command: its result, or an error to throw (as a process that cannot start). */
export type Answer = Partial<ExecResult> | Error;

/** A rule: when `match` accepts the argv (joined with spaces), answer with `answer`. First match wins. */
export interface Rule {
  match: RegExp | ((argv: string[]) => boolean);
  answer: Answer | ((argv: string[], options: ExecOptions) => Answer | Promise<Answer>);
}

export class ScriptedExec implements Exec {
  readonly calls: Array<{ argv: string[]; options: ExecOptions }> = [];
  cancelledBy: NodeJS.Signals | undefined;
  readonly sleeps: number[] = [];

  /** Commands no rule matches succeed with empty output. */
  constructor(readonly rules: Rule[] = []) {}

  get cancelled(): boolean {
    return this.cancelledBy !== undefined;
  }

  /** The argv of every command run, each joined with spaces. */
  get commands(): string[] {
    return this.calls.map((c) => c.argv.join(' '));
  }

  /** Answers with the first matching rule; an answer may take time (a Promise), as a process does. */
  async run(argv: string[], options: ExecOptions = {}): Promise<ExecResult> {
    this.calls.push({ argv, options });
    const line = argv.join(' ');
    const rule = this.rules.find((r) => (r.match instanceof RegExp ? r.match.test(line) : r.match(argv)));
    const answer = typeof rule?.answer === 'function' ? await rule.answer(argv, options) : rule?.answer;
    if (answer instanceof Error) throw answer;
    const result = { code: 0, stdout: '', stderr: '', ...answer };
    if (result.code !== 0 && !options.allowFailure) throw new ExecError(argv, result);
    return result;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return Promise.resolve();
  }
}

export interface LogLine {
  level: 'info' | 'warning' | 'notice' | 'error' | 'group' | 'mask';
  message: string;
  place?: AnnotationPlace;
}

export class RecordingLog implements Log {
  readonly lines: LogLine[] = [];
  info(message: string) {
    this.lines.push({ level: 'info', message });
  }
  warning(message: string, place?: AnnotationPlace) {
    this.lines.push({ level: 'warning', message, ...(place ? { place } : {}) });
  }
  notice(message: string) {
    this.lines.push({ level: 'notice', message });
  }
  error(message: string, place?: AnnotationPlace) {
    this.lines.push({ level: 'error', message, ...(place ? { place } : {}) });
  }
  /** What commands printed (the exec echoes their output here). */
  readonly written: string[] = [];
  write(chunk: Buffer | string) {
    this.written.push(chunk.toString());
  }
  group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push({ level: 'group', message: title });
    return fn();
  }
  mask(value: string) {
    this.lines.push({ level: 'mask', message: value });
  }
  /** The messages logged at `level`. */
  at(level: LogLine['level']): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}

export interface FakeStep extends Step {
  exec: ScriptedExec;
  log: RecordingLog;
  saved: Map<StateKey, string>;
  outputValues: Map<string, string>;
}

/** A Step over fakes: `env` is the step's environment, `rules` script the commands, `state` is post's. */
export function fakeStep(
  options: {
    env?: NodeJS.ProcessEnv;
    rules?: Rule[];
    state?: Partial<Record<StateKey, string>>;
    /** The machine's binfmt_misc, host state dir and parent pid (unit tests give temporary dirs). */
    machine?: Partial<Machine>;
  } = {},
): FakeStep {
  const saved = new Map<StateKey, string>(Object.entries(options.state ?? {}) as Array<[StateKey, string]>);
  const outputValues = new Map<string, string>();
  return {
    ctx: ctxOf(
      { GITHUB_RUN_ID: '1000', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'unit', ...options.env },
      options.machine,
    ),
    exec: new ScriptedExec(options.rules),
    log: new RecordingLog(),
    state: { save: (k, v) => saved.set(k, v), get: (k) => saved.get(k) ?? '' },
    outputs: { set: (k, v) => outputValues.set(k, v) },
    saved,
    outputValues,
  };
}

/**
 * The HandoffStore seam in memory, with the Actions cache's semantics: entries are immutable (a save under a
 * taken key stores nothing and says so, as @actions/cache returns -1), and a restore with restore-keys takes
 * the exact key, else the newest entry under the prefix. `down` makes every save fail to store, as when the
 * service cannot be reached; `failLoads` makes reads throw.
 */
export class MemoryStore implements HandoffStore {
  readonly entries = new Map<string, LegRecord>();
  private readonly order: string[] = [];
  down = false;
  failLoads = false;

  async save(key: string, record: LegRecord): Promise<boolean> {
    if (this.down || this.entries.has(key)) return false;
    this.entries.set(key, structuredClone(record));
    this.order.push(key);
    return true;
  }

  async load(exactKey: string, prefix?: string): Promise<LegRecord | undefined> {
    if (this.failLoads) throw new Error('Cache service responded with 503');
    const exact = this.entries.get(exactKey);
    if (exact) return structuredClone(exact);
    if (prefix === undefined) return undefined;
    const newest = [...this.order].reverse().find((k) => k.startsWith(prefix));
    return newest === undefined ? undefined : structuredClone(this.entries.get(newest));
  }
}
