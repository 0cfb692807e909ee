// What mode all / mode build report besides the build itself: the builder's outputs (as setup-buildx-action
// sets them), the per-platform rows of the summary, and the QEMU fact.
import type { Buildx } from '../buildx/buildx.js';
import type { Builder } from '../buildx/builder.js';
import { builderPlatforms, parseInspect } from '../buildx/inspect.js';
import { formatPlatform, type Platform } from '../model/platforms.js';
import type { BuildResult } from '../phases/build.js';
import { cacheStats } from '../phases/cache.js';
import type { QemuResult } from '../phases/qemu.js';
import type { Inspected } from '../registry/client.js';
import { descriptorPlatform, isAttestation } from '../registry/manifests.js';
import type { Step } from '../runner/step.js';
import type { SummaryRow } from '../runner/summary.js';

/**
 * Sets setup-buildx-action's outputs from `buildx inspect`: driver, builder-platforms (its `platforms`; this
 * action's `platforms` output is what was built), nodes (JSON) and endpoint (the first node's). A builder this
 * run started is described by what its bootstrap printed; any other is inspected (one buildx spawn, which the
 * caller may run beside the build). An inspect that fails leaves them empty: they describe the builder, the
 * build does not depend on them. Never rejects.
 */
export async function reportBuilder(step: Step, buildx: Buildx, builder: Builder): Promise<void> {
  let text = builder.inspected;
  if (text === undefined) {
    const answer = await buildx
      .run(['inspect', builder.name], { echo: false, allowFailure: true, env: builder.env })
      .catch(() => undefined);
    text = answer?.code === 0 ? answer.stdout : '';
  }
  const inspect = parseInspect(text);
  step.outputs.set('driver', inspect.driver);
  step.outputs.set('builder-platforms', builderPlatforms(inspect).join(','));
  step.outputs.set('nodes', JSON.stringify(inspect.nodes));
  step.outputs.set('endpoint', inspect.nodes[0]?.endpoint ?? '');
}

/** `version` (x.y.z) is known and older than `than` ([major, minor]). */
export function olderThan(version: string | undefined, than: [number, number]): boolean {
  const [major = 0, minor = 0] = (version ?? '').split('.').map(Number);
  return version !== undefined && (major < than[0] || (major === than[0] && minor < than[1]));
}

/**
 * One row per platform: what the registry holds for it, the node that built it (`nodes`, for a builder of
 * several), whether it was emulated, what the cache did.
 */
export function platformRows(
  platforms: Platform[],
  emulated: Platform[],
  result: BuildResult,
  published: Inspected | undefined,
  nodes: Map<string, string> = new Map(),
): SummaryRow[] {
  const names = platforms.map(formatPlatform);
  const digests = new Map(
    (published?.manifest.manifests ?? [])
      .filter((d) => !isAttestation(d))
      .map((d) => [descriptorPlatform(d), d.digest]),
  );
  const stats = cacheStats(result.stepsLog ?? result.log, names);
  const foreign = new Set(emulated.map(formatPlatform));
  return names.map((name) => ({
    platform: name,
    digest: digests.get(name),
    ...(nodes.has(name) ? { node: nodes.get(name) } : {}),
    emulated: foreign.has(name),
    ...stats.get(name),
  }));
}

export function describeQemu(q: QemuResult): string {
  if (q.method === 'off')
    return q.needed.length ? `off (emulation needed for ${q.needed.join(', ')})` : 'off';
  if (q.method === 'none') return 'not needed (every platform is native here)';
  if (q.method === 'present') return `already registered: ${q.needed.join(', ')}`;
  const how = q.method === 'host' ? 'host qemu-user-static' : 'binfmt image';
  const appeared = q.appeared.length
    ? `${q.appeared.join(', ')} registered meanwhile by another job on this host (used, not this run's)`
    : '';
  return [q.registered.length ? `registered ${q.registered.join(', ')} (${how})` : '', appeared]
    .filter(Boolean)
    .join('; ');
}
