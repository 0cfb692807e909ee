// mode: all and mode: build — QEMU → buildx → builder → cache → build → verify → outputs (→ handoff for a leg).
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Builder } from '../buildx/builder.js';
import { setUpBuildx, type Buildx } from '../buildx/buildx.js';
import { probeEngine } from '../buildx/engine.js';
import { planSource } from '../inputs/source.js';
import type { Inputs } from '../inputs/types.js';
import { formatAnnotation, indexAnnotations, isIndexLevel, type Annotation } from '../model/annotations.js';
import {
  emulationNeeded,
  formatPlatform,
  hostArch,
  parsePlatform,
  qemuArch,
  type Platform,
} from '../model/platforms.js';
import { publicMetadata, writeSecretFiles, type BuildOutput, type BuildResult } from '../phases/build.js';
import { runBuilds } from '../phases/build-exports.js';
import { checkTagsBeforeBuild } from '../phases/push-access.js';
import { buildBars } from '../phases/build-timeline.js';
import { planCache, type CachePlan } from '../phases/cache.js';
import { cacheOutcome, cacheOutput, cacheWarning, describeCache } from '../phases/cache-result.js';
import { resolveHandoff, type HandoffStore } from '../phases/handoff.js';
import { handoffTagsBefore, legHandoffTags, recordLeg, reportHandoff } from '../phases/handoff-leg.js';
import { restoreLocalCache, saveLocalCache } from '../phases/local-cache.js';
import { describeBuilder, setUpBuilder } from '../phases/builder.js';
import * as nodes from '../phases/nodes.js';
import { ensureQemu, type QemuResult } from '../phases/qemu.js';
import { userId } from '../phases/qemu-users.js';
import { verifyPublished } from '../phases/verify.js';
import { Registry, type Inspected } from '../registry/client.js';
import { resolveTags } from '../registry/tags.js';
import type { Phases } from '../runner/phases.js';
import type { Step } from '../runner/step.js';
import type { RunSummary } from '../runner/summary.js';
import { describeQemu, olderThan, platformRows, reportBuilder } from './build-report.js';

/**
 * Builds every platform of mode all (published under tags) or of a matrix leg (pushed by digest, or to its
 * handoff tags on the docker driver, then handed off; with push: false, built only); fills `summary` and the
 * step's outputs. `store` replaces the Actions cache for a leg's handoff records. Throws ActionError.
 */
