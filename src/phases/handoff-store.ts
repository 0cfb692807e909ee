// The HandoffStore backed by the GitHub Actions cache service (@actions/cache).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HandoffStore, LegRecord } from './handoff.js';

/**
 * The Actions cache versions an entry by the path list it was saved with, so legs and merge must name the
 * same path: one relative to the workspace (where the cache tars from), the same on every runner.
 */
export const HANDOFF_PATH = '.multiarch-handoff/record.json';

/** The part of @actions/cache the store uses (a seam for tests). */
export interface CacheClient {
  saveCache(paths: string[], key: string): Promise<number>;
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
}

/**
 * The store backed by the Actions cache; files go through `workspace` (the checkout). `client` defaults to
 * @actions/cache, loaded when first used. Records are read and written one at a time (one file path).
 */
export function actionsCacheStore(workspace: string, client?: CacheClient): HandoffStore {
  const file = join(workspace, HANDOFF_PATH);
  const dir = join(workspace, '.multiarch-handoff');
  const cache = async (): Promise<CacheClient> => client ?? (await import('@actions/cache'));
  return {
    async save(key, record) {
      const client = await cache();
      await mkdir(dir, { recursive: true });
      await writeFile(file, JSON.stringify(record));
      try {
        // -1: not stored (the key exists or could not be reserved, the service failed); it logged why.
        return (await client.saveCache([HANDOFF_PATH], key)) !== -1;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async load(exactKey, prefix) {
      const client = await cache();
      try {
        const hit = await client.restoreCache([HANDOFF_PATH], exactKey, prefix ? [prefix] : []);
        if (!hit) return undefined;
        return JSON.parse(await readFile(file, 'utf8')) as LegRecord;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
