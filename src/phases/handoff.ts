import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Driver, HandoffMode, Inputs } from '../inputs/types.js';
import { formatPlatform, platformSlug, type Platform } from '../model/platforms.js';
import { normalizeRepository } from '../registry/refs.js';
import { resolveTags } from '../registry/tags.js';
import type { RunnerContext } from '../runner/context.js';
import { ActionError } from '../runner/errors.js';

export type ResolvedHandoff = Exclude<HandoffMode, 'auto'>;

/** auto: the Actions cache when it is there, except on the docker driver, which cannot push by digest. */
export function resolveHandoff(mode: HandoffMode, cacheService: boolean, driver?: Driver): ResolvedHandoff {
  if (mode !== 'auto') return mode;
  return cacheService && driver !== 'docker' ? 'cache' : 'tags';
}

/** Where a leg's result lives, as the merge job reads it back. */
export interface LegRecord {
  version: 1;
  platform: string;
  /** All platforms the leg built (a leg may build several under QEMU). */
  legPlatforms: string[];
  images: string[];
  digest: string;
  runId: string;
  runAttempt: string;
  job: string;
}

/** The per-platform tag base when a leg has no bare tag of its own: unique to the workflow run. */
export const defaultTagBase = (runId: string): string => `run-${runId}`;

/** `<image>:<base>-<os>-<arch>[-<variant>]` for every image and base (arm/v6 and arm/v7 stay apart). */
export function legTags(images: string[], tags: string[], platform: Platform, runId: string): string[] {
  const bases = tags.length ? tags : [defaultTagBase(runId)];
  return resolveTags(images, bases, `-${platformSlug(platform)}`);
}

/** Cache keys: one immutable entry per image set, platform, run and attempt. */
export function handoffKeyPrefix(images: string[], platform: Platform, runId: string): string {
  const imageSet = createHash('sha256')
    .update(images.map(normalizeRepository).sort().join('\n'))
    .digest('hex')
    .slice(0, 12);
  return `multiarch-handoff-${imageSet}-${platformSlug(platform)}-${runId}-`;
}

export const handoffKey = (
  images: string[],
  platform: Platform,
  ctx: Pick<RunnerContext, 'runId' | 'runAttempt'>,
): string => `${handoffKeyPrefix(images, platform, ctx.runId)}${ctx.runAttempt}`;

/** The seam the cache handoff goes through; production uses the GitHub Actions cache service. */
export interface HandoffStore {
  save(key: string, record: LegRecord): Promise<void>;
  /** The newest record under `prefix` (a later attempt wins), if any. */
  load(prefix: string, exactKey: string): Promise<LegRecord | undefined>;
}

/**
 * The Actions cache versions an entry by the path list it was saved with, so legs and merge must name the
 * same path: one relative to the workspace (where the cache tars from), the same on every runner.
 */
export const HANDOFF_PATH = '.multiarch-handoff/record.json';

/** The store backed by the GitHub Actions cache service; files go through `workspace` (the checkout). */
export function actionsCacheStore(workspace: string): HandoffStore {
  const file = join(workspace, HANDOFF_PATH);
  const dir = join(workspace, '.multiarch-handoff');
  return {
    async save(key, record) {
      const cache = await import('@actions/cache');
      await mkdir(dir, { recursive: true });
      await writeFile(file, JSON.stringify(record));
      try {
        await cache.saveCache([HANDOFF_PATH], key);
      } catch (e) {
        // Re-running the same attempt finds its entry already there: the record is identical, so keep it.
        if (!/already exists|ReserveCacheError/i.test(`${(e as Error).name} ${(e as Error).message}`))
          throw e;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async load(prefix, exactKey) {
      const cache = await import('@actions/cache');
      try {
        const hit = await cache.restoreCache([HANDOFF_PATH], exactKey, [prefix]);
        if (!hit) return undefined;
        return JSON.parse(await readFile(file, 'utf8')) as LegRecord;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

export function legRecord(
  inputs: Inputs,
  platform: Platform,
  platforms: Platform[],
  digest: string,
  ctx: Pick<RunnerContext, 'runId' | 'runAttempt' | 'job'>,
): LegRecord {
  return {
    version: 1,
    platform: formatPlatform(platform),
    legPlatforms: platforms.map(formatPlatform),
    images: inputs.images,
    digest,
    runId: ctx.runId,
    runAttempt: ctx.runAttempt,
    job: ctx.job,
  };
}

/** Where a leg was handed off: `tags` (per-platform tags) or `cache` (Actions cache keys). */
export interface Handoff {
  mode: ResolvedHandoff;
  /** The per-platform tags, or `cache:<key>` for each record saved. */
  refs: string[];
}

/**
 * After a leg's build: records where each of its platforms can be found by the merge job. `digest` is what
 * the leg pushed. Throws ActionError (phase handoff) when a record cannot be saved.
 */
export async function recordLeg(
  ctx: RunnerContext,
  inputs: Inputs,
  platforms: Platform[],
  digest: string | undefined,
  store: HandoffStore = actionsCacheStore(ctx.workspace),
): Promise<Handoff> {
  const mode = resolveHandoff(inputs.handoff, ctx.cacheService, inputs.driver);
  if (!digest)
    throw new ActionError('handoff', 'the build reported no digest; nothing to hand to the merge job');
  if (mode === 'tags')
    return { mode, refs: platforms.flatMap((p) => legTags(inputs.images, inputs.tags, p, ctx.runId)) };
  const refs: string[] = [];
  for (const p of platforms) {
    const key = handoffKey(inputs.images, p, ctx);
    try {
      await store.save(key, legRecord(inputs, p, platforms, digest, ctx));
    } catch (e) {
      throw new ActionError(
        'handoff',
        `could not save ${key} to the Actions cache (${(e as Error).message}); set handoff: tags to hand off through the registry`,
        'handoff',
      );
    }
    refs.push(`cache:${key}`);
  }
  return { mode, refs };
}
