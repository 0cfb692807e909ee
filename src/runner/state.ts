import * as core from '@actions/core';

/** What main hands to post through the runner's state file. Saved before the thing it names exists. */
export const STATE_KEYS = {
  isPost: 'isPost',
  builder: 'builder',
  /** The BuildKit container main started for its builder's own node (post removes it and its volume). */
  localNode: 'local-node',
  /** The buildx binary main ran (post must remove the builder with the same one). */
  buildx: 'buildx',
  tempDir: 'temp-dir',
  qemuRegistered: 'qemu-registered',
  /** This run's id in the host's QEMU handler records (post drops its use of them). */
  qemuUser: 'qemu-user',
} as const;

export type StateKey = keyof typeof STATE_KEYS;

/** The state seam: the runner's state file in production, a map in tests. */
export interface StateStore {
  save(key: StateKey, value: string): void;
  /** The value main saved, or '' when it saved none. */
  get(key: StateKey): string;
}

export const runnerState: StateStore = {
  save: (key, value) => core.saveState(STATE_KEYS[key], value),
  get: (key) => core.getState(STATE_KEYS[key]),
};

/** Every output the step sets; action.yml declares exactly these (a unit test holds them together). */
export const OUTPUT_NAMES = [
  'digest',
  'imageid',
  'metadata',
  'platforms',
  'tags',
  'cache',
  'builder',
  'driver',
  'builder-platforms',
  'nodes',
  'endpoint',
  'qemu-platforms',
  'handoff',
  'manifest',
] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

/** Step outputs: the runner's output file in production, a map in tests. */
export interface Outputs {
  set(name: OutputName, value: string): void;
}

export const runnerOutputs: Outputs = { set: (name, value) => core.setOutput(name, value) };
