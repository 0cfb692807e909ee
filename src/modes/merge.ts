// mode: merge — collect the legs (or sources) and prove them, publish one annotated OCI index per repository,
// read it back, remove the handoff tags. Nothing is pushed until every check has passed; push: false stops
// before pushing and prints the index instead.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setUpBuildx, type Buildx } from '../buildx/buildx.js';
import { ExecError, fullErrorText } from '../exec/exec.js';
import { retry } from '../exec/retry.js';
import type { Inputs } from '../inputs/types.js';
import { formatAnnotation, indexAnnotations, type Annotation } from '../model/annotations.js';
import { formatPlatform } from '../model/platforms.js';
import { legLabel, type HandoffStore } from '../phases/handoff.js';
import { dryRun, removeHandoffTags, reportDryRun } from '../phases/merge-finish.js';
import { checkPushAccess } from '../phases/push-access.js';
import { findCandidates, proveLegs, type Leg } from '../phases/merge-legs.js';
import {
  applyOverrides,
  checkPlatformSet,
  mergeAnnotations,
  planCreate,
  planDryRun,
  platformText,
  type CreatePlan,
} from '../phases/merge-plan.js';
import { explicitSources, legSources, type Contribution, type Entry } from '../phases/merge-sources.js';
import { registryApi, type RegistryApi } from '../registry/api.js';
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

/** What replaces the real services in tests: the Actions cache (handoff records) and the registry's HTTP API. */
export interface MergeSeams {
  store?: HandoffStore;
  api?: RegistryApi;
}

/**
 * Collects the legs (proving them of this run, variant and configuration) or the sources, checks the
 * platform set, publishes one annotated OCI index per image, verifies it, removes the handoff tags; with
 * push: false, a dry run that prints the index instead. Fills `summary` and the step's outputs. Throws
 * ActionError; nothing is pushed when a check fails.
 */
export async function merge(
  step: Step,
  inputs: Inputs,
  phases: Phases,
  summary: RunSummary,
  seams: MergeSeams = {},
): Promise<void> {
  const dry = !inputs.push;
  summary.title = dry ? 'Multi-platform merge — dry run' : 'Multi-platform merge';
  const buildx = await setUpBuildx(step, { version: inputs.buildxVersion, url: inputs.buildxUrl }, phases);
  const registry = new Registry(step, buildx);
  const api = seams.api ?? registryApi(step);
  const tags = resolveTags(inputs.images, inputs.tags);
  if (inputs.variant) summary.facts.push(['Variant', `<code>${inputs.variant}</code>`]);

  const collected = await phases.run('collect', 'Collecting the legs', () =>
    collect(step.ctx, registry, api, inputs, seams.store, dry),
  );
  if (!collected.contribution) {
    // A dry run whose legs pushed nothing: their records (if any) are all there is to check.
    summary.rows = collected.legs.flatMap((l) =>
      l.platforms.map((p) => ({
        platform: p,
        digest: l.record.digest,
        source: legLabel(l.record),
        emulated: l.record.emulated.includes(p),
      })),
    );
    const why = collected.legs.length
      ? 'the legs ran with push: false, so nothing is in the registry to show'
      : 'no leg of this run was handed off (legs with push: false hand off nothing through tags), so there is nothing to check beyond the inputs';
    return reportDryRun(step, { why }, tags, summary);
  }
  const { sources, entries, partial } = collected.contribution;
  const images = entries.filter((e) => !isAttestation(e.descriptor));
  const platforms = checkPlatformSet(inputs.platforms.map(formatPlatform), images, {
    sources: inputs.sources.length > 0,
    overridden: inputs.platformOverrides.length > 0,
  });
  const annotations = indexLevelAnnotations(step.log, inputs.annotations, entries);
  const descriptorFiles =
    partial || entries.some((e) => e.overridden) ? await writeDescriptors(step, entries) : [];
  const plans = planCreate(tags, sources, annotations, descriptorFiles, entries);
  const emulated = new Map(
    collected.legs.flatMap((l) => l.platforms.map((p) => [p, l.record.emulated.includes(p)])),
  );
  summary.rows = images.map((e) => ({
    platform: e.platform,
    digest: e.descriptor.digest,
    source: e.source.label,
    emulated: emulated.get(e.platform),
  }));
  step.outputs.set('platforms', platforms.join(','));
  summary.tags = dry ? [] : tags;
  summary.annotations = annotations.map(formatAnnotation);
  if (dry) {
    const [plan] = plans as [CreatePlan];
    const result = await phases.run('publish', 'Dry run: the index that would be published', () =>
      dryRun(
        step,
        buildx,
        planDryRun(plan, sources),
        'its sources come from several repositories and would be copied first',
      ),
    );
    return reportDryRun(step, result, tags, summary);
  }

  await phases.run('publish', `Publishing ${tags.length} tag(s)`, async () => {
    // imagetools runs here: an address that does not answer here is not one it can push to.
    await checkPushAccess(step, api, tags, { phase: 'merge', fromHere: true });
    await publish(step, buildx, plans);
  });
  const expectedAnnotations = indexAnnotations(annotations);
  const [published] = await phases.run('verify', 'Verifying the registry', () =>
    verifyPublished(registry, { refs: tags, platforms, indexAnnotations: expectedAnnotations }),
  );
  const index = published as Inspected;
  step.outputs.set('digest', index.digest);
  step.outputs.set('tags', tags.join('\n'));
  step.outputs.set('manifest', index.raw);
  summary.digest = index.digest;
  summary.annotations = Object.entries(expectedAnnotations).map(([k, v]) => `index:${k}=${v}`);
  await phases.run('cleanup', 'Removing the handoff tags', () =>
    removeHandoffTags(step, api, collected.legs, summary),
  );
}

