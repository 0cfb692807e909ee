import * as core from '@actions/core';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ghaAvailable } from './cache.js';
import { ActionError } from './errors.js';
import { exec, retry, type ExecResult } from './exec.js';
import {
  actionsCacheStore,
  defaultTagBase,
  handoffKey,
  handoffKeyPrefix,
  legTags,
  type HandoffStore,
} from './handoff.js';
import { annotationTypes, formatAnnotation, type Annotation, type Inputs } from './inputs.js';
import {
  descriptorPlatform,
  diffPlatforms,
  sha256,
  inspectRaw,
  isAttestation,
  isIndex,
  lookupRaw,
  manifestPlatform,
  registryReason,
  verifyPublished,
  type Descriptor,
  type Inspected,
} from './manifest.js';
import type { Phases } from './phases.js';
import { formatPlatform, type Platform } from './platforms.js';
import { parseReference, isDigest } from './refs.js';
import { saveState } from './state.js';
import type { RunSummary } from './summary.js';
import { repositoriesOf, resolveTags } from './tags.js';

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

const platformText = (d: Descriptor) =>
  d.platform ? [d.platform.os, d.platform.architecture, d.platform.variant].filter(Boolean).join('/') : '';

/** Overrides match a platform exactly as written in the index (linux/arm is not linux/arm/v7). */
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

/** Index annotations for imagetools: metadata-action's manifest: level moves to the index. */
export function mergeAnnotations(annotations: Annotation[]): {
  args: string[];
  moved: number;
  dropped: string[];
} {
  const args: string[] = [];
  let moved = 0;
  const dropped: string[] = [];
  for (const a of annotations) {
    const types = annotationTypes(a);
    const keep = types.filter((t) => t === 'index' || t === 'manifest-descriptor');
    // A platform-selected manifest annotation has no meaning on the whole index: dropped, with a warning.
    if (types.includes('manifest') && !keep.includes('index') && !a.selector) {
      keep.push('index');
      moved++;
    }
    if (!keep.length) {
      dropped.push(formatAnnotation(a));
      continue;
    }
    args.push(formatAnnotation({ ...a, types: keep }));
  }
  return { args: args.flatMap((v) => ['--annotation', v]), moved, dropped };
}

export interface CreatePlan {
  repository: string;
  tags: string[];
  argv: string[];
}

/**
 * One `imagetools create` per repository. With an override, every entry goes as a descriptor file (its
 * platform rewritten, attestations and annotations kept): buildx cannot mix those with reference sources.
 */
export function planCreate(
  tags: string[],
  sources: Source[],
  annotationArgs: string[],
  descriptorFiles: string[],
): CreatePlan[] {
  return repositoriesOf(tags).map((repository) => {
    const repoTags = tags.filter((t) => parseReference(t)?.repository === repository);
    const argv = ['docker', 'buildx', 'imagetools', 'create', '--progress', 'plain', ...annotationArgs];
    for (const t of repoTags) argv.push('--tag', t);
    if (descriptorFiles.length) for (const file of descriptorFiles) argv.push('--file', file);
    else argv.push(...sources.map((s) => s.ref));
    return { repository, tags: repoTags, argv };
  });
}

/** Index pushes: buildx already retries a failed manifest PUT in 4 rounds; this repeats the whole create. */
export const PUBLISH_RETRY = { attempts: 4, baseMs: 1000 };

const shortDigest = (d: string) => d.slice(0, 19);

/**
 * After a failed publish, where each tag points. An index goes up in one request per tag, so a tag holds
 * either what it held before or the complete new index, never part of one; the message says which.
 */
export async function tagStates(tags: string[], failure: unknown): Promise<string> {
  const out = (failure as { result?: ExecResult }).result;
  const pushed = /pushing (sha256:[a-f0-9]{64}) to/.exec(`${out?.stderr ?? ''}\n${out?.stdout ?? ''}`)?.[1];
  const states: string[] = [];
  for (const tag of tags) {
    const r = await exec(['docker', 'buildx', 'imagetools', 'inspect', '--raw', tag], {
      echo: false,
      allowFailure: true,
    }).catch(() => undefined);
    const name = `:${parseReference(tag)?.tag ?? tag}`;
    if (!r || r.code !== 0)
      states.push(
        `${name} ${r && /: not found\s*$/m.test(r.stderr) ? 'does not exist' : 'could not be read'}`,
      );
    else if (sha256(r.stdout) === pushed) states.push(`${name} has the new index ${shortDigest(pushed)}`);
    else states.push(`${name} still has its previous ${shortDigest(sha256(r.stdout))}`);
  }
  if (!states.length) return '';
  return `tags now: ${states.join(', ')} (a tag holds its previous index or the complete new one, never a partial index; re-run the merge to update the rest)`;
}

