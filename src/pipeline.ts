import * as core from '@actions/core';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planBuilder, startBuilder } from './builder.js';
import { setUpBuildx } from './buildx.js';
import {
  buildArgv,
  hasIndexAnnotations,
  publicMetadata,
  runBuild,
  writeSecretFiles,
  type BuildOutput,
  type BuildResult,
} from './build.js';
import { cacheStats, ghaAvailable, planCache, type CachePlan } from './cache.js';
import { probeEngine } from './engine.js';
import { exec } from './exec.js';
import { legTags, recordLeg, resolveHandoff } from './handoff.js';
import { annotationTypes, formatAnnotation, type Annotation, type Inputs } from './inputs.js';
import { restoreLocalCache, saveLocalCache } from './local-cache.js';
import { descriptorPlatform, isAttestation, verifyPublished, type Inspected } from './manifest.js';
import type { Phases } from './phases.js';
import {
  emulationNeeded,
  formatPlatform,
  hostArch,
  parsePlatform,
  qemuArch,
  type Platform,
} from './platforms.js';
import { ensureQemu, type QemuResult } from './qemu.js';
import { saveState } from './state.js';
import type { RunSummary } from './summary.js';
import { resolveTags } from './tags.js';

const runnerTemp = () => process.env.RUNNER_TEMP || tmpdir();

/** mode all and mode build: QEMU → buildx → builder → cache → build → verify → outputs (→ handoff for a leg). */
export async function buildPlatforms(inputs: Inputs, phases: Phases, summary: RunSummary): Promise<void> {
  const needsEngine = inputs.driver !== 'remote' || inputs.qemu === 'image';
  const host = (needsEngine ? (await probeEngine()).arch : '') || hostArch();
  const platforms = inputs.platforms.length ? inputs.platforms : [parsePlatform(`linux/${host}`)];
  const tempDir = await mkdtemp(join(runnerTemp(), 'multiarch-build-'));
  saveState('tempDir', tempDir);

  // QEMU first: a local check, and it needs only the docker CLI; buildx may have to be downloaded.
  const qemu = await phases.run('qemu', 'QEMU emulation', () => setUpQemu(inputs, platforms, host));
  const emulated = platforms.filter((p) => p.os === 'linux' && qemu.needed.includes(qemuArch(p)));
  core.setOutput('qemu-platforms', emulated.map(formatPlatform).join(','));
  await setUpBuildx(inputs, phases);

  const builder = await phases.run('builder', 'Builder', () => setUpBuilder(inputs, tempDir));
  core.setOutput('builder', builder.name);
  const env = {
    BUILDX_BUILDER: builder.name,
    // The provenance blob in the metadata file costs time and is not what the metadata output is read for.
    BUILDX_METADATA_PROVENANCE: process.env.BUILDX_METADATA_PROVENANCE ?? 'disabled',
  };
  const cache = await layerCache(inputs, platforms, env, builder.buildkitVersion);
  const restoredCache =
    cache.backend === 'local' ? await restoreLocalCache(cache, ghaAvailable(process.env)) : undefined;

  const target = publishTarget(inputs, platforms);
  const result = await phases.run(
    'build',
    `Building ${platforms.map(formatPlatform).join(', ')}`,
    async () => {
      const metadataFile = join(tempDir, 'metadata.json');
      const spec = {
        platforms,
        output: target.output,
        // A leg is always OCI: the merge may annotate its index, which Docker media types would silently drop.
        oci: inputs.mode === 'build' || hasIndexAnnotations(target.annotations),
        annotations: target.annotations,
        cacheFrom: cache.from,
        cacheTo: cache.to,
        metadataFile,
        secretFiles: await writeSecretFiles(inputs, tempDir),
      };
      return runBuild(inputs, buildArgv(inputs, spec), metadataFile, env);
    },
  );
  if (cache.backend === 'local') await saveLocalCache(cache, ghaAvailable(process.env), restoredCache);

  const published = await verify(inputs, platforms, target, result, phases, env);
  report(inputs, platforms, target, result, published, summary);
  const steps = Object.fromEntries(
    summary.rows.map((r) => [r.platform, { cached: r.cached ?? 0, executed: r.executed ?? 0 }]),
  );
  core.setOutput(
    'cache',
    JSON.stringify({ backend: cache.backend, scope: cache.scope ?? '', write: cache.write, steps }),
  );
  summary.facts.push(['Builder', `${builder.name} (${inputs.builder ? 'existing' : inputs.driver})`]);
  summary.facts.push(['QEMU', describeQemu(qemu)]);
  summary.facts.push(['Cache', describeCache(cache)]);
  summary.rows = summary.rows.map((r) => ({
    ...r,
    emulated: emulated.some((p) => formatPlatform(p) === r.platform),
  }));
  if (inputs.mode === 'build') {
    await phases.run('handoff', 'Handing the leg to the merge job', () =>
      recordLeg(inputs, platforms, result, summary),
    );
  }
}

async function setUpQemu(inputs: Inputs, platforms: Platform[], host: string): Promise<QemuResult> {
  // A remote BuildKit runs elsewhere: this host's emulators are not what it uses.
  const needed = inputs.driver === 'remote' ? [] : emulationNeeded(platforms, host);
  const result = await ensureQemu(inputs.qemu, inputs.qemuImage, platforms, needed);
  if (result.registered.length && inputs.qemuCleanup)
    saveState('qemuRegistered', result.registered.join(','));
  core.info(describeQemu(result));
  return result;
}

