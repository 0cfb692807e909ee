// P3: five single-platform images → one index under three tags: the action's mode: merge vs the seed way
// (docker manifest create + annotate + push, per tag) vs one raw `docker buildx imagetools create`.
import {
  buildxPluginPath,
  field,
  findLine,
  interleave,
  now,
  runActionTimed,
  summaryPhases,
  timed,
  timedShell,
} from './lib.mjs';
import { traceSpawns } from './p1-overhead.mjs';

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/ppc64le', 'linux/s390x'];
const slug = (p) => p.replace(/^linux\//, '').replace(/\//g, '-');

/**
 * Per platform: the base image's manifest for it, copied into the bench repository as `src-<slug>` (a
 * one-entry index, as imagetools writes it; legs pushed by buildx are indexes too) and, for `docker
 * manifest`, which takes single manifests only, the same manifest by digest.
 */
async function makeSources(env, repo) {
  const index = JSON.parse(
    (await timed(['docker', 'buildx', 'imagetools', 'inspect', '--raw', env.E2E_BASE_IMAGE])).out,
  );
  const sources = [];
  for (const platform of PLATFORMS) {
    const [os, arch, variant] = platform.split('/');
    const d = index.manifests.find(
      (m) =>
        m.platform?.os === os &&
        m.platform.architecture === arch &&
        (m.platform.variant ?? '') === (variant ?? ''),
    );
    if (!d) throw new Error(`${env.E2E_BASE_IMAGE} has no ${platform}`);
    const tag = `${repo}:src-${slug(platform)}`;
    await timed(['docker', 'buildx', 'imagetools', 'create', '-t', tag, `${env.E2E_BASE_IMAGE}@${d.digest}`]);
    sources.push({ platform, os, arch, variant, tag, manifest: `${repo}@${d.digest}` });
  }
  return sources;
}

/** What a workflow did before this action: per tag, a local list from the manifests, annotated, pushed. */
function seedScript(repo, tags, sources) {
  const lines = [];
  for (const tag of tags) {
    const list = `${repo}:${tag}`;
    lines.push(
      `docker manifest create --amend --insecure ${list} ${sources.map((s) => s.manifest).join(' ')} >/dev/null`,
    );
    for (const s of sources) {
      const v = s.variant ? ` --variant ${s.variant}` : '';
      lines.push(`docker manifest annotate ${list} ${s.manifest} --os ${s.os} --arch ${s.arch}${v}`);
    }
    lines.push(`docker manifest push --insecure --purge ${list} >/dev/null`);
  }
  return lines.join('\n');
}

export async function p3({ env, runs, log, stamp }) {
  const repo = `${env.E2E_REGISTRY}/bench/p3-${stamp}`;
  const sources = await makeSources(env, repo);
  const tagsOf = (prefix) => ['1', '2', '3'].map((n) => `${prefix}-${n}`);
  const inputs = {
    mode: 'merge',
    image: repo,
    tags: tagsOf('action').join(','),
    platforms: PLATFORMS.join(','),
    sources: sources.map((s) => s.tag).join('\n'),
  };
  // The same imagetools command line the action runs, to other tags.
  const probe = await runActionTimed(inputs);
  const createLine = probe.lines.find((l) =>
    l.text.startsWith('[command] docker buildx imagetools create'),
  )?.text;
  if (!createLine) throw new Error('no [command] docker buildx imagetools create line in the merge log');
  const rawArgv = createLine
    .slice('[command] '.length)
    .split(' ')
    .map((a) => (a.startsWith(`${repo}:action-`) ? a.replace(':action-', ':raw-') : a));
  const seed = seedScript(repo, tagsOf('seed'), sources);
  const plugin = buildxPluginPath();
  const parallel = async (argvs) => {
    const t0 = now();
    await Promise.all(argvs.map((a) => timed(a)));
    return { ms: now() - t0 };
  };
  const variants = [
    {
      name: 'action (mode: merge)',
      run: async () => {
        const r = await runActionTimed(inputs);
        const L = r.lines;
        const at = (i) => (i < 0 ? undefined : L[i].t);
        const collect = findLine(L, /^::group::Collecting/);
        const publish = findLine(L, /^::group::Publishing/);
        const verify = findLine(L, /^::group::Verifying/);
        const end = findLine(L, /^::endgroup::$/, verify);
        return {
          ms: r.totalMs,
          startup: at(0),
          collect: at(publish) - at(collect),
          publish: at(verify) - at(publish),
          verify: at(end) - at(verify),
          exit: r.mainMs - at(end),
          main: r.mainMs,
          post: r.postMs,
          phases: summaryPhases(r.summary),
        };
      },
    },
    { name: 'seed (docker manifest ×3 tags)', run: () => timedShell(seed) },
    { name: 'raw imagetools create', run: () => timed(rawArgv) },
    // What-ifs for the action's collect and verify phases (see BENCHMARKS.md).
    {
      name: 'what-if: collect by one imagetools create --dry-run',
      run: () => timed([...rawArgv.filter((a) => a !== '--progress' && a !== 'plain'), '--dry-run']),
    },
    {
      name: 'what-if: collect by 5 inspects in parallel',
      run: () => parallel(sources.map((s) => ['docker', 'buildx', 'imagetools', 'inspect', '--raw', s.tag])),
    },
    {
      name: 'what-if: verify 3 tags via the plugin binary, in parallel',
      run: () =>
        parallel(tagsOf('action').map((t) => [plugin, 'imagetools', 'inspect', '--raw', `${repo}:${t}`])),
    },
  ];
  const samples = await interleave(variants, { runs, log });
  // Every way must publish the same index (same manifests, same platforms).
  const digests = {};
  for (const prefix of ['action', 'seed', 'raw']) {
    const raw = JSON.parse(
      (await timed(['docker', 'buildx', 'imagetools', 'inspect', '--raw', `${repo}:${prefix}-1`])).out,
    );
    digests[prefix] = raw.manifests.map((m) => m.digest).sort();
  }
  const same =
    JSON.stringify(digests.action) === JSON.stringify(digests.seed) &&
    JSON.stringify(digests.seed) === JSON.stringify(digests.raw);
  const stats = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, field(v, 'ms')]));
  const action = stats['action (mode: merge)'].median;
  const raw = stats['raw imagetools create'].median;
  const a = samples['action (mode: merge)'];
  return {
    title: 'P3 merge: 5 platforms → 3 tags',
    repo,
    rawArgv: rawArgv.join(' '),
    seedCommands: seed.split('\n').length,
    sameManifests: same,
    stats,
    overRawMs: Math.round(action - raw),
    vsSeed: Math.round((action / stats['seed (docker manifest ×3 tags)'].median) * 100) / 100,
    target: { overRawMs: 500, met: action - raw <= 500 },
    breakdown: Object.fromEntries(
      ['startup', 'collect', 'publish', 'verify', 'exit', 'main', 'post'].map((k) => [k, field(a, k)]),
    ),
    trace: await traceSpawns(inputs, log),
    samples: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => Math.round(s.ms))])),
  };
}
