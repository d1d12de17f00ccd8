import type { Clock } from "../domain/time.js";

/** Timers behind the shutdown deadline, injectable so a test fires the deadline without waiting. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** One stage of stopping a node, e.g. "HTTP server" or "job workers". */
export interface StopStep {
  name: string;
  /** `budgetMs`: what is left of the deadline, for steps that wait themselves (pg-boss's graceful stop). */
  run(budgetMs: number): Promise<void>;
  /** What this step is still waiting for, named for the log line when the deadline passes. */
  pending?(): string[];
}

export type ShutdownOutcome = { ok: true; ms: number } | { ok: false; ms: number; stillRunning: string };

/**
 * Runs the stop steps in order (the caller lists them: stop taking work, let in-flight work end,
 * close the pool) and gives up when `deadlineMs` passes, saying which step and what in it was still
 * running. A step that throws does not stop the later ones: closing the pool matters even when the
 * HTTP server failed to close.
 */
export async function stopWithin(
  steps: readonly StopStep[],
  opts: { deadlineMs: number; clock: Clock; timers?: Timers; onError?: (step: string, err: unknown) => void },
): Promise<ShutdownOutcome> {
  const timers = opts.timers ?? realTimers;
  const started = opts.clock.now();
  let current: StopStep | undefined;
  let handle: unknown;
  const deadline = new Promise<"deadline">((resolve) => {
    handle = timers.setTimeout(() => resolve("deadline"), opts.deadlineMs);
  });
  const run = (async () => {
    for (const step of steps) {
      current = step;
      const budget = Math.max(0, opts.deadlineMs - (opts.clock.now() - started));
      try {
        await step.run(budget);
      } catch (err) {
        opts.onError?.(step.name, err);
      }
    }
    current = undefined;
    return "done" as const;
  })();
  const first = await Promise.race([run, deadline]);
  timers.clearTimeout(handle);
  const ms = opts.clock.now() - started;
  if (first === "done") return { ok: true, ms };
  const step = current as StopStep | undefined;
  const detail = step?.pending?.() ?? [];
  const stillRunning = step ? `${step.name}${detail.length > 0 ? ` (${detail.join(", ")})` : ""}` : "unknown";
  return { ok: false, ms, stillRunning };
}
