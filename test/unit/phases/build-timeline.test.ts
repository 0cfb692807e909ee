import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Buildx } from '../../../src/buildx/buildx.js';
import { ExecError, type ExecOptions } from '../../../src/exec/exec.js';
import {
  buildBars,
  parseRawProgress,
  readBuildRecord,
  RECORD_TIMEOUT_MS,
  recordSpans,
  spanOf,
} from '../../../src/phases/build-timeline.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
// Real records, from BuildKit on the e2e engine (docker driver): `buildx history logs --progress rawjson`
// of a finished build (one JSON object), and a live `buildx build --progress rawjson` (one per update).
const fixture = (file: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'build-record', file), 'utf8');
const at = (iso: string) => Date.parse(iso);

describe('spanOf', () => {
  it.each(
    named<{ name: string; vertex: string; platforms: string[]; span: string | undefined }>([
      {
        name: 'a platform step',
        vertex: '[linux/arm64 2/4] RUN make',
        platforms: ['linux/amd64', 'linux/arm64'],
        span: 'linux/arm64',
      },
      {
        name: 'a named stage, with a variant',
        vertex: '[linux/arm/v7 builder 3/5] COPY . .',
        platforms: ['linux/amd64', 'linux/arm/v7'],
        span: 'linux/arm/v7',
      },
      {
        name: 'a platform’s base image metadata',
        vertex: '[linux/amd64 internal] load metadata for docker.io/library/alpine:3',
        platforms: ['linux/amd64', 'linux/arm64'],
        span: 'linux/amd64',
      },
      {
        name: 'a single-platform step names no platform',
        vertex: '[stage-0 2/3] RUN make',
        platforms: ['linux/arm64'],
        span: 'linux/arm64',
      },
      {
        name: 'a single-platform build’s base image metadata',
        vertex: '[internal] load metadata for docker.io/library/alpine:3',
        platforms: ['linux/arm64'],
        span: 'linux/arm64',
      },
      {
        name: 'an unplatformed step of a multi-platform build is no platform’s',
        vertex: '[2/3] RUN make',
        platforms: ['linux/amd64', 'linux/arm64'],
        span: undefined,
      },
      {
        name: 'a platform this run did not ask for',
        vertex: '[linux/s390x 2/3] RUN make',
        platforms: ['linux/amd64', 'linux/arm64'],
        span: undefined,
      },
      {
        name: 'the Dockerfile itself',
        vertex: '[internal] load build definition from Dockerfile',
        platforms: ['linux/amd64'],
        span: undefined,
      },
      {
        name: 'credentials',
        vertex: '[auth] sharing credentials for ghcr.io',
        platforms: ['linux/amd64'],
        span: undefined,
      },
      { name: 'the image export (and push)', vertex: 'exporting to image', platforms: [], span: 'export' },
      { name: 'an OCI export', vertex: 'exporting to oci image format', platforms: [], span: 'export' },
      {
        name: 'a cache export',
        vertex: 'exporting cache to GitHub Actions Cache',
        platforms: [],
        span: 'cache export',
      },
      {
        name: 'a cache import',
        vertex: 'importing cache manifest from gha:123',
        platforms: [],
        span: 'cache import',
      },
      {
        name: 'provenance',
        vertex: 'resolving provenance for metadata file',
        platforms: [],
        span: undefined,
      },
    ]),
  )('%s', (_, { vertex, platforms, span }) => {
    expect(spanOf(vertex, platforms)).toBe(span);
  });
});

