import { describe, expect, it } from 'vitest';
import {
  alignSpans,
  ganttLabel,
  renderGantt,
  tickInterval,
  type RecordSpan,
} from '../../../src/runner/timeline.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);

describe('ganttLabel', () => {
  // What each label renders as is checked in a real browser by test/e2e/summary-timeline.test.ts.
  it.each(
    named<{ name: string; text: string; label: string }>([
      { name: 'a platform', text: 'linux/arm/v7 12.3 s', label: 'linux/arm/v7 12.3 s' },
      { name: 'a colon ends a name', text: 'build: push', label: 'build#58; push' },
      { name: 'a hash starts an entity', text: 'step #3', label: 'step #35;3' },
      { name: 'a semicolon ends a statement', text: 'a; b', label: 'a#59; b' },
      { name: 'a double percent starts a comment', text: '100%% done', label: '100#37;#37; done' },
      { name: 'HTML stays text', text: '<b>x</b> & y', label: '#60;b#62;x#60;/b#62; #38; y' },
      { name: 'a fence cannot close the block', text: '```', label: '#96;#96;#96;' },
      { name: 'braces and brackets', text: '{a} [b]', label: '#123;a#125; #91;b#93;' },
      { name: 'newlines and runs of spaces become one space', text: ' a\n\tb  c \r\n', label: 'a b c' },
      { name: 'empty is a dash', text: '  ', label: '-' },
      { name: 'a keyword at the start', text: 'section 2', label: '#115;ection 2' },
      { name: 'a keyword, any case', text: 'Title', label: '#84;itle' },
      { name: 'a keyword prefix', text: 'excludes-weekends', label: '#101;xcludes-weekends' },
      { name: 'a keyword later is fine', text: 'the section', label: 'the section' },
      { name: 'other scripts pass', text: 'construire · 構築', label: 'construire · 構築' },
    ]),
  )('%s', (_, { text, label }) => {
    expect(ganttLabel(text)).toBe(label);
  });
});

describe('tickInterval', () => {
  it.each([
    [0, '1second'],
    [8_000, '1second'],
    [8_001, '2second'],
    [40_000, '5second'],
    [75_000, '10second'],
    [4 * 60_000, '30second'],
    [8 * 60_000, '1minute'],
    [30 * 60_000, '5minute'],
    [3 * 3600_000, '30minute'],
    [8 * 3600_000, '1hour'],
    [48 * 3600_000, '6hour'],
  ])('%d ms → %s', (ms, interval) => {
    expect(tickInterval(ms)).toBe(interval);
  });
});

describe('alignSpans', () => {
  const startedAt = 1_700_000_000_000;
  const span = (name: string, fromMs: number, toMs: number, skew = 0): RecordSpan => ({
    name,
    start: startedAt + fromMs + skew,
    end: startedAt + toMs + skew,
  });
  const build = { phase: 'build', startMs: 10_000, ms: 20_000 };

  it.each(
    named<{
      name: string;
      spans: RecordSpan[];
      window?: typeof build;
      want: Array<[string, number, number]>;
    }>([
      {
        name: 'a local BuildKit: the record sits inside the build phase as timed',
        spans: [span('linux/amd64', 10_400, 20_000), span('export', 20_000, 29_000)],
        window: build,
        want: [
          ['linux/amd64', 10_400, 9600],
          ['export', 20_000, 9000],
        ],
      },
      {
        name: 'a remote BuildKit whose clock is a minute behind: moved to the phase start, lengths kept',
        spans: [span('linux/amd64', 10_400, 20_000, -60_000), span('linux/arm64', 10_900, 25_000, -60_000)],
        window: build,
        want: [
          ['linux/amd64', 10_000, 9600],
          ['linux/arm64', 10_500, 14_100],
        ],
      },
      {
        name: 'a clock a little ahead, past the phase end',
        spans: [span('linux/amd64', 10_400, 30_100)],
        window: build,
        want: [['linux/amd64', 10_000, 19_700]],
      },
      {
        name: 'no build phase: the wall clock as it is',
        spans: [span('linux/amd64', 5_000, 6_000)],
        want: [['linux/amd64', 5_000, 1000]],
      },
      {
        name: 'a span that ends before it starts is zero long',
        spans: [{ name: 'x', start: startedAt + 12_000, end: startedAt + 11_000 }],
        window: build,
        want: [['x', 12_000, 0]],
      },
      { name: 'no spans', spans: [], window: build, want: [] },
    ]),
  )('%s', (_, { spans, window, want }) => {
    expect(alignSpans(spans, startedAt, window)).toEqual(
      want.map(([name, startMs, ms]) => ({ name, startMs, ms })),
    );
  });
});

describe('renderGantt', () => {
  const startedAt = 1_764_541_321_000;

  it('draws the phases, then each platform (emulated ones say so) and the shared work', () => {
    const gantt = renderGantt({
      startedAt,
      phases: [
        { phase: 'qemu', startMs: 0, ms: 120 },
        { phase: 'builder', startMs: 120, ms: 2_880 },
        { phase: 'build', startMs: 3_000, ms: 30_000 },
        { phase: 'verify', startMs: 33_000, ms: 0 },
      ],
      builds: [
        { name: 'linux/amd64', startMs: 3_200, ms: 10_000 },
        { name: 'linux/arm64', startMs: 3_250, ms: 26_000 },
        { name: 'export', startMs: 29_250, ms: 3_600.4 },
      ],
      emulated: ['linux/arm64'],
    });
    expect(gantt).toBe(
      [
        '```mermaid',
        'gantt',
        '  dateFormat x',
        '  axisFormat %H:%M:%S',
        '  tickInterval 5second',
        '  todayMarker off',
        '  section Step',
        '  qemu 0.1 s : 1764541321000, 1764541321120',
        '  builder 2.9 s : 1764541321120, 1764541324000',
        '  build 30.0 s : 1764541324000, 1764541354000',
        '  verify 0.0 s : 1764541354000, 1764541354000',
        '  section Build',
        '  linux/amd64 10.0 s : 1764541324200, 1764541334200',
        '  linux/arm64 (QEMU) 26.0 s : 1764541324250, 1764541350250',
        '  export 3.6 s : 1764541350250, 1764541353850',
        '```',
        '',
      ].join('\n'),
    );
  });

  it('a merge has phases only', () => {
    const gantt = renderGantt({
      startedAt,
      phases: [{ phase: 'collect', startMs: 0, ms: 900 }],
      builds: [],
    });
    expect(gantt).toContain('  section Step\n  collect 0.9 s : 1764541321000, 1764541321900\n```');
    expect(gantt).not.toContain('section Build');
  });

  it('nothing timed, nothing drawn', () => {
    expect(renderGantt({ startedAt, phases: [], builds: [] })).toBe('');
  });
});
