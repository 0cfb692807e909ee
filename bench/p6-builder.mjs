// P6: a docker-container builder's life by the action (create + bootstrap in main's builder phase, removal
// in post) against the same `buildx create` / `inspect --bootstrap` / `rm` run directly, the BuildKit image
// already in the engine. Both run the buildx plugin binary the action runs, with the action's own argv.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildxPluginPath,
  field,
  findLine,
  interleave,
  root,
  runActionTimed,
  tempDir,
  timed,
} from './lib.mjs';

// The action's default buildkitd flags (src/inputs/types.ts), as setup-buildx-action's.
const DEFAULT_BUILDKITD_FLAGS =
  '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host';

/** The air-gapped default-driver inputs the e2e suites use: the local BuildKit image, its registry config. */
function airGapped(env) {
  return {
    'buildkit-image': env.E2E_BUILDKIT_IMAGE,
    'buildkitd-config-inline': `[registry."${env.E2E_REGISTRY}"]\n  http = true\n`,
    'driver-opts': 'network=host',
  };
}

/** ms between the first line matching `from` and the next matching `to`, in a process's timed lines. */
function span(lines, from, to) {
  const a = findLine(lines, from);
  const b = a < 0 ? -1 : findLine(lines, to, a);
  if (b < 0) throw new Error(`no ${from} … ${to} in the log`);
  return lines[b].t - lines[a].t;
}

export async function p6({ env, runs, log }) {
  const inputs = {
    context: `${root}/example`,
    platforms: 'linux/amd64',
    'build-args': `BASE=${env.E2E_BASE_IMAGE}`,
    ...airGapped(env),
  };
  // The image already present: pulled once from the local registry.
  await timed(['docker', 'pull', '-q', env.E2E_BUILDKIT_IMAGE]);
  const plugin = buildxPluginPath();
  if (!plugin) throw new Error('P6: no buildx plugin found');

  // The exact create argv the action runs (its config file path aside) comes from a first run.
  const prime = await runActionTimed(inputs);
  const line = prime.lines.find((l) => l.text.startsWith('[command] docker buildx create '))?.text;
  if (!line) throw new Error('P6: no [command] docker buildx create line in the action log');
  const dir = tempDir('bench-p6-');
  const config = join(dir, 'buildkitd.toml');
  writeFileSync(config, inputs['buildkitd-config-inline']);
  // The action's create argv for these inputs; checked against the line it logged.
  const createArgv = (name) => [
    'create',
    '--name',
    name,
    '--driver',
    'docker-container',
    '--driver-opt',
    'network=host',
    '--driver-opt',
    `image=${env.E2E_BUILDKIT_IMAGE}`,
    '--buildkitd-flags',
    DEFAULT_BUILDKITD_FLAGS,
    '--buildkitd-config',
    config,
  ];
  const logged = line
    .slice('[command] docker buildx '.length)
    .replace(/--buildkitd-config \S+/, `--buildkitd-config ${config}`);
  const name0 = /--name (\S+)/.exec(logged)?.[1];
  if (logged !== createArgv(name0).join(' '))
    throw new Error(
      `P6: the raw create differs from the action's:\n${logged}\n${createArgv(name0).join(' ')}`,
    );
  const rawEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  let n = 0;

  const variants = [
    {
      name: 'action (builder phase + post)',
      run: async () => {
        const r = await runActionTimed(inputs);
        const builder = span(r.lines, /^::group::Builder$/, /^::endgroup::$/);
        return { ms: builder + r.postMs, builder, post: r.postMs, main: r.mainMs };
      },
    },
    {
      name: 'raw create + inspect --bootstrap + rm',
      run: async () => {
        const name = `bench-p6-${process.pid}-${n++}`;
        const c = await timed([plugin, ...createArgv(name)], { env: rawEnv });
        const b = await timed([plugin, 'inspect', '--bootstrap', name], { env: rawEnv });
        const rm = await timed([plugin, 'rm', name], { env: rawEnv });
        return { ms: c.ms + b.ms + rm.ms, create: c.ms, bootstrap: b.ms, rm: rm.ms };
      },
    },
  ];
  const samples = await interleave(variants, { runs, log });
  const action = samples[variants[0].name];
  const raw = samples[variants[1].name];
  const overall = { action: field(action, 'ms'), raw: field(raw, 'ms') };
  const overhead = overall.action.median - overall.raw.median;
  return {
    title: 'P6 docker-container builder: create + bootstrap + removal, action vs raw buildx',
    argv: `${createArgv('<name>').join(' ').replace(dir, '<tmp>')} · inspect --bootstrap <name> · rm <name>`,
    stats: overall,
    parts: {
      'action: builder phase (create + bootstrap)': field(action, 'builder'),
      'action: post (node start, rm, temp dir)': field(action, 'post'),
      'raw: create': field(raw, 'create'),
      'raw: inspect --bootstrap': field(raw, 'bootstrap'),
      'raw: rm': field(raw, 'rm'),
    },
    overheadMs: Math.round(overhead),
    target: { overheadMs: 150, met: overhead <= 150 },
    samples: { action: action.map((s) => Math.round(s.ms)), raw: raw.map((s) => Math.round(s.ms)) },
  };
}
