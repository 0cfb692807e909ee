import { describe, expect, it } from 'vitest';
import { parsePlatform } from '../../../src/model/platforms.js';
import { handlerState, parseHandler, type Handler } from '../../../src/phases/binfmt.js';
import {
  binfmtImageArgs,
  installedByImage,
  parseBinfmtConf,
  parseDebianBinfmt,
  registerLine,
  type BinfmtDefinition,
} from '../../../src/phases/qemu.js';

/** /proc/sys/fs/binfmt_misc/qemu-aarch64 as registered from Debian's qemu-user-static. */
const PROC_AARCH64 = [
  'enabled',
  'interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P',
  'flags: PF',
  'offset 0',
  'magic 7f454c460201010000000000000000000200b700',
  'mask ffffffffffffff00fffffffffffffffffeffffff',
  '',
].join('\n');

/** /usr/share/binfmts/qemu-aarch64 from Debian's qemu-user-static. */
const DEBIAN_AARCH64 = [
  'package qemu-user-static',
  'interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P',
  'magic \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00',
  'offset 0',
  'mask \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff',
  'credentials no',
  'fix_binary yes',
  'preserve yes',
  '',
].join('\n');

const MAGIC =
  '\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00';
const MASK =
  '\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff';

describe('parseHandler', () => {
  it.each<{ name: string; text: string; expected: Handler }>([
    {
      name: 'an enabled Debian handler',
      text: PROC_AARCH64,
      expected: { enabled: true, interpreter: '/usr/libexec/qemu-binfmt/aarch64-binfmt-P', flags: 'PF' },
    },
    {
      name: 'a disabled handler',
      text: PROC_AARCH64.replace(/^enabled/, 'disabled'),
      expected: { enabled: false, interpreter: '/usr/libexec/qemu-binfmt/aarch64-binfmt-P', flags: 'PF' },
    },
    {
      name: 'a tonistiigi/binfmt handler',
      text: 'enabled\ninterpreter /usr/bin/qemu-arm\nflags: POCF\noffset 0\nmagic 7f454c4601010100000000000000000002002800\nmask ffffffffffffff00fffffffffffffffffeffffff\n',
      expected: { enabled: true, interpreter: '/usr/bin/qemu-arm', flags: 'POCF' },
    },
    {
      name: 'a handler registered without flags',
      text: 'enabled\ninterpreter /usr/bin/qemu-aarch64-static\nflags: \noffset 0\n',
      expected: { enabled: true, interpreter: '/usr/bin/qemu-aarch64-static', flags: '' },
    },
  ])('$name', ({ text, expected }) => {
    expect(parseHandler(text)).toEqual(expected);
  });
});

describe('parseDebianBinfmt', () => {
  it('reads the qemu-user-static file for aarch64', () => {
    expect(parseDebianBinfmt(DEBIAN_AARCH64)).toEqual({
      interpreter: '/usr/libexec/qemu-binfmt/aarch64-binfmt-P',
      magic: MAGIC,
      mask: MASK,
      offset: '0',
      credentials: false,
      preserve: true,
    });
  });

  it.each<{ name: string; text: string }>([
    { name: 'no interpreter line', text: DEBIAN_AARCH64.replace(/^interpreter .*$/m, '') },
    { name: 'no magic line', text: DEBIAN_AARCH64.replace(/^magic .*$/m, '') },
    { name: 'an empty file', text: '' },
  ])('rejects a file with $name', ({ text }) => {
    expect(() => parseDebianBinfmt(text)).toThrow('no interpreter or magic line');
  });
});

describe('registerLine', () => {
  const def = parseDebianBinfmt(DEBIAN_AARCH64);
  it.each<{ name: string; arch: string; def: BinfmtDefinition; expected: string }>([
    {
      name: 'Debian aarch64: F always, P from preserve',
      arch: 'aarch64',
      def,
      expected: `:qemu-aarch64:M:0:${MAGIC}:${MASK}:/usr/libexec/qemu-binfmt/aarch64-binfmt-P:FP`,
    },
    {
      name: 'no preserve, with credentials',
      arch: 'arm',
      def: { ...def, interpreter: '/usr/bin/qemu-arm-static', preserve: false, credentials: true },
      expected: `:qemu-arm:M:0:${MAGIC}:${MASK}:/usr/bin/qemu-arm-static:FC`,
    },
    {
      name: 'preserve and credentials',
      arch: 'riscv64',
      def: { ...def, offset: '0', preserve: true, credentials: true },
      expected: `:qemu-riscv64:M:0:${MAGIC}:${MASK}:/usr/libexec/qemu-binfmt/aarch64-binfmt-P:FPC`,
    },
  ])('$name', ({ arch, def, expected }) => {
    expect(registerLine(arch, def)).toBe(expected);
  });
});

