import { createHash } from 'node:crypto';
import { readFile, rename, rm } from 'node:fs/promises';
import type { Step } from '../runner/step.js';
import type { CachePlan } from './cache.js';

const keyPrefix = (scope: string) => `multiarch-layers-${scope}-`;

async function indexHash(dir: string): Promise<string | undefined> {
  try {
    return createHash('sha256')
      .update(await readFile(`${dir}/index.json`))
      .digest('hex')
      .slice(0, 16);
  } catch {
    return undefined;
  }
}

/**
 * Restores the newest saved local layer cache of this scope from the Actions cache; returns a hash of what was
 * restored (undefined when nothing was). A cache failure never fails the build: it warns.
 */
export async function restoreLocalCache(step: Step, plan: CachePlan): Promise<string | undefined> {
  if (!plan.localDirs || !plan.scope) return undefined;
  if (!step.ctx.cacheService) {
    step.log.notice(
      'cache: local without the Actions cache service lasts only this job; set cache: registry to keep layers between runs',
    );
    return undefined;
  }
  try {
    const cache = await import('@actions/cache');
    const hit = await cache.restoreCache([plan.localDirs.src], `${keyPrefix(plan.scope)}latest`, [
      keyPrefix(plan.scope),
    ]);
    if (hit) step.log.info(`Restored layer cache ${hit}`);
    return indexHash(plan.localDirs.src);
  } catch (e) {
    step.log.warning(
      `cache: restoring the local layer cache failed (${(e as Error).message}); building without it`,
    );
    return undefined;
  }
}

/**
 * Moves the exported cache where the next build reads it and saves it to the Actions cache under a
 * content-hash key, only when it differs from what was restored. Warns instead of failing.
 */
export async function saveLocalCache(
  step: Step,
  plan: CachePlan,
  restoredHash: string | undefined,
): Promise<void> {
  const available = step.ctx.cacheService;
  if (!plan.localDirs || !plan.scope || !plan.write) return;
  const { src, dest } = plan.localDirs;
  const hash = await indexHash(dest);
  if (!hash) return;
  await rm(src, { recursive: true, force: true });
  await rename(dest, src);
  if (!available || hash === restoredHash) {
    if (hash === restoredHash) step.log.info('Layer cache unchanged: not saved again');
    return;
  }
  try {
    const cache = await import('@actions/cache');
    await cache.saveCache([src], `${keyPrefix(plan.scope)}${hash}`);
  } catch (e) {
    step.log.warning(
      `cache: saving the local layer cache failed (${(e as Error).message}); the build itself succeeded`,
    );
  }
}
