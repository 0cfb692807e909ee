import * as core from '@actions/core';
import { rm } from 'node:fs/promises';
import { findBuildxPlugin } from './buildx-plugin.js';
import { exec, lastLine, useBuildxBinary } from './exec.js';
import { removeHandlers } from './qemu.js';
import { getState } from './state.js';

/**
 * Removes what main created: its builder, the QEMU handlers it registered (only with qemu-cleanup), its
 * temp dir with any secret files. Tolerates any partial state and never fails the job: it warns.
 */
export async function post(): Promise<void> {
  const builder = getState('builder');
  if (builder) {
    useBuildxBinary(findBuildxPlugin());
    const result = await exec(['docker', 'buildx', 'rm', builder], { allowFailure: true }).catch(
      (e: Error) => ({
        code: 1,
        stdout: '',
        stderr: e.message,
      }),
    );
    if (result.code !== 0 && !/not found|no builder/i.test(result.stderr)) {
      core.warning(`post: could not remove builder ${builder}: ${lastLine(result.stderr)}`);
    }
  }
  const handlers = getState('qemuRegistered').split(',').filter(Boolean);
  if (handlers.length) {
    core.info(`Removing the QEMU handlers this run registered: ${handlers.join(', ')}`);
    await removeHandlers(handlers, (m) => core.warning(`post: ${m}`));
  }
  const tempDir = getState('tempDir');
  if (tempDir)
    await rm(tempDir, { recursive: true, force: true }).catch((e: Error) =>
      core.warning(`post: ${e.message}`),
    );
}
