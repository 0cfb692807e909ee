// The decisions of mode merge with the exec layer scripted: what is read, what is refused before anything is
// pushed, how publishing is retried and what a failure says about the tags. No engine, no registry.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { merge } from '../../../src/modes/merge.js';
import { handoffKey } from '../../../src/phases/handoff.js';
import { sha256 } from '../../../src/registry/manifests.js';
import { ActionError } from '../../../src/runner/errors.js';
import { Phases } from '../../../src/runner/phases.js';
import type { RunSummary } from '../../../src/runner/summary.js';
import { parsePlatform } from '../../../src/model/platforms.js';
import { fakeStep, MemoryStore, type Rule } from '../../support/fake-step.js';
import { ctxOf, inputsOf } from '../../support/unit.js';

const IMAGE = 'ghcr.io/acme/app';
const D = (c: string) => `sha256:${c.repeat(64)}`;

function pluginConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  mkdirSync(join(dir, 'cli-plugins'));
  writeFileSync(join(dir, 'cli-plugins', 'docker-buildx'), '#!/bin/sh\n');
  chmodSync(join(dir, 'cli-plugins', 'docker-buildx'), 0o755);
  return dir;
}

/** A leg's single-platform OCI index, as a leg pushes it. */
const legIndex = (c: string, os: string, architecture: string) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: D(c),
        size: 10,
        platform: { os, architecture },
      },
    ],
  });

const merged = (annotations: Record<string, string>) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: D('a'),
        size: 10,
        platform: { os: 'linux', architecture: 'amd64' },
      },
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: D('b'),
        size: 10,
        platform: { os: 'linux', architecture: 'arm64' },
      },
    ],
    annotations,
  });

/** Two legs handed off through the cache, their indexes in the registry. */
async function legs(): Promise<{ store: MemoryStore; rules: Rule[] }> {
  const store = new MemoryStore();
  const ctx = ctxOf({ GITHUB_RUN_ID: '1000', GITHUB_RUN_ATTEMPT: '1' });
  const records: Array<[string, string]> = [
    ['linux/amd64', legIndex('a', 'linux', 'amd64')],
    ['linux/arm64', legIndex('b', 'linux', 'arm64')],
  ];
  const rules: Rule[] = [];
  for (const [platform, raw] of records) {
    await store.save(handoffKey([IMAGE], parsePlatform(platform), ctx), {
      version: 1,
      platform,
      legPlatforms: [platform],
      images: [IMAGE],
      digest: sha256(raw),
      runId: '1000',
      runAttempt: '1',
      job: `build-${platform.slice(6)}`,
    });
    rules.push({
      match: new RegExp(` imagetools inspect --raw ${IMAGE}@${sha256(raw)}$`),
      answer: { stdout: raw },
    });
  }
  return { store, rules };
}

