import { accessSync, constants } from 'node:fs';
import { rm } from 'node:fs/promises';
import { removeLocalNode } from './buildx/local-node.js';
import { removeBuilder } from './buildx/remove.js';
import { releaseQemu } from './phases/qemu-release.js';
import type { Step } from './runner/step.js';

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Removes what main created: its builder (with the buildx main used, saved in state) and the BuildKit
 * container it started for the builder's own node (with its volume), this run's use of the
 * host's QEMU handlers (removing those it registered with qemu-cleanup once no other run uses them), its
 * temp dir with any secret files. Tolerates any partial state and never fails the job: it warns.
 */
export async function post(step: Step): Promise<void> {
  const { state, log } = step;
  const builder = state.get('builder');
  if (builder) await removeBuilder(step, builder, state.get('buildx'), executable);
  const localNode = state.get('localNode');
  if (localNode) await removeLocalNode(step, localNode);
  const user = state.get('qemuUser');
  const registered = state.get('qemuRegistered').split(',').filter(Boolean);
  if (user || registered.length) await releaseQemu(step, user, registered, (m) => log.warning(`post: ${m}`));
  const tempDir = state.get('tempDir');
  if (tempDir)
    await rm(tempDir, { recursive: true, force: true }).catch((e: Error) =>
      log.warning(`post: ${e.message}`),
    );
}
