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
/** Pending retry waits: cancellation ends them at once (a registry may ask for up to a minute). */
const sleepers = new Set<() => void>();
let cancelledBy: NodeJS.Signals | undefined;

/**
 * On cancellation the runner signals the action; take the children down with it (buildx, run directly or
 * through the docker CLI, cancels the build on the signal). From then on nothing new is spawned and nothing
 * is retried: a retry loop must not start a fresh build or bootstrap after the job was cancelled.
 */
export function killChildren(signal: NodeJS.Signals = 'SIGTERM'): void {
  cancelledBy ??= signal;
  for (const child of running) child.kill(signal);
  for (const wake of [...sleepers]) wake();
}

export const cancelled = (): boolean => cancelledBy !== undefined;

export class CancelledError extends Error {
  /** `what` was about to happen: a command, or a retry. */
  constructor(what: string) {
    super(`cancelled (${cancelledBy ?? 'signal'}) before ${what}`);
    this.name = 'CancelledError';
  }
}

/**
 * The environment children get: the action's own, minus the runner's INPUT_* variables. Those hold every
 * input as given (`secrets` values included) and no tool reads them.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('INPUT_')) env[k] = v;
  return { ...env, ...extra };
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
  if (cancelled()) return Promise.reject(new CancelledError(`${argv.slice(0, 3).join(' ')} could run`));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: childEnv(options.env),
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
  return /\b(50[0-4]|429)\b|too many requests|toomanyrequests|service unavailable|bad gateway|gateway timeout|i\/o timeout|tls handshake timeout|connection reset|connection refused|timed out|Client\.Timeout exceeded|broken pipe|\bEOF\b|context deadline exceeded/i.test(
    text,
  );
}

/** The registry could not be reached at all (as opposed to answering with an error status). */
export function isUnreachable(text: string): boolean {
  return /failed to do request|connection reset|connection refused|no such host|i\/o timeout|tls handshake timeout|\bEOF\b|broken pipe|network is unreachable/i.test(
    text,
  );
}

/** Longest wait a registry's retry hint may impose on one retry. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * A wait the registry asked for, when the tool's error text carries it. buildx never prints the
 * Retry-After header (only the status line), but it does print the error body of a failed GET, where
 * registries may say `retry after 30s` / `Retry-After: 30`.
 */
export function retryAfterMs(text: string): number | undefined {
  const m = /retry[- ]after:?\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|sec|seconds?)?\b/i.exec(text);
  if (!m) return undefined;
  const ms = /^m/i.test(m[2] ?? '') ? Number(m[1]) : Number(m[1]) * 1000;
  return Math.min(Math.round(ms), MAX_RETRY_AFTER_MS);
}

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  what: string;
}

/** Waits `ms`, or less if the job is cancelled meanwhile. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      sleepers.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    sleepers.add(wake);
    if (cancelled()) wake();
  });

/** Exponential backoff with ±25 % jitter, so legs failing together do not retry in lockstep. */
export function backoffMs(baseMs: number, attempt: number, random = Math.random()): number {
  return Math.round(baseMs * 2 ** (attempt - 1) * (0.75 + random * 0.5));
}

/**
 * Runs `fn` again after transient failures, with exponential backoff and jitter, at most `attempts` times
 * in all; logs each retry as a warning. A retry hint in the error text (see retryAfterMs) lengthens the
 * wait. Never retries once the job is being cancelled.
 */
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
      if (cancelled()) throw new CancelledError(`retrying ${policy.what} (${errorText(e)})`);
      const backoff = backoffMs(policy.baseMs, attempt);
      const asked = retryAfterMs(fullErrorText(e));
      const delay = Math.max(backoff, asked ?? 0);
      core.warning(
        `${policy.what} failed (${errorText(e)}); retry ${attempt}/${policy.attempts - 1} in ${delay} ms${asked !== undefined && asked >= backoff ? ` (the registry asked for ${asked / 1000} s)` : ''}`,
      );
      await sleep(delay);
      if (cancelled()) throw new CancelledError(`retrying ${policy.what} (${errorText(e)})`);
    }
  }
}

export function errorText(e: unknown): string {
  return e instanceof ExecError
    ? lastLine(e.result.stderr || e.result.stdout)
    : String((e as Error)?.message ?? e);
}

const fullErrorText = (e: unknown): string =>
  e instanceof ExecError ? `${e.result.stderr}\n${e.result.stdout}` : String((e as Error)?.message ?? e);

export const errorIsTransient = (e: unknown): boolean =>
  e instanceof ExecError && isTransient(fullErrorText(e));
