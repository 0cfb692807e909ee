import * as core from '@actions/core';
import { writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionError } from './errors.js';
import { exec, lastLine, retry, type ExecResult } from './exec.js';
import {
  actionsCacheStore,
  defaultTagBase,
  handoffKey,
  handoffKeyPrefix,
  legTags,
  resolveHandoff,
  type HandoffStore,
} from './handoff.js';
import { annotationTypes, formatAnnotation, type Annotation, type Inputs } from './inputs.js';
import {
  descriptorPlatform,
  diffPlatforms,
  inspectRaw,
  isAttestation,
  isIndex,
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
    if (types.includes('manifest') && !keep.includes('index')) {
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

async function findSources(inputs: Inputs, platforms: Platform[], store?: HandoffStore): Promise<Source[]> {
  if (inputs.sources.length)
    return inputs.sources.map((s) => ({ label: s, ref: sourceRef(s, inputs.images) }));
  const mode = resolveHandoff(inputs.handoff, process.env);
  const env = process.env;
  const found: Source[] = [];
  const missing: string[] = [];
  if (mode === 'cache') {
    const cache = store ?? actionsCacheStore();
    for (const p of platforms) {
      const record = await cache.load(
        handoffKeyPrefix(inputs.images, p, env),
        handoffKey(inputs.images, p, env),
      );
      if (record)
        found.push({
          label: `leg ${record.job || record.platform} (attempt ${record.runAttempt})`,
          ref: `${inputs.images[0]}@${record.digest}`,
        });
      else missing.push(formatPlatform(p));
    }
  } else {
    const bases = [defaultTagBase(env), ...inputs.tags.filter((t) => !t.includes(':') && !t.includes('/'))];
    for (const p of platforms) {
      let hit: string | undefined;
      for (const base of bases) {
        const [ref] = legTags(inputs.images.slice(0, 1), [base], p, env);
        const ok = await exec(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref as string], {
          echo: false,
          allowFailure: true,
        });
        if (ok.code === 0) {
          hit = ref;
          break;
        }
      }
      if (hit) found.push({ label: hit, ref: hit });
      else missing.push(formatPlatform(p));
    }
  }
  if (missing.length) {
    throw new ActionError(
      'merge',
      `no leg was handed off (${mode}) for ${missing.join(', ')}; check that the matrix built ${missing.length > 1 ? 'them' : 'it'} with mode: build and the same image and handoff — nothing was pushed`,
      'platforms',
    );
  }
  const unique = new Map(found.map((s) => [s.ref, s]));
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
  const tempDir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'multiarch-merge-'));
  saveState('tempDir', tempDir);
  const tags = resolveTags(inputs.images, inputs.tags);

  const { sources, entries } = await phases.run('collect', 'Collecting the legs', async () => {
    const sources = await findSources(inputs, inputs.platforms, store);
    const inspected: Array<{ source: Source; found: Inspected }> = [];
    for (const source of sources) {
      try {
        inspected.push({ source, found: await inspectRaw(source.ref) });
      } catch (e) {
        const stderr = (e as { result?: ExecResult }).result?.stderr;
        throw new ActionError(
          'merge',
          `cannot read source ${source.label}: ${stderr ? lastLine(stderr) : (e as Error).message}`,
          'sources',
        );
      }
    }
    const raw: Entry[] = inspected.flatMap(({ source, found }) =>
      isIndex(found.manifest)
        ? (found.manifest.manifests ?? []).map((descriptor) => ({
            source,
            descriptor,
            platform: descriptorPlatform(descriptor),
            overridden: false,
          }))
        : [
            {
              source,
              descriptor: {
                mediaType: found.manifest.mediaType ?? '',
                digest: found.digest,
                size: found.raw.length,
              },
              platform: 'unknown',
              overridden: false,
            },
          ],
    );
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

  const descriptorFiles: string[] = [];
  if (entries.some((e) => e.overridden)) {
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
        await retry({ attempts: 4, baseMs: 1000, what: `publishing ${plan.repository}` }, () =>
          exec(plan.argv),
        );
      } catch (e) {
        const stderr = (e as { result?: ExecResult }).result?.stderr;
        throw new ActionError(
          'merge',
          `publishing ${plan.repository} failed: ${stderr ? lastLine(stderr) : (e as Error).message}`,
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
