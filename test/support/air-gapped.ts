// The default driver (docker-container) as an air-gapped runner sets it up: the BuildKit image built from
// Debian's archive, a daemon config letting it reach the plain-HTTP registry on loopback, host networking.
// Until test/support/e2e.ts on main provides these (branch e2e-infra), they are defined here from the same
// env file, with the image name scripts/buildkit-image.sh pushes when the env file has none yet.
import { readFileSync } from 'node:fs';
import { REGISTRY } from './e2e.js';

const envFile = Object.fromEntries(
  readFileSync('/var/lib/multiarch-e2e/env', 'utf8')
    .trim()
    .split('\n')
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
) as Record<string, string>;

export const BUILDKIT_IMAGE = envFile.E2E_BUILDKIT_IMAGE ?? `${REGISTRY}/buildkit/buildkitd:local`;

export const AIR_GAPPED: Readonly<Record<string, string>> = {
  'buildkit-image': BUILDKIT_IMAGE,
  'buildkitd-config-inline': `[registry."${REGISTRY}"]\n  http = true\n`,
  'driver-opts': 'network=host',
};
