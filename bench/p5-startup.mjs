// P5: `node dist/index.js` to its first log line, what the bundle costs to load, and how big it is.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { field, interleave, node24, now, reachableChunks, root, tempDir } from './lib.mjs';

const ACTION_ENV_KEYS = ['PATH', 'HOME', 'DOCKER_CONFIG'];

/** The environment runAction builds (runner files in a fresh dir), with the given INPUT_* / STATE_*. */
function runnerEnv(extra) {
  const dir = tempDir('bench-p5-');
  const env = Object.fromEntries(
    ACTION_ENV_KEYS.filter((k) => process.env[k]).map((k) => [k, process.env[k]]),
  );
  for (const [k, f] of Object.entries({ GITHUB_OUTPUT: 'o', GITHUB_STATE: 's', GITHUB_STEP_SUMMARY: 'm' })) {
    env[k] = join(dir, f);
    writeFileSync(env[k], '');
  }
  return {
    ...env,
    RUNNER_TEMP: dir,
    RUNNER_OS: 'Linux',
    GITHUB_ACTIONS: 'true',
    GITHUB_RUN_ID: '1000',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'bench',
    GITHUB_EVENT_NAME: 'push',
    ...extra,
  };
}

/** Spawn to first stdout byte (then, with `kill`, the process is stopped there) and spawn to exit. */
function firstByte(argv, env, { kill = false } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let first;
    let err = '';
    child.stdout.once('data', () => {
      first = now() - t0;
      if (kill) child.kill('SIGKILL');
    });
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (first === undefined) reject(new Error(`${argv.join(' ')}: no output (${code ?? signal}) ${err}`));
      else resolve({ ms: first, exit: now() - t0, code, signal });
    });
  });
}

