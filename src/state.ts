import * as core from '@actions/core';

/** What main hands to post through the runner's state file. Saved before the thing it names exists. */
export const State = {
  isPost: 'isPost',
  builder: 'builder',
  tempDir: 'temp-dir',
  qemuRegistered: 'qemu-registered',
} as const;

export const saveState = (key: keyof typeof State, value: string): void => core.saveState(State[key], value);
export const getState = (key: keyof typeof State): string => core.getState(State[key]);
