import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Buildx } from '../buildx/buildx.js';
import { cancelledLine, errorOutput, ExecError, lastLine } from '../exec/exec.js';
import { retry } from '../exec/retry.js';
import { attestArgs, type AttestContext } from '../inputs/attests.js';
import { loadsIntoDocker } from '../inputs/build-checks.js';
import { withDefaultContext, type BuildSource } from '../inputs/source.js';
import type { Inputs, KeyValue } from '../inputs/types.js';
import { formatAnnotation, type Annotation } from '../model/annotations.js';
import { attribute } from '../model/attributes.js';
import { formatPlatform, type Platform } from '../model/platforms.js';
import { isTransient } from '../registry/failures.js';
import { ActionError } from '../runner/errors.js';
import { childPath } from '../runner/paths.js';
import type { Step } from '../runner/step.js';
import { annotateDockerfile, buildFailure, reportChecks } from './build-errors.js';

export type BuildOutput =
  | { kind: 'tags'; refs: string[]; push: boolean }
  /** A matrix leg: pushed by digest to each image, no tag at all. */
  | { kind: 'digest'; images: string[] }
  /** A leg with push: false: an image (so it has a digest), kept in the builder, pushed nowhere. */
  | { kind: 'unpushed' };

export interface BuildSpec {
  platforms: Platform[];
  output: BuildOutput;
  oci: boolean;
  annotations: Annotation[];
  cacheFrom: string[];
  cacheTo: string[];
  metadataFile: string;
  /** Secret id → file holding its value (`secrets` and the Git token, written by this run, mode 0600). */
  secretFiles: Map<string, string>;
  /** The context and Dockerfile (planSource). */
  source: BuildSource;
  /**
   * What the default provenance depends on: the run's builder-id, the repository's visibility; `loads` when
   * it is not the inputs' own (a push split from its load still attests as the build with both would).
   */
  attest: Omit<AttestContext, 'loads'> & { loads?: boolean };
}

/** This action's own image output: a leg's push by digest (or its unpushed image), or an OCI index pushed to the tags. */
function imageOutput(output: BuildOutput, oci: boolean): string[] {
  const ociAttr = oci ? ',oci-mediatypes=true' : '';
  if (output.kind === 'digest') {
    const name = attribute('name', output.images.join(','));
    return ['--output', `type=image,${name},push-by-digest=true,name-canonical=true,push=true${ociAttr}`];
  }
  if (output.kind === 'unpushed') return ['--output', `type=image,push=false${ociAttr}`];
  return output.push && oci ? ['--output', `type=image,push=true${ociAttr}`] : [];
}

const pair = (kv: KeyValue) => `${kv.key}=${kv.value}`;
/** A secret by file or by environment variable name: never by value. A path is quoted, never split. */
const secret = (id: string, by: 'src' | 'env', where: string) =>
  `${attribute('id', id)},${attribute(by, where)}`;

/** The secret id BuildKit looks up to authenticate a Git clone from `host` (before plain GIT_AUTH_TOKEN). */
export const gitAuthSecretId = (host: string): string => `GIT_AUTH_TOKEN.${host}`;

/**
 * The whole `buildx build` argument list (after `buildx`), flag for flag in build-push-action's order, so a
 * workflow moved here builds with the argv it built with there. This action's differences: `--progress
 * plain` (the log reads the same on every runner), no `--iidfile` and no `--builder` (the image id comes
 * from the metadata file, the builder from BUILDX_BUILDER), its own image output (a leg's push by digest, or
 * OCI media types when index annotations need them), and the Git token as GIT_AUTH_TOKEN.<host>. Secret
 * values never appear in it: only ids, files and env names.
 */
