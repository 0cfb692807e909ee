// When each platform's build ran, from BuildKit's own record of the build. `--progress plain` gives step
// durations but not when steps started, and prints parallel steps one after another; the build record
// (`buildx history logs --progress rawjson`) has every vertex's start and end as BuildKit timed them, and
// reading it afterwards leaves the live log as users know it.
import type { Buildx } from '../buildx/buildx.js';
import { errorText } from '../exec/exec.js';
import type { Phases } from '../runner/phases.js';
import { alignSpans, type BuildSpan, type RecordSpan } from '../runner/timeline.js';

/** One build step (an LLB vertex) as the record reports it; times in epoch ms. */
export interface Vertex {
  name: string;
  started?: number;
  completed?: number;
}

interface RawVertex {
  digest?: unknown;
  name?: unknown;
  started?: unknown;
  completed?: unknown;
}

const time = (v: unknown): number | undefined => {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
};

/**
 * The vertices of buildx's rawjson progress (one SolveStatus JSON object per line; a vertex appears once
 * per update). Per vertex digest: its name, earliest start and latest completion. Lines that are not JSON
 * are skipped. Pure.
 */
export function parseRawProgress(text: string): Vertex[] {
  const byDigest = new Map<string, Vertex>();
  for (const line of text.split('\n')) {
    if (!line.trimStart().startsWith('{')) continue;
    let status: { vertexes?: unknown };
    try {
      status = JSON.parse(line) as { vertexes?: unknown };
    } catch {
      continue;
    }
    if (!Array.isArray(status.vertexes)) continue;
    for (const raw of status.vertexes as RawVertex[]) {
      if (typeof raw?.digest !== 'string') continue;
      const v = byDigest.get(raw.digest) ?? { name: '' };
      if (typeof raw.name === 'string') v.name = raw.name;
      const started = time(raw.started);
      const completed = time(raw.completed);
      if (started !== undefined) v.started = Math.min(v.started ?? started, started);
      if (completed !== undefined) v.completed = Math.max(v.completed ?? completed, completed);
      byDigest.set(raw.digest, v);
    }
  }
  return [...byDigest.values()];
}

/**
 * Which bar a vertex belongs to: the platform in its `[linux/arm64 stage 2/3]` prefix (a single-platform
 * build names none: its numbered steps are that platform's), or the shared work it is (cache import,
 * export, cache export). Steps of a `FROM --platform=$BUILDPLATFORM` stage carry the build platform's name.
 */
export function spanOf(name: string, platforms: string[]): string | undefined {
  const prefix = /^\[([^\]]*)\]/.exec(name);
  if (prefix) {
    const words = (prefix[1] as string).split(/\s+/);
    const named = words.find((w) => platforms.includes(w));
    if (named) return named;
    const numbered = words.some((w) => /^\d+\/\d+$/.test(w));
    if (platforms.length === 1 && (numbered || /load metadata for/.test(name))) return platforms[0];
    return undefined;
  }
  if (/^importing cache\b/.test(name)) return 'cache import';
  if (/^exporting cache\b/.test(name)) return 'cache export';
  if (/^exporting\b/.test(name)) return 'export';
  return undefined;
}

/**
 * One span per platform (first step's start to last step's end), in `platforms` order, then the shared
 * work in the order it started. Vertices that never started are left out. Pure.
 */
export function recordSpans(vertices: Vertex[], platforms: string[]): RecordSpan[] {
  const spans = new Map<string, RecordSpan>();
  for (const v of vertices) {
    if (v.started === undefined) continue;
    const name = spanOf(v.name, platforms);
    if (!name) continue;
    const end = Math.max(v.completed ?? v.started, v.started);
    const span = spans.get(name);
    if (!span) spans.set(name, { name, start: v.started, end });
    else {
      span.start = Math.min(span.start, v.started);
      span.end = Math.max(span.end, end);
    }
  }
  const own = platforms.flatMap((p) => spans.get(p) ?? []);
  const shared = [...spans.values()]
    .filter((s) => !platforms.includes(s.name))
    .sort((a, b) => a.start - b.start);
  return [...own, ...shared];
}

/** How long reading the build record may take, in milliseconds. */
export const RECORD_TIMEOUT_MS = 15_000;

/**
 * Reads the build record `ref` (the metadata file's `buildx.build.ref`: builder/node/id) and returns its
 * spans for `platforms`, or why there are none. Never throws: the timeline is a picture, not a result.
 */
export async function readBuildRecord(
  buildx: Buildx,
  ref: unknown,
  platforms: string[],
  env: Record<string, string>,
): Promise<{ spans: RecordSpan[] } | { reason: string }> {
  const parts = typeof ref === 'string' ? ref.split('/') : [];
  const [builder, id] = [parts[0], parts.at(-1)];
  if (parts.length < 2 || !builder || !id) return { reason: 'buildx reported no build record' };
  try {
    const args = ['history', 'logs', '--builder', builder, '--progress', 'rawjson', id];
    // History came with buildx 0.20, behind the experimental switch at first.
    const out = await buildx.run(args, {
      env: { ...env, BUILDX_EXPERIMENTAL: '1' },
      echo: false,
      // A picture is not worth waiting on a builder that stopped answering.
      timeoutMs: RECORD_TIMEOUT_MS,
    });
    // Progress goes to stderr, as a build's does.
    const spans = recordSpans(parseRawProgress(`${out.stderr}\n${out.stdout}`), platforms);
    return spans.length ? { spans } : { reason: 'the build record holds no timed steps' };
  } catch (e) {
    return { reason: `buildx history logs: ${errorText(e)}` };
  }
}

/**
 * The summary's build bars for the record `ref`, on the clock of `phases` (aligned to its last `build`
 * phase), or why there are none. Never throws.
 */
export async function buildBars(
  buildx: Buildx,
  ref: unknown,
  platforms: string[],
  env: Record<string, string>,
  phases: Pick<Phases, 'startedAt' | 'times'>,
): Promise<{ builds?: BuildSpan[]; missing?: string }> {
  const record = await readBuildRecord(buildx, ref, platforms, env);
  if ('reason' in record) return { missing: record.reason };
  const build = phases.times.findLast((t) => t.phase === 'build');
  return { builds: alignSpans(record.spans, phases.startedAt, build) };
}
