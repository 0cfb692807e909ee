import { describe, expect, it } from 'vitest';
import {
  formatReference,
  isDigest,
  isRepository,
  normalizeRepository,
  parseReference,
  sameRepository,
  type Reference,
} from '../../../src/registry/refs.js';
import { repositoriesOf, resolveTags } from '../../../src/registry/tags.js';

const named = <T extends { name: string }>(rows: T[]): Array<[string, T]> => rows.map((r) => [r.name, r]);
const DIGEST = `sha256:${'c'.repeat(64)}`;

describe('resolveTags', () => {
  it.each(
    named<{ name: string; images: string[]; tags: string[]; suffix?: string; expected: string[] }>([
      {
        name: 'bare tags apply to every image',
        images: ['ghcr.io/acme/app', 'docker.io/acme/app'],
        tags: ['latest', '1.2.3'],
        expected: [
          'ghcr.io/acme/app:latest',
          'docker.io/acme/app:latest',
          'ghcr.io/acme/app:1.2.3',
          'docker.io/acme/app:1.2.3',
        ],
      },
      {
        name: 'full references are used as is',
        images: [],
        tags: ['ghcr.io/acme/app:1.2.3', 'localhost:5000/app:dev'],
        expected: ['ghcr.io/acme/app:1.2.3', 'localhost:5000/app:dev'],
      },
      {
        name: 'bare and full mixed, duplicates once',
        images: ['ghcr.io/acme/app'],
        tags: ['latest', 'ghcr.io/acme/app:latest', 'docker.io/acme/app:latest'],
        expected: ['ghcr.io/acme/app:latest', 'docker.io/acme/app:latest'],
      },
      {
        name: 'a suffix for per-platform tags',
        images: ['ghcr.io/acme/app'],
        tags: ['1.2.3', 'docker.io/acme/app:1.2.3'],
        suffix: '-linux-arm-v7',
        expected: ['ghcr.io/acme/app:1.2.3-linux-arm-v7', 'docker.io/acme/app:1.2.3-linux-arm-v7'],
      },
      { name: 'no tags', images: ['ghcr.io/acme/app'], tags: [], expected: [] },
    ]),
  )('%s', (_name, { images, tags, suffix, expected }) => {
    expect(resolveTags(images, tags, suffix)).toEqual(expected);
  });

  it('repositoriesOf lists each repository once, in first-seen order', () => {
    expect(
      repositoriesOf([
        'ghcr.io/acme/app:latest',
        'docker.io/acme/app:latest',
        'ghcr.io/acme/app:1.2.3',
        'localhost:5000/app:dev',
      ]),
    ).toEqual(['ghcr.io/acme/app', 'docker.io/acme/app', 'localhost:5000/app']);
  });
});

describe('parseReference', () => {
  it.each<[string, Reference | undefined]>([
    ['ghcr.io/acme/app', { repository: 'ghcr.io/acme/app' }],
    ['ghcr.io/acme/app:1.2.3', { repository: 'ghcr.io/acme/app', tag: '1.2.3' }],
    [`ghcr.io/acme/app@${DIGEST}`, { repository: 'ghcr.io/acme/app', digest: DIGEST }],
    [`ghcr.io/acme/app:1.2.3@${DIGEST}`, { repository: 'ghcr.io/acme/app', tag: '1.2.3', digest: DIGEST }],
    ['localhost:5000/app', { repository: 'localhost:5000/app' }],
    ['localhost:5000/app:dev', { repository: 'localhost:5000/app', tag: 'dev' }],
    ['[::1]:5000/app:dev', { repository: '[::1]:5000/app', tag: 'dev' }],
    ['alpine', { repository: 'alpine' }],
    ['ghcr.io/acme/App:1', undefined],
    ['ghcr.io/acme/app:bad tag', undefined],
    ['ghcr.io/acme/app@sha256:1234', undefined],
    ['ghcr.io/acme/app:', undefined],
  ])('%s', (text, expected) => {
    const ref = parseReference(text);
    expect(ref).toEqual(expected);
    if (ref) expect(formatReference(ref)).toBe(text);
  });

  it.each<[string, boolean]>([
    ['ghcr.io/acme/app', true],
    ['acme/my_app', true],
    ['acme/my__app', true],
    ['acme/my-app--x', true],
    ['acme/_app', false],
    ['acme/app_', false],
    ['acme/App', false],
    [`acme/${'a'.repeat(260)}`, false],
  ])('isRepository(%s) → %s', (name, expected) => {
    expect(isRepository(name)).toBe(expected);
  });

  it.each<[string, boolean]>([
    [DIGEST, true],
    [`sha256:${'C'.repeat(64)}`, false],
    ['sha256:0123', false],
    [`sha512:${'c'.repeat(128)}`, false],
  ])('isDigest(%s) → %s', (text, expected) => {
    expect(isDigest(text)).toBe(expected);
  });
});

describe('Docker Hub names: one repository however it is spelled', () => {
  it.each<[string, string]>([
    ['acme/app', 'docker.io/acme/app'],
    ['docker.io/acme/app', 'docker.io/acme/app'],
    ['index.docker.io/acme/app', 'docker.io/acme/app'],
    ['registry-1.docker.io/acme/app', 'docker.io/acme/app'],
    ['alpine', 'docker.io/library/alpine'],
    ['docker.io/alpine', 'docker.io/library/alpine'],
    ['library/alpine', 'docker.io/library/alpine'],
    ['acme/team/app', 'docker.io/acme/team/app'],
    ['ghcr.io/acme/app', 'ghcr.io/acme/app'],
    ['localhost/app', 'localhost/app'],
    ['localhost:5000/app', 'localhost:5000/app'],
    ['127.0.0.1:5000/e2e/app', '127.0.0.1:5000/e2e/app'],
  ])('%s → %s', (name, expected) => {
    expect(normalizeRepository(name)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['acme/app:1', 'docker.io/acme/app', true],
    ['index.docker.io/acme/app@sha256:' + 'c'.repeat(64), 'acme/app:latest', true],
    ['alpine:3', 'docker.io/library/alpine', true],
    ['ghcr.io/acme/app', 'acme/app', false],
    ['acme/app', 'acme/app2', false],
  ])('sameRepository(%s, %s) → %s', (a, b, expected) => {
    expect(sameRepository(a, b)).toBe(expected);
  });

  it('tags and repositories group by repository, first spelling kept', () => {
    expect(
      resolveTags(['acme/app'], ['1.0', 'docker.io/acme/app:1.0', 'index.docker.io/acme/app:latest']),
    ).toEqual(['acme/app:1.0', 'index.docker.io/acme/app:latest']);
    expect(
      repositoriesOf([
        'acme/app:1',
        'docker.io/acme/app:2',
        'ghcr.io/acme/app:1',
        'alpine:3',
        'library/alpine:4',
      ]),
    ).toEqual(['acme/app', 'ghcr.io/acme/app', 'alpine']);
  });
});
