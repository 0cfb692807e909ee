import * as core from '@actions/core';

/** Where a file:line annotation points (a Dockerfile line, say). */
export interface AnnotationPlace {
  title?: string;
  file?: string;
  startLine?: number;
}

/** The job log, as the phases speak to it; the runner's in production, a recording one in tests. */
export interface Log {
  info(message: string): void;
  /** A warning annotation; with `place`, on that file and line. */
  warning(message: string, place?: AnnotationPlace): void;
  notice(message: string): void;
  /** An error annotation; with `place`, on that file and line. */
  error(message: string, place?: AnnotationPlace): void;
  /** A child's raw output, as it arrives. */
  write(chunk: Buffer | string): void;
  /** Runs `fn` inside a collapsible log group. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Masks `value` in every later log line. */
  mask(value: string): void;
}

/** The runner's log: workflow commands through @actions/core. */
export const runnerLog: Log = {
  info: (m) => core.info(m),
  warning: (m, place) => core.warning(m, place),
  notice: (m) => core.notice(m),
  error: (m, place) => core.error(m, place),
  write: (chunk) => process.stdout.write(chunk),
  group: (title, fn) => core.group(title, fn),
  mask: (value) => core.setSecret(value),
};
