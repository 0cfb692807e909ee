import type { Log } from './log.js';

/** How long one phase took, in milliseconds from its start; `startMs` counts from the step's start. */
export interface PhaseTime {
  phase: string;
  startMs: number;
  ms: number;
}

/** Runs each phase in a log group and records when it started and how long it took, for the summary. */
export class Phases {
  readonly times: PhaseTime[] = [];
  /** When the step started, epoch ms: what `startMs` counts from, on the wall clock. */
  readonly startedAt = Date.now();
  private readonly origin = performance.now();

  constructor(private readonly log: Log) {}

  /** Runs `fn` in a log group titled `title`; records its time under `phase` even when it throws. */
  async run<T>(phase: string, title: string, fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await this.log.group(title, fn);
    } finally {
      const end = performance.now();
      this.times.push({
        phase,
        startMs: Math.round(start - this.origin),
        ms: Math.round(end - start),
      });
    }
  }
}
