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
 * seats, an aisle or the row's edge. A gap that already existed before the selection is not the
 * buyer's doing and is allowed. (The fuller "allowed when no other choice exists" search over
 * alternative selections is not implemented; the rule is off by default.)
 */
function singleGaps(layout: SeatLayout, chosen: ReadonlySet<string>, taken: ReadonlySet<string>): string[] {
  const rows = new Map<number, LayoutSeat[]>();
  for (const s of layout.seats) rows.set(s.y, [...(rows.get(s.y) ?? []), s]);
  const gaps: string[] = [];
  for (const seats of rows.values()) {
    seats.sort((a, b) => a.x - b.x);
    const occupiedAfter = (s: LayoutSeat) => s.broken || taken.has(s.vendorSeatId) || chosen.has(s.vendorSeatId);
    const occupiedBefore = (s: LayoutSeat) => s.broken || taken.has(s.vendorSeatId);
    for (let i = 0; i < seats.length; i++) {
      const s = seats[i]!;
      if (occupiedAfter(s)) continue;
      const left = seats[i - 1];
      const right = seats[i + 1];
      const blockedLeft = !left || left.x !== s.x - 1 || occupiedAfter(left);
      const blockedRight = !right || right.x !== s.x + 1 || occupiedAfter(right);
      if (!blockedLeft || !blockedRight) continue;
      const wasGap =
        (!left || left.x !== s.x - 1 || occupiedBefore(left)) &&
        (!right || right.x !== s.x + 1 || occupiedBefore(right));
      const touchesSelection = (left && chosen.has(left.vendorSeatId)) || (right && chosen.has(right.vendorSeatId));
      if (touchesSelection && !wasGap) gaps.push(s.vendorSeatId);
    }
  }
  return gaps;
}
