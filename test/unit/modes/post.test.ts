// What post removes, from the state main saved, with the exec layer scripted and the host's binfmt_misc
// and state dir replaced by temporary ones.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseRemover } from '../../../src/buildx/remove.js';
import { recordUse } from '../../../src/phases/qemu-users.js';
import { post } from '../../../src/post.js';
import { fakeStep } from '../../support/fake-step.js';

const emptyConfig = () => mkdtempSync(join(tmpdir(), 'docker-config-'));
const executableIn = (dir: string, name: string) => {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
};

describe('chooseRemover', () => {
  const exists = (f: string) => f === '/tc/buildx';
  it.each<[string, string, string | undefined, object]>([
    [
      'the saved buildx, while it exists',
      '/tc/buildx',
      '/cfg/cli-plugins/docker-buildx',
      { binary: '/tc/buildx' },
    ],
    [
      'the saved one gone: the plugin, saying which was gone',
      '/gone/buildx',
      '/cfg/cli-plugins/docker-buildx',
      { binary: '/cfg/cli-plugins/docker-buildx', gone: '/gone/buildx' },
    ],
    [
      'the saved one gone, no plugin: the docker CLI',
      '/gone/buildx',
      undefined,
      { binary: undefined, gone: '/gone/buildx' },
    ],
    [
      'none saved (main ran through the docker CLI): the plugin',
      '',
      '/cfg/cli-plugins/docker-buildx',
      { binary: '/cfg/cli-plugins/docker-buildx' },
    ],
    ['none saved, no plugin: the docker CLI', '', undefined, { binary: undefined }],
  ])('%s', (_name, saved, plugin, expected) => {
    expect(chooseRemover(saved, plugin, exists)).toEqual(expected);
  });
});

