import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tc from '@actions/tool-cache';
import { InputError } from './errors.js';

export const DEFAULT_BUILDX_URL = 'https://github.com/docker/buildx/releases/download';
const TOOL_NAME = 'buildx';

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

function binaryName(plan: BuildxDownloadPlan): string {
  return plan.assetName.endsWith('.exe') ? 'buildx.exe' : 'buildx';
}

async function download(url: string, plan: BuildxDownloadPlan): Promise<string> {
  try {
    // tc.downloadTool already retries 5xx, 408, 429 and network errors; 4xx fail at once.
    return await tc.downloadTool(url);
  } catch (err) {
    const cause = { cause: err };
    const status = err instanceof tc.HTTPError ? (err.httpStatusCode ?? 0) : undefined;
    if (status === 404) {
      const hint = `check buildx-version v${plan.version} exists at that mirror`;
      throw new Error(`buildx-url: ${url} returned 404 — ${hint}`, cause);
    }
    if (status !== undefined) {
      const retried = status >= 500 || status === 408 || status === 429 ? ' after retries' : '';
      throw new Error(`buildx-url: ${url} returned HTTP ${status}${retried}`, cause);
    }
    const reason = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');
    throw new Error(`buildx-url: cannot download ${url} (${reason})`, cause);
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Returns the path of a verified standalone buildx binary from the tool cache, downloading it on a miss. */
export async function installBuildx(plan: BuildxDownloadPlan, log: (msg: string) => void): Promise<string> {
  const name = binaryName(plan);
  const cached = tc.find(TOOL_NAME, plan.version);
  if (cached) {
    log(`buildx ${plan.version} found in the tool cache: ${cached}`);
    return join(cached, name);
  }

  log(`downloading ${plan.binaryUrl}`);
  // Checksums first: a missing release fails fast, before a large binary download.
  const sumsFile = await download(plan.checksumsUrl, plan);
  let expected: string | undefined;
  try {
    expected = parseChecksums(await readFile(sumsFile, 'utf8'), plan.assetName);
  } finally {
    await rm(sumsFile, { force: true });
  }
  if (!expected) {
    throw new Error(`buildx-version: ${plan.checksumsUrl} lists no checksum for ${plan.assetName}`);
  }

  const binFile = await download(plan.binaryUrl, plan);
  try {
    const actual = await sha256File(binFile);
    if (actual !== expected) {
      throw new Error(
        `buildx-version: checksum mismatch for ${plan.assetName} from ${plan.binaryUrl} (expected ${expected}, got ${actual})`,
      );
    }
    await chmod(binFile, 0o755);
    const dir = await tc.cacheFile(binFile, name, TOOL_NAME, plan.version);
    log(`buildx ${plan.version} verified (sha256 ${actual}) and cached in ${dir}`);
    return join(dir, name);
  } finally {
    await rm(binFile, { force: true });
  }
}