describe('parseRawProgress + recordSpans', () => {
  it.each(
    named<{ name: string; file: string; platforms: string[]; spans: Array<[string, string, string]> }>([
      {
        name: 'a finished two-platform build: the RUN steps ran side by side',
        file: 'two-platforms.jsonl',
        platforms: ['linux/amd64', 'linux/arm64'],
        spans: [
          ['linux/amd64', '2026-11-30T22:22:01.522662283Z', '2026-11-30T22:22:03.46677369Z'],
          ['linux/arm64', '2026-11-30T22:22:01.522911945Z', '2026-11-30T22:22:03.529943749Z'],
          ['export', '2026-11-30T22:22:03.531008777Z', '2026-11-30T22:22:03.652052218Z'],
        ],
      },
      {
        name: 'a single-platform build from cache',
        file: 'one-platform-cached.jsonl',
        platforms: ['linux/amd64'],
        spans: [
          ['linux/amd64', '2026-11-30T22:25:52.540150043Z', '2026-11-30T22:25:52.578570422Z'],
          ['export', '2026-11-30T22:25:52.579010598Z', '2026-11-30T22:25:52.612595754Z'],
        ],
      },
      {
        name: 'a live progress stream (one line per update, a warning line between): amd64 cached, arm/v7 emulated',
        file: 'live-cache-export.jsonl',
        platforms: ['linux/amd64', 'linux/arm/v7'],
        spans: [
          ['linux/amd64', '2026-11-30T22:26:04.349183156Z', '2026-11-30T22:26:04.435662963Z'],
          ['linux/arm/v7', '2026-11-30T22:26:04.349538546Z', '2026-11-30T22:26:06.498195653Z'],
          ['export', '2026-11-30T22:26:06.500064949Z', '2026-11-30T22:26:06.704300386Z'],
          ['cache export', '2026-11-30T22:26:06.704374617Z', '2026-11-30T22:26:06.868372131Z'],
        ],
      },
    ]),
  )('%s', (_, { file, platforms, spans }) => {
    const got = recordSpans(parseRawProgress(fixture(file)), platforms);
    expect(got).toEqual(spans.map(([name, start, end]) => ({ name, start: at(start), end: at(end) })));
  });

  it('keeps, per vertex, the earliest start and the latest completion across updates', () => {
    const line = (v: object) => JSON.stringify({ vertexes: [v] });
    const text = [
      line({ digest: 'sha256:a', name: '[linux/amd64 1/2] RUN a' }),
      line({ digest: 'sha256:a', started: '2026-01-01T00:00:02Z' }),
      'not json {',
      line({ digest: 'sha256:a', started: '2026-01-01T00:00:01Z', completed: '2026-01-01T00:00:03Z' }),
      line({ digest: 'sha256:a', started: '2026-01-01T00:00:02Z', completed: '2026-01-01T00:00:02.5Z' }),
      line({ digest: 'sha256:b', name: '[linux/amd64 2/2] RUN b', started: '2026-01-01T00:00:04Z' }),
      line({ name: 'no digest', started: '2026-01-01T00:00:00Z' }),
      '{"vertexes": "not a list"}',
    ].join('\n');
    expect(parseRawProgress(text)).toEqual([
      {
        name: '[linux/amd64 1/2] RUN a',
        started: at('2026-01-01T00:00:01Z'),
        completed: at('2026-01-01T00:00:03Z'),
      },
      // Still running (or cancelled): it ends where it started.
      { name: '[linux/amd64 2/2] RUN b', started: at('2026-01-01T00:00:04Z') },
    ]);
    expect(recordSpans(parseRawProgress(text), ['linux/amd64'])).toEqual([
      { name: 'linux/amd64', start: at('2026-01-01T00:00:01Z'), end: at('2026-01-01T00:00:04Z') },
    ]);
  });

  it('finds nothing in text that is not a record', () => {
    expect(recordSpans(parseRawProgress('ERROR: no record found for ref "x"\n'), ['linux/amd64'])).toEqual(
      [],
    );
  });
});

/** A Buildx whose commands answer from `answer`; records each call's argv and options. */
function fakeBuildx(answer: (args: string[]) => { stdout?: string; stderr?: string; code?: number }) {
  const calls: Array<{ args: string[]; options: ExecOptions }> = [];
  const buildx: Buildx = {
    binary: undefined,
    run: (args, options = {}) => {
      calls.push({ args, options });
      const result = { code: 0, stdout: '', stderr: '', ...answer(args) };
      return result.code === 0
        ? Promise.resolve(result)
        : Promise.reject(new ExecError(['docker', 'buildx', ...args], result));
    },
  };
  return { buildx, calls };
}

