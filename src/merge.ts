import * as core from '@actions/core';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setUpBuildx } from './buildx.js';
import { ActionError } from './errors.js';
import { exec, retry, type ExecResult } from './exec.js';
import type { HandoffStore } from './handoff.js';
import { annotationTypes, formatAnnotation, type Annotation, type Inputs } from './inputs.js';
import {
  diffPlatforms,
  sha256,
  isAttestation,
  isNotFound,
  registryReason,
  verifyPublished,
  type Descriptor,
  type Inspected,
} from './manifest.js';
import { findSources, sourceEntries, type Entry, type Source } from './merge-sources.js';
import type { Phases } from './phases.js';
import { formatPlatform } from './platforms.js';
import { parseReference } from './refs.js';
import { saveState } from './state.js';
import type { RunSummary } from './summary.js';
import { repositoriesOf, resolveTags } from './tags.js';

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
      states.push(`${name} ${r && isNotFound({ result: r }) ? 'does not exist' : 'could not be read'}`);
    else if (sha256(r.stdout) === pushed) states.push(`${name} has the new index ${shortDigest(pushed)}`);
    else states.push(`${name} still has its previous ${shortDigest(sha256(r.stdout))}`);
  }
  if (!states.length) return '';
  return `tags now: ${states.join(', ')} (a tag holds its previous index or the complete new one, never a partial index; re-run the merge to update the rest)`;
}

/** Collects the legs, checks the platform set, publishes one annotated OCI index per image, verifies it. */
export async function merge(
  inputs: Inputs,
  phases: Phases,
  summary: RunSummary,
  store?: HandoffStore,
): Promise<void> {
  summary.title = 'Multi-platform merge';
  await setUpBuildx(inputs, phases);
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

export { sourceRef, type Entry, type Source } from './merge-sources.js';
