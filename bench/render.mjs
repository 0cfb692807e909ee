// Markdown tables from a bench/results/*.json file: `node bench/render.mjs bench/results/<stamp>.json`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ms = (x) => (x === undefined || Number.isNaN(x) ? '—' : `${Math.round(x)} ms`);
const s = (x) => (x === undefined ? '—' : `${(x / 1000).toFixed(2)} s`);
const kb = (b) => `${(b / 1024).toFixed(0)} KiB`;
const met = (ok) => (ok ? '✅ met' : '❌ missed');
const table = (head, rows) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const statRows = (stats, fmt = ms) =>
  Object.entries(stats).map(([k, v]) => [k, fmt(v.median), `${fmt(v.min)} – ${fmt(v.max)}`, v.n]);

function summary(b) {
  const rows = [];
  if (b.p1)
    rows.push([
      'P1 overhead (action main+post − raw build)',
      `${ms(b.p1.overheadMs)} (${s(b.p1.stats.action.median)} vs ${s(b.p1.stats.raw.median)}, ×${b.p1.ratio})`,
      '≤ 500 ms',
      met(b.p1.target.met),
    ]);
  if (b.p2)
    for (const set of b.p2.perSet)
      rows.push([
        `P2 cache warm/cold, ${set.platforms}`,
        `${set.ratio} (${s(set.warm.median)} / ${s(set.cold.median)})`,
        '≤ 0.15',
        met(set.met),
      ]);
  if (b.p3)
    rows.push([
      'P3 merge 5 → 3 tags, action − raw imagetools',
      `${ms(b.p3.overRawMs)} (${s(b.p3.stats['action (mode: merge)'].median)} vs ${s(b.p3.stats['raw imagetools create'].median)})`,
      '≤ 500 ms',
      met(b.p3.target.met),
    ]);
  if (b.p4)
    rows.push([
      'P4 QEMU phase, already registered',
      `${ms(b.p4.stats['warm: already registered'].median)}, container started: ${b.p4.warmStartedContainer ? 'yes' : 'no'}`,
      '≤ 50 ms, none',
      met(b.p4.target.met),
    ]);
  if (b.p4)
    rows.push([
      'P4 QEMU phase, register 4 emulators',
      ms(b.p4.stats['cold: register 4 emulators'].median),
      '—',
      '—',
    ]);
  if (b.p5) {
    rows.push(['P5 start-up to first log line', ms(b.p5.firstLineMs), '—', '—']);
    const size = (f) => b.p5.sizes.files[f];
    rows.push([
      'P5 bundle (index.js; loaded by main and post)',
      `${kb(size('index.js'))}; all reachable chunks ${kb(b.p5.sizes.reachable.reduce((a, f) => a + size(f), 0))}`,
      '—',
      '—',
    ]);
  }
  if (b.p6)
    rows.push([
      'P6 docker-container builder create + bootstrap + removal, action − raw',
      `${ms(b.p6.overheadMs)} (${s(b.p6.stats.action.median)} vs ${s(b.p6.stats.raw.median)})`,
      '≤ 150 ms',
      met(b.p6.target.met),
    ]);
  if (b.p7) {
    const [one, two] = Object.values(b.p7.stats);
    rows.push([
      'P7 2 platforms on two nodes − on one node (whole run)',
      `${ms(b.p7.splitOverOneMs)} (${s(two.total.median)} vs ${s(one.total.median)})`,
      '—',
      '—',
    ]);
  }
  return table(['Benchmark', 'Result (median)', 'Target', ''], rows);
}

function p6(r) {
  const out = [
    `### ${r.title}`,
    '',
    `Raw commands (the action's own argv, the buildx plugin run directly): \`${r.argv}\``,
    '',
  ];
  out.push(table(['Variant', 'Median', 'Range', 'n'], statRows(r.stats)), '');
  out.push(table(['Part', 'Median', 'Range', 'n'], statRows(r.parts)), '');
  return out.join('\n');
}

