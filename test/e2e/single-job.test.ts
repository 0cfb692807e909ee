import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  BUILDKIT_IMAGE,
  REGISTRY,
  builderContainer,
  builderLeftovers,
  builderParts,
  builders,
  docker,
  inspectRaw,
  platformsOf,
  qemuHandlers,
  removeQemuHandlers,
  runAction,
  unique,
} from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');

describe('mode: all on a real engine, registry and binfmt_misc (default driver: docker-container)', () => {
  const image = `${REGISTRY}/e2e/${unique('single')}`;
  const secret = `s3cr3t-${randomBytes(12).toString('hex')}`;
  let run: Awaited<ReturnType<typeof runAction>>;
  let post: { code: number; log: string };
  const seenInArgv: string[] = [];
  /** The builder's leftovers and its container's image and network, seen between main and post. */
  let afterMain: { leftovers: string[]; image: string; network: string };

  beforeAll(async () => {
    removeQemuHandlers();
    expect(qemuHandlers()).toEqual([]);
    // Watch every process's argv while the build runs: the secret must never be on a command line.
    const watcher = setInterval(() => {
      for (const pid of readdirSafe('/proc')) {
        try {
          const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          if (argv.includes(secret)) seenInArgv.push(argv.replace(/\0/g, ' '));
        } catch {
          // process gone
        }
      }
    }, 50);
    run = await runAction({
      context: example,
      platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
      image,
      tags: '1.0.0,latest',
      push: 'true',
      ...AIR_GAPPED,
      'build-args': `BASE=${BASE_IMAGE}`,
      secrets: `token=${secret}`,
      annotations:
        'index:org.opencontainers.image.description=e2e single job\nmanifest:org.opencontainers.image.title=e2e',
      'qemu-cleanup': 'false',
      // BuildKit's cache key ignores secret values: a cached RUN would not prove the secret was readable.
      'no-cache': 'true',
    });
    clearInterval(watcher);
    const builder = run.outputs.builder ?? '';
    const [image_, network] = docker([
      'inspect',
      '--format',
      '{{.Config.Image}} {{.HostConfig.NetworkMode}}',
      builderContainer(builder),
    ])
      .trim()
      .split(' ');
    afterMain = { leftovers: builderLeftovers(builder), image: image_ ?? '', network: network ?? '' };
    post = await run.post();
  });

  it('succeeds and sets its outputs', () => {
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.outputs.platforms).toBe('linux/amd64,linux/arm64,linux/arm/v7');
    expect(run.outputs.tags?.split('\n')).toEqual([`${image}:1.0.0`, `${image}:latest`]);
    expect(run.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(run.outputs['qemu-platforms']).toBe('linux/arm64,linux/arm/v7');
    expect(run.outputs.builder).toMatch(/^multiarch-1000-1-e2e-[0-9a-f]{8}$/);
    expect(JSON.parse(run.outputs.metadata ?? '{}')['containerimage.digest']).toBe(run.outputs.digest);
  });

  it('registered only the emulators the foreign platforms need', () => {
    expect(qemuHandlers()).toEqual(['qemu-aarch64', 'qemu-arm']);
    expect(readFileSync('/proc/sys/fs/binfmt_misc/qemu-aarch64', 'utf8')).toMatch(/flags: .*F/);
  });

  it('published one OCI index with every platform and the index annotation, under every tag', () => {
    const index = inspectRaw(`${image}:1.0.0`);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm/v7', 'linux/arm64']);
    expect(index.annotations?.['org.opencontainers.image.description']).toBe('e2e single job');
    const latest = docker(['buildx', 'imagetools', 'inspect', '--raw', `${image}:latest`]);
    expect(`sha256:${createHash('sha256').update(latest).digest('hex')}`).toBe(run.outputs.digest);
  });

  it('built each platform on its own architecture (QEMU for the foreign ones)', () => {
    const arch = (platform: string) =>
      docker([
        'run',
        '--rm',
        '--pull',
        'always',
        '--platform',
        platform,
        `${image}:1.0.0`,
        'uname',
        '-m',
      ]).trim();
    expect(arch('linux/arm64')).toBe('aarch64');
    expect(arch('linux/arm/v7')).toBe('armv7l');
    expect(docker(['run', '--rm', '--platform', 'linux/arm64', `${image}:1.0.0`]).trim()).toBe(
      'built for linux/arm64 on aarch64',
    );
  });

  it('gave the build its secret without leaking it to argv, logs, summary, outputs or the image', () => {
    const sha = createHash('sha256').update(secret).digest('hex');
    expect(
      docker(['run', '--rm', '--platform', 'linux/arm64', `${image}:1.0.0`, 'cat', '/token.sha256']).trim(),
    ).toBe(sha);
    expect(seenInArgv).toEqual([]);
    expect(run.log).toContain(`::add-mask::${secret}`);
    expect(run.log.split(`::add-mask::${secret}`).join('')).not.toContain(secret);
    expect(run.summary).not.toContain(secret);
    expect(JSON.stringify(run.outputs)).not.toContain(secret);
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const container = docker(['create', '--platform', platform, `${image}:1.0.0`]).trim();
      const tar = execBuffer(['export', container]);
      docker(['rm', container]);
      expect(tar.includes(Buffer.from(secret))).toBe(false);
    }
    // Image configs (history included) and provenance of every platform, as the registry serves them.
    const configs = docker([
      'buildx',
      'imagetools',
      'inspect',
      '--format',
      '{{json .Image}}',
      `${image}:1.0.0`,
    ]);
    expect(configs).toContain('sha256sum /run/secrets/token');
    expect(configs).not.toContain(secret);
    expect(
      docker(['buildx', 'imagetools', 'inspect', '--format', '{{json .Provenance}}', `${image}:1.0.0`]),
    ).not.toContain(secret);
  });

  it('built on a builder of its own: a container of the BuildKit image on the host network, with its state volume', () => {
    const builder = run.outputs.builder as string;
    expect(run.state.builder).toBe(builder);
    expect(afterMain.leftovers).toEqual(builderParts(builder));
    expect(afterMain.image).toBe(BUILDKIT_IMAGE);
    expect(afterMain.network).toBe('host');
    expect(run.log).toMatch(/^BuildKit version: +v0\.\d+\.\d+$/m);
    expect(run.summary).toContain(`${builder} (docker-container)`);
  });

  it('wrote a summary table with the platforms, digest, tags and phases', () => {
    expect(run.summary).toContain('| <code>linux/arm/v7</code> | <code>sha256:');
    expect(run.summary).toContain(run.outputs.digest);
    expect(run.summary).toMatch(/qemu [\d.]+ s · builder [\d.]+ s · build [\d.]+ s/);
  });

  it('post removed its temp files (secrets included) and its builder, container and volume, and left the handlers', () => {
    expect(post.code).toBe(0);
    expect(post.log).not.toContain('::warning::');
    expect(run.state['temp-dir']).toBeTruthy();
    expect(existsSync(run.state['temp-dir'] as string)).toBe(false);
    expect(builderLeftovers(run.outputs.builder as string)).toEqual([]);
    expect(builders()).toContain('default');
    expect(qemuHandlers()).toEqual(['qemu-aarch64', 'qemu-arm']);
  });
});

