// P2: cold vs warm builds through the action with `cache: registry`, per platform. Cold: `docker buildx
// prune -af` and a cache ref never written (a new image name). Warm: `docker buildx prune -af` too, but the
// registry cache of that image populated by the previous run. Each platform is built on its own (its own
// wall clock), and both together as a workflow would; from the combined build's plain progress log the
// per-platform step times are read as well.
import { breakdown, buildSteps, field, interleave, root, runActionTimed, stats, timed } from './lib.mjs';

/** Seconds of RUN steps per platform (what QEMU costs), cached steps counted as 0. */
function runSecondsByPlatform(steps, platforms) {
  const out = {};
  for (const s of steps) {
    // `[linux/arm64 stage-0 2/3] RUN …`; a single-platform build names no platform: `[2/3] RUN …`.
    const m = /^\[(?:(linux\/\S+) )?[^\]]*\] RUN /.exec(s.name);
    if (!m) continue;
    const platform = m[1] ?? (platforms.length === 1 ? platforms[0] : 'unknown');
    out[platform] = Math.round(((out[platform] ?? 0) + (s.cached ? 0 : (s.seconds ?? 0))) * 10) / 10;
  }
  return out;
}

const seconds = (steps, re) =>
  Math.round(steps.filter((s) => re.test(s.name)).reduce((a, s) => a + (s.seconds ?? 0), 0) * 10) / 10;

export async function p2({ env, runs, log, stamp }) {
  const sets = [
    { key: 'amd64', platforms: 'linux/amd64' },
    { key: 'arm64', platforms: 'linux/arm64' },
    { key: 'amd64+arm64', platforms: 'linux/amd64,linux/arm64' },
  ];
  const inputs = (image, platforms) => ({
    context: `${root}/bench/fixtures/cache`,
    platforms,
    image,
    tags: 'latest',
    push: 'true',
    driver: 'docker',
    cache: 'registry',
    'build-args': `BASE=${env.E2E_BASE_IMAGE}`,
  });
  const prune = () => timed(['docker', 'buildx', 'prune', '-af']);
  let n = 0;
  // Runs disturbed by another job on this host are not samples: a warm run that misses the cache (the e2e
  // suite prunes the build cache too) or a build whose QEMU handler vanished is recorded and run again.
  const misses = [];
  const one = async (image, platforms, expectCached, attempt = 1) => {
    let r;
    try {
      r = await runActionTimed(inputs(image, platforms));
    } catch (e) {
      // The e2e suite removes QEMU handlers between its tests: an emulated step then fails to exec.
      if (!/exec format error/.test(e.message) || attempt >= 3) throw e;
      misses.push({
        platforms,
        ran: 0,
        ms: 0,
        reason: 'exec format error: a QEMU handler was removed mid-build',
      });
      log(`P2: ${platforms}: a QEMU handler was removed under the build; again`);
      await prune();
      return one(image, platforms, expectCached, attempt + 1);
    }
    const steps = buildSteps(r.log);
    const runs = steps.filter((s) => / RUN /.test(s.name));
    const cached = runs.filter((s) => s.cached).length;
    if (expectCached && cached !== runs.length) {
      const reason = /^#\d+ ERROR: (.*)$/m.exec(r.log)?.[1] ?? 'no error logged';
      misses.push({ platforms, ran: runs.length - cached, ms: Math.round(r.totalMs), reason });
      log(`P2: warm ${platforms} missed the cache (${reason}); again`);
      if (attempt >= 3) throw new Error(`warm build keeps missing the registry cache: ${reason}`);
      await prune();
      return one(image, platforms, expectCached, attempt + 1);
    }
    if (!expectCached && cached) throw new Error('cold build found cached steps');
    const b = breakdown(r);
    return {
      ms: r.totalMs,
      main: r.mainMs,
      startup: b.startup,
      buildSpawn: b.build,
      verify: b.verify,
      post: b.post,
      runSeconds: runSecondsByPlatform(steps, platforms.split(',')),
      importCacheS: seconds(steps, /^importing cache manifest/),
      exportCacheS: seconds(steps, /^exporting cache/),
      exportImageS: seconds(steps, /^exporting to image/),
      cachedSteps: cached,
      runSteps: runs.length,
    };
  };
  const variants = sets.flatMap((set) => [
    {
      name: `cold ${set.key}`,
      setup: prune,
      run: () => one(`${env.E2E_REGISTRY}/bench/p2-${stamp}-cold-${++n}`, set.platforms, false),
    },
    {
      name: `warm ${set.key}`,
      setup: prune,
      // The warm image's cache was written by the warm-up round (and each warm run rewrites it).
      run: () =>
        one(`${env.E2E_REGISTRY}/bench/p2-${stamp}-warm-${set.key.replace('+', '-')}`, set.platforms, true),
    },
  ]);
  // The warm-up round primes each warm image's cache: its first run is a cold one.
  const primed = new Set();
  for (const v of variants.filter((v) => v.name.startsWith('warm'))) {
    const run = v.run;
    v.run = async (round) => {
      if (!primed.has(v.name)) {
        primed.add(v.name);
        const set = sets.find((s) => v.name.endsWith(` ${s.key}`));
        const r = await one(
          `${env.E2E_REGISTRY}/bench/p2-${stamp}-warm-${set.key.replace('+', '-')}`,
          set.platforms,
          false,
        );
        await prune();
        log(`primed ${v.name}: ${r.ms.toFixed(0)} ms`);
      }
      return run(round);
    };
  }
  const samples = await interleave(variants, { runs, log });
  const byName = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, field(v, 'ms')]));
  const perSet = sets.map((set) => {
    const cold = samples[`cold ${set.key}`];
    const warm = samples[`warm ${set.key}`];
    const c = field(cold, 'ms').median;
    const w = field(warm, 'ms').median;
    const runSeconds = (xs) =>
      Object.fromEntries(
        Object.keys(xs[0].runSeconds).map((p) => [p, stats(xs.map((x) => x.runSeconds[p] * 1000)).median]),
      );
    return {
      platforms: set.platforms,
      cold: field(cold, 'ms'),
      warm: field(warm, 'ms'),
      ratio: Math.round((w / c) * 1000) / 1000,
      met: w / c <= 0.15,
      runStepMs: { cold: runSeconds(cold), warm: runSeconds(warm) },
      importCacheMs: {
        cold: field(cold, 'importCacheS').median * 1000,
        warm: field(warm, 'importCacheS').median * 1000,
      },
      exportCacheMs: {
        cold: field(cold, 'exportCacheS').median * 1000,
        warm: field(warm, 'exportCacheS').median * 1000,
      },
      exportImageMs: {
        cold: field(cold, 'exportImageS').median * 1000,
        warm: field(warm, 'exportImageS').median * 1000,
      },
      // Where a warm run's time goes: the floor no cache can remove.
      warmBreakdown: Object.fromEntries(
        ['startup', 'buildSpawn', 'verify', 'post'].map((k) => [k, field(warm, k).median]),
      ),
    };
  });
  return {
    title: 'P2 cache: cold vs warm (after prune, registry cache), per platform',
    stats: byName,
    perSet,
    target: { ratio: 0.15, met: perSet.every((s) => s.met) },
    warmMisses: misses,
    samples: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => Math.round(s.ms))])),
  };
}
