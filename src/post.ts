import { rm } from 'node:fs/promises';
import { buildxHandle } from './buildx/buildx.js';
import { findBuildxPlugin } from './buildx/plugin.js';
import { errorText, lastLine } from './exec/exec.js';
import { removeHandlers } from './phases/qemu.js';
import type { Step } from './runner/step.js';

/** How long `buildx rm` may take (it stops BuildKit on every node) before post gives up on the nodes. */
const RM_TIMEOUT_MS = 120_000;
/** The exit code of a command killed by a signal (its timeout). */
const KILLED = 128;

/**
 * Removes what main created: its builder (with the buildx main used), the QEMU handlers it registered (only
 * with qemu-cleanup), its temp dir with any secret files. Tolerates any partial state and never fails the
 * job: it warns.
 */
export async function post(step: Step): Promise<void> {
  const { state, log } = step;
  const builder = state.get('builder');
  if (builder) {
    // A state from before the buildx key was saved (or none saved): the plugin, as the docker CLI finds it.
    const binary = state.get('buildx') || findBuildxPlugin(step.ctx.dockerConfig);
    const buildx = buildxHandle(step.exec, binary);
    const rm = (args: string[], timeoutMs: number) =>
      buildx
        .run(['rm', ...args, builder], { allowFailure: true, timeoutMs })
        .catch((e: unknown) => ({ code: 1, stdout: '', stderr: errorText(e) }));
    const started = Date.now();
    const result = await rm([], RM_TIMEOUT_MS);
    // Killed at its deadline: run directly, buildx dies of the signal; through the docker CLI, it exits 1.
    if (result.code === KILLED || (result.code !== 0 && Date.now() - started >= RM_TIMEOUT_MS)) {
      // A node whose host is gone (an appended ssh:// or docker context node) keeps buildx waiting: drop the
      // builder's record at least, so the runner holds nothing of it.
      const record = await rm(['--keep-daemon'], 30_000);
      log.warning(
        `post: removing builder ${builder} took over ${RM_TIMEOUT_MS / 1000} s (a node that cannot be reached?); ${record.code === 0 ? 'removed its record only: BuildKit may still run on its nodes' : `could not remove it: ${lastLine(record.stderr)}`}`,
      );
    } else if (result.code !== 0 && !/not found|no builder/i.test(result.stderr)) {
      log.warning(`post: could not remove builder ${builder}: ${lastLine(result.stderr)}`);
    }
  }
  const handlers = state.get('qemuRegistered').split(',').filter(Boolean);
  if (handlers.length) {
    log.info(`Removing the QEMU handlers this run registered: ${handlers.join(', ')}`);
    await removeHandlers(step, handlers, (m) => log.warning(`post: ${m}`));
  }
  const tempDir = state.get('tempDir');
  if (tempDir)
    await rm(tempDir, { recursive: true, force: true }).catch((e: Error) =>
      log.warning(`post: ${e.message}`),
    );
}
