import { describe, expect, it } from 'vitest';
import {
  cacheScope,
  cacheStats,
  cacheWrites,
  planCache,
  registryCacheRef,
  versionAtLeast,
  type CacheContext,
  type CachePlan,
} from '../../../src/phases/cache.js';
import { readInputs } from '../../../src/inputs/inputs.js';
import type { CacheWrite, Inputs } from '../../../src/inputs/types.js';
import { parsePlatform, type Platform } from '../../../src/model/platforms.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
const read = (values: Record<string, string>): Inputs => {
  const map = new Map(Object.entries(values));
  return readInputs((name) => map.get(name) ?? '');
};
const platforms = (text: string): Platform[] => text.split(',').map((t) => parsePlatform(t));

const IMAGE = 'ghcr.io/acme/app';

describe('cacheScope', () => {
  it.each(
    named<{
      name: string;
      images: string[];
      target?: string;
      platforms: string;
      leg: boolean;
      expected: string;
    }>([
      {
        name: 'one image, one platform',
        images: [IMAGE],
        platforms: 'linux/amd64',
        leg: false,
        expected: 'acme-app_linux-amd64_all',
      },
      {
        name: 'a leg',
        images: [IMAGE],
        platforms: 'linux/amd64',
        leg: true,
        expected: 'acme-app_linux-amd64_leg',
      },
      {
        name: 'a target',
        images: [IMAGE],
        target: 'runtime',
        platforms: 'linux/amd64',
        leg: false,
        expected: 'acme-app_runtime_linux-amd64_all',
      },
      {
        name: 'arm/v6',
        images: [IMAGE],
        platforms: 'linux/arm/v6',
        leg: true,
        expected: 'acme-app_linux-arm-v6_leg',
      },
      {
        name: 'arm/v7',
        images: [IMAGE],
        platforms: 'linux/arm/v7',
        leg: true,
        expected: 'acme-app_linux-arm-v7_leg',
      },
      {
        name: 'several platforms',
        images: [IMAGE],
        platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
        leg: false,
        expected: 'acme-app_linux-amd64.linux-arm64.linux-arm-v7_all',
      },
      {
        name: 'several images: named after the first',
        images: [IMAGE, 'docker.io/acme/mirror'],
        platforms: 'linux/amd64',
        leg: false,
        expected: 'acme-app_linux-amd64_all',
      },
      {
        name: 'a nested repository: the last two components',
        images: ['ghcr.io/acme/team/api'],
        platforms: 'linux/amd64',
        leg: false,
        expected: 'team-api_linux-amd64_all',
      },
    ]),
  )('%s', (_name, { images, target, platforms: text, leg, expected }) => {
    expect(cacheScope(images, target, platforms(text), leg)).toBe(expected);
  });

  it.each([
    // A registry port or any other character outside [A-Za-z0-9_.-] cannot reach an attribute list or a path.
    [['localhost:5000/app'], undefined, 'localhost-5000-app_linux-amd64_all'],
    [['127.0.0.1:5000/e2e/app'], undefined, 'e2e-app_linux-amd64_all'],
    [[IMAGE], 'x,url_v2=http://evil/', 'acme-app_x-url_v2-http---evil-_linux-amd64_all'],
    [[IMAGE], 'x/../../../../tmp/pwn', 'acme-app_x-..-..-..-..-tmp-pwn_linux-amd64_all'],
  ])('%j with target %j: one plain name, %s', (images, target, expected) => {
    const scope = cacheScope(images, target, platforms('linux/amd64'), false);
    expect(scope).toBe(expected);
    expect(scope).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('keeps apart every image, target, platform set and leg/all combination', () => {
    const scopes = [];
    for (const images of [[IMAGE], ['ghcr.io/acme/web'], ['ghcr.io/other/app']])
      for (const target of [undefined, 'runtime', 'debug'])
        for (const text of ['linux/arm/v6', 'linux/arm/v7', 'linux/arm64', 'linux/amd64,linux/arm64'])
          for (const leg of [true, false]) scopes.push(cacheScope(images, target, platforms(text), leg));
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('stays within 100 characters and distinct when long', () => {
    const many =
      'linux/amd64,linux/arm64,linux/386,linux/ppc64le,linux/s390x,linux/riscv64,linux/mips64le,linux/loong64';
    const target = 'a-rather-long-build-stage-name-for-the-release-image';
    const v6 = cacheScope(
      ['ghcr.io/acme/some-very-long-repository-name'],
      target,
      platforms(`${many},linux/arm/v6`),
      false,
    );
    const v7 = cacheScope(
      ['ghcr.io/acme/some-very-long-repository-name'],
      target,
      platforms(`${many},linux/arm/v7`),
      false,
    );
    expect(v6.length).toBeLessThanOrEqual(100);
    expect(v7.length).toBeLessThanOrEqual(100);
    expect(v6).not.toBe(v7);
    expect(v6).toMatch(/^acme-some-very-long-repository-name_a-rather-long-build-stage-name.*_[0-9a-f]{16}$/);
  });
});

describe('registryCacheRef', () => {
  it.each([
    [
      'ghcr.io/acme/app:buildcache',
      'acme-app_linux-amd64_all',
      'ghcr.io/acme/app:buildcache-linux-amd64_all',
    ],
    [
      'ghcr.io/acme/cache:main',
      'acme-app_runtime_linux-arm-v7_leg',
      'ghcr.io/acme/cache:main-runtime_linux-arm-v7_leg',
    ],
    // An untagged cache-ref gets a tag; the suffix never lands in the repository name.
    ['ghcr.io/acme/cache', 'acme-app_linux-amd64_all', 'ghcr.io/acme/cache:buildcache-linux-amd64_all'],
    ['localhost:5000/cache', 'app_linux-amd64_all', 'localhost:5000/cache:buildcache-linux-amd64_all'],
  ])('%s for %s → %s', (base, scope, expected) => {
    expect(registryCacheRef(base, scope)).toBe(expected);
  });

  it('keeps a long tag within the 128 characters a tag may have, and distinct', () => {
    const base = `ghcr.io/acme/cache:${'t'.repeat(120)}`;
    const a = registryCacheRef(base, 'app_linux-amd64_all');
    const b = registryCacheRef(base, 'app_linux-arm64_all');
    for (const ref of [a, b]) {
      const tag = ref.slice(ref.lastIndexOf(':') + 1);
      expect(tag.length).toBeLessThanOrEqual(128);
      expect(tag).toMatch(/^[\w][\w.-]*$/);
    }
    expect(a).not.toBe(b);
  });
});

describe('cacheWrites', () => {
  const events = [
    'push',
    'pull_request',
    'pull_request_target',
    'schedule',
    'workflow_dispatch',
    undefined,
  ] as const;
  const expected: Record<CacheWrite, boolean[]> = {
    auto: [true, false, false, true, true, true],
    always: [true, true, true, true, true, true],
    never: [false, false, false, false, false, false],
  };
  const rows = (Object.keys(expected) as CacheWrite[]).flatMap((policy) =>
    events.map((event, i) => [policy, event ?? '(no event)', event, expected[policy][i]] as const),
  );
  it.each(rows)('cache-write: %s on %s', (policy, _label, event, writes) => {
    expect(cacheWrites(policy, event)).toBe(writes);
  });
});

describe('versionAtLeast', () => {
  it.each<[string, string, boolean]>([
    ['0.21.0', '0.21.0', true],
    ['v0.29.1', '0.21.0', true],
    ['0.21.1', '0.21.0', true],
    ['1.0.0', '0.21.0', true],
    ['0.20.2', '0.21.0', false],
    ['0.9.1', '0.21.0', false],
    ['v0.12.1-desktop.4', '0.21.0', false],
    ['github.com/docker/buildx v0.23.0 28c90ea', '0.21.0', true],
    ['github.com/docker/buildx v0.19.3 48d6a39', '0.21.0', false],
    ['dev', '0.21.0', true],
  ])('%s ≥ %s → %s', (version, min, expected) => {
    expect(versionAtLeast(version, min)).toBe(expected);
  });
});

describe('planCache', () => {
  const CTX: CacheContext = {
    eventName: 'push',
    cacheService: true,
    driver: 'docker-container',
    tempDir: '/home/runner/work/_temp/multiarch-build-x',
  };
  const BASE = { image: IMAGE, platforms: 'linux/amd64,linux/arm64' };
  const SCOPE = 'acme-app_linux-amd64.linux-arm64_all';
  const gha = (scope: string, write = true): CachePlan => ({
    backend: 'gha',
    scope,
    write,
    from: [`type=gha,scope=${scope}`],
    to: write ? [`type=gha,scope=${scope},mode=max,ignore-error=true`] : [],
  });
  const registry = (ref: string, write = true): CachePlan => ({
    backend: 'registry',
    scope: ref,
    write,
    from: [`type=registry,ref=${ref}`],
    to: write ? [`type=registry,ref=${ref},mode=max,ignore-error=true`] : [],
  });
  const off = (notice?: RegExp): CachePlan => ({
    backend: 'off',
    write: false,
    from: [],
    to: [],
    ...(notice ? { notice: expect.stringMatching(notice) as string } : {}),
  });

  it.each(
    named<{ name: string; values: Record<string, string>; ctx?: Partial<CacheContext>; expected: CachePlan }>(
      [
        { name: 'auto with the Actions cache service: gha', values: BASE, expected: gha(SCOPE) },
        {
          name: 'auto on a pull request: gha, read-only',
          values: BASE,
          ctx: { eventName: 'pull_request' },
          expected: gha(SCOPE, false),
        },
        {
          name: 'auto, cache-write: never',
          values: { ...BASE, 'cache-write': 'never' },
          expected: gha(SCOPE, false),
        },
        {
          name: 'auto, cache-write: always on a pull request',
          values: { ...BASE, 'cache-write': 'always' },
          ctx: { eventName: 'pull_request' },
          expected: gha(SCOPE),
        },
        {
          name: 'auto without the Actions cache service: off, with a notice naming cache: registry',
          values: BASE,
          ctx: { cacheService: false },
          expected: off(
            /^Layer cache off: the GitHub Actions cache service is not available.*cache: registry/,
          ),
        },
        {
          name: 'auto with the docker driver: off, with a notice naming driver: docker-container',
          values: { ...BASE, driver: 'docker' },
          ctx: { driver: 'docker' },
          expected: off(
            /^Layer cache off: the docker driver cannot export to the GitHub cache.*driver: docker-container/,
          ),
        },
        {
          name: 'auto with a buildx too old for the cache service v2: off, with a notice naming buildx-version',
          values: BASE,
          ctx: { buildxVersion: '0.20.1' },
          expected: off(
            /^Layer cache off: buildx 0\.20\.1 \(needs 0\.21\.0\+; set buildx-version\) predates the GitHub cache service v2/,
          ),
        },
        {
          name: 'auto with a BuildKit too old for the cache service v2: off, with a notice naming buildkit-image',
          values: BASE,
          ctx: { buildxVersion: '0.29.1', buildkitVersion: '0.19.0' },
          expected: off(
            /^Layer cache off: BuildKit 0\.19\.0 \(needs 0\.20\.0\+; set buildkit-image\) predates/,
          ),
        },
        {
          name: 'local with a buildx too old for gha: versions do not matter',
          values: { ...BASE, cache: 'local' },
          ctx: { buildxVersion: '0.12.0', buildkitVersion: '0.12.0' },
          expected: {
            backend: 'local',
            scope: SCOPE,
            write: true,
            from: [`type=local,src=/home/runner/work/_temp/multiarch-build-x/${SCOPE}`],
            to: [
              `type=local,dest=/home/runner/work/_temp/multiarch-build-x/${SCOPE}.new,mode=max,ignore-error=true`,
            ],
            localDirs: {
              src: `/home/runner/work/_temp/multiarch-build-x/${SCOPE}`,
              dest: `/home/runner/work/_temp/multiarch-build-x/${SCOPE}.new`,
            },
          },
        },
        {
          name: 'auto with recent buildx and BuildKit: gha',
          values: BASE,
          ctx: { buildxVersion: '0.29.1', buildkitVersion: '0.25.1' },
          expected: gha(SCOPE),
        },
        {
          // buildx silently drops type=gha without the runtime token and URL: the plan must not claim it.
          name: 'gha asked for explicitly, no cache service: off, with one warning naming cache: registry',
          values: { ...BASE, cache: 'gha' },
          ctx: { cacheService: false },
          expected: {
            ...off(),
            warning: expect.stringMatching(
              /^cache: gha needs the GitHub Actions cache service, which this step cannot reach \(ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set.*set cache: registry or local$/,
            ) as string,
          },
        },
        {
          name: 'a leg: its own scope',
          values: { mode: 'build', image: IMAGE, platforms: 'linux/arm/v7' },
          expected: gha('acme-app_linux-arm-v7_leg'),
        },
        {
          name: 'full-reference tags without image (metadata-action): scoped by the tags’ repository',
          values: { platforms: 'linux/amd64', tags: 'ghcr.io/acme/app:1.2.3\nghcr.io/acme/app:latest' },
          expected: gha('acme-app_linux-amd64_all'),
        },
        {
          name: 'registry: <image>:buildcache suffixed with the platform set',
          values: { ...BASE, cache: 'registry' },
          expected: registry('ghcr.io/acme/app:buildcache-linux-amd64.linux-arm64_all'),
        },
        {
          name: 'registry: target and leg in the suffix',
          values: {
            mode: 'build',
            image: IMAGE,
            platforms: 'linux/arm/v6',
            target: 'runtime',
            cache: 'registry',
          },
          expected: registry('ghcr.io/acme/app:buildcache-runtime_linux-arm-v6_leg'),
        },
        {
          name: 'registry: cache-ref suffixed',
          values: { ...BASE, cache: 'registry', 'cache-ref': 'registry.example.com/cache/app:main' },
          expected: registry('registry.example.com/cache/app:main-linux-amd64.linux-arm64_all'),
        },
        {
          name: 'registry on a pull request: read-only',
          values: { ...BASE, cache: 'registry' },
          ctx: { eventName: 'pull_request_target' },
          expected: registry('ghcr.io/acme/app:buildcache-linux-amd64.linux-arm64_all', false),
        },
        {
          name: 'local: restored into <temp>/<scope>, written beside it and swapped',
          values: { ...BASE, cache: 'local' },
          ctx: { cacheService: false },
          expected: {
            backend: 'local',
            scope: SCOPE,
            write: true,
            from: [`type=local,src=/home/runner/work/_temp/multiarch-build-x/${SCOPE}`],
            to: [
              `type=local,dest=/home/runner/work/_temp/multiarch-build-x/${SCOPE}.new,mode=max,ignore-error=true`,
            ],
            localDirs: {
              src: `/home/runner/work/_temp/multiarch-build-x/${SCOPE}`,
              dest: `/home/runner/work/_temp/multiarch-build-x/${SCOPE}.new`,
            },
          },
        },
        {
          name: 'local on a pull request: read-only',
          values: { mode: 'build', image: IMAGE, platforms: 'linux/arm64', cache: 'local' },
          ctx: { eventName: 'pull_request' },
          expected: {
            backend: 'local',
            scope: 'acme-app_linux-arm64_leg',
            write: false,
            from: ['type=local,src=/home/runner/work/_temp/multiarch-build-x/acme-app_linux-arm64_leg'],
            to: [],
            localDirs: {
              src: '/home/runner/work/_temp/multiarch-build-x/acme-app_linux-arm64_leg',
              dest: '/home/runner/work/_temp/multiarch-build-x/acme-app_linux-arm64_leg.new',
            },
          },
        },
        {
          name: 'local under a RUNNER_TEMP holding a comma: paths quoted, never split into attributes',
          values: { ...BASE, cache: 'local' },
          ctx: { cacheService: false, tempDir: '/runner/_temp,x=y/cache' },
          expected: {
            backend: 'local',
            scope: SCOPE,
            write: true,
            from: [`type=local,"src=/runner/_temp,x=y/cache/${SCOPE}"`],
            to: [`type=local,"dest=/runner/_temp,x=y/cache/${SCOPE}.new",mode=max,ignore-error=true`],
            localDirs: {
              src: `/runner/_temp,x=y/cache/${SCOPE}`,
              dest: `/runner/_temp,x=y/cache/${SCOPE}.new`,
            },
          },
        },
        { name: 'off', values: { ...BASE, cache: 'off' }, expected: off() },
        {
          name: 'explicit cache-from and cache-to: passed through untouched',
          values: {
            ...BASE,
            'cache-from': 'type=registry,ref=ghcr.io/acme/app:cache\ntype=gha,scope=main',
            'cache-to': 'type=registry,ref=ghcr.io/acme/app:cache,mode=max',
          },
          expected: {
            backend: 'explicit',
            write: true,
            from: ['type=registry,ref=ghcr.io/acme/app:cache', 'type=gha,scope=main'],
            to: ['type=registry,ref=ghcr.io/acme/app:cache,mode=max'],
          },
        },
        {
          name: 'explicit cache-from only: read-only (cache: off beside it is allowed)',
          values: { ...BASE, cache: 'off', 'cache-from': 'type=registry,ref=ghcr.io/acme/app:cache' },
          expected: {
            backend: 'explicit',
            write: false,
            from: ['type=registry,ref=ghcr.io/acme/app:cache'],
            to: [],
          },
        },
      ],
    ),
  )('%s', (_name, { values, ctx, expected }) => {
    const inputs = read(values);
    expect(planCache(inputs, inputs.platforms, { ...CTX, ...ctx })).toEqual(expected);
  });
});

describe('cacheStats', () => {
  /** `docker buildx build --progress plain` for linux/amd64 and linux/arm/v7, with interleaved steps. */
  const MULTI = `#0 building with "multiarch-9001-1-image-c0ffee00" instance using docker-container driver

#1 [internal] load build definition from Dockerfile
#1 transferring dockerfile: 112B done
#1 DONE 0.0s

#2 [linux/arm/v7 internal] load metadata for docker.io/library/alpine:3.20
#2 DONE 1.2s

#3 [linux/amd64 internal] load metadata for docker.io/library/alpine:3.20
#3 DONE 1.1s

#4 [internal] load .dockerignore
#4 transferring context: 2B done
#4 DONE 0.0s

#5 [linux/amd64 stage-0 1/3] FROM docker.io/library/alpine:3.20@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
#5 resolve docker.io/library/alpine:3.20@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5 done
#5 DONE 0.1s

#6 [linux/arm/v7 stage-0 1/3] FROM docker.io/library/alpine:3.20@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5
#6 DONE 0.1s

#7 [internal] load build context
#7 transferring context: 30B done
#7 DONE 0.0s

#8 [linux/amd64 stage-0 2/3] COPY app /app
#8 CACHED

#9 [linux/amd64 stage-0 2/3] RUN x
#9 0.212 hello

#10 [linux/arm/v7 stage-0 2/3] COPY app /app
#10 CACHED

#12 [linux/arm/v7 stage-0 3/3] RUN echo hi
#12 CACHED

#9 [linux/amd64 stage-0 2/3] RUN x
#9 DONE 0.4s

#13 [linux/arm/v7 stage-0 3/3] WORKDIR /srv
#13 DONE 0.1s

#14 [linux/amd64 stage-0 3/3] RUN exit 3
#14 ERROR: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3

#15 exporting to image
#15 exporting layers 0.3s done
#15 DONE 0.5s
`;

  /** A single-platform build: buildx omits the platform from step names. */
  const SINGLE = `#4 [1/2] FROM docker.io/library/alpine:3.20
#4 DONE 0.1s

#5 [2/2] RUN x
#5 DONE 0.3s

#6 [build 2/4] COPY . /src
#6 CACHED

#7 [build 3/4] ADD https://example.com/a.tgz /a.tgz
#7 CACHED
`;

  it.each(
    named<{
      name: string;
      log: string;
      platforms: string[];
      expected: Record<string, { cached: number; executed: number }>;
    }>([
      {
        name: 'two platforms, cached and executed steps per platform',
        log: MULTI,
        platforms: ['linux/amd64', 'linux/arm/v7'],
        expected: { 'linux/amd64': { cached: 1, executed: 1 }, 'linux/arm/v7': { cached: 2, executed: 1 } },
      },
      {
        name: 'a platform with no steps in the log',
        log: MULTI,
        platforms: ['linux/amd64', 'linux/arm/v7', 'linux/arm64'],
        expected: {
          'linux/amd64': { cached: 1, executed: 1 },
          'linux/arm/v7': { cached: 2, executed: 1 },
          'linux/arm64': { cached: 0, executed: 0 },
        },
      },
      {
        name: 'a single platform: unnamed steps count for it',
        log: SINGLE,
        platforms: ['linux/amd64'],
        expected: { 'linux/amd64': { cached: 2, executed: 1 } },
      },
      {
        name: 'unnamed steps are not guessed when there are several platforms',
        log: SINGLE,
        platforms: ['linux/amd64', 'linux/arm64'],
        expected: { 'linux/amd64': { cached: 0, executed: 0 }, 'linux/arm64': { cached: 0, executed: 0 } },
      },
      {
        name: 'an empty log',
        log: '',
        platforms: ['linux/amd64'],
        expected: { 'linux/amd64': { cached: 0, executed: 0 } },
      },
    ]),
  )('%s', (_name, { log, platforms: names, expected }) => {
    expect(Object.fromEntries(cacheStats(log, names))).toEqual(expected);
  });
});
