/**
 * Several jobs on one host share its QEMU handlers (binfmt_misc is global to the kernel). Tried with real
 * runs of the action at once, on the real binfmt_misc:
 * - a job with qemu-cleanup: true finishes while another job is still building under the handler it
 *   registered: its post must leave the handler (the other build would die with "exec format error"), and
 *   the last job to finish removes it;
 * - a handler that appears while a run is registering it (another tool registered it meanwhile: the kernel
 *   answers EEXIST) is "already registered", not an error, and is never that run's to remove;
 * - two runs of this action registering the same handler at once: exactly one registers it;
 * - a job that died without its post (its runner's process is gone) does not keep a handler forever.
 * The "meanwhile" is made deterministic without touching the action: the run reads Debian's handler
 * description through a FIFO bind-mounted over it in its own mount namespace, so it stops between checking
 * binfmt_misc and writing `register` until the test has registered the handler behind its back.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  constants,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BASE_IMAGE, qemuHandlers, removeQemuHandlers, runAction, unique } from '../support/e2e.js';

const example = join(import.meta.dirname, '..', '..', 'example');
const steps = join(import.meta.dirname, '..', 'fixtures', 'emulated-steps');
const DEBIAN = '/usr/share/binfmts/qemu-aarch64';
const RECORDS = '/run/multiarch-build-action/qemu-aarch64';
const debian = readFileSync(DEBIAN, 'utf8');

/** The arm64 build every job runs: qemu-user-static from the host, the engine's own builder. */
const arm64 = (more: Record<string, string> = {}) => ({
  context: example,
  platforms: 'linux/arm64',
  driver: 'docker',
  qemu: 'host',
  'build-args': `BASE=${BASE_IMAGE}`,
  ...more,
});

/** Registers qemu-aarch64 the way another tool would (not through this action, so not under its lock). */
function registerBehindItsBack(): void {
  const field = (k: string) => new RegExp(`^${k} (.*)$`, 'm').exec(debian)?.[1] as string;
  writeFileSync(
    '/proc/sys/fs/binfmt_misc/register',
    `:qemu-aarch64:M:0:${field('magic')}:${field('mask')}:${field('interpreter')}:FP`,
  );
}

let scratch = '';
let fifo = '';

/** A mount namespace in which Debian's qemu-aarch64 description is the FIFO: the run stops reading it. */
const stopsAtDescription = () => [
  'unshare',
  '-m',
  'bash',
  '-c',
  `mount --bind ${fifo} ${DEBIAN} && exec "$0" "$@"`,
];

/** Resolves, with a write end, once a run has opened the FIFO to read it (after it checked binfmt_misc). */
async function readerArrives(timeoutMs = 120_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENXIO' || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Lets the stopped run go on: it reads Debian's description as it would have. */
function release(fd: number): void {
  writeSync(fd, debian);
  closeSync(fd);
}

/** Resolves once `text` appears in the output of the process given to onSpawn. */
function watch(text: string) {
  let seen!: () => void;
  const appeared = new Promise<void>((resolve) => (seen = resolve));
  const onSpawn = (child: ChildProcess) =>
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(text)) seen();
    });
  return { appeared, onSpawn };
}

const ownRecords = () => (existsSync(RECORDS) ? readdirSync(RECORDS).filter((n) => n.endsWith('.user')) : []);

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'shared-host-'));
  fifo = join(scratch, 'qemu-aarch64');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
beforeEach(() => {
  removeQemuHandlers();
  expect(qemuHandlers()).toEqual([]);
});