function p7(r) {
  const out = [`### ${r.title}`, ''];
  const rows = Object.entries(r.stats).flatMap(([name, v]) => [
    [`${name}: main + post`, ms(v.total.median), `${ms(v.total.min)} – ${ms(v.total.max)}`, v.total.n],
    [`${name}: build spawn`, ms(v.build.median), `${ms(v.build.min)} – ${ms(v.build.max)}`, v.build.n],
  ]);
  out.push(table(['Variant', 'Median', 'Range', 'n'], rows), '');
  out.push(
    `Two nodes − one node: ${ms(r.splitOverOneMs)} in all, ${ms(r.buildSplitOverOneMs)} in the build spawn.`,
    '',
  );
  return out.join('\n');
}

function p1(r) {
  const out = [`### ${r.title}`, '', `Raw command (the action's own argv): \`${r.argv}\``, ''];
  out.push(table(['Variant', 'Median', 'Range', 'n'], statRows(r.stats)), '');
  out.push("Where the action's time goes (main log timeline, ms since spawn; medians):", '');
  const names = {
    startup: 'node start → first log line',
    beforeBuild: 'first line → `[command] docker buildx build` (qemu, builder, cache plan)',
    build: 'build spawn (`[command]` → end of group)',
    betweenBuildAndVerify: 'build end → verify start (metadata read)',
    verify: 'verify (`imagetools inspect --raw`, one spawn)',
    exit: 'verify end → exit (outputs, summary, teardown)',
    main: '**main total**',
    post: '**post total** (a process: node + bundle + rm temp dir)',
    total: '**main + post**',
  };
  out.push(
    table(
      ['Span', 'Median', 'Range'],
      Object.entries(r.breakdown).map(([k, v]) => [
        names[k] ?? k,
        ms(v.median),
        `${ms(v.min)} – ${ms(v.max)}`,
      ]),
    ),
    '',
  );
  out.push(
    `Build spawn in the action − raw build: ${ms(r.buildSpawnVsRaw)}. Runs repeated because another job pruned the build cache under them: ${r.disturbedRuns ?? 0}.`,
    '',
  );
  out.push(traceTable(r.trace), '');
  return out.join('\n');
}

function traceTable(trace) {
  return [
    `Every docker and buildx process of one traced run (shims on PATH and in DOCKER_CONFIG/cli-plugins; adds ~2 ms each; main ${ms(trace.mainMs)}, post ${ms(trace.postMs)}):`,
    '',
    table(
      ['Started at', 'Took', 'Command'],
      trace.spawns.map((x) => [
        ms(x.at),
        ms(x.ms),
        `\`${x.argv.length > 110 ? `${x.argv.slice(0, 110)}…` : x.argv}\``,
      ]),
    ),
  ].join('\n');
}

function p2(r) {
  const out = [`### ${r.title}`, ''];
  out.push(
    table(
      [
        'Platforms',
        'Cold',
        'Warm',
        'Warm/cold',
        'RUN steps cold (per platform)',
        'Warm run: startup · build · verify · post',
        'Target',
      ],
      r.perSet.map((x) => [
        x.platforms,
        `${s(x.cold.median)} (${s(x.cold.min)} – ${s(x.cold.max)})`,
        `${s(x.warm.median)} (${s(x.warm.min)} – ${s(x.warm.max)})`,
        x.ratio,
        Object.entries(x.runStepMs.cold)
          .map(([p, v]) => `${p} ${s(v)}`)
          .join(', '),
        ['startup', 'buildSpawn', 'verify', 'post'].map((k) => ms(x.warmBreakdown[k])).join(' · '),
        met(x.met),
      ]),
    ),
    '',
  );
  if (r.warmMisses?.length)
    out.push(
      `Runs disturbed by other jobs on this host and repeated: ${r.warmMisses.map((m) => `${m.platforms} (${m.ran} step(s) ran, ${m.reason})`).join('; ')}.`,
      '',
    );
  return out.join('\n');
}

