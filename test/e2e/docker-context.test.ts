// A runner after `docker context use rootless`: the engine is not at /var/run/docker.sock but where the
// docker config's current context points. The action finds it the way the docker CLI does, names the docker
// driver's builder after that context, and reports the builder as setup-buildx-action does (driver,
// builder-platforms, nodes, endpoint). The step runs in its own mount namespace where /var/run/docker.sock
// is not a socket, so a probe of the default socket cannot succeed by accident.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIR_GAPPED, BASE_IMAGE, docker, engineRelay, runAction } from '../support/e2e.js';

/** Hides the engine's default socket from the step, as on a runner whose engine runs rootless elsewhere. */
const HIDE_DEFAULT_SOCKET = [
  'unshare',
  '-m',
  'bash',
  '-c',
  'mount --bind /dev/null /var/run/docker.sock && exec "$0" "$@"',
];

describe('docker context use: the engine of the current context', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docker-context-'));
  const config = join(dir, 'docker-config');
  const context = join(dir, 'context');
  const socket = join(dir, 'rootless.sock');
  let relay: Awaited<ReturnType<typeof engineRelay>>;

  beforeAll(async () => {
    relay = await engineRelay(socket);
    mkdirSync(join(config, 'cli-plugins'), { recursive: true });
    symlinkSync(
      join(homedir(), '.docker', 'cli-plugins', 'docker-buildx'),
      join(config, 'cli-plugins', 'docker-buildx'),
    );
    writeFileSync(join(config, 'config.json'), readFileSync(join(homedir(), '.docker', 'config.json')));
    execFileSync('docker', [
      '--config',
      config,
      'context',
      'create',
      'e2e-rootless',
      '--docker',
      `host=unix://${socket}`,
    ]);
    execFileSync('docker', ['--config', config, 'context', 'use', 'e2e-rootless']);
    mkdirSync(context);
    writeFileSync(join(context, 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN uname -m > /arch\n`);
  });

  afterAll(async () => {
    await relay?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const step = (inputs: Record<string, string>) =>
    runAction(
      { context, platforms: 'linux/amd64', qemu: 'off', provenance: 'false', ...inputs },
      { env: { DOCKER_CONFIG: config }, wrap: HIDE_DEFAULT_SOCKET },
    );

  it('driver: docker builds on that engine, with the builder named after the context', async () => {
    const before = relay.connections;
    const run = await step({ driver: 'docker' });
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    expect(relay.connections).toBeGreaterThan(before);
    expect(run.outputs.builder).toBe('e2e-rootless');
    expect(run.outputs.driver).toBe('docker');
    expect(run.outputs.endpoint).toBe('e2e-rootless');
    expect(run.outputs['builder-platforms']?.split(',')).toContain('linux/amd64');
    const nodes = JSON.parse(run.outputs.nodes ?? '[]') as Array<Record<string, string>>;
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ name: 'e2e-rootless', endpoint: 'e2e-rootless', status: 'running' });
    expect((await run.post()).code).toBe(0);
  });

  it('docker-container: the builder container is started on that engine, and removed by post', async () => {
    const before = relay.connections;
    const run = await step({ ...AIR_GAPPED });
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    const builder = run.outputs.builder as string;
    expect(run.outputs.driver).toBe('docker-container');
    expect(relay.connections).toBeGreaterThan(before);
    // buildx records a node created on a docker context by the context's name.
    expect(run.outputs.endpoint).toBe('e2e-rootless');
    const nodes = JSON.parse(run.outputs.nodes ?? '[]') as Array<Record<string, string>>;
    expect(nodes).toEqual([
      expect.objectContaining({ name: `${builder}0`, endpoint: 'e2e-rootless', status: 'running' }),
    ]);
    expect(nodes[0]?.buildkit).toMatch(/^v\d+\.\d+\.\d+/);
    expect(nodes[0]?.platforms?.split(',')).toContain('linux/amd64');
    const containers = () => docker(['ps', '-a', '--format', '{{.Names}}']);
    const ownBuilders = () => docker(['--config', config, 'buildx', 'ls', '--format', '{{.Name}}']);
    expect(containers()).toContain(`buildx_buildkit_${builder}0`);
    expect(ownBuilders()).toContain(builder);
    expect((await run.post()).code).toBe(0);
    expect(containers()).not.toContain(`buildx_buildkit_${builder}0`);
    expect(ownBuilders()).not.toContain(builder);
  });
});
