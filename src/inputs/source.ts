// What the build reads: the context (a folder, a URL, or build-push-action's default, the Git context of the
// workflow's commit) and its Dockerfile, checked before anything runs.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { RunnerContext } from '../runner/context.js';
import { InputError } from '../runner/errors.js';
import type { Inputs } from './types.js';

export interface BuildSource {
  /** The context buildx builds. */
  context: string;
  /** The Git context of the workflow's commit, when the runner says which (`{{defaultContext}}`). */
  defaultContext?: string;
  /** The server host whose clone `github-token` authenticates (secret GIT_AUTH_TOKEN.<host>), if any. */
  gitAuthHost?: string;
  /** The Dockerfile as the repository names it (relative to the workspace), for annotations on its lines. */
  dockerfile: string;
  /** The context is a local folder (the checkout), not a URL. */
  local: boolean;
}

type GitFacts = Pick<RunnerContext, 'serverUrl' | 'repository' | 'sha' | 'ref'>;

/**
 * build-push-action's default context: `<server>/<owner>/<repo>.git#<sha>` (`#<ref>` for a pull request,
 * whose merge commit only the ref names). Undefined outside a workflow run (no repository).
 */
export function defaultGitContext(ctx: GitFacts): string | undefined {
  if (!ctx.repository) return undefined;
  const ref = !ctx.ref || ctx.ref.startsWith('refs/') ? ctx.ref : `refs/heads/${ctx.ref}`;
  const base = `${ctx.serverUrl}/${ctx.repository}.git`;
  return ctx.sha && !ref.startsWith('refs/pull/') ? `${base}#${ctx.sha}` : `${base}#${ref}`;
}

/** A context buildx fetches itself (Git or HTTP URL, stdin) rather than a local folder. */
export const isRemoteContext = (context: string): boolean =>
  context === '-' || /^(https?:\/\/|git:\/\/|ssh:\/\/|git@|github\.com\/)/.test(context);

const DEFAULT_CONTEXT = /\{\{\s*defaultContext\s*\}\}/;

/** Replaces `{{defaultContext}}` (build-push-action's placeholder) in a context or build-context. */
export function withDefaultContext(value: string, defaultContext: string | undefined, input: string): string {
  if (!DEFAULT_CONTEXT.test(value)) return value;
  if (!defaultContext) throw noRepository(input);
  return value.replace(new RegExp(DEFAULT_CONTEXT.source, 'g'), defaultContext);
}

const noRepository = (input: string) =>
  new InputError(
    input,
    `the Git context of the workflow's commit needs GITHUB_REPOSITORY, which is not set (not a workflow run); set context: . to build the working folder`,
  );

