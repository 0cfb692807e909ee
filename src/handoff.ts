import * as core from '@actions/core';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildResult } from './build.js';
import { ActionError } from './errors.js';
import { ghaAvailable } from './cache.js';
import type { Driver, HandoffMode, Inputs } from './inputs.js';
import { formatPlatform, platformSlug, type Platform } from './platforms.js';
import type { RunSummary } from './summary.js';
import { resolveTags } from './tags.js';

export type ResolvedHandoff = Exclude<HandoffMode, 'auto'>;

/** auto: the Actions cache when it is there, except on the docker driver, which cannot push by digest. */
export function resolveHandoff(mode: HandoffMode, env: NodeJS.ProcessEnv, driver?: Driver): ResolvedHandoff {
  if (mode !== 'auto') return mode;
  return ghaAvailable(env) && driver !== 'docker' ? 'cache' : 'tags';
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

const runId = (env: NodeJS.ProcessEnv) => env.GITHUB_RUN_ID ?? 'local';

/** The per-platform tag base when a leg has no bare tag of its own: unique to the workflow run. */
export const defaultTagBase = (env: NodeJS.ProcessEnv): string => `run-${runId(env)}`;

/** `<image>:<base>-<os>-<arch>[-<variant>]` for every image and base (arm/v6 and arm/v7 stay apart). */
export function legTags(
  images: string[],
  tags: string[],
  platform: Platform,
  env: NodeJS.ProcessEnv,
): string[] {
  const bases = tags.length ? tags : [defaultTagBase(env)];
  return resolveTags(images, bases, `-${platformSlug(platform)}`);
}

/** Cache keys: one immutable entry per image set, platform, run and attempt. */
export function handoffKeyPrefix(images: string[], platform: Platform, env: NodeJS.ProcessEnv): string {
  const imageSet = createHash('sha256')
    .update([...images].sort().join('\n'))
    .digest('hex')
    .slice(0, 12);
  return `multiarch-handoff-${imageSet}-${platformSlug(platform)}-${runId(env)}-`;
}

export const handoffKey = (images: string[], platform: Platform, env: NodeJS.ProcessEnv): string =>
  `${handoffKeyPrefix(images, platform, env)}${env.GITHUB_RUN_ATTEMPT ?? '1'}`;

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

export function actionsCacheStore(workspace = process.env.GITHUB_WORKSPACE || process.cwd()): HandoffStore {
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
  env: NodeJS.ProcessEnv,
): LegRecord {
  return {
    version: 1,
    platform: formatPlatform(platform),
    legPlatforms: platforms.map(formatPlatform),
    images: inputs.images,
    digest,
    runId: runId(env),
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    job: env.GITHUB_JOB ?? '',
  };
}

/** After a leg's build: record where each of its platforms can be found by the merge job. */
export async function recordLeg(
  inputs: Inputs,
  platforms: Platform[],
  result: BuildResult,
  summary: RunSummary,
  store?: HandoffStore,
): Promise<void> {
  const mode = resolveHandoff(inputs.handoff, process.env, inputs.driver);
  if (!result.digest)
    throw new ActionError('handoff', 'the build reported no digest; nothing to hand to the merge job');
  const lines: string[] = [];
  if (mode === 'tags') {
    for (const p of platforms) lines.push(...legTags(inputs.images, inputs.tags, p, process.env));
  } else {
    const target = store ?? actionsCacheStore();
    for (const p of platforms) {
      const key = handoffKey(inputs.images, p, process.env);
      try {
        await target.save(key, legRecord(inputs, p, platforms, result.digest, process.env));
      } catch (e) {
        throw new ActionError(
          'handoff',
          `could not save ${key} to the Actions cache (${(e as Error).message}); set handoff: tags to hand off through the registry`,
          'handoff',
        );
      }
      lines.push(`cache:${key}`);
    }
  }
  core.info(`Handed off ${result.digest} as ${lines.join(', ')}`);
  core.setOutput('handoff', lines.join('\n'));
  summary.facts.push(['Handoff', `${mode}: ${lines.map((l) => `<code>${l}</code>`).join(', ')}`]);
}
