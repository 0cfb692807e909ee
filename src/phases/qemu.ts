import { access, readFile } from 'node:fs/promises';
import { retry } from '../exec/retry.js';
import type { QemuMode } from '../inputs/types.js';
import { qemuArch, type Platform } from '../model/platforms.js';
import { errorIsTransient } from '../registry/failures.js';
import { ActionError } from '../runner/errors.js';
import type { Step } from '../runner/step.js';
import { asRoot, handlerState, readHandler, registerHandler, type HandlerState } from './binfmt.js';
import { planMarker, recordUse, withQemuLock } from './qemu-users.js';

export const DEBIAN_BINFMTS = '/usr/share/binfmts';
export const BINFMT_D = '/usr/lib/binfmt.d';

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
  /** Of those, registered by this run (and so the only ones its qemu-cleanup may remove). */
  registered: string[];
  /** Of those, registered by someone else while this run was registering them: never this run's. */
  appeared: string[];
  method: 'off' | 'none' | 'present' | 'host' | 'image';
}

async function mountBinfmt(step: Step): Promise<void> {
  const dir = step.ctx.binfmtDir;
  try {
    await access(`${dir}/register`);
    return;
  } catch {
    // not mounted yet
  }
  try {
    await step.exec.run(asRoot(step, ['mount', '-t', 'binfmt_misc', 'binfmt_misc', dir]), {
      echo: false,
    });
  } catch (e) {
    throw new ActionError(
      'qemu',
      `${dir} is not mounted and mounting it failed (${(e as Error).message}); run on a host where root can mount binfmt_misc, or set qemu: off and build only native platforms`,
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
 * The qemu arches a binfmt image run registered itself: it prints `installing: <goarch> OK` for those, and
 * `installing: <goarch> qemu-<arch> already registered` for the ones someone registered meanwhile.
 */
export function installedByImage(output: string, platforms: Platform[]): string[] {
  const goarches = new Set([...output.matchAll(/^installing: (\S+) OK$/gm)].map((m) => m[1]));
  return [...new Set(platforms.filter((p) => goarches.has(p.arch)).map(qemuArch))].sort();
}

/** How main came by each handler: registered it, saw it appear while registering, or found it. */
interface Registration {
  registered: string[];
  appeared: string[];
}

async function registerFromHost(
  step: Step,
  missing: string[],
  defs: Map<string, BinfmtDefinition>,
): Promise<Registration> {
  const done: Registration = { registered: [], appeared: [] };
  for (const arch of missing) {
    const outcome = await registerHandler(step, registerLine(arch, defs.get(arch) as BinfmtDefinition));
    done[outcome === 'registered' ? 'registered' : 'appeared'].push(arch);
  }
  return done;
}

async function registerFromImage(
  step: Step,
  image: string,
  platforms: Platform[],
  missing: string[],
): Promise<Registration> {
  let output: string;
  try {
    const result = await retry(
      step.exec,
      step.log,
      { attempts: 3, baseMs: 2000, what: `pulling ${image}` },
      () => step.exec.run(binfmtImageArgs(image, platforms, missing)),
      errorIsTransient,
    );
    output = `${result.stdout}\n${result.stderr}`;
  } catch (e) {
    throw new ActionError(
      'qemu',
      `registering emulators with ${image} failed (${(e as Error).message}); set qemu-image to a reachable mirror, or install qemu-user-static on the runner (qemu: host)`,
      'qemu-image',
    );
  }
  const installed = installedByImage(output, platforms);
  return {
    registered: missing.filter((a) => installed.includes(a)),
    appeared: missing.filter((a) => !installed.includes(a)),
  };
}

/** Throws when a handler this run needs is registered but unusable (disabled, or without F). */
function checkUsable(step: Step, arch: string, state: HandlerState, image?: string): void {
  if (state === 'ready') return;
  if (image && state === 'missing') {
    throw new ActionError(
      'qemu',
      `${image} did not register a working qemu-${arch} handler; try another qemu-image`,
      'qemu-image',
    );
  }
  throw new ActionError(
    'qemu',
    `a qemu-${arch} handler is already registered but ${state === 'disabled' ? 'disabled' : state === 'missing' ? 'gone again' : 'without the F flag, so build containers cannot see its interpreter'}; remove it (echo -1 > ${step.ctx.binfmtDir}/qemu-${arch}) so this action can register a working one, or set qemu: off`,
    'qemu',
  );
}

/**
 * Makes sure every foreign platform has a usable handler: reads binfmt_misc, leaves ready handlers alone,
 * registers only the missing ones from host binaries or the binfmt image, and records this run (`user`) as
 * a user of each, all under the host's QEMU lock so that no other run of this action removes a handler
 * this one uses. A handler that appears while this run registers it (EEXIST) is someone else's: used, never
 * claimed. `needed` are qemu arch names; `cleanup` is qemu-cleanup. Returns what was needed, registered
 * and found appeared. Throws ActionError (phase qemu) naming qemu or qemu-image when a handler cannot be made
 * to work.
 */
export async function ensureQemu(
  step: Step,
  mode: QemuMode,
  image: string,
  platforms: Platform[],
  needed: string[],
  run: { user: string; cleanup: boolean },
): Promise<QemuResult> {
  if (mode === 'off') return { needed, registered: [], appeared: [], method: 'off' };
  if (needed.length === 0) return { needed, registered: [], appeared: [], method: 'none' };
  await mountBinfmt(step);
  return withQemuLock(step, async (shared) => {
    const states = new Map<string, HandlerState>();
    for (const arch of needed) states.set(arch, handlerState(await readHandler(step, arch)));
    for (const [arch, state] of states) if (state !== 'missing') checkUsable(step, arch, state);
    const missing = needed.filter((a) => states.get(a) === 'missing');

    let done: Registration = { registered: [], appeared: [] };
    let method: QemuResult['method'] = 'present';
    if (missing.length) {
      const defs = mode === 'image' ? 'qemu: image' : await hostDefinitions(missing);
      if (typeof defs !== 'string') {
        done = await registerFromHost(step, missing, defs);
        method = 'host';
      } else if (mode === 'host') {
        throw new ActionError(
          'qemu',
          `qemu: host needs Debian/Ubuntu qemu-user-static: ${defs}; install it or set qemu: image`,
          'qemu',
        );
      } else {
        done = await registerFromImage(step, image, platforms, missing);
        method = 'image';
      }
      for (const arch of missing)
        checkUsable(
          step,
          arch,
          handlerState(await readHandler(step, arch)),
          method === 'image' ? image : undefined,
        );
    }
    if (shared) await recordUses(step, needed, done, run);
    return { needed, ...done, method };
  });
}

async function recordUses(
  step: Step,
  needed: string[],
  done: Registration,
  run: { user: string; cleanup: boolean },
): Promise<void> {
  for (const arch of needed) {
    const how = done.registered.includes(arch)
      ? 'registered'
      : done.appeared.includes(arch)
        ? 'appeared'
        : 'present';
    try {
      await recordUse(step, run.user, arch, planMarker(how, run.cleanup));
    } catch (e) {
      step.log.warning(
        `qemu: could not record this run's use of qemu-${arch} under ${step.ctx.hostStateDir} (${(e as Error).message}); another job's qemu-cleanup on this host may remove it meanwhile`,
      );
    }
  }
}
