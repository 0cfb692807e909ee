import { access, readFile, writeFile } from 'node:fs/promises';
import { retry } from '../exec/retry.js';
import type { QemuMode } from '../inputs/types.js';
import { qemuArch, type Platform } from '../model/platforms.js';
import { errorIsTransient } from '../registry/failures.js';
import { ActionError } from '../runner/errors.js';
import type { Step } from '../runner/step.js';

export const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';
export const DEBIAN_BINFMTS = '/usr/share/binfmts';
export const BINFMT_D = '/usr/lib/binfmt.d';

export interface Handler {
  enabled: boolean;
  interpreter: string;
  flags: string;
}

/** Parses /proc/sys/fs/binfmt_misc/<name>: `enabled`, `interpreter …`, `flags: …`, `offset`, `magic`, `mask`. */
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

export interface BinfmtDefinition {
  interpreter: string;
  magic: string;
  mask: string;
  offset: string;
  credentials: boolean;
  preserve: boolean;
}

/** Parses a Debian/Ubuntu /usr/share/binfmts/qemu-<arch> file (shipped by qemu-user-static). */
export function parseDebianBinfmt(text: string): BinfmtDefinition {
  const fields = new Map(
    text
      .split('\n')
      .map((l) => l.trim().split(/\s+(.*)/, 2) as [string, string?])
      .map(([k, v]) => [k, v ?? '']),
  );
  const interpreter = fields.get('interpreter') ?? '';
  const magic = fields.get('magic') ?? '';
  if (!interpreter || !magic) throw new Error('no interpreter or magic line');
  return {
    interpreter,
    magic,
    mask: fields.get('mask') ?? '',
    offset: fields.get('offset') || '0',
    credentials: fields.get('credentials') === 'yes',
    preserve: fields.get('preserve') === 'yes',
  };
}

/**
 * The line written to binfmt_misc/register. F (open the interpreter now) is what makes the handler work
 * inside build containers, whose root has no /usr/bin/qemu-*. P only where Debian's binary expects it.
 */
export function registerLine(arch: string, def: BinfmtDefinition): string {
  const flags = `F${def.preserve ? 'P' : ''}${def.credentials ? 'C' : ''}`;
  return `:qemu-${arch}:M:${def.offset}:${def.magic}:${def.mask}:${def.interpreter}:${flags}`;
}

export type HandlerState = 'ready' | 'missing' | 'disabled' | 'no-fix-binary';

export function handlerState(handler: Handler | undefined): HandlerState {
  if (!handler) return 'missing';
  if (!handler.enabled) return 'disabled';
  return handler.flags.includes('F') ? 'ready' : 'no-fix-binary';
}

/** GOARCH names the binfmt image's --install takes, for the qemu arches to install. */
export function binfmtImageArgs(image: string, platforms: Platform[], arches: string[]): string[] {
  const goarches = [
    ...new Set(platforms.filter((p) => arches.includes(qemuArch(p))).map((p) => p.arch)),
  ].sort();
  return ['docker', 'run', '--rm', '--privileged', image, '--install', goarches.join(',')];
}

export interface QemuResult {
  /** qemu arch names the platforms need on this host. */
  needed: string[];
  /** Of those, registered by this run (and so the only ones qemu-cleanup may remove). */
  registered: string[];
  method: 'off' | 'none' | 'present' | 'host' | 'image';
}

const asRoot = (step: Step, argv: string[]) => (step.ctx.root ? argv : ['sudo', '-n', ...argv]);

async function readHandler(arch: string): Promise<Handler | undefined> {
  try {
    return parseHandler(await readFile(`${BINFMT_DIR}/qemu-${arch}`, 'utf8'));
  } catch {
    return undefined;
  }
}

async function writeProc(step: Step, path: string, line: string): Promise<void> {
  if (step.ctx.root) return writeFile(path, line);
  await step.exec.run(asRoot(step, ['tee', path]), { input: line, echo: false });
}

async function mountBinfmt(step: Step): Promise<void> {
  try {
    await access(`${BINFMT_DIR}/register`);
    return;
  } catch {
    // not mounted yet
  }
  try {
    await step.exec.run(asRoot(step, ['mount', '-t', 'binfmt_misc', 'binfmt_misc', BINFMT_DIR]), {
      echo: false,
    });
  } catch (e) {
    throw new ActionError(
      'qemu',
      `${BINFMT_DIR} is not mounted and mounting it failed (${(e as Error).message}); run on a host where root can mount binfmt_misc, or set qemu: off and build only native platforms`,
      'qemu',
    );
  }
}

/**
 * Parses a systemd binfmt.d line, as newer Debian/Ubuntu qemu-user packages ship them
 * (/usr/lib/binfmt.d/qemu-<arch>.conf): `:name:M:offset:magic:mask:interpreter:flags`.
 */
