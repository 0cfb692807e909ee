import { createHash } from 'node:crypto';
import { coerce, gte } from 'semver';
import type { Driver, Inputs } from '../inputs/types.js';
import { attributeList } from '../model/attributes.js';
import { platformSlug, type Platform } from '../model/platforms.js';
import { parseReference } from '../registry/refs.js';
import { repositoriesOf, resolveTags } from '../registry/tags.js';
import { childPath } from '../runner/paths.js';

export type CacheBackend = 'gha' | 'registry' | 'local' | 'off' | 'explicit';

export interface CachePlan {
  backend: CacheBackend;
  scope?: string;
  write: boolean;
  from: string[];
  to: string[];
  notice?: string;
  /** Said once as a warning: the cache asked for cannot be used here. */
  warning?: string;
  /** local: the directory BuildKit reads (restored) and the one it writes (then saved). */
  localDirs?: { src: string; dest: string };
}

export interface CacheContext {
  eventName?: string;
  /** The GitHub Actions cache service is reachable from this step (runtime token and URL are set). */
  cacheService: boolean;
  driver: Driver;
  /** buildx's and BuildKit's versions, when known; the cache service v2 needs recent ones. */
  buildxVersion?: string;
  buildkitVersion?: string;
  /** Where `local` caches live: a fixed path, since the Actions cache keys entries by path too. */
  tempDir: string;
}

