/**
 * What a run leaves behind and what it lets out, on the real engine and registry: cancellation, two runs at
 * once, secrets, and re-runs. Processes are watched from outside through /proc while the action runs.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AIR_GAPPED,
  BASE_IMAGE,
  REGISTRY,
  builderContainer,
  builderLeftovers,
  builderParts,
  builders,
  builderVolume,
  containers,
  digestOf,
  docker,
  inspectRaw,
  platformsOf,
  runAction,
  tagsOf,
  unique,
  volumes,
} from '../support/e2e.js';
import { isManifestGet, loginThrough, logoutThrough, startFaultProxy } from '../support/fault-proxy.js';

const example = join(import.meta.dirname, '..', '..', 'example');
const slow = join(import.meta.dirname, '..', 'fixtures', 'slow');

interface Proc {
  pid: number;
  argv: string;
}

/** Every process's argv (NUL-separated as the kernel keeps it, joined with spaces). */
function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (argv) out.push({ pid: Number(name), argv });
    } catch {
      // gone
    }
  }
  return out;
}

const matching = (text: string) => processes().filter((p) => p.argv.includes(text) && p.pid !== process.pid);

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

/** Regular files under a directory, recursively. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(path));
    else if (e.isFile()) out.push(path);
  }
  return out;
}

const runnerDir = () => mkdtempSync(join(tmpdir(), 'runner-'));
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('cancellation', () => {
  it('SIGTERM mid-build: the build is cancelled, nothing outlives main, post removes the builder, its container and volume, and the temp files', async () => {
    const seconds = 300 + Math.floor(Math.random() * 600); // the RUN step's `sleep N`, unique to this test
    const dir = runnerDir();
    const before = builders();
    let main: ChildProcess | undefined;
    const running = runAction(
      {
        context: slow,
        platforms: 'linux/amd64',
        ...AIR_GAPPED,
        'no-cache': 'true',
        'build-args': `BASE=${BASE_IMAGE}\nSLEEP=${seconds}`,
      },
      { dir, onSpawn: (c: ChildProcess) => (main ??= c) },
    );
    await waitFor('the RUN step to start', () => matching(`sleep ${seconds}`).length > 0, 120_000);
    const buildx = matching(dir).filter((p) => /buildx/.test(p.argv) && / build /.test(p.argv));
    expect(buildx.length, 'docker buildx build and its plugin process').toBeGreaterThan(0);

    main!.kill('SIGTERM');
    const signalled = Date.now();
    const run = await running;
    expect(Date.now() - signalled).toBeLessThan(15_000);

    // main handled the signal (it was not killed by it), cancelled the build, and ended with one line.
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.error).toMatch(/^build: cancelled \(SIGTERM\) during the build \(.*cancel.*\)$/i);
    expect(run.log.match(/^\[command\] docker buildx build /gm)).toHaveLength(1);
    expect(run.log).not.toMatch(/^::warning::.*retry \d/m);
    // No orphan: neither the buildx processes nor the RUN step's process (in the builder's container) outlive main.
    await waitFor('no process of this run to remain', () => matching(dir).length === 0, 10_000);
    await waitFor('the RUN step to stop', () => matching(`sleep ${seconds}`).length === 0, 10_000);
    for (const p of buildx) expect(existsSync(`/proc/${p.pid}`), p.argv).toBe(false);

    const name = run.state.builder as string;
    expect(builderLeftovers(name)).toEqual(builderParts(name));
    const tempDir = run.state['temp-dir'] as string;
    expect(tempDir.startsWith(join(dir, 'temp', 'multiarch-build-'))).toBe(true);
    expect(existsSync(tempDir)).toBe(true);
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(existsSync(tempDir)).toBe(false);
    expect(readdirSync(run.runnerTemp)).toEqual([]);
    expect(builderLeftovers(name)).toEqual([]);
    expect(builders()).toEqual(before);
  });

  it('SIGTERM while the docker-container builder bootstraps: no retry after it, post removes the builder', async () => {
    // A "registry" that accepts connections and never answers: the BuildKit pull hangs until cancelled.
    const held = new Set<Socket>();
    let connections = 0;
    const hole = createServer((s) => {
      connections++;
      held.add(s);
      s.on('error', () => undefined);
      s.on('close', () => held.delete(s));
    });
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const port = (hole.address() as { port: number }).port;
    const before = builders();
    let main: ChildProcess | undefined;
    let log = '';
    try {
      const running = runAction(
        {
          context: example,
          platforms: 'linux/amd64',
          ...AIR_GAPPED,
          'buildkit-image': `127.0.0.1:${port}/moby/buildkit:hang`,
        },
        {
          onSpawn: (c: ChildProcess) => {
            main ??= c;
            c.stdout?.on('data', (d: Buffer) => (log += d.toString()));
          },
        },
      );
      await waitFor(
        'the bootstrap to start pulling',
        () => log.includes('--bootstrap') && connections > 0,
        60_000,
      );
      const name = /\[command\] docker buildx inspect --bootstrap (\S+)/.exec(log)?.[1] as string;
      expect(builders()).toContain(name);

      main!.kill('SIGTERM');
      const run = await running;
      expect(run.code).toBe(1);
      expect(run.error).toMatch(
        /^builder: cancelled \(SIGTERM\) while BuildKit from 127\.0\.0\.1:\d+\/moby\/buildkit:hang was starting \(.*\)$/,
      );
      // The cancelled bootstrap is not retried (its policy allows 3 attempts).
      expect(run.log.match(/^\[command\] docker buildx inspect --bootstrap /gm)).toHaveLength(1);
      expect(run.log).not.toMatch(/^::warning::.*retry \d/m);
      expect(run.state.builder).toBe(name);
      await waitFor(
        'the bootstrap process to end',
        () => matching(`--bootstrap ${name}`).length === 0,
        10_000,
      );

      const post = await run.post();
      expect(post.code).toBe(0);
      expect(builderLeftovers(name)).toEqual([]);
      expect(builders()).toEqual(before);
      expect(readdirSync(run.runnerTemp)).toEqual([]);
    } finally {
      for (const s of held) s.destroy();
      await new Promise<void>((resolve) => hole.close(() => resolve()));
    }
  });
  it('SIGTERM while the builder container runs but BuildKit does not answer yet: post removes the container and its volume', async () => {
    // A "BuildKit image" whose daemon never comes up: the container starts, and buildx keeps asking it.
    const image = `${REGISTRY}/e2e/${unique('mute-buildkit')}:1`;
    const dir = mkdtempSync(join(tmpdir(), 'mute-buildkit-'));
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM ${BASE_IMAGE}\nENTRYPOINT ["/bin/sh", "-c", "exec sleep 3600"]\n`,
    );
    docker(['buildx', 'build', '--builder', 'default', '--provenance=false', '--tag', image, '--push', dir]);
    const before = builders();
    let main: ChildProcess | undefined;
    let log = '';
    const running = runAction(
      { context: example, platforms: 'linux/amd64', ...AIR_GAPPED, 'buildkit-image': image },
      {
        onSpawn: (c: ChildProcess) => {
          main ??= c;
          c.stdout?.on('data', (d: Buffer) => (log += d.toString()));
        },
      },
    );
    let name = '';
    await waitFor(
      'the builder container to run',
      () => {
        name = /\[command\] docker buildx inspect --bootstrap (\S+)/.exec(log)?.[1] ?? '';
        return name !== '' && containers().includes(builderContainer(name));
      },
      60_000,
    );
    expect(docker(['inspect', '--format', '{{.State.Running}}', builderContainer(name)]).trim()).toBe('true');
    expect(volumes()).toContain(builderVolume(name));

    main!.kill('SIGTERM');
    const run = await running;
    expect(run.code).toBe(1);
    expect(run.error).toMatch(
      /^builder: cancelled \(SIGTERM\) while BuildKit from \S+mute-buildkit\S+ was starting \(.*\)$/,
    );
    expect(run.log.match(/^\[command\] docker buildx inspect --bootstrap /gm)).toHaveLength(1);
    expect(run.state.builder).toBe(name);

    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builderLeftovers(name)).toEqual([]);
    expect(builders()).toEqual(before);
    expect(readdirSync(run.runnerTemp)).toEqual([]);
  });
});

describe('cancellation while waiting to retry', () => {
  it('SIGTERM during a retry wait (the registry asked for 30 s): ends at once, with no further attempt', async () => {
    const proxy = await startFaultProxy({ target: REGISTRY });
    await loginThrough(proxy);
    try {
      proxy.addRule({
        match: isManifestGet('base/busybox', ['GET']),
        respond: {
          status: 429,
          body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down: retry after 30 s"}]}',
        },
        times: Infinity,
      });
      let main: ChildProcess | undefined;
      let log = '';
      const running = runAction(
        {
          mode: 'merge',
          sources: `${proxy.host}/base/busybox:1`,
          image: `${proxy.host}/e2e/${unique('cancelwait')}`,
          tags: 'x',
        },
        {
          onSpawn: (c: ChildProcess) => {
            main ??= c;
            c.stdout?.on('data', (d: Buffer) => (log += d.toString()));
          },
        },
      );
      await waitFor('the first retry wait', () => /retry 1\/3 in 30000 ms/.test(log), 30_000);
      const faults = proxy.log.filter((e) => e.injected).length;
      main!.kill('SIGTERM');
      const signalled = Date.now();
      const run = await running;

      expect(Date.now() - signalled).toBeLessThan(5000);
      expect(run.code).toBe(1);
      expect(run.error).toMatch(
        /^merge: cannot read source 127\.0\.0\.1:\d+\/base\/busybox:1: cancelled \(SIGTERM\) before retrying inspecting \S+ \(.*429 Too Many Requests\)$/,
      );
      expect(faults).toBe(6); // buildx's own budget for one read
      expect(proxy.log.filter((e) => e.injected)).toHaveLength(faults); // and no attempt after the signal
    } finally {
      await logoutThrough(proxy).catch(() => undefined);
      await proxy.close();
    }
  });
});

describe('two runs at once on one host', () => {
  it('one repository: both succeed, each on its own builder and temp dir, and each post removes only its own', async () => {
    const image = `${REGISTRY}/e2e/${unique('concurrent')}`;
    const before = builders();
    const build = (tag: string, seconds: number) =>
      runAction({
        context: slow,
        platforms: 'linux/amd64',
        image,
        tags: tag,
        push: 'true',
        ...AIR_GAPPED,
        'no-cache': 'true',
        'build-args': `BASE=${BASE_IMAGE}\nSLEEP=${seconds}\nMARK=${tag}`,
      });
    // Unique sleeps: seeing both at the same moment proves the two builds really overlapped.
    const [s1, s2] = [200 + Math.floor(Math.random() * 100), 300 + Math.floor(Math.random() * 100)].map(
      (n) => n / 100,
    ) as [number, number];
    let overlapped = false;
    const watch = setInterval(() => {
      const all = processes().map((p) => p.argv);
      if (all.includes(`sleep ${s1}`) && all.includes(`sleep ${s2}`)) overlapped = true;
    }, 50);
    const [one, two] = await Promise.all([build('one', s1), build('two', s2)]);
    clearInterval(watch);

    expect(one.code, one.error).toBe(0);
    expect(two.code, two.error).toBe(0);
    expect(overlapped).toBe(true);
    const [b1, b2] = [one.outputs.builder as string, two.outputs.builder as string];
    expect(b1).toMatch(/^multiarch-1000-1-e2e-[0-9a-f]{8}$/);
    expect(b2).toMatch(/^multiarch-1000-1-e2e-[0-9a-f]{8}$/);
    expect(b1).not.toBe(b2);
    const [d1, d2] = [one.state['temp-dir'] as string, two.state['temp-dir'] as string];
    expect(d1).not.toBe(d2);
    expect(dirname(d1)).toBe(one.runnerTemp);
    expect(dirname(d2)).toBe(two.runnerTemp);
    expect(one.outputs.digest).not.toBe(two.outputs.digest);
    expect(digestOf(`${image}:one`)).toBe(one.outputs.digest);
    expect(digestOf(`${image}:two`)).toBe(two.outputs.digest);
    expect(docker(['run', '--rm', '--pull', 'always', `${image}:two`]).trim()).toBe('two');

    expect((await one.post()).code).toBe(0);
    expect(existsSync(d1)).toBe(false);
    expect(builderLeftovers(b1)).toEqual([]);
    expect(existsSync(d2)).toBe(true);
    expect(builderLeftovers(b2)).toEqual(builderParts(b2));
    expect((await two.post()).code).toBe(0);
    expect(existsSync(d2)).toBe(false);
    expect(builderLeftovers(b2)).toEqual([]);
    expect(builders().sort()).toEqual(before.sort());
  });
});

describe('secrets', () => {
  it('secrets and secret-envs: masked, in 0600 files under RUNNER_TEMP only, deleted by post, never leaked', async () => {
    const token = `tok-${randomBytes(16).toString('hex')}`;
    const envToken = `env-${randomBytes(16).toString('hex')}`;
    const image = `${REGISTRY}/e2e/${unique('secrets')}`;
    const dir = runnerDir();
    const seconds = (300 + Math.floor(Math.random() * 100)) / 100; // `sleep 3.xx`, unique to this test
    let mainPid: number | undefined;
    const argvLeaks = new Set<string>();
    const envLeaks = new Set<string>();
    const files = new Map<string, { mode: string; dirMode: string; holds: string[] }>();
    let ticksDuringBuild = 0;

    const watch = setInterval(() => {
      const all = processes();
      if (all.some((p) => p.argv === `sleep ${seconds}`)) ticksDuringBuild++;
      for (const p of all) {
        if (p.argv.includes(token) || p.argv.includes(envToken)) argvLeaks.add(p.argv);
        // The `secrets` input reaches main as INPUT_SECRETS; none of its children may inherit it.
        if (p.pid === mainPid || p.pid === process.pid) continue;
        try {
          if (readFileSync(`/proc/${p.pid}/environ`, 'utf8').includes(token)) envLeaks.add(p.argv);
        } catch {
          // gone, or not ours to read
        }
      }
      for (const file of filesUnder(dir)) {
        try {
          const text = readFileSync(file, 'utf8');
          const holds = [token, envToken].filter((s) => text.includes(s));
          if (holds.length) files.set(file, { mode: mode(file), dirMode: mode(dirname(file)), holds });
        } catch {
          // removed meanwhile
        }
      }
    }, 50);
    let run: Awaited<ReturnType<typeof runAction>>;
    try {
      run = await runAction(
        {
          context: slow,
          platforms: 'linux/amd64',
          image,
          tags: 'secret',
          push: 'true',
          ...AIR_GAPPED,
          'no-cache': 'true',
          provenance: 'mode=max',
          secrets: `token=${token}`,
          'secret-envs': 'envtoken=E2E_BUILD_TOKEN',
          'build-args': `BASE=${BASE_IMAGE}\nSLEEP=${seconds}`,
        },
        { dir, env: { E2E_BUILD_TOKEN: envToken }, onSpawn: (c: ChildProcess) => (mainPid ??= c.pid) },
      );
    } finally {
      clearInterval(watch);
    }
    expect(run.code, run.error).toBe(0);
    expect(ticksDuringBuild, 'the watcher ran while the build did').toBeGreaterThan(5);

    // The build got both.
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(
      docker([
        'run',
        '--rm',
        '--pull',
        'always',
        `${image}:secret`,
        'cat',
        '/token.sha256',
        '/envtoken.sha256',
      ])
        .trim()
        .split('\n'),
    ).toEqual([sha(token), sha(envToken)]);

    // Never on a command line, never inherited by a child (except the variable secret-envs names, by design).
    expect([...argvLeaks]).toEqual([]);
    expect([...envLeaks]).toEqual([]);
    // On disk: the `secrets` value in one 0600 file in the run's 0700 dir under RUNNER_TEMP; the
    // secret-envs value in no file at all.
    expect([...files.keys()]).toHaveLength(1);
    const [[path, seen]] = [...files.entries()] as [
      [string, { mode: string; dirMode: string; holds: string[] }],
    ];
    expect(path).toMatch(new RegExp(`^${run!.runnerTemp}/multiarch-build-\\w+/secrets/token$`));
    expect(seen).toEqual({ mode: '600', dirMode: '700', holds: [token] });
    expect(mode(dirname(dirname(path))).slice(-2)).toBe('00'); // the run's temp dir: no group/other access

    // Masked, and nowhere in the log but the mask commands; not in the summary or any output.
    expect(run.log).toContain(`::add-mask::${token}`);
    expect(run.log).toContain(`::add-mask::${envToken}`);
    const unmasked = run.log.replace(`::add-mask::${token}`, '').replace(`::add-mask::${envToken}`, '');
    expect(unmasked).not.toContain(token);
    expect(unmasked).not.toContain(envToken);
    for (const text of [run.summary, JSON.stringify(run.outputs), run.outputs.metadata ?? '']) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(envToken);
    }
    expect(JSON.parse(run.outputs.metadata ?? '{}')['containerimage.digest']).toBe(run.outputs.digest);

    // Not in the image: its layers, its config (history included), its mode=max provenance.
    const container = docker(['create', `${image}:secret`]).trim();
    const layers = execFileSync('docker', ['export', container], { maxBuffer: 512 << 20 });
    docker(['rm', container]);
    expect(layers.includes(Buffer.from('token.sha256'))).toBe(true); // the right filesystem
    expect(layers.includes(Buffer.from(token))).toBe(false);
    expect(layers.includes(Buffer.from(envToken))).toBe(false);
    const config = docker([
      'buildx',
      'imagetools',
      'inspect',
      '--format',
      '{{json .Image}}',
      `${image}:secret`,
    ]);
    expect(config).toContain('sha256sum /run/secrets/');
    const provenance = docker([
      'buildx',
      'imagetools',
      'inspect',
      '--format',
      '{{json .Provenance}}',
      `${image}:secret`,
    ]);
    expect(provenance).toContain('build-arg:SLEEP'); // mode=max: the full build request is recorded
    for (const text of [config, provenance]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(envToken);
    }

    // Post deletes the file; nothing under the runner dir holds either value afterwards.
    const post = await run.post();
    expect(post.code).toBe(0);
    expect(builderLeftovers(run.outputs.builder as string)).toEqual([]);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(run.state['temp-dir'] as string)).toBe(false);
    for (const file of filesUnder(dir)) {
      const text = readFileSync(file, 'utf8');
      expect(text.includes(token) || text.includes(envToken), file).toBe(false);
    }
  });
});

describe('re-runs (handoff: tags)', () => {
  it('the same attempt twice and a re-run attempt: identical leg and merge digests, one record per platform', async () => {
    const image = `${REGISTRY}/e2e/${unique('rerun')}`;
    // A re-run on a fresh runner rebuilds from the layer cache; only that makes it reproducible (a cold
    // rebuild writes new file times into the layers). So: a registry cache, which a fresh runner has too (and
    // each run here has a fresh builder), and no provenance (it records build times; the next test covers that).
    const leg = async (platform: string, attempt: string) => {
      const run = await runAction(
        {
          mode: 'build',
          context: example,
          platforms: platform,
          image,
          ...AIR_GAPPED,
          handoff: 'tags',
          provenance: 'false',
          cache: 'registry',
          'build-args': `BASE=${BASE_IMAGE}`,
        },
        { env: { GITHUB_RUN_ATTEMPT: attempt, GITHUB_JOB: `build-${platform.replace(/\//g, '-')}` } },
      );
      expect((await run.post()).code).toBe(0);
      return run;
    };
    const merge = (attempt: string) =>
      runAction(
        {
          mode: 'merge',
          image,
          platforms: 'linux/amd64,linux/arm64',
          tags: 'latest,1.0',
          handoff: 'tags',
        },
        { env: { GITHUB_RUN_ATTEMPT: attempt, GITHUB_JOB: 'merge' } },
      );

    const first = [await leg('linux/amd64', '1'), await leg('linux/arm64', '1')];
    const merged = await merge('1');
    const again = [await leg('linux/amd64', '1'), await leg('linux/arm64', '1')];
    const mergedAgain = await merge('1');
    const rerunLeg = await leg('linux/arm64', '2'); // "re-run failed jobs": only the arm64 leg
    const rerunMerge = await merge('2');

    for (const r of [...first, merged, ...again, mergedAgain, rerunLeg, rerunMerge])
      expect(r.code, r.error).toBe(0);
    const digests = (runs: typeof first) => runs.map((r) => r.outputs.digest);
    expect(digests(again)).toEqual(digests(first));
    expect(rerunLeg.outputs.digest).toBe(first[1]?.outputs.digest);
    expect(rerunLeg.outputs.handoff).toMatch(new RegExp(`^${image}:run-1000-linux-arm64-[0-9a-f]{12}$`));
    expect(merged.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(mergedAgain.outputs.digest).toBe(merged.outputs.digest);
    expect(rerunMerge.outputs.digest).toBe(merged.outputs.digest);
    expect(digestOf(`${image}:latest`)).toBe(merged.outputs.digest);
    expect(digestOf(`${image}:1.0`)).toBe(merged.outputs.digest);

    // No duplicate or conflicting records: one tag per platform (not per attempt), one entry per platform.
    // Handoff tags end in the configuration's fingerprint (issue 10); distribution 2.8 refuses to delete them.
    expect(tagsOf(image).map((t) => t.replace(/-[0-9a-f]{12}$/, ''))).toEqual([
      '1.0',
      'buildcache-linux-amd64_leg',
      'buildcache-linux-arm64_leg',
      'latest',
      'run-1000-linux-amd64',
      'run-1000-linux-arm64',
    ]);
    const index = inspectRaw(`${image}:latest`);
    expect(index.manifests).toHaveLength(2);
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(index.manifests.map((m) => m.digest).sort()).toEqual(digests(first).sort());
    expect(rerunMerge.summary.match(/\| <code>linux\/arm64<\/code> \|/g)).toHaveLength(1);

    // Legs are pushed with OCI media types even with provenance off, so the merge can annotate their index
    // (a Docker manifest list would silently drop annotations).
    const annotated = await runAction(
      {
        mode: 'merge',
        image,
        platforms: 'linux/amd64,linux/arm64',
        tags: 'annotated',
        handoff: 'tags',
        annotations: 'index:org.opencontainers.image.description=re-run',
      },
      { env: { GITHUB_RUN_ATTEMPT: '2' } },
    );
    expect(annotated.code, annotated.error).toBe(0);
    const annotatedIndex = inspectRaw(`${image}:annotated`);
    expect(annotatedIndex.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(annotatedIndex.annotations?.['org.opencontainers.image.description']).toBe('re-run');
    expect(platformsOf(annotatedIndex)).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('a re-run leg that differs (provenance records build times): the merge takes the new attempt, not both', async () => {
    const image = `${REGISTRY}/e2e/${unique('rerunprov')}`;
    const leg = async (attempt: string) => {
      const run = await runAction(
        {
          mode: 'build',
          context: example,
          platforms: 'linux/arm64',
          image,
          ...AIR_GAPPED,
          handoff: 'tags',
          'build-args': `BASE=${BASE_IMAGE}`,
        },
        { env: { GITHUB_RUN_ATTEMPT: attempt } },
      );
      expect((await run.post()).code).toBe(0);
      return run;
    };
    const one = await leg('1');
    const attestation = (ref: string) =>
      inspectRaw(ref).manifests.find(
        (m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest',
      )?.digest;
    const oldAttestation = attestation(one.outputs.handoff ?? '');
    const two = await leg('2');
    expect(one.code, one.error).toBe(0);
    expect(two.code, two.error).toBe(0);
    expect(two.outputs.digest).not.toBe(one.outputs.digest);
    const newAttestation = attestation(two.outputs.handoff ?? '');
    expect(newAttestation).not.toBe(oldAttestation);

    const merged = await runAction(
      { mode: 'merge', image, platforms: 'linux/arm64', tags: 'latest', handoff: 'tags' },
      { env: { GITHUB_RUN_ATTEMPT: '2' } },
    );
    expect(merged.code, merged.error).toBe(0);
    const index = inspectRaw(`${image}:latest`);
    expect(platformsOf(index)).toEqual(['linux/arm64']);
    const attestations = index.manifests.filter(
      (m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest',
    );
    expect(attestations.map((m) => m.digest)).toEqual([newAttestation]);
    expect(tagsOf(image).map((t) => t.replace(/-[0-9a-f]{12}$/, ''))).toEqual([
      'latest',
      'run-1000-linux-arm64',
    ]);
  });
});
