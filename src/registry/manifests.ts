// OCI image index and descriptor shapes, and what can be read off them without a registry.
import { createHash } from 'node:crypto';
import { formatPlatform, parsePlatform } from '../model/platforms.js';

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

/** How `actual` platforms differ from `expected` ones (all normalised strings). */
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

/** The digest of a manifest's exact bytes, as a registry computes it. */
export const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;
