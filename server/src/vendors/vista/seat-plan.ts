import type { LayoutSeat, SeatLayout, SeatStatus, SeatStatusMap } from "../../domain/catalog.js";
import { ok, type Result } from "../../domain/errors.js";
import { codeError, numberField, stringField, type VistaClient } from "./client.js";

/**
 * RESTData GetSessionSeatPlan (§3.4). VISTA seats have two coordinates: the logical grid
 * (AreaNumber, RowIndex, ColumnIndex; (0,0) top-left, the row nearest the screen is the bottom)
 * which AddTickets needs, and the physical names printed on the ticket (row PhysicalName, seat Id).
 * Only existing seats are listed. Our vendorSeatId is the logical position "area-row-column",
 * stable for a hall across sessions.
 */

type Json = Record<string, unknown>;

/** SeatStyle: 0 normal, 1 SofaLeft, 2 SofaMiddle, 3 SofaRight. */
export const SeatStyle = { Normal: 0, SofaLeft: 1, SofaMiddle: 2, SofaRight: 3 } as const;

/** Status: 0 empty, 1 sold, 2 house-reserved, 3 special (wheelchair), 5 broken, 7 special reserved. */
export const VistaSeatStatus = { Empty: 0, Sold: 1, Reserved: 2, Special: 3, Broken: 5, SpecialReserved: 7 } as const;

export interface PlanSeat {
  vendorSeatId: string;
  areaNumber: number;
  areaCategoryCode: string;
  rowIndex: number;
  columnIndex: number;
  rowLabel: string;
  colLabel: string;
  style: number;
  status: number;
}

export interface SeatPlan {
  rows: number;
  cols: number;
  areas: Array<{ number: number; areaCategoryCode: string; description: string }>;
  seats: PlanSeat[];
  /** Sofa groups (love seats and longer sofas): seat id → every seat id of its group, left to right. */
  sofaGroups: Map<string, string[]>;
}

export const seatId = (areaNumber: number, rowIndex: number, columnIndex: number) =>
  `${areaNumber}-${rowIndex}-${columnIndex}`;

// --- commit + parse --------------------------------------------------------------------------------

export function getSeatPlan(client: VistaClient, cinemaId: string, sessionId: string): Promise<Result<SeatPlan>> {
  return client.call(
    {
      call: "GetSessionSeatPlan",
      method: "GET",
      path: `/RESTData.svc/cinemas/${encodeURIComponent(cinemaId)}/sessions/${encodeURIComponent(sessionId)}/seat-plan`,
      resultField: "ResponseCode",
      idempotent: true,
    },
    (a) => {
      if (a.code === 0 && a.json["SeatLayoutData"]) return ok(parseSeatPlan(a.json["SeatLayoutData"] as Json));
      // §3.4 返回结果说明: 67 = cinema marked the session sold out (包场) or set every seat to unpaid
      // booking, not a real sell-out; 4 = invalid cinema or session id.
      if (a.code === 67) return codeError(67, a.description || "session marked sold out (包场)", "showtime_closed");
      if (a.code === 4) return codeError(4, a.description || "invalid cinema or session id", "not_found");
      if (a.code === 0) return codeError(0, "seat plan answer without SeatLayoutData", "vendor_unavailable");
      return codeError(a.code ?? -1, a.description);
    },
  );
}

export function parseSeatPlan(layout: Json): SeatPlan {
  const areas: SeatPlan["areas"] = [];
  const seats: PlanSeat[] = [];
  let rows = 0;
  let cols = 0;
  for (const area of (layout["Areas"] as Json[] | undefined) ?? []) {
    const number = numberField(area["Number"]) ?? areas.length + 1;
    const areaCategoryCode = String(area["AreaCategoryCode"] ?? "");
    areas.push({ number, areaCategoryCode, description: String(area["Description"] ?? "") });
    rows = Math.max(rows, numberField(area["RowCount"]) ?? 0);
    cols = Math.max(cols, numberField(area["ColumnCount"]) ?? 0);
    for (const row of (area["Rows"] as Json[] | undefined) ?? []) {
      const rowLabel = stringField(row["PhysicalName"]) ?? "";
      for (const s of (row["Seats"] as Json[] | undefined) ?? []) {
        const pos = (s["Position"] as Json | undefined) ?? {};
        const areaNumber = numberField(pos["AreaNumber"]) ?? number;
        const rowIndex = numberField(pos["RowIndex"]) ?? 0;
        const columnIndex = numberField(pos["ColumnIndex"]) ?? 0;
        rows = Math.max(rows, rowIndex + 1);
        cols = Math.max(cols, columnIndex + 1);
        seats.push({
          vendorSeatId: seatId(areaNumber, rowIndex, columnIndex),
          areaNumber,
          areaCategoryCode,
          rowIndex,
          columnIndex,
          rowLabel,
          colLabel: stringField(s["Id"]) ?? String(columnIndex + 1),
          style: numberField(s["SeatStyle"]) ?? 0,
          status: numberField(s["Status"]) ?? 0,
        });
      }
    }
  }
  return { rows, cols, areas, seats, sofaGroups: sofaGroups(seats) };
}

