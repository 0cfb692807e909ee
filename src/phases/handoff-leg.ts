// After a leg's build: write its record where the merge job finds it (an Actions cache entry per platform, or
// a handoff tag per platform), and make sure it is there and is this leg's — or fail, naming the fix.
import { retry } from '../exec/retry.js';
import type { Inputs } from '../inputs/types.js';
import { formatPlatform, type Platform } from '../model/platforms.js';
import type { Registry } from '../registry/client.js';
import { errorIsTransient, registryReason } from '../registry/failures.js';
import { ActionError } from '../runner/errors.js';
import type { Step } from '../runner/step.js';
import type { RunSummary } from '../runner/summary.js';
import { buildConfig, differingInputs } from './fingerprint.js';
import {
  clashKeyPrefix,
  compareExisting,
  HANDOFF_ANNOTATION,
  handoffKey,
  handoffTag,
  legLabel,
  recordOf,
  resolveHandoff,
  type HandoffStore,
  type LegRecord,
  type ResolvedHandoff,
} from './handoff.js';
import { actionsCacheStore } from './handoff-store.js';

/** Writing a handoff tag: the same patience as publishing an index. */
export const HANDOFF_RETRY = { attempts: 4, baseMs: 1000 };

/** What a leg built, as recordLeg needs it. */
export interface LegBuild {
  platforms: Platform[];
  emulated: Platform[];
  digest: string | undefined;
  /** false with push: false: built, nothing pushed. */
  pushed: boolean;
}

/** Where a leg was handed off: `tags` (handoff tags) or `cache` (Actions cache keys); none when not pushed. */
export interface Handoff {
  mode: ResolvedHandoff;
  /** The handoff tags, or `cache:<key>` for each record saved. */
  refs: string[];
}

/** The handoff tags a leg of this run writes, one per platform, all in the first image's repository. */
export function legHandoffTags(step: Step, inputs: Inputs, platforms: Platform[]): string[] {
  const { fingerprint } = buildConfig(inputs, step.ctx.workspace, step.ctx.runId);
  const repository = inputs.images[0] as string;
  return platforms.map((p) => `${repository}:${handoffTag(step.ctx.runId, inputs.variant, p, fingerprint)}`);
}

/**
 * What the handoff tags hold before this leg writes them (read before the build: the docker driver pushes
 * the build to them). Throws ActionError (phase handoff) when the registry cannot say.
 */
export async function readHandoffTags(
  registry: Registry,
  refs: string[],
): Promise<Map<string, LegRecord | undefined>> {
  const out = new Map<string, LegRecord | undefined>();
  for (const ref of refs) {
    try {
      const found = await registry.lookup(ref);
      out.set(ref, found && recordOf(found.manifest));
    } catch (e) {
      throw new ActionError('handoff', `cannot read the handoff tag ${ref}: ${registryReason(e)}`);
    }
  }
  return out;
}

/**
 * Before a docker-driver leg's build, what its handoff tags hold: that driver pushes the build to the tags
 * themselves, hiding what was there (other drivers push by digest, and the tags are read just before writing).
 * Undefined when not needed, or when the registry cannot say yet (a repository nothing was pushed to may
 * answer "denied"): the read-back after writing still catches a clash.
 */
export async function handoffTagsBefore(
  step: Step,
  registry: Registry,
  inputs: Inputs,
  platforms: Platform[],
): Promise<Map<string, LegRecord | undefined> | undefined> {
  const mode = resolveHandoff(inputs.handoff, step.ctx.cacheService, inputs.driver);
  if (mode !== 'tags' || !inputs.push || inputs.mode !== 'build' || inputs.driver !== 'docker')
    return undefined;
  return readHandoffTags(registry, legHandoffTags(step, inputs, platforms)).catch((e: unknown) => {
    step.log.info(
      `The handoff tags could not be read before the build (${(e as Error).message}); checked after writing`,
    );
    return undefined;
  });
}

function clash(
  where: string,
  platform: string,
  mine: LegRecord,
  other: LegRecord,
  configDiffers: boolean,
): ActionError {
  const images = mine.images.join(', ');
  if (configDiffers) {
    const inputs = differingInputs(mine.config, other.config);
    return new ActionError(
      'handoff',
      `${where} already holds ${legLabel(other)}, built from another configuration (differing in ${inputs.join(', ') || 'its inputs'}) — legs of two variants of ${images} share the name; give each variant's legs and its merge their own variant (e.g. variant: slim) — nothing was handed off`,
      'variant',
    );
  }
  return new ActionError(
    'handoff',
    `${where} already holds ${legLabel(other)} with another digest (${other.digest.slice(0, 19)}) for the same configuration — two legs of this run build ${platform}; build each platform once per variant, or give the other leg its own variant — nothing was handed off`,
    'variant',
  );
}

