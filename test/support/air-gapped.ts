// The default driver (docker-container) as this machine can run it: the BuildKit image scripts/e2e-env.sh
// builds from Debian's archive, a daemon config that lets it reach the plain-HTTP registry on loopback,
// and host networking so the builder container reaches 127.0.0.1 at all. Stands in for the shared set the
// e2e-infra branch adds to test/support/e2e.ts, until that is on main.
import { readFileSync } from 'node:fs';
import { REGISTRY, docker } from './e2e.js';

const ENV_FILE = '/var/lib/multiarch-e2e/env';
const fromEnvFile = /^E2E_BUILDKIT_IMAGE=(.*)$/m.exec(readFileSync(ENV_FILE, 'utf8'))?.[1];
/** What scripts/e2e-env.sh names the image it builds and pushes (older env files do not list it). */
export const BUILDKIT_IMAGE = fromEnvFile ?? `${REGISTRY}/buildkit/buildkitd:local`;

export const AIR_GAPPED: Readonly<Record<string, string>> = {
  'buildkit-image': BUILDKIT_IMAGE,
  'buildkitd-config-inline': `[registry."${REGISTRY}"]\n  http = true\n`,
  'driver-opts': 'network=host',
};

/** What buildx names a docker-container builder's node container and its state volume. */
export const builderContainer = (builder: string) => `buildx_buildkit_${builder}0`;
export const builderVolume = (builder: string) => `${builderContainer(builder)}_state`;

const names = (args: string[]) => docker(args).split('\n').filter(Boolean);

/** What of a docker-container builder's node is still on the engine: its container, its state volume. */
export function nodeLeftovers(builder: string): string[] {
  return [
    ...(names(['ps', '-a', '--format', '{{.Names}}']).includes(builderContainer(builder))
      ? [`container ${builderContainer(builder)}`]
      : []),
    ...(names(['volume', 'ls', '--format', '{{.Name}}']).includes(builderVolume(builder))
      ? [`volume ${builderVolume(builder)}`]
      : []),
  ];
}
