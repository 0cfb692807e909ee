// A build spread over the builder's nodes: which node builds which platform, watching the remote ones while
// they work, naming the one that failed, and checking that the index buildx merged holds only what they built.
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Builder } from '../buildx/builder.js';
import { nodeFor, platformsHere } from '../buildx/nodes.js';
import {
  describeLost,
  findUnreachable,
  protocolProbe,
  watchable,
  watchNodes,
  WATCH,
  type Lost,
  type Probe,
  type WatchOptions,
} from '../buildx/watch.js';
import type { AppendNode } from '../inputs/types.js';
import { formatPlatform, type Platform } from '../model/platforms.js';
import type { Inspected } from '../registry/client.js';
import { isAttestation } from '../registry/manifests.js';
import { ActionError } from '../runner/errors.js';
import type { Step } from '../runner/step.js';

/** The platforms that may run under QEMU on this runner: those the builder's own, local node builds. */
export function localPlatforms(platforms: Platform[], driver: string, append: AppendNode[]): Platform[] {
  // A remote or kubernetes BuildKit runs elsewhere: this host's emulators are not what it uses.
  if (driver === 'remote' || driver === 'kubernetes') return [];
  return platformsHere(platforms, append);
}

/** platform → the name of the node that builds it; empty for a builder of one node. */
export function nodeOfPlatforms(platforms: Platform[], builder: Pick<Builder, 'nodes'>): Map<string, string> {
  if (builder.nodes.length < 2) return new Map();
  return new Map(platforms.map((p) => [formatPlatform(p), nodeFor(p, builder.nodes)?.name ?? '']));
}

/**
 * Writes the TLS files nodes take from BUILDER_NODE_<n>_AUTH_TLS_* (PEM) to their 0600 files, before the
 * nodes are created. `env` is the step's environment.
 */
export async function writeNodeTls(builderNodes: Builder['nodes'], env: NodeJS.ProcessEnv): Promise<void> {
  for (const tls of builderNodes.flatMap((n) => n.tls)) {
    await mkdir(dirname(tls.file), { recursive: true, mode: 0o700 });
    await writeFile(tls.file, env[tls.env] ?? '', { mode: 0o600 });
  }
}

/**
 * Runs `build` (given an AbortSignal that stops it) while checking the builder's tcp:// and ssh:// nodes
 * (its own too: a lone remote BuildKit that vanishes would hang the step as surely).
 * A node that stops answering stops the build; a build that fails while a node cannot be reached is blamed
 * on that node. Returns what `build` returns. Throws ActionError (phase build, input append or endpoint)
 * naming the node and its endpoint, or rethrows the build's own error.
 */
export async function buildWatched<T>(
  step: Step,
  builder: Pick<Builder, 'nodes'>,
  build: (signal: AbortSignal) => Promise<T>,
  probe: Probe = protocolProbe,
  options: WatchOptions = WATCH,
): Promise<T> {
  const watched = watchable(builder.nodes);
  if (!watched.length) return build(new AbortController().signal);
  let lost: Lost | undefined;
  const abort = new AbortController();
  const watch = watchNodes(
    watched,
    probe,
    (l) => {
      lost = l;
      step.log.warning(`${describeLost(l)}: stopping the build`);
      abort.abort();
    },
    options,
  );
  try {
    return await build(abort.signal);
  } catch (e) {
    lost ??= await findUnreachable(watched, probe, { timeoutMs: 4000, tries: 2 });
    if (!lost) throw e;
    const input = builder.nodes[0]?.name === lost.node.name ? 'endpoint' : 'append';
    throw new ActionError(
      'build',
      `${describeLost(lost)} during the build; nothing was published${builder.nodes.length > 1 ? " (the other nodes' results stay untagged)" : ''}`,
      input,
    );
  } finally {
    watch.stop();
  }
}

/** The image manifests (and attestation manifests) the nodes exported, from buildx's build log. */
export function exportedManifests(log: string): Set<string> {
  return new Set(
    [...log.matchAll(/exporting (?:attestation )?manifest (sha256:[0-9a-f]{64})/g)].map(
      (m) => m[1] as string,
    ),
  );
}

/**
 * A multi-node build's index is merged by buildx from each node's result: every entry of what the registry
 * holds (`published`) must be one of the manifests those nodes exported (from the build log). Returns the
 * result, with the merged index's digest from the registry when buildx left it out. Throws ActionError
 * (phase verify). A builder of one node: the result as it is.
 */
export function checkMerged<T extends { digest?: string; log: string }>(
  builder: Pick<Builder, 'nodes'>,
  result: T,
  published: Inspected | undefined,
): T {
  if (builder.nodes.length < 2 || !published) return result;
  const exported = exportedManifests(result.log);
  const foreign = (published.manifest.manifests ?? []).filter((d) => !exported.has(d.digest));
  if (exported.size && foreign.length) {
    const what = foreign.map((d) => `${d.digest.slice(0, 19)}${isAttestation(d) ? ' (attestation)' : ''}`);
    throw new ActionError(
      'verify',
      `${published.ref} holds ${what.join(', ')}, which none of the builder's nodes exported in this run`,
    );
  }
  return result.digest ? result : { ...result, digest: published.digest };
}

/**
 * buildx merges the nodes' results into one index and reports its digest in the metadata file, but has been
 * seen to leave it out. Pushed under tags, what they hold is then read back (and checked by checkMerged);
 * pushed by digest alone (a leg handed off by digest), nothing names it. Throws ActionError (phase build).
 */
export function mergedDigestKnown(
  builder: Pick<Builder, 'nodes'>,
  result: { digest?: string },
  byDigestOnly: boolean,
): void {
  if (builder.nodes.length < 2 || result.digest || !byDigestOnly) return;
  throw new ActionError(
    'build',
    // Every handoff needs the digest (the tags handoff pushes by digest too, then records it under its tag).
    "buildx did not report the digest of the index it merged from the nodes' results, so the leg cannot be handed off; run the job again",
  );
}
