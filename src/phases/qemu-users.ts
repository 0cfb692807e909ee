// QEMU handlers are global to the host, and several jobs may run on one host at once. Runs of this action
// share, under the host state dir (ctx.hostStateDir, /run/multiarch-build-action):
// - `qemu.lock`: an advisory lock (flock) around "check the handlers, register the missing ones, record the
//   use" in main and "drop the use, remove the handler if nobody uses it" in post;
// - `qemu-<arch>/<run>.user`: one record per run using the handler, naming the process that started the
//   step (the runner's worker: alive as long as the job). A record whose process is gone is a dead job's,
//   and is pruned;
// - `qemu-<arch>/cleanup`: present when the run that registered the handler asked for qemu-cleanup. The last
//   run to stop using the handler then removes it, whichever run that is.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import {
  chmod,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  rm,
  rmdir,
  writeFile,
  type FileHandle,
} from 'node:fs/promises';
import type { RunnerContext } from '../runner/context.js';
import { ActionError } from '../runner/errors.js';
import { childPath } from '../runner/paths.js';
import type { Step } from '../runner/step.js';

/** One run's use of one handler: the process that started its step, and that process's start time. */
export interface HandlerUser {
  id: string;
  /** 0: unknown (e.g. a container job, whose parent is outside its pid namespace): never pruned. */
  pid: number;
  start: string;
}

/** What the host state says about one handler. */
export interface HandlerUses {
  arch: string;
  users: HandlerUser[];
  /** The run that registered it and asked for qemu-cleanup, if one did. */
  cleanupBy?: string;
}