/** Self and inclusive time per bundle file and per top module of a --cpu-prof profile (inflated by sampling). */
export function summariseProfile(file) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  p.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const inclusive = new Map();
  const incl = (id) => {
    if (inclusive.has(id)) return inclusive.get(id);
    const n = byId.get(id);
    const t = (self.get(id) ?? 0) + (n.children ?? []).reduce((a, c) => a + incl(c), 0);
    inclusive.set(id, t);
    return t;
  };
  const ms = (us) => Math.round(us / 100) / 10;
  const total = incl(p.nodes[0].id);
  const sum = (pred) => p.nodes.filter(pred).reduce((a, n) => a + incl(n.id), 0);
  const base = (url) => url.replace(/^.*\/dist\//, 'dist/');
  // Compiling a bundle file: compileSourceTextModule (ESM entry) or the chunk loader's compile.
  const compile = ms(
    sum((n) => /^compileSourceTextModule$|^compileFunction|^wrapSafe$/.test(n.callFrame.functionName)),
  );
  // Module factories of the bundle: a function named by its webpack id in dist/index.js.
  const factories = p.nodes.filter(
    (n) => /^\d+$/.test(n.callFrame.functionName) && n.callFrame.url.endsWith('/dist/index.js'),
  );
  const bundle = readFileSync(join(root, 'dist', 'index.js'), 'utf8');
  const label = (id) => {
    const ext = new RegExp(`// EXTERNAL MODULE: (.+)\\nvar \\w+ = __nccwpck_require__\\(${id}\\);`).exec(
      bundle,
    );
    if (ext) return ext[1].replace(/ \+ \d+ modules?$/, '').replace(/^\.\//, '');
    const at = bundle.indexOf(`/***/ ${id}:`);
    const body = at < 0 ? '' : bundle.slice(at, bundle.indexOf('/***/ })', at));
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(body)?.[0];
    if (pkg) return pkg;
    // The action's own modules are ESM (harmony) modules; the dependencies here are CommonJS.
    return /harmony (import|export)/.test(body) ? `src module ${id}` : `dependency module ${id}`;
  };
  const seen = new Set();
  const evaluated = factories
    .map((n) => ({ id: n.callFrame.functionName, ms: ms(incl(n.id)) }))
    .filter((m) => (seen.has(m.id) ? false : seen.add(m.id)))
    .sort((a, b) => b.ms - a.ms)
    .map((m) => ({ ...m, label: label(m.id) }));
  // The entry's evaluation (inclusive) is the largest; what is under it by dependency:
  const entryMs = evaluated[0]?.ms ?? 0;
  const modules = evaluated.filter((m) => !/^(src|dependency) module/.test(m.label)).slice(0, 6);
  const files = new Map();
  for (const n of p.nodes) {
    const url = n.callFrame.url;
    const key = url.includes('/dist/')
      ? base(url)
      : url.startsWith('node:')
        ? 'node: internals'
        : url || '(vm)';
    files.set(key, (files.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  return {
    sampledMs: ms(total),
    compileMs: compile,
    entryEvaluationMs: entryMs,
    selfByFile: Object.fromEntries([...files].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, ms(v)])),
    slowestModules: modules,
  };
}

function profile(env) {
  const dir = tempDir('bench-prof-');
  // Exit status ignored: the bad-input run fails by design.
  spawnSync(
    node24,
    ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', join(root, 'dist', 'index.js')],
    {
      env,
      stdio: 'ignore',
    },
  );
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  return summariseProfile(join(dir, file));
}

export async function p5({ runs, log, mainInputs }) {
  const dist = join(root, 'dist', 'index.js');
  // @actions/core alone, bundled the way the action is: what loading it costs a process.
  const coreDir = tempDir('bench-core-');
  execFileSync(
    join(root, 'node_modules', '.bin', 'ncc'),
    ['build', join(root, 'bench', 'probe', 'core-only.mjs'), '-o', coreDir, '--target', 'es2022', '-q'],
    {
      cwd: root,
      stdio: 'ignore',
    },
  );
  const coreBundle = join(
    coreDir,
    readdirSync(coreDir).find((f) => /^index\.m?js$/.test(f)),
  );
  writeFileSync(join(coreDir, 'package.json'), '{ "type": "module" }\n');
  // INPUT_* as runAction sets them: every action.yml default, then the inputs.
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
  const inputEnv = {};
  for (const [k, spec] of Object.entries(action.inputs))
    if (spec.default !== undefined) inputEnv[`INPUT_${k.toUpperCase()}`] = String(spec.default);
  for (const [k, v] of Object.entries(mainInputs)) inputEnv[`INPUT_${k.toUpperCase()}`] = String(v);
  const variants = [
    {
      name: 'node (hello.mjs)',
      run: () => firstByte([node24, join(root, 'bench', 'probe', 'hello.mjs')], runnerEnv()),
    },
    { name: '@actions/core alone (ncc bundle)', run: () => firstByte([node24, coreBundle], runnerEnv()) },
    // The first line a real main prints (its first group), after inputs, the engine probe and the pipeline chunk.
    {
      name: 'main: first log line',
      run: () => firstByte([node24, dist], runnerEnv(inputEnv), { kill: true }),
    },
    // Inputs rejected at once: bundle + main chunk load, no I/O; its one line is the error.
    {
      name: 'main: bundle + main chunk (bad input)',
      run: () => firstByte([node24, dist], runnerEnv({ INPUT_MODE: 'bench' })),
    },
    // Post with nothing to clean (driver: docker): the whole process is load + exit.
    {
      name: 'post with nothing to do (exit)',
      run: async () => {
        const t0 = now();
        execFileSync(node24, [dist], { env: runnerEnv({ STATE_isPost: 'true' }), stdio: 'ignore' });
        return { ms: now() - t0 };
      },
    },
  ];
  const samples = await interleave(variants, { runs, log });
  const stats = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, field(v, 'ms')]));
  const firstLine = stats['main: first log line'].median;
  const sizes = reachableChunks();
  return {
    title: 'P5 start-up: node dist/index.js to its first log line; bundle size',
    stats,
    bundleLoadMs: Math.round(
      stats['main: bundle + main chunk (bad input)'].median - stats['node (hello.mjs)'].median,
    ),
    coreLoadMs: Math.round(
      stats['@actions/core alone (ncc bundle)'].median - stats['node (hello.mjs)'].median,
    ),
    firstLineMs: Math.round(firstLine),
    coreBundleBytes: readFileSync(coreBundle).length,
    sizes,
    profiles: {
      'main, bad input (index.js + main chunk)': profile(runnerEnv({ INPUT_MODE: 'bench' })),
      'post, nothing to do (index.js + post chunk)': profile(runnerEnv({ STATE_isPost: 'true' })),
    },
  };
}
