import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Buildx } from '../buildx/buildx.js';
import { errorOutput, ExecError, lastLine } from '../exec/exec.js';
import { retry } from '../exec/retry.js';
import type { Inputs, KeyValue } from '../inputs/types.js';
import { formatAnnotation, type Annotation } from '../model/annotations.js';
import { attribute } from '../model/attributes.js';
import { formatPlatform, type Platform } from '../model/platforms.js';
import { isTransient } from '../registry/failures.js';
import { ActionError } from '../runner/errors.js';
import { childPath } from '../runner/paths.js';
import type { Step } from '../runner/step.js';
import { annotateDockerfile } from './build-errors.js';

export type BuildOutput =
  | { kind: 'tags'; refs: string[]; push: boolean }
  /** A matrix leg: pushed by digest to each image, no tag at all. */
  | { kind: 'digest'; images: string[] };

export interface BuildSpec {
  platforms: Platform[];
  output: BuildOutput;
  oci: boolean;
  annotations: Annotation[];
  cacheFrom: string[];
  cacheTo: string[];
  metadataFile: string;
  /** Secret id → file holding its value (from `secrets`, written by this run, mode 0600). */
  secretFiles: Map<string, string>;
}

function outputArgs(output: BuildOutput, oci: boolean, load: boolean): string[] {
  const ociAttr = oci ? ',oci-mediatypes=true' : '';
  const args: string[] = [];
  if (output.kind === 'digest') {
    const name = attribute('name', output.images.join(','));
    args.push('--output', `type=image,${name},push-by-digest=true,name-canonical=true,push=true${ociAttr}`);
  } else {
    for (const ref of output.refs) args.push('--tag', ref);
    if (output.push) args.push(...(oci ? ['--output', `type=image,push=true${ociAttr}`] : ['--push']));
  }
  if (load) args.push('--load');
  return args;
}

const pair = (kv: KeyValue) => `${kv.key}=${kv.value}`;
/** A secret by file or by environment variable name: never by value. A path is quoted, never split. */
const secret = (id: string, by: 'src' | 'env', where: string) =>
  `${attribute('id', id)},${attribute(by, where)}`;

/**
 * The whole `buildx build` argument list (after `buildx`). Secret values never appear in it: only ids, files
 * and env names.
 */
export function buildArgs(inputs: Inputs, spec: BuildSpec): string[] {
  const argv = ['build', '--progress', 'plain'];
  const add = (flag: string, values: Array<string | undefined>) => {
    for (const v of values) if (v !== undefined) argv.push(flag, v);
  };
  if (spec.platforms.length) add('--platform', [spec.platforms.map(formatPlatform).join(',')]);
  add('--file', [inputs.file]);
  add('--target', [inputs.target]);
  add('--build-arg', inputs.buildArgs.map(pair));
  add('--build-context', inputs.buildContexts.map(pair));
  add('--label', inputs.labels.map(pair));
  add('--annotation', spec.annotations.map(formatAnnotation));
  add(
    '--secret',
    [...spec.secretFiles].map(([id, file]) => secret(id, 'src', file)),
  );
  add(
    '--secret',
    inputs.secretFiles.map((kv) => secret(kv.key, 'src', kv.value)),
  );
  add(
    '--secret',
    inputs.secretEnvs.map((kv) => secret(kv.key, 'env', kv.value)),
  );
  add('--ssh', inputs.ssh);
  if (inputs.noCache) argv.push('--no-cache');
  if (inputs.pull) argv.push('--pull');
  add('--network', [inputs.network]);
  add('--add-host', inputs.addHosts);
  add('--allow', inputs.allow);
  add('--shm-size', [inputs.shmSize]);
  add('--ulimit', inputs.ulimit);
  add('--provenance', [inputs.provenance]);
  add('--sbom', [inputs.sbom]);
  add('--cache-from', spec.cacheFrom);
  add('--cache-to', spec.cacheTo);
  argv.push(...outputArgs(spec.output, spec.oci, inputs.load));
  argv.push('--metadata-file', spec.metadataFile, inputs.context);
  return argv;
}

/**
 * Writes each `secrets` value to its own 0600 file in the run's private temp dir; returns id → file. Throws
 * when an id would name a file outside that dir (the inputs check refuses such ids first).
 */
export async function writeSecretFiles(inputs: Inputs, tempDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (!inputs.secrets.length) return files;
  const dir = join(tempDir, 'secrets');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const { key, value } of inputs.secrets) {
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
 * Runs the build (`args` from buildArgs) with `env` added to its environment and reads its metadata file;
 * `signal` stops it.
 * Throws ActionError (phase build) with buildx's last error line; annotates the failing Dockerfile line.
 */
export async function runBuild(
  step: Step,
  buildx: Buildx,
  inputs: Inputs,
  args: string[],
  metadataFile: string,
  env: Record<string, string>,
  signal?: AbortSignal,
): Promise<BuildResult> {
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
    const output = e instanceof ExecError ? e.result.stderr : '';
    // The cache this action set up is never worth a failed build; one the user wrote (cache-from/-to) is theirs.
    const refused = cacheRefusal(output);
    const managed = !inputs.cacheFrom.length && !inputs.cacheTo.length;
    if (refused && managed && withoutCache(args).length < args.length) {
      const result = await runBuild(step, buildx, inputs, withoutCache(args), metadataFile, env);
      return { ...result, cacheRefused: refused };
    }
    annotateDockerfile(step.log, output, {
      workspace: step.ctx.workspace,
      context: inputs.context,
      file: inputs.file,
    });
    const reason = lastLine(output).replace(/^failed to build: /, '') || errorOutput(e);
    throw new ActionError('build', `docker buildx build failed: ${reason}`);
  }
  let metadata: Record<string, unknown> = {};
  try {
    metadata = JSON.parse(await readFile(metadataFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // no metadata file: a build with no output still succeeded
  }
  const digest = metadata['containerimage.digest'] as string | undefined;
  const imageId = (metadata['containerimage.config.digest'] as string | undefined) ?? digest;
  return { digest, imageId, metadata, log: stderr };
}

/** The metadata output, without buildx's provenance blob (large, and not what users read it for). */
export function publicMetadata(metadata: Record<string, unknown>): string {
  const { ['buildx.build.provenance']: _provenance, ...rest } = metadata;
  return JSON.stringify(rest);
}
