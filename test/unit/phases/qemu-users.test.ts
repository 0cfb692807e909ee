// The host's QEMU records: who uses each handler, and what post does with one. Planning is pure; the
// records are real files in a temporary host state dir; the lock's flock is scripted (fakeStep).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  archesUsedBy,
  dropRecords,
  isLive,
  planMarker,
  planRelease,
  processStart,
  readUses,
  recordUse,
  startTimeOf,
  userId,
  withQemuLock,
  type HandlerUses,
} from '../../../src/phases/qemu-users.js';
import { fakeStep } from '../../support/fake-step.js';
import { ctxOf } from '../../support/unit.js';

const STAT =
  '4242 (node (main)) S 4200 4242 4200 0 -1 4194560 2900 0 0 0 31 6 0 0 20 0 11 0 987654 1151053824 13000 18446744073709551615';

describe('userId', () => {
  it('names the run, attempt and job, with randomness for legs sharing them', () => {
    const ctx = ctxOf({ GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2', GITHUB_JOB: 'build image' });
    expect(userId(ctx, 'c0ffee00')).toBe('77-2-build-image-c0ffee00');
    expect(userId(ctx)).toMatch(/^77-2-build-image-[0-9a-f]{8}$/);
    expect(userId(ctx)).not.toBe(userId(ctx));
  });

  it('is one plain file name whatever the job is called', () => {
    expect(userId(ctxOf({ GITHUB_JOB: '../x/y' }), 'r')).toBe('local-1-..-x-y-r');
  });
});

describe('startTimeOf / processStart / isLive', () => {
  it('reads field 22 of /proc/<pid>/stat, whatever the command name holds', () => {
    expect(startTimeOf(STAT)).toBe('987654');
  });

  it('this process is live; the same pid with another start time is a dead one reused', async () => {
    const start = await processStart(process.pid);
    expect(start).toMatch(/^\d+$/);
    const starts = new Map([[process.pid, start]]);
    expect(isLive({ id: 'a', pid: process.pid, start: start as string }, starts)).toBe(true);
    expect(isLive({ id: 'b', pid: process.pid, start: '1' }, starts)).toBe(false);
    expect(isLive({ id: 'c', pid: 99_999_999, start: '1' }, new Map([[99_999_999, undefined]]))).toBe(false);
    // An unknown parent (0: a container job's, outside its pid namespace) is never taken for dead.
    expect(isLive({ id: 'd', pid: 0, start: '' }, new Map())).toBe(true);
  });
});

describe('planRelease', () => {
  const live = { id: 'other', pid: 100, start: '5' };
  const dead = { id: 'gone', pid: 101, start: '6' };
  const me = { id: 'me', pid: 100, start: '5' };
  const starts = new Map<number, string | undefined>([
    [100, '5'],
    [101, undefined],
  ]);
  const uses = (users: HandlerUses['users'], cleanupBy?: string): HandlerUses => ({
    arch: 'aarch64',
    users,
    ...(cleanupBy ? { cleanupBy } : {}),
  });

  it.each<[string, HandlerUses, boolean, object]>([
    [
      'registered by this run with qemu-cleanup, nobody else: removed',
      uses([me], 'me'),
      true,
      { drop: ['me'], others: 0, remove: true, cleanupBy: 'this run' },
    ],
    [
      'registered by this run with qemu-cleanup, another live run uses it: left',
      uses([me, live], 'me'),
      true,
      { drop: ['me'], others: 1, remove: false, cleanupBy: 'this run' },
    ],
    [
      'registered by another run with qemu-cleanup, this run is the last: removed on its behalf',
      uses([me], 'someone'),
      true,
      { drop: ['me'], others: 0, remove: true, cleanupBy: 'another run' },
    ],
    [
      'a dead run does not keep it: pruned, and the handler removed',
      uses([me, dead], 'gone'),
      true,
      { drop: ['me', 'gone'], others: 0, remove: true, cleanupBy: 'another run' },
    ],
    [
      'nobody asked for cleanup: left, whoever uses it',
      uses([me]),
      true,
      { drop: ['me'], others: 0, remove: false, cleanupBy: undefined },
    ],
    [
      'already gone: nothing to remove',
      uses([me], 'me'),
      false,
      { drop: ['me'], others: 0, remove: false, cleanupBy: 'this run' },
    ],
  ])('%s', (_name, given, present, expected) => {
    expect(planRelease('me', given, present, starts)).toEqual({ arch: 'aarch64', ...expected });
  });
});

describe('planMarker', () => {
  it.each<['registered' | 'appeared' | 'present', boolean, string]>([
    ['registered', true, 'write'],
    ['registered', false, 'drop'],
    ['appeared', true, 'drop'],
    ['appeared', false, 'drop'],
    ['present', true, 'keep'],
    ['present', false, 'keep'],
  ])('%s with qemu-cleanup %s → %s', (how, cleanup, expected) => {
    expect(planMarker(how, cleanup)).toBe(expected);
  });
});

describe('records on disk', () => {
  const hostStep = () => {
    const hostStateDir = join(mkdtempSync(join(tmpdir(), 'host-')), 'multiarch-build-action');
    return fakeStep({ machine: { hostStateDir, ppid: process.pid } });
  };

  it('dropRecords removes a handler’s folder once no run records its use, and keeps it while one does', async () => {
    const step = hostStep();
    await withQemuLock(step, async () => {
      await recordUse(step, 'run-a', 's390x', 'write');
      await recordUse(step, 'run-b', 's390x', 'keep');
      await dropRecords(step.ctx, 's390x', ['run-a'], true);
    });
    const dir = join(step.ctx.hostStateDir, 'qemu-s390x');
    expect(readdirSync(dir)).toEqual(['run-b.user']);
    await withQemuLock(step, () => dropRecords(step.ctx, 's390x', ['run-b'], false));
    expect(existsSync(dir)).toBe(false);
  });

  it('recordUse writes this run, under a 1777 dir, with the cleanup marker; readUses reads them back', async () => {
    const step = hostStep();
    await withQemuLock(step, async (shared) => {
      expect(shared).toBe(true);
      await recordUse(step, 'run-a', 'aarch64', 'write');
      await recordUse(step, 'run-b', 'aarch64', 'keep');
      await recordUse(step, 'run-b', 'arm', 'drop');
    });
    expect(step.exec.commands).toEqual(['flock -x -n 3']);
    const dir = join(step.ctx.hostStateDir, 'qemu-aarch64');
    expect(readdirSync(dir).sort()).toEqual(['cleanup', 'run-a.user', 'run-b.user']);
    expect(readFileSync(join(dir, 'cleanup'), 'utf8')).toBe('run-a');
    const start = await processStart(process.pid);
    expect(await readUses(step.ctx, 'aarch64')).toEqual({
      arch: 'aarch64',
      users: [
        { id: 'run-a', pid: process.pid, start },
        { id: 'run-b', pid: process.pid, start },
      ],
      cleanupBy: 'run-a',
    });
    expect(await archesUsedBy(step.ctx, 'run-b')).toEqual(['aarch64', 'arm']);
    expect(await archesUsedBy(step.ctx, 'run-a')).toEqual(['aarch64']);
    expect(existsSync(join(step.ctx.hostStateDir, 'qemu.lock'))).toBe(true);
  });

  it('a held lock: says it waits, then goes on once it gets it', async () => {
    const step = fakeStep({
      machine: { hostStateDir: join(mkdtempSync(join(tmpdir(), 'host-')), 'm') },
      rules: [{ match: /^flock -x -n 3$/, answer: { code: 1 } }],
    });
    expect(await withQemuLock(step, () => Promise.resolve('done'))).toBe('done');
    expect(step.exec.commands).toEqual(['flock -x -n 3', 'flock -x -w 600 3']);
    expect(step.log.at('info')).toEqual([
      expect.stringMatching(
        /^Waiting for another run of this action on this host to finish with its QEMU handlers \(.*qemu\.lock\)$/,
      ),
    ]);
  });

  it('a lock held for 10 minutes: fails naming qemu', async () => {
    const step = fakeStep({
      machine: { hostStateDir: join(mkdtempSync(join(tmpdir(), 'host-')), 'm') },
      rules: [{ match: /^flock /, answer: { code: 1 } }],
    });
    await expect(withQemuLock(step, () => Promise.resolve())).rejects.toThrow(
      /^another run on this host has held .*qemu\.lock for 10 minutes; .*or set qemu: off$/,
    );
  });

  it('no flock on the runner: goes on without the lock, with a warning', async () => {
    const step = fakeStep({
      machine: { hostStateDir: join(mkdtempSync(join(tmpdir(), 'host-')), 'm') },
      rules: [{ match: /^flock /, answer: new Error('flock not found on PATH') }],
    });
    expect(await withQemuLock(step, (shared) => Promise.resolve(shared))).toBe(true);
    expect(step.log.at('warning')).toEqual([
      'qemu: flock not found on PATH: registering without the host lock other runs of this action share',
    ]);
  });

  it('not root: the host state dir is made through sudo -n (root-owned, 1777)', async () => {
    const hostStateDir = join(mkdtempSync(join(tmpdir(), 'host-')), 'multiarch-build-action');
    const step = fakeStep({
      machine: { hostStateDir, uid: 1001 },
      // What sudo would do, done here as this user: the dir exists afterwards.
      rules: [{ match: /^sudo -n install /, answer: () => (mkdirSync(hostStateDir), {}) }],
    });
    expect(await withQemuLock(step, (shared) => Promise.resolve(shared))).toBe(true);
    expect(step.exec.commands).toEqual([`sudo -n install -d -m 1777 ${hostStateDir}`, 'flock -x -n 3']);
  });

  it('not root and no passwordless sudo: no records, said in the log', async () => {
    const step = fakeStep({
      machine: { hostStateDir: join(mkdtempSync(join(tmpdir(), 'host-')), 'm'), uid: 1001 },
      rules: [{ match: /^sudo /, answer: { code: 1, stderr: 'sudo: a password is required' } }],
    });
    expect(await withQemuLock(step, (shared) => Promise.resolve(shared))).toBe(false);
    expect(step.log.at('info')[0]).toMatch(/^qemu: cannot use .* \(as root, or through passwordless sudo\)/);
  });

  it('a host state dir that cannot be made: no records, said in the log', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'host-')), 'file');
    writeFileSync(blocker, '');
    const step = fakeStep({ machine: { hostStateDir: join(blocker, 'sub') } });
    expect(await withQemuLock(step, (shared) => Promise.resolve(shared))).toBe(false);
    expect(step.log.at('info')[0]).toMatch(/^qemu: cannot use .*\/file\/sub/);
    expect(step.log.at('warning')).toEqual([]);
  });
});
