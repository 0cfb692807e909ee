// P1: the whole action (main + post; mode: all, driver: docker, handlers registered, warm layers, push,
// verification) against the very `docker buildx build` command line it runs, run directly.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  breakdown,
  buildSteps,
  buildxPluginPath,
  field,
  interleave,
  root,
  runActionTimed,
  stats,
  summaryPhases,
  tempDir,
  timed,
} from './lib.mjs';

/** The environment runAction gives the action, plus what the action sets for its own build. */
function rawEnv() {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.DOCKER_CONFIG ? { DOCKER_CONFIG: process.env.DOCKER_CONFIG } : {}),
    BUILDX_BUILDER: 'default',
    BUILDX_METADATA_PROVENANCE: 'disabled',
  };
}

/** A `docker` first on PATH that records when each real docker process started and ended (one traced run). */
function dockerShim(dir, realDocker, trace) {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'docker'),
    `#!/bin/sh\ns=$(date +%s%N)\n${realDocker} "$@"\nrc=$?\necho "$s $(date +%s%N) $rc $*" >> ${trace}\nexit $rc\n`,
  );
  chmodSync(join(bin, 'docker'), 0o755);
  return bin;
}

export async function traceSpawns(inputs, log) {
  const dir = tempDir('bench-trace-');
  const trace = join(dir, 'trace.txt');
  writeFileSync(trace, '');
  const realDocker = (await timed(['sh', '-c', 'command -v docker'])).out.trim();
  const bin = dockerShim(dir, realDocker, trace);
  // The action runs the buildx plugin binary directly when it finds one: a shim where the docker CLI
  // looks first (DOCKER_CONFIG), beside a copy of the credentials, traces those processes too.
  const config = join(dir, 'docker-config');
  mkdirSync(join(config, 'cli-plugins'), { recursive: true });
  const home = join(homedir(), '.docker');
  if (existsSync(join(home, 'config.json')))
    copyFileSync(join(home, 'config.json'), join(config, 'config.json'));
  const plugin = join(config, 'cli-plugins', 'docker-buildx');
  writeFileSync(
    plugin,
    `#!/bin/sh\ns=$(date +%s%N)\n${join(home, 'cli-plugins', 'docker-buildx')} "$@"\nrc=$?\necho "$s $(date +%s%N) $rc buildx $*" >> ${trace}\nexit $rc\n`,
  );
  chmodSync(plugin, 0o755);
  const run = await runActionTimed(inputs, {
    env: { PATH: `${bin}:${process.env.PATH}`, DOCKER_CONFIG: config },
  });
  const origin = performance.timeOrigin;
  // proc t0 is performance.now() at spawn; the trace has epoch ns.
  const mainSpawnEpoch = origin + run.mainSpawnAt;
  const spawns = readFileSync(trace, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [s, e, rc, ...argv] = l.split(' ');
      return {
        at: Math.round(Number(s) / 1e6 - mainSpawnEpoch),
        ms: Math.round((Number(e) - Number(s)) / 1e6),
        code: Number(rc),
        argv: ['docker', ...argv].join(' ').replace(/--metadata-file \S+/, '--metadata-file …'),
      };
    });
  log(`traced ${spawns.length} docker spawn(s)`);
  return { spawns, mainMs: Math.round(run.mainMs), postMs: Math.round(run.postMs) };
}

