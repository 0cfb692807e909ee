// What identifies a leg's build configuration, as hashes: enough for the merge to prove that every platform it
// publishes was built the same way, never enough to read a value back. Pure.
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Inputs, KeyValue } from '../inputs/types.js';

/**
 * The inputs that make one variant of an image differ from another. Labels and annotations are left out on
 * purpose: docker/metadata-action stamps them with the time each job ran, so legs of one variant differ there.
 * Secrets are left out too: a hash of a short secret could be guessed back.
 */
export const CONFIG_INPUTS = ['context', 'file', 'target', 'build-args', 'build-contexts'] as const;
export type ConfigInput = (typeof CONFIG_INPUTS)[number];

export interface BuildConfig {
  /** 12 hex digits over every input's hash: equal configurations, equal fingerprints. */
  fingerprint: string;
  /** Each input's own hash (12 hex digits), so a difference can be named without showing a value. */
  inputs: Record<ConfigInput, string>;
}

const hex12 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** A local path as the same on every runner: relative to the workspace when inside it. URLs stay as they are. */
function normalisePath(value: string, workspace: string): string {
  if (value === '' || /^[a-z][a-z0-9+.-]*:\/\/|^git@|^-$/i.test(value)) return value;
  const absolute = resolve(workspace, value);
  const inside = relative(workspace, absolute);
  return inside.startsWith('..') || isAbsolute(inside) ? absolute : inside || '.';
}

/** build-args as buildx applies them: the last value of a name wins, order does not matter. */
function canonicalPairs(pairs: KeyValue[], value: (v: string) => string = (v) => v): string {
  const last = new Map(pairs.map((kv) => [kv.key, value(kv.value)]));
  return JSON.stringify([...last].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The configuration of a leg's build. Hashes are salted with the run id: a record from another run never
 * compares equal, and nothing can be matched against hashes published elsewhere.
 */
export function buildConfig(inputs: Inputs, workspace: string, runId: string): BuildConfig {
  const path = (v: string) => normalisePath(v, workspace);
  const canonical: Record<ConfigInput, string> = {
    // Unset: the Git context of the workflow's commit, the same for every leg of the run.
    context: inputs.context === undefined ? '<git context of the commit>' : path(inputs.context),
    file: inputs.file ? path(inputs.file) : '',
    target: inputs.target ?? '',
    'build-args': canonicalPairs(inputs.buildArgs),
    'build-contexts': canonicalPairs(inputs.buildContexts, path),
  };
  const hashes = Object.fromEntries(
    CONFIG_INPUTS.map((name) => [
      name,
      hex12(`multiarch-build-action config\n${runId}\n${name}\n${canonical[name]}`),
    ]),
  ) as Record<ConfigInput, string>;
  const fingerprint = hex12(CONFIG_INPUTS.map((name) => `${name}=${hashes[name]}`).join('\n'));
  return { fingerprint, inputs: hashes };
}

/** The inputs two configurations differ in, in CONFIG_INPUTS order (empty when they are the same). */
export function differingInputs(a: BuildConfig, b: BuildConfig): ConfigInput[] {
  return CONFIG_INPUTS.filter((name) => a.inputs[name] !== b.inputs[name]);
}
