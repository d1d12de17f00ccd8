/**
 * A vendor's documented timetable for driving an order whose outcome is not yet known to a final
 * state, as data. The order workflow executes it; connectors only declare it. Offsets are measured
 * from the first confirm attempt.
 *
 * At a given moment the workflow takes the first phase whose window contains "now" and whose
 * attempts are not used up, performs its action, and interprets the answer: a final state ends the
 * recovery; anything else waits `everyMs` and asks again. Past the last phase the order goes to
 * needsAttention — never to a guessed outcome.
 */
export type RecoveryAction =
  /** Call confirm again (only where the vendor documents it as idempotent). */
  | "confirm"
  /** Ask the vendor for the order's state. */
  | "query"
  /** Undo an order whose issue is uncertain (ykse reversal 冲正). */
  | "reverse"
  /** Cancel the unpaid/incomplete vendor order (VISTA CancelOrder). */
  | "cancel"
  /** Refund an issued booking (VISTA RefundBooking when CancelOrder fails). */
  | "refund";

export interface RecoveryPhase {
  action: RecoveryAction;
  /** Window start, ms after the first confirm attempt. */
  fromMs: number;
  /** Window end (inclusive), ms after the first confirm attempt, or the showtime's start. */
  untilMs: number | "showtime";
  everyMs: number;
  maxAttempts?: number;
  /** What to do when this action answers "state incorrect": ask with another action first. */
  onIncorrectState?: RecoveryAction;
}

export interface RecoveryPolicy {
  /** One line for support staff: where the rule comes from (document and section). */
  source: string;
  /** Settling an order after confirm was called. */
  settle: RecoveryPhase[];
  /** Settling a refund whose outcome is not final. */
  refund: RecoveryPhase[];
}

const MINUTE = 60_000;

export type PhaseChoice =
  | { kind: "run"; index: number; phase: RecoveryPhase }
  /** The next phase has not opened yet (e.g. ykse reversal from minute 13): wait until `atMs`. */
  | { kind: "wait"; atMs: number }
  /** Every phase is over or used up: a human must look (needsAttention). */
  | { kind: "exhausted" };

/**
 * What to do `elapsedMs` after the first confirm: the first phase whose window contains now and
 * whose attempts are not used up; or, when only later phases remain, wait for the earliest to
 * open. `msUntilShowtime` resolves "showtime" windows.
 */
export function choosePhase(
  phases: RecoveryPhase[],
  elapsedMs: number,
  msUntilShowtime: number,
  attemptsByPhase: number[],
): PhaseChoice {
  let nextOpen: number | undefined;
  for (const [index, phase] of phases.entries()) {
    const until = phase.untilMs === "showtime" ? elapsedMs + msUntilShowtime : phase.untilMs;
    const used = attemptsByPhase[index] ?? 0;
    if (elapsedMs > until) continue;
    if (phase.maxAttempts !== undefined && used >= phase.maxAttempts) continue;
    if (elapsedMs < phase.fromMs) {
      nextOpen = Math.min(nextOpen ?? phase.fromMs, phase.fromMs);
      continue;
    }
    return { kind: "run", index, phase };
  }
  return nextOpen === undefined ? { kind: "exhausted" } : { kind: "wait", atMs: nextOpen };
}

/** The phase to run now, or null when none is open (waiting for a later phase, or exhausted). */
export function currentPhase(
  phases: RecoveryPhase[],
  elapsedMs: number,
  msUntilShowtime: number,
  attemptsByPhase: number[],
): { index: number; phase: RecoveryPhase } | null {
  const choice = choosePhase(phases, elapsedMs, msUntilShowtime, attemptsByPhase);
  return choice.kind === "run" ? { index: choice.index, phase: choice.phase } : null;
}

export const minutes = (n: number) => n * MINUTE;

/**
 * The timetable of the vendors that publish none (辰星, 火烈鸟, 鼎新, 1905 …): never resend the sale or
 * refund, ask the vendor's order query once a minute until the showtime, and, with `maxAttempts`,
 * hand the order to a human after that many answers that settle nothing.
 */
export const queryEachMinute = (maxAttempts?: number): RecoveryPhase[] => [
  {
    action: "query",
    fromMs: 0,
    untilMs: "showtime",
    everyMs: minutes(1),
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
  },
];