/** buildx and BuildKit releases that speak the GitHub cache service v2 (the only one since April 2025). */
export const GHA_MIN_BUILDX = '0.21.0';
export const GHA_MIN_BUILDKIT = '0.20.0';

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Fits `text` in `max` characters, keeping it distinct: a long one keeps its start and gains a hash. */
function bounded(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 17)}_${shortHash(text)}`;
}

/**
 * Legs and the single job each get their own scope, so they never evict one another. The scope is one name
 * of letters, digits and `_ . -` (at most 100): it sits in an attribute list (`type=gha,scope=…`), a
 * directory name under RUNNER_TEMP, a cache key and a tag, so no part of it may mean anything there.
 */
export function cacheScope(
  images: string[],
  target: string | undefined,
  platforms: Platform[],
  leg: boolean,
): string {
  const image = (parseReference(images[0] ?? '')?.repository ?? 'image').split('/').slice(-2).join('-');
  const parts = [image, target ?? '', platforms.map(platformSlug).join('.'), leg ? 'leg' : 'all'];
  const scope = parts
    .map((p) => p.replace(/[^A-Za-z0-9_.-]/g, '-'))
    .filter(Boolean)
    .join('_');
  return bounded(scope, 100);
}

/**
 * The registry cache reference for a scope: the tag of `base` (cache-ref, or `<image>:buildcache`; an
 * untagged cache-ref gets `buildcache`) suffixed with the scope's target, platforms and leg, kept within
 * the 128 characters a tag may have.
 */
export function registryCacheRef(base: string, scope: string): string {
  const ref = parseReference(base);
  const repository = ref?.repository ?? base;
  const suffix = scope.split('_').slice(1).join('_') || 'default';
  return `${repository}:${bounded(`${ref?.tag ?? 'buildcache'}-${suffix}`, 128)}`;
}

/** auto: write on pushes, tags, schedules and manual runs; read-only on pull requests (no PR evicts main). */
export function cacheWrites(policy: Inputs['cacheWrite'], eventName: string | undefined): boolean {
  if (policy !== 'auto') return policy === 'always';
  return !/^pull_request/.test(eventName ?? '');
}

/** `version` (any text holding x.y.z) is `min` or later; an unreadable version (a dev build) passes. */
export function versionAtLeast(version: string, min: string): boolean {
  const found = coerce(version);
  return found === null || gte(found, min);
}

/** The layer cache a build uses: backend, scope and the --cache-from/--cache-to values. Pure. */
export function planCache(inputs: Inputs, platforms: Platform[], ctx: CacheContext): CachePlan {
  const write = cacheWrites(inputs.cacheWrite, ctx.eventName);
  if (inputs.cacheFrom.length || inputs.cacheTo.length) {
    return {
      backend: 'explicit',
      write: inputs.cacheTo.length > 0,
      from: inputs.cacheFrom,
      to: inputs.cacheTo,
    };
  }
  // With no image, metadata-action style full tags still name the repository the scope belongs to.
  const images = inputs.images.length ? inputs.images : repositoriesOf(resolveTags([], inputs.tags));
  const scope = cacheScope(images, inputs.target, platforms, inputs.mode === 'build');
  let backend = inputs.cache;
  let notice: string | undefined;
  if (backend === 'auto') {
    if (ctx.cacheService && ctx.driver !== 'docker') backend = 'gha';
    else {
      backend = 'off';
      notice = ctx.cacheService
        ? 'Layer cache off: the docker driver cannot export to the GitHub cache; use driver: docker-container, or cache: registry'
        : 'Layer cache off: the GitHub Actions cache service is not available to this step; set cache: registry (or local) to keep layers between runs';
    }
  }
  if (backend === 'gha' && !ctx.cacheService) {
    // buildx drops a type=gha entry without the runtime token and URL, silently: say so, and claim nothing.
    return {
      backend: 'off',
      write: false,
      from: [],
      to: [],
      warning:
        'cache: gha needs the GitHub Actions cache service, which this step cannot reach (ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set: not a GitHub-hosted job, or a runner without the service); building without a layer cache — set cache: registry or local',
    };
  }
  if (backend === 'gha') {
    const old =
      ctx.buildxVersion && !versionAtLeast(ctx.buildxVersion, GHA_MIN_BUILDX)
        ? `buildx ${ctx.buildxVersion} (needs ${GHA_MIN_BUILDX}+; set buildx-version)`
        : ctx.buildkitVersion && !versionAtLeast(ctx.buildkitVersion, GHA_MIN_BUILDKIT)
          ? `BuildKit ${ctx.buildkitVersion} (needs ${GHA_MIN_BUILDKIT}+; set buildkit-image)`
          : undefined;
    if (old) {
      return {
        backend: 'off',
        write: false,
        from: [],
        to: [],
        notice: `Layer cache off: ${old} predates the GitHub cache service v2`,
      };
    }
  }
  switch (backend) {
    case 'off':
      return { backend, write: false, from: [], to: [], ...(notice ? { notice } : {}) };
    case 'gha':
      return {
        backend,
        scope,
        write,
        from: [`type=gha,scope=${scope}`],
        to: write ? [`type=gha,scope=${scope},mode=max,ignore-error=true`] : [],
      };
    case 'registry': {
      const ref = registryCacheRef(inputs.cacheRef ?? `${inputs.images[0]}:buildcache`, scope);
      return {
        backend,
        scope: ref,
        write,
        from: [`type=registry,ref=${ref}`],
        to: write ? [`type=registry,ref=${ref},mode=max,ignore-error=true`] : [],
      };
    }
    case 'local': {
      // BuildKit cannot export a local cache onto the directory it imports from: write beside it, then swap.
      const src = childPath(ctx.tempDir, scope);
      const dest = childPath(ctx.tempDir, `${scope}.new`);
      return {
        backend,
        scope,
        write,
        from: [attributeList('local', [['src', src]])],
        to: write
          ? [
              attributeList('local', [
                ['dest', dest],
                ['mode', 'max'],
                ['ignore-error', 'true'],
              ]),
            ]
          : [],
        localDirs: { src, dest },
      };
    }
  }
}

/** Per platform, how many build steps came from cache and how many ran, read from `--progress plain`. */
export function cacheStats(
  log: string,
  platforms: string[],
): Map<string, { cached: number; executed: number }> {
  const stats = new Map(platforms.map((p) => [p, { cached: 0, executed: 0 }]));
  const stepPlatform = new Map<string, string>();
  const cached = new Set<string>();
  const done = new Set<string>();
  for (const line of log.split('\n')) {
    // `#12 [linux/arm/v7 stage-0 3/3] RUN …`; single-platform builds omit the platform.
    const step = /^#(\d+) \[([^\]]*?)\d+\/\d+\] (?:RUN|COPY|ADD|WORKDIR)\b/.exec(line);
    if (step) {
      const named = (step[2] as string).split(/\s+/).find((w) => /^(linux|windows)\//.test(w));
      const platform = named ?? (platforms.length === 1 ? platforms[0] : undefined);
      if (platform) stepPlatform.set(step[1] as string, platform);
      continue;
    }
    const status = /^#(\d+) (CACHED|DONE)\b/.exec(line);
    if (status) (status[2] === 'CACHED' ? cached : done).add(status[1] as string);
  }
  for (const [id, platform] of stepPlatform) {
    const entry = stats.get(platform);
    if (!entry) continue;
    if (cached.has(id)) entry.cached++;
    else if (done.has(id)) entry.executed++;
  }
  return stats;
}