export async function buildPlatforms(
  step: Step,
  inputs: Inputs,
  phases: Phases,
  summary: RunSummary,
  store?: HandoffStore,
): Promise<void> {
  const { ctx, outputs } = step;
  // Still input checking (paths, the Git context): before anything runs.
  const source = planSource(inputs, ctx);
  const needsEngine = !['remote', 'kubernetes'].includes(inputs.driver) || inputs.qemu === 'image';
  const engine = needsEngine ? await probeEngine(ctx, step.exec) : undefined;
  const pushRefused = checkTagsBeforeBuild(step, inputs);
  const host = engine?.arch || hostArch(ctx.arch);
  const platforms = inputs.platforms.length ? inputs.platforms : [parsePlatform(`linux/${host}`)];
  const tempDir = await mkdtemp(join(ctx.tempDir, 'multiarch-build-'));
  step.state.save('tempDir', tempDir);

  // QEMU first (a local check; buildx may have to be downloaded), for what the builder's own node builds.
  const qemu = await phases.run('qemu', 'QEMU emulation', () => setUpQemu(step, inputs, platforms, host));
  const here = nodes.localPlatforms(platforms, inputs.driver, inputs.append);
  const emulated = here.filter((p) => p.os === 'linux' && qemu.needed.includes(qemuArch(p)));
  outputs.set('qemu-platforms', emulated.map(formatPlatform).join(','));
  const buildx = await setUpBuildx(step, { version: inputs.buildxVersion, url: inputs.buildxUrl }, phases);
  // Before the builder exists: post must remove it with the buildx that created it.
  step.state.save('buildx', buildx.binary ?? '');

  const builder = await phases.run('builder', 'Builder', () =>
    setUpBuilder(step, buildx, inputs, platforms, tempDir, engine?.context),
  );
  outputs.set('builder', builder.name);
  // The builder's outputs need an inspect when the builder was not started here: beside the build, not before.
  const described = reportBuilder(step, buildx, builder);
  const env = {
    ...builder.env,
    // The provenance blob in the metadata file costs time and is not what the metadata output is read for.
    BUILDX_METADATA_PROVENANCE: ctx.env.BUILDX_METADATA_PROVENANCE ?? 'disabled',
  };
  // call: check (outline, targets) builds no image: nothing to cache.
  const checking = inputs.call !== undefined && inputs.call !== 'build';
  const cache = await layerCache(
    step,
    buildx,
    checking ? { ...inputs, cache: 'off' } : inputs,
    platforms,
    env,
    builder,
  );
  const restoredCache = cache.backend === 'local' ? await restoreLocalCache(step, cache) : undefined;

  const target = publishTarget(step, inputs, platforms);
  const registry = new Registry(step, buildx, env);
  const previous = await handoffTagsBefore(step, registry, inputs, platforms);
  const refused = await pushRefused;
  if (refused) throw refused;
  const title = `Building ${platforms.map(formatPlatform).join(', ')}`;
  let result = await phases
    .run('build', title, async () => {
      const metadataFile = join(tempDir, 'metadata.json');
      const spec = {
        platforms,
        output: target.output,
        // Annotations exist only in OCI media types (a Docker manifest or list has no such field), at any level;
        // a leg is always OCI: the merge may annotate its index.
        oci: inputs.mode === 'build' || target.annotations.length > 0,
        annotations: target.annotations,
        cacheFrom: cache.from,
        cacheTo: cache.to,
        metadataFile,
        secretFiles: await writeSecretFiles(inputs, tempDir, source),
        source,
        attest: {
          builderId: `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt}`,
          privateRepository: ctx.privateRepository,
          oldBuildKit: olderThan(builder.buildkitVersion, [0, 11]),
        },
      };
      return nodes.buildWatched(step, builder, (signal) =>
        runBuilds(step, buildx, inputs, spec, env, signal),
      );
    })
    .finally(() => described);
  // Exports run with ignore-error=true: only the build log tells whether the cache was written.
  const cached = cacheOutcome(cache, result.log, result.cacheRefused);
  const cacheFailed = cacheWarning(cached);
  if (cacheFailed) step.log.warning(cacheFailed);
  if (cache.backend === 'local' && !cached.error) await saveLocalCache(step, cache, restoredCache);
  // The build record is read while the registry is: two independent reads, neither waiting on the other.
  const bars = inputs.summary
    ? buildBars(buildx, result.metadata['buildx.build.ref'], platforms.map(formatPlatform), env, phases)
    : undefined;
  nodes.mergedDigestKnown(builder, result, target.output.kind === 'digest');
  const published = await verify(step, registry, inputs, platforms, target, result, phases);
  result = nodes.checkMerged(builder, result, published);
  if (bars) {
    const { builds, missing } = await bars;
    summary.builds = builds;
    summary.buildsMissing = missing;
  }
  const rows = platformRows(
    platforms,
    emulated,
    result,
    published,
    nodes.nodeOfPlatforms(platforms, builder),
  );
  report(step, inputs, platforms, target, result, summary);
  outputs.set('cache', cacheOutput(cached, rows));
  summary.rows = rows;
  summary.facts.push(['Builder', describeBuilder(builder, inputs)]);
  summary.facts.push(['QEMU', describeQemu(qemu)]);
  summary.facts.push(['Cache', describeCache(cached)]);
  if (inputs.mode === 'build') {
    const leg = { platforms, emulated, digest: result.digest, pushed: inputs.push };
    const handoff = await phases.run('handoff', 'Handing the leg to the merge job', () =>
      recordLeg(step, registry, inputs, leg, previous, store),
    );
    reportHandoff(step, inputs, result.digest, handoff, summary);
  }
}

async function setUpQemu(
  step: Step,
  inputs: Inputs,
  platforms: Platform[],
  host: string,
): Promise<QemuResult> {
  const needed = emulationNeeded(nodes.localPlatforms(platforms, inputs.driver, inputs.append), host);
  // Saved before any record exists: post drops this run's use of the handlers even after a failure.
  const user = userId(step.ctx);
  if (needed.length && inputs.qemu !== 'off') step.state.save('qemuUser', user);
  const run = { user, cleanup: inputs.qemuCleanup };
  const result = await ensureQemu(step, inputs.qemu, inputs.qemuImage, platforms, needed, run);
  if (result.registered.length && inputs.qemuCleanup)
    step.state.save('qemuRegistered', result.registered.join(','));
  step.log.info(describeQemu(result));
  return result;
}

