/**
 * When to ask Lingdong again about an activation whose outcome is not known (an answer lost, the
 * vendor down, a crash mid-call), as data. doc 004 documents no timetable, so this is ours: ask
 * often at first (the buyer is waiting for the SMS), then every 30 minutes, and after a day hand the
 * order to support staff (needsAttention) — never a guessed outcome. Offsets are from the confirm.
 */
export interface ActivationPhase {
  /** The phase applies while less than this much time has passed since the confirm. */
  untilMs: number;
  everyMs: number;
}

const MINUTE = 60_000;

export const ACTIVATION_TIMETABLE: readonly ActivationPhase[] = [
  { untilMs: 5 * MINUTE, everyMs: 30_000 },
  { untilMs: 60 * MINUTE, everyMs: 5 * MINUTE },
  { untilMs: 24 * 60 * MINUTE, everyMs: 30 * MINUTE },
];

/** The next time to ask, or null when the timetable is used up (the order needs a person). */
export function nextAskAt(startedAt: number, now: number): number | null {
  const phase = ACTIVATION_TIMETABLE.find((p) => now - startedAt < p.untilMs);
  return phase ? now + phase.everyMs : null;
}
