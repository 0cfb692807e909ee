// What a merge will publish, decided before anything is pushed: the entries (with platform overrides), the
// platform set check, the index annotations and one `imagetools create` per repository. Pure.
import type { Inputs } from '../inputs/types.js';
import { formatAnnotation, levelsOf, type Annotation } from '../model/annotations.js';
import { formatPlatform } from '../model/platforms.js';
import { diffPlatforms, isAttestation, type Descriptor } from '../registry/manifests.js';
import { parseReference, sameRepository } from '../registry/refs.js';
import { repositoriesOf } from '../registry/tags.js';
import { ActionError } from '../runner/errors.js';
import type { Entry, Source } from './merge-sources.js';

/** The platform exactly as an index entry writes it (linux/arm stays linux/arm). */
export const platformText = (d: Descriptor): string =>
  d.platform ? [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/') : '';

/**
 * Rewrites the platform of entries an override matches (exactly as written in the index: linux/arm is not
 * linux/arm/v7). Returns the entries and the overrides that matched nothing.
 */
export function applyOverrides(
  entries: Entry[],
  overrides: Inputs['platformOverrides'],
): { entries: Entry[]; unused: string[] } {
  const used = new Set<number>();
  const out = entries.map((entry) => {
    const i = overrides.findIndex((o) => formatPlatform(o.from) === platformText(entry.descriptor));
    const rule = overrides[i];
    if (!rule || isAttestation(entry.descriptor)) return entry;
    used.add(i);
    const { os, arch: architecture, variant } = rule.to;
    const platform = { ...entry.descriptor.platform, os, architecture, ...(variant ? { variant } : {}) };
    if (!variant) delete platform.variant;
    return {
      ...entry,
      descriptor: { ...entry.descriptor, platform },
      platform: formatPlatform(rule.to),
      overridden: true,
    };
  });
  const unused = overrides
    .filter((_, i) => !used.has(i))
    .map((o) => `${formatPlatform(o.from)}=${formatPlatform(o.to)}`);
  return { entries: out, unused };
}

/** Where a merge's entries came from, for its messages: `sources`, or the legs; and whether overrides applied. */
export interface EntryOrigin {
  sources: boolean;
  overridden: boolean;
}

/**
 * The platforms the merge publishes (`expected`, or what the sources hold when platforms is unset), after
 * checking the image entries against them. Throws ActionError (merge, input platforms) on any difference,
 * saying where the entries came from (`origin`) and how to make them match.
 */
export function checkPlatformSet(
  expected: string[],
  images: Entry[],
  origin: EntryOrigin = { sources: true, overridden: false },
): string[] {
  const actual = images.map((e) => e.platform);
  const want = expected.length ? expected : [...new Set(actual)];
  const { missing, extra, duplicate } = diffPlatforms(want, actual);
  if (!missing.length && !extra.length && !duplicate.length) return want;
  const parts = [
    missing.length ? `missing ${missing.join(', ')}` : '',
    extra.length ? `not in platforms: ${extra.join(', ')}` : '',
    duplicate.length ? `more than one source for ${duplicate.join(', ')}` : '',
  ].filter(Boolean);
  const what = `${origin.sources ? 'the sources' : "the legs' platforms"}${origin.overridden ? ' after platform-overrides' : ''}`;
  const fix =
    extra.length && origin.sources
      ? '; leave platforms unset to publish every platform of the sources, or give one source per platform (repo@sha256:…)'
      : origin.overridden
        ? '; check platform-overrides against the platforms the legs built'
        : '';
  throw new ActionError(
    'merge',
    `${what} do not match platforms (${parts.join('; ')})${fix}; nothing was pushed`,
    'platforms',
  );
}

export interface MergeAnnotations {
  /** What imagetools create writes: index and manifest-descriptor levels only. */
  annotations: Annotation[];
  /** manifest-level annotations moved to the index (a merge writes no image manifests). */
  moved: number;
  /** Annotations that cannot apply to a merged index (formatted, for a warning). */
  dropped: string[];
}

/** Index annotations for imagetools: metadata-action's manifest: level moves to the index. */
export function mergeAnnotations(annotations: Annotation[]): MergeAnnotations {
  const out: Annotation[] = [];
  let moved = 0;
  const dropped: string[] = [];
  for (const a of annotations) {
    const levels = levelsOf(a);
    const keep = levels.filter((t) => t === 'index' || t === 'manifest-descriptor');
    // A platform-selected manifest annotation has no meaning on the whole index: dropped, with a warning.
    if (levels.includes('manifest') && !keep.includes('index') && !a.selector) {
      keep.push('index');
      moved++;
    }
    if (!keep.length) dropped.push(formatAnnotation(a));
    else out.push({ ...a, levels: keep });
  }
  return { annotations: out, moved, dropped };
}

/** Copying a source into a repository by digest, tag-less: what an index there may reference. */
export interface Copy {
  /** `<source repository>@<digest>` */
  from: string;
  /** `<target repository>@<digest>` */
  to: string;
  /** `buildx` arguments of the `imagetools create` that copies it (a carbon copy, so the digest stays). */
  args: string[];
}

export interface CreatePlan {
  repository: string;
  tags: string[];
  /** What must be copied into `repository` first: descriptor sources are read from the target repository. */
  copies: Copy[];
  /** `buildx` arguments of the `imagetools create` that publishes this repository's tags. */
  args: string[];
}

/**
 * One `imagetools create` per repository. Sources go as references when each is used whole and nothing is
 * overridden (imagetools copies them across repositories itself, and a single index is published as is).
 * Otherwise every entry goes as a descriptor file (platform rewritten, part of a leg's index, attestations
 * and annotations kept): imagetools reads those from the target repository, so each entry from elsewhere is
 * first copied there by digest (`--tag <repository>@<digest>`: no tag is created). Entries are copied one
 * by one, as single manifests: an index copied whole is re-serialised by imagetools (another digest).
 */
export function planCreate(
  tags: string[],
  sources: Source[],
  annotations: Annotation[],
  descriptorFiles: string[],
  entries: Entry[] = [],
): CreatePlan[] {
  const unique = [...new Map(sources.map((s) => [s.found?.digest ?? s.ref, s])).values()];
  return repositoriesOf(tags).map((repository) => {
    const repoTags = tags.filter((t) => sameRepository(t, repository));
    const args = ['imagetools', 'create', '--progress', 'plain'];
    for (const a of annotations) args.push('--annotation', formatAnnotation(a));
    for (const t of repoTags) args.push('--tag', t);
    const copies = new Map<string, Copy>();
    if (descriptorFiles.length) {
      for (const file of descriptorFiles) args.push('--file', file);
      for (const { source, descriptor } of entries) {
        const from = parseReference(source.ref)?.repository;
        if (!from || sameRepository(from, repository)) continue;
        const to = `${repository}@${descriptor.digest}`;
        // A single manifest stays as it is (no wrapping index, which would have another digest).
        const copy = ['imagetools', 'create', '--progress', 'plain', '--prefer-index=false', '--tag', to];
        copies.set(to, {
          from: `${from}@${descriptor.digest}`,
          to,
          args: [...copy, `${from}@${descriptor.digest}`],
        });
      }
    } else args.push(...unique.map((s) => s.ref));
    return { repository, tags: repoTags, copies: [...copies.values()], args };
  });
}

/**
 * The `imagetools create --dry-run` that prints the index a plan publishes (the same for every repository:
 * an index does not name its repository). Descriptor files are read from one repository, so when they come
 * from another, the dry run reads them there. Undefined when the sources span several repositories and must
 * be copied first (nothing can be copied in a dry run).
 */
export function planDryRun(plan: CreatePlan, sources: Source[]): string[] | undefined {
  if (!plan.copies.length) return [...plan.args, '--dry-run'];
  const repositories = new Set(sources.map((s) => parseReference(s.ref)?.repository));
  if (repositories.size !== 1) return undefined;
  const [repository] = [...repositories] as [string];
  const args: string[] = [];
  for (let i = 0; i < plan.args.length; i++) {
    if (plan.args[i] === '--tag') i++;
    else args.push(plan.args[i] as string);
  }
  args.splice(4, 0, '--tag', `${repository}:dry-run`);
  return [...args, '--dry-run'];
}
