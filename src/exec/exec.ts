import { spawn, type ChildProcess } from 'node:child_process';
import type { Log } from '../runner/log.js';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  /** Echo the command and its output to the job log as it arrives (default true). */
  echo?: boolean;
  /** Non-zero exit is returned, not thrown. */
  allowFailure?: boolean;
  /** What the log shows instead of the argv (e.g. `docker buildx …` for the plugin run directly). */
  display?: string[];
  /** Open file descriptors the child gets as its fd 3, 4, … (e.g. a lock file for `flock 3`). */
  fds?: number[];
  /** Kill the command (SIGTERM) when it runs longer than this, in milliseconds; it then fails. */
  timeoutMs?: number;
  /** Stops this command when aborted: SIGTERM (buildx cancels its build), SIGKILL 10 s later. */
  signal?: AbortSignal;
}

/** The seam every phase spawns through: the real one runs processes, tests pass a scripted one. */
export interface Exec {
  /** Runs argv; resolves with its output, rejects with ExecError on a non-zero exit (unless allowFailure). */
  run(argv: string[], options?: ExecOptions): Promise<ExecResult>;
  /** Waits `ms` milliseconds, or less if the job is cancelled meanwhile. */
  sleep(ms: number): Promise<void>;
  /** True once the job is being cancelled: nothing new may start. */
  readonly cancelled: boolean;
  /** The signal that cancelled the job, for messages. */
  readonly cancelledBy: NodeJS.Signals | undefined;
}

export class ExecError extends Error {
  constructor(
    readonly argv: string[],
    readonly result: ExecResult,
  ) {
    super(`${argv.slice(0, 3).join(' ')} exited ${result.code}: ${lastLine(result.stderr || result.stdout)}`);
    this.name = 'ExecError';
  }
}

/**
 * How a one-line error says the job was cancelled (`cancelled (SIGTERM) <what>`), with what the tool said,
 * when it said anything, in parentheses.
 */
export function cancelledLine(signal: NodeJS.Signals | undefined, what: string, said = ''): string {
  return `cancelled (${signal ?? 'signal'}) ${what}${said ? ` (${said})` : ''}`;
}

export class CancelledError extends Error {
  /** `what` was about to happen: a command, or a retry. */
  constructor(signal: NodeJS.Signals | undefined, what: string) {
    super(cancelledLine(signal, `before ${what}`));
    this.name = 'CancelledError';
  }
}

/** The last meaningful line of a tool's output: what a one-line failure reason quotes. */
export function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^-+$/.test(l));
  const error = [...lines].reverse().find((l) => /^(ERROR|error)\b|failed to|: error/.test(l));
  return (error ?? lines.at(-1) ?? '').replace(/^ERROR:\s*/, '');
}

/** The output of a failed command (its stderr, else its stdout), or the message of any other error. */
export function errorOutput(e: unknown): string {
  if (e instanceof ExecError) return e.result.stderr || e.result.stdout;
  return e instanceof Error ? e.message : String(e);
}

/** One line saying why `e` happened: the tool's last meaningful line, or the error's message. */
export const errorText = (e: unknown): string =>
  e instanceof ExecError ? lastLine(e.result.stderr || e.result.stdout) : errorOutput(e);

/** Everything a failed command printed, both streams: where retry hints and status codes hide. */
export const fullErrorText = (e: unknown): string =>
  e instanceof ExecError ? `${e.result.stderr}\n${e.result.stdout}` : errorOutput(e);

/**
 * The environment children get: the step's own, minus the runner's INPUT_* variables. Those hold every
 * input as given (`secrets` values included) and no tool reads them.
 */
export function childEnv(
  base: NodeJS.ProcessEnv,
  extra: Record<string, string | undefined> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!k.startsWith('INPUT_')) env[k] = v;
  return { ...env, ...extra };
}

/**
 * Runs processes for one step and takes them down when the step is cancelled: the runner signals the
 * action, and buildx (run directly or through the docker CLI) cancels its build on the signal. From then on
 * nothing new is spawned and every pending wait ends, so a retry loop cannot start a fresh build.
 */
export class ProcessExec implements Exec {
  private readonly running = new Set<ChildProcess>();
  private readonly sleepers = new Set<() => void>();
  private signal: NodeJS.Signals | undefined;

  /** `env` is the step's environment (children get it without INPUT_*); `log` echoes commands. */
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: Log,
  ) {}

  get cancelled(): boolean {
    return this.signal !== undefined;
  }

  get cancelledBy(): NodeJS.Signals | undefined {
    return this.signal;
  }

  /** Forwards `signal` to every running child and ends every pending sleep. */
  cancel(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.signal ??= signal;
    for (const child of this.running) child.kill(signal);
    for (const wake of [...this.sleepers]) wake();
  }

  run(argv: string[], options: ExecOptions = {}): Promise<ExecResult> {
    const [file, ...args] = argv as [string, ...string[]];
    const echo = options.echo ?? true;
    if (echo) this.log.info(`[command] ${(options.display ?? argv).join(' ')}`);
    if (this.cancelled)
      return Promise.reject(new CancelledError(this.signal, `${argv.slice(0, 3).join(' ')} could run`));
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, {
        env: childEnv(this.env, options.env),
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe', ...(options.fds ?? [])],
      });
      this.running.add(child);
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
      const stop = () => {
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      };
      if (options.signal?.aborted) stop();
      options.signal?.addEventListener('abort', stop, { once: true });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout?.on('data', (chunk: Buffer) => {
        out.push(chunk);
        if (echo) this.log.write(chunk);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        err.push(chunk);
        if (echo) this.log.write(chunk);
      });
      if (options.input !== undefined) child.stdin?.end(options.input);
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        this.running.delete(child);
        options.signal?.removeEventListener('abort', stop);
        reject(e.code === 'ENOENT' ? new Error(`${file} not found on PATH`) : e);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        this.running.delete(child);
        options.signal?.removeEventListener('abort', stop);
        const result = {
          code: code ?? (signal ? 128 : 1),
          stdout: Buffer.concat(out).toString(),
          stderr: Buffer.concat(err).toString(),
        };
        if (result.code !== 0 && !options.allowFailure) reject(new ExecError(argv, result));
        else resolve(result);
      });
    });
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
      if (this.cancelled) wake();
    });
  }
}
