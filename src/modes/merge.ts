// mode: merge — collect the legs (or sources), check them, publish one annotated OCI index per repository,
// read it back. Nothing is pushed until every check has passed.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setUpBuildx, type Buildx } from '../buildx/buildx.js';
import { ExecError, fullErrorText } from '../exec/exec.js';
import { retry } from '../exec/retry.js';
import type { Inputs } from '../inputs/types.js';
import { formatAnnotation, indexAnnotations, type Annotation } from '../model/annotations.js';
import { formatPlatform } from '../model/platforms.js';
import type { HandoffStore } from '../phases/handoff.js';
import {
  applyOverrides,
  checkPlatformSet,
  mergeAnnotations,
  planCreate,
  platformText,
  type CreatePlan,
} from '../phases/merge-plan.js';
import { findSources, sourceEntries, type Entry, type Source } from '../phases/merge-sources.js';
import { verifyPublished } from '../phases/verify.js';
import { Registry, type Inspected } from '../registry/client.js';
import { errorIsTransient, isNotFound, registryReason } from '../registry/failures.js';
import { isAttestation, sha256 } from '../registry/manifests.js';
import { parseReference } from '../registry/refs.js';
import { resolveTags } from '../registry/tags.js';
import type { RunnerContext } from '../runner/context.js';
import { ActionError } from '../runner/errors.js';
import type { Log } from '../runner/log.js';
import type { Phases } from '../runner/phases.js';
import type { Step } from '../runner/step.js';
import type { RunSummary } from '../runner/summary.js';

/** Index pushes: buildx already retries a failed manifest PUT in 4 rounds; this repeats the whole create. */
export const PUBLISH_RETRY = { attempts: 4, baseMs: 1000 };

/**
 * Collects the legs, checks the platform set, publishes one annotated OCI index per image, verifies it;
 * fills `summary` and the step's outputs. `store` replaces the Actions cache for the handoff records.
 * Throws ActionError; nothing is pushed when a check fails.
 */
export async function merge(
  step: Step,
  inputs: Inputs,
  phases: Phases,
  summary: RunSummary,
  store?: HandoffStore,
): Promise<void> {
  summary.title = 'Multi-platform merge';
  const buildx = await setUpBuildx(step, { version: inputs.buildxVersion, url: inputs.buildxUrl }, phases);
  const registry = new Registry(step, buildx);
  const tags = resolveTags(inputs.images, inputs.tags);

  const { sources, entries } = await phases.run('collect', 'Collecting the legs', () =>
    collect(step.ctx, registry, inputs, store),
  );
  const images = entries.filter((e) => !isAttestation(e.descriptor));
  const platforms = checkPlatformSet(inputs.platforms.map(formatPlatform), images);
  const annotations = indexLevelAnnotations(step.log, inputs.annotations, entries);
  const descriptorFiles = await writeDescriptors(step, entries);
  const plans = planCreate(tags, sources, annotations, descriptorFiles);

  await phases.run('publish', `Publishing ${tags.length} tag(s)`, () => publish(step, buildx, plans));
  const expectedAnnotations = indexAnnotations(annotations);
  const [published] = await phases.run('verify', 'Verifying the registry', () =>
    verifyPublished(registry, { refs: tags, platforms, indexAnnotations: expectedAnnotations }),
  );
  const index = published as Inspected;
  step.outputs.set('digest', index.digest);
  step.outputs.set('tags', tags.join('\n'));
  step.outputs.set('platforms', platforms.join(','));
  step.outputs.set('manifest', index.raw);
  summary.rows = images.map((e) => ({
    platform: e.platform,
    digest: e.descriptor.digest,
    source: e.source.label,
  }));
  summary.digest = index.digest;
  summary.tags = tags;
  summary.annotations = Object.entries(expectedAnnotations).map(([k, v]) => `index:${k}=${v}`);
}

/** The sources and the entries they contribute, overrides applied. Throws ActionError for unused overrides. */
async function collect(
  ctx: RunnerContext,
  registry: Registry,
  inputs: Inputs,
  store: HandoffStore | undefined,
): Promise<{ sources: Source[]; entries: Entry[] }> {
  const sources = await findSources(ctx, registry, inputs, store);
  // Sources are independent registry reads: one at a time would cost a process round trip each.
  const raw = (await Promise.all(sources.map((source) => sourceEntries(registry, source)))).flat();
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
}

