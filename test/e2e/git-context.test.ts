// context unset builds what build-push-action builds: the Git context of the workflow's commit, cloned by
// BuildKit from the server the runner names (GITHUB_SERVER_URL: GHES, Gitea — here a git server on
// loopback), authenticated with github-token; no checkout. Provenance unset is build-push-action's: mode=max
// on a public repository, with the run as builder-id. github.com itself is unreachable here; the same
// default is exercised against it by .github/workflows/e2e.yml on GitHub's runners.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIR_GAPPED, BASE_IMAGE, docker, REGISTRY, runAction, unique } from '../support/e2e.js';
import { makeRepository, startGitServer, type GitServer } from '../support/git-server.js';

const TOKEN = `ghs_${Date.now().toString(36)}e2eToken0123456789`;
const HELLO = `from the repository, ${unique('commit')}`;

describe('context unset: the Git context of the commit, from a git server on loopback', () => {
  const image = `${REGISTRY}/e2e/${unique('gitctx')}`;
  // The step runs where nothing is checked out: the build can only come from the Git context.
  const workspace = mkdtempSync(join(tmpdir(), 'no-checkout-'));
  let server: GitServer;
  let sha: string;
  let root: string;
  let env: Record<string, string>;
  let run: Awaited<ReturnType<typeof runAction>>;

  beforeAll(async () => {
    ({ root, sha } = makeRepository('acme', 'app', {
      Dockerfile: `FROM ${BASE_IMAGE}\nCOPY hello.txt /hello.txt\n`,
      'hello.txt': `${HELLO}\n`,
    }));
    server = await startGitServer(root, TOKEN);
    env = {
      GITHUB_SERVER_URL: server.url,
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: sha,
      GITHUB_REF: 'refs/heads/main',
    };
    run = await runAction(
      {
        ...AIR_GAPPED,
        platforms: 'linux/amd64',
        image,
        tags: 'latest',
        push: 'true',
        'github-token': TOKEN,
      },
      { env, cwd: workspace },
    );
    await run.post();
  });

  afterAll(async () => {
    await server?.close();
    rmSync(workspace, { recursive: true, force: true });
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('builds and pushes the commit, with no checkout', () => {
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.log).toContain(`${server.url}/acme/app.git#${sha}`);
    docker(['pull', '-q', `${image}:latest`]);
    expect(docker(['run', '--rm', `${image}:latest`, 'cat', '/hello.txt'])).toBe(`${HELLO}\n`);
  });

  it('BuildKit cloned with the token, for that server only (GIT_AUTH_TOKEN.<host>), never on a command line', () => {
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.authorized)).toBe(true);
    expect(run.log).toContain(`--secret id=GIT_AUTH_TOKEN.${server.host},src=`);
    expect(run.log.replace(/^::add-mask::.*$/gm, '')).not.toContain(TOKEN);
  });

  it('provenance as build-push-action: mode=max, the run as builder-id, the commit as source', () => {
    const provenance = JSON.parse(
      docker(['buildx', 'imagetools', 'inspect', `${image}:latest`, '--format', '{{json .Provenance}}']),
    ) as {
      SLSA: {
        builder: { id: string };
        invocation: { configSource: { uri: string; digest: Record<string, string> } };
        buildConfig?: unknown;
      };
    };
    expect(provenance.SLSA.builder.id).toBe(`${server.url}/acme/app/actions/runs/1000/attempts/1`);
    expect(provenance.SLSA.invocation.configSource.uri).toBe(`${server.url}/acme/app.git#${sha}`);
    expect(provenance.SLSA.buildConfig).toBeDefined(); // only mode=max records the build steps
    expect(JSON.stringify(provenance)).not.toContain(TOKEN);
  });

  it('a token the server refuses: fails naming github-token', async () => {
    const refused = await runAction(
      { ...AIR_GAPPED, platforms: 'linux/amd64', 'github-token': 'ghs_revoked', provenance: 'false' },
      { env, cwd: workspace },
    );
    await refused.post();
    expect(refused.code).toBe(1);
    expect(refused.error).toMatch(
      new RegExp(
        `^build: context: ${server.url}/acme/app\\.git#${sha} could not be cloned \\(.*\\); set github-token to a token that can read the repository, or check it out and set context: \\.$`,
      ),
    );
  });
});