async function setUpBuilder(inputs: Inputs, tempDir: string) {
  let configFile: string | undefined;
  if (inputs.buildkitdConfigInline) {
    configFile = join(tempDir, 'buildkitd.toml');
    await writeFile(configFile, inputs.buildkitdConfigInline, { mode: 0o600 });
  }
  const plan = planBuilder(inputs, process.env, configFile);
  // Saved before it exists: a cancelled or failed create still gets removed by post.
  if (plan.owned && inputs.cleanup) saveState('builder', plan.name);
  const buildkitVersion = await startBuilder(plan, inputs);
  core.info(plan.owned ? `Created builder ${plan.name} (${inputs.driver})` : `Using builder ${plan.name}`);
  return { ...plan, buildkitVersion };
}

async function layerCache(
  inputs: Inputs,
  platforms: Platform[],
  env: Record<string, string>,
  buildkitVersion?: string,
): Promise<CachePlan> {
  const context = {
    eventName: process.env.GITHUB_EVENT_NAME,
    ghaAvailable: ghaAvailable(process.env),
    driver: inputs.driver,
    tempDir: join(runnerTemp(), 'multiarch-layer-cache'),
  };
  let cache = planCache(inputs, platforms, context);
  if (cache.backend === 'gha') {
    // Only the gha backend depends on versions, so only then is buildx asked for its own.
    const version = await exec(['docker', 'buildx', 'version'], { echo: false, allowFailure: true, env });
    const buildxVersion = /v?(\d+\.\d+\.\d+)/.exec(version.stdout)?.[1];
    cache = planCache(inputs, platforms, { ...context, buildxVersion, buildkitVersion });
  }
  if (cache.notice) core.notice(cache.notice);
  return cache;
}

interface PublishTarget {
  output: BuildOutput;
  /** References the build pushes to (tags, or a leg's per-platform tags). */
  refs: string[];
  annotations: Annotation[];
  handoff?: 'cache' | 'tags';
}

function publishTarget(inputs: Inputs, platforms: Platform[]): PublishTarget {
  if (inputs.mode !== 'build') {
    const refs = resolveTags(inputs.images, inputs.tags);
    return { output: { kind: 'tags', refs, push: inputs.push }, refs, annotations: inputs.annotations };
  }
  // A leg's index annotations belong to the merged index, which the merge job writes.
  const annotations = inputs.annotations.filter(
    (a) => !annotationTypes(a).some((t) => t.startsWith('index')),
  );
  const handoff = resolveHandoff(inputs.handoff, process.env, inputs.driver);
  if (handoff === 'cache')
    return { output: { kind: 'digest', images: inputs.images }, refs: [], annotations, handoff };
  const refs = platforms.flatMap((p) => legTags(inputs.images, inputs.tags, p, process.env));
  return { output: { kind: 'tags', refs, push: true }, refs, annotations, handoff };
}

async function verify(
  inputs: Inputs,
  platforms: Platform[],
  target: PublishTarget,
  result: BuildResult,
  phases: Phases,
  env: Record<string, string>,
): Promise<Inspected | undefined> {
  const byDigest = target.handoff === 'cache';
  const refs = byDigest ? inputs.images.map((i) => `${i}@${result.digest}`) : inputs.push ? target.refs : [];
  if (!refs.length) return undefined;
  const names = platforms.map(formatPlatform);
  const indexAnnotations = Object.fromEntries(
    target.annotations.filter((a) => annotationTypes(a).includes('index')).map((a) => [a.key, a.value]),
  );
  return phases.run('verify', 'Verifying the registry', async () => {
    const found = await verifyPublished(
      { refs, digest: result.digest, platforms: names, indexAnnotations },
      env,
    );
    core.info(`${refs.join(', ')}: ${result.digest} with ${names.join(', ')}`);
    return found[0];
  });
}

function report(
  inputs: Inputs,
  platforms: Platform[],
  target: PublishTarget,
  result: BuildResult,
  published: Inspected | undefined,
  summary: RunSummary,
): void {
  const names = platforms.map(formatPlatform);
  core.setOutput('digest', result.digest ?? '');
  core.setOutput('imageid', result.imageId ?? '');
  core.setOutput('metadata', publicMetadata(result.metadata));
  core.setOutput('platforms', names.join(','));
  core.setOutput('tags', target.refs.join('\n'));
  const digests = new Map(
    (published?.manifest.manifests ?? [])
      .filter((d) => !isAttestation(d))
      .map((d) => [descriptorPlatform(d), d.digest]),
  );
  const stats = cacheStats(result.log, names);
  summary.rows = names.map((name) => ({ platform: name, digest: digests.get(name), ...stats.get(name) }));
  summary.digest = result.digest;
  summary.tags = inputs.push ? target.refs : [];
  summary.annotations = target.annotations.map(formatAnnotation);
}

function describeQemu(q: QemuResult): string {
  if (q.method === 'off')
    return q.needed.length ? `off (emulation needed for ${q.needed.join(', ')})` : 'off';
  if (q.method === 'none') return 'not needed (every platform is native here)';
  if (q.method === 'present') return `already registered: ${q.needed.join(', ')}`;
  return `registered ${q.registered.join(', ')} (${q.method === 'host' ? 'host qemu-user-static' : 'binfmt image'})`;
}

function describeCache(cache: CachePlan): string {
  if (cache.backend === 'off') return 'off';
  return `${cache.backend}${cache.scope ? ` (${cache.scope})` : ''}${cache.write ? '' : ', read-only'}`;
}