/**
 * The annotations the merged index gets, with a notice for moved ones and a warning for dropped ones.
 * Throws ActionError when annotations are asked for but every source is a Docker-format image.
 */
function indexLevelAnnotations(log: Log, asked: Annotation[], entries: Entry[]): Annotation[] {
  const { annotations, moved, dropped } = mergeAnnotations(asked);
  if (moved)
    log.notice(
      `${moved} manifest-level annotation(s) were applied to the index: a merge writes no image manifests`,
    );
  if (dropped.length) log.warning(`Not applicable to a merged index, dropped: ${dropped.join(', ')}`);
  // buildx joins Docker-format manifests into a Docker manifest list, dropping every annotation silently.
  if (
    annotations.length &&
    entries.every((e) => e.descriptor.mediaType.startsWith('application/vnd.docker.'))
  ) {
    const labels = [...new Set(entries.map((e) => e.source.label))];
    throw new ActionError(
      'merge',
      `annotations need an OCI index, but the sources are Docker-format images (${labels.join(', ')}), which buildx joins into a Docker manifest list without annotations; rebuild them with OCI media types (buildx: --output type=image,oci-mediatypes=true; this action's legs always are) or remove the annotations (${annotations.map(formatAnnotation).join(', ')}) — nothing was pushed`,
      'annotations',
    );
  }
  return annotations;
}

/** With an override, each entry becomes a descriptor file (see planCreate); otherwise none is written. */
async function writeDescriptors(step: Step, entries: Entry[]): Promise<string[]> {
  if (!entries.some((e) => e.overridden)) return [];
  // Created only now: a merge that fails before publishing leaves nothing behind, even without post.
  const tempDir = await mkdtemp(join(step.ctx.tempDir, 'multiarch-merge-'));
  step.state.save('tempDir', tempDir);
  const files: string[] = [];
  for (const [i, e] of entries.entries()) {
    const file = join(tempDir, `descriptor-${i}.json`);
    await writeFile(file, JSON.stringify(e.descriptor));
    files.push(file);
  }
  return files;
}

/** Runs each create, retrying transient failures; a failure says where every tag of it points now. */
async function publish(step: Step, buildx: Buildx, plans: CreatePlan[]): Promise<void> {
  for (const plan of plans) {
    try {
      await retry(
        step.exec,
        step.log,
        { ...PUBLISH_RETRY, what: `publishing ${plan.repository}` },
        () => buildx.run(plan.args),
        errorIsTransient,
      );
    } catch (e) {
      const where = await tagStates(buildx, plan.tags, e);
      throw new ActionError(
        'merge',
        `publishing ${plan.repository} failed: ${registryReason(e)}${where ? `; ${where}` : ''}`,
      );
    }
  }
}

const shortDigest = (d: string) => d.slice(0, 19);

/**
 * After a failed publish, where each tag points. An index goes up in one request per tag, so a tag holds
 * either what it held before or the complete new index, never part of one; the message says which.
 */
export async function tagStates(buildx: Buildx, tags: string[], failure: unknown): Promise<string> {
  const pushed = /pushing (sha256:[a-f0-9]{64}) to/.exec(fullErrorText(failure))?.[1];
  const states: string[] = [];
  for (const tag of tags) {
    const argv = ['imagetools', 'inspect', '--raw', tag];
    const r = await buildx.run(argv, { echo: false, allowFailure: true }).catch(() => undefined);
    const name = `:${parseReference(tag)?.tag ?? tag}`;
    if (!r || r.code !== 0) {
      const missing = r && isNotFound(new ExecError(argv, r));
      states.push(`${name} ${missing ? 'does not exist' : 'could not be read'}`);
    } else if (sha256(r.stdout) === pushed) states.push(`${name} has the new index ${shortDigest(pushed)}`);
    else states.push(`${name} still has its previous ${shortDigest(sha256(r.stdout))}`);
  }
  if (!states.length) return '';
  return `tags now: ${states.join(', ')} (a tag holds its previous index or the complete new one, never a partial index; re-run the merge to update the rest)`;
}
