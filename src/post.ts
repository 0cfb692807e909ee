import { rm } from 'node:fs/promises';
import { buildxHandle } from './buildx/buildx.js';
import { findBuildxPlugin } from './buildx/plugin.js';
import { errorText, lastLine } from './exec/exec.js';
import { releaseQemu } from './phases/qemu-release.js';
import type { Step } from './runner/step.js';

/**
 * Removes what main created: its builder (with the buildx main used), this run's use of the host's QEMU
 * handlers (removing those it registered with qemu-cleanup once no other run uses them), its temp dir with
 * any secret files. Tolerates any partial state and never fails the job: it warns.
 */
export async function post(step: Step): Promise<void> {
  const { state, log } = step;
  const builder = state.get('builder');
  if (builder) {
    // A state from before the buildx key was saved (or none saved): the plugin, as the docker CLI finds it.
    const binary = state.get('buildx') || findBuildxPlugin(step.ctx.dockerConfig);
    const result = await buildxHandle(step.exec, binary)
      .run(['rm', builder], { allowFailure: true })
      .catch((e: unknown) => ({ code: 1, stdout: '', stderr: errorText(e) }));
    if (result.code !== 0 && !/not found|no builder/i.test(result.stderr)) {
      log.warning(`post: could not remove builder ${builder}: ${lastLine(result.stderr)}`);
    }
  }
  const user = state.get('qemuUser');
  const registered = state.get('qemuRegistered').split(',').filter(Boolean);
  if (user || registered.length) await releaseQemu(step, user, registered, (m) => log.warning(`post: ${m}`));
  const tempDir = state.get('tempDir');
  if (tempDir)
    await rm(tempDir, { recursive: true, force: true }).catch((e: Error) =>
      log.warning(`post: ${e.message}`),
    );
}