describe('post: the builder', () => {
  it('removes it with the buildx main ran (a downloaded one, not the CLI plugin)', async () => {
    const buildx = executableIn(mkdtempSync(join(tmpdir(), 'toolcache-')), 'buildx');
    const step = fakeStep({
      env: { DOCKER_CONFIG: emptyConfig() },
      state: { builder: 'multiarch-1-1-job-c0ffee00', buildx },
    });
    await post(step);
    expect(step.exec.commands).toEqual([`${buildx} rm multiarch-1-1-job-c0ffee00`]);
    expect(step.log.at('warning')).toEqual([]);
  });

  it('with no buildx saved (main ran through the docker CLI): docker buildx rm', async () => {
    const step = fakeStep({ env: { DOCKER_CONFIG: emptyConfig() }, state: { builder: 'b1' } });
    await post(step);
    expect(step.exec.commands).toEqual(['docker buildx rm b1']);
  });

  it('the buildx main ran is gone: the plugin removes it, and post says so', async () => {
    const config = emptyConfig();
    const plugin = executableIn(join(config, 'cli-plugins'), 'docker-buildx');
    const step = fakeStep({
      env: { DOCKER_CONFIG: config },
      state: { builder: 'b1', buildx: '/gone/buildx' },
    });
    await post(step);
    expect(step.exec.commands).toEqual([`${plugin} rm b1`]);
    expect(step.log.at('warning')).toEqual([
      `post: the buildx main ran (/gone/buildx) is gone; removing builder b1 with ${plugin}`,
    ]);
  });

  it('gone, and no buildx at all: the node container, its volume and buildx’s record go through the engine', async () => {
    const config = emptyConfig();
    mkdirSync(join(config, 'buildx', 'instances'), { recursive: true });
    writeFileSync(join(config, 'buildx', 'instances', 'b1'), '{}');
    const step = fakeStep({
      env: { DOCKER_CONFIG: config },
      state: { builder: 'b1', buildx: '/gone/buildx' },
      rules: [
        {
          match: /^docker buildx rm b1$/,
          answer: { code: 1, stderr: 'docker: unknown command: docker buildx\n' },
        },
        {
          match: /^docker ps -a --filter name=\^buildx_buildkit_b10\$/,
          answer: { stdout: 'buildx_buildkit_b10\n' },
        },
        {
          match: /^docker volume ls --filter name=\^buildx_buildkit_b10_state\$/,
          answer: { stdout: 'buildx_buildkit_b10_state\n' },
        },
      ],
    });
    await post(step);
    expect(step.exec.commands).toEqual([
      'docker buildx rm b1',
      'docker ps -a --filter name=^buildx_buildkit_b10$ --format {{.Names}}',
      'docker rm --force --volumes buildx_buildkit_b10',
      'docker volume ls --filter name=^buildx_buildkit_b10_state$ --format {{.Name}}',
      'docker volume rm --force buildx_buildkit_b10_state',
    ]);
    expect(step.log.at('warning')).toEqual([
      "post: the buildx main ran (/gone/buildx) is gone and no other buildx is installed; removed builder b1's container buildx_buildkit_b10 and volume buildx_buildkit_b10_state through the engine",
    ]);
    expect(existsSync(join(config, 'buildx', 'instances', 'b1'))).toBe(false);
  });

  it('a builder already gone is one info line, not a warning nor buildx’s error; any other failure is a warning, and post still goes on', async () => {
    const gone = fakeStep({
      env: { DOCKER_CONFIG: emptyConfig() },
      state: { builder: 'b1' },
      rules: [
        { match: / rm b1$/, answer: { code: 1, stderr: 'failed to remove b1: no builder "b1" found\n' } },
      ],
    });
    await post(gone);
    expect(gone.log.at('warning')).toEqual([]);
    // Cancelled right after `buildx create`: post says so in one line, and relays none of buildx's errors.
    expect(gone.exec.calls[0]?.options.echo).toBe(false);
    expect(gone.log.written.join('')).not.toMatch(/no builder|failed to remove/);
    expect(gone.log.at('info')).toEqual([
      '[command] docker buildx rm b1',
      'post: builder b1 does not exist (main stopped before creating it, or it was removed already): nothing to remove',
    ]);

    const temp = mkdtempSync(join(tmpdir(), 'multiarch-build-'));
    writeFileSync(join(temp, 'secret'), 'x');
    const failing = fakeStep({
      env: { DOCKER_CONFIG: emptyConfig() },
      state: { builder: 'b1', tempDir: temp },
      rules: [{ match: / rm b1$/, answer: { code: 1, stderr: 'ERROR: permission denied' } }],
    });
    await post(failing);
    expect(failing.log.at('warning')).toEqual(['post: could not remove builder b1: permission denied']);
    expect(existsSync(temp)).toBe(false);
  });

  it('a builder whose removal hangs (a node that cannot be reached): its record is dropped, with a warning', async () => {
    const step = fakeStep({
      env: { DOCKER_CONFIG: emptyConfig() },
      state: { builder: 'b1' },
      rules: [{ match: /buildx rm b1$/, answer: { code: 128, stderr: '' } }],
    });
    await post(step);
    expect(step.exec.commands).toEqual(['docker buildx rm b1', 'docker buildx rm --keep-daemon b1']);
    expect(step.exec.calls.map((c) => c.options.timeoutMs)).toEqual([120_000, 30_000]);
    expect(step.log.at('warning')).toEqual([
      'post: removing builder b1 took over 120 s (a node that cannot be reached?); removed its record only: BuildKit may still run on its nodes',
    ]);
  });

  it('with nothing saved, runs nothing', async () => {
    const step = fakeStep({ env: { DOCKER_CONFIG: emptyConfig() } });
    await post(step);
    expect(step.exec.commands).toEqual([]);
  });
});

