import * as core from '@actions/core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuilder, planBuilder } from './builder.js';
import {
  buildArgv,
  hasIndexAnnotations,
  publicMetadata,
  runBuild,
  writeSecretFiles,
  type BuildOutput,
} from './build.js';
import { cacheStats, ghaAvailable, planCache, type CachePlan } from './cache.js';
import { probeEngine } from './engine.js';
import { ActionError, errorLine } from './errors.js';
import { legTags, resolveHandoff } from './handoff.js';
import { exec, killChildren, useBuildxBinary } from './exec.js';
import { restoreLocalCache, saveLocalCache } from './local-cache.js';
import { annotationTypes, envInputs, formatAnnotation, readInputs, type Inputs } from './inputs.js';
import { descriptorPlatform, isAttestation, verifyPublished } from './manifest.js';
import { Phases } from './phases.js';
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
import { writeSummary, type RunSummary } from './summary.js';
import { resolveTags } from './tags.js';

/** Values from `secrets` and the environment named by `secret-envs` are masked before anything is logged. */
function maskSecrets(inputs: Inputs): void {
  for (const { value } of inputs.secrets) if (value) core.setSecret(value);
  for (const { value } of inputs.secretEnvs) {
    const secret = process.env[value];
    if (secret) core.setSecret(secret);
  }
}

async function privateTempDir(): Promise<string> {
  const dir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'multiarch-build-'));
  saveState('tempDir', dir);
  return dir;
}

export async function main(): Promise<void> {
  const phases = new Phases();
  const summary: RunSummary = {
    title: 'Multi-platform build',
    outcome: 'success',
    rows: [],
    tags: [],
    annotations: [],
    facts: [],
    times: phases.times,
  };
  process.once('SIGTERM', () => killChildren('SIGTERM'));
  process.once('SIGINT', () => killChildren('SIGINT'));
  let inputs: Inputs | undefined;
  try {
    inputs = readInputs(envInputs());
    maskSecrets(inputs);
    if (inputs.mode === 'merge') {
      const { merge } = await import('./merge.js');
      await merge(inputs, phases, summary);
    } else {
      await buildPlatforms(inputs, phases, summary);
    }
  } catch (e) {
    summary.outcome = 'failure';
    summary.error = errorLine(e);
    core.setFailed(summary.error);
  }
  if (inputs?.summary ?? true)
    await writeSummary(summary).catch((e: Error) => core.warning(`summary: ${e.message}`));
}

