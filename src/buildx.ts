import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planBuildxDownload } from './buildx-plan.js';
import { findBuildxPlugin } from './buildx-plugin.js';
import { ActionError } from './errors.js';
import { exec, useBuildxBinary } from './exec.js';
import type { Inputs } from './inputs.js';
import type { Phases } from './phases.js';

/** What a runner without buildx gets: a release this action is tested with. */
export const DEFAULT_BUILDX_VERSION = 'v0.29.1';

/**
 * Chooses the buildx that runs this step's commands: `buildx-version` when set (downloaded, checksum-checked,
 * cached); else the installed plugin, run directly; else, with no buildx at all, the default release.
 * The version is planned (and so validated) before anything is downloaded.
 */
export async function setUpBuildx(inputs: Inputs, phases: Phases): Promise<void> {
  let version = inputs.buildxVersion;
  if (!version) {
    const plugin = findBuildxPlugin();
    if (plugin) return useBuildxBinary(plugin);
    // Not where the docker CLI looks by default: ask it, in case it finds one elsewhere.
    const viaCli = await exec(['docker', 'buildx', 'version'], { echo: false, allowFailure: true }).catch(
      () => undefined,
    );
    if (viaCli?.code === 0) return;
    version = DEFAULT_BUILDX_VERSION;
    core.notice(
      `buildx is not installed on this runner: using buildx ${version} for this step (set buildx-version to choose)`,
    );
  }
  const plan = planBuildxDownload({
    version,
    baseUrl: inputs.buildxUrl,
    platform: process.platform,
    arch: process.arch,
  });
  await phases.run('buildx', `Installing buildx ${plan.version}`, async () => {
    // The runner sets both; elsewhere (a local run, some other CI) keep the tool cache under the temp dir.
    process.env.RUNNER_TEMP ||= tmpdir();
    process.env.RUNNER_TOOL_CACHE ||= join(process.env.RUNNER_TEMP, 'toolcache');
    const { installBuildx } = await import('./buildx-install.js');
    try {
      useBuildxBinary(await installBuildx(plan, core.info));
    } catch (e) {
      throw new ActionError(
        'buildx',
        (e as Error).message,
        inputs.buildxUrl ? 'buildx-url' : 'buildx-version',
      );
    }
  });
}