export function buildArgs(inputs: Inputs, spec: BuildSpec): string[] {
  const argv = ['build', '--progress', 'plain'];
  const add = (flag: string, values: Array<string | undefined>) => {
    for (const v of values) if (v !== undefined) argv.push(flag, v);
  };
  const { source } = spec;
  const secretFiles = [...spec.secretFiles];
  add('--add-host', inputs.addHosts);
  add('--allow', inputs.allow);
  add('--annotation', spec.annotations.map(formatAnnotation));
  add('--build-arg', inputs.buildArgs.map(pair));
  add(
    '--build-context',
    inputs.buildContexts.map((kv) => withDefaultContext(pair(kv), source.defaultContext, 'build-contexts')),
  );
  add('--cache-from', spec.cacheFrom);
  add('--cache-to', spec.cacheTo);
  add('--call', [inputs.call && [inputs.call, ...inputs.callFields].join(',')]);
  add('--cgroup-parent', [inputs.cgroupParent]);
  add(
    '--secret',
    inputs.secretEnvs.map((kv) => secret(kv.key, 'env', kv.value)),
  );
  add('--file', [inputs.file]);
  add('--label', inputs.labels.map(pair));
  add('--no-cache-filter', inputs.noCacheFilters);
  add('--output', inputs.outputs);
  argv.push(...imageOutput(spec.output, spec.oci));
  if (spec.platforms.length) add('--platform', [spec.platforms.map(formatPlatform).join(',')]);
  add(
    '--attest',
    attestArgs(inputs, { ...spec.attest, loads: spec.attest.loads ?? loadsIntoDocker(inputs) }),
  );
  const git = source.gitAuthHost ? gitAuthSecretId(source.gitAuthHost) : undefined;
  add(
    '--secret',
    secretFiles.filter(([id]) => id !== git).map(([id, file]) => secret(id, 'src', file)),
  );
  add(
    '--secret',
    inputs.secretFiles.map((kv) => secret(kv.key, 'src', kv.value)),
  );
  add(
    '--secret',
    secretFiles.filter(([id]) => id === git).map(([id, file]) => secret(id, 'src', file)),
  );
  add('--shm-size', [inputs.shmSize]);
  add('--ssh', inputs.ssh);
  if (spec.output.kind === 'tags') add('--tag', spec.output.refs);
  add('--target', [inputs.target]);
  add('--ulimit', inputs.ulimit);
  if (inputs.load) argv.push('--load');
  argv.push('--metadata-file', spec.metadataFile);
  add('--network', [inputs.network]);
  if (inputs.noCache) argv.push('--no-cache');
  if (inputs.pull) argv.push('--pull');
  if (spec.output.kind === 'tags' && spec.output.push && !spec.oci) argv.push('--push');
  argv.push(source.context);
  return argv;
}

/**
 * Writes each `secrets` value, and the Git token when `source` clones with it, to its own 0600 file in the
 * run's private temp dir; returns secret id → file.
 */
export async function writeSecretFiles(
  inputs: Inputs,
  tempDir: string,
  source?: BuildSource,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const values: KeyValue[] = [...inputs.secrets];
  if (source?.gitAuthHost && inputs.githubToken) {
    values.push({ key: gitAuthSecretId(source.gitAuthHost), value: inputs.githubToken });
  }
  if (!values.length) return files;
  const dir = join(tempDir, 'secrets');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const { key, value } of values) {
    const file = childPath(dir, key);
    await writeFile(file, value, { mode: 0o600 });
    await chmod(file, 0o600);
    files.set(key, file);
  }
  return files;
}

export interface BuildResult {
  digest?: string;
  imageId?: string;
  metadata: Record<string, unknown>;
  log: string;
  /** The log of the build that ran the steps, when the push ran after it from the cache (build-exports.ts). */
  stepsLog?: string;
  /** The layer cache BuildKit refused to set up, when the build was run again without it. */
  cacheRefused?: string;
}

/**
 * BuildKit's refusal to set up a cache importer or exporter at all (a malformed or expired cache token, an
 * unknown cache type): ignore-error=true does not cover it, so the whole build fails. The reason, or
 * undefined.
 */
