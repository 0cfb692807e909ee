// Shared pieces of the benchmark harness: timed processes, the action run with a per-line timeline,
// interleaved sampling, statistics and machine information.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { node24, root, runAction } from '../scripts/run-action.mjs';

export { node24, root };

export const now = () => performance.now();

/** The e2e environment `scripts/e2e-env.sh up` provisioned: E2E_REGISTRY, E2E_BASE_IMAGE, … */
export { e2eEnv } from '../scripts/e2e-env.mjs';

/** A fresh directory under the system temp dir, removed by `cleanupTemp()`. */
const temps = [];
export function tempDir(prefix = 'bench-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export function cleanupTemp() {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * Runs one process and times it from spawn to exit; every output line gets the ms (since spawn) at which
 * its chunk arrived. Fails loudly on a non-zero exit unless `allowFailure`.
 */
export function timed(argv, { env, input, allowFailure = false, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn(argv[0], argv.slice(1), {
      env: env ?? process.env,
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let firstByte;
    const onData = (c) => {
      firstByte ??= now() - t0;
      out += c;
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    if (input !== undefined) child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = now() - t0;
      if (code !== 0 && !allowFailure)
        reject(new Error(`${argv.slice(0, 4).join(' ')} exited ${code}:\n${out.slice(-2000)}`));
      else resolve({ ms, code, out, firstByte });
    });
  });
}

/** `bash -c script`, timed as one unit (how a workflow's `run:` step spends it). */
export const timedShell = (script, opts) => timed(['bash', '-euo', 'pipefail', '-c', script], opts);

/**
 * Runs the action's main step as the runner does (scripts/run-action.mjs), then post. Records, for every
 * output line, when (ms since spawn) it arrived: the phases and spawns can then be timed to the ms.
 */
export async function runActionTimed(inputs, options = {}) {
  // runAction's post() spawns with the same options, so onSpawn sees main first, then post.
  const procs = [];
  const onSpawn = (child) => {
    const proc = { t0: now(), lines: [], end: undefined };
    procs.push(proc);
    let rest = '';
    const onData = (c) => {
      const t = now() - proc.t0;
      const parts = (rest + c).split('\n');
      rest = parts.pop();
      for (const text of parts) proc.lines.push({ t, text });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', () => (proc.end = now() - proc.t0));
  };
  const main = await runAction(inputs, { ...options, onSpawn });
  let post;
  try {
    if (main.code !== 0)
      throw new Error(`action failed (${main.error ?? main.code}):\n${main.log.slice(-3000)}`);
    if (options.post !== false) {
      post = await main.post();
      if (post.code !== 0) throw new Error(`post failed:\n${post.log}`);
    }
  } finally {
    rmSync(main.dir, { recursive: true, force: true });
  }
  const [m, p] = procs;
  return {
    ...main,
    lines: m.lines,
    /** performance.now() when main was spawned (to line up other clocks). */
    mainSpawnAt: m.t0,
    mainMs: m.end,
    postMs: p?.end ?? 0,
    postFirstByte: p?.lines[0]?.t,
    postLog: post?.log ?? '',
    totalMs: m.end + (p?.end ?? 0),
  };
}

/** Index of the first line matching `re` after index `after`, or -1. */
export function findLine(lines, re, after = -1) {
  for (let i = after + 1; i < lines.length; i++) if (re.test(lines[i].text)) return i;
  return -1;
}

/** Phase seconds from the job summary's `<sub>qemu 0.0 s · builder 0.0 s · … · total 0.5 s</sub>` line. */
export function summaryPhases(summary) {
  const sub = /<sub>(.*)<\/sub>/.exec(summary)?.[1] ?? '';
  return Object.fromEntries(
    sub
      .split(' · ')
      .map((p) => /^(\S+) ([\d.]+) s$/.exec(p.trim()))
      .filter(Boolean)
      .map((m) => [m[1], Number(m[2])]),
  );
}

/**
 * Interleaved sampling: one warm-up round of every variant (discarded), then `runs` rounds A B C A B C …
 * Each variant: { name, setup?(): untimed preparation, run(): returns { ms, ...details } }.
 */
export async function interleave(variants, { runs, warmup = 1, log = () => {} }) {
  const samples = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let round = -warmup; round < runs; round++) {
    for (const v of variants) {
      if (v.setup) await v.setup(round);
      const r = await v.run(round);
      if (round >= 0) samples[v.name].push(r);
      log(`${round < 0 ? 'warm-up' : `run ${round + 1}/${runs}`} ${v.name}: ${r.ms.toFixed(0)} ms`);
    }
  }
  return samples;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median, min, max and n of a list of ms, rounded to 0.1 ms. */
export function stats(xs) {
  const r = (x) => Math.round(x * 10) / 10;
  return { median: r(median(xs)), min: r(Math.min(...xs)), max: r(Math.max(...xs)), n: xs.length };
}

/** stats() of one numeric field across samples. */
export const field = (samples, key) => stats(samples.map((s) => s[key]).filter((x) => x !== undefined));

const quiet = (argv) => {
  try {
    return execFileSync(argv[0], argv.slice(1), {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
};

export function machineInfo() {
  const version = JSON.parse(quiet(['docker', 'version', '--format', 'json']) || '{}');
  const info = JSON.parse(quiet(['docker', 'info', '--format', 'json']) || '{}');
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    docker: { server: version.Server?.Version, client: version.Client?.Version },
    storage: info.Driver,
    containerdStore: JSON.stringify(info.DriverStatus ?? []).includes('io.containerd.snapshotter'),
    buildx: quiet(['docker', 'buildx', 'version']),
    node: quiet([node24, '--version']),
    harnessNode: process.version,
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** Which commit and which bundle were measured: dist/ may be rebuilt between runs. */
export function codeInfo() {
  const hash = (f) => createHash('sha256').update(readFileSync(f)).digest('hex').slice(0, 16);
  return {
    commit: quiet(['git', '-C', root, 'rev-parse', '--short', 'HEAD']),
    // Paths only, the status column dropped.
    dirty: quiet(['git', '-C', root, 'status', '--porcelain', '--', 'src', 'dist'])
      .split('\n')
      .filter(Boolean)
      .map((l) => l.trim().replace(/^\S+\s+/, '')),
    distIndexSha256: hash(join(root, 'dist', 'index.js')),
  };
}

/** The chunks dist/index.js can reach through `__webpack_require__.e(N)`, transitively. */
export function reachableChunks(dist = join(root, 'dist')) {
  const seen = new Set(['index.js']);
  const queue = ['index.js'];
  while (queue.length) {
    const text = readFileSync(join(dist, queue.shift()), 'utf8');
    for (const m of text.matchAll(
      /(?:__nccwpck_require__|__webpack_require__)\.e\((?:\/\* import\(\) \*\/ )?(\d+)\)/g,
    )) {
      const f = `${m[1]}.index.js`;
      if (!seen.has(f) && existsSync(join(dist, f))) {
        seen.add(f);
        queue.push(f);
      }
    }
  }
  const all = readdirSync(dist).filter((f) => f.endsWith('.js'));
  return {
    files: Object.fromEntries(all.sort().map((f) => [f, statSync(join(dist, f)).size])),
    reachable: [...seen].sort(),
    stale: all.filter((f) => !seen.has(f)).sort(),
  };
}

/** Where the docker CLI finds the buildx plugin (to time it without the CLI in front). */
export function buildxPluginPath() {
  const plugins = JSON.parse(quiet(['docker', 'info', '--format', '{{json .ClientInfo.Plugins}}']) || '[]');
  return plugins.find((p) => p.Name === 'buildx')?.Path;
}

/** Splits the action's main log into the spans between its landmarks, in ms. */
export function breakdown(run) {
  const L = run.lines;
  const at = (i) => (i < 0 ? undefined : L[i].t);
  const cmd = findLine(L, /^\[command\] docker buildx build /);
  const buildEnd = findLine(L, /^::endgroup::$/, cmd);
  const verifyStart = findLine(L, /^::group::Verifying/, buildEnd);
  const verifyEnd = verifyStart < 0 ? -1 : findLine(L, /^::endgroup::$/, verifyStart);
  const first = at(0);
  const last = at(verifyEnd) ?? at(buildEnd);
  return {
    startup: first,
    beforeBuild: at(cmd) - first,
    build: at(buildEnd) - at(cmd),
    betweenBuildAndVerify: verifyStart < 0 ? undefined : at(verifyStart) - at(buildEnd),
    verify: verifyStart < 0 ? undefined : at(verifyEnd) - at(verifyStart),
    exit: run.mainMs - last,
    main: run.mainMs,
    post: run.postMs,
    total: run.totalMs,
  };
}

/** Build steps from `--progress plain`: `#N [linux/arm64 stage-0 2/3] RUN …` … `#N DONE 2.3s` / `#N CACHED`. */
export function buildSteps(log) {
  const steps = new Map();
  for (const line of log.split('\n')) {
    const head =
      /^#(\d+) (\[[^\]]*\] .*|importing cache manifest.*|exporting cache.*|exporting to image.*)$/.exec(line);
    if (head && !steps.has(head[1])) {
      steps.set(head[1], { name: head[2], seconds: undefined, cached: false });
      continue;
    }
    const done = /^#(\d+) (DONE ([\d.]+)s|CACHED)$/.exec(line);
    if (done && steps.has(done[1])) {
      const s = steps.get(done[1]);
      if (done[2] === 'CACHED') s.cached = true;
      else s.seconds = Number(done[3]);
    }
  }
  return [...steps.values()];
}