export async function p1({ env, runs, log }) {
  const image = `${env.E2E_REGISTRY}/bench/p1`;
  const inputs = {
    context: `${root}/example`,
    platforms: 'linux/amd64,linux/arm64',
    image,
    tags: 'latest',
    push: 'true',
    driver: 'docker',
    'build-args': `BASE=${env.E2E_BASE_IMAGE}`,
  };
  // Warms the layers (the build becomes all CACHED) and shows the exact command line the action runs.
  const prime = await runActionTimed(inputs);
  const line = prime.lines.find((l) => l.text.startsWith('[command] docker buildx build '))?.text;
  if (!line) throw new Error('no [command] docker buildx build line in the action log');
  for (const v of Object.values(inputs))
    if (/\s/.test(v)) throw new Error(`input "${v}" has whitespace: the logged argv cannot be split`);
  const argv = line.slice('[command] '.length).split(' ');
  const metadata = join(tempDir('bench-p1-'), 'metadata.json');
  argv[argv.indexOf('--metadata-file') + 1] = metadata;
  const qemuLine = prime.lines.find((l) => /already registered|registered /.test(l.text))?.text;
  if (!/already registered/.test(qemuLine ?? ''))
    log(`note: handlers were not all registered before the prime run (${qemuLine})`);

  // Another job pruning the engine's build cache (the e2e suite does) makes a run cold: not a P1 sample.
  // Such a run is counted and repeated (it has warmed the cache again).
  let disturbed = 0;
  const warm = async (fn, useOut = false) => {
    for (let attempt = 1; ; attempt++) {
      const r = await fn();
      const steps = buildSteps(useOut ? r.out : r.log).filter((x) => / RUN /.test(x.name));
      if (steps.length && steps.every((x) => x.cached)) return r;
      disturbed++;
      log(`P1: a build ran ${steps.filter((x) => !x.cached).length} step(s) (cache pruned under it?); again`);
      if (attempt >= 3) throw new Error('P1: the build keeps running steps: the layers do not stay cached');
    }
  };
  const plugin = buildxPluginPath();
  const envRaw = rawEnv();
  const ref = `${image}:latest`;
  const variants = [
    {
      name: 'action',
      run: () =>
        warm(async () => {
          const r = await runActionTimed(inputs);
          if (r.lines.some((l) => /^\[command\] docker run /.test(l.text)))
            throw new Error('P1 started a container for QEMU: handlers were not registered');
          return { ms: r.totalMs, log: r.log, ...breakdown(r), phases: summaryPhases(r.summary) };
        }),
    },
    {
      name: 'raw',
      run: () => warm(async () => ({ ...(await timed(argv, { env: envRaw })), log: '' }), true),
    },
    // Spawn anatomy: what one `docker buildx …` costs, and what the CLI in front of the plugin adds.
    { name: 'docker buildx version', run: () => timed(['docker', 'buildx', 'version'], { env: envRaw }) },
    { name: 'plugin version', run: () => timed([plugin, 'version'], { env: envRaw }) },
    {
      name: 'docker buildx imagetools inspect',
      run: () => timed(['docker', 'buildx', 'imagetools', 'inspect', '--raw', ref], { env: envRaw }),
    },
    {
      name: 'plugin imagetools inspect',
      run: () => timed([plugin, 'imagetools', 'inspect', '--raw', ref], { env: envRaw }),
    },
    // What-if: the same build through the plugin binary, without the docker CLI in front.
    { name: 'plugin build', run: () => warm(() => timed([plugin, ...argv.slice(2)], { env: envRaw }), true) },
  ];
  const samples = await interleave(variants, { runs, log });
  const action = samples.action;
  const overall = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, field(v, 'ms')]));
  const overhead = overall.action.median - overall.raw.median;
  const parts = [
    'startup',
    'beforeBuild',
    'build',
    'betweenBuildAndVerify',
    'verify',
    'exit',
    'main',
    'post',
    'total',
  ];
  const trace = await traceSpawns(inputs, log);
  return {
    title: 'P1 overhead: action (main + post) vs the same docker buildx build',
    inputs,
    argv: argv.join(' ').replace(metadata, '<tmp>/metadata.json'),
    buildxPlugin: plugin,
    stats: overall,
    ratio: Math.round((overall.action.median / overall.raw.median) * 100) / 100,
    overheadMs: Math.round(overhead),
    target: { overheadMs: 500, met: overhead <= 500 },
    breakdown: Object.fromEntries(parts.map((p) => [p, field(action, p)])),
    buildSpawnVsRaw: Math.round(field(action, 'build').median - overall.raw.median),
    phases: Object.fromEntries(
      Object.keys(action[0].phases).map((k) => [k, stats(action.map((s) => s.phases[k] * 1000))]),
    ),
    trace,
    disturbedRuns: disturbed,
    samples: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => Math.round(s.ms))])),
  };
}
