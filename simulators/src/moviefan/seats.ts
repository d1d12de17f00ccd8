import type { Hall, Seat } from "../core/dataset-types.js";

/** Wire seat id: grid column and row, `x_y`, like the example's "19_12" (colNum 19, rowNum 12). */
export function wireSeatId(seat: Pick<Seat, "x" | "y">): string {
  return `${seat.x}_${seat.y}`;
}

/** Seat type table: 1 ordinary, 2 love-seat left, 3 love-seat right (wheelchair / VIP seats are 1). */
export function seatTypeCode(seat: Seat): number {
  if (seat.type === "loveLeft") return 2;
  if (seat.type === "loveRight") return 3;
  return 1;
}

/** Both seats of a pair share one loveCode, built from the left seat's id. */
export function loveCode(seat: Seat, hall: Hall): string {
  if (seat.type !== "loveLeft" && seat.type !== "loveRight") return "";
  const left = seat.type === "loveLeft" ? seat : hall.seats.find((s) => s.id === seat.pairSeatId);
  return left ? `L${wireSeatId(left)}` : "";
}

export interface WireSeat {
  seatID: string;
  rowNum: string;
  colNum: string;
  xCoord: number;
  yCoord: number;
  type: number;
  loveCode: string;
  status: number;
}

/** Per-hall index from wire seat id to the data-set seat. */
const hallIndex = new WeakMap<Hall, Map<string, Seat>>();
export function seatByWireId(hall: Hall, id: string): Seat | undefined {
  let index = hallIndex.get(hall);
  if (!index) {
    index = new Map(hall.seats.map((s) => [wireSeatId(s), s]));
    hallIndex.set(hall, index);
  }
  return index.get(id);
}

/**
 * The seat list of queryShowSeats: every grid cell, row by row. Cells without a seat (aisles) are
 * status 2 "不是座位"; broken or held seats are 0; the rest 1. xCoord/yCoord follow the field table
 * (横坐标 = grid column, 纵坐标 = grid row).
 */
export function renderSeats(hall: Hall, isHeld: (seatId: string) => boolean, filter?: string): WireSeat[] {
  const byCell = new Map(hall.seats.map((s) => [`${s.x}:${s.y}`, s]));
  const out: WireSeat[] = [];
  for (let y = 1; y <= hall.rows; y++) {
    for (let x = 1; x <= hall.cols; x++) {
      const seat = byCell.get(`${x}:${y}`);
      const row: WireSeat = seat
        ? {
            seatID: wireSeatId(seat),
            rowNum: seat.rowLabel,
            colNum: seat.colLabel,
            xCoord: x,
            yCoord: y,
            type: seatTypeCode(seat),
            loveCode: loveCode(seat, hall),
            status: seat.broken || isHeld(seat.id) ? 0 : 1,
          }
        : {
            seatID: wireSeatId({ x, y }),
            rowNum: "",
            colNum: "",
            xCoord: x,
            yCoord: y,
            type: 1,
            loveCode: "",
            status: 2,
          };
      if (filter === "0" || filter === "1") {
        if (String(row.status) !== filter) continue;
      }
      out.push(row);
    }
  }
  return out;
}
