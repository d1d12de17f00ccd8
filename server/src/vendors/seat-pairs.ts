import type { LayoutSeat, SeatLayout } from "../domain/catalog.js";

/**
 * Shared by connectors whose vendor marks a love pair by a group value both seats carry (1905's
 * BindNo, 火烈鸟 5.0's loveCode …): a group of exactly two seats is a pair, the one further left on
 * the grid is its left seat; any other group size makes no pair. Marks the seats in place.
 */
export function markLovePairs(groups: Iterable<LayoutSeat[]>): void {
  for (const pair of groups) {
    if (pair.length !== 2) continue;
    const [a, b] = pair[0]!.x <= pair[1]!.x ? [pair[0]!, pair[1]!] : [pair[1]!, pair[0]!];
    a.kind = "loveLeft";
    b.kind = "loveRight";
    a.pairSeatId = b.vendorSeatId;
    b.pairSeatId = a.vendorSeatId;
  }
}

/** A layout without priced areas whose size is the furthest seat on each axis. */
export const gridLayout = (vendorHallId: string, seats: LayoutSeat[]): SeatLayout => ({
  vendorHallId,
  rows: Math.max(0, ...seats.map((s) => s.y)),
  cols: Math.max(0, ...seats.map((s) => s.x)),
  seats,
  areas: [],
});
