/**
 * Post removes the docker-container builder main created with the SAME buildx main ran, whatever the runner
 * has: here a runner whose docker CLI has no buildx plugin at all (its DOCKER_CONFIG has no cli-plugins and
 * the machine has no system plugin dir), so main downloads buildx from a loopback mirror. "Removed" is
 * checked on the engine: the builder's privileged `buildx_buildkit_<builder>0` container and its state
 * volume are gone. And when the binary main ran has disappeared by post (a cleaned tool cache), post falls
 * back to the plugin, or failing that removes the node through the engine, and says so.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planBuildxDownload } from '../../src/buildx/release.js';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  BUILDX,
  builderContainer,
  builderLeftovers,
  builderParts,
  builderVolume,
  runAction,
} from '../support/e2e.js';

const VERSION = 'v0.29.1';
const example = join(import.meta.dirname, '..', '..', 'example');
const SYSTEM_PLUGIN_DIRS = ['/usr/local/lib', '/usr/local/libexec', '/usr/lib', '/usr/libexec'].map(
  (d) => `${d}/docker/cli-plugins/docker-buildx`,
);

let server: Server;
let mirror = '';
let dockerConfig = '';
let toolCache = '';

/** What of the builder is still there: buildx's record under this runner's DOCKER_CONFIG, container, volume. */
const leftovers = (builder: string) => builderLeftovers(builder, dockerConfig);

beforeAll(async () => {
  for (const dir of SYSTEM_PLUGIN_DIRS)
    if (existsSync(dir)) throw new Error(`${dir} exists: this test needs a machine without a system buildx`);
  const asset = planBuildxDownload({ version: VERSION, platform: process.platform, arch: process.arch });
  const sha = createHash('sha256').update(readFileSync(BUILDX)).digest('hex');
  server = createServer((req, res) => {
    if (req.url === `/mirror/${VERSION}/checksums.txt`) {
      res.writeHead(200).end(`${sha} *${asset.assetName}\n`);
    } else if (req.url === `/mirror/${VERSION}/${asset.assetName}`) {
      res.writeHead(200, { 'content-length': statSync(BUILDX).size });
      createReadStream(BUILDX).pipe(res);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mirror`;
  // Registry credentials, but no cli-plugins: `docker buildx` does not exist for this runner.
  dockerConfig = mkdtempSync(join(tmpdir(), 'docker-config-'));
  copyFileSync(join(homedir(), '.docker', 'config.json'), join(dockerConfig, 'config.json'));
});

afterAll(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (dockerConfig) rmSync(dockerConfig, { recursive: true, force: true });
});

beforeEach(() => {
  toolCache = mkdtempSync(join(tmpdir(), 'toolcache-'));
  rmSync(join(dockerConfig, 'cli-plugins'), { recursive: true, force: true });
  return () => rmSync(toolCache, { recursive: true, force: true });
});

/** Main on the default docker-container driver with buildx downloaded from the mirror; the builder it made. */
async function mainWithDownloadedBuildx() {
  const run = await runAction(
    {
      context: example,
      platforms: 'linux/amd64',
      'build-args': `BASE=${BASE_IMAGE}`,
      'buildx-version': VERSION,
      'buildx-url': mirror,
      ...AIR_GAPPED,
    },
    { env: { DOCKER_CONFIG: dockerConfig, RUNNER_TOOL_CACHE: toolCache } },
  );
  expect(run.code, run.error).toBe(0);
  expect(run.log).not.toMatch(/\[command\]docker buildx/); // no `docker buildx` could run here
  const builder = run.outputs.builder as string;
  expect(run.state.builder).toBe(builder);
  expect(run.state.buildx?.startsWith(toolCache)).toBe(true);
  expect(leftovers(builder)).toEqual(builderParts(builder));
  return { run, builder };
}

const warnings = (log: string) => log.split('\n').filter((l) => l.startsWith('::warning::'));

describe('post on a runner with no buildx plugin (buildx downloaded by main)', () => {
  it('removes the builder, its container and its state volume with the buildx main ran', async () => {
    const { run, builder } = await mainWithDownloadedBuildx();
    const post = await run.post({ DOCKER_CONFIG: dockerConfig, RUNNER_TOOL_CACHE: toolCache });
    expect(post.code).toBe(0);
    expect(warnings(post.log)).toEqual([]);
    expect(leftovers(builder)).toEqual([]);
  });

  it('when that buildx is gone by post: falls back to the plugin, says so, and removes everything', async () => {
    const { run, builder } = await mainWithDownloadedBuildx();
    rmSync(join(toolCache, 'buildx'), { recursive: true, force: true });
    // By post the runner has a plugin again (installed by a later step, say).
    mkdirSync(join(dockerConfig, 'cli-plugins'));
    symlinkSync(BUILDX, join(dockerConfig, 'cli-plugins', 'docker-buildx'));
    const post = await run.post({ DOCKER_CONFIG: dockerConfig, RUNNER_TOOL_CACHE: toolCache });
    expect(post.code).toBe(0);
    expect(warnings(post.log)).toEqual([
      `::warning::post: the buildx main ran (${run.state.buildx}) is gone; removing builder ${builder} with ${join(dockerConfig, 'cli-plugins', 'docker-buildx')}`,
    ]);
    expect(leftovers(builder)).toEqual([]);
  });

  it('when that buildx is gone and there is no buildx at all: removes the node through the engine, says so', async () => {
    const { run, builder } = await mainWithDownloadedBuildx();
    rmSync(join(toolCache, 'buildx'), { recursive: true, force: true });
    const post = await run.post({ DOCKER_CONFIG: dockerConfig, RUNNER_TOOL_CACHE: toolCache });
    expect(post.code).toBe(0);
    const said = warnings(post.log);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(
        `^::warning::post: the buildx main ran \\(.*\\) is gone and no other buildx is installed; removed builder ${builder}'s container ${builderContainer(builder)} and volume ${builderVolume(builder)} through the engine$`,
      ),
    );
    expect(leftovers(builder)).toEqual([]);
  });
});
