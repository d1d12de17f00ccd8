/**
 * Steps with compensation (the saga pattern of Medusa's workflow steps and Temporal's saga samples),
 * independent of orders: a list of named steps, each able to move forward (`invoke`) and to undo
 * itself (`compensate`). When a step's invoke is refused, the steps completed before it are
 * compensated in reverse order; an undo that was asked for (a refund) compensates from the last step.
 *
 * The runner records every move through `record` before it runs the next step, so the cursor (which
 * step, which direction) is durable: a crash between a step's action and its record runs that step
 * again on resume. Steps must therefore be safe to repeat — the vendor steps are, because they ask
 * the vendor before they act again (vendors/recovery.ts).
 */

export interface SagaStep<R, F> {
  readonly name: string;
  /** One durable attempt to move the step forward. */
  invoke(run: R): Promise<StepVerdict<F>>;
  /** One durable attempt to undo the completed step. */
  compensate(run: R): Promise<StepVerdict<F>>;
}

/** What one attempt found. `facts` are what the caller records with the move (e.g. ticket numbers). */
export type StepVerdict<F> =
  /** invoke: the step is complete; compensate: the step is undone. */
  | { kind: "done"; facts?: F }
  /**
   * invoke: the step will never complete, so the steps before it are undone; compensate: the step
   * cannot be undone, so the saga stays complete (a refund the vendor refused).
   */
  | { kind: "refused"; reason: string; facts?: F }
  /** No final answer yet: the same direction of the same step runs again at `at` (epoch ms). */
  | { kind: "later"; at: number }
  /** Nothing left that the step may try on its own: a person decides. */
  | { kind: "attention"; reason: string };

/** Where a saga stands: the step that runs next and in which direction. */
export interface SagaCursor {
  step: string;
  /** Compensating rather than invoking. */
  undo: boolean;
  /** Why the steps are being undone after a refused invoke (absent for an undo that was asked for). */
  reason?: string;
}

export type SagaEnd<F> =
  /** Every step invoked. */
  | { kind: "completed"; facts?: F }
  /** Every completed step undone; `reason` when an invoke was refused. */
  | { kind: "compensated"; reason?: string; facts?: F }
  /** An undo that was asked for was refused: the steps stay complete. */
  | { kind: "kept"; reason: string; facts?: F };

export type SagaMove<F> =
  | { kind: "next"; cursor: SagaCursor; facts?: F }
  | { kind: "wait"; at: number }
  | { kind: "attention"; reason: string }
  | { kind: "end"; end: SagaEnd<F> };

/** The one table of where a verdict leads. */
export function advance<R, F>(
  steps: readonly SagaStep<R, F>[],
  cursor: SagaCursor,
  verdict: StepVerdict<F>,
): SagaMove<F> {
  const i = indexOf(steps, cursor.step);
  const facts = "facts" in verdict ? verdict.facts : undefined;
  switch (verdict.kind) {
    case "later":
      return { kind: "wait", at: verdict.at };
    case "attention":
      return verdict;
    case "done":
      if (!cursor.undo) {
        const next = steps[i + 1];
        return next
          ? { kind: "next", cursor: { step: next.name, undo: false }, facts }
          : { kind: "end", end: { kind: "completed", facts } };
      }
      return undoFrom(steps, i - 1, cursor.reason, facts);
    case "refused":
      // A refused invoke leaves its own step not done: only the steps before it are undone.
      if (!cursor.undo) return undoFrom(steps, i - 1, verdict.reason, facts);
      // Undoing after a refusal, a step that cannot be undone leaves the saga neither done nor
      // undone: only a person can settle that.
      if (cursor.reason !== undefined)
        return { kind: "attention", reason: `${cursor.step} could not be undone: ${verdict.reason}` };
      return { kind: "end", end: { kind: "kept", reason: verdict.reason, facts } };
  }
}

function undoFrom<R, F>(
  steps: readonly SagaStep<R, F>[],
  i: number,
  reason: string | undefined,
  facts: F | undefined,
): SagaMove<F> {
  const prev = steps[i];
  if (!prev) return { kind: "end", end: { kind: "compensated", ...(reason ? { reason } : {}), facts } };
  return { kind: "next", cursor: { step: prev.name, undo: true, ...(reason ? { reason } : {}) }, facts };
}

function indexOf<R, F>(steps: readonly SagaStep<R, F>[], name: string): number {
  const i = steps.findIndex((s) => s.name === name);
  if (i < 0) throw new Error(`unknown saga step ${name}`);
  return i;
}

/**
 * Runs steps from `cursor` until one has to wait, needs a person, or the saga ends. Each move is
 * recorded (durably, by the caller) before the next step runs; the last move is returned.
 */
export async function runSaga<R, F>(
  steps: readonly SagaStep<R, F>[],
  start: SagaCursor,
  run: R,
  record: (move: SagaMove<F>, from: SagaCursor) => Promise<void>,
): Promise<Exclude<SagaMove<F>, { kind: "next" }>> {
  let cursor = start;
  for (;;) {
    const step = steps[indexOf(steps, cursor.step)]!;
    const verdict = await (cursor.undo ? step.compensate(run) : step.invoke(run));
    const move = advance(steps, cursor, verdict);
    await record(move, cursor);
    if (move.kind !== "next") return move;
    cursor = move.cursor;
  }
}
