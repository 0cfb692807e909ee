// What a merge's sources contribute to the index: explicit references whole, the legs' indexes in part
// (the platforms the merge takes from each, with their attestations).
import type { Inputs } from '../inputs/types.js';
import type { Inspected, Registry } from '../registry/client.js';
import { registryReason } from '../registry/failures.js';
import { descriptorPlatform, isAttestation, isIndex, type Descriptor } from '../registry/manifests.js';
import { isDigest, parseReference } from '../registry/refs.js';
import { ActionError } from '../runner/errors.js';
import { legLabel } from './handoff.js';
import type { Leg } from './merge-legs.js';

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
    // Kept: planning needs the source's digest and kind (index or manifest) to copy it between repositories.
    source.found = found;
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

/** What a set of sources contributes: its entries, and whether some source is used only in part. */
export interface Contribution {
  sources: Source[];
  entries: Entry[];
  /** Some source contributes only part of its index (a leg built more platforms than the merge takes). */
  partial: boolean;
}

/** The explicit `sources`: each contributes its whole index (or its one manifest). */
export async function explicitSources(registry: Registry, inputs: Inputs): Promise<Contribution> {
  const sources = inputs.sources.map((s) => ({ label: s, ref: sourceRef(s, inputs.images) }));
  // Sources are independent registry reads: one at a time would cost a process round trip each.
  const entries = (await Promise.all(sources.map((source) => sourceEntries(registry, source)))).flat();
  return { sources, entries, partial: false };
}

const referenced = (d: Descriptor) => d.annotations?.['vnd.docker.reference.digest'];

/**
 * The entries the legs contribute: out of each leg's index, the image manifest of each platform the merge
 * takes from it, and the attestation manifests that refer to those (vnd.docker.reference.digest). Throws
 * ActionError when a leg's image does not hold a platform its record names.
 */
export async function legSources(registry: Registry, inputs: Inputs, legs: Leg[]): Promise<Contribution> {
  const repository = inputs.images[0] as string;
  const picked = await Promise.all(
    legs.map(async (leg) => {
      const source: Source = { label: legLabel(leg.record), ref: `${repository}@${leg.record.digest}` };
      const all = await sourceEntries(registry, source);
      const images = all.filter((e) => !isAttestation(e.descriptor) && leg.platforms.includes(e.platform));
      const absent = leg.platforms.filter((p) => !images.some((e) => e.platform === p));
      if (absent.length) {
        const holds = all.filter((e) => !isAttestation(e.descriptor)).map((e) => e.platform);
        throw new ActionError(
          'merge',
          `${source.label} recorded ${absent.join(', ')}, but ${source.ref} holds ${holds.join(', ') || 'no platform'} — nothing was pushed`,
        );
      }
      const digests = new Set(images.map((e) => e.descriptor.digest));
      const attestations = all.filter(
        (e) => isAttestation(e.descriptor) && digests.has(referenced(e.descriptor) ?? ''),
      );
      const entries = [...images, ...attestations];
      return { source, entries, partial: entries.length < all.length };
    }),
  );
  return {
    sources: picked.map((p) => p.source),
    entries: picked.flatMap((p) => p.entries),
    partial: picked.some((p) => p.partial),
  };
}
