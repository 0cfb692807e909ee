// Reads back what was published and says, in sentences, how it differs from what was asked for.
import { diffPlatforms, indexPlatforms, isIndex } from '../registry/manifests.js';
import { registryReason } from '../registry/failures.js';
import type { Inspected, Registry } from '../registry/client.js';
import { ActionError } from '../runner/errors.js';

export interface Expectation {
  refs: string[];
  digest?: string;
  platforms: string[];
  indexAnnotations: Record<string, string>;
}

/** Problems with what the registry holds, as sentences; empty when it is what was asked for. */
export function checkPublished(expect: Expectation, found: Inspected[]): string[] {
  const problems: string[] = [];
  const digests = new Set(found.map((f) => f.digest));
  if (digests.size > 1) {
    problems.push(
      `tags point at different digests: ${found.map((f) => `${f.ref} → ${f.digest}`).join(', ')}`,
    );
  }
  for (const f of found) {
    if (expect.digest && f.digest !== expect.digest)
      problems.push(`${f.ref} is ${f.digest}, expected ${expect.digest}`);
  }
  const first = found[0];
  if (!first) return problems;
  if (isIndex(first.manifest)) {
    const { missing, extra, duplicate } = diffPlatforms(expect.platforms, indexPlatforms(first.manifest));
    if (missing.length) problems.push(`${first.ref} lacks ${missing.join(', ')}`);
    if (extra.length) problems.push(`${first.ref} has unrequested ${extra.join(', ')}`);
    if (duplicate.length) problems.push(`${first.ref} lists ${duplicate.join(', ')} more than once`);
  } else if (expect.platforms.length > 1) {
    problems.push(`${first.ref} is a single manifest, not an index of ${expect.platforms.join(', ')}`);
  }
  for (const [key, value] of Object.entries(expect.indexAnnotations)) {
    if (first.manifest.annotations?.[key] !== value)
      problems.push(`${first.ref} lacks the index annotation ${key}`);
  }
  return problems;
}

/**
 * Reads every reference back from the registry and checks it against `expect`. Returns what was read.
 * Throws ActionError (phase verify) when it cannot be read or differs.
 */
export async function verifyPublished(registry: Registry, expect: Expectation): Promise<Inspected[]> {
  let found: Inspected[];
  try {
    found = await Promise.all(expect.refs.map((ref) => registry.inspect(ref)));
  } catch (e) {
    throw new ActionError('verify', `could not read back what was pushed: ${registryReason(e)}`);
  }
  const problems = checkPublished(expect, found);
  if (problems.length)
    throw new ActionError('verify', `the registry does not hold what was asked for: ${problems.join('; ')}`);
  return found;
}
