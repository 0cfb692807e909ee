import { describe, expect, it } from 'vitest';
import { newSummary, renderSummary, type RunSummary } from '../../../src/runner/summary.js';
import type { BuildSpan } from '../../../src/runner/timeline.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);

const D1 = `sha256:${'0123456789ab'.repeat(5)}0123`;
const D2 = `sha256:${'fedcba987654'.repeat(5)}3210`;
const base: RunSummary = newSummary('Multi-platform build');
const tableOf = (markdown: string) => markdown.split('\n').filter((l) => l.startsWith('|'));

describe('renderSummary', () => {
  it.each(
    named<{ name: string; summary: RunSummary; table: string[] }>([
      {
        name: 'a build: platform, digest, QEMU, cache steps',
        summary: {
          ...base,
          rows: [
            { platform: 'linux/amd64', digest: D1, emulated: false, cached: 3, executed: 1 },
            { platform: 'linux/arm/v7', digest: D2, emulated: true, cached: 0, executed: 4 },
          ],
        },
        table: [
          '| Platform | Digest | QEMU | Steps cached / run |',
          '|---|---|---|---|',
          '| <code>linux/amd64</code> | <code>sha256:0123456789ab</code> | native | 3 / 1 |',
          '| <code>linux/arm/v7</code> | <code>sha256:fedcba987654</code> | emulated | 0 / 4 |',
        ],
      },
      {
        name: 'a build without cache stats or digests',
        summary: {
          ...base,
          rows: [{ platform: 'linux/amd64' }, { platform: 'linux/arm64', emulated: true }],
        },
        table: [
          '| Platform | Digest | QEMU |',
          '|---|---|---|',
          '| <code>linux/amd64</code> | — | — |',
          '| <code>linux/arm64</code> | — | emulated |',
        ],
      },
      {
        name: 'a merge: with the source of each platform (QEMU unknown for sources nobody recorded)',
        summary: {
          ...base,
          title: 'Multi-platform merge',
          rows: [
            { platform: 'linux/amd64', digest: D1, source: 'leg build-amd64 (attempt 1)' },
            { platform: 'linux/arm64', digest: D2, source: 'ghcr.io/acme/app:run-4242-linux-arm64' },
          ],
        },
        table: [
          '| Platform | Digest | Source | QEMU |',
          '|---|---|---|---|',
          '| <code>linux/amd64</code> | <code>sha256:0123456789ab</code> | <code>leg build-amd64 (attempt 1)</code> | — |',
          '| <code>linux/arm64</code> | <code>sha256:fedcba987654</code> | <code>ghcr.io/acme/app:run-4242-linux-arm64</code> | — |',
        ],
      },
      {
        name: 'a source label with < is escaped',
        summary: {
          ...base,
          rows: [{ platform: 'linux/amd64', digest: D1, source: 'leg <script>x</script>' }],
        },
        table: [
          '| Platform | Digest | Source | QEMU |',
          '|---|---|---|---|',
          '| <code>linux/amd64</code> | <code>sha256:0123456789ab</code> | <code>leg &lt;script>x&lt;/script></code> | — |',
        ],
      },
      { name: 'no rows, no table', summary: base, table: [] },
    ]),
  )('%s', (_name, { summary, table }) => {
    expect(tableOf(renderSummary(summary))).toEqual(table);
  });

  it('renders a whole successful build', () => {
    const markdown = renderSummary({
      ...base,
      rows: [{ platform: 'linux/amd64', digest: D1, emulated: false, cached: 2, executed: 1 }],
      digest: D1,
      tags: ['ghcr.io/acme/app:latest', 'ghcr.io/acme/app:1.2.3'],
      annotations: ['index:org.opencontainers.image.description=My <app>'],
      facts: [['Builder', 'multiarch-1-1-build-c0ffee00 (docker-container)']],
      times: [
        { phase: 'qemu', startMs: 10, ms: 1200 },
        { phase: 'build', startMs: 1300, ms: 34_560 },
      ],
    });
    expect(markdown).toBe(
      [
        '### ✅ Multi-platform build',
        '',
        '| Platform | Digest | QEMU | Steps cached / run |',
        '|---|---|---|---|',
        '| <code>linux/amd64</code> | <code>sha256:0123456789ab</code> | native | 2 / 1 |',
        '',
        `**Digest:** <code>${D1}</code>`,
        '',
        '**Tags:** <code>ghcr.io/acme/app:latest</code>, <code>ghcr.io/acme/app:1.2.3</code>',
        '',
        '**Annotations:** <code>index:org.opencontainers.image.description=My &lt;app></code>',
        '',
        '**Builder:** multiarch-1-1-build-c0ffee00 (docker-container)  ',
        '',
        '<sub>qemu 1.2 s · build 34.6 s · total 35.8 s</sub>',
        '',
      ].join('\n'),
    );
  });

  it.each(
    named<{ name: string; error: string; line: string }>([
      {
        name: 'a failure: one line, newlines folded',
        error: 'build: docker buildx build failed:\nexit code: 1',
        line: '**Failed** — build: docker buildx build failed: exit code: 1',
      },
      {
        name: 'a failure quoting tool output with < is escaped',
        error: 'build: failed to solve: failed to read dockerfile: open <nil>: no such file',
        line: '**Failed** — build: failed to solve: failed to read dockerfile: open &lt;nil>: no such file',
      },
    ]),
  )('%s', (_name, { error, line }) => {
    const lines = renderSummary({ ...base, outcome: 'failure', error }).split('\n');
    expect(lines.slice(0, 3)).toEqual(['### ❌ Multi-platform build', '', line]);
  });

  describe('the timeline', () => {
    const startedAt = 1_764_541_321_000;
    const timed: RunSummary = {
      ...base,
      rows: [
        { platform: 'linux/amd64', emulated: false },
        { platform: 'linux/arm64', emulated: true },
      ],
      times: [
        { phase: 'qemu', startMs: 0, ms: 1000 },
        { phase: 'build', startMs: 1000, ms: 9000 },
      ],
      startedAt,
    };
    const blockOf = (markdown: string) => /```mermaid\n[^`]*```\n/.exec(markdown)?.[0];

    it('follows the times line: phases, then each platform, emulated ones marked', () => {
      const markdown = renderSummary({
        ...timed,
        builds: [
          { name: 'linux/amd64', startMs: 1100, ms: 4000 },
          { name: 'linux/arm64', startMs: 1100, ms: 8000 },
        ],
      });
      expect(markdown).toContain('<sub>qemu 1.0 s · build 9.0 s · total 10.0 s</sub>\n\n```mermaid\ngantt\n');
      expect(blockOf(markdown)).toContain(
        '  section Build\n  linux/amd64 4.0 s : 1764541322100, 1764541326100\n' +
          '  linux/arm64 (QEMU) 8.0 s : 1764541322100, 1764541330100\n```',
      );
    });

    it('without per-platform times, the phases and why not', () => {
      const markdown = renderSummary({ ...timed, buildsMissing: 'buildx history logs: <unknown command>' });
      expect(blockOf(markdown)).toContain('section Step');
      expect(blockOf(markdown)).not.toContain('section Build');
      expect(markdown).toContain(
        '<sub>No per-platform times: buildx history logs: &lt;unknown command></sub>',
      );
    });

    it('no start time (a summary before any phase): no picture', () => {
      expect(renderSummary({ ...timed, startedAt: undefined })).not.toContain('mermaid');
    });

    it('a timeline that cannot be drawn leaves the rest of the summary whole', () => {
      const broken = renderSummary({ ...timed, builds: [null as unknown as BuildSpan] });
      expect(broken).not.toContain('mermaid');
      expect(broken).toBe(renderSummary({ ...timed, startedAt: undefined }));
    });
  });
});
