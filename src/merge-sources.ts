// Where a merge's sources are: explicit references, the legs' Actions cache records, or their per-platform
// tags; and the index entries each contributes.
import { ghaAvailable } from './cache.js';
import { ActionError } from './errors.js';
import {
  actionsCacheStore,
  defaultTagBase,
  handoffKey,
  handoffKeyPrefix,
  legTags,
  type HandoffStore,
} from './handoff.js';
import type { Inputs } from './inputs.js';
import {
  descriptorPlatform,
  inspectRaw,
  isIndex,
  lookupRaw,
  manifestPlatform,
  registryReason,
  type Descriptor,
  type Inspected,
} from './manifest.js';
import { formatPlatform, type Platform } from './platforms.js';
import { isDigest, parseReference } from './refs.js';

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

/** The index entries a source contributes (a single manifest becomes one entry, its platform from its config). */
export async function sourceEntries(source: Source): Promise<Entry[]> {
  try {
    const found = source.found ?? (await inspectRaw(source.ref));
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
      platform: await manifestPlatform(`${parseReference(source.ref)?.repository}@${found.digest}`),
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

async function fromCache(inputs: Inputs, platforms: Platform[], store?: HandoffStore): Promise<Lookup> {
  const cache = store ?? actionsCacheStore();
  const env = process.env;
  const lookup: Lookup = { found: [], missing: [] };
  for (const p of platforms) {
    const record = await cache.load(
      handoffKeyPrefix(inputs.images, p, env),
      handoffKey(inputs.images, p, env),
    );
    if (record) {
      const label = `leg ${record.job || record.platform} (attempt ${record.runAttempt})`;
      lookup.found.push({ label, ref: `${inputs.images[0]}@${record.digest}` });
    } else lookup.missing.push(p);
  }
  return lookup;
}

async function fromTags(inputs: Inputs, platforms: Platform[]): Promise<Lookup> {
  // Legs tag <base>-<platform> for each of their tags (bare or full, as metadata-action gives them).
  const bases = [defaultTagBase(process.env), ...inputs.tags];
  const lookup: Lookup = { found: [], missing: [] };
  for (const p of platforms) {
    let hit: Source | undefined;
    for (const base of bases) {
      const [ref] = legTags(inputs.images.slice(0, 1), [base], p, process.env) as [string];
      // Only "not found" means the leg is missing: a registry that fails to answer must not pass for one.
      let inspected: Inspected | undefined;
      try {
        inspected = await lookupRaw(ref);
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
 * Where the legs are. `auto` reads the Actions cache when it is there and then looks for per-platform tags
 * for whatever it did not find: a leg on the docker driver hands off by tags even where the cache exists.
 */
export async function findSources(
  inputs: Inputs,
  platforms: Platform[],
  store?: HandoffStore,
): Promise<Source[]> {
  if (inputs.sources.length)
    return inputs.sources.map((s) => ({ label: s, ref: sourceRef(s, inputs.images) }));
  const useCache =
    inputs.handoff === 'cache' ||
    (inputs.handoff === 'auto' && (store !== undefined || ghaAvailable(process.env)));
  const cached: Lookup = useCache
    ? await fromCache(inputs, platforms, store)
    : { found: [], missing: platforms };
  const tagged: Lookup =
    inputs.handoff === 'cache'
      ? { found: [], missing: cached.missing }
      : await fromTags(inputs, cached.missing);
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
