// What `scripts/e2e-env.sh up` provisioned, as the script itself reports it (`scripts/e2e-env.sh env`): the
// tests, the example and the benchmarks read E2E_HOME, the registry, the BuildKit image, … from here, so the
// shell script stays the one place that defines them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './run-action.mjs';

let cached;

/** KEY=value pairs of the provisioned environment (E2E_HOME, E2E_REGISTRY, E2E_BUILDKIT_IMAGE, …). */
export function e2eEnv() {
  if (cached) return cached;
  const r = spawnSync('bash', [join(root, 'scripts', 'e2e-env.sh'), 'env'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/e2e-env.sh env failed: ${(r.stderr || r.stdout).trim()}`);
  cached = Object.fromEntries(
    r.stdout
      .trim()
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return cached;
}
