import type { Area, Hall, Seat } from "../core/dataset-types.js";

/**
 * The shape of an auditorium. Seats sit in blocks separated by one-column aisles; an optional
 * cross aisle is an empty grid row. Printed labels count seats only, so they skip both kinds of
 * aisle — which is exactly what makes printed labels and grid positions differ.
 */
export interface LayoutSpec {
  key: string;
  type: string;
  /** Printed rows (the grid has one more when there is a cross aisle). */
  rows: number;
  /** Seats per block, left to right; blocks are separated by an aisle column. */
  blocks: readonly number[];
  /** Printed row after which an empty grid row (cross aisle) runs. */
  crossAisleAfterRow?: number;
  /** Printed rows (inclusive) of the VIP area, which takes the middle block. */
  vipRows?: readonly [number, number];
  /** The last row is made of love-seat pairs. */
  loveLastRow: boolean;
  /** Printed row and seat number of the one broken seat. */
  brokenSeat: readonly [number, number];
}

export const layoutSpecs = {
  small: { key: "small", type: "普通厅", rows: 8, blocks: [3, 8, 3], loveLastRow: true, brokenSeat: [3, 12] },
  medium: {
    key: "medium",
    type: "普通厅",
    rows: 10,
    blocks: [4, 10, 4],
    crossAisleAfterRow: 4,
    vipRows: [6, 8],
    loveLastRow: true,
    brokenSeat: [2, 17],
  },
  laser: {
    key: "laser",
    type: "激光厅",
    rows: 12,
    blocks: [5, 12, 5],
    crossAisleAfterRow: 5,
    vipRows: [7, 9],
    loveLastRow: true,
    brokenSeat: [4, 1],
  },
  imax: {
    key: "imax",
    type: "IMAX厅",
    rows: 14,
    blocks: [6, 14, 6],
    crossAisleAfterRow: 6,
    vipRows: [8, 10],
    loveLastRow: true,
    brokenSeat: [11, 20],
  },
} as const satisfies Record<string, LayoutSpec>;

export type LayoutKey = keyof typeof layoutSpecs;

export function hallName(spec: LayoutSpec, hallNo: number): string {
  if (spec.key === "imax") return `${hallNo}号IMAX厅`;
  if (spec.key === "laser") return `${hallNo}号激光厅`;
  return `${hallNo}号厅`;
}

/** Builds one hall. Halls are immutable and shared between cinemas, hence frozen. */
export function buildHall(spec: LayoutSpec, hallNo: number): Hall {
  const id = `h${hallNo}`;
  const vipArea: Area | undefined = spec.vipRows ? { id: `${id}-vip`, name: "VIP区" } : undefined;
  const middleBlock = Math.floor(spec.blocks.length / 2);
  const seats: Seat[] = [];
  for (let row = 1; row <= spec.rows; row++) {
    const y = row + (spec.crossAisleAfterRow !== undefined && row > spec.crossAisleAfterRow ? 1 : 0);
    const isLoveRow = spec.loveLastRow && row === spec.rows;
    const inVipRows = spec.vipRows !== undefined && row >= spec.vipRows[0] && row <= spec.vipRows[1];
    let x = 0;
    let seatNo = 0;
    spec.blocks.forEach((width, block) => {
      if (block > 0) x++; // the aisle column
      for (let k = 0; k < width; k++) {
        x++;
        seatNo++;
        const seat: Seat = { id: `r${y}c${x}`, rowLabel: String(row), colLabel: String(seatNo), x, y, type: "normal" };
        if (isLoveRow && k < width - (width % 2)) {
          // Pairs never straddle an aisle: they start on even offsets inside the block.
          const left = k % 2 === 0;
          seat.type = left ? "loveLeft" : "loveRight";
          seat.pairSeatId = `r${y}c${left ? x + 1 : x - 1}`;
        } else if (row === 1 && ((block === 0 && k === 0) || (block === spec.blocks.length - 1 && k === width - 1))) {
          // Wheelchair places sit at the front-row ends, next to the exits.
          seat.type = "wheelchair";
        } else if (vipArea && inVipRows && block === middleBlock) {
          seat.type = "vip";
          seat.areaId = vipArea.id;
        }
        if (row === spec.brokenSeat[0] && seatNo === spec.brokenSeat[1]) seat.broken = true;
        seats.push(Object.freeze(seat));
      }
    });
  }
  const rows = spec.rows + (spec.crossAisleAfterRow !== undefined ? 1 : 0);
  const cols = spec.blocks.reduce((a, b) => a + b, 0) + spec.blocks.length - 1;
  return Object.freeze({
    id,
    name: hallName(spec, hallNo),
    type: spec.type,
    rows,
    cols,
    seats: Object.freeze(seats) as Seat[],
    areas: Object.freeze(vipArea ? [Object.freeze(vipArea)] : []) as Area[],
  });
}

/**
 * Hands out halls by (layout, hall number). A hall's id and name depend only on those two, so every
 * cinema with, say, a medium "3号厅" gets the same object: thousands of cinemas cost a few dozen halls.
 */
export function createHallCache(): (key: LayoutKey, hallNo: number) => Hall {
  const cache = new Map<string, Hall>();
  return (key, hallNo) => {
    const k = `${key}:${hallNo}`;
    let hall = cache.get(k);
    if (!hall) {
      hall = buildHall(layoutSpecs[key], hallNo);
      cache.set(k, hall);
    }
    return hall;
  };
}
