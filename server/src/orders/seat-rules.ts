import type { LayoutSeat, SeatLayout } from "../domain/catalog.js";

export type SeatRuleViolation =
  | { rule: "unknown_seat"; seatIds: string[] }
  | { rule: "not_sellable"; seatIds: string[] }
  | { rule: "too_many"; max: number }
  | { rule: "duplicate"; seatIds: string[] }
  | { rule: "love_seat_split"; seatIds: string[] }
  | { rule: "single_gap"; seatIds: string[] };

/**
 * Checks a seat selection against the hall's layout before anything is held or sent to a vendor.
 * Pure: `taken` is the set of seats already sold/locked/held (for the optional gap rule).
 */
export function checkSeatSelection(
  layout: SeatLayout,
  vendorSeatIds: string[],
  opts: { maxSeats: number; forbidSingleGap?: boolean; taken?: ReadonlySet<string> },
): SeatRuleViolation | null {
  const byId = new Map(layout.seats.map((s) => [s.vendorSeatId, s]));
  const unknown = vendorSeatIds.filter((id) => !byId.has(id));
  if (unknown.length) return { rule: "unknown_seat", seatIds: unknown };
  const dupes = vendorSeatIds.filter((id, i) => vendorSeatIds.indexOf(id) !== i);
  if (dupes.length) return { rule: "duplicate", seatIds: dupes };
  if (vendorSeatIds.length > opts.maxSeats) return { rule: "too_many", max: opts.maxSeats };
  const broken = vendorSeatIds.filter((id) => byId.get(id)!.broken);
  if (broken.length) return { rule: "not_sellable", seatIds: broken };

  const chosen = new Set(vendorSeatIds);
  const split = vendorSeatIds.filter((id) => {
    const pair = byId.get(id)!.pairSeatId;
    return pair !== undefined && !chosen.has(pair);
  });
  if (split.length) return { rule: "love_seat_split", seatIds: split };

  if (opts.forbidSingleGap) {
    const gaps = singleGaps(layout, chosen, opts.taken ?? new Set());
    if (gaps.length) return { rule: "single_gap", seatIds: gaps };
  }
  return null;
}

/**
 * Seats the selection would newly leave as a lone empty seat next to it, hemmed in by occupied
 * seats, an aisle or the row's edge. Allowed anyway, as good seat-map products do, when the buyer
 * had no other choice: a gap that existed before the selection is not the buyer's doing, and in a
 * run of free seats only one longer than the chosen seats within it can be filled without leaving a
 * single seat (a run of k + 1 free seats always leaves one, whichever k are taken).
 */
function singleGaps(layout: SeatLayout, chosen: ReadonlySet<string>, taken: ReadonlySet<string>): string[] {
  const gaps: string[] = [];
  const occupiedBefore = (s: LayoutSeat) => s.broken || taken.has(s.vendorSeatId);
  for (const seats of seatRows(layout)) {
    for (const run of freeRuns(seats, occupiedBefore)) {
      const picked = run.filter((s) => chosen.has(s.vendorSeatId)).length;
      if (picked === 0 || run.length - picked <= 1) continue;
      for (let i = 0; i < run.length; i++) {
        const s = run[i]!;
        if (chosen.has(s.vendorSeatId)) continue;
        const left = run[i - 1];
        const right = run[i + 1];
        const closedLeft = !left || chosen.has(left.vendorSeatId);
        const closedRight = !right || chosen.has(right.vendorSeatId);
        if (closedLeft && closedRight) gaps.push(s.vendorSeatId);
      }
    }
  }
  return gaps;
}

/** The hall's seats row by row, each row ordered by column. */
function seatRows(layout: SeatLayout): LayoutSeat[][] {
  const rows = new Map<number, LayoutSeat[]>();
  for (const s of layout.seats) rows.set(s.y, [...(rows.get(s.y) ?? []), s]);
  return [...rows.values()].map((row) => row.sort((a, b) => a.x - b.x));
}

/** Maximal runs of free, side-by-side seats in one row (an aisle or an occupied seat ends a run). */
function freeRuns(row: LayoutSeat[], occupied: (s: LayoutSeat) => boolean): LayoutSeat[][] {
  const runs: LayoutSeat[][] = [];
  let run: LayoutSeat[] = [];
  for (const s of row) {
    const adjacent = run.length > 0 && run[run.length - 1]!.x === s.x - 1;
    if (occupied(s)) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    if (!adjacent && run.length) {
      runs.push(run);
      run = [];
    }
    run.push(s);
  }
  if (run.length) runs.push(run);
  return runs;
}
