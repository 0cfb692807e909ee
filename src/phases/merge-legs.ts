// The legs a merge publishes, found by their handoff records and proven to be of this run, this variant and
// one build configuration — or refused before anything is pushed, naming the platform, the leg and the input.
import type { Inputs } from '../inputs/types.js';
import { formatPlatform, type Platform } from '../model/platforms.js';
import type { RegistryApi } from '../registry/api.js';
import type { Registry } from '../registry/client.js';
import { registryReason } from '../registry/failures.js';
import { normalizeRepository } from '../registry/refs.js';
import type { RunnerContext } from '../runner/context.js';
import { ActionError } from '../runner/errors.js';
import { differingInputs } from './fingerprint.js';
import {
  clashKeyPrefix,
  handoffKeyPrefix,
  handoffTagPattern,
  legLabel,
  recordOf,
  type FoundRecord,
  type HandoffStore,
  type LegRecord,
} from './handoff.js';
import { actionsCacheStore } from './handoff-store.js';

/** What the handoff holds for each platform of the merge (several records: a clash to report). */
export interface Candidates {
  byPlatform: Map<string, FoundRecord[]>;
  /** Where the merge looked, for messages: `cache`, `tags`, `cache or tags`. */
  looked: string;
  /** Handoff tags of this run that are not for this variant's platforms (a hint when a leg is missing). */
  others: string[];
}

/** A leg the merge publishes from, the platforms it takes out of it, and where its records were. */
export interface Leg {
  record: LegRecord;
  platforms: string[];
  where: string[];
  /** Its handoff tags (tags handoff), removed once the merge has published. */
  tags: Array<{ repository: string; tag: string }>;
}

async function fromCache(
  ctx: RunnerContext,
  inputs: Inputs,
  platforms: Platform[],
  store: HandoffStore,
  out: Candidates,
) {
  for (const p of platforms) {
    const prefix = handoffKeyPrefix(inputs.images, inputs.variant, p, ctx.runId);
    // A leg refused because another configuration held its key left its record under a clash key.
    const clashes = clashKeyPrefix(inputs.images, inputs.variant, p, ctx.runId);
    let record;
    let clash;
    try {
      record = await store.load(`${prefix}${ctx.runAttempt}`, prefix);
      clash = record && (await store.load(clashes, clashes));
    } catch (e) {
      throw new ActionError(
        'merge',
        `cannot read the Actions cache (${(e as Error).message}) — nothing was pushed`,
        'handoff',
      );
    }
    const found = out.byPlatform.get(formatPlatform(p));
    if (record) found?.push({ record, where: `cache:${prefix}${record.runAttempt}` });
    if (clash) found?.push({ record: clash, where: `cache:${clashes}${clash.config.fingerprint} (refused)` });
  }
}

async function fromTags(
  ctx: RunnerContext,
  registry: Registry,
  api: RegistryApi,
  inputs: Inputs,
  platforms: Platform[],
  out: Candidates,
) {
  const repository = inputs.images[0] as string;
  let tags: string[];
  try {
    tags = await api.tags(repository);
  } catch (e) {
    throw new ActionError(
      'merge',
      `cannot list the handoff tags of ${repository}: ${(e as Error).message} — nothing was pushed`,
      'handoff',
    );
  }
  const mine = new Set<string>();
  await Promise.all(
    platforms.map(async (p) => {
      const pattern = handoffTagPattern(ctx.runId, inputs.variant, p);
      for (const tag of tags.filter((t) => pattern.test(t))) {
        mine.add(tag);
        const ref = `${repository}:${tag}`;
        let found;
        try {
          found = await registry.lookup(ref);
        } catch (e) {
          throw new ActionError(
            'merge',
            `cannot read the handoff tag ${ref}: ${registryReason(e)} — nothing was pushed`,
          );
        }
        if (!found) continue; // deleted since the listing
        const record = recordOf(found.manifest);
        if (!record)
          throw new ActionError(
            'merge',
            `the handoff tag ${ref} holds no handoff record (a leg still writing it, or not a leg of this action); re-run that leg — nothing was pushed`,
            'handoff',
          );
        out.byPlatform.get(formatPlatform(p))?.push({ record, where: ref, tag: { repository, tag } });
      }
    }),
  );
  out.others = tags.filter((t) => t.startsWith(`run-${ctx.runId}-`) && !mine.has(t));
}

