/**
 * Runs before every e2e file. A test that fails an assertion before it runs post leaves its docker-container
 * builder behind (container and state volume included); later files should not start on an engine full of
 * them. Removed here after each file — the tests themselves assert what post removes, this only tidies up.
 */
import { afterAll } from 'vitest';
import { builders, dockerResult } from './e2e.js';

const before = new Set(builders());

afterAll(() => {
  const left = builders().filter((name) => name.startsWith('multiarch-') && !before.has(name));
  for (const name of left) dockerResult(['buildx', 'rm', '--force', name]);
  if (left.length) console.warn(`removed builders left behind by this file: ${left.join(', ')}`);
});
