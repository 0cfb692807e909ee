// What a matrix leg hands to its merge job, and under which name: the record that ties a digest to this run,
// this variant and this build configuration. Naming and comparing are pure; recordLeg (handoff-leg.ts) writes.
import { createHash } from 'node:crypto';
import type { Driver, HandoffMode } from '../inputs/types.js';
import { platformSlug, type Platform } from '../model/platforms.js';
import type { ImageIndex } from '../registry/manifests.js';
import { normalizeRepository } from '../registry/refs.js';
import type { RunnerContext } from '../runner/context.js';
import type { BuildConfig } from './fingerprint.js';

export type ResolvedHandoff = Exclude<HandoffMode, 'auto'>;

/** auto: the Actions cache when it is there, except on the docker driver, which cannot push by digest. */
export function resolveHandoff(mode: HandoffMode, cacheService: boolean, driver?: Driver): ResolvedHandoff {
  if (mode !== 'auto') return mode;
  return cacheService && driver !== 'docker' ? 'cache' : 'tags';
}

/** What identifies a leg's build, and what it built. The same record goes to the cache and to a handoff tag. */
export interface LegRecord {
  version: 2;
  /** The leg's `image` input, as given. */
  images: string[];
  /** The leg's `variant` input ('' when unset). */
  variant: string;
  /** Every platform the leg built (normalised), and those of them that ran under QEMU. */
  platforms: string[];
  emulated: string[];
  /** What the leg built: its index (or its single manifest, with provenance and sbom off). */
  digest: string;
  /** false for a leg with push: false: built, but nothing is in the registry. */
  pushed: boolean;
  runId: string;
  runAttempt: string;
  job: string;
  config: BuildConfig;
}

/** Where a record lives, for messages and the summary. */
export interface FoundRecord {
  record: LegRecord;
  /** `cache:<key>` or the handoff tag's full reference. */
  where: string;
  /** The handoff tag (repository and tag), when the record came from one. */
  tag?: { repository: string; tag: string };
}

/**
 * `leg build (linux/arm64, attempt 2)`: how messages and the summary name a leg. Matrix legs share their job
 * id, so where two legs of one platform must be told apart, `config` adds the build configuration's
 * fingerprint: `leg build (linux/arm64, attempt 2, configuration 0123456789ab)`.
 */
export const legLabel = (
  r: Pick<LegRecord, 'job' | 'platforms' | 'runAttempt'> & { config?: Pick<BuildConfig, 'fingerprint'> },
  config = false,
): string =>
  `leg ${r.job || 'build'} (${r.platforms.join(', ')}, attempt ${r.runAttempt}${config && r.config ? `, configuration ${r.config.fingerprint}` : ''})`;

const hex12 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Cache key prefix (without the attempt): image set and variant (hashed), platform, run. */
export function handoffKeyPrefix(
  images: string[],
  variant: string,
  platform: Platform,
  runId: string,
): string {
  // docker.io/acme/app and acme/app are one repository: one key.
  const set = hex12(`${images.map(normalizeRepository).sort().join('\n')}\n${variant}`);
  return `multiarch-handoff-${set}${variant ? `-${variant}` : ''}-${platformSlug(platform)}-${runId}-`;
}

/** One immutable cache entry per image set, variant, platform, run and attempt. */
export const handoffKey = (
  images: string[],
  variant: string,
  platform: Platform,
  ctx: Pick<RunnerContext, 'runId' | 'runAttempt'>,
): string => `${handoffKeyPrefix(images, variant, platform, ctx.runId)}${ctx.runAttempt}`;

/**
 * Where a leg whose cache key another configuration holds leaves its own record (its fingerprint in the key),
 * so that a merge run anyway (`if: !cancelled()`) still sees that two configurations claimed the platform.
 */
export function clashKeyPrefix(images: string[], variant: string, platform: Platform, runId: string): string {
  return handoffKeyPrefix(images, variant, platform, runId).replace(
    /^multiarch-handoff-/,
    'multiarch-handoff-clash-',
  );
}

/**
 * The handoff tag: `run-<run id>-[<variant>-]<os>-<arch>[-<variant>]-<fingerprint>`. The run id keeps an earlier
 * run's tags out of this run's merge; the fingerprint keeps two configurations from overwriting each other.
 */
export const handoffTag = (runId: string, variant: string, platform: Platform, fingerprint: string): string =>
  `run-${runId}-${variant ? `${variant}-` : ''}${platformSlug(platform)}-${fingerprint}`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches the handoff tags of one run, variant and platform, whatever their fingerprint. */
export const handoffTagPattern = (runId: string, variant: string, platform: Platform): RegExp =>
  new RegExp(`^${escape(handoffTag(runId, variant, platform, ''))}[0-9a-f]{12}$`);

/** The index annotation that carries the record on a handoff tag. */
export const HANDOFF_ANNOTATION = 'io.github.multiarch-build-action.handoff';

/** The record a handoff tag's index carries, or undefined when it carries none (or not one of this version). */
export function recordOf(index: ImageIndex): LegRecord | undefined {
  const text = index.annotations?.[HANDOFF_ANNOTATION];
  if (!text) return undefined;
  try {
    const r = JSON.parse(text) as Partial<LegRecord>;
    return r.version === 2 && typeof r.digest === 'string' && r.config?.fingerprint
      ? (r as LegRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

/** What to do when a key or tag already holds a record. */
export type Existing =
  | { kind: 'none' }
  /** The same build handed off again (a re-run of the step): keep it. */
  | { kind: 'same' }
  /** An earlier attempt of this run: the newer attempt replaces it. */
  | { kind: 'earlier' }
  /** Another leg of this run claims the same name: a variant clash or a platform built twice. */
  | { kind: 'clash'; other: LegRecord; configDiffers: boolean };

export function compareExisting(mine: LegRecord, other: LegRecord | undefined): Existing {
  if (!other) return { kind: 'none' };
  const configDiffers = other.config.fingerprint !== mine.config.fingerprint;
  if (!configDiffers && other.digest === mine.digest) return { kind: 'same' };
  if (!configDiffers && Number(other.runAttempt) < Number(mine.runAttempt)) return { kind: 'earlier' };
  return { kind: 'clash', other, configDiffers };
}

/** The seam the cache handoff goes through; production uses the GitHub Actions cache service. */
export interface HandoffStore {
  /**
   * Saves `record` under `key`. Resolves false when the cache did not store it (the key exists or could not
   * be reserved, the service failed): @actions/cache logs why and does not throw. Throws what it throws.
   */
  save(key: string, record: LegRecord): Promise<boolean>;
  /** The record under `exactKey`, else (with `prefix`) the newest under `prefix` (a later attempt wins). */
  load(exactKey: string, prefix?: string): Promise<LegRecord | undefined>;
}
