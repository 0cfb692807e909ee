export interface Platform {
  os: string;
  arch: string;
  variant?: string;
}

const OSES: ReadonlySet<string> = new Set(['linux', 'windows']);
/** GOARCH → the name QEMU and the binfmt_misc handler use for it. */
const QEMU_ARCH: Record<string, string> = {
  amd64: 'x86_64',
  arm64: 'aarch64',
  arm: 'arm',
  '386': 'i386',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  mips64le: 'mips64el',
  mips64: 'mips64',
  loong64: 'loongarch64',
};
const ARCH_ALIASES: Record<string, Platform> = {
  x86_64: { os: '', arch: 'amd64' },
  'x86-64': { os: '', arch: 'amd64' },
  aarch64: { os: '', arch: 'arm64' },
  armhf: { os: '', arch: 'arm', variant: 'v7' },
  armel: { os: '', arch: 'arm', variant: 'v6' },
  i386: { os: '', arch: '386' },
  i686: { os: '', arch: '386' },
};
const VARIANTS: Record<string, string[]> = {
  arm: ['v5', 'v6', 'v7', 'v8'],
  arm64: ['v8', 'v9'],
  amd64: ['v1', 'v2', 'v3', 'v4'],
};

/** Parses and normalises like containerd: linux/arm64/v8 → linux/arm64, linux/arm → linux/arm/v7. */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new Error(`"${text}" is not os/arch[/variant] (e.g. linux/arm64, linux/arm/v7)`);
  }
  const [os, rawArch, rawVariant] = parts as [string, string, string | undefined];
  if (!OSES.has(os)) throw new Error(`unknown os "${os}" in "${text}" (use linux or windows)`);
  const alias = ARCH_ALIASES[rawArch];
  const arch = alias?.arch ?? rawArch;
  if (!(arch in QEMU_ARCH)) {
    throw new Error(
      `unknown architecture "${rawArch}" in "${text}" (known: ${Object.keys(QEMU_ARCH).join(', ')})`,
    );
  }
  let variant = rawVariant ?? alias?.variant;
  if (variant && /^\d+$/.test(variant)) variant = `v${variant}`;
  if (variant && !VARIANTS[arch]?.includes(variant)) {
    throw new Error(`unknown variant "${variant}" for ${arch} in "${text}"`);
  }
  if (arch === 'arm' && !variant) variant = 'v7';
  if ((arch === 'arm64' && variant === 'v8') || (arch === 'amd64' && variant === 'v1')) variant = undefined;
  return variant ? { os, arch, variant } : { os, arch };
}

export function formatPlatform(p: Platform): string {
  return p.variant ? `${p.os}/${p.arch}/${p.variant}` : `${p.os}/${p.arch}`;
}

/** A name fit for tags, cache scopes and keys: linux/arm/v7 → linux-arm-v7 (arm/v6 and arm/v7 stay apart). */
export function platformSlug(p: Platform): string {
  return formatPlatform(p).replace(/\//g, '-');
}

export function qemuArch(p: Platform): string {
  return QEMU_ARCH[p.arch] as string;
}

/** Node's process.arch name (x64) → GOARCH (amd64). */
export function hostArch(nodeArch: string): string {
  const map: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le', loong64: 'loong64' };
  return map[nodeArch] ?? nodeArch;
}

/**
 * Architectures a host runs without emulation. arm64 hosts are not assumed to run 32-bit arm: many
 * (GitHub's arm64 runners among them) lack AArch32, and a handler on a host that has it is merely slower.
 */
export function nativeArches(host: string): string[] {
  if (host === 'amd64') return ['amd64', '386'];
  return [host];
}

/** The QEMU handlers (by qemu arch name) the platforms need on this host, in a stable order. */
export function emulationNeeded(platforms: Platform[], host: string): string[] {
  const native = new Set(nativeArches(host));
  const needed = platforms.filter((p) => p.os === 'linux' && !native.has(p.arch)).map(qemuArch);
  return [...new Set(needed)].sort();
}