function readdirSafe(dir: string): string[] {
  return readdirSync(dir).filter((n) => /^\d+$/.test(n));
}

function execBuffer(args: string[]): Buffer {
  return execFileSync('docker', args, { maxBuffer: 512 << 20 });
}

describe('qemu-cleanup: true', () => {
  it('post removes exactly the handlers this run registered, and leaves the ones it found', async () => {
    removeQemuHandlers();
    // Another job's handler, registered before this run (as Debian's binfmt-support would, with F).
    const debian = readFileSync('/usr/share/binfmts/qemu-aarch64', 'utf8');
    const field = (k: string) => new RegExp(`^${k} (.*)$`, 'm').exec(debian)?.[1] as string;
    writeFileSync(
      '/proc/sys/fs/binfmt_misc/register',
      `:qemu-aarch64:M:0:${field('magic')}:${field('mask')}:${field('interpreter')}:FP`,
    );
    expect(qemuHandlers()).toEqual(['qemu-aarch64']);

    const run = await runAction({
      context: example,
      platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
      ...AIR_GAPPED,
      'build-args': `BASE=${BASE_IMAGE}`,
      'qemu-cleanup': 'true',
    });
    expect(run.code, run.error).toBe(0);
    expect(run.log).toContain('registered arm (host qemu-user-static)');
    expect(run.state['qemu-registered']).toBe('arm');
    expect(qemuHandlers()).toEqual(['qemu-aarch64', 'qemu-arm']);

    const post = await run.post();
    expect(post.code).toBe(0);
    expect(post.log).toContain('Removing the QEMU handlers this run registered: arm');
    expect(qemuHandlers()).toEqual(['qemu-aarch64']);
    expect(builderLeftovers(run.outputs.builder as string)).toEqual([]);
  });
});

describe('qemu: host on a distribution that describes its handlers in systemd binfmt.d only', () => {
  it('registers from /usr/lib/binfmt.d, with the F flag', async () => {
    removeQemuHandlers();
    const run = await runAction(
      {
        context: example,
        platforms: 'linux/amd64,linux/arm64',
        ...AIR_GAPPED,
        qemu: 'host',
        'build-args': `BASE=${BASE_IMAGE}`,
      },
      { wrap: ['unshare', '-m', 'bash', '-c', 'mount -t tmpfs none /usr/share/binfmts && exec "$0" "$@"'] },
    );
    expect(run.code, run.error).toBe(0);
    expect(run.log).toContain('registered aarch64 (host qemu-user-static)');
    expect(readFileSync('/proc/sys/fs/binfmt_misc/qemu-aarch64', 'utf8')).toMatch(/^flags: .*F/m);
    expect((await run.post()).code).toBe(0);
  });
});
