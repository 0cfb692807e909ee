import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Buildx } from '../buildx/buildx.js';
import { errorOutput, ExecError, lastLine } from '../exec/exec.js';
import { retry } from '../exec/retry.js';
import type { Inputs, KeyValue } from '../inputs/types.js';
import { formatAnnotation, type Annotation } from '../model/annotations.js';
import { formatPlatform, type Platform } from '../model/platforms.js';
import { isTransient } from '../registry/failures.js';
import { ActionError } from '../runner/errors.js';
import type { Step } from '../runner/step.js';
import { annotateDockerfile } from './build-errors.js';

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
  /** Secret id → file holding its value (from `secrets`, written by this run, mode 0600). */
  secretFiles: Map<string, string>;
}

/** CSV-quotes a key=value whose value has commas, as buildx's --output parser expects. */
const csvField = (field: string) => (field.includes(',') ? `"${field.replace(/"/g, '""')}"` : field);

function outputArgs(output: BuildOutput, oci: boolean, load: boolean): string[] {
  const ociAttr = oci ? ',oci-mediatypes=true' : '';
  const args: string[] = [];
  if (output.kind === 'digest') {
    const name = csvField(`name=${output.images.join(',')}`);
    args.push('--output', `type=image,${name},push-by-digest=true,name-canonical=true,push=true${ociAttr}`);
  } else if (output.kind === 'unpushed') {
    args.push('--output', `type=image,push=false${ociAttr}`);
  } else {
    for (const ref of output.refs) args.push('--tag', ref);
    if (output.push) args.push(...(oci ? ['--output', `type=image,push=true${ociAttr}`] : ['--push']));
  }
  if (load) args.push('--load');
  return args;
}

const pair = (kv: KeyValue) => `${kv.key}=${kv.value}`;
/** A secret by file or by environment variable name: never by value. */
const secret = (id: string, by: 'src' | 'env', where: string) => `id=${id},${by}=${where}`;

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

/** Writes each `secrets` value to its own 0600 file in the run's private temp dir; returns id → file. */
export async function writeSecretFiles(inputs: Inputs, tempDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (!inputs.secrets.length) return files;
  const dir = join(tempDir, 'secrets');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const { key, value } of inputs.secrets) {
    const file = join(dir, key);
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
 * Runs the build (`args` from buildArgs) with `env` added to its environment and reads its metadata file.
 * Throws ActionError (phase build) with buildx's last error line; annotates the failing Dockerfile line.
 */
export async function runBuild(
  step: Step,
  buildx: Buildx,
  inputs: Inputs,
  args: string[],
  metadataFile: string,
  env: Record<string, string>,
): Promise<BuildResult> {
  let stderr: string;
  try {
    // A push the registry refused for a while (after buildx's own retries) is worth one more build: every
    // layer is cached by then, so the retry costs little more than the push. Failed RUN steps are not retried.
    ({ stderr } = await retry(
      step.exec,
      step.log,
      { attempts: 2, baseMs: 3000, what: 'pushing the build result' },
      () => buildx.run(args, { env }),
      pushFailedTransiently,
    ));
  } catch (e) {
    const output = e instanceof ExecError ? e.result.stderr : '';
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
