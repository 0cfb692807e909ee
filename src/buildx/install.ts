import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tc from '@actions/tool-cache';
import { parseChecksums, type BuildxDownloadPlan } from './release.js';

const TOOL_NAME = 'buildx';

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

/**
 * Returns the path of a verified standalone buildx binary from the tool cache (RUNNER_TOOL_CACHE), downloading
 * it on a miss. Throws an Error naming buildx-version or buildx-url when the download or checksum fails.
 */
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
