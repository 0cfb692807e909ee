// The job summary's picture: a Mermaid gantt of the step's phases and of each platform's build. GitHub renders
// ```mermaid blocks in job summaries; where nothing renders them, the block reads as a list of times.
import type { PhaseTime } from './phases.js';

/** One bar of the build: a platform's steps, or work they share (export, cache); ms from the step's start. */
export interface BuildSpan {
  name: string;
  startMs: number;
  ms: number;
}

/** A span as BuildKit's build record times it: epoch milliseconds on the BuildKit host's clock. */
export interface RecordSpan {
  name: string;
  start: number;
  end: number;
}

export interface Timeline {
  /** When the step started, epoch ms: phases and spans count from it. */
  startedAt: number;
  phases: PhaseTime[];
  builds: BuildSpan[];
  /** Platforms built under QEMU: their bars say so. */
  emulated?: string[];
}

/**
 * Places a build record's spans on the step's clock (ms since `startedAt`). A BuildKit elsewhere (a remote
 * node) may keep another clock: spans that do not fit inside the `build` phase that ran them are moved to
 * start with it, keeping their lengths and their order. Returns [] for no spans.
 */
export function alignSpans(spans: RecordSpan[], startedAt: number, build?: PhaseTime): BuildSpan[] {
  if (!spans.length) return [];
  const first = Math.min(...spans.map((s) => s.start));
  const last = Math.max(...spans.map((s) => s.end));
  let shift = -startedAt;
  if (build && (first + shift < build.startMs || last + shift > build.startMs + build.ms))
    shift = build.startMs - first;
  return spans.map((s) => ({
    name: s.name,
    startMs: Math.round(s.start + shift),
    ms: Math.max(0, Math.round(s.end - s.start)),
  }));
}

// Words the gantt lexer takes as statements when a line starts with them (case-insensitively).
const KEYWORD =
  /^(?:gantt|dateformat|axisformat|tickinterval|inclusiveenddates|topaxis|includes|excludes|todaymarker|weekday|weekend|title|section|click|call|href|acc)/i;

/**
 * `text` as a gantt task or section name. The lexer ends a name at `:`, `#`, `;` or a newline, starts a
 * comment at `%%` and a statement at a keyword; those characters (and HTML's) become Mermaid entity codes
 * (`#58;`), which it decodes only after parsing, so the label reads as given.
 */
export function ganttLabel(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim() || '-';
  const escaped = flat.replace(/[#:;%<>&"`\\{}[\]]/g, (c) => `#${c.charCodeAt(0)};`);
  return KEYWORD.test(escaped) ? `#${escaped.charCodeAt(0)};${escaped.slice(1)}` : escaped;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// Axis ticks: the first interval that gives at most 8 of them.
const TICKS: Array<[number, string]> = [
  [1, 'second'],
  [2, 'second'],
  [5, 'second'],
  [10, 'second'],
  [15, 'second'],
  [30, 'second'],
  [60, 'minute'],
  [120, 'minute'],
  [300, 'minute'],
  [600, 'minute'],
  [900, 'minute'],
  [1800, 'minute'],
  [3600, 'hour'],
];

/** The gantt's tickInterval for a timeline `totalMs` long, e.g. `5second`, `2minute`. */
export function tickInterval(totalMs: number): string {
  const [s, unit] = TICKS.find(([s]) => totalMs / (s * 1000) <= 8) ?? [3600 * 6, 'hour'];
  const per = unit === 'second' ? 1 : unit === 'minute' ? 60 : 3600;
  return `${s / per}${unit}`;
}

/**
 * The timeline as a ```mermaid gantt block (with a trailing newline), or '' when there is nothing to draw.
 * Times are wall-clock (dateFormat x, epoch ms), so the axis reads as the run's clock time in the reader's
 * time zone; a zero-length phase stays zero-length (Mermaid draws its label).
 */
export function renderGantt(t: Timeline): string {
  if (!t.phases.length && !t.builds.length) return '';
  const bars = [...t.phases.map((p) => ({ startMs: p.startMs, ms: p.ms })), ...t.builds];
  const end = Math.max(...bars.map((b) => b.startMs + b.ms));
  const start = Math.min(...bars.map((b) => b.startMs));
  const task = (label: string, startMs: number, ms: number) => {
    const from = t.startedAt + Math.round(startMs);
    return `  ${ganttLabel(`${label} ${seconds(ms)}`)} : ${from}, ${from + Math.max(0, Math.round(ms))}`;
  };
  const emulated = new Set(t.emulated ?? []);
  const lines = [
    '```mermaid',
    'gantt',
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
    `  tickInterval ${tickInterval(end - start)}`,
    '  todayMarker off',
  ];
  if (t.phases.length) {
    lines.push('  section Step');
    for (const p of t.phases) lines.push(task(p.phase, p.startMs, p.ms));
  }
  if (t.builds.length) {
    lines.push('  section Build');
    for (const b of t.builds)
      lines.push(task(emulated.has(b.name) ? `${b.name} (QEMU)` : b.name, b.startMs, b.ms));
  }
  lines.push('```');
  return lines.join('\n') + '\n';
}
