import { appendFile } from 'node:fs/promises';
import type { PhaseTime } from './phases.js';
import { renderGantt, type BuildSpan } from './timeline.js';

/** One platform of the run: where it ended up and how it was built. */
export interface SummaryRow {
  platform: string;
  digest?: string;
  source?: string;
  /** The builder node that built it (builders with several nodes). */
  node?: string;
  emulated?: boolean;
  cached?: number;
  executed?: number;
}

export interface RunSummary {
  title: string;
  outcome: 'success' | 'failure';
  error?: string;
  rows: SummaryRow[];
  tags: string[];
  digest?: string;
  annotations: string[];
  facts: Array<[string, string]>;
  /** A collapsed block after the facts, e.g. the index a dry run would publish. */
  details?: { title: string; body: string; lang: string };
  times: PhaseTime[];
  /** When the step started (epoch ms): the timeline's clock. */
  startedAt?: number;
  /** Each platform's build (and the work they share), from the build record, on the phases' clock. */
  builds?: BuildSpan[];
  /** Why the timeline has no per-platform bars, when it has none. */
  buildsMissing?: string;
}

/**
 * A summary with nothing in it yet, on the clock of `phases` (their times and start) when given; succeeded
 * until a failure is recorded.
 */
export function newSummary(title: string, phases?: { times: PhaseTime[]; startedAt: number }): RunSummary {
  return {
    title,
    outcome: 'success',
    rows: [],
    tags: [],
    annotations: [],
    facts: [],
    times: phases?.times ?? [],
    ...(phases ? { startedAt: phases.startedAt } : {}),
  };
}

const html = (s: string) => s.replace(/</g, '&lt;');
const code = (s: string) => `<code>${html(s)}</code>`;
const short = (digest?: string) => (digest ? code(digest.slice(0, 19)) : '—');

/** One readable table per run: what was published, from where, and where the time went. */
export function renderSummary(s: RunSummary): string {
  const out: string[] = [`### ${s.outcome === 'success' ? '✅' : '❌'} ${s.title}`, ''];
  if (s.error) out.push(`**Failed** — ${html(s.error.replace(/\n/g, ' '))}`, '');
  if (s.rows.length) {
    const withCache = s.rows.some((r) => r.cached !== undefined);
    const withSource = s.rows.some((r) => r.source);
    const withNode = s.rows.some((r) => r.node);
    const head = [
      'Platform',
      'Digest',
      ...(withSource ? ['Source'] : []),
      ...(withNode ? ['Node'] : []),
      'QEMU',
      ...(withCache ? ['Steps cached / run'] : []),
    ];
    out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    for (const r of s.rows) {
      const cells = [
        code(r.platform),
        short(r.digest),
        ...(withSource ? [r.source ? code(r.source) : '—'] : []),
        ...(withNode ? [r.node ? code(r.node) : '—'] : []),
      ];
      // Unknown for explicit sources: nobody recorded how they were built.
      cells.push(r.emulated === undefined ? '—' : r.emulated ? 'emulated' : 'native');
      if (withCache) cells.push(r.cached === undefined ? '—' : `${r.cached} / ${r.executed ?? 0}`);
      out.push(`| ${cells.join(' | ')} |`);
    }
    out.push('');
  }
  if (s.digest) out.push(`**Digest:** ${code(s.digest)}`, '');
  if (s.tags.length) out.push(`**Tags:** ${s.tags.map(code).join(', ')}`, '');
  if (s.annotations.length) out.push(`**Annotations:** ${s.annotations.map(code).join(', ')}`, '');
  for (const [k, v] of s.facts) out.push(`**${k}:** ${v}  `);
  if (s.details) {
    const fence = '```';
    out.push(
      '',
      `<details><summary>${s.details.title}</summary>`,
      '',
      `${fence}${s.details.lang}`,
      s.details.body,
      fence,
      '',
      '</details>',
    );
  }
  if (s.times.length) {
    const total = s.times.reduce((n, t) => n + t.ms, 0);
    out.push(
      '',
      `<sub>${s.times.map((t) => `${t.phase} ${(t.ms / 1000).toFixed(1)} s`).join(' · ')} · total ${(total / 1000).toFixed(1)} s</sub>`,
    );
  }
  const gantt = timeline(s);
  if (gantt) out.push('', gantt);
  if (gantt && s.buildsMissing) out.push(`<sub>No per-platform times: ${html(s.buildsMissing)}</sub>`);
  return out.join('\n') + '\n';
}

/** The gantt of phases and platform builds, or '' (a timeline that cannot be drawn never costs the summary). */
function timeline(s: RunSummary): string {
  if (s.startedAt === undefined) return '';
  try {
    const emulated = s.rows.filter((r) => r.emulated).map((r) => r.platform);
    return renderGantt({ startedAt: s.startedAt, phases: s.times, builds: s.builds ?? [], emulated });
  } catch {
    return '';
  }
}

/** Appends the rendered summary to the job summary file (GITHUB_STEP_SUMMARY), when the runner gives one. */
export async function writeSummary(file: string | undefined, s: RunSummary): Promise<void> {
  if (!file) return;
  await appendFile(file, renderSummary(s));
}
