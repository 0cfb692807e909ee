import type { Exec } from '../exec/exec.js';
import type { RunnerContext } from './context.js';
import type { Log } from './log.js';
import type { Outputs, StateStore } from './state.js';

/**
 * What every phase of a step works with: the runner's facts, the process runner, the log, the state handed
 * to post and the step's outputs. The entry builds the real one; tests build one from fakes.
 */
export interface Step {
  ctx: RunnerContext;
  exec: Exec;
  log: Log;
  state: StateStore;
  outputs: Outputs;
}
