import type { ExecOptions, ExecResult, Exec } from '../exec/exec.js';
import { ActionError } from '../runner/errors.js';
import type { Phases } from '../runner/phases.js';
import type { Step } from '../runner/step.js';
import { findBuildxPlugin } from './plugin.js';
import { planBuildxDownload } from './release.js';

/** What a runner without buildx gets: a release this action is tested with. */
export const DEFAULT_BUILDX_VERSION = 'v0.29.1';

/**
 * The buildx this step runs, as a handle phases receive: every buildx command goes through `run`. Saved in
 * state by its binary, so post runs the same buildx main did.
 */
export interface Buildx {
  /** The binary run for buildx commands (the plugin, or a downloaded release); undefined: `docker buildx`. */
  readonly binary: string | undefined;
  /** Runs `buildx <args>`; the log shows it as `docker buildx <args>`. Errors as Exec.run. */
  run(args: string[], options?: ExecOptions): Promise<ExecResult>;
}

/** The argv that runs `buildx <args>` with `binary` (buildx runs standalone), or through the docker CLI. */
export function buildxArgv(binary: string | undefined, args: string[]): string[] {
  return binary ? [binary, ...args] : ['docker', 'buildx', ...args];
}

/** A handle running `binary` (see Buildx) through `exec`. */
export function buildxHandle(exec: Exec, binary: string | undefined): Buildx {
  return {
    binary,
    run: (args, options = {}) =>
      exec.run(buildxArgv(binary, args), { display: ['docker', 'buildx', ...args], ...options }),
  };
}

export interface BuildxChoice {
  /** The plugin found where the docker CLI looks, if any. */
  plugin: string | undefined;
  /** `buildx-version`, if set. */
  version: string | undefined;
  /** The docker CLI itself answers `docker buildx version` (a plugin somewhere this action does not look). */
  viaCli: boolean;
}

/**
 * Which buildx runs this step: `buildx-version` when set (downloaded); else the installed plugin, run
 * directly; else the docker CLI's own when it finds one; else, with no buildx at all, the default release.
 * Returns the binary to use or the version to download.
 */
export function chooseBuildx(choice: BuildxChoice): { binary: string | undefined } | { download: string } {
  if (choice.version) return { download: choice.version };
  if (choice.plugin) return { binary: choice.plugin };
  if (choice.viaCli) return { binary: undefined };
  return { download: DEFAULT_BUILDX_VERSION };
}

/**
 * Sets up the buildx this step's commands run with and returns its handle. A download (cached in the tool
 * cache, checksum-verified) runs as its own phase. Throws ActionError (phase buildx) naming buildx-version
 * or buildx-url when the download fails.
 */
export async function setUpBuildx(
  step: Step,
  wanted: { version?: string; url?: string },
  phases: Phases,
): Promise<Buildx> {
  const { ctx, exec, log } = step;
  const plugin = wanted.version ? undefined : findBuildxPlugin(ctx.dockerConfig);
  let viaCli = false;
  if (!wanted.version && !plugin) {
    // Not where the docker CLI looks by default: ask it, in case it finds one elsewhere.
    const answer = await exec
      .run(['docker', 'buildx', 'version'], { echo: false, allowFailure: true })
      .catch(() => undefined);
    viaCli = answer?.code === 0;
  }
  const choice = chooseBuildx({ plugin, version: wanted.version, viaCli });
  if ('binary' in choice) return buildxHandle(exec, choice.binary);
  if (!wanted.version)
    log.notice(
      `buildx is not installed on this runner: using buildx ${choice.download} for this step (set buildx-version to choose)`,
    );
  const plan = planBuildxDownload({
    version: choice.download,
    baseUrl: wanted.url,
    platform: ctx.os,
    arch: ctx.arch,
  });
  return phases.run('buildx', `Installing buildx ${plan.version}`, async () => {
    const { installBuildx } = await import('./install.js');
    try {
      return buildxHandle(exec, await installBuildx(plan, (m) => log.info(m)));
    } catch (e) {
      throw new ActionError('buildx', (e as Error).message, wanted.url ? 'buildx-url' : 'buildx-version');
    }
  });
}