export function cacheRefusal(stderr: string): string | undefined {
  return /failed to configure \w+ cache (?:exporter|importer)[^\n]*/.exec(stderr)?.[0].trim();
}

/** `args` without their --cache-from and --cache-to values. */
export function withoutCache(args: string[]): string[] {
  return args.filter(
    (a, i) => !/^--cache-(from|to)$/.test(a) && !/^--cache-(from|to)$/.test(args[i - 1] ?? ''),
  );
}

/** The build failed while pushing, for a reason that may pass (5xx, 429, timeouts, dropped connections). */
export function pushFailedTransiently(e: unknown): boolean {
  if (!(e instanceof ExecError)) return false;
  const line = lastLine(e.result.stderr);
  return (
    /failed to push|pushing|push access|failed to copy|failed commit on ref/i.test(line) && isTransient(line)
  );
}

/**
 * Runs the build of `spec` with `env` added to its environment and reads its metadata file; `signal` stops
 * it. A cache this action set up that BuildKit refuses to configure is dropped and the build run again
 * (cacheRefused says why). Throws ActionError (phase build) with buildx's last error line, naming the input
 * to change when one is the fix; annotates the failing Dockerfile line, or with `call: check` each warning's
 * line.
 */
export async function runBuild(
  step: Step,
  buildx: Buildx,
  inputs: Inputs,
  spec: BuildSpec,
  env: Record<string, string>,
  args = buildArgs(inputs, spec),
  signal?: AbortSignal,
): Promise<BuildResult> {
  const { dockerfile } = spec.source;
  let stderr: string;
  try {
    // A push the registry refused for a while (after buildx's own retries) is worth one more build: every
    // layer is cached by then, so the retry costs little more than the push. Failed RUN steps are not retried.
    ({ stderr } = await retry(
      step.exec,
      step.log,
      { attempts: 2, baseMs: 3000, what: 'pushing the build result' },
      () => buildx.run(args, { env, signal }),
      (e) => !signal?.aborted && pushFailedTransiently(e),
    ));
  } catch (e) {
    const output = e instanceof ExecError ? `${e.result.stderr}\n${e.result.stdout}` : '';
    // A build the job cancelled failed for no reason in the Dockerfile or the inputs.
    if (step.exec.cancelled) {
      const said = output ? lastLine(output) : errorOutput(e);
      throw new ActionError('build', cancelledLine(step.exec.cancelledBy, 'during the build', said));
    }
    // The cache this action set up is never worth a failed build; one the user wrote (cache-from/-to) is theirs.
    const refused = cacheRefusal(output);
    const managed = !inputs.cacheFrom.length && !inputs.cacheTo.length;
    if (refused && managed && withoutCache(args).length < args.length) {
      const result = await runBuild(step, buildx, inputs, spec, env, withoutCache(args), signal);
      return { ...result, cacheRefused: refused };
    }
    if (inputs.call === 'check') throw reportChecks(step.log, output, dockerfile) ?? failure(e, output);
    annotateDockerfile(step.log, output, dockerfile);
    throw failure(e, output);
  }
  let metadata: Record<string, unknown> = {};
  try {
    metadata = JSON.parse(await readFile(spec.metadataFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // no metadata file: a build with no output still succeeded
  }
  const digest = metadata['containerimage.digest'] as string | undefined;
  const imageId = (metadata['containerimage.config.digest'] as string | undefined) ?? digest;
  return { digest, imageId, metadata, log: stderr };

  function failure(e: unknown, output: string): ActionError {
    return output ? buildFailure(output, inputs, spec.source) : new ActionError('build', errorOutput(e));
  }
}

/** The metadata output, without buildx's provenance blob (large, and not what users read it for). */
export function publicMetadata(metadata: Record<string, unknown>): string {
  const { ['buildx.build.provenance']: _provenance, ...rest } = metadata;
  return JSON.stringify(rest);
}