async function buildPlatforms(inputs: Inputs, phases: Phases, summary: RunSummary): Promise<void> {
  const leg = inputs.mode === 'build';
  // Planned before anything runs: a bad buildx-version is an input error, not a failed download.
  const buildxPlan = inputs.buildxVersion
    ? (await import('./buildx-install.js')).planBuildxDownload({
        version: inputs.buildxVersion,
        baseUrl: inputs.buildxUrl,
        platform: process.platform,
        arch: process.arch,
      })
    : undefined;
  const needsEngine = inputs.driver !== 'remote' || inputs.qemu === 'image';
  const engine = needsEngine ? await probeEngine() : undefined;
  const host = engine?.arch || hostArch();
  const platforms: Platform[] = inputs.platforms.length ? inputs.platforms : [parsePlatform(`linux/${host}`)];
  const names = platforms.map(formatPlatform);
  const tempDir = await privateTempDir();

  if (buildxPlan) {
    const plan = buildxPlan;
    await phases.run('buildx', `Installing buildx ${plan.version}`, async () => {
      const { installBuildx } = await import('./buildx-install.js');
      try {
        useBuildxBinary(await installBuildx(plan, core.info));
      } catch (e) {
        throw new ActionError(
          'buildx',
          (e as Error).message,
          inputs.buildxUrl ? 'buildx-url' : 'buildx-version',
        );
      }
    });
  }

  // A remote BuildKit runs elsewhere: this host's emulators are not what it uses.
  const needed = inputs.driver === 'remote' ? [] : emulationNeeded(platforms, host);
  const qemu: QemuResult = await phases.run('qemu', 'QEMU emulation', async () => {
    const result = await ensureQemu(inputs.qemu, inputs.qemuImage, platforms, needed);
    if (result.registered.length && inputs.qemuCleanup)
      saveState('qemuRegistered', result.registered.join(','));
    core.info(describeQemu(result));
    return result;
  });
  const emulated = platforms.filter((p) => p.os === 'linux' && qemu.needed.includes(qemuArch(p)));
  core.setOutput('qemu-platforms', emulated.map(formatPlatform).join(','));

  const builder = await phases.run('builder', 'Builder', async () => {
    const configFile = inputs.buildkitdConfigInline
      ? await writeInlineConfig(tempDir, inputs.buildkitdConfigInline)
      : undefined;
    const plan = planBuilder(inputs, process.env, configFile);
    if (plan.owned && inputs.cleanup) saveState('builder', plan.name);
    const buildkitVersion = await startBuilder(plan, inputs);
    core.info(plan.owned ? `Created builder ${plan.name} (${inputs.driver})` : `Using builder ${plan.name}`);
    return { ...plan, buildkitVersion };
  });
  core.setOutput('builder', builder.name);
  const env = {
    BUILDX_BUILDER: builder.name,
    BUILDX_METADATA_PROVENANCE: process.env.BUILDX_METADATA_PROVENANCE ?? 'disabled',
  };

  const cacheService = ghaAvailable(process.env);
  const cacheContext = {
    eventName: process.env.GITHUB_EVENT_NAME,
    ghaAvailable: cacheService,
    driver: inputs.driver,
    tempDir: join(process.env.RUNNER_TEMP || tmpdir(), 'multiarch-layer-cache'),
  };
  let cache: CachePlan = planCache(inputs, platforms, cacheContext);
  if (cache.backend === 'gha') {
    // Only the gha backend depends on versions: spawn for them only then.
    const buildxVersion = await buildxVersionOf(env);
    cache = planCache(inputs, platforms, {
      ...cacheContext,
      buildxVersion,
      buildkitVersion: builder.buildkitVersion,
    });
  }
  if (cache.notice) core.notice(cache.notice);
  const restoredCache = cache.backend === 'local' ? await restoreLocalCache(cache, cacheService) : undefined;

  const handoff = leg ? resolveHandoff(inputs.handoff, process.env) : undefined;
  const refs = !leg
    ? resolveTags(inputs.images, inputs.tags)
    : handoff === 'tags'
      ? platforms.flatMap((p) => legTags(inputs.images, inputs.tags, p, process.env))
      : [];
  // A leg's index annotations belong to the merged index, which the merge job writes.
  const annotations = leg
    ? inputs.annotations.filter((a) => !annotationTypes(a).some((t) => t.startsWith('index')))
    : inputs.annotations;
  const output: BuildOutput =
    handoff === 'cache'
      ? { kind: 'digest', images: inputs.images }
      : { kind: 'tags', refs, push: inputs.push };
  const oci = hasIndexAnnotations(annotations);
  const result = await phases.run('build', `Building ${names.join(', ')}`, async () => {
    const secretFiles = await writeSecretFiles(inputs, tempDir);
    const metadataFile = join(tempDir, 'metadata.json');
    const spec = {
      platforms,
      output,
      oci,
      annotations,
      cacheFrom: cache.from,
      cacheTo: cache.to,
      metadataFile,
      secretFiles,
    };
    return runBuild(inputs, buildArgv(inputs, spec), metadataFile, env);
  });

  if (cache.backend === 'local') await saveLocalCache(cache, cacheService, restoredCache);

  const indexAnnotations = Object.fromEntries(
    annotations.filter((a) => annotationTypes(a).includes('index')).map((a) => [a.key, a.value]),
  );
  const pushed =
    handoff === 'cache' ? inputs.images.map((i) => `${i}@${result.digest}`) : inputs.push ? refs : [];
  const published = pushed.length
    ? await phases.run('verify', 'Verifying the registry', async () => {
        const found = await verifyPublished(
          { refs: pushed, digest: result.digest, platforms: names, indexAnnotations },
          env,
        );
        core.info(`${pushed.join(', ')}: ${result.digest} with ${names.join(', ')}`);
        return found[0];
      })
    : undefined;
  const platformDigests = new Map(
    (published?.manifest.manifests ?? [])
      .filter((d) => !isAttestation(d))
      .map((d) => [descriptorPlatform(d), d.digest]),
  );

  core.setOutput('digest', result.digest ?? '');
  core.setOutput('imageid', result.imageId ?? '');
  core.setOutput('metadata', publicMetadata(result.metadata));
  core.setOutput('platforms', names.join(','));
  core.setOutput('tags', refs.join('\n'));

  const stats = cacheStats(result.log, names);
  summary.rows = platforms.map((p) => {
    const name = formatPlatform(p);
    const s = stats.get(name);
    return {
      platform: name,
      digest: platformDigests.get(name),
      emulated: emulated.includes(p),
      ...(s ? { cached: s.cached, executed: s.executed } : {}),
    };
  });
  summary.digest = result.digest;
  summary.tags = inputs.push ? refs : [];
  summary.annotations = annotations.map(formatAnnotation);
  summary.facts.push(['Builder', `${builder.name} (${inputs.builder ? 'existing' : inputs.driver})`]);
  summary.facts.push(['QEMU', describeQemu(qemu)]);
  summary.facts.push([
    'Cache',
    cache.backend === 'off'
      ? 'off'
      : `${cache.backend}${cache.scope ? ` (${cache.scope})` : ''}${cache.write ? '' : ', read-only'}`,
  ]);
  if (leg) {
    const { recordLeg } = await import('./handoff.js');
    await phases.run('handoff', 'Handing the leg to the merge job', () =>
      recordLeg(inputs, platforms, result, summary),
    );
  }
}

function describeQemu(q: QemuResult): string {
  if (q.method === 'off')
    return q.needed.length ? `off (emulation needed for ${q.needed.join(', ')})` : 'off';
  if (q.method === 'none') return 'not needed (every platform is native here)';
  if (q.method === 'present') return `already registered: ${q.needed.join(', ')}`;
  return `registered ${q.registered.join(', ')} (${q.method === 'host' ? 'host qemu-user-static' : 'binfmt image'})`;
}

async function buildxVersionOf(env: Record<string, string>): Promise<string | undefined> {
  const result = await exec(['docker', 'buildx', 'version'], { echo: false, allowFailure: true, env });
  return /v?(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1];
}

async function writeInlineConfig(tempDir: string, text: string): Promise<string> {
  const { writeFile } = await import('node:fs/promises');
  const file = join(tempDir, 'buildkitd.toml');
  await writeFile(file, text, { mode: 0o600 });
  return file;
}
