// The ends of a merge: a dry run's report (the index that would be published), and, after a real publish,
// the removal of the handoff tags this run's legs wrote.
import type { Buildx } from '../buildx/buildx.js';
import { retry } from '../exec/retry.js';
import type { RegistryApi } from '../registry/api.js';
import { errorIsTransient, registryReason } from '../registry/failures.js';
import { sha256 } from '../registry/manifests.js';
import { ActionError } from '../runner/errors.js';
import type { Step } from '../runner/step.js';
import type { RunSummary } from '../runner/summary.js';
import type { Leg } from './merge-legs.js';

const code = (s: string) => `<code>${s}</code>`;

/** What a dry run found out: the index imagetools would publish, when it can be shown. */
export interface DryRun {
  /** The index, exactly as it would be pushed (its digest is the one tags would get), or undefined. */
  index?: string;
  /** Why it cannot be shown, when it cannot. */
  why?: string;
}

/**
 * Prints the index `args` (an `imagetools create --dry-run`) produces, without pushing anything. Undefined
 * `args`: nothing can be shown (sources that must be copied first). Throws ActionError (phase merge).
 */
export async function dryRun(
  step: Step,
  buildx: Buildx,
  args: string[] | undefined,
  why: string,
): Promise<DryRun> {
  if (!args) return { why };
  try {
    const { stdout } = await retry(
      step.exec,
      step.log,
      { attempts: 4, baseMs: 1000, what: 'the dry run' },
      () => buildx.run(args, { echo: false }),
      errorIsTransient,
    );
    return { index: stdout.replace(/\n$/, '') };
  } catch (e) {
    throw new ActionError('merge', `the dry run (imagetools create --dry-run) failed: ${registryReason(e)}`);
  }
}

/** Outputs and summary of a dry run: nothing pushed, the index that would be, the tags it would get. */
export function reportDryRun(step: Step, result: DryRun, tags: string[], summary: RunSummary): void {
  const { outputs, log } = step;
  outputs.set('tags', '');
  outputs.set('digest', result.index ? sha256(result.index) : '');
  outputs.set('manifest', result.index ?? '');
  summary.digest = result.index ? sha256(result.index) : undefined;
  const would = tags.map(code).join(', ');
  summary.facts.push([
    'Dry run',
    `push: false — nothing was pushed; a merge with push would publish ${would}`,
  ]);
  if (result.index) {
    log.info(
      `Dry run (push: false): the index ${sha256(result.index)} would be published to ${tags.join(', ')}:`,
    );
    log.info(result.index);
    summary.details = { title: 'The index that would be published', body: result.index, lang: 'json' };
  } else {
    log.notice(`Dry run (push: false): nothing was pushed; the index cannot be shown: ${result.why}`);
    summary.facts.push(['Index', result.why ?? '']);
  }
}

/**
 * After a successful publish: deletes the handoff tags the legs wrote (by tag, never by digest: the digest
 * is the leg's record, which nothing published references, but the rule stays simple and safe). A registry
 * that refuses (distribution 2.x answers 400, OCI 1.1 allows 400/405) leaves them: listed in the summary
 * and a notice. Never fails the merge: the index is published by then.
 */
export async function removeHandoffTags(
  step: Step,
  api: RegistryApi,
  legs: Leg[],
  summary: RunSummary,
): Promise<void> {
  const tags = legs.flatMap((l) => l.tags);
  if (!tags.length) return;
  const results = await Promise.all(
    tags.map(async (t) => ({ ...t, result: await api.deleteTag(t.repository, t.tag) })),
  );
  const deleted = results.filter((r) => r.result.deleted).map((r) => r.tag);
  const left = results.filter((r) => !r.result.deleted);
  if (deleted.length) {
    step.log.info(`Removed the handoff tags: ${deleted.join(', ')}`);
    summary.facts.push(['Handoff tags removed', deleted.map(code).join(', ')]);
  }
  if (left.length) {
    const [first] = left as [(typeof left)[number]];
    const reason = first.result.deleted ? '' : first.result.reason;
    step.log.notice(
      `${left.length} handoff tag(s) left in ${first.repository} (${reason}): ${left.map((r) => r.tag).join(', ')}; remove them with the registry's own tools or a retention policy for run-* tags`,
    );
    summary.facts.push(['Handoff tags left', `${left.map((r) => code(r.tag)).join(', ')} (${reason})`]);
  }
}
