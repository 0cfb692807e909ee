// `npm run example`: the action, run as the runner runs it, on example/ — a three-platform image built on the
// default docker-container driver (the BuildKit image scripts/e2e-env.sh built, as an air-gapped runner would
// set it) and pushed to the local authenticated registry, then each platform run under QEMU.
import { execFileSync } from 'node:child_process';
import { e2eEnv } from './e2e-env.mjs';
import { runAction, root } from './run-action.mjs';

const env = e2eEnv();
const image = `${env.E2E_REGISTRY}/example/hello`;
const run = await runAction(
  {
    context: `${root}/example`,
    platforms: 'linux/amd64,linux/arm64,linux/arm/v7',
    image,
    tags: 'latest',
    push: 'true',
    // What an air-gapped runner sets: a BuildKit image from its own registry, plain HTTP to that registry.
    'buildkit-image': env.E2E_BUILDKIT_IMAGE,
    'buildkitd-config-inline': `[registry."${env.E2E_REGISTRY}"]\n  http = true\n`,
    'driver-opts': 'network=host',
    'build-args': `BASE=${env.E2E_BASE_IMAGE}`,
    annotations: 'index:org.opencontainers.image.description=multiarch-build-action example',
  },
  { cwd: root },
);
process.stdout.write(run.log);
const post = await run.post();
process.stdout.write(post.log);
console.log('\n--- outputs ---');
for (const [k, v] of Object.entries(run.outputs)) if (k !== 'metadata') console.log(`${k}: ${v}`);
console.log('\n--- job summary ---\n' + run.summary);
if (run.code !== 0) process.exit(run.code);
for (const platform of ['linux/amd64', 'linux/arm64', 'linux/arm/v7']) {
  const out = execFileSync(
    'docker',
    ['run', '--rm', '--pull', 'always', '--platform', platform, `${image}:latest`],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  console.log(`docker run --platform ${platform}: ${out.trim()}`);
}