/** A run's id in the records: run, attempt, job, and randomness (matrix legs share the first three). */
export function userId(ctx: Pick<RunnerContext, 'runId' | 'runAttempt' | 'job'>, random?: string): string {
  const rand = random ?? randomBytes(4).toString('hex');
  return `${ctx.runId}-${ctx.runAttempt}-${ctx.job || 'local'}-${rand}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot): with the pid, it names a process. */
export function startTimeOf(stat: string): string | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

/** The start time of process `pid` (see startTimeOf), or undefined when there is no such process (or pid ≤ 1). */
export async function processStart(pid: number): Promise<string | undefined> {
  if (pid <= 1) return undefined;
  try {
    return startTimeOf(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A record is live while its process runs (same pid, same start time); an unknown process always is. */
export const isLive = (user: HandlerUser, starts: ReadonlyMap<number, string | undefined>): boolean =>
  user.pid <= 1 || (starts.get(user.pid) !== undefined && starts.get(user.pid) === user.start);

export interface Release {
  arch: string;
  /** Record ids to delete: this run's and dead runs'. */
  drop: string[];
  /** Live runs other than this one still using the handler. */
  others: number;
  /** Remove the handler now (registered with qemu-cleanup, and nobody uses it any more). */
  remove: boolean;
  /** Who asked for the cleanup: this run, another, or nobody (the handler stays). */
  cleanupBy: 'this run' | 'another run' | undefined;
}

/** What post does with one handler this run used. `present`: the handler is still registered. Pure. */
export function planRelease(
  me: string,
  uses: HandlerUses,
  present: boolean,
  starts: ReadonlyMap<number, string | undefined>,
): Release {
  const others = uses.users.filter((u) => u.id !== me);
  const live = others.filter((u) => isLive(u, starts));
  const drop = [
    ...(uses.users.some((u) => u.id === me) ? [me] : []),
    ...others.filter((u) => !isLive(u, starts)).map((u) => u.id),
  ];
  const cleanupBy =
    uses.cleanupBy === undefined ? undefined : uses.cleanupBy === me ? 'this run' : 'another run';
  return {
    arch: uses.arch,
    drop,
    others: live.length,
    remove: !!cleanupBy && present && !live.length,
    cleanupBy,
  };
}

/**
 * The cleanup marker after main used a handler: `registered` by this run (with `cleanup` asked), `appeared`
 * while it was registering (someone else's), or found in place. Returns 'write', 'drop' or 'keep'. Pure.
 */
export function planMarker(
  how: 'registered' | 'appeared' | 'present',
  cleanup: boolean,
): 'write' | 'drop' | 'keep' {
  if (how === 'registered') return cleanup ? 'write' : 'drop';
  // A marker left beside a handler this run saw appear names an earlier registration, not this handler.
  return how === 'appeared' ? 'drop' : 'keep';
}

const archDir = (ctx: RunnerContext, arch: string) => childPath(ctx.hostStateDir, `qemu-${arch}`);

/**
 * Makes the host state dir (and `subdir`, if given) usable by every run on the host: root-owned, mode 1777
 * like /tmp (others cannot delete a run's records). Through sudo when not root. Returns false when it
 * cannot be made.
 */
async function ensureDir(step: Step, dir: string): Promise<boolean> {
  try {
    const st = await lstat(dir);
    return st.isDirectory() && !st.isSymbolicLink();
  } catch {
    // not there yet
  }
  try {
    if (step.ctx.root || dir !== step.ctx.hostStateDir) {
      await mkdir(dir, { recursive: true });
      await chmod(dir, 0o1777);
    } else {
      await step.exec.run(['sudo', '-n', 'install', '-d', '-m', '1777', dir], { echo: false });
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the lock file for reading (all flock needs), creating it when missing. Never O_CREAT on a file that
 * exists: in a sticky world-writable dir the kernel refuses that for another user's file.
 */
async function openLockFile(path: string): Promise<FileHandle> {
  const { O_RDONLY, O_NOFOLLOW, O_CREAT, O_EXCL } = constants;
  for (;;) {
    try {
      return await open(path, O_RDONLY | O_NOFOLLOW);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    try {
      return await open(path, O_RDONLY | O_NOFOLLOW | O_CREAT | O_EXCL, 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/**
 * Runs `fn` holding the host's QEMU lock (flock on `<host state dir>/qemu.lock`), waiting up to 10 minutes
 * for another run to release it; `fn` is told whether the state dir is usable (records can be kept).
 * Without `flock`, runs `fn` unlocked with a warning; without a usable state dir, says so and runs it.
 * Throws ActionError (phase qemu) when the lock stays held.
 */
export async function withQemuLock<T>(step: Step, fn: (shared: boolean) => Promise<T>): Promise<T> {
  const { ctx, log } = step;
  if (!(await ensureDir(step, ctx.hostStateDir))) {
    // Said, not warned: a run that cannot write /run cannot register or remove a handler either.
    log.info(
      `qemu: cannot use ${ctx.hostStateDir} (as root, or through passwordless sudo): other jobs on this host are not told which QEMU handlers this one uses`,
    );
    return fn(false);
  }
  const path = childPath(ctx.hostStateDir, 'qemu.lock');
  const file = await openLockFile(path).catch((e: Error) => e);
  if (file instanceof Error) {
    log.warning(`qemu: cannot open ${path} (${file.message}): registering without the host lock`);
    return fn(true);
  }
  try {
    // flock on the inherited descriptor locks the open file itself: held by this process until it closes it.
    const lock = (args: string[]) =>
      step.exec.run(['flock', '-x', ...args, '3'], { fds: [file.fd], echo: false, allowFailure: true });
    let got = await lock(['-n']).catch((e: Error) => e);
    if (got instanceof Error) {
      log.warning(`qemu: ${got.message}: registering without the host lock other runs of this action share`);
      return await fn(true);
    }
    if (got.code !== 0) {
      log.info(
        `Waiting for another run of this action on this host to finish with its QEMU handlers (${path})`,
      );
      got = await lock(['-w', '600']);
      if (got.code !== 0) {
        throw new ActionError(
          'qemu',
          `another run on this host has held ${path} for 10 minutes; if no job is registering QEMU handlers, delete that file, or set qemu: off`,
          'qemu',
        );
      }
    }
    return await fn(true);
  } finally {
    await file.close();
  }
}

/** The records of one handler. Unreadable entries are skipped (they name nobody). */
export async function readUses(ctx: RunnerContext, arch: string): Promise<HandlerUses> {
  const dir = archDir(ctx, arch);
  const users: HandlerUser[] = [];
  let cleanupBy: string | undefined;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    try {
      const text = await readFile(childPath(dir, name), 'utf8');
      if (name === 'cleanup') cleanupBy = text.trim() || undefined;
      else if (name.endsWith('.user')) {
        const { pid, start } = JSON.parse(text) as { pid?: unknown; start?: unknown };
        const id = name.slice(0, -'.user'.length);
        users.push({ id, pid: Number(pid) || 0, start: typeof start === 'string' ? start : '' });
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return { arch, users, ...(cleanupBy ? { cleanupBy } : {}) };
}

/** Writes this run's use of `arch` and sets its cleanup marker as `marker` says. Call under the lock. */
export async function recordUse(
  step: Step,
  me: string,
  arch: string,
  marker: 'write' | 'drop' | 'keep',
): Promise<void> {
  const dir = archDir(step.ctx, arch);
  if (!(await ensureDir(step, dir))) throw new Error(`cannot create ${dir}`);
  const pid = step.ctx.parentPid;
  const record = JSON.stringify({ pid, start: (await processStart(pid)) ?? '' });
  await writeFile(childPath(dir, `${me}.user`), record, { mode: 0o644, flag: 'wx' });
  const markerFile = childPath(dir, 'cleanup');
  if (marker !== 'keep') await rm(markerFile, { force: true });
  if (marker === 'write') await writeFile(markerFile, me, { mode: 0o644, flag: 'wx' });
}

/**
 * Deletes records (and, with `marker`, the cleanup marker) of one handler, and its folder once empty. Call
 * under the lock (a run recording its use creates the folder under it). Never throws.
 */
export async function dropRecords(
  ctx: RunnerContext,
  arch: string,
  ids: string[],
  marker: boolean,
): Promise<void> {
  const dir = archDir(ctx, arch);
  const names = [...ids.map((id) => `${id}.user`), ...(marker ? ['cleanup'] : [])];
  for (const name of names) await rm(childPath(dir, name), { force: true }).catch(() => undefined);
  await rmdir(dir).catch(() => undefined); // ENOTEMPTY while another run still records its use
}

/** The qemu arches with a record of run `me`. */
export async function archesUsedBy(ctx: RunnerContext, me: string): Promise<string[]> {
  const entries = await readdir(ctx.hostStateDir).catch(() => [] as string[]);
  const arches: string[] = [];
  for (const entry of entries.filter((e) => e.startsWith('qemu-')).sort()) {
    const arch = entry.slice('qemu-'.length);
    if ((await readUses(ctx, arch)).users.some((u) => u.id === me)) arches.push(arch);
  }
  return arches;
}

/** Start times of every process named by `uses`, read once. */
export async function startsOf(uses: HandlerUses[]): Promise<Map<number, string | undefined>> {
  const pids = new Set(uses.flatMap((u) => u.users.map((r) => r.pid)));
  const starts = new Map<number, string | undefined>();
  for (const pid of pids) starts.set(pid, await processStart(pid));
  return starts;
}
