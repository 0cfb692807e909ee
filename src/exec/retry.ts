import type { Log } from '../runner/log.js';
import { CancelledError, errorText, fullErrorText, type Exec } from './exec.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first wait, in milliseconds; doubled after each failure. */
  baseMs: number;
  /** What is being tried, for the log: "publishing ghcr.io/acme/app". */
  what: string;
}

/** Longest wait a registry's retry hint may impose on one retry, in milliseconds. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * A wait the registry asked for, in milliseconds, when the tool's error text carries it. buildx never prints
 * the Retry-After header (only the status line), but it does print the error body of a failed GET, where
 * registries may say `retry after 30s` / `Retry-After: 30`. Capped at MAX_RETRY_AFTER_MS.
 */
export function retryAfterMs(text: string): number | undefined {
  const m = /retry[- ]after:?\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|sec|seconds?)?\b/i.exec(text);
  if (!m) return undefined;
  const ms = /^m/i.test(m[2] ?? '') ? Number(m[1]) : Number(m[1]) * 1000;
  return Math.min(Math.round(ms), MAX_RETRY_AFTER_MS);
}

/** Exponential backoff with ±25 % jitter (milliseconds), so legs failing together do not retry in lockstep. */
export function backoffMs(baseMs: number, attempt: number, random = Math.random()): number {
  return Math.round(baseMs * 2 ** (attempt - 1) * (0.75 + random * 0.5));
}

/**
 * Runs `fn` again after failures `transient` accepts, with exponential backoff and jitter, at most
 * `policy.attempts` times in all; logs each retry as a warning. A retry hint in the error text (see
 * retryAfterMs) lengthens the wait. Rethrows the last error; throws CancelledError instead of retrying once
 * the job is being cancelled.
 */
export async function retry<T>(
  exec: Exec,
  log: Log,
  policy: RetryPolicy,
  fn: () => Promise<T>,
  transient: (e: unknown) => boolean,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= policy.attempts || !transient(e)) throw e;
      const cancelled = () =>
        new CancelledError(exec.cancelledBy, `retrying ${policy.what} (${errorText(e)})`);
      if (exec.cancelled) throw cancelled();
      const backoff = backoffMs(policy.baseMs, attempt);
      const asked = retryAfterMs(fullErrorText(e));
      const delay = Math.max(backoff, asked ?? 0);
      log.warning(
        `${policy.what} failed (${errorText(e)}); retry ${attempt}/${policy.attempts - 1} in ${delay} ms${asked !== undefined && asked >= backoff ? ` (the registry asked for ${asked / 1000} s)` : ''}`,
      );
      await exec.sleep(delay);
      if (exec.cancelled) throw cancelled();
    }
  }
}