/** SofaLeft, any SofaMiddle, then SofaRight, adjacent in one row of one area, form a group. */
function sofaGroups(seats: PlanSeat[]): Map<string, string[]> {
  const byRow = new Map<string, PlanSeat[]>();
  for (const s of seats) {
    const key = `${s.areaNumber}/${s.rowIndex}`;
    byRow.set(key, [...(byRow.get(key) ?? []), s]);
  }
  const groups = new Map<string, string[]>();
  for (const row of byRow.values()) {
    row.sort((a, b) => a.columnIndex - b.columnIndex);
    let open: PlanSeat[] | undefined;
    for (const s of row) {
      if (s.style === SeatStyle.SofaLeft) open = [s];
      else if (s.style === SeatStyle.SofaMiddle && open) open.push(s);
      else if (s.style === SeatStyle.SofaRight && open) {
        open.push(s);
        const ids = open.map((x) => x.vendorSeatId);
        for (const id of ids) groups.set(id, ids);
        open = undefined;
      } else open = undefined;
    }
  }
  return groups;
}

// --- success: domain shapes ------------------------------------------------------------------------

/** Live status: 0 and 3 (wheelchair) can be sold; 1 sold (VISTA shows held seats as sold too). */
export function toSeatStatus(status: number): SeatStatus {
  if (status === VistaSeatStatus.Empty || status === VistaSeatStatus.Special) return "available";
  if (status === VistaSeatStatus.Sold) return "sold";
  return "unavailable";
}

export function toStatusMap(plan: SeatPlan): SeatStatusMap {
  const out: SeatStatusMap = {};
  for (const s of plan.seats) {
    const st = toSeatStatus(s.status);
    if (st !== "available") out[s.vendorSeatId] = st;
  }
  return out;
}

/**
 * The hall layout as the domain sees it. Love seats are two-seat sofas (loveLeft/loveRight,
 * paired); longer sofas keep kind "normal" but AddTickets is refused locally unless the whole group
 * is booked. Seats of `baseAreaCategoryCode` carry no areaId (no priced area); other area
 * categories are priced areas identified by their AreaCategoryCode.
 */
export function toLayout(plan: SeatPlan, vendorHallId: string, baseAreaCategoryCode?: string): SeatLayout {
  const base = baseAreaCategoryCode ?? lowestCategory(plan);
  const seats: LayoutSeat[] = plan.seats.map((s) => {
    const group = plan.sofaGroups.get(s.vendorSeatId);
    const pair = group?.length === 2 ? group : undefined;
    const kind: LayoutSeat["kind"] = pair
      ? pair[0] === s.vendorSeatId
        ? "loveLeft"
        : "loveRight"
      : s.status === VistaSeatStatus.Special
        ? "wheelchair"
        : "normal";
    return {
      vendorSeatId: s.vendorSeatId,
      rowLabel: s.rowLabel,
      colLabel: s.colLabel,
      x: s.columnIndex + 1,
      y: plan.rows - s.rowIndex,
      kind,
      ...(pair ? { pairSeatId: pair[0] === s.vendorSeatId ? pair[1] : pair[0] } : {}),
      ...(s.areaCategoryCode !== base ? { areaId: s.areaCategoryCode } : {}),
      ...(s.status === VistaSeatStatus.Broken ? { broken: true } : {}),
    };
  });
  const categories = new Map<string, string>();
  for (const a of plan.areas) {
    if (a.areaCategoryCode !== base && !categories.has(a.areaCategoryCode)) {
      categories.set(a.areaCategoryCode, a.description);
    }
  }
  return {
    vendorHallId,
    rows: plan.rows,
    cols: plan.cols,
    seats,
    areas: [...categories].map(([id, name]) => ({ id, name })),
  };
}

/** The ordinary area: the lowest AreaCategoryCode (as mapping.ts picks the showtime's base price). */
function lowestCategory(plan: SeatPlan): string | undefined {
  return [...new Set(plan.seats.map((s) => s.areaCategoryCode))].sort()[0];
}
