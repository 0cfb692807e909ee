// Post's removal of the builder main created: with the buildx main ran, whatever the runner has by then.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorText, lastLine } from '../exec/exec.js';
import { childPath } from '../runner/paths.js';
import type { Step } from '../runner/step.js';
import { buildxHandle } from './buildx.js';
import { findBuildxPlugin } from './plugin.js';

/**
 * The buildx post removes the builder with: the binary main ran (saved in state) while it exists; else the
 * plugin the docker CLI would run; else the docker CLI's own (`binary` undefined). `gone` is the saved
 * binary when it no longer exists. Pure, given `exists`.
 */
export function chooseRemover(
  saved: string,
  plugin: string | undefined,
  exists: (file: string) => boolean,
): { binary: string | undefined; gone?: string } {
  if (saved && exists(saved)) return { binary: saved };
  return { binary: plugin, ...(saved ? { gone: saved } : {}) };
}

/** How long `buildx rm` may take (it stops BuildKit on every node) before post gives up on the nodes. */
const RM_TIMEOUT_MS = 120_000;
/** The exit code of a command killed by a signal (its timeout). */
const KILLED = 128;

/** buildx's answer for a builder that does not exist (already removed: one info line, no warning). */
export const builderMissing = (stderr: string): boolean => /no builder "[^"]*" found/i.test(stderr);
/** No buildx could run at all: the binary vanished, or the docker CLI has no buildx plugin. */
export const noBuildx = (stderr: string): boolean =>
  /not found on PATH|unknown command|is not a docker command/i.test(stderr);

/** What buildx names a docker-container builder's only node container and that node's state volume. */
export const nodeContainer = (builder: string) => `buildx_buildkit_${builder}0`;
export const stateVolume = (container: string) => `${container}_state`;
export const nodeVolume = (builder: string) => stateVolume(nodeContainer(builder));

/**
 * Removes `builder`'s node container and state volume through the engine, and buildx's record of it: what
 * `buildx rm` does for a docker-container builder, for when no buildx can run. Returns what it removed.
 * Throws when the engine refuses.
 */
async function removeThroughEngine(step: Step, builder: string): Promise<string[]> {
  const exact = (name: string) => `name=^${name.replace(/\./g, '\\.')}$`;
  const names = async (args: string[]) =>
    (await step.exec.run(['docker', ...args], { echo: false })).stdout.split('\n').filter(Boolean);
  const removed: string[] = [];
  const container = nodeContainer(builder);
  if (
    (await names(['ps', '-a', '--filter', exact(container), '--format', '{{.Names}}'])).includes(container)
  ) {
    await step.exec.run(['docker', 'rm', '--force', '--volumes', container]);
    removed.push(`container ${container}`);
  }
  const volume = nodeVolume(builder);
  if ((await names(['volume', 'ls', '--filter', exact(volume), '--format', '{{.Name}}'])).includes(volume)) {
    await step.exec.run(['docker', 'volume', 'rm', '--force', volume]);
    removed.push(`volume ${volume}`);
  }
  await rm(childPath(join(step.ctx.dockerConfig, 'buildx', 'instances'), builder), { force: true });
  return removed;
}

/**
 * Removes the builder main created, with the buildx main ran (`saved`, from state). When that binary is
 * gone, falls back to the plugin or the docker CLI, and when no buildx can run at all, to the engine; each
 * fallback is said in one warning; a builder that does not exist (main stopped before creating it) in one
 * info line, without buildx's error. Never throws: a failure is a warning.
 */
export async function removeBuilder(
  step: Step,
  builder: string,
  saved: string,
  exists: (file: string) => boolean,
): Promise<void> {
  const { log } = step;
  const choice = chooseRemover(saved, findBuildxPlugin(step.ctx.dockerConfig), exists);
  // Not echoed as it runs: a builder that no longer exists is one info line, not buildx's two errors.
  const rmWith = async (args: string[], timeoutMs: number) => {
    log.info(`[command] docker buildx ${['rm', ...args, builder].join(' ')}`);
    const result = await buildxHandle(step.exec, choice.binary)
      .run(['rm', ...args, builder], { allowFailure: true, timeoutMs, echo: false })
      .catch((e: unknown) => ({ code: 1, stdout: '', stderr: errorText(e) }));
    if (!builderMissing(result.stderr)) log.write(`${result.stdout}${result.stderr}`);
    return result;
  };
  const started = Date.now();
  const result = await rmWith([], RM_TIMEOUT_MS);
  // Killed at its deadline: run directly, buildx dies of the signal; through the docker CLI, it exits 1.
  if (result.code === KILLED || (result.code !== 0 && Date.now() - started >= RM_TIMEOUT_MS)) {
    // A node whose host is gone (an appended ssh:// or docker-context node) keeps `rm` waiting on it: drop
    // the builder's record at least, so this runner holds nothing of it.
    const record = await rmWith(['--keep-daemon'], 30_000);
    log.warning(
      `post: removing builder ${builder} took over ${RM_TIMEOUT_MS / 1000} s (a node that cannot be reached?); ${record.code === 0 ? 'removed its record only: BuildKit may still run on its nodes' : `could not remove it: ${lastLine(record.stderr)}`}`,
    );
    return;
  }
  const gone = choice.gone ? `the buildx main ran (${choice.gone}) is gone` : undefined;
  if (result.code === 0 || builderMissing(result.stderr)) {
    if (gone)
      log.warning(`post: ${gone}; removing builder ${builder} with ${choice.binary ?? 'docker buildx'}`);
    if (result.code !== 0)
      log.info(
        `post: builder ${builder} does not exist (main stopped before creating it, or it was removed already): nothing to remove`,
      );
    return;
  }
  if (!noBuildx(result.stderr)) {
    log.warning(`post: could not remove builder ${builder}: ${lastLine(result.stderr)}`);
    return;
  }
  const why = gone ? `${gone} and no other buildx is installed` : 'no buildx is installed';
  try {
    const removed = await removeThroughEngine(step, builder);
    log.warning(
      `post: ${why}; ${removed.length ? `removed builder ${builder}'s ${removed.join(' and ')} through the engine` : `builder ${builder} left nothing on this engine`}`,
    );
  } catch (e) {
    log.warning(`post: ${why}, and removing builder ${builder} through the engine failed: ${errorText(e)}`);
  }
}
