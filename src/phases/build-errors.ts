// What a failed build printed, turned into annotations on Dockerfile lines and one line naming the input
// to change.
import { lastLine } from '../exec/exec.js';
import type { BuildSource } from '../inputs/source.js';
import type { Inputs } from '../inputs/types.js';
import { ActionError } from '../runner/errors.js';
import type { Log } from '../runner/log.js';

export interface SourceError {
  file: string;
  line: number;
  message: string;
}

/**
 * Finds the Dockerfile location buildx prints above a failed step (`Dockerfile:3` then a `>>>`-marked
 * excerpt) and the error it ends with.
 */
export function dockerfileErrors(log: string): SourceError[] {
  const lines = log.split('\n');
  const errors: SourceError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const at = /^(\S*?):(\d+)$/.exec(lines[i]?.trim() ?? '');
    if (!at || !lines[i + 1]?.startsWith('-----')) continue;
    const end = lines.findIndex((l, j) => j > i + 1 && l.startsWith('-----'));
    const message = lines.slice(end + 1).find((l) => l.startsWith('ERROR:'));
    if (end < 0 || !message) continue;
    errors.push({
      file: at[1] as string,
      line: Number(at[2]),
      message: message.replace(/^ERROR:\s*(failed to build: )?/, ''),
    });
  }
  return errors;
}

/** Adds an error annotation on the Dockerfile line of each failure in a build's output. */
export function annotateDockerfile(log: Log, output: string, dockerfile: string): void {
  for (const e of dockerfileErrors(output)) {
    log.error(e.message, { title: 'Build failed', file: dockerfile, startLine: e.line });
  }
}

export interface CheckWarning {
  rule: string;
  detail: string;
  /** Undefined when buildx printed no location. */
  line?: number;
}

/** The warnings `buildx build --call check` printed (`WARNING: Rule - url`, the detail, `file:line`). */
export function checkWarnings(output: string): CheckWarning[] {
  const lines = output.split('\n').map((l) => l.trim());
  const warnings: CheckWarning[] = [];
  lines.forEach((l, i) => {
    const head = /^WARNING: (\w+) - \S+$/.exec(l);
    if (!head) return;
    const at = /^\S*:(\d+)$/.exec(lines[i + 2] ?? '');
    warnings.push({
      rule: head[1] as string,
      detail: lines[i + 1] ?? '',
      ...(at ? { line: Number(at[1]) } : {}),
    });
  });
  return warnings;
}

/**
 * Puts each check warning on its Dockerfile line as a warning annotation; returns the one-line failure
 * (input `call`) when there are any, as buildx fails on them.
 */
export function reportChecks(log: Log, output: string, dockerfile: string): ActionError | undefined {
  const warnings = checkWarnings(output);
  for (const w of warnings) {
    log.warning(w.detail, {
      title: `Dockerfile check ${w.rule}`,
      file: dockerfile,
      ...(w.line ? { startLine: w.line } : {}),
    });
  }
  if (!warnings.length) return undefined;
  const where = warnings.map((w) => `${w.rule}${w.line ? ` (line ${w.line})` : ''}`).join(', ');
  return new ActionError(
    'build',
    `call: check found ${warnings.length} warning${warnings.length > 1 ? 's' : ''} in ${dockerfile}: ${where}; fix the Dockerfile, or skip a rule with a "# check=skip=<rule>" line at its top`,
    'call',
  );
}

/** The scanner image an SBOM attestation runs: `generator=` of the sbom input, else buildx's default. */
const sbomScanner = (sbom: string | undefined): string =>
  /(^|,)\s*generator=([^,]+)/.exec(sbom ?? '')?.[2] ?? 'docker/buildkit-syft-scanner';

/**
 * The one line a failed build ends with: buildx's reason, and when one input is the fix, that input
 * (sbom for an unreachable scanner image, file for a Dockerfile the context lacks, github-token for a Git
 * context the runner may not clone).
 */
export function buildFailure(output: string, inputs: Inputs, source: BuildSource): ActionError {
  const reason = lastLine(output).replace(/^failed to build: /, '');
  const scanner = sbomScanner(inputs.sbom)
    .replace(/^docker\.io\//, '')
    .split(':')[0] as string;
  if ((inputs.sbom || inputs.attests.length) && reason.includes(scanner)) {
    return new ActionError(
      'build',
      `sbom: the SBOM scanner image ${scanner} could not be pulled (${reason}); mirror it and set sbom: generator=<mirror>/${scanner.split('/').pop()}:stable-1, or set sbom: false`,
      'sbom',
    );
  }
  if (
    !source.local &&
    /failed to fetch remote|Authentication failed|could not read Username|repository .* not found/i.test(
      output,
    )
  ) {
    return new ActionError(
      'build',
      `context: ${source.context} could not be cloned (${reason}); set github-token to a token that can read the repository, or check it out and set context: .`,
      source.gitAuthHost ? 'github-token' : 'context',
    );
  }
  if (/failed to read dockerfile|open .*Dockerfile[^:]*: no such file/i.test(reason)) {
    return new ActionError(
      'build',
      `file: the Dockerfile ${source.dockerfile} is not in context ${source.context} (${reason}); set file to its path`,
      'file',
    );
  }
  return new ActionError('build', `docker buildx build failed: ${reason}`);
}
