/**
 * The builder phase on the real engine: the default docker-container builder on the BuildKit image
 * scripts/buildkit-image.sh built (bootstrap, retries, daemon config, cleanup), what happens when that image
 * cannot be had, and how the docker driver differs.
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  REGISTRY,
  builderContainer,
  builderLeftovers,
  builderParts,
  builders,
  containers,
  docker,
  dockerResult,
  runAction,
  unique,
  volumes,
} from '../support/e2e.js';
import {
  isManifestGet,
  loginThrough,
  logoutThrough,
  startFaultProxy,
  type FaultProxy,
} from '../support/fault-proxy.js';

const example = join(import.meta.dirname, '..', '..', 'example');
const NAME = /^multiarch-1000-1-e2e-[0-9a-f]{8}$/;

/** A host that exists only in the daemon config: a build can pull from it only if buildkitd read that config. */
const MIRRORED = 'mirror.invalid';
const mirrorConfig = `[registry."${MIRRORED}"]\n  mirrors = ["${REGISTRY}"]\n[registry."${REGISTRY}"]\n  http = true\n`;

describe('driver: docker-container (default) on the air-gapped BuildKit image', () => {
  it('bootstraps, builds, and post removes the builder, its container and its state volume', async () => {
    const before = builders();
    const run = await runAction({
      context: example,
      platforms: 'linux/amd64',
      'build-args': `BASE=${BASE_IMAGE}`,
      ...AIR_GAPPED,
    });
    expect(run.code, run.error).toBe(0);
    const name = run.state.builder as string;
    expect(name).toMatch(NAME);
    expect(run.outputs.builder).toBe(name);
    expect(run.log).toContain(
      `[command] docker buildx create --name ${name} --driver docker-container --driver-opt network=host --driver-opt image=${AIR_GAPPED['buildkit-image']}`,
    );
    expect(run.log).toContain(`[command] docker buildx inspect --bootstrap ${name}`);
    expect(run.log).not.toMatch(/buildx (use|install)\b/);
    expect(builderLeftovers(name)).toEqual(builderParts(name));
    // The state volume is where BuildKit keeps its cache: the build wrote to it.
    expect(docker(['exec', builderContainer(name), 'ls', '/var/lib/buildkit'])).toMatch(/runc-overlayfs/);

    const post = await run.post();
    expect(post.code).toBe(0);
    expect(post.log).toContain(`[command] docker buildx rm ${name}`);
    expect(post.log).not.toContain('::warning::');
    expect(builderLeftovers(name)).toEqual([]);
    expect(builders()).toEqual(before);
  });

  it('cleanup: false keeps the builder, its container and its volume after post', async () => {
    const run = await runAction({
      context: example,
      platforms: 'linux/amd64',
      'build-args': `BASE=${BASE_IMAGE}`,
      cleanup: 'false',
      ...AIR_GAPPED,
    });
    expect(run.code, run.error).toBe(0);
    const name = run.outputs.builder as string;
    expect(name).toMatch(NAME);
    expect(run.state.builder).toBeUndefined();
    const post = await run.post();
    expect(post.code).toBe(0);
    try {
      expect(builderLeftovers(name)).toEqual(builderParts(name));
    } finally {
      docker(['buildx', 'rm', name]);
    }
    expect(builderLeftovers(name)).toEqual([]);
  });

  it('buildkitd-config (a file) reaches buildkitd: a host that exists only in its mirror config resolves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'buildkitd-config-'));
    const file = join(dir, 'buildkitd.toml');
    writeFileSync(file, mirrorConfig);
    const { 'buildkitd-config-inline': _inline, ...rest } = AIR_GAPPED;
    const run = await runAction({
      context: example,
      platforms: 'linux/arm64',
      'build-args': `BASE=${MIRRORED}/base/busybox:1`,
      ...rest,
      'buildkitd-config': file,
    });
    const post = await run.post();
    expect(run.code, run.error).toBe(0);
    expect(run.log).toContain(`--buildkitd-config ${file}`);
    expect(run.log).toMatch(new RegExp(`^#\\d+ resolve ${MIRRORED}/base/busybox:1@sha256:`, 'm'));
    expect(post.code).toBe(0);
    expect(builderLeftovers(run.outputs.builder as string)).toEqual([]);
  });

  it('buildkitd-config-inline reaches buildkitd too, from a 0600 file under RUNNER_TEMP that post removes', async () => {
    const inputs = {
      context: example,
      platforms: 'linux/arm64',
      'build-args': `BASE=${MIRRORED}/base/busybox:1`,
      ...AIR_GAPPED,
      'buildkitd-config-inline': mirrorConfig,
    };
    const run = await runAction(inputs);
    expect(run.code, run.error).toBe(0);
    const file = /--buildkitd-config (\S+)/.exec(run.log)?.[1] as string;
    expect(file.startsWith(`${run.runnerTemp}/multiarch-build-`)).toBe(true);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(run.log).toMatch(new RegExp(`^#\\d+ resolve ${MIRRORED}/base/busybox:1@sha256:`, 'm'));
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(builderLeftovers(run.outputs.builder as string)).toEqual([]);

    // The contrast: the same build without that config cannot reach the host at all.
    const without = await runAction({
      ...inputs,
      'buildkitd-config-inline': AIR_GAPPED['buildkitd-config-inline'],
    });
    await without.post();
    expect(without.code).toBe(1);
    expect(without.error).toMatch(/^build: docker buildx build failed: .*mirror\.invalid.*no such host/);
  });
});