async function saveToCache(
  store: HandoffStore,
  record: LegRecord,
  platforms: Platform[],
  step: Step,
): Promise<string[]> {
  const refs: string[] = [];
  for (const p of platforms) {
    const key = handoffKey(record.images, record.variant, p, step.ctx);
    let stored: boolean;
    try {
      stored = await store.save(key, record);
    } catch (e) {
      throw new ActionError(
        'handoff',
        `could not save ${key} to the Actions cache (${(e as Error).message}); re-run the leg, or set handoff: tags to hand off through the registry — nothing was handed off`,
        'handoff',
      );
    }
    if (!stored) {
      // The cache did not store it: either another leg holds the key, or the service failed. Read back to know.
      const existing = await store.load(key).catch(() => undefined);
      const found = compareExisting(record, existing);
      if (found.kind === 'clash' || found.kind === 'none') {
        // Left for the merge: without it, a merge run anyway would see only the other leg's record (another
        // configuration, or the same one built into another digest from inputs the fingerprint leaves out,
        // such as secrets; or, when the other leg has reserved the key but not committed it yet, that leg's alone).
        const marker = `${clashKeyPrefix(record.images, record.variant, p, record.runId)}${record.config.fingerprint}`;
        await store.save(marker, record).catch(() => false);
      }
      if (found.kind === 'clash')
        throw clash(
          `the Actions cache key ${key}`,
          formatPlatform(p),
          record,
          found.other,
          found.configDiffers,
        );
      if (found.kind === 'none')
        throw new ActionError(
          'handoff',
          `the Actions cache did not store ${key} and holds nothing under it (the cache logged why above, e.g. the service is unreachable); re-run the leg, or set handoff: tags to hand off through the registry — nothing was handed off`,
          'handoff',
        );
      step.log.info(`${key} already holds this leg's record (the same digest): kept`);
    }
    refs.push(`cache:${key}`);
  }
  return refs;
}

async function writeTags(
  step: Step,
  registry: Registry,
  record: LegRecord,
  refs: string[],
  previous: Map<string, LegRecord | undefined>,
): Promise<void> {
  for (const [i, ref] of refs.entries()) {
    const found = compareExisting(record, previous.get(ref));
    if (found.kind === 'clash')
      throw clash(
        `the handoff tag ${ref}`,
        record.platforms[i] ?? '',
        record,
        found.other,
        found.configDiffers,
      );
  }
  const repository = record.images[0] as string;
  const args = ['imagetools', 'create', '--progress', 'plain'];
  args.push('--annotation', `index:${HANDOFF_ANNOTATION}=${JSON.stringify(record)}`);
  for (const ref of refs) args.push('--tag', ref);
  args.push(`${repository}@${record.digest}`);
  try {
    await retry(
      step.exec,
      step.log,
      { ...HANDOFF_RETRY, what: `writing the handoff tag${refs.length > 1 ? 's' : ''}` },
      () => registry.buildx.run(args, { env: registry.env }),
      errorIsTransient,
    );
  } catch (e) {
    throw new ActionError(
      'handoff',
      `could not write the handoff tag ${refs.join(', ')}: ${registryReason(e)}`,
    );
  }
  // Read back: another leg writing the same tag at the same moment would have replaced this record.
  const now = await readHandoffTags(registry, refs);
  for (const [i, ref] of refs.entries()) {
    const there = now.get(ref);
    if (there?.digest === record.digest && there.runAttempt === record.runAttempt) continue;
    if (there)
      throw clash(
        `the handoff tag ${ref}`,
        record.platforms[i] ?? '',
        record,
        there,
        there.config.fingerprint !== record.config.fingerprint,
      );
    throw new ActionError(
      'handoff',
      `the handoff tag ${ref} does not hold this leg's record after writing it`,
    );
  }
}

/**
 * After a leg's build: records where each of its platforms can be found by the merge job. `previous` is what
 * the handoff tags held before the build (handoffTagsBefore; else they are read now). `store` replaces the
 * Actions cache.
 * A leg with push: false hands off a build-only record through the cache (for a dry-run merge), nothing
 * through tags. Throws ActionError (phase handoff) when the record cannot be written or another leg's
 * record holds its name.
 */
export async function recordLeg(
  step: Step,
  registry: Registry,
  inputs: Inputs,
  build: LegBuild,
  previous: Map<string, LegRecord | undefined> | undefined = undefined,
  store: HandoffStore = actionsCacheStore(step.ctx.workspace),
): Promise<Handoff> {
  const { ctx } = step;
  const mode = resolveHandoff(inputs.handoff, ctx.cacheService, inputs.driver);
  if (!build.digest)
    throw new ActionError('handoff', 'the build reported no digest; nothing to hand to the merge job');
  const record: LegRecord = {
    version: 2,
    images: inputs.images,
    variant: inputs.variant,
    platforms: build.platforms.map(formatPlatform),
    emulated: build.emulated.map(formatPlatform),
    digest: build.digest,
    pushed: build.pushed,
    runId: ctx.runId,
    runAttempt: ctx.runAttempt,
    job: ctx.job,
    config: buildConfig(inputs, ctx.workspace, ctx.runId),
  };
  if (mode === 'cache') return { mode, refs: await saveToCache(store, record, build.platforms, step) };
  if (!build.pushed) return { mode, refs: [] };
  const refs = legHandoffTags(step, inputs, build.platforms);
  await writeTags(step, registry, record, refs, previous ?? (await readHandoffTags(registry, refs)));
  return { mode, refs };
}

/** The leg's log line, `handoff` output and summary facts. */
export function reportHandoff(
  step: Step,
  inputs: Inputs,
  digest: string | undefined,
  handoff: Handoff,
  summary: RunSummary,
): void {
  const refs = handoff.refs.map((l) => `<code>${l}</code>`).join(', ');
  if (inputs.push) step.log.info(`Handed off ${digest} as ${handoff.refs.join(', ')}`);
  else
    step.log.info(
      `push: false: built ${digest}, pushed nothing${handoff.refs.length ? `; a build-only record for a dry-run merge: ${handoff.refs.join(', ')}` : '; nothing handed off'}`,
    );
  step.outputs.set('handoff', handoff.refs.join('\n'));
  const what = inputs.push
    ? `${handoff.mode}: ${refs}`
    : `none (push: false)${refs ? `; build-only record ${refs}` : ''}`;
  summary.facts.push(['Handoff', what]);
  if (inputs.variant) summary.facts.push(['Variant', `<code>${inputs.variant}</code>`]);
}