export function parseBinfmtConf(text: string): BinfmtDefinition {
  const line = text.split('\n').find((l) => l.startsWith(':'));
  const fields = line?.split(':') ?? [];
  const [, , type, offset, magic, mask, interpreter, flags = ''] = fields;
  if (type !== 'M' || !magic || !interpreter) throw new Error('no magic-type register line');
  return {
    interpreter,
    magic,
    mask: mask ?? '',
    offset: offset || '0',
    credentials: flags.includes('C'),
    preserve: flags.includes('P'),
  };
}

/** Where distributions describe their qemu-user-static handlers, each with its parser. */
const HOST_SOURCES: Array<[(arch: string) => string, (text: string) => BinfmtDefinition]> = [
  [(arch) => `${DEBIAN_BINFMTS}/qemu-${arch}`, parseDebianBinfmt],
  [(arch) => `${BINFMT_D}/qemu-${arch}-static.conf`, parseBinfmtConf],
  [(arch) => `${BINFMT_D}/qemu-${arch}.conf`, parseBinfmtConf],
];

async function hostDefinition(arch: string): Promise<BinfmtDefinition | undefined> {
  for (const [path, parse] of HOST_SOURCES) {
    try {
      const def = parse(await readFile(path(arch), 'utf8'));
      await access(def.interpreter);
      return def;
    } catch {
      // not this one
    }
  }
  return undefined;
}

async function hostDefinitions(arches: string[]): Promise<Map<string, BinfmtDefinition> | string> {
  const defs = new Map<string, BinfmtDefinition>();
  for (const arch of arches) {
    const def = await hostDefinition(arch);
    if (!def)
      return `no qemu-${arch} from qemu-user-static (${DEBIAN_BINFMTS}/qemu-${arch} or ${BINFMT_D}/qemu-${arch}*.conf, and its interpreter)`;
    defs.set(arch, def);
  }
  return defs;
}

/**
 * Makes sure every foreign platform has a usable handler: reads binfmt_misc, leaves ready handlers alone,
 * registers only the missing ones from host binaries or the binfmt image. `needed` are qemu arch names.
 * Returns what was needed and what this run registered. Throws ActionError (phase qemu) naming qemu or
 * qemu-image when a handler cannot be made to work.
 */
export async function ensureQemu(
  step: Step,
  mode: QemuMode,
  image: string,
  platforms: Platform[],
  needed: string[],
): Promise<QemuResult> {
  if (mode === 'off') return { needed, registered: [], method: 'off' };
  if (needed.length === 0) return { needed, registered: [], method: 'none' };
  await mountBinfmt(step);
  const states = new Map<string, HandlerState>();
  for (const arch of needed) states.set(arch, handlerState(await readHandler(arch)));
  for (const [arch, state] of states) {
    if (state === 'disabled' || state === 'no-fix-binary') {
      throw new ActionError(
        'qemu',
        `a qemu-${arch} handler is already registered but ${state === 'disabled' ? 'disabled' : 'without the F flag, so build containers cannot see its interpreter'}; remove it (echo -1 > ${BINFMT_DIR}/qemu-${arch}) so this action can register a working one, or set qemu: off`,
        'qemu',
      );
    }
  }
  const missing = needed.filter((a) => states.get(a) === 'missing');
  if (missing.length === 0) return { needed, registered: [], method: 'present' };

  const defs = mode === 'image' ? 'qemu: image' : await hostDefinitions(missing);
  if (typeof defs !== 'string') {
    for (const arch of missing)
      await writeProc(step, `${BINFMT_DIR}/register`, registerLine(arch, defs.get(arch) as BinfmtDefinition));
    return { needed, registered: missing, method: 'host' };
  }
  if (mode === 'host') {
    throw new ActionError(
      'qemu',
      `qemu: host needs Debian/Ubuntu qemu-user-static: ${defs}; install it or set qemu: image`,
      'qemu',
    );
  }
  try {
    await retry(
      step.exec,
      step.log,
      { attempts: 3, baseMs: 2000, what: `pulling ${image}` },
      () => step.exec.run(binfmtImageArgs(image, platforms, missing)),
      errorIsTransient,
    );
  } catch (e) {
    throw new ActionError(
      'qemu',
      `registering emulators with ${image} failed (${(e as Error).message}); set qemu-image to a reachable mirror, or install qemu-user-static on the runner (qemu: host)`,
      'qemu-image',
    );
  }
  const registered: string[] = [];
  for (const arch of missing) {
    if (handlerState(await readHandler(arch)) !== 'ready') {
      throw new ActionError(
        'qemu',
        `${image} did not register a working qemu-${arch} handler; try another qemu-image`,
        'qemu-image',
      );
    }
    registered.push(arch);
  }
  return { needed, registered, method: 'image' };
}

/** Removes handlers this run registered. Never throws: post reports, it does not fail the job. */
export async function removeHandlers(step: Step, arches: string[], warn: (m: string) => void): Promise<void> {
  for (const arch of arches) {
    try {
      await writeProc(step, `${BINFMT_DIR}/qemu-${arch}`, '-1');
    } catch (e) {
      if (await readHandler(arch)) warn(`could not remove the qemu-${arch} handler: ${(e as Error).message}`);
    }
  }
}