describe('handlerState', () => {
  const ready: Handler = parseHandler(PROC_AARCH64);
  it.each<{ name: string; handler: Handler | undefined; expected: string }>([
    { name: 'enabled with F', handler: ready, expected: 'ready' },
    { name: 'enabled with POCF', handler: { ...ready, flags: 'POCF' }, expected: 'ready' },
    { name: 'disabled', handler: { ...ready, enabled: false }, expected: 'disabled' },
    { name: 'enabled without F', handler: { ...ready, flags: 'P' }, expected: 'no-fix-binary' },
    { name: 'enabled with no flags', handler: { ...ready, flags: '' }, expected: 'no-fix-binary' },
    { name: 'not registered', handler: undefined, expected: 'missing' },
  ])('$name → $expected', ({ handler, expected }) => {
    expect(handlerState(handler)).toBe(expected);
  });
});

describe('binfmtImageArgs', () => {
  const IMAGE = 'docker.io/tonistiigi/binfmt:qemu-v9.2.2';
  const platforms = (text: string) => text.split(',').map((t) => parsePlatform(t));
  it.each<{ name: string; platforms: string; arches: string[]; install: string }>([
    {
      name: 'only the missing arches, as GOARCH names, sorted',
      platforms: 'linux/amd64,linux/arm64,linux/arm/v7,linux/s390x',
      arches: ['s390x', 'aarch64', 'arm'],
      install: 'arm,arm64,s390x',
    },
    {
      name: 'arm/v6 and arm/v7 install arm once',
      platforms: 'linux/arm/v6,linux/arm/v7',
      arches: ['arm'],
      install: 'arm',
    },
    {
      name: 'one of two foreign arches',
      platforms: 'linux/arm64,linux/ppc64le',
      arches: ['ppc64le'],
      install: 'ppc64le',
    },
  ])('$name', ({ platforms: text, arches, install }) => {
    expect(binfmtImageArgs(IMAGE, platforms(text), arches)).toEqual([
      'docker',
      'run',
      '--rm',
      '--privileged',
      IMAGE,
      '--install',
      install,
    ]);
  });
});

describe('parseBinfmtConf (systemd binfmt.d, newer Debian/Ubuntu qemu-user packages)', () => {
  const line =
    ':qemu-aarch64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/usr/bin/qemu-aarch64-static:FPC';

  it('reads the register line, comments aside, into the same definition the Debian format gives', () => {
    expect(parseBinfmtConf(`# generated by qemu-user-static\n${line}\n`)).toEqual({
      interpreter: '/usr/bin/qemu-aarch64-static',
      magic: '\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00',
      mask: '\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff',
      offset: '0',
      credentials: true,
      preserve: true,
    });
  });

  it('registers it with the F flag this action needs', () => {
    expect(registerLine('aarch64', parseBinfmtConf(line))).toMatch(
      /^:qemu-aarch64:M:0:.*:\/usr\/bin\/qemu-aarch64-static:FPC$/,
    );
  });

  it.each(['', '# nothing\n', ':qemu-x:E::x::/bin/x:F'])(
    'rejects %j (no magic-type register line)',
    (text) => {
      expect(() => parseBinfmtConf(text)).toThrow('no magic-type register line');
    },
  );
});

describe('installedByImage (what a tonistiigi/binfmt run registered itself)', () => {
  const platforms = (text: string) => text.split(',').map((t) => parsePlatform(t));
  it.each<[string, string, string, string[]]>([
    [
      'every one installed',
      'linux/arm64,linux/arm/v7',
      'installing: arm OK\ninstalling: arm64 OK\n',
      ['aarch64', 'arm'],
    ],
    [
      'one registered meanwhile by another job: not this run’s',
      'linux/arm64,linux/arm/v7',
      'installing: arm OK\ninstalling: arm64 qemu-aarch64 already registered\n',
      ['arm'],
    ],
    ['none (all there already)', 'linux/arm64', 'installing: arm64 qemu-aarch64 already registered\n', []],
    [
      'a failure is not an install',
      'linux/s390x',
      'installing: s390x cannot register "/usr/bin/qemu-s390x" to /proc/sys/fs/binfmt_misc/register: EPERM\n',
      [],
    ],
    [
      'status JSON after it is ignored',
      'linux/riscv64',
      'installing: riscv64 OK\n{\n  "supported": ["linux/amd64"],\n  "emulators": ["qemu-riscv64"]\n}\n',
      ['riscv64'],
    ],
  ])('%s', (_name, text, output, expected) => {
    expect(installedByImage(output, platforms(text))).toEqual(expected);
  });
});
