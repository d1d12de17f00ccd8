import type { Hall, Seat } from "../core/dataset-types.js";

/** 鼎新's seat type names (danren / shuangren / vip / canji); anything else sells as a single seat. */
const SEAT_TYPE: Record<string, string> = {
  loveLeft: "shuangren",
  loveRight: "shuangren",
  vip: "vip",
  wheelchair: "canji",
};
export const wireSeatType = (type: string): string => SEAT_TYPE[type] ?? "danren";

export interface GridCell {
  /** Column and row, 1-based (the wire swaps them: its x is the row). */
  x: number;
  y: number;
  /** Absent for an aisle. */
  seat?: Seat;
  /** For a love seat, the left seat of its pair: 鼎新 names a pair by that seat. */
  loveLeft?: Seat;
}

/** Every cell of a hall's grid, row by row, as both the hall map and the seat status walk it. */
export function* hallGrid(hall: Hall): Generator<GridCell> {
  const byCell = new Map(hall.seats.map((s) => [`${s.x}:${s.y}`, s]));
  for (let y = 1; y <= hall.rows; y++) {
    for (let x = 1; x <= hall.cols; x++) {
      const seat = byCell.get(`${x}:${y}`);
      const loveLeft =
        seat?.type === "loveLeft"
          ? seat
          : seat?.type === "loveRight"
            ? hall.seats.find((s) => s.id === seat.pairSeatId)
            : undefined;
      yield { x, y, ...(seat ? { seat } : {}), ...(loveLeft ? { loveLeft } : {}) };
    }
  }
}
