// Issue 11 on a real engine: list inputs written as Docker's docs write them for build-push-action (a
// multi-line secret quoted whole, a quoted token, `secret-envs: A=ENV_A,B=ENV_B`, `build-args: "A=1,2"`, a
// quoted build context pointing at a mirror, `ssh: default,github=/k`) reach the build as Docker's actions
// pass them; `outputs` exports what the build saw. What Docker's grammar would mangle fails before anything
// runs, naming the input and the fix.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIR_GAPPED, BASE_IMAGE, builders, runAction } from '../support/e2e.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const token = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

const DOCKERFILE = `FROM mirror
ARG A
ARG GREETING
RUN --mount=type=secret,id=npmrc --mount=type=secret,id=github_token \\
    --mount=type=secret,id=A --mount=type=secret,id=B \\
    --mount=type=ssh,id=default --mount=type=ssh,id=github \\
    mkdir /out && cd /run/secrets && sha256sum npmrc github_token A B > /out/secrets.sha \\
    && printf '%s\\n' "$A" "$GREETING" > /out/args && ls /run/buildkit > /out/ssh
FROM scratch
COPY --from=0 /out /
`;

describe('Docker’s list grammar on a real engine (docker-container builder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grammar-'));
  const context = join(dir, 'context');
  const out = join(dir, 'out');
  const npmrc = `//registry.npmjs.org/:_authToken=${token('npm')}\nalways-auth=true`;
  const githubToken = token('ghs');
  const envA = token('envA');
  const envB = token('envB');
  let agent: ChildProcess | undefined;
  let run: Awaited<ReturnType<typeof runAction>>;
  let post: { code: number; log: string };

  beforeAll(async () => {
    mkdirSync(context);
    writeFileSync(join(context, 'Dockerfile'), DOCKERFILE);
    const key = join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const socket = join(dir, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    for (let i = 0; i < 50 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 100));
    run = await runAction(
      {
        ...AIR_GAPPED,
        context,
        platforms: 'linux/amd64',
        secrets: `"npmrc=${npmrc}"\n"github_token=${githubToken}"`,
        'secret-envs': 'A=E2E_ENV_A,B=E2E_ENV_B',
        'build-args': '"A=1,2"\nGREETING=hello, world',
        'build-contexts': `"mirror=docker-image://${BASE_IMAGE}"`,
        ssh: `default,github=${key}`,
        outputs: `type=local,dest=${out}`,
      },
      { env: { E2E_ENV_A: envA, E2E_ENV_B: envB, SSH_AUTH_SOCK: socket } },
    );
    post = await run.post();
  });

  afterAll(() => {
    agent?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('succeeds', () => {
    expect(run.error).toBeUndefined();
    expect(run.code).toBe(0);
    expect(post.code).toBe(0);
  });

  it('each secret holds exactly its value: the quoted two-line npmrc whole, the env secrets split on the comma', () => {
    const lines = readFileSync(join(out, 'secrets.sha'), 'utf8').trim().split('\n');
    expect(lines).toEqual([
      `${sha(npmrc)}  npmrc`,
      `${sha(githubToken)}  github_token`,
      `${sha(envA)}  A`,
      `${sha(envB)}  B`,
    ]);
  });

  it('the quoted build-arg keeps its comma and loses its quotes; an unquoted one keeps its comma', () => {
    expect(readFileSync(join(out, 'args'), 'utf8')).toBe('1,2\nhello, world\n');
  });

  it('the quoted build context replaced the image (no pull from Docker Hub, which is unreachable here)', () => {
    expect(run.log).toContain(`--build-context mirror=docker-image://${BASE_IMAGE}`);
    expect(run.log).not.toMatch(/--build-context "/);
  });

  it('ssh: default,github=<key> gave the build two agents', () => {
    expect(run.log).toContain('--ssh default --ssh github=');
    expect(readFileSync(join(out, 'ssh'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('every secret value masked, line by line too; none in the log otherwise; nothing masked that is no secret', () => {
    const masks = [...run.log.matchAll(/^::add-mask::(.*)$/gm)].map((m) => m[1]);
    const npmrcLines = npmrc.split('\n');
    // core.setSecret escapes the newline of a multi-line value as %0A.
    expect(masks).toEqual([npmrc.replace('\n', '%0A'), ...npmrcLines, githubToken, envA, envB]);
    const unmasked = run.log.replace(/^::add-mask::.*$/gm, '');
    for (const value of [githubToken, envA, envB, npmrcLines[0] as string]) {
      expect(unmasked).not.toContain(value);
    }
  });

  it('post removed the builder', () => {
    expect(builders()).not.toContain(run.outputs.builder);
  });
});

describe('what Docker’s grammar would mangle: one line naming the input and the fix, nothing run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grammar-bad-'));
  mkdirSync(join(dir, 'app'));
  writeFileSync(join(dir, 'app', 'Dockerfile'), 'FROM scratch\n');
  const secret = token('npm');

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    {
      name: 'a multi-line secret written without quotes (Docker: two secrets, and true masked everywhere)',
      inputs: {
        context: dir,
        file: 'app/Dockerfile',
        secrets: `npmrc=//registry.npmjs.org/:_authToken=${secret}\nalways-auth=true`,
      },
      error:
        /^inputs: secrets: "always-auth" on line 2 has a value too short or common to mask .*; quote the whole id=value, across its lines, as in "npmrc=line one⏎line two"/,
    },
    {
      name: 'a quote that is never closed',
      inputs: {
        context: dir,
        file: 'app/Dockerfile',
        secrets: `"npmrc=//registry.npmjs.org/:_authToken=${secret}\nalways-auth=true`,
      },
      error: /^inputs: secrets: a double quote is never closed .*; close it after the last line of the value/,
    },
    {
      name: 'a capital in the repository of a tag',
      inputs: { context: dir, file: 'app/Dockerfile', tags: 'registry/Acme-Org/app:1.0' },
      error:
        /^inputs: tags: "registry\/Acme-Org\/app:1\.0": repository names are lowercase .*; write "registry\/acme-org\/app:1\.0"$/,
    },
    {
      name: 'context: app with file: Dockerfile (file is relative to the workspace)',
      inputs: { context: 'app', file: 'Dockerfile' },
      cwd: dir,
      error:
        /^inputs: file: "Dockerfile" is not found: file is relative to the workspace, not to context \(as in build-push-action\); write file: app\/Dockerfile$/,
    },
  ])('$name', async ({ inputs, cwd, error }) => {
    const run = await runAction(inputs, { cwd: cwd ?? dir });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(error);
    expect(run.log.match(/^::error\b/gm)).toHaveLength(1);
    expect(run.log).not.toMatch(/^\[command\]/m);
    expect(run.log).not.toContain(secret);
    expect(run.log).not.toMatch(/^::add-mask::/m);
  });
});
