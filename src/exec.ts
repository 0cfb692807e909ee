import { spawn } from 'node:child_process';
import * as core from '@actions/core';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  /** Echo output to the job log as it arrives (default true). */
  echo?: boolean;
  /** Non-zero exit is returned, not thrown. */
  allowFailure?: boolean;
}

/** Where `buildx` runs from: the docker CLI plugin, or a standalone binary from `buildx-version`. */
let buildxBinary: string | undefined;
export function useBuildxBinary(path: string | undefined): void {
  buildxBinary = path;
}

/** The command actually spawned for a `docker …` argv. */
export function resolveCommand(argv: string[]): [string, string[]] {
  if (argv[0] === 'docker' && argv[1] === 'buildx' && buildxBinary) return [buildxBinary, argv.slice(2)];
  return [argv[0] as string, argv.slice(1)];
}

const running = new Set<ReturnType<typeof spawn>>();
/** On cancellation the runner signals the action; take the children down with it. */
export function killChildren(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const child of running) child.kill(signal);
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

/** The last meaningful line of a tool's output: what a one-line failure reason quotes. */
export function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^-+$/.test(l));
  const error = [...lines].reverse().find((l) => /^(ERROR|error)\b|failed to|: error/.test(l));
  return (error ?? lines.at(-1) ?? '').replace(/^ERROR:\s*/, '');
}

export function exec(argv: string[], options: ExecOptions = {}): Promise<ExecResult> {
  const [file, args] = resolveCommand(argv);
  const echo = options.echo ?? true;
  if (echo) core.info(`[command] ${argv.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: { ...process.env, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => {
      out.push(chunk);
      if (echo) process.stdout.write(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err.push(chunk);
      if (echo) process.stdout.write(chunk);
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.on('error', (e: NodeJS.ErrnoException) => {
      running.delete(child);
      reject(e.code === 'ENOENT' ? new Error(`${file} not found on PATH`) : e);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
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

/** Registry hiccups worth another try; a 4xx other than 429 will not change and is not retried. */
export function isTransient(text: string): boolean {
  return /\b(50[0-4]|429)\b|too many requests|toomanyrequests|service unavailable|bad gateway|gateway timeout|i\/o timeout|tls handshake timeout|connection reset|connection refused|unexpected EOF|context deadline exceeded/i.test(
    text,
  );
}

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  what: string;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` again after transient failures, with exponential backoff and jitter; logs each retry. */
export async function retry<T>(
  policy: RetryPolicy,
  fn: () => Promise<T>,
  transient = errorIsTransient,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= policy.attempts || !transient(e)) throw e;
      const delay = Math.round(policy.baseMs * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5));
      core.warning(
        `${policy.what} failed (${errorText(e)}); retry ${attempt}/${policy.attempts - 1} in ${delay} ms`,
      );
      await sleep(delay);
    }
  }
}

function errorText(e: unknown): string {
  return e instanceof ExecError
    ? lastLine(e.result.stderr || e.result.stdout)
    : String((e as Error)?.message ?? e);
}

export const errorIsTransient = (e: unknown): boolean =>
  e instanceof ExecError ? isTransient(e.result.stderr + e.result.stdout) : false;