interface Collected {
  legs: Leg[];
  /** What the sources contribute; undefined in a dry run whose legs pushed nothing. */
  contribution?: Contribution;
}

/** The legs (proven) or the explicit sources, and what they contribute, overrides applied. Throws ActionError. */
async function collect(
  ctx: RunnerContext,
  registry: Registry,
  api: RegistryApi,
  inputs: Inputs,
  store: HandoffStore | undefined,
  dry: boolean,
): Promise<Collected> {
  let legs: Leg[] = [];
  let raw: Contribution;
  if (inputs.sources.length) raw = await explicitSources(registry, inputs);
  else {
    legs = proveLegs(ctx, inputs, await findCandidates(ctx, registry, api, inputs, store), dry);
    if (!legs.length || legs.some((l) => !l.record.pushed)) return { legs };
    raw = await legSources(registry, inputs, legs);
  }
  const { entries, unused } = applyOverrides(raw.entries, inputs.platformOverrides);
  if (unused.length) {
    const present = [
      ...new Set(
        raw.entries.filter((e) => !isAttestation(e.descriptor)).map((e) => platformText(e.descriptor)),
      ),
    ];
    throw new ActionError(
      'merge',
      `platform-overrides ${unused.join(', ')} match no entry (the sources hold ${present.join(', ')}); fix or remove them — nothing was pushed`,
      'platform-overrides',
    );
  }
  return { legs, contribution: { ...raw, entries } };
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

/** Each entry as a descriptor file (see planCreate), in a temp dir post removes. */
async function writeDescriptors(step: Step, entries: Entry[]): Promise<string[]> {
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

/**
 * Runs each plan: its copies (by digest, no tag), then its create, retrying transient failures; a failure
 * says where every tag of the plan points now.
 */
async function publish(step: Step, buildx: Buildx, plans: CreatePlan[]): Promise<void> {
  for (const plan of plans) {
    const steps = [
      ...plan.copies.map((c) => ({ what: `copying ${c.from} into ${plan.repository}`, args: c.args })),
      { what: `publishing ${plan.repository}`, args: plan.args },
    ];
    for (const { what, args } of steps) {
      try {
        await retry(
          step.exec,
          step.log,
          { ...PUBLISH_RETRY, what },
          () => buildx.run(args),
          (e) => errorIsTransient(e) || copyRace(e),
        );
      } catch (e) {
        const where = await tagStates(buildx, plan.tags, e);
        throw new ActionError('merge', `${what} failed: ${registryReason(e)}${where ? `; ${where}` : ''}`);
      }
    }
  }
}

/**
 * imagetools copying one manifest into another repository from two of its goroutines at once (one per tag)
 * can have the registry refuse one PUT by digest with 400: seen under load, passing on the next try. A PUT by
 * digest changes no tag, so the create is simply run again.
 */
export const copyRace = (e: unknown): boolean =>
  /failed commit on ref "(manifest|index)-sha256:[0-9a-f]{64}": unexpected status from PUT request to \S+\/manifests\/sha256:[0-9a-f]{64}: 400\b/.test(
    fullErrorText(e),
  );

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
