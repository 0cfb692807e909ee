import { isAbsolute, join, relative } from 'node:path';
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

/** The path of the Dockerfile as the workflow's checkout sees it, for the annotation to land on the file. */
export function workspacePath(context: string, file: string | undefined, workspace: string): string {
  const path = file ?? join(context, 'Dockerfile');
  const absolute = isAbsolute(path) ? path : join(workspace, path);
  return relative(workspace, absolute) || path;
}

/** Adds an error annotation on the Dockerfile line of each failure in a build's output. */
export function annotateDockerfile(
  log: Log,
  output: string,
  where: { workspace: string; context: string; file: string | undefined },
): void {
  const { workspace, context, file } = where;
  for (const e of dockerfileErrors(output)) {
    log.error(e.message, {
      title: 'Build failed',
      file: workspacePath(context, file, workspace),
      startLine: e.line,
    });
  }
}
