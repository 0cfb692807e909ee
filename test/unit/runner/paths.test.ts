import { describe, expect, it } from 'vitest';
import { childPath } from '../../../src/runner/paths.js';

describe('childPath', () => {
  it.each([
    ['/runner/_temp/cache', 'acme-app_linux-amd64_all', '/runner/_temp/cache/acme-app_linux-amd64_all'],
    ['/runner/_temp/cache/', 'scope.new', '/runner/_temp/cache/scope.new'],
    ['/runner/_temp/cache', '...', '/runner/_temp/cache/...'],
    ['/runner/_temp/a,b', 'x', '/runner/_temp/a,b/x'],
  ])('%s + %s → %s', (root, name, expected) => {
    expect(childPath(root, name)).toBe(expected);
  });

  it.each(['..', '.', '', 'a/b', 'x/../../../tmp/pwn', '/etc/passwd', '..\\x', 'a/'])(
    'refuses %j: it would not be one name directly inside the root',
    (name) => {
      expect(() => childPath('/runner/_temp/cache', name)).toThrow(
        /is not a plain name inside \/runner\/_temp\/cache/,
      );
    },
  );
});
