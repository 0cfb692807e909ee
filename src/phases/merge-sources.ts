// Where a merge's sources are: explicit references, the legs' Actions cache records, or their per-platform
// tags; and the index entries each contributes.
import type { Inputs } from '../inputs/types.js';
import { formatPlatform, type Platform } from '../model/platforms.js';
import type { Inspected, Registry } from '../registry/client.js';
import { registryReason } from '../registry/failures.js';
import { descriptorPlatform, isIndex, type Descriptor } from '../registry/manifests.js';
import { isDigest, parseReference } from '../registry/refs.js';
import type { RunnerContext } from '../runner/context.js';
import { ActionError } from '../runner/errors.js';
import {
  actionsCacheStore,
  defaultTagBase,
  handoffKey,
  handoffKeyPrefix,
  legTags,
  type HandoffStore,
} from './handoff.js';

export interface Source {
  /** What the user or the handoff named, for messages and the summary. */
  label: string;
  ref: string;
  /** What the registry holds for it, when finding the source already read it. */
  found?: Inspected;
}

/** A platform entry as it will be published, and where it comes from. */
export interface Entry {
  source: Source;
  descriptor: Descriptor;
  platform: string;
  overridden: boolean;
}

/** `sha256:` sources take the repository of the first image, as imagetools does with its tags. */
export function sourceRef(source: string, images: string[]): string {
  return isDigest(source) ? `${images[0]}@${source}` : source;
}

/**
 * The index entries a source contributes (a single manifest becomes one entry, its platform from its
 * config). Throws ActionError (phase merge) naming sources when the source cannot be read.
 */
export async function sourceEntries(registry: Registry, source: Source): Promise<Entry[]> {
  try {
    const found = source.found ?? (await registry.inspect(source.ref));
    if (isIndex(found.manifest)) {
      return (found.manifest.manifests ?? []).map((descriptor) => ({
        source,
        descriptor,
        platform: descriptorPlatform(descriptor),
        overridden: false,
      }));
    }
    // A single-platform image (a leg built with provenance and sbom off): its config names the platform.
    const descriptor: Descriptor = {
      mediaType: found.manifest.mediaType ?? '',
      digest: found.digest,
      size: Buffer.byteLength(found.raw),
      platform: await registry.platformOf(`${parseReference(source.ref)?.repository}@${found.digest}`),
    };
    return [{ source, descriptor, platform: descriptorPlatform(descriptor), overridden: false }];
  } catch (e) {
    if (e instanceof ActionError) throw e;
    throw new ActionError('merge', `cannot read source ${source.label}: ${registryReason(e)}`, 'sources');
  }
}

interface Lookup {
  found: Source[];
  missing: Platform[];
}

async function fromCache(
  ctx: RunnerContext,
  inputs: Inputs,
  platforms: Platform[],
  store: HandoffStore,
): Promise<Lookup> {
  const lookup: Lookup = { found: [], missing: [] };
  for (const p of platforms) {
    const record = await store.load(
      handoffKeyPrefix(inputs.images, p, ctx.runId),
      handoffKey(inputs.images, p, ctx),
    );
    if (record) {
      const label = `leg ${record.job || record.platform} (attempt ${record.runAttempt})`;
      lookup.found.push({ label, ref: `${inputs.images[0]}@${record.digest}` });
    } else lookup.missing.push(p);
  }
  return lookup;
}

async function fromTags(
  registry: Registry,
  runId: string,
  inputs: Inputs,
  platforms: Platform[],
): Promise<Lookup> {
  // Legs tag <base>-<platform> for each of their tags (bare or full, as metadata-action gives them).
  const bases = [defaultTagBase(runId), ...inputs.tags];
  const lookup: Lookup = { found: [], missing: [] };
  for (const p of platforms) {
    let hit: Source | undefined;
    for (const base of bases) {
      const [ref] = legTags(inputs.images.slice(0, 1), [base], p, runId) as [string];
      // Only "not found" means the leg is missing: a registry that fails to answer must not pass for one.
      let inspected: Inspected | undefined;
      try {
        inspected = await registry.lookup(ref);
      } catch (e) {
        throw new ActionError('merge', `cannot look up the leg ${ref}: ${registryReason(e)}`);
      }
      if (inspected) {
        hit = { label: ref, ref, found: inspected };
        break;
      }
    }
    if (hit) lookup.found.push(hit);
    else lookup.missing.push(p);
  }
  return lookup;
}

/**
 * Where the legs (or the explicit `sources`) are. `auto` reads the Actions cache when it is there and then looks for per-platform tags
 * for whatever it did not find: a leg on the docker driver hands off by tags even where the cache exists.
 */
export async function findSources(
  ctx: RunnerContext,
  registry: Registry,
  inputs: Inputs,
  store: HandoffStore | undefined,
): Promise<Source[]> {
  if (inputs.sources.length)
    return inputs.sources.map((s) => ({ label: s, ref: sourceRef(s, inputs.images) }));
  const platforms = inputs.platforms;
  const useCache =
    inputs.handoff === 'cache' || (inputs.handoff === 'auto' && (store !== undefined || ctx.cacheService));
  const cached: Lookup = useCache
    ? await fromCache(ctx, inputs, platforms, store ?? actionsCacheStore(ctx.workspace))
    : { found: [], missing: platforms };
  const tagged: Lookup =
    inputs.handoff === 'cache'
      ? { found: [], missing: cached.missing }
      : await fromTags(registry, ctx.runId, inputs, cached.missing);
  if (tagged.missing.length) {
    const missing = tagged.missing.map(formatPlatform);
    const where = inputs.handoff === 'auto' ? (useCache ? 'cache or tags' : 'tags') : inputs.handoff;
    throw new ActionError(
      'merge',
      `no leg was handed off (${where}) for ${missing.join(', ')}; check that the matrix built ${missing.length > 1 ? 'them' : 'it'} with mode: build and the same image and handoff — nothing was pushed`,
      'platforms',
    );
  }
  const unique = new Map([...cached.found, ...tagged.found].map((s) => [s.ref, s]));
  return [...unique.values()];
}