async function layerCache(
  step: Step,
  buildx: Buildx,
  inputs: Inputs,
  platforms: Platform[],
  env: Record<string, string>,
  builder: Builder,
): Promise<CachePlan> {
  const context = {
    eventName: step.ctx.eventName,
    cacheService: step.ctx.cacheService,
    driver: inputs.driver,
    tempDir: join(step.ctx.tempDir, 'multiarch-layer-cache'),
  };
  let cache = planCache(inputs, platforms, context);
  if (cache.backend === 'gha') {
    // Only the gha backend depends on versions, so only then is buildx asked for its own.
    const version = await buildx.run(['version'], { echo: false, allowFailure: true, env });
    const buildxVersion = /v?(\d+\.\d+\.\d+)/.exec(version.stdout)?.[1];
    cache = planCache(inputs, platforms, {
      ...context,
      buildxVersion,
      buildkitVersion: builder.buildkitVersion,
    });
  }
  if (cache.notice) step.log.notice(cache.notice);
  if (cache.warning) step.log.warning(cache.warning);
  return cache;
}

interface PublishTarget {
  output: BuildOutput;
  /** References the build pushes to (tags, or a docker-driver leg's handoff tags). */
  refs: string[];
  annotations: Annotation[];
  handoff?: 'cache' | 'tags';
}

function publishTarget(step: Step, inputs: Inputs, platforms: Platform[]): PublishTarget {
  if (inputs.mode !== 'build') {
    const refs = resolveTags(inputs.images, inputs.tags);
    return { output: { kind: 'tags', refs, push: inputs.push }, refs, annotations: inputs.annotations };
  }
  // A leg's index annotations belong to the merged index, which the merge job writes.
  const annotations = inputs.annotations.filter((a) => !isIndexLevel(a));
  const handoff = resolveHandoff(inputs.handoff, step.ctx.cacheService, inputs.driver);
  if (!inputs.push) return { output: { kind: 'unpushed' }, refs: [], annotations, handoff };
  // The docker driver cannot push by digest: it pushes to the handoff tags, which then get the record.
  if (handoff === 'tags' && inputs.driver === 'docker') {
    const refs = legHandoffTags(step, inputs, platforms);
    return { output: { kind: 'tags', refs, push: true }, refs, annotations, handoff };
  }
  return { output: { kind: 'digest', images: inputs.images }, refs: [], annotations, handoff };
}

async function verify(
  step: Step,
  registry: Registry,
  inputs: Inputs,
  platforms: Platform[],
  target: PublishTarget,
  result: BuildResult,
  phases: Phases,
): Promise<Inspected | undefined> {
  const byDigest = target.output.kind === 'digest';
  const refs = byDigest ? inputs.images.map((i) => `${i}@${result.digest}`) : inputs.push ? target.refs : [];
  if (!refs.length) return undefined;
  const names = platforms.map(formatPlatform);
  return phases.run('verify', 'Verifying the registry', async () => {
    const found = await verifyPublished(registry, {
      refs,
      digest: result.digest,
      platforms: names,
      indexAnnotations: indexAnnotations(target.annotations),
    });
    step.log.info(`${refs.join(', ')}: ${result.digest} with ${names.join(', ')}`);
    return found[0];
  });
}

function report(
  step: Step,
  inputs: Inputs,
  platforms: Platform[],
  target: PublishTarget,
  result: BuildResult,
  summary: RunSummary,
): void {
  const { outputs } = step;
  outputs.set('digest', result.digest ?? '');
  outputs.set('imageid', result.imageId ?? '');
  outputs.set('metadata', publicMetadata(result.metadata));
  outputs.set('platforms', platforms.map(formatPlatform).join(','));
  // A leg publishes no tag: its handoff tags are in the handoff output.
  const published = inputs.mode === 'build' || !inputs.push ? [] : target.refs;
  outputs.set('tags', published.join('\n'));
  summary.digest = result.digest;
  summary.tags = published;
  summary.annotations = target.annotations.map(formatAnnotation);
}