describe('bootstrap retries: the BuildKit image pull fails once (503 through the fault proxy)', () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy({ target: REGISTRY });
    await loginThrough(proxy);
  });
  afterAll(async () => {
    await logoutThrough(proxy).catch(() => undefined);
    await proxy.close();
  });

  it('is retried with a warning, then bootstraps, builds, and post removes everything', async () => {
    const image = `${proxy.host}/${AIR_GAPPED['buildkit-image']!.slice(REGISTRY.length + 1)}`;
    proxy.addRule({
      match: isManifestGet('buildkit/buildkitd'),
      respond: { status: 503, body: 'injected' },
      times: 1,
    });
    try {
      const run = await runAction({
        context: example,
        platforms: 'linux/amd64',
        'build-args': `BASE=${BASE_IMAGE}`,
        ...AIR_GAPPED,
        'buildkit-image': image,
      });
      const post = await run.post();
      expect(run.code, run.error).toBe(0);
      const name = run.outputs.builder as string;
      expect(run.log.match(/^\[command\] docker buildx inspect --bootstrap /gm)).toHaveLength(2);
      expect(run.log).toMatch(
        /^::warning::starting the builder failed \(.*503 Service Unavailable\); retry 1\/\d in \d+ ms$/m,
      );
      expect(proxy.log.filter((e) => e.injected)).toHaveLength(1);
      expect(post.code).toBe(0);
      expect(builderLeftovers(name)).toEqual([]);
    } finally {
      // The engine now also knows the image under the proxy's ephemeral address: drop that name.
      dockerResult(['image', 'rm', image]);
    }
  });
});

describe('driver: docker-container when the BuildKit image cannot be had', () => {
  it('an image the registry does not have: one line naming buildkit-image; post removes the builder', async () => {
    const missing = `${REGISTRY}/buildkit/${unique('none')}:missing`;
    const before = builders();
    const run = await runAction({
      context: example,
      platforms: 'linux/amd64',
      'build-args': `BASE=${BASE_IMAGE}`,
      ...AIR_GAPPED,
      'buildkit-image': missing,
    });
    expect(run.code).toBe(1);
    expect(run.log.match(/^::error::/gm)).toHaveLength(1);
    expect(run.error).toMatch(
      new RegExp(
        `^builder: could not start BuildKit from ${missing.replace(/[.:/]/g, '\\$&')} \\(.*not found.*\\); .*set buildkit-image to a mirror$`,
      ),
    );
    expect(run.log).not.toMatch(/^\[command\] docker buildx build/m);
    const name = run.state.builder as string;
    expect(name).toMatch(NAME);
    expect(builders()).toContain(name);
    expect(containers()).not.toContain(builderContainer(name));

    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builderLeftovers(name)).toEqual([]);
    expect(builders()).toEqual(before);
  });

  it('an unreachable registry (no such host): fails naming buildkit-image, and post removes the builder', async () => {
    const before = builders();
    const run = await runAction({
      context: example,
      platforms: 'linux/amd64',
      'buildkit-image': 'registry.invalid/buildkit:none',
    });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^builder: could not start BuildKit from registry\.invalid\/buildkit:none \(.+\); .*set buildkit-image/,
    );
    const name = run.state.builder as string;
    expect(name).toMatch(NAME);
    expect(builders()).toContain(name);
    expect(run.log).not.toMatch(/buildx (use|install)\b/);

    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builderLeftovers(name)).toEqual([]);
    expect(builders().sort()).toEqual(before.sort());
  });

  it('names a different builder in each of two runs of the same job', async () => {
    const [a, b] = await Promise.all([
      runAction({
        context: example,
        platforms: 'linux/amd64',
        'buildkit-image': 'registry.invalid/buildkit:a',
      }),
      runAction({
        context: example,
        platforms: 'linux/amd64',
        'buildkit-image': 'registry.invalid/buildkit:b',
      }),
    ]);
    expect(a.state.builder).not.toBe(b.state.builder);
    await Promise.all([a.post(), b.post()]);
    expect(builders()).not.toContain(a.state.builder);
    expect(builders()).not.toContain(b.state.builder);
  });
});

describe('driver: docker (the engine’s own builder)', () => {
  it('builds on the engine’s builder: creates no builder, container or volume, and post removes none', async () => {
    const [beforeBuilders, beforeContainers, beforeVolumes] = [builders(), containers(), volumes()];
    const run = await runAction({
      context: example,
      platforms: 'linux/amd64,linux/arm64',
      driver: 'docker',
      'build-args': `BASE=${BASE_IMAGE}`,
    });
    expect(run.code, run.error).toBe(0);
    expect(run.outputs.builder).toBe('default');
    expect(run.state.builder).toBeUndefined();
    expect(run.log).not.toMatch(/^\[command\] docker buildx (create|inspect)/m);
    expect(run.summary).toContain('default (docker)');
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(post.log).not.toMatch(/buildx rm/);
    expect([builders(), containers(), volumes()]).toEqual([beforeBuilders, beforeContainers, beforeVolumes]);
  });
});

describe('a failing build', () => {
  it('ends with one line naming the phase, and annotates the Dockerfile line that failed', async () => {
    const run = await runAction({
      context: join(import.meta.dirname, '..', 'fixtures', 'failing'),
      platforms: 'linux/amd64',
      ...AIR_GAPPED,
      'build-args': `BASE=${BASE_IMAGE}`,
    });
    expect(run.code).toBe(1);
    expect(run.error).toBe(
      'build: docker buildx build failed: failed to solve: process "/bin/sh -c echo \\"about to fail\\" && exit 3" did not complete successfully: exit code: 3',
    );
    expect(run.log).toContain(
      '::error title=Build failed,file=test/fixtures/failing/Dockerfile,line=4::failed to solve: process',
    );
    expect(run.summary).toContain('❌');
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builderLeftovers(run.state.builder as string)).toEqual([]);
  });
});