function p3(r) {
  const out = [`### ${r.title}`, ''];
  out.push(table(['Variant', 'Median', 'Range', 'n'], statRows(r.stats)), '');
  out.push(
    `Same manifests in all three indexes: ${r.sameManifests ? 'yes' : '**no**'}. Seed way: ${r.seedCommands} docker commands. Action ÷ seed: ×${r.vsSeed}.`,
    '',
  );
  out.push(
    table(
      ['Action span', 'Median', 'Range'],
      Object.entries(r.breakdown).map(([k, v]) => [k, ms(v.median), `${ms(v.min)} – ${ms(v.max)}`]),
    ),
    '',
  );
  out.push(traceTable(r.trace), '');
  return out.join('\n');
}

function p4(r) {
  const out = [`### ${r.title}`, ''];
  out.push(table(['QEMU phase (log timeline)', 'Median', 'Range', 'n'], statRows(r.stats)), '');
  out.push(
    `Whole main: cold ${ms(r.main.cold.median)}, warm ${ms(r.main.warm.median)}; node start → QEMU phase ${ms(r.beforeQemuPhase.median)}. ` +
      `Cold said “${r.said.cold}”; warm said “${r.said.warm}”. Container started: cold ${r.coldStartedContainer ? 'yes' : 'no'}, warm ${r.warmStartedContainer ? 'yes' : 'no'}. ` +
      `Runs repeated because another job changed binfmt_misc under them: ${r.interferedRuns ?? 0}.`,
    '',
  );
  return out.join('\n');
}

function p5(r) {
  const out = [`### ${r.title}`, ''];
  out.push(table(['Process', 'Median', 'Range', 'n'], statRows(r.stats)), '');
  out.push(
    `Bundle load (bad-input main − bare node): ${ms(r.bundleLoadMs)}; @actions/core alone: ${ms(r.coreLoadMs)} (its ncc bundle: ${kb(r.coreBundleBytes)}).`,
    '',
  );
  out.push(
    table(
      ['dist file', 'Size', 'Reachable'],
      Object.entries(r.sizes.files).map(([f, b]) => [
        f,
        kb(b),
        r.sizes.reachable.includes(f) ? 'yes' : '**stale**',
      ]),
    ),
    '',
  );
  for (const [name, p] of Object.entries(r.profiles)) {
    out.push(
      `CPU profile, ${name}: ${ms(p.sampledMs)} sampled (the profiler inflates), compile ${ms(p.compileMs)}, evaluating the bundle ${ms(p.entryEvaluationMs)}, of which (inclusive, nested): ` +
        p.slowestModules.map((m) => `${m.label} ${ms(m.ms)}`).join(', '),
      '',
    );
  }
  return out.join('\n');
}

export function render(results) {
  const m = results.machine;
  const b = results.benchmarks;
  const out = [
    `## Results ${results.date.slice(0, 10)}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, kernel ${m.kernel}; Docker ${m.docker.server} (CLI ${m.docker.client}, ${m.containerdStore ? 'containerd image store' : m.storage}), ${m.buildx}; action on Node ${m.node}. ` +
      `Load average ${m.loadavg.join(' ')} before, ${results.loadavgAfter?.join(' ')} after. Code ${results.code.commit}${results.code.dirty.length ? ` (+ uncommitted: ${results.code.dirty.length} file(s))` : ''}, dist/index.js ${results.code.distIndexSha256}.`,
    '',
    summary(b),
    '',
  ];
  for (const [name, error] of Object.entries(results.errors ?? {}))
    out.push(`**${name.toUpperCase()} failed:** \`${error.split('\n')[0]}\``, '');
  if (b.p1) out.push(p1(b.p1));
  if (b.p2) out.push(p2(b.p2));
  if (b.p3) out.push(p3(b.p3));
  if (b.p4) out.push(p4(b.p4));
  if (b.p5) out.push(p5(b.p5));
  if (b.p6) out.push(p6(b.p6));
  if (b.p7) out.push(p7(b.p7));
  out.push(
    `Bench time: ${Object.entries(results.seconds)
      .map(([k, v]) => `${k} ${v} s`)
      .join(', ')}.`,
    '',
  );
  return out.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(render(JSON.parse(readFileSync(process.argv[2], 'utf8'))));
}