/** A key file buildx can read, or a socket it can dial (an agent's): what an `ssh` path may be. */
export function readableKeyOrSocket(path: string): boolean {
  try {
    const stat = statSync(path);
    if (stat.isSocket()) return true;
    if (!stat.isFile()) return false;
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `ssh` as buildx reads each entry: `id` (or `default`) forwards the SSH agent at SSH_AUTH_SOCK; `id=path[,path…]`
 * loads key files or agent sockets, relative paths from the workspace (where buildx runs). buildx only reads
 * them once a builder is running. `readable` is asked about each path. Throws InputError (ssh) with the fix.
 */
export function checkSsh(
  ssh: string[],
  ctx: Pick<RunnerContext, 'workspace' | 'sshAuthSock'>,
  readable: (path: string) => boolean = readableKeyOrSocket,
): void {
  for (const entry of ssh) {
    const eq = entry.indexOf('=');
    const id = eq < 0 ? entry : entry.slice(0, eq);
    if (!id)
      throw new InputError(
        'ssh',
        `"${entry}" has no id before "="; write default or id=path (e.g. github=.ssh/id_ed25519)`,
      );
    const paths =
      eq < 0
        ? []
        : entry
            .slice(eq + 1)
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean);
    if (!paths.length) {
      if (!ctx.sshAuthSock) {
        throw new InputError(
          'ssh',
          `"${entry}" forwards the SSH agent, and SSH_AUTH_SOCK is not set; start one first (e.g. webfactory/ssh-agent), or give a key file as ${id}=path/to/key`,
        );
      }
      if (!readable(ctx.sshAuthSock)) {
        throw new InputError(
          'ssh',
          `"${entry}" forwards the SSH agent, and SSH_AUTH_SOCK (${ctx.sshAuthSock}) is no socket; start the agent in this job, or give a key file as ${id}=path/to/key`,
        );
      }
      continue;
    }
    for (const path of paths) {
      const full = resolve(ctx.workspace, path);
      if (!readable(full)) {
        throw new InputError(
          'ssh',
          `"${id}=…": ${path} is not a readable key file or agent socket${full !== path ? ` (looked for ${full}; paths are relative to the workspace)` : ''}; write the key to that path in an earlier step, or fix the path`,
        );
      }
    }
  }
}

/**
 * The context and Dockerfile of a build. `exists` is asked about local paths (relative ones start at the
 * workspace, as buildx resolves them from the step's working folder), `readable` about `ssh` paths (see
 * checkSsh). Throws InputError naming context, file, secret-files or ssh when a path is missing, with the fix.
 */
export function planSource(
  inputs: Pick<Inputs, 'context' | 'file' | 'githubToken' | 'secrets' | 'secretFiles' | 'ssh'>,
  ctx: GitFacts & Pick<RunnerContext, 'workspace' | 'sshAuthSock'>,
  exists: (path: string) => boolean = existsSync,
  readable: (path: string) => boolean = readableKeyOrSocket,
): BuildSource {
  const defaultContext = defaultGitContext(ctx);
  if (inputs.context === undefined && !defaultContext) throw noRepository('context');
  const context = withDefaultContext(inputs.context ?? '{{defaultContext}}', defaultContext, 'context');
  const ownToken = inputs.secrets.some((s) => /^GIT_AUTH_TOKEN($|\.)/.test(s.key));
  const gitAuthHost =
    inputs.githubToken && defaultContext && context.startsWith(defaultContext) && !ownToken
      ? new URL(ctx.serverUrl).host
      : undefined;
  const { workspace } = ctx;
  for (const { key, value } of inputs.secretFiles) {
    if (!exists(resolve(workspace, value))) {
      throw new InputError(
        'secret-files',
        `"${key}=${value}": ${value} is not found (paths are relative to the workspace, ${workspace})`,
      );
    }
  }
  checkSsh(inputs.ssh, ctx, readable);
  if (isRemoteContext(context)) {
    const subdir = /#[^:]*:(.+)$/.exec(context)?.[1] ?? '';
    const dockerfile = join(subdir, inputs.file ?? 'Dockerfile');
    return { context, defaultContext, gitAuthHost, dockerfile, local: false };
  }
  const folder = resolve(workspace, context);
  if (!exists(folder)) {
    throw new InputError(
      'context',
      `"${context}" is not found (relative to the workspace, ${workspace}); to build the repository without a checkout, remove context`,
    );
  }
  const file = inputs.file === undefined ? join(folder, 'Dockerfile') : resolve(workspace, inputs.file);
  if (!exists(file)) {
    if (inputs.file === undefined) {
      throw new InputError('context', `"${context}" has no Dockerfile; add one, or set file to where it is`);
    }
    const inContext = !isAbsolute(inputs.file) && exists(join(folder, inputs.file));
    throw new InputError(
      'file',
      inContext
        ? `"${inputs.file}" is not found: file is relative to the workspace, not to context (as in build-push-action); write file: ${relative(workspace, join(folder, inputs.file))}`
        : `"${inputs.file}" is not found (file is relative to the workspace, ${workspace}, not to context)`,
    );
  }
  const dockerfile = relative(workspace, file) || file;
  return { context, defaultContext, gitAuthHost, dockerfile, local: true };
}