describe('two jobs on one host', () => {
  it("post of a job with qemu-cleanup leaves the handler another job's build still runs under", async () => {
    const first = await runAction(arm64({ 'qemu-cleanup': 'true' }));
    expect(first.code, first.error).toBe(0);
    expect(first.state['qemu-registered']).toBe('aarch64');

    // The second job starts while the handler is there, and is mid-build when the first job's post runs.
    const running = watch('first-step-running');
    const second = runAction(
      arm64({ context: steps, 'build-args': `BASE=${BASE_IMAGE}\nSALT=${unique('salt')}\nWAIT=15` }),
      { onSpawn: running.onSpawn },
    );
    await running.appeared;
    const firstPost = await first.post();
    const stillThere = qemuHandlers().includes('qemu-aarch64');
    const done = await second;
    expect(done.code, done.error).toBe(0); // its second RUN step started a new emulated process
    expect(done.log).not.toContain('exec format error');
    expect(firstPost.code).toBe(0);
    expect(firstPost.log).toContain(
      'Leaving qemu-aarch64 registered: 1 other run of this action on this host still uses it (the last one to finish removes it)',
    );
    expect(stillThere).toBe(true);
    const secondPost = await done.post();
    expect(secondPost.code).toBe(0);
    // The last job to finish removes it, as the one that registered it asked.
    expect(secondPost.log).toContain(
      'Removing qemu-aarch64: registered by another run of this action that asked for qemu-cleanup, and no run on this host uses it any more',
    );
    expect(qemuHandlers()).not.toContain('qemu-aarch64');
    expect(ownRecords()).toEqual([]);
  });

  it('a handler that appears while the run registers it (EEXIST) is used, not claimed, and never removed by it', async () => {
    const run = runAction(arm64({ 'qemu-cleanup': 'true' }), { wrap: stopsAtDescription() });
    const fd = await readerArrives();
    registerBehindItsBack();
    release(fd);
    const done = await run;
    expect(done.code, done.error).toBe(0);
    expect(done.log).toContain(
      "aarch64 registered meanwhile by another job on this host (used, not this run's)",
    );
    expect(done.state['qemu-registered']).toBeUndefined();
    const post = await done.post();
    expect(post.code).toBe(0);
    expect(post.log).not.toContain('Removing');
    expect(qemuHandlers()).toContain('qemu-aarch64');
    expect(ownRecords()).toEqual([]);
  });

  it('two runs registering the same handler at once: one registers it, the other waits and finds it', async () => {
    // Both ask for qemu-cleanup: the handler must outlive the first post and go with the second.
    const stopped = runAction(arm64({ 'qemu-cleanup': 'true' }), { wrap: stopsAtDescription() });
    const fd = await readerArrives();
    const waiting = watch('Waiting for another run of this action on this host');
    const other = runAction(arm64({ 'qemu-cleanup': 'true' }), { onSpawn: waiting.onSpawn });
    // The other run either waits for the host lock, or (with no lock) registers the handler itself.
    const registered = (async () => {
      while (!qemuHandlers().includes('qemu-aarch64')) await new Promise((r) => setTimeout(r, 50));
    })();
    await Promise.race([waiting.appeared, registered]);
    release(fd);
    const [a, b] = await Promise.all([stopped, other]);
    expect(a.code, a.error).toBe(0);
    expect(b.code, b.error).toBe(0);
    // Exactly one of them registered it (the one holding the lock first: the stopped one).
    expect([a.state['qemu-registered'], b.state['qemu-registered']]).toEqual(['aarch64', undefined]);
    expect(b.log).toContain('already registered: aarch64');
    expect(b.log).toContain(
      'Waiting for another run of this action on this host to finish with its QEMU handlers',
    );

    const firstPost = await a.post();
    expect(firstPost.code).toBe(0);
    expect(qemuHandlers()).toContain('qemu-aarch64');
    const secondPost = await b.post();
    expect(secondPost.code).toBe(0);
    expect(qemuHandlers()).not.toContain('qemu-aarch64');
    expect(ownRecords()).toEqual([]);
  });

  it('a job that died without its post does not keep the handler: the last live run removes it', async () => {
    // Main's parent is a shell that exits with it: like a runner gone before post, the job is dead.
    const dead = await runAction(arm64({ 'qemu-cleanup': 'true' }), {
      wrap: ['bash', '-c', '"$0" "$@"; exit $?'],
    });
    expect(dead.code, dead.error).toBe(0);
    expect(dead.state['qemu-registered']).toBe('aarch64');

    const live = await runAction(arm64());
    expect(live.code, live.error).toBe(0);
    const post = await live.post();
    expect(post.code).toBe(0);
    expect(post.log).toContain('Removing qemu-aarch64: registered by another run of this action');
    expect(qemuHandlers()).not.toContain('qemu-aarch64');
    expect(ownRecords()).toEqual([]);
  });
});
