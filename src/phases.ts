import * as core from '@actions/core';

export interface PhaseTime {
  phase: string;
  ms: number;
}

/** Runs one phase in a log group and records how long it took, for the summary. */
export class Phases {
  readonly times: PhaseTime[] = [];

  async run<T>(phase: string, title: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await core.group(title, fn);
    } finally {
      this.times.push({ phase, ms: Math.round(performance.now() - start) });
    }
  }
}
