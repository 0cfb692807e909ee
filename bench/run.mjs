// `npm run bench`: the benchmarks of issue 7 against the real engine, buildx, QEMU and registry that
// scripts/e2e-env.sh provides. Interleaved runs (A B A B …) after one warm-up round; medians and ratios.
// Writes bench/results/<UTC stamp>.json and prints a Markdown summary (also bench/results/<stamp>.md).
//
//   node bench/run.mjs [--only p1,p3] [--runs N]    (default: P1, P5 and P6 7 runs, the others 5)
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { cleanupTemp, codeInfo, e2eEnv, machineInfo, now, root } from './lib.mjs';
import { p1 } from './p1-overhead.mjs';
import { p2 } from './p2-cache.mjs';
import { p3 } from './p3-merge.mjs';
import { p4 } from './p4-qemu.mjs';
import { p5 } from './p5-startup.mjs';
import { p6 } from './p6-builder.mjs';
import { p7 } from './p7-nodes.mjs';
import { render } from './render.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
};
const only = (opt('only') ?? 'p5,p1,p3,p2,p4,p6,p7').split(',');
const runsOverride = opt('runs') ? Number(opt('runs')) : undefined;
if (runsOverride !== undefined && !(runsOverride >= 1)) throw new Error('--runs needs a number ≥ 1');

if (process.getuid?.() !== 0)
  throw new Error('the benchmarks write /proc/sys/fs/binfmt_misc (P4): run as root');
const env = e2eEnv();
const started = new Date();
const stamp = started
  .toISOString()
  .replace(/[:.]/g, '-')
  .replace(/-\d{3}Z$/, 'Z');
const id = stamp.toLowerCase().replace(/[^a-z0-9]/g, '');
const log = (m) => process.stderr.write(`[bench] ${m}\n`);

const mainInputs = {
  context: `${root}/example`,
  platforms: 'linux/amd64,linux/arm64',
  image: `${env.E2E_REGISTRY}/bench/p1`,
  tags: 'latest',
  push: 'true',
  driver: 'docker',
  'build-args': `BASE=${env.E2E_BASE_IMAGE}`,
};
const benches = {
  p5: () => p5({ runs: runsOverride ?? 7, log, mainInputs }),
  p1: () => p1({ env, runs: runsOverride ?? 7, log }),
  p3: () => p3({ env, runs: runsOverride ?? 5, log, stamp: id }),
  p2: () => p2({ env, runs: runsOverride ?? 5, log, stamp: id }),
  p4: () => p4({ env, runs: runsOverride ?? 5, log }),
  p6: () => p6({ env, runs: runsOverride ?? 7, log }),
  p7: () => p7({ env, runs: runsOverride ?? 5, log }),
};

const results = {
  date: started.toISOString(),
  machine: machineInfo(),
  code: codeInfo(),
  e2e: { registry: env.E2E_REGISTRY, baseImage: env.E2E_BASE_IMAGE },
  benchmarks: {},
  errors: {},
  seconds: {},
};
try {
  for (const name of only) {
    if (!benches[name]) throw new Error(`no benchmark ${name} (have ${Object.keys(benches).join(', ')})`);
    const t0 = now();
    log(
      `${name}: start (load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')})`,
    );
    try {
      results.benchmarks[name] = await benches[name]();
    } catch (e) {
      // One failed benchmark (e.g. another job changing the shared engine under it) keeps the others' results.
      results.errors[name] = String(e?.stack ?? e);
      log(`${name}: FAILED: ${e?.message ?? e}`);
    }
    results.seconds[name] = Math.round((now() - t0) / 100) / 10;
    log(`${name}: done in ${results.seconds[name]} s`);
  }
} finally {
  cleanupTemp();
}
results.loadavgAfter = machineInfo().loadavg;
const dir = join(root, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${stamp}.json`);
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
const md = render(results);
writeFileSync(join(dir, `${stamp}.md`), md);
process.stdout.write(md);
log(`results: ${file}`);
if (Object.keys(results.errors).length) process.exitCode = 1;
