import { describe, expect, it } from 'vitest';
import {
  emulationNeeded,
  formatPlatform,
  hostArch,
  nativeArches,
  parsePlatform,
  platformSlug,
  qemuArch,
} from '../../../src/model/platforms.js';

const p = (text: string) => parsePlatform(text);
const list = (text: string) => text.split(',').map(p);

describe('emulationNeeded', () => {
  it.each<{ name: string; host: string; platforms: string; expected: string[] }>([
    { name: 'amd64 host, native only', host: 'amd64', platforms: 'linux/amd64', expected: [] },
    { name: 'amd64 host runs 386 natively', host: 'amd64', platforms: 'linux/amd64,linux/386', expected: [] },
    {
      name: 'amd64 host, the usual three',
      host: 'amd64',
      platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
      expected: ['aarch64', 'arm'],
    },
    {
      name: 'amd64 host, arm/v6 and arm/v7 share one handler',
      host: 'amd64',
      platforms: 'linux/arm/v6,linux/arm/v7',
      expected: ['arm'],
    },
    {
      name: 'amd64 host, many architectures, sorted',
      host: 'amd64',
      platforms: 'linux/s390x,linux/riscv64,linux/ppc64le,linux/arm64,linux/mips64le,linux/loong64',
      expected: ['aarch64', 'loongarch64', 'mips64el', 'ppc64le', 'riscv64', 's390x'],
    },
    { name: 'arm64 host, native only', host: 'arm64', platforms: 'linux/arm64', expected: [] },
    {
      name: 'arm64 host emulates arm/v7 (no AArch32 assumed) and amd64',
      host: 'arm64',
      platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
      expected: ['arm', 'x86_64'],
    },
    { name: 'arm64 host emulates 386', host: 'arm64', platforms: 'linux/386', expected: ['i386'] },
    {
      name: 'windows platforms need no binfmt handler',
      host: 'amd64',
      platforms: 'windows/arm64',
      expected: [],
    },
  ])('$name', ({ host, platforms, expected }) => {
    expect(emulationNeeded(list(platforms), host)).toEqual(expected);
  });

  it.each<{ host: string; expected: string[] }>([
    { host: 'amd64', expected: ['amd64', '386'] },
    { host: 'arm64', expected: ['arm64'] },
    { host: 's390x', expected: ['s390x'] },
  ])('nativeArches($host)', ({ host, expected }) => {
    expect(nativeArches(host)).toEqual(expected);
  });
});

describe('platform names', () => {
  it.each<{ text: string; formatted: string; slug: string; qemu: string }>([
    { text: 'linux/amd64', formatted: 'linux/amd64', slug: 'linux-amd64', qemu: 'x86_64' },
    { text: 'linux/arm64/v8', formatted: 'linux/arm64', slug: 'linux-arm64', qemu: 'aarch64' },
    { text: 'linux/arm/v6', formatted: 'linux/arm/v6', slug: 'linux-arm-v6', qemu: 'arm' },
    { text: 'linux/arm/v7', formatted: 'linux/arm/v7', slug: 'linux-arm-v7', qemu: 'arm' },
    { text: 'linux/arm', formatted: 'linux/arm/v7', slug: 'linux-arm-v7', qemu: 'arm' },
    { text: 'linux/386', formatted: 'linux/386', slug: 'linux-386', qemu: 'i386' },
    { text: 'linux/amd64/v2', formatted: 'linux/amd64/v2', slug: 'linux-amd64-v2', qemu: 'x86_64' },
    { text: 'linux/mips64le', formatted: 'linux/mips64le', slug: 'linux-mips64le', qemu: 'mips64el' },
  ])('$text → $formatted, $slug, qemu-$qemu', ({ text, formatted, slug, qemu }) => {
    const platform = p(text);
    expect([formatPlatform(platform), platformSlug(platform), qemuArch(platform)]).toEqual([
      formatted,
      slug,
      qemu,
    ]);
  });

  it('slugs keep arm/v6 and arm/v7 apart', () => {
    const slugs = list('linux/arm/v5,linux/arm/v6,linux/arm/v7,linux/arm64,linux/amd64,linux/amd64/v3').map(
      platformSlug,
    );
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it.each<{ nodeArch: string; expected: string }>([
    { nodeArch: 'x64', expected: 'amd64' },
    { nodeArch: 'arm64', expected: 'arm64' },
    { nodeArch: 'ia32', expected: '386' },
    { nodeArch: 'ppc64', expected: 'ppc64le' },
    { nodeArch: 's390x', expected: 's390x' },
    { nodeArch: 'riscv64', expected: 'riscv64' },
  ])('hostArch($nodeArch) → $expected', ({ nodeArch, expected }) => {
    expect(hostArch(nodeArch)).toBe(expected);
  });
});