describe('readBuildRecord', () => {
  const platforms = ['linux/amd64', 'linux/arm64'];

  it('reads the record named by the metadata ref from its builder, quietly', async () => {
    const { buildx, calls } = fakeBuildx(() => ({ stderr: fixture('two-platforms.jsonl') }));
    const got = await readBuildRecord(
      buildx,
      'multiarch-1/multiarch-10/yooiy8c7dowibw8ksmze3dfyq',
      platforms,
      {
        BUILDX_BUILDER: 'multiarch-1',
      },
    );
    expect(calls).toEqual([
      {
        args: [
          'history',
          'logs',
          '--builder',
          'multiarch-1',
          '--progress',
          'rawjson',
          'yooiy8c7dowibw8ksmze3dfyq',
        ],
        options: {
          env: { BUILDX_BUILDER: 'multiarch-1', BUILDX_EXPERIMENTAL: '1' },
          echo: false,
          timeoutMs: RECORD_TIMEOUT_MS,
        },
      },
    ]);
    expect('spans' in got && got.spans.map((s) => s.name)).toEqual(['linux/amd64', 'linux/arm64', 'export']);
  });

  it.each(
    named<{ name: string; ref: unknown; answer: { stderr?: string; code?: number }; reason: string }>([
      {
        name: 'no ref in the metadata',
        ref: undefined,
        answer: {},
        reason: 'buildx reported no build record',
      },
      {
        name: 'a ref without its builder',
        ref: 'abc',
        answer: {},
        reason: 'buildx reported no build record',
      },
      {
        name: 'a buildx without history',
        ref: 'b/n/abc',
        answer: { code: 1, stderr: 'unknown command "history" for "docker buildx"' },
        reason: 'buildx history logs: unknown command "history" for "docker buildx"',
      },
      {
        name: 'a record the builder no longer has',
        ref: 'b/n/abc',
        answer: { code: 1, stderr: 'ERROR: no record found for ref "abc"' },
        reason: 'buildx history logs: no record found for ref "abc"',
      },
      {
        name: 'a record with no step timed',
        ref: 'b/n/abc',
        answer: { stderr: '{"vertexes":[{"digest":"sha256:a","name":"[linux/amd64 1/1] RUN a"}]}' },
        reason: 'the build record holds no timed steps',
      },
    ]),
  )('never throws: %s', async (_, { ref, answer, reason }) => {
    const { buildx } = fakeBuildx(() => answer);
    await expect(readBuildRecord(buildx, ref, platforms, {})).resolves.toEqual({ reason });
  });
});

describe('buildBars', () => {
  it('places the record on the step clock, inside the build phase that ran it', async () => {
    const { buildx } = fakeBuildx(() => ({ stderr: fixture('two-platforms.jsonl') }));
    const startedAt = at('2026-11-30T22:21:50.000Z');
    const times = [
      { phase: 'qemu', startMs: 0, ms: 500 },
      { phase: 'build', startMs: 11_000, ms: 3000 },
    ];
    const bars = await buildBars(buildx, 'b/n/r', ['linux/amd64', 'linux/arm64'], {}, { startedAt, times });
    expect(bars).toEqual({
      builds: [
        { name: 'linux/amd64', startMs: 11_522, ms: 1944 },
        { name: 'linux/arm64', startMs: 11_522, ms: 2007 },
        { name: 'export', startMs: 13_531, ms: 121 },
      ],
    });
  });

  it('says why there are no bars', async () => {
    const { buildx } = fakeBuildx(() => ({ code: 1, stderr: 'ERROR: boom' }));
    await expect(
      buildBars(buildx, 'b/n/r', ['linux/amd64'], {}, { startedAt: 0, times: [] }),
    ).resolves.toEqual({
      missing: 'buildx history logs: boom',
    });
  });
});
