// The kernel's binfmt_misc, as this action reads and writes it: one file per handler (`qemu-<arch>`), a
// `register` file to add one, `-1` written to a handler to remove it. Root writes directly, others via sudo.
import { readFile, writeFile } from 'node:fs/promises';
import type { Step } from '../runner/step.js';

export interface Handler {
  enabled: boolean;
  interpreter: string;
  flags: string;
}

/** Parses <binfmt_misc>/<name>: `enabled`, `interpreter …`, `flags: …`, `offset`, `magic`, `mask`. */
export function parseHandler(text: string): Handler {
  const lines = text.split('\n');
  const field = (prefix: string) =>
    lines
      .find((l) => l.startsWith(prefix))
      ?.slice(prefix.length)
      .trim() ?? '';
  return {
    enabled: lines[0]?.trim() === 'enabled',
    interpreter: field('interpreter '),
    flags: field('flags:'),
  };
}

export type HandlerState = 'ready' | 'missing' | 'disabled' | 'no-fix-binary';

/** Whether a handler is usable by build containers: registered, enabled, and with F (interpreter opened). */
export function handlerState(handler: Handler | undefined): HandlerState {
  if (!handler) return 'missing';
  if (!handler.enabled) return 'disabled';
  return handler.flags.includes('F') ? 'ready' : 'no-fix-binary';
}

/** `argv` as root: as is when the step runs as root, else through `sudo -n` (never a password prompt). */
export const asRoot = (step: Step, argv: string[]) => (step.ctx.root ? argv : ['sudo', '-n', ...argv]);

/** The registered handler for a qemu arch (`aarch64`), or undefined when there is none. Never throws. */
export async function readHandler(step: Step, arch: string): Promise<Handler | undefined> {
  try {
    return parseHandler(await readFile(`${step.ctx.binfmtDir}/qemu-${arch}`, 'utf8'));
  } catch {
    return undefined;
  }
}

async function writeProc(step: Step, path: string, line: string): Promise<void> {
  if (step.ctx.root) return writeFile(path, line);
  await step.exec.run(asRoot(step, ['tee', path]), { input: line, echo: false });
}

/**
 * Writes a register line. Resolves `exists` when the kernel answers EEXIST: a handler of that name was
 * registered meanwhile (by another job on this host), which is not an error. Throws on any other failure.
 */
export async function registerHandler(step: Step, line: string): Promise<'registered' | 'exists'> {
  try {
    await writeProc(step, `${step.ctx.binfmtDir}/register`, line);
    return 'registered';
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    // As root the write itself fails with EEXIST; through sudo, tee says so.
    if (err.code === 'EEXIST' || /File exists/.test(err.message)) return 'exists';
    throw e;
  }
}

/** Removes the handler for a qemu arch. Throws when it is still there afterwards. */
export async function removeHandler(step: Step, arch: string): Promise<void> {
  try {
    await writeProc(step, `${step.ctx.binfmtDir}/qemu-${arch}`, '-1');
  } catch (e) {
    if (await readHandler(step, arch)) throw e;
  }
}