/** The index entries a source contributes (a single manifest becomes one entry, its platform from its config). */
async function sourceEntries(source: Source): Promise<Entry[]> {
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
async function findSources(inputs: Inputs, platforms: Platform[], store?: HandoffStore): Promise<Source[]> {
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

/** Collects the legs, checks the platform set, publishes one annotated OCI index per image, verifies it. */
export async function merge(
  inputs: Inputs,
  phases: Phases,
  summary: RunSummary,
  store?: HandoffStore,
): Promise<void> {
  summary.title = 'Multi-platform merge';
  const tags = resolveTags(inputs.images, inputs.tags);

  const { sources, entries } = await phases.run('collect', 'Collecting the legs', async () => {
    const sources = await findSources(inputs, inputs.platforms, store);
    // Sources are independent registry reads: one at a time would cost a process round trip each.
    const raw = (await Promise.all(sources.map((source) => sourceEntries(source)))).flat();
    const { entries, unused } = applyOverrides(raw, inputs.platformOverrides);
    if (unused.length) {
      const present = [
        ...new Set(raw.filter((e) => !isAttestation(e.descriptor)).map((e) => platformText(e.descriptor))),
      ];
      throw new ActionError(
        'merge',
        `platform-overrides ${unused.join(', ')} match no entry (the sources hold ${present.join(', ')}); fix or remove them — nothing was pushed`,
        'platform-overrides',
      );
    }
    return { sources, entries };
  });

  const images = entries.filter((e) => !isAttestation(e.descriptor));
  const actual = images.map((e) => e.platform);
  const expected = inputs.platforms.length ? inputs.platforms.map(formatPlatform) : [...new Set(actual)];
  const { missing, extra, duplicate } = diffPlatforms(expected, actual);
  if (missing.length || extra.length || duplicate.length) {
    const parts = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      extra.length ? `not in platforms: ${extra.join(', ')}` : '',
      duplicate.length ? `more than one source for ${duplicate.join(', ')}` : '',
    ].filter(Boolean);
    throw new ActionError(
      'merge',
      `the sources do not match platforms (${parts.join('; ')}); nothing was pushed`,
      'platforms',
    );
  }

  const annotations = mergeAnnotations(inputs.annotations);
  if (annotations.moved)
    core.notice(
      `${annotations.moved} manifest-level annotation(s) were applied to the index: a merge writes no image manifests`,
    );
  if (annotations.dropped.length)
    core.warning(`Not applicable to a merged index, dropped: ${annotations.dropped.join(', ')}`);

  // buildx joins Docker-format manifests into a Docker manifest list, dropping every annotation silently.
  if (
    annotations.args.length &&
    entries.every((e) => e.descriptor.mediaType.startsWith('application/vnd.docker.'))
  ) {
    const labels = [...new Set(entries.map((e) => e.source.label))];
    throw new ActionError(
      'merge',
      `annotations need an OCI index, but the sources are Docker-format images (${labels.join(', ')}), which buildx joins into a Docker manifest list without annotations; rebuild them with OCI media types (buildx: --output type=image,oci-mediatypes=true; this action's legs always are) or remove the annotations — nothing was pushed`,
      'annotations',
    );
  }

  const descriptorFiles: string[] = [];
  if (entries.some((e) => e.overridden)) {
    // Created only now: a merge that fails before publishing leaves nothing behind, even without post.
    const tempDir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'multiarch-merge-'));
    saveState('tempDir', tempDir);
    for (const [i, e] of entries.entries()) {
      const file = join(tempDir, `descriptor-${i}.json`);
      await writeFile(file, JSON.stringify(e.descriptor));
      descriptorFiles.push(file);
    }
  }
  const plans = planCreate(tags, sources, annotations.args, descriptorFiles);

  await phases.run('publish', `Publishing ${tags.length} tag(s)`, async () => {
    for (const plan of plans) {
      try {
        await retry({ ...PUBLISH_RETRY, what: `publishing ${plan.repository}` }, () => exec(plan.argv));
      } catch (e) {
        const where = await tagStates(plan.tags, e);
        throw new ActionError(
          'merge',
          `publishing ${plan.repository} failed: ${registryReason(e)}${where ? `; ${where}` : ''}`,
        );
      }
    }
  });

  const indexAnnotations = Object.fromEntries(
    annotations.args
      .filter((a, i) => i % 2 === 1 && a.startsWith('index'))
      .map((a) => {
        const kv = a.slice(a.indexOf(':') + 1);
        return [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
      }),
  );
  const published = await phases.run('verify', 'Verifying the registry', () =>
    verifyPublished({ refs: tags, platforms: expected, indexAnnotations }),
  );
  const first = published[0] as Inspected;
  core.setOutput('digest', first.digest);
  core.setOutput('tags', tags.join('\n'));
  core.setOutput('platforms', expected.join(','));
  core.setOutput('manifest', first.raw);
  const published0 = new Map(
    (first.manifest.manifests ?? []).filter((d) => !isAttestation(d)).map((d) => [d.digest, d]),
  );
  summary.rows = images.map((e) => ({
    platform: e.platform,
    digest: published0.get(e.descriptor.digest)?.digest ?? e.descriptor.digest,
    source: e.source.label,
  }));
  summary.digest = first.digest;
  summary.tags = tags;
  summary.annotations = Object.entries(indexAnnotations).map(([k, v]) => `index:${k}=${v}`);
}
