import { ProcessExec } from './exec/exec.js';
import { readContext } from './runner/context.js';
import { runnerLog } from './runner/log.js';
import { runnerOutputs, runnerState } from './runner/state.js';
import type { Step } from './runner/step.js';

/**
 * The entry: main and post share one bundle (as Docker's actions do); the saved isPost state tells them
 * apart. The only place that reads process.env and wires the real runner, processes and signals together.
 */
export async function run(): Promise<void> {
  const ctx = readContext(process.env);
  // @actions/tool-cache reads these from the environment; outside a runner they are not set.
  process.env.RUNNER_TEMP ||= ctx.tempDir;
  process.env.RUNNER_TOOL_CACHE ||= ctx.toolCache;
  const exec = new ProcessExec(process.env, runnerLog);
  const step: Step = { ctx, exec, log: runnerLog, state: runnerState, outputs: runnerOutputs };
  if (runnerState.get('isPost') === 'true') {
    const { post } = await import('./post.js');
    return post(step);
  }
  runnerState.save('isPost', 'true');
  // On cancellation the runner signals this process; the docker/buildx children go down with it.
  process.once('SIGTERM', () => exec.cancel('SIGTERM'));
  process.once('SIGINT', () => exec.cancel('SIGINT'));
  const { main } = await import('./main.js');
  if (!(await main(step))) process.exitCode = 1;
}
