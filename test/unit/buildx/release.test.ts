import { describe, expect, it } from 'vitest';
import { DEFAULT_BUILDX_URL, parseChecksums, planBuildxDownload } from '../../../src/buildx/release.js';

const GH = DEFAULT_BUILDX_URL;

describe('planBuildxDownload', () => {
  it.each([
    ['v0.29.1', 'linux', 'x64', 'buildx-v0.29.1.linux-amd64'],
    ['0.29.1', 'linux', 'arm64', 'buildx-v0.29.1.linux-arm64'],
    ['v0.29.1', 'linux', 'arm', 'buildx-v0.29.1.linux-arm-v7'],
    ['v0.29.1', 'linux', 'ppc64', 'buildx-v0.29.1.linux-ppc64le'],
    ['v0.29.1', 'linux', 's390x', 'buildx-v0.29.1.linux-s390x'],
    ['v0.29.1', 'linux', 'riscv64', 'buildx-v0.29.1.linux-riscv64'],
    ['v0.29.1', 'darwin', 'arm64', 'buildx-v0.29.1.darwin-arm64'],
    ['v0.29.1', 'win32', 'x64', 'buildx-v0.29.1.windows-amd64.exe'],
    [' v0.30.0-rc1 ', 'linux', 'x64', 'buildx-v0.30.0-rc1.linux-amd64'],
  ])('%s on %s/%s → %s', (version, platform, arch, assetName) => {
    const plan = planBuildxDownload({ version, platform, arch });
    const v = version.trim().replace(/^v/, '');
    expect(plan).toEqual({
      version: v,
      assetName,
      binaryUrl: `${GH}/v${v}/${assetName}`,
      checksumsUrl: `${GH}/v${v}/checksums.txt`,
    });
  });

  it.each([
    [undefined, GH],
    ['', GH],
    ['https://mirror.example/buildx/', 'https://mirror.example/buildx'],
    [
      'http://10.0.0.5:8080/gh/docker/buildx/releases/download//',
      'http://10.0.0.5:8080/gh/docker/buildx/releases/download',
    ],
  ])('buildx-url %j → base %s', (baseUrl, base) => {
    const plan = planBuildxDownload({ version: 'v0.29.1', baseUrl, platform: 'linux', arch: 'x64' });
    expect(plan.binaryUrl).toBe(`${base}/v0.29.1/buildx-v0.29.1.linux-amd64`);
    expect(plan.checksumsUrl).toBe(`${base}/v0.29.1/checksums.txt`);
  });

  it.each([
    [{ version: 'latest' }, /^buildx-version: "latest" is not supported/],
    [{ version: 'LATEST' }, /^buildx-version: "latest" is not supported/],
    [{ version: '0.29' }, /^buildx-version: "0.29" is not a release version/],
    [{ version: 'vv0.29.1' }, /^buildx-version: "vv0.29.1" is not a release version/],
    [{ version: 'v0.29.1; rm -rf /' }, /^buildx-version: .* is not a release version/],
    [{ platform: 'aix' }, /^buildx-version: no buildx release binaries for platform aix/],
    [{ arch: 'ia32' }, /^buildx-version: no buildx release binaries for architecture ia32/],
    [{ baseUrl: 'ftp://mirror/x' }, /^buildx-url: "ftp:\/\/mirror\/x" is not an http\(s\) URL/],
    [{ baseUrl: 'mirror.example/buildx' }, /^buildx-url: /],
  ])('rejects %j', (override, message) => {
    const opts = { version: 'v0.29.1', platform: 'linux', arch: 'x64', ...override };
    expect(() => planBuildxDownload(opts)).toThrow(message);
  });
});

describe('parseChecksums', () => {
  const a = 'a'.repeat(64);
  const b = 'B'.repeat(64);
  // The shape hack/hash-files writes: `sha256sum -b buildx-*`, darwin lines removed.
  const listing = [
    `${a} *buildx-v0.29.1.linux-amd64`,
    `${'c'.repeat(64)} *buildx-v0.29.1.linux-amd64.provenance.json`,
    `${b} *buildx-v0.29.1.windows-amd64.exe`,
    '',
  ].join('\n');

  it.each([
    [listing, 'buildx-v0.29.1.linux-amd64', a],
    [listing, 'buildx-v0.29.1.windows-amd64.exe', 'b'.repeat(64)],
    [listing.replace(/\n/g, '\r\n'), 'buildx-v0.29.1.linux-amd64', a],
    [`${a} buildx-v0.10.0.linux-arm64\n`, 'buildx-v0.10.0.linux-arm64', a],
    [`${a}  buildx-v0.10.0.linux-arm64`, 'buildx-v0.10.0.linux-arm64', a],
  ])('finds the entry (%#)', (text, asset, hash) => {
    expect(parseChecksums(text, asset)).toBe(hash);
  });

  it.each([
    [listing, 'buildx-v0.29.1.darwin-arm64'],
    [listing, 'buildx-v0.29.1.linux-amd'],
    [`${a.slice(1)} *buildx-v0.29.1.linux-amd64`, 'buildx-v0.29.1.linux-amd64'],
    ['<html>Not Found</html>', 'buildx-v0.29.1.linux-amd64'],
    ['', 'buildx-v0.29.1.linux-amd64'],
  ])('returns undefined when absent or malformed (%#)', (text, asset) => {
    expect(parseChecksums(text, asset)).toBeUndefined();
  });
});