/**
 * Every handoff record of this run for the merge's image set, variant and platforms: from the Actions cache
 * (handoff cache, or auto where the service is), then from handoff tags for what is still missing (a leg on
 * the docker driver hands off by tags even where the cache exists). Throws ActionError when a store or the
 * registry cannot be read.
 */
export async function findCandidates(
  ctx: RunnerContext,
  registry: Registry,
  api: RegistryApi,
  inputs: Inputs,
  store: HandoffStore | undefined,
): Promise<Candidates> {
  const out: Candidates = {
    byPlatform: new Map(inputs.platforms.map((p) => [formatPlatform(p), []])),
    looked: '',
    others: [],
  };
  const useCache =
    inputs.handoff === 'cache' || (inputs.handoff === 'auto' && (store !== undefined || ctx.cacheService));
  if (useCache)
    await fromCache(ctx, inputs, inputs.platforms, store ?? actionsCacheStore(ctx.workspace), out);
  const missing = inputs.platforms.filter((p) => !out.byPlatform.get(formatPlatform(p))?.length);
  const useTags = inputs.handoff !== 'cache';
  if (useTags && missing.length) await fromTags(ctx, registry, api, inputs, missing, out);
  out.looked = useCache && useTags ? 'cache or tags' : useCache ? 'cache' : 'tags';
  return out;
}

const sameSet = (a: string[], b: string[]) =>
  a.map(normalizeRepository).sort().join('\n') === b.map(normalizeRepository).sort().join('\n');
// Legs of one matrix share their job id: the configuration is what tells two of them apart.
const labelled = (f: FoundRecord) => `${legLabel(f.record, true)} as ${f.where}`;

function checkIdentity(ctx: RunnerContext, inputs: Inputs, platform: string, f: FoundRecord): void {
  const r = f.record;
  const wrong =
    r.runId !== ctx.runId
      ? `run ${r.runId}, not this run (${ctx.runId})`
      : r.variant !== inputs.variant
        ? `variant "${r.variant}", not "${inputs.variant}"`
        : !sameSet(r.images, inputs.images)
          ? `image ${r.images.join(', ')}, not ${inputs.images.join(', ')}`
          : !r.platforms.includes(platform)
            ? `platforms ${r.platforms.join(', ')}, without ${platform}`
            : '';
  if (wrong)
    throw new ActionError(
      'merge',
      `${f.where} is a handoff record of ${wrong}; it cannot stand for ${platform} — nothing was pushed`,
      'variant',
    );
}

/** The newest attempt among records of one configuration. */
const newest = (found: FoundRecord[]) =>
  found.reduce((a, b) => (Number(b.record.runAttempt) > Number(a.record.runAttempt) ? b : a));

/**
 * Proves the candidates are one leg per platform of this run, variant and image set, all of one build
 * configuration, all pushed (unless `dryRun`). Returns the legs with the platforms each contributes; an empty
 * list for a dry run where no leg handed anything off (legs with push: false hand off nothing by tags).
 * Throws ActionError (phase merge) naming the platform, the legs and the input to change.
 */
