import { describe, expect, it } from "vitest";
import type { LayoutSeat, SeatLayout } from "../../src/domain/catalog.js";
import { checkSeatSelection } from "../../src/orders/seat-rules.js";

/** One row drawn as text: "." a seat, " " an aisle (no seat at that column), "L"/"R" a love pair. */
function hall(...rows: string[]): SeatLayout {
  const seats: LayoutSeat[] = [];
  rows.forEach((line, yi) => {
    [...line].forEach((ch, xi) => {
      if (ch === " ") return;
      const id = `${yi + 1}-${xi + 1}`;
      const pair = ch === "L" ? `${yi + 1}-${xi + 2}` : ch === "R" ? `${yi + 1}-${xi}` : undefined;
      seats.push({
        vendorSeatId: id,
        rowLabel: String(yi + 1),
        colLabel: String(xi + 1),
        x: xi + 1,
        y: yi + 1,
        kind: ch === "L" ? "loveLeft" : ch === "R" ? "loveRight" : "normal",
        ...(pair ? { pairSeatId: pair } : {}),
      });
    });
  });
  return { vendorHallId: "h", rows: rows.length, cols: Math.max(...rows.map((r) => r.length)), seats, areas: [] };
}

const gapRule = (layout: SeatLayout, ids: string[], taken: string[] = []) =>
  checkSeatSelection(layout, ids, { maxSeats: 6, forbidSingleGap: true, taken: new Set(taken) });

describe("seat rules", () => {
  it("refuses unknown, duplicate, too many and split love seats", () => {
    const h = hall("..LR..");
    expect(checkSeatSelection(h, ["9-9"], { maxSeats: 4 })).toEqual({ rule: "unknown_seat", seatIds: ["9-9"] });
    expect(checkSeatSelection(h, ["1-1", "1-1"], { maxSeats: 4 })?.rule).toBe("duplicate");
    expect(checkSeatSelection(h, ["1-1", "1-2", "1-5"], { maxSeats: 2 })).toEqual({ rule: "too_many", max: 2 });
    expect(checkSeatSelection(h, ["1-3"], { maxSeats: 4 })).toEqual({ rule: "love_seat_split", seatIds: ["1-3"] });
    expect(checkSeatSelection(h, ["1-3", "1-4"], { maxSeats: 4 })).toBeNull();
  });

  it("allows a lone empty seat when the cinema does not enforce the gap rule", () => {
    expect(checkSeatSelection(hall("......"), ["1-2"], { maxSeats: 4 })).toBeNull();
  });

  it("refuses a selection that leaves one empty seat against the row's edge, an aisle or a taken seat", () => {
    const h = hall("......  ......");
    expect(gapRule(h, ["1-2"])).toEqual({ rule: "single_gap", seatIds: ["1-1"] });
    expect(gapRule(h, ["1-5"])).toEqual({ rule: "single_gap", seatIds: ["1-6"] });
    expect(gapRule(h, ["1-11"], ["1-13"])).toEqual({ rule: "single_gap", seatIds: ["1-12"] });
    expect(gapRule(h, ["1-2", "1-4"])).toEqual({ rule: "single_gap", seatIds: ["1-1", "1-3"] });
  });

  it("accepts selections that leave no lone seat", () => {
    const h = hall("......  ......");
    expect(gapRule(h, ["1-1"])).toBeNull();
    expect(gapRule(h, ["1-3", "1-4"])).toBeNull();
    expect(gapRule(h, ["1-11", "1-12"], ["1-13", "1-14"])).toBeNull();
    expect(gapRule(h, ["1-10", "1-11"], ["1-13", "1-14"])).toEqual({ rule: "single_gap", seatIds: ["1-9", "1-12"] });
  });

  it("allows a lone seat when no other choice exists: k + 1 free seats in the run, or the gap was already there", () => {
    // Three free seats (1-2..1-4) between taken ones: any two of them leave one.
    expect(gapRule(hall("......"), ["1-2", "1-3"], ["1-1", "1-5", "1-6"])).toBeNull();
    expect(gapRule(hall("......"), ["1-2", "1-4"], ["1-1", "1-5", "1-6"])).toBeNull();
    // 1-1 was already a lone free seat before this selection: not the buyer's doing.
    expect(gapRule(hall("......"), ["1-3", "1-4"], ["1-2"])).toBeNull();
    // But with room to spare the same pair must not strand a seat.
    expect(gapRule(hall("......"), ["1-2", "1-3"])).toEqual({ rule: "single_gap", seatIds: ["1-1"] });
  });

  it("judges each row on its own", () => {
    const h = hall("....", "....");
    expect(gapRule(h, ["1-1", "2-2"])).toEqual({ rule: "single_gap", seatIds: ["2-1"] });
  });
});
