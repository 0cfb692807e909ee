// P7: a 2-platform build (linux/amd64, linux/arm64) split over two BuildKit nodes (`append`: amd64 on node a,
// arm64 on node b) against the same build on node a alone. The nodes are buildkitd daemons in network
// namespaces with mutual TLS (test/support/nodes.mjs), reached as driver: remote. On these x86 hosts node b
// runs arm64 through the host's QEMU handler, as node a does when it builds both: the machine and the
// emulator are the same either way, so this measures what splitting costs (a second node, per-node exports,
// the merged index), not what native arm64 hardware would save. Every run builds without cache and pushes.
import { startNodes, ensureEmulator, removeEmulator } from '../test/support/nodes.mjs';
import { breakdown, field, interleave, root, runActionTimed } from './lib.mjs';

export async function p7({ env, runs, log }) {
  const registered = ensureEmulator('aarch64');
  const cluster = await startNodes([{ name: 'a' }, { name: 'b', platform: 'linux/arm64' }], env.E2E_REGISTRY);
  try {
    const [a, b] = cluster.nodes;
    const base = {
      context: `${root}/bench/fixtures/nodes`,
      platforms: 'linux/amd64,linux/arm64',
      'build-args': `BASE=${env.E2E_BASE_IMAGE}`,
      driver: 'remote',
      endpoint: a.endpoint,
      'driver-opts': a.driverOpts.join('\n'),
      image: `${env.E2E_REGISTRY}/bench/p7`,
      push: 'true',
      'no-cache': 'true',
    };
    const variants = [
      { name: 'one node (a: amd64 + arm64)', inputs: { ...base, tags: 'one' } },
      {
        name: 'two nodes (a: amd64, b: arm64)',
        inputs: {
          ...base,
          tags: 'two',
          append: [
            `- name: b`,
            `  endpoint: ${b.endpoint}`,
            '  platforms: linux/arm64',
            '  driver-opts:',
            ...b.driverOpts.map((o) => `    - ${o}`),
          ].join('\n'),
        },
      },
    ].map((v) => ({
      name: v.name,
      run: async () => {
        const r = await runActionTimed(v.inputs);
        const parts = breakdown(r);
        const nodes = (/\*\*Builder:\*\* .*/.exec(r.summary)?.[0] ?? '').includes('<code>b</code>');
        return { ms: r.totalMs, build: parts.build, main: r.mainMs, post: r.postMs, nodes };
      },
    }));
    const samples = await interleave(variants, { runs, log });
    const [one, two] = variants.map((v) => samples[v.name]);
    if (!two.every((s) => s.nodes)) throw new Error('P7: the two-node runs did not report node b');
    const stats = Object.fromEntries(
      variants.map((v) => [
        v.name,
        { total: field(samples[v.name], 'ms'), build: field(samples[v.name], 'build') },
      ]),
    );
    return {
      title: 'P7 a 2-platform build split over two nodes vs the same build on one node',
      stats,
      splitOverOneMs: Math.round(field(two, 'ms').median - field(one, 'ms').median),
      buildSplitOverOneMs: Math.round(field(two, 'build').median - field(one, 'build').median),
      samples: Object.fromEntries(
        variants.map((v) => [v.name, samples[v.name].map((s) => Math.round(s.ms))]),
      ),
    };
  } finally {
    await cluster.stop();
    if (registered) removeEmulator('aarch64');
  }
}