export function proveLegs(
  ctx: RunnerContext,
  inputs: Inputs,
  candidates: Candidates,
  dryRun: boolean,
): Leg[] {
  const chosen = new Map<string, FoundRecord>();
  const missing: string[] = [];
  for (const [platform, found] of candidates.byPlatform) {
    for (const f of found) checkIdentity(ctx, inputs, platform, f);
    const configs = new Map<string, FoundRecord[]>();
    for (const f of found)
      configs.set(f.record.config.fingerprint, [...(configs.get(f.record.config.fingerprint) ?? []), f]);
    if (configs.size > 1) {
      const [a, b] = [...configs.values()].map(newest) as [FoundRecord, FoundRecord];
      throw new ActionError(
        'merge',
        `legs of this run handed off ${platform} for ${configs.size} build configurations (differing in ${differingInputs(a.record.config, b.record.config).join(', ')}): ${[...configs.values()].map((c) => labelled(newest(c))).join('; ')}; a merge cannot tell which to publish: set variant on each variant's legs and on its merge (e.g. variant: slim) — nothing was pushed`,
        'variant',
      );
    }
    // One configuration, one attempt, two digests: legs differing only in what the fingerprint leaves out.
    const pick = found.length ? newest(found) : undefined;
    const twin = found.find(
      (f) => f.record.runAttempt === pick?.record.runAttempt && f.record.digest !== pick?.record.digest,
    );
    if (pick && twin) {
      throw new ActionError(
        'merge',
        `two legs of this run handed off ${platform} from the same build configuration with different digests: ${labelled(pick)}; ${labelled(twin)} (inputs the configuration does not record, such as secrets, differ); a merge cannot tell which to publish: set variant on each variant's legs and on its merge (e.g. variant: pro) — nothing was pushed`,
        'variant',
      );
    }
    if (pick) chosen.set(platform, pick);
    else missing.push(platform);
  }
  if (missing.length) {
    // Legs with push: false leave records in the Actions cache, never a handoff tag: only when the merge
    // could look in tags alone does finding none mean legs that built only, not legs that are missing.
    if (dryRun && missing.length === candidates.byPlatform.size && candidates.looked === 'tags') return [];
    const hint = candidates.others.length
      ? ` (this run's other handoff tags: ${candidates.others.slice(0, 4).join(', ')}${candidates.others.length > 4 ? ', …' : ''}: another variant?)`
      : '';
    throw new ActionError(
      'merge',
      `no leg was handed off (${candidates.looked}) for ${missing.join(', ')}; check that the matrix built ${missing.length > 1 ? 'them' : 'it'} in this run with mode: build and the same image, variant and handoff${hint} — nothing was pushed`,
      'platforms',
    );
  }
  const entries = [...chosen];
  const [first] = entries;
  for (const [platform, f] of entries) {
    if (!first || f.record.config.fingerprint === first[1].record.config.fingerprint) continue;
    throw new ActionError(
      'merge',
      `${first[0]} (${labelled(first[1])}) and ${platform} (${labelled(f)}) were built from different configurations (differing in ${differingInputs(first[1].record.config, f.record.config).join(', ')}); a merge publishes one configuration: set variant on each variant's legs and its merge, or build every platform of it from the same inputs (per-platform values belong in the Dockerfile: BuildKit sets TARGETARCH and TARGETPLATFORM per platform) — nothing was pushed`,
      'variant',
    );
  }
  if (!dryRun) {
    const unpushed = entries.find(([, f]) => !f.record.pushed);
    if (unpushed)
      throw new ActionError(
        'merge',
        `${legLabel(unpushed[1].record)} built ${unpushed[0]} with push: false, so nothing of it is in the registry; set push: false on the merge too (a dry run), or let the legs push — nothing was pushed`,
        'push',
      );
  }
  const legs = new Map<string, Leg>();
  for (const [platform, found] of entries) {
    const key = `${found.record.digest} ${found.record.runAttempt}`;
    const leg = legs.get(key) ?? { record: found.record, platforms: [], where: [], tags: [] };
    leg.platforms.push(platform);
    leg.where.push(found.where);
    if (found.tag) leg.tags.push(found.tag);
    legs.set(key, leg);
  }
  return [...legs.values()];
}
