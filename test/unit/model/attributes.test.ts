import { describe, expect, it } from 'vitest';
import { attribute, attributeList } from '../../../src/model/attributes.js';

describe('attribute', () => {
  it.each([
    ['src', '/runner/_temp/cache', 'src=/runner/_temp/cache'],
    ['src', '/runner/_temp/a,b', '"src=/runner/_temp/a,b"'],
    ['name', 'ghcr.io/acme/app,docker.io/acme/app', '"name=ghcr.io/acme/app,docker.io/acme/app"'],
    ['src', '/tmp/say "hi"', '"src=/tmp/say ""hi"""'],
    ['src', 'a\nb', '"src=a\nb"'],
    ['scope', 'a=b', 'scope=a=b'],
  ])('%s=%j → %s', (key, value, expected) => {
    expect(attribute(key, value)).toBe(expected);
  });

  it('a value can never add an attribute of its own', () => {
    // Read back as buildx does (one CSV record): the value stays one field.
    const field = attribute('src', '/x,url_v2=http://evil/');
    expect(field.startsWith('"') && field.endsWith('"')).toBe(true);
  });
});

describe('attributeList', () => {
  it('joins type and attributes, leaving out undefined ones', () => {
    expect(
      attributeList('local', [
        ['dest', '/t/a,b'],
        ['mode', 'max'],
        ['ignore-error', undefined],
      ]),
    ).toBe('type=local,"dest=/t/a,b",mode=max');
  });
});
