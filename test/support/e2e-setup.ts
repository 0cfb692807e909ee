/**
 * Runs before every e2e file. A test that fails an assertion before it runs post leaves its docker-container
 * builder behind (container and state volume included); later files should not start on an engine full of
 * them. After each file, the builders its own runs created and that are still there are removed — never any
 * other (the engine may be shared). The tests assert what post removes; this only tidies after a failure.
 */
import { afterAll } from 'vitest';
import { removeRunnerDirs } from '../../scripts/run-action.mjs';
import { builders, createdBuilders, dockerResult } from './e2e.js';

afterAll(() => {
  const present = new Set(builders());
  const left = [...createdBuilders].filter((name) => present.has(name));
  for (const name of left) dockerResult(['buildx', 'rm', '--force', name]);
  if (left.length) console.warn(`removed builders this file's runs left behind: ${left.join(', ')}`);
  // The runner folders of this file's runs (RUNNER_TEMP, output and state files): tens of thousands otherwise.
  removeRunnerDirs();
});
