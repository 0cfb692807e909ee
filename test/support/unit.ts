// Shared by the unit tests: inputs and runner contexts built from plain objects, as the runner would give them.
import { readFileSync } from 'node:fs';
import { readInputs } from '../../src/inputs/inputs.js';
import type { Inputs } from '../../src/inputs/types.js';
import { readContext, type Machine, type RunnerContext } from '../../src/runner/context.js';

/** Inputs as readInputs parses them from `values` (input name → value as written in the workflow). */
export function inputsOf(values: Record<string, string>, env?: NodeJS.ProcessEnv): Inputs {
  const map = new Map(Object.entries(values));
  return readInputs(
    (name) => (map.get(name) ?? '').trim(),
    env ? { env, os: 'linux', arch: 'x64' } : undefined,
  );
}

/**
 * The runner context a step with environment `env` reads, on a linux/x64 machine running as root. Its
 * binfmt_misc and host state dirs do not exist unless `machine` names real (temporary) ones: a unit test
 * never touches the host's QEMU handlers.
 */
export const ctxOf = (env: NodeJS.ProcessEnv = {}, machine: Partial<Machine> = {}): RunnerContext =>
  readContext(env, {
    os: 'linux',
    arch: 'x64',
    uid: 0,
    cwd: '/work',
    home: '/root',
    ppid: 0,
    binfmtDir: '/nonexistent/binfmt_misc',
    hostStateDir: '/nonexistent/multiarch-build-action',
    // The event payload (GITHUB_EVENT_PATH) is read as the runner's would be, when a test gives one.
    readFile: (path) => readFileSync(path, 'utf8'),
    ...machine,
  });
