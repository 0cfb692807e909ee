import { createHash } from 'node:crypto';
import { ActionError } from './errors.js';
import { errorText, exec, isUnreachable, retry, type ExecResult } from './exec.js';
import { formatPlatform, parsePlatform } from './platforms.js';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: {
    os: string;
    architecture: string;
    variant?: string;
    'os.version'?: string;
    'os.features'?: string[];
  };
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion?: number;
  mediaType?: string;
  manifests?: Descriptor[];
  annotations?: Record<string, string>;
}

export const isIndex = (m: ImageIndex): boolean => Array.isArray(m.manifests);

/** Attestation manifests ride along in an index as unknown/unknown entries; they are not platforms. */
export function isAttestation(d: Descriptor): boolean {
  return (
    d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    (d.platform?.os === 'unknown' && d.platform.architecture === 'unknown')
  );
}

/** The image platforms of an index, normalised (linux/arm64/v8 and linux/arm64 compare equal). */
export function indexPlatforms(index: ImageIndex): string[] {
  return (index.manifests ?? [])
    .filter((d) => d.platform && !isAttestation(d))
    .map((d) => descriptorPlatform(d));
}

export function descriptorPlatform(d: Descriptor): string {
  const p = d.platform;
  if (!p) return 'unknown';
  const text = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
  try {
    return formatPlatform(parsePlatform(text));
  } catch {
    return text;
  }
}

export function diffPlatforms(
  expected: string[],
  actual: string[],
): { missing: string[]; extra: string[]; duplicate: string[] } {
  const want = new Set(expected);
  const have = new Set(actual);
  return {
    missing: expected.filter((p) => !have.has(p)),
    extra: [...have].filter((p) => !want.has(p)),
    duplicate: actual.filter((p, i) => actual.indexOf(p) !== i),
  };
}

export interface Inspected {
  ref: string;
  raw: string;
  digest: string;
  manifest: ImageIndex;
}

export const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** Registry reads: 4 attempts, 1 s, 2 s, 4 s apart (±25 %), on top of buildx's own immediate retry. */
export const READ_RETRY = { attempts: 4, baseMs: 1000 };

/** Reads what the registry holds for a reference, retrying transient registry errors. */
export async function inspectRaw(ref: string, env?: Record<string, string>): Promise<Inspected> {
  const result: ExecResult = await retry({ ...READ_RETRY, what: `inspecting ${ref}` }, () =>
    exec(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref], { echo: false, env }),
  );
  return {
    ref,
    raw: result.stdout,
    digest: sha256(result.stdout),
    manifest: JSON.parse(result.stdout) as ImageIndex,
  };
}

/** buildx's answer for a reference the registry does not hold: `ERROR: <ref>: not found`. */
export const isNotFound = (e: unknown): boolean =>
  /: not found\s*$|manifest unknown|MANIFEST_UNKNOWN|\b404\b/im.test(
    String((e as { result?: ExecResult }).result?.stderr ?? (e as Error)?.message ?? e),
  );

/** Like inspectRaw, but a reference that does not exist is `undefined`; any other failure still throws. */
export async function lookupRaw(ref: string, env?: Record<string, string>): Promise<Inspected | undefined> {
  try {
    return await inspectRaw(ref, env);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The platform a single image manifest was built for, from its config (a manifest itself names none). */
export async function manifestPlatform(ref: string): Promise<NonNullable<Descriptor['platform']>> {
  const result = await retry({ ...READ_RETRY, what: `reading the config of ${ref}` }, () =>
    exec(['docker', 'buildx', 'imagetools', 'inspect', '--format', '{{json .Image}}', ref], { echo: false }),
  );
  const config = JSON.parse(result.stdout) as { os?: string; architecture?: string; variant?: string };
  if (!config.os || !config.architecture) throw new Error(`${ref} has no os/architecture in its config`);
  return {
    os: config.os,
    architecture: config.architecture,
    ...(config.variant ? { variant: config.variant } : {}),
  };
}

/**
 * Why a registry command failed, in one line: an unreachable registry says so (the raw text is a Go
 * transport error), anything else is the tool's own last line.
 */
export function registryReason(e: unknown): string {
  const text = errorText(e);
  const stderr = (e as { result?: ExecResult }).result?.stderr ?? '';
  if (isUnreachable(`${stderr}\n${text}`)) {
    const host = /https?:\/\/([^/"\s]+)/.exec(stderr || text)?.[1];
    return `the registry${host ? ` at ${host}` : ''} did not answer (${text.replace(/^failed to do request: /, '')})`;
  }
  return text;
}

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

export async function verifyPublished(
  expect: Expectation,
  env?: Record<string, string>,
): Promise<Inspected[]> {
  let found: Inspected[];
  try {
    found = await Promise.all(expect.refs.map((ref) => inspectRaw(ref, env)));
  } catch (e) {
    throw new ActionError('verify', `could not read back what was pushed: ${registryReason(e)}`);
  }
  const problems = checkPublished(expect, found);
  if (problems.length)
    throw new ActionError('verify', `the registry does not hold what was asked for: ${problems.join('; ')}`);
  return found;
}