function setUp(values: Record<string, string>, rules: Rule[]) {
  const step = fakeStep({
    env: { DOCKER_CONFIG: pluginConfig(), RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-')) },
    rules,
  });
  const summary: RunSummary = {
    title: '',
    outcome: 'success',
    rows: [],
    tags: [],
    annotations: [],
    facts: [],
    times: [],
  };
  const run = (store: MemoryStore) =>
    merge(
      step,
      inputsOf({ mode: 'merge', image: IMAGE, handoff: 'cache', ...values }),
      new Phases(step.log),
      summary,
      store,
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
  return { step, summary, run };
}

describe('merge', () => {
  it('reads both legs, publishes one index with the index annotation, reads it back, sets its outputs', async () => {
    const { store, rules } = await legs();
    const published = merged({ 'org.opencontainers.image.description': 'app' });
    const { step, run, summary } = setUp(
      {
        platforms: 'linux/amd64,linux/arm64',
        tags: 'latest',
        annotations: 'index:org.opencontainers.image.description=app',
      },
      [
        ...rules,
        { match: / imagetools inspect --raw ghcr.io\/acme\/app:latest$/, answer: { stdout: published } },
      ],
    );
    expect(await run(store)).toBeUndefined();
    const creates = step.exec.calls.filter((c) => c.argv.includes('create'));
    expect(creates.map((c) => c.argv.slice(1))).toEqual([
      [
        'imagetools',
        'create',
        '--progress',
        'plain',
        '--annotation',
        'index:org.opencontainers.image.description=app',
        '--tag',
        `${IMAGE}:latest`,
        `${IMAGE}@${sha256(legIndex('a', 'linux', 'amd64'))}`,
        `${IMAGE}@${sha256(legIndex('b', 'linux', 'arm64'))}`,
      ],
    ]);
    expect(step.outputValues.get('digest')).toBe(sha256(published));
    expect(step.outputValues.get('platforms')).toBe('linux/amd64,linux/arm64');
    expect(summary.rows.map((r) => [r.platform, r.source])).toEqual([
      ['linux/amd64', 'leg build-amd64 (attempt 1)'],
      ['linux/arm64', 'leg build-arm64 (attempt 1)'],
    ]);
  });

  it('a platform no leg handed off: fails naming it, before any create', async () => {
    const { store, rules } = await legs();
    const { step, run } = setUp({ platforms: 'linux/amd64,linux/arm64,linux/s390x', tags: 'latest' }, rules);
    const error = (await run(store)) as ActionError;
    expect(error.line).toMatch(
      /^merge: no leg was handed off \(cache\) for linux\/s390x; .*nothing was pushed$/,
    );
    expect(error.input).toBe('platforms');
    expect(step.exec.commands.some((c) => c.includes(' create '))).toBe(false);
  });

  it('sources holding a platform that platforms does not list: refused, nothing pushed', async () => {
    const both = merged({});
    const { step, run } = setUp(
      { platforms: 'linux/amd64', tags: 'latest', sources: `${IMAGE}:rc1`, handoff: 'auto' },
      [{ match: / imagetools inspect --raw ghcr.io\/acme\/app:rc1$/, answer: { stdout: both } }],
    );
    const error = (await run(new MemoryStore())) as ActionError;
    expect(error.line).toBe(
      'merge: the sources do not match platforms (not in platforms: linux/arm64); nothing was pushed',
    );
    expect(step.exec.commands.some((c) => c.includes(' create '))).toBe(false);
  });

  it('retries a create the registry answers 503, then reports where every tag points', async () => {
    const { store, rules } = await legs();
    const before = merged({});
    const { step, run } = setUp({ platforms: 'linux/amd64,linux/arm64', tags: 'latest' }, [
      ...rules,
      { match: / imagetools create /, answer: { code: 1, stderr: 'ERROR: 503 Service Unavailable' } },
      { match: / imagetools inspect --raw ghcr.io\/acme\/app:latest$/, answer: { stdout: before } },
    ]);
    const error = (await run(store)) as ActionError;
    expect(step.exec.commands.filter((c) => c.includes(' create '))).toHaveLength(4);
    expect(step.log.at('warning').filter((w) => w.startsWith(`publishing ${IMAGE} failed`))).toHaveLength(3);
    expect(error.line).toBe(
      `merge: publishing ${IMAGE} failed: 503 Service Unavailable; tags now: :latest still has its previous ${sha256(before).slice(0, 19)} (a tag holds its previous index or the complete new one, never a partial index; re-run the merge to update the rest)`,
    );
  });

  it('a 401 on create is not retried', async () => {
    const { store, rules } = await legs();
    const { step, run } = setUp({ platforms: 'linux/amd64,linux/arm64', tags: 'latest' }, [
      ...rules,
      { match: / imagetools create /, answer: { code: 1, stderr: 'ERROR: 401 Unauthorized' } },
      {
        match: / imagetools inspect --raw ghcr.io\/acme\/app:latest$/,
        answer: { code: 1, stderr: 'ERROR: ghcr.io/acme/app:latest: not found' },
      },
    ]);
    const error = (await run(store)) as ActionError;
    expect(step.exec.commands.filter((c) => c.includes(' create '))).toHaveLength(1);
    expect(error.message).toContain(':latest does not exist');
  });
});
