import { InputError } from '../runner/errors.js';

export const DEFAULT_BUILDX_URL = 'https://github.com/docker/buildx/releases/download';

export interface BuildxDownloadPlan {
  /** Release version without the leading `v`, as the tool cache keys it. */
  version: string;
  assetName: string;
  binaryUrl: string;
  checksumsUrl: string;
}

// Node's os names and arches → the suffixes docker/buildx release assets use.
const PLATFORMS: Record<string, string> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
  freebsd: 'freebsd',
  openbsd: 'openbsd',
  netbsd: 'netbsd',
};
const ARCHES: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm-v7',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};
const VERSION_RE = /^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

/**
 * Where the buildx release `version` (v0.29.1 or 0.29.1) for this machine is downloaded from. `platform` and
 * `arch` are Node's names. Throws InputError naming buildx-version or buildx-url for what cannot be planned.
 */
export function planBuildxDownload(opts: {
  version: string;
  baseUrl?: string;
  platform: string;
  arch: string;
}): BuildxDownloadPlan {
  const raw = opts.version.trim();
  if (raw.toLowerCase() === 'latest') {
    throw new InputError(
      'buildx-version',
      '"latest" is not supported: resolving it needs the GitHub API; pin a release such as v0.29.1',
    );
  }
  const version = VERSION_RE.exec(raw)?.[1];
  if (!version) throw new InputError('buildx-version', `"${raw}" is not a release version like v0.29.1`);
  const os = PLATFORMS[opts.platform];
  if (!os) throw new InputError('buildx-version', `no buildx release binaries for platform ${opts.platform}`);
  const arch = ARCHES[opts.arch];
  if (!arch)
    throw new InputError('buildx-version', `no buildx release binaries for architecture ${opts.arch}`);

  const baseUrl = (opts.baseUrl?.trim() || DEFAULT_BUILDX_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
    throw new InputError('buildx-url', `"${baseUrl}" is not an http(s) URL`);
  }
  const assetName = `buildx-v${version}.${os}-${arch}${os === 'windows' ? '.exe' : ''}`;
  const dir = `${baseUrl}/v${version}`;
  return { version, assetName, binaryUrl: `${dir}/${assetName}`, checksumsUrl: `${dir}/checksums.txt` };
}

/**
 * The SHA-256 for `assetName` from a `sha256sum -b` listing (`<hex> *<name>`; older releases
 * wrote `<hex> <name>`). Undefined when the asset is not listed (darwin binaries never are).
 */
export function parseChecksums(text: string, assetName: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64})\s+\*?(\S+)\s*$/.exec(line.trim());
    if (m && m[2] === assetName) return m[1]!.toLowerCase();
  }
  return undefined;
}
