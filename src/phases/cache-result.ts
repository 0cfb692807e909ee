// What the layer cache actually did, read from the build's `--progress plain` log: a cache export runs with
// ignore-error=true (a cache failure never fails a good build), so the only trace of a failed write is the
// ERROR line BuildKit prints under the export step.
import type { SummaryRow } from '../runner/summary.js';
import type { CachePlan } from './cache.js';

/** The names BuildKit gives its remote cache export steps (`#12 exporting to GitHub Actions Cache`). */
const EXPORT_STEP = /^#(\d+) (exporting to GitHub Actions Cache|exporting cache to \S.*)$/;
/** …and its cache import steps (`#5 importing cache manifest from gha:…`). */
const IMPORT_STEP = /^#(\d+) importing cache manifest from \S/;
/** What a first run, with nothing cached yet, reads back: not a failure. */
const NOTHING_YET = /not found|no such file or directory/i;

/** The errors of the steps `step` matches in a `--progress plain` build log, one line each, in order. */
function stepErrors(log: string, step: RegExp): string[] {
  const ids = new Set<string>();
  const errors: string[] = [];
  for (const line of log.split('\n')) {
    const started = step.exec(line);
    if (started) {
      ids.add(started[1] as string);
      continue;
    }
    const error = /^#(\d+) ERROR: (.*)$/.exec(line);
    if (error && ids.has(error[1] as string)) errors.push((error[2] as string).trim());
  }
  return errors;
}

/** The error of every cache export step that failed (empty when every export succeeded or none ran). */
export const cacheExportErrors = (log: string): string[] => stepErrors(log, EXPORT_STEP);

/** The error of every cache import that failed for another reason than an empty cache. */
export const cacheImportErrors = (log: string): string[] =>
  stepErrors(log, IMPORT_STEP).filter((e) => !NOTHING_YET.test(e));

/** Why no export step ran although the plan exports (buildx drops a gha cache without the service, silently). */
function notExported(to: string[]): string {
  const gha = to.some((t) => /(^|,)\s*type=gha\b/.test(t));
  return gha
    ? 'no cache export ran: buildx skips a type=gha cache without the Actions cache service (ACTIONS_RUNTIME_TOKEN, and ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL)'
    : 'no cache export ran';
}

/** The cache as it turned out: the plan, with `write` false and the reason when the export failed. */
export interface CacheOutcome {
  backend: CachePlan['backend'];
  scope?: string;
  write: boolean;
  /** Why the cache was not written although the plan was to write it. */
  error?: string;
  /** Why the cache could not be read (the build then ran without it). */
  readError?: string;
  /** BuildKit would not set the cache up at all (`error` says why): the build ran again without it. */
  refused?: true;
}

/**
 * What the cache did, given the plan and the build's log; `refused`: BuildKit would not set the cache up
 * at all, and the build ran again without it. Pure.
 */
export function cacheOutcome(plan: CachePlan, log: string, refused?: string): CacheOutcome {
  const base = { backend: plan.backend, ...(plan.scope ? { scope: plan.scope } : {}) };
  if (refused) return { ...base, write: false, error: refused, refused: true };
  const readError = plan.backend !== 'off' ? cacheImportErrors(log)[0] : undefined;
  // An inline cache travels in the image: it has no export step of its own.
  const separate = plan.to.some((t) => !/(^|,)\s*type=inline\b/.test(t));
  const exported = log.split('\n').some((l) => EXPORT_STEP.test(l));
  let error = plan.write ? cacheExportErrors(log)[0] : undefined;
  if (plan.write && !error && separate && !exported) error = notExported(plan.to);
  return {
    ...base,
    write: plan.write && !error,
    ...(error ? { error } : {}),
    ...(readError ? { readError } : {}),
  };
}

/** The one warning a cache that failed is worth, or undefined. */
export function cacheWarning(outcome: CacheOutcome): string | undefined {
  const { backend, error, readError } = outcome;
  if (error && outcome.refused)
    return `cache: the ${backend} layer cache could not be used (${error}); the image is built without it`;
  if (error) {
    const read = readError ? `; reading it failed too (${readError}), so this build ran without it` : '';
    return `cache: writing the ${backend} layer cache failed (${error}); the image is built, but the next run will not find these layers${read}`;
  }
  if (readError)
    return `cache: reading the ${backend} layer cache failed (${readError}); this build ran without it`;
  return undefined;
}

/** The `cache` output: backend, scope, write (and error), and per platform the build steps cached and run. */
export function cacheOutput(cache: CacheOutcome, rows: SummaryRow[]): string {
  const steps = Object.fromEntries(
    rows.map((r) => [r.platform, { cached: r.cached ?? 0, executed: r.executed ?? 0 }]),
  );
  return JSON.stringify({
    backend: cache.backend,
    scope: cache.scope ?? '',
    write: cache.write,
    ...(cache.error ? { error: cache.error } : {}),
    steps,
  });
}

/** The summary's Cache fact. */
export function describeCache(cache: CacheOutcome): string {
  if (cache.backend === 'off') return 'off';
  const scope = cache.scope ? ` (${cache.scope})` : '';
  if (cache.error) return `${cache.backend}${scope}, not written: ${cache.error}`;
  return `${cache.backend}${scope}${cache.write ? '' : ', read-only'}`;
}
