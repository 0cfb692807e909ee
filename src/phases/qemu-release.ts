// Post's side of the host's QEMU records: drop this run's use of each handler, prune dead runs' records,
// and remove a handler once nobody uses it and the run that registered it asked for qemu-cleanup.
import type { Step } from '../runner/step.js';
import { readHandler, removeHandler } from './binfmt.js';
import {
  archesUsedBy,
  dropRecords,
  planRelease,
  readUses,
  startsOf,
  withQemuLock,
  type Release,
} from './qemu-users.js';

function say(step: Step, release: Release, registered: string[]): void {
  const { arch, others } = release;
  if (release.remove) {
    step.log.info(
      release.cleanupBy === 'this run'
        ? `Removing the QEMU handlers this run registered: ${arch}`
        : `Removing qemu-${arch}: registered by another run of this action that asked for qemu-cleanup, and no run on this host uses it any more`,
    );
  } else if (release.cleanupBy && others) {
    const runs = others === 1 ? '1 other run' : `${others} other runs`;
    step.log.info(
      `Leaving qemu-${arch} registered: ${runs} of this action on this host still use${others === 1 ? 's' : ''} it (the last one to finish removes it)`,
    );
  } else if (registered.includes(arch) && !release.cleanupBy) {
    step.log.info(`Leaving qemu-${arch} registered: it was re-registered meanwhile by another run`);
  }
}

/**
 * Releases the QEMU handlers run `user` used; `registered` are the ones it registered with qemu-cleanup
 * (from state). Without records (main could not keep them), removes `registered` as they are. Never
 * throws: problems are passed to `warn`.
 */
export async function releaseQemu(
  step: Step,
  user: string,
  registered: string[],
  warn: (m: string) => void,
): Promise<void> {
  try {
    await withQemuLock(step, async () => {
      const arches = user ? await archesUsedBy(step.ctx, user) : [];
      const uses = await Promise.all(arches.map((arch) => readUses(step.ctx, arch)));
      const starts = await startsOf(uses);
      for (const use of uses) {
        const present = (await readHandler(step, use.arch)) !== undefined;
        const release = planRelease(user, use, present, starts);
        say(step, release, registered);
        if (release.remove) {
          try {
            await removeHandler(step, use.arch);
          } catch (e) {
            warn(`could not remove the qemu-${use.arch} handler: ${(e as Error).message}`);
          }
        }
        await dropRecords(step.ctx, use.arch, release.drop, release.remove || !present);
      }
      const unrecorded = registered.filter((a) => !arches.includes(a));
      if (unrecorded.length) {
        step.log.info(`Removing the QEMU handlers this run registered: ${unrecorded.join(', ')}`);
        for (const arch of unrecorded)
          await removeHandler(step, arch).catch((e: Error) =>
            warn(`could not remove the qemu-${arch} handler: ${e.message}`),
          );
      }
    });
  } catch (e) {
    warn(`releasing the QEMU handlers failed: ${(e as Error).message}`);
  }
}
