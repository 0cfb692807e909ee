import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tc from '@actions/tool-cache';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installBuildx } from '../../src/buildx/install.js';
import { planBuildxDownload } from '../../src/buildx/release.js';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  BUILDX,
  REGISTRY,
  builderLeftovers,
  builderParts,
  digestOf,
  runAction,
  unique,
} from '../support/e2e.js';

// The Debian build of buildx 0.29.1 that scripts/e2e-env.sh installs.
const REAL_BUILDX = BUILDX;
const VERSION = 'v0.29.1';

let server: Server;
let base = '';
let realSha = '';
let requests: string[] = [];
// Paths that answer 503 this many more times before serving normally.
const failures = new Map<string, number>();
const savedEnv = { cache: process.env.RUNNER_TOOL_CACHE, temp: process.env.RUNNER_TEMP };
let scratch = '';
let asset = '';

function plan(mirror: string, version = VERSION) {
  return planBuildxDownload({
    version,
    baseUrl: `${base}/${mirror}`,
    platform: process.platform,
    arch: process.arch,
  });
}

beforeAll(async () => {
  if (!existsSync(REAL_BUILDX)) throw new Error(`${REAL_BUILDX} missing: run scripts/e2e-env.sh up`);
  realSha = createHash('sha256').update(readFileSync(REAL_BUILDX)).digest('hex');
  asset = planBuildxDownload({ version: VERSION, platform: process.platform, arch: process.arch }).assetName;
  // The layout of hack/hash-files: `sha256sum -b buildx-*`.
  const sums = (sha: string) =>
    `${'0'.repeat(64)} *${asset}.provenance.json\n${sha} *${asset}\n${'1'.repeat(64)} *${asset}.sbom.json\n`;
  const routes: Record<string, () => { body?: string; file?: string }> = {
    [`/good/${VERSION}/checksums.txt`]: () => ({ body: sums(realSha) }),
    [`/good/${VERSION}/${asset}`]: () => ({ file: REAL_BUILDX }),
    [`/bad/${VERSION}/checksums.txt`]: () => ({ body: sums('f'.repeat(64)) }),
    [`/bad/${VERSION}/${asset}`]: () => ({ file: REAL_BUILDX }),
  };
  server = createServer((req, res) => {
    const path = req.url ?? '';
    requests.push(path);
    const left = failures.get(path) ?? 0;
    if (left > 0) {
      failures.set(path, left - 1);
      res.writeHead(503).end('try later');
      return;
    }
    const route = routes[path]?.();
    if (!route) {
      res.writeHead(404).end('Not Found');
    } else if (route.file) {
      res.writeHead(200, { 'content-length': statSync(route.file).size });
      createReadStream(route.file).pipe(res);
    } else {
      res.writeHead(200).end(route.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  for (const [key, value] of [
    ['RUNNER_TOOL_CACHE', savedEnv.cache],
    ['RUNNER_TEMP', savedEnv.temp],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

// @actions/tool-cache reads both variables on every call, so a fresh pair per test isolates them.
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'buildx-install-'));
  process.env.RUNNER_TOOL_CACHE = join(scratch, 'toolcache');
  process.env.RUNNER_TEMP = join(scratch, 'temp');
  requests = [];
  failures.clear();
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('installBuildx against a loopback mirror', () => {
  it('downloads, verifies and caches a runnable buildx; the second call is a cache hit', async () => {
    const logs: string[] = [];
    const bin = await installBuildx(plan('good'), (m) => logs.push(m));
    expect(bin.startsWith(process.env.RUNNER_TOOL_CACHE!)).toBe(true);
    expect(statSync(bin).mode & 0o777).toBe(0o755);
    const { stdout } = await promisify(execFile)(bin, ['version']);
    expect(stdout).toMatch(/github\.com\/docker\/buildx .*0\.29\.1/);
    expect(requests).toEqual([`/good/${VERSION}/checksums.txt`, `/good/${VERSION}/${asset}`]);
    expect(logs.join('\n')).toContain(realSha);
    expect(await readdir(process.env.RUNNER_TEMP!)).toEqual([]);

    requests = [];
    await expect(installBuildx(plan('good'), () => {})).resolves.toBe(bin);
    // A different mirror for the same version is still a hit: the cache keys on version only.
    await expect(installBuildx(plan('elsewhere', '0.29.1'), () => {})).resolves.toBe(bin);
    expect(requests).toEqual([]);
  });

  it('refuses a binary whose checksum does not match and caches nothing', async () => {
    const p = plan('bad');
    await expect(installBuildx(p, () => {})).rejects.toThrow(
      `buildx-version: checksum mismatch for ${p.assetName} from ${p.binaryUrl} (expected ${'f'.repeat(64)}, got ${realSha})`,
    );
    expect(tc.find('buildx', '0.29.1')).toBe('');
    expect(existsSync(join(process.env.RUNNER_TOOL_CACHE!, 'buildx'))).toBe(false);
    expect(await readdir(process.env.RUNNER_TEMP!)).toEqual([]);
  });

  it('names buildx-url and buildx-version on a 404, without retrying or fetching the binary', async () => {
    const p = plan('good', 'v0.99.0');
    const err = await installBuildx(p, () => {}).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe(
      `buildx-url: ${p.checksumsUrl} returned 404 — check buildx-version v0.99.0 exists at that mirror`,
    );
    expect(err?.message).not.toContain('\n');
    expect(requests).toEqual([`/good/v0.99.0/checksums.txt`]);
    expect(tc.find('buildx', '0.99.0')).toBe('');
  });

  it('relies on tool-cache retries for a transient 5xx', async () => {
    const g = globalThis as Record<string, unknown>;
    g.TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS = 0;
    g.TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS = 0;
    try {
      failures.set(`/good/${VERSION}/${asset}`, 1);
      const bin = await installBuildx(plan('good'), () => {});
      expect(existsSync(bin)).toBe(true);
      expect(requests.filter((r) => r.endsWith(asset))).toHaveLength(2);
    } finally {
      delete g.TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS;
      delete g.TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS;
    }
  });
});

// The action itself, run as the runner runs it, on a runner whose docker CLI has no buildx plugin, on the
// default driver: the downloaded buildx creates the builder, so removing it in post needs that buildx too.
describe('the action with buildx-version, and on a runner without buildx', () => {
  const image = `${REGISTRY}/e2e/${unique('buildxdl')}`;
  let toolCache = '';
  let dockerConfig = '';
  const env = () => ({ RUNNER_TOOL_CACHE: toolCache, DOCKER_CONFIG: dockerConfig });
  let build: Awaited<ReturnType<typeof runAction>>;
  beforeAll(async () => {
    toolCache = await mkdtemp(join(tmpdir(), 'action-toolcache-'));
    // Credentials, but no cli-plugins: `docker buildx` does not exist for this runner.
    dockerConfig = await mkdtemp(join(tmpdir(), 'docker-config-'));
    copyFileSync(join(homedir(), '.docker', 'config.json'), join(dockerConfig, 'config.json'));
  });

  afterAll(() => {
    // Whatever post left behind (see the post test), removed with a buildx that reads this runner's config.
    const name = build?.state.builder;
    if (name && builderLeftovers(name, dockerConfig).length)
      spawnSync(BUILDX, ['rm', '--force', name], { env: { ...process.env, DOCKER_CONFIG: dockerConfig } });
  });

  it('downloads the release from buildx-url, verifies it and runs every buildx command with it', async () => {
    requests = [];
    build = await runAction(
      {
        context: join(import.meta.dirname, '..', '..', 'example'),
        platforms: 'linux/amd64',
        image,
        tags: 'dl',
        push: 'true',
        ...AIR_GAPPED,
        'build-args': `BASE=${BASE_IMAGE}`,
        'buildx-version': VERSION,
        'buildx-url': `${base}/good`,
      },
      { env: env() },
    );
    expect(build.code, build.error).toBe(0);
    expect(build.log).toContain('::group::Installing buildx 0.29.1');
    expect(requests).toEqual([`/good/${VERSION}/checksums.txt`, `/good/${VERSION}/${asset}`]);
    expect(digestOf(`${image}:dl`)).toBe(build.outputs.digest);
    const name = build.state.builder as string;
    expect(name).toMatch(/^multiarch-1000-1-e2e-[0-9a-f]{8}$/);
    expect(builderLeftovers(name, dockerConfig)).toEqual(builderParts(name));
  });

  it('post, on that runner, removes the builder, its container and its state volume', async () => {
    const name = build.state.builder as string;
    // The runner gives post the step's environment again: this DOCKER_CONFIG, this RUNNER_TOOL_CACHE.
    const post = await build.post();
    expect(post.code).toBe(0);
    expect(builderLeftovers(name, dockerConfig), post.log).toEqual([]);
    expect(post.log).not.toContain('::warning::');
  });

  it('with no buildx installed and no buildx-version, uses the default release (here from the tool cache)', async () => {
    requests = [];
    const merge = await runAction(
      { mode: 'merge', sources: `${image}:dl`, image, tags: 'merged', platforms: 'linux/amd64' },
      { env: env() },
    );
    expect(merge.code, merge.error).toBe(0);
    expect(merge.log).toContain(
      '::notice::buildx is not installed on this runner: using buildx v0.29.1 for this step',
    );
    expect(requests).toEqual([]);
    expect(digestOf(`${image}:merged`)).toBe(digestOf(`${image}:dl`));
  });
});
