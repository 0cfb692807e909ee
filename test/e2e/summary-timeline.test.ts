// The job summary's timeline, from a real run: dist/ builds two platforms (one under QEMU) on a
// docker-container builder against the real engine and registry, and the summary it writes is rendered by the
// `mermaid` package in headless Chromium, as GitHub's viewer renders it. A diagram Mermaid refuses, or reads
// differently from what was written (it mis-parses some text silently), fails.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderGantt } from '../../src/runner/timeline.js';
import { AIR_GAPPED, BASE_IMAGE, REGISTRY, removeQemuHandlers, runAction, unique } from '../support/e2e.js';
import { mermaidBrowser, type Rendered } from '../support/mermaid.js';

const root = join(import.meta.dirname, '..', '..');
const example = join(root, 'example');
const SCREENSHOT = join(root, '.tmp', 'summary-timeline.png');

interface Bar {
  section: string;
  label: string;
  from: number;
  to: number;
}

/** The summary's ```mermaid blocks. */
const mermaidBlocks = (summary: string) =>
  [...summary.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1] as string);

/** The bars of a gantt as written, labels decoded from Mermaid's entity codes (#58; → :). */
function barsOf(gantt: string): Bar[] {
  let section = '';
  const bars: Bar[] = [];
  for (const line of gantt.split('\n')) {
    const s = /^\s*section (.*)$/.exec(line);
    if (s) section = s[1] as string;
    const task = /^\s*(.*?) : (\d+), (\d+)$/.exec(line);
    if (task)
      bars.push({
        section,
        label: (task[1] as string).replace(/#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))),
        from: Number(task[2]),
        to: Number(task[3]),
      });
  }
  return bars;
}

/** Per platform, the longest step buildx's plain log timed (`#12 [linux/arm64 2/3] RUN …` … `#12 DONE 1.2s`). */
function longestSteps(log: string): Map<string, number> {
  const platformOf = new Map<string, string>();
  const longest = new Map<string, number>();
  for (const line of log.split('\n')) {
    const step = /^#(\d+) \[(linux\/[^\s\]]+) [^\]]*\d+\/\d+\]/.exec(line);
    if (step) platformOf.set(step[1] as string, step[2] as string);
    const done = /^#(\d+) DONE (\d+\.\d+)s/.exec(line);
    const platform = done && platformOf.get(done[1] as string);
    if (done && platform) longest.set(platform, Math.max(longest.get(platform) ?? 0, Number(done[2]) * 1000));
  }
  return longest;
}

describe('the summary timeline of a real two-platform run, rendered by Mermaid in Chromium', () => {
  let run: Awaited<ReturnType<typeof runAction>>;
  let browser: Awaited<ReturnType<typeof mermaidBrowser>>;
  let gantt: string;
  let rendered: Rendered;

  beforeAll(async () => {
    removeQemuHandlers();
    run = await runAction({
      context: example,
      platforms: 'linux/amd64,linux/arm64',
      image: `${REGISTRY}/e2e/${unique('timeline')}`,
      tags: 'latest',
      push: 'true',
      'build-args': `BASE=${BASE_IMAGE}`,
      // Every step runs, so each platform's bar is real work (arm64 under QEMU).
      'no-cache': 'true',
      ...AIR_GAPPED,
    });
    await run.post();
    browser = await mermaidBrowser();
    gantt = mermaidBlocks(run.summary)[0] ?? '';
    rendered = await browser.render(gantt);
    // For a person to look at (the tests below do the checking).
    mkdirSync(join(root, '.tmp'), { recursive: true });
    writeFileSync(join(root, '.tmp', 'summary-timeline.md'), run.summary);
    if (!rendered.error && rendered.tasks.length) await browser.screenshot(SCREENSHOT);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the run succeeds and its summary holds one gantt', () => {
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    expect(mermaidBlocks(run.summary)).toHaveLength(1);
    expect(run.summary).not.toContain('No per-platform times');
  });

  it('Mermaid parses it and draws every bar with the label written', () => {
    expect(rendered.error).toBeUndefined();
    expect(rendered.sections).toEqual(['Step', 'Build']);
    // Mermaid draws tasks in the order they start: compare as sets.
    expect(rendered.tasks.sort()).toEqual(
      barsOf(gantt)
        .map((b) => b.label)
        .sort(),
    );
  });

  it('has the phases of the times line, and a bar per platform plus the export, inside the build phase', () => {
    const bars = barsOf(gantt);
    const times = /<sub>(.*) · total/.exec(run.summary)?.[1]?.split(' · ') ?? [];
    expect(bars.filter((b) => b.section === 'Step').map((b) => b.label)).toEqual(times);
    const build = bars.find((b) => b.section === 'Step' && b.label.startsWith('build ')) as Bar;
    const platformBars = bars.filter((b) => b.section === 'Build');
    expect(platformBars.map((b) => b.label.replace(/ [\d.]+ s$/, ''))).toEqual([
      'linux/amd64',
      'linux/arm64 (QEMU)',
      'export',
    ]);
    for (const bar of platformBars) {
      expect(bar.from).toBeGreaterThanOrEqual(build.from);
      expect(bar.to).toBeLessThanOrEqual(build.to);
      expect(bar.to).toBeGreaterThan(bar.from);
    }
  });

  it('each platform’s bar covers the longest step buildx’s own log timed for it', () => {
    const longest = longestSteps(run.log);
    expect([...longest.keys()].sort()).toEqual(['linux/amd64', 'linux/arm64']);
    for (const bar of barsOf(gantt).filter((b) => b.label.startsWith('linux/'))) {
      const platform = bar.label.split(' ')[0] as string;
      // The plain log rounds to 0.1 s.
      expect(bar.to - bar.from).toBeGreaterThanOrEqual((longest.get(platform) ?? Infinity) - 50);
    }
  });
});

describe('gantt labels with the characters Mermaid reads as syntax', () => {
  let browser: Awaited<ReturnType<typeof mermaidBrowser>>;
  beforeAll(async () => {
    browser = await mermaidBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const startedAt = Date.UTC(2026, 0, 1, 12, 0, 0);
  const names = [
    'build: push',
    'step #3; then 100%% done',
    '<b>bold</b> & "quoted" `code` {a} [b] \\',
    'section 2',
    'title',
    'excludes weekends',
    'dateFormat YYYY',
    'after qemu',
    '構築 · construire',
    'zero-length',
  ];

  it('read back exactly as written, zero-length ones included', async () => {
    const gantt = renderGantt({
      startedAt,
      phases: names.map((phase, i) => ({ phase, startMs: i * 1000, ms: phase === 'zero-length' ? 0 : 900 })),
      builds: [{ name: 'linux/arm/v7: ```', startMs: 500, ms: 8000 }],
      emulated: ['linux/arm/v7: ```'],
    });
    const body = mermaidBlocks(gantt)[0] as string;
    const rendered = await browser.render(body);
    expect(rendered.error).toBeUndefined();
    expect(rendered.sections).toEqual(['Step', 'Build']);
    expect(rendered.tasks.sort()).toEqual(
      [
        ...names.map((n) => `${n} ${n === 'zero-length' ? '0.0' : '0.9'} s`),
        'linux/arm/v7: ``` (QEMU) 8.0 s',
      ].sort(),
    );
  });

  // The controls: what this test would see if labels were written as they come.
  it('a diagram Mermaid cannot parse is reported', async () => {
    const rendered = await browser.render('gantt\n  dateFormat x\n  section Step\n  : : 1, 2\n');
    expect(rendered.error).toMatch(/parse error/i);
  });

  it('an unescaped colon is silently misread, and the label comparison catches it', async () => {
    const rendered = await browser.render(
      'gantt\n  dateFormat x\n  section Step\n  build: push : 1000, 2000\n',
    );
    expect(rendered.error).toBeUndefined();
    expect(rendered.tasks).not.toEqual(['build: push']);
  });
});