describe('post: the QEMU handlers', () => {
  /** A host with a fake binfmt_misc holding qemu-aarch64, and this run recorded as one of its users. */
  async function host(opts: { registeredBy?: string; others?: Array<{ id: string; pid: number }> } = {}) {
    const root = mkdtempSync(join(tmpdir(), 'host-'));
    const machine = {
      binfmtDir: join(root, 'binfmt_misc'),
      hostStateDir: join(root, 'state'),
      ppid: process.pid,
    };
    mkdirSync(machine.binfmtDir);
    writeFileSync(
      join(machine.binfmtDir, 'qemu-aarch64'),
      'enabled\ninterpreter /usr/bin/qemu-aarch64-static\nflags: F\n',
    );
    const main = fakeStep({ machine });
    await recordUse(main, 'me', 'aarch64', opts.registeredBy === 'me' ? 'write' : 'keep');
    for (const other of opts.others ?? []) {
      const o = fakeStep({ machine: { ...machine, ppid: other.pid } });
      await recordUse(o, other.id, 'aarch64', opts.registeredBy === other.id ? 'write' : 'keep');
    }
    const handler = join(machine.binfmtDir, 'qemu-aarch64');
    const records = join(machine.hostStateDir, 'qemu-aarch64');
    return { machine, removed: () => readFileSync(handler, 'utf8') === '-1', records };
  }

  it('registered with qemu-cleanup and nobody else uses it: removed', async () => {
    const h = await host({ registeredBy: 'me' });
    const step = fakeStep({ machine: h.machine, state: { qemuUser: 'me', qemuRegistered: 'aarch64' } });
    await post(step);
    expect(step.log.at('info')).toContain('Removing the QEMU handlers this run registered: aarch64');
    expect(h.removed()).toBe(true);
    expect(existsSync(join(h.records, 'me.user'))).toBe(false);
    expect(existsSync(join(h.records, 'cleanup'))).toBe(false);
  });

  it('another live run still uses it: left, and said; that run’s post removes it later', async () => {
    const h = await host({ registeredBy: 'me', others: [{ id: 'other', pid: process.pid }] });
    const step = fakeStep({ machine: h.machine, state: { qemuUser: 'me', qemuRegistered: 'aarch64' } });
    await post(step);
    expect(step.log.at('info')).toContain(
      'Leaving qemu-aarch64 registered: 1 other run of this action on this host still uses it (the last one to finish removes it)',
    );
    expect(h.removed()).toBe(false);

    const other = fakeStep({ machine: h.machine, state: { qemuUser: 'other' } });
    await post(other);
    expect(other.log.at('info')).toContain(
      'Removing qemu-aarch64: registered by another run of this action that asked for qemu-cleanup, and no run on this host uses it any more',
    );
    expect(h.removed()).toBe(true);
  });

  it('only dead runs besides: they are pruned, and the handler removed', async () => {
    const h = await host({ registeredBy: 'me', others: [{ id: 'dead', pid: 99_999_999 }] });
    const step = fakeStep({ machine: h.machine, state: { qemuUser: 'me', qemuRegistered: 'aarch64' } });
    await post(step);
    expect(h.removed()).toBe(true);
    expect(existsSync(join(h.records, 'dead.user'))).toBe(false);
  });

  it('not registered by this run (found, or appeared meanwhile): never removed by it', async () => {
    const h = await host();
    const step = fakeStep({ machine: h.machine, state: { qemuUser: 'me' } });
    await post(step);
    expect(h.removed()).toBe(false);
    expect(existsSync(join(h.records, 'me.user'))).toBe(false);
    expect(step.log.at('info')).toEqual([]);
  });

  it('registered, but main could not keep records: removed as registered (as before records existed)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'host-'));
    const machine = { binfmtDir: join(root, 'binfmt_misc'), hostStateDir: join(root, 'state') };
    mkdirSync(machine.binfmtDir);
    writeFileSync(join(machine.binfmtDir, 'qemu-arm'), 'enabled\nflags: F\n');
    const step = fakeStep({ machine, state: { qemuRegistered: 'arm' } });
    await post(step);
    expect(step.log.at('info')).toEqual(['Removing the QEMU handlers this run registered: arm']);
    expect(readFileSync(join(machine.binfmtDir, 'qemu-arm'), 'utf8')).toBe('-1');
  });
});
