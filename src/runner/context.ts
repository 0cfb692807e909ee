import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The runner and GitHub facts a step needs, read once from its environment. Nothing else in src/ reads
 * process.env: phases get this object (tests build one by hand).
 */
export interface RunnerContext {
  /** The step's environment as given: children inherit it (minus INPUT_*), `secret-envs` are read from it. */
  env: NodeJS.ProcessEnv;
  runId: string;
  runAttempt: string;
  /** The job id (`jobs.<id>`); matrix legs share it. */
  job: string;
  /** `push`, `pull_request`, …; '' outside Actions. */
  eventName: string;
  /** GITHUB_SERVER_URL: https://github.com, or a GHES/Gitea server, without a trailing slash. */
  serverUrl: string;
  /** `owner/name` of the workflow's repository; '' outside Actions. */
  repository: string;
  /** The commit the workflow runs on (GITHUB_SHA); '' outside Actions. */
  sha: string;
  /** The ref the workflow runs on (GITHUB_REF, e.g. refs/heads/main, refs/pull/1/merge); '' outside Actions. */
  ref: string;
  /** The event payload (GITHUB_EVENT_PATH) says the repository is private. */
  privateRepository: boolean;
  /** The checkout: where relative paths (file, secret-files) and the Actions cache's paths start. */
  workspace: string;
  /** RUNNER_TEMP, or the OS temp dir outside a runner. */
  tempDir: string;
  /** RUNNER_TOOL_CACHE, or a folder under tempDir outside a runner. */
  toolCache: string;
  /** The GitHub Actions cache service is reachable from this step (runtime token and URL are set). */
  cacheService: boolean;
  /** Where the docker CLI's config lives (DOCKER_CONFIG, else ~/.docker). */
  dockerConfig: string;
  dockerHost?: string;
  dockerContext?: string;
  /** SSH_AUTH_SOCK: the SSH agent `ssh: default` (an id with no paths) forwards to the build, when one runs. */
  sshAuthSock?: string;
  /** The step runs as root (binfmt_misc is written directly, not through sudo). */
  root: boolean;
  /** The job summary file (GITHUB_STEP_SUMMARY), when the runner gives one. */
  stepSummary?: string;
  /** Node's names for this machine: `linux`, `x64`. */
  os: NodeJS.Platform;
  arch: string;
  /** Where the kernel's binfmt_misc is mounted (QEMU handlers are registered there). */
  binfmtDir: string;
  /** Where runs of this action on this host keep what they share (the QEMU lock and handler users). */
  hostStateDir: string;
  /**
   * The process that started this step (the runner's worker on a runner): it lives as long as the job, main
   * and post alike, so a job is still running while it does. 0 when unknown.
   */
  parentPid: number;
}

/** The machine a step runs on, as readContext takes it (tests pass their own). */
export interface Machine {
  os: NodeJS.Platform;
  arch: string;
  uid: number;
  cwd: string;
  home: string;
  ppid?: number;
  binfmtDir?: string;
  hostStateDir?: string;
  /** Reads a file the runner names (the event payload); without it, the payload is not read. */
  readFile?: (path: string) => string;
}

/** `repository.private` of the event payload; false when there is none or it cannot be read. */
function repositoryIsPrivate(path: string | undefined, readFile?: (path: string) => string): boolean {
  if (!path || !readFile) return false;
  try {
    const event = JSON.parse(readFile(path)) as { repository?: { private?: unknown } };
    return event.repository?.private === true;
  } catch {
    return false;
  }
}

const nonEmpty = (v: string | undefined): string | undefined => (v ? v : undefined);

/** Reads the context from a step's environment (process.env in production). Throws nothing. */
export function readContext(
  env: NodeJS.ProcessEnv,
  machine: Machine = {
    os: process.platform,
    arch: process.arch,
    uid: process.getuid?.() ?? -1,
    cwd: process.cwd(),
    home: env.HOME ?? '',
    ppid: process.ppid,
    readFile: (path) => readFileSync(path, 'utf8'),
  },
): RunnerContext {
  const tempDir = env.RUNNER_TEMP || tmpdir();
  return {
    env,
    runId: env.GITHUB_RUN_ID || 'local',
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    job: env.GITHUB_JOB ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    privateRepository: repositoryIsPrivate(env.GITHUB_EVENT_PATH, machine.readFile),
    workspace: env.GITHUB_WORKSPACE || machine.cwd,
    tempDir,
    toolCache: env.RUNNER_TOOL_CACHE || join(tempDir, 'toolcache'),
    cacheService: Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL)),
    dockerConfig: env.DOCKER_CONFIG || join(machine.home, '.docker'),
    dockerHost: nonEmpty(env.DOCKER_HOST),
    dockerContext: nonEmpty(env.DOCKER_CONTEXT),
    stepSummary: nonEmpty(env.GITHUB_STEP_SUMMARY),
    sshAuthSock: nonEmpty(env.SSH_AUTH_SOCK),
    root: machine.uid === 0,
    os: machine.os,
    arch: machine.arch,
    binfmtDir: machine.binfmtDir ?? '/proc/sys/fs/binfmt_misc',
    hostStateDir: machine.hostStateDir ?? '/run/multiarch-build-action',
    parentPid: machine.ppid ?? 0,
  };
}
