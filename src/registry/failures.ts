// What a failed registry command means: worth retrying, unreachable, or simply "not there".
import { errorText, ExecError, fullErrorText } from '../exec/exec.js';

/** Registry hiccups worth another try; a 4xx other than 429 will not change and is not retried. */
export function isTransient(text: string): boolean {
  return /\b(50[0-4]|429)\b|too many requests|toomanyrequests|service unavailable|bad gateway|gateway timeout|i\/o timeout|tls handshake timeout|connection reset|connection refused|timed out|Client\.Timeout exceeded|broken pipe|\bEOF\b|context deadline exceeded/i.test(
    text,
  );
}

/** A command that failed for a transient registry reason (see isTransient). */
export const errorIsTransient = (e: unknown): boolean =>
  e instanceof ExecError && isTransient(fullErrorText(e));

/** The registry could not be reached at all (as opposed to answering with an error status). */
export function isUnreachable(text: string): boolean {
  return /failed to do request|connection reset|connection refused|no such host|i\/o timeout|tls handshake timeout|\bEOF\b|broken pipe|network is unreachable/i.test(
    text,
  );
}

/** buildx's answer for a reference the registry does not hold: `ERROR: <ref>: not found`. */
export const isNotFound = (e: unknown): boolean =>
  /: not found\s*$|manifest unknown|MANIFEST_UNKNOWN|\b404\b/im.test(
    e instanceof ExecError ? e.result.stderr : errorText(e),
  );

/**
 * Why a registry command failed, in one line: an unreachable registry says so (the raw text is a Go
 * transport error), anything else is the tool's own last line.
 */
export function registryReason(e: unknown): string {
  const text = errorText(e);
  const stderr = e instanceof ExecError ? e.result.stderr : '';
  if (isUnreachable(`${stderr}\n${text}`)) {
    const host = /https?:\/\/([^/"\s]+)/.exec(stderr || text)?.[1];
    return `the registry${host ? ` at ${host}` : ''} did not answer (${text.replace(/^failed to do request: /, '')})`;
  }
  return text;
}
