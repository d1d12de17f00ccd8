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

/** One seat as a grid vendor sends it, read from its own field names by the vendor's mapping. */
export interface GridSeat {
  vendorSeatId: string;
  x: number;
  y: number;
  /** The vendor's row and column labels; the grid position when it sends none. */
  rowLabel?: string | undefined;
  colLabel?: string | undefined;
  broken?: boolean;
  /** The value a love pair's two seats share (see `markLovePairs`); undefined for a seat in no pair. */
  pairKey?: string | undefined;
}

/** The layout of a grid vendor's seats: each normal until its pair is marked, the size from the furthest seat. */
export function gridSeatLayout(vendorHallId: string, wire: Iterable<GridSeat>): SeatLayout {
  const seats: LayoutSeat[] = [];
  const groups = new Map<string, LayoutSeat[]>();
  for (const w of wire) {
    const seat: LayoutSeat = {
      vendorSeatId: w.vendorSeatId,
      rowLabel: w.rowLabel ?? String(w.y),
      colLabel: w.colLabel ?? String(w.x),
      x: w.x,
      y: w.y,
      kind: "normal",
      ...(w.broken ? { broken: true } : {}),
    };
    seats.push(seat);
    if (w.pairKey) groups.set(w.pairKey, [...(groups.get(w.pairKey) ?? []), seat]);
  }
  markLovePairs(groups.values());
  return gridLayout(vendorHallId, seats);
}
