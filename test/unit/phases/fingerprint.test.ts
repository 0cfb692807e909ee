import { describe, expect, it } from 'vitest';
import { buildConfig, CONFIG_INPUTS, differingInputs } from '../../../src/phases/fingerprint.js';
import { inputsOf } from '../../support/unit.js';

const leg = (values: Record<string, string>) =>
  inputsOf({ mode: 'build', image: 'ghcr.io/acme/app', platforms: 'linux/amd64', ...values });
const config = (values: Record<string, string>, workspace = '/home/runner/work/app/app', runId = '42') =>
  buildConfig(leg(values), workspace, runId);

describe('buildConfig', () => {
  it('hashes each input to 12 hex digits and the whole to one fingerprint', () => {
    const c = config({ target: 'slim' });
    expect(c.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(Object.keys(c.inputs)).toEqual([...CONFIG_INPUTS]);
    for (const h of Object.values(c.inputs)) expect(h).toMatch(/^[0-9a-f]{12}$/);
  });

  it.each([
    ['target', { target: 'slim' }, { target: 'full' }],
    ['build-args', { 'build-args': 'FLAVOUR=slim' }, { 'build-args': 'FLAVOUR=full' }],
    ['file', { file: 'Dockerfile' }, { file: 'Dockerfile.full' }],
    ['context', { context: 'app' }, { context: 'other' }],
    [
      'build-contexts',
      { 'build-contexts': 'base=docker-image://alpine:3.20' },
      { 'build-contexts': 'base=docker-image://alpine:3.21' },
    ],
  ])('a difference in %s is named, and only that', (input, a, b) => {
    expect(differingInputs(config(a), config(b))).toEqual([input]);
    expect(config(a).fingerprint).not.toBe(config(b).fingerprint);
  });

  it.each([
    ['build-args in another order', { 'build-args': 'A=1\nB=2' }, { 'build-args': 'B=2\nA=1' }],
    [
      'a build-arg given twice: the last wins, as in buildx',
      { 'build-args': 'A=0\nA=1' },
      { 'build-args': 'A=1' },
    ],
    ['context . and ./ and the workspace itself', { context: '.' }, { context: '/home/runner/work/app/app' }],
    [
      'a file given relative or absolute inside the workspace',
      { file: 'docker/Dockerfile' },
      { file: '/home/runner/work/app/app/docker/Dockerfile' },
    ],
    [
      'labels (metadata-action stamps each job’s time)',
      { labels: 'org.opencontainers.image.created=2026-01-01T00:00:01Z' },
      { labels: 'org.opencontainers.image.created=2026-01-01T00:00:09Z' },
    ],
    [
      'annotations, secrets, cache, QEMU and builder inputs',
      { annotations: 'manifest:a=1', secrets: 'token=s3cr3t-value-9f2a', cache: 'off', qemu: 'off' },
      {},
    ],
    [
      'platforms (legs differ by platform by design)',
      { platforms: 'linux/arm64' },
      { platforms: 'linux/amd64' },
    ],
  ])('the same configuration: %s', (_name, a, b) => {
    expect(config(a).fingerprint).toBe(config(b).fingerprint);
  });

  it('legs on runners with different workspaces agree when their paths are inside the workspace', () => {
    expect(config({ context: '.', file: 'Dockerfile' }, '/home/runner/work/app/app').fingerprint).toBe(
      config({ context: '.', file: 'Dockerfile' }, '/srv/runner-2/_work/app/app').fingerprint,
    );
  });

  it('is salted with the run: the same configuration in another run has another fingerprint', () => {
    expect(config({ target: 'slim' }, undefined, '42').fingerprint).not.toBe(
      config({ target: 'slim' }, undefined, '43').fingerprint,
    );
  });

  it('shows no value: a build-arg’s value appears in no hash or field', () => {
    const c = config({ 'build-args': 'VERSION=1.2.3-very-recognisable' });
    expect(JSON.stringify(c)).not.toContain('recognisable');
    expect(JSON.stringify(c)).not.toContain('VERSION');
  });
});
