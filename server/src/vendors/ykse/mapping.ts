import type {
  LayoutSeat,
  SeatKind,
  SeatLayout,
  SeatStatusMap,
  VendorCinema,
  VendorFilm,
  VendorShowtime,
} from "../../domain/catalog.js";
import { type Fen, yuanToFen } from "../../domain/money.js";
import { parseChinaLocal } from "../../domain/time.js";
import type { Pickup, Ticket, VendorOrderState } from "../../domain/trade.js";

/**
 * Pure translation of ykse payloads (doc 002 §4–5) into domain types. No I/O; every function
 * takes the already-unwrapped `data` / `dataList` and is tested on the document's examples.
 */

type Obj = Record<string, unknown>;
export const asObj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
export const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined =>
  v === undefined || v === null || v === "" ? undefined : typeof v === "string" ? v : String(v);
export const num = (v: unknown): number | undefined => {
  const s = str(v);
  if (s === undefined) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
};
/** ykse yuan strings ("35.5", "35.50", 35.5) → fen; undefined when absent or not a yuan amount. */
export const fen = (v: unknown): Fen | undefined => {
  const s = str(v);
  if (s === undefined) return undefined;
  try {
    return yuanToFen(s);
  } catch {
    return undefined;
  }
};
const time = (v: unknown): number | undefined => {
  const s = str(v);
  if (!s) return undefined;
  try {
    return parseChinaLocal(s);
  } catch {
    return undefined;
  }
};

// --- §4.1 cinemas -----------------------------------------------------------------------------

export function mapCinema(raw: unknown): VendorCinema {
  const c = asObj(raw);
  const refundBefore = num(c.refundBeforeTime);
  const refundLimit = num(c.refundLimitCount);
  return {
    vendorCinemaId: str(c.cinemaLinkId) ?? "",
    name: str(c.name) ?? "",
    ...(str(c.cinemaId) ? { nationalCode: str(c.cinemaId) } : {}),
    ...(str(c.cityCode) ? { cityCode: str(c.cityCode) } : {}),
    ...(str(c.city) ? { cityName: str(c.city) } : {}),
    halls: asArr(c.halls).map((h) => {
      const hall = asObj(h);
      return {
        vendorHallId: str(hall.hallId) ?? "",
        name: str(hall.name) ?? "",
        ...(str(hall.type) ? { type: hallType(str(hall.type) as string) } : {}),
        ...(num(hall.seatCount) !== undefined ? { seatCount: num(hall.seatCount) } : {}),
      };
    }),
    // "为空代表不可退票": no refundBeforeTime means refunds are not allowed at all; we keep
    // undefined for "vendor does not say" and use refundsAllowed below to tell the two apart.
    ...(refundBefore !== undefined ? { refundBeforeMinutes: refundBefore } : {}),
    ...(refundLimit !== undefined ? { refundLimitCount: refundLimit } : {}),
  };
}

/** §4.1: an empty refundBeforeTime means the cinema accepts no refunds. */
export const refundsAllowed = (raw: unknown): boolean => str(asObj(raw).refundBeforeTime) !== undefined;

const HALL_TYPES: Record<string, string> = { N: "normal", I: "imax", Y: "vip" };
const hallType = (t: string) => HALL_TYPES[t] ?? t;

// --- §4.2 schedules ---------------------------------------------------------------------------

/** What the connector needs back from a schedule to trade (kept in VendorShowtime.vendorData). */
export interface YkseScheduleData {
  scheduleKey: string;
  feeType: "ticket" | "order";
  ticketFeeFen: Fen;
  lowestFen?: Fen;
  settleFen?: Fen;
  standardFen?: Fen;
  /** Area (分区) name → area settle price; the name is the join key with §4.4 area seats. */
  areaSettleFen: Record<string, Fen>;
  benefitPrices: Array<{ policyCode: string; payFen: Fen; eachShowDiscountTickets?: number }>;
  sessionCode?: string;
  through: boolean;
}

export function mapSchedule(raw: unknown): VendorShowtime {
  const s = asObj(raw);
  const film = asObj(s.film);
  const startsAt = time(s.showDateTime) ?? 0;
  const stopSellingAt = Math.min(time(s.stopSellingTime) ?? startsAt, startsAt);
  const duration = num(film.duration);
  // §4.2.4 names the fee `ticketfee`, the example (and every confirm call) `ticketFee`.
  const feeFen = fen(s.ticketFee ?? s.ticketfee) ?? 0;
  const areaSettleFen: Record<string, Fen> = {};
  for (const a of asArr(s.areaSettlePrices)) {
    const name = str(asObj(a).name);
    const price = fen(asObj(a).settlePrice);
    if (name !== undefined && price !== undefined) areaSettleFen[name] = price;
  }
  const data: YkseScheduleData = {
    scheduleKey: str(s.scheduleKey) ?? "",
    feeType: str(s.feeType) === "order" ? "order" : "ticket",
    ticketFeeFen: feeFen,
    lowestFen: fen(s.lowestPrice),
    settleFen: fen(s.settlePrice),
    standardFen: fen(s.standardPrice),
    areaSettleFen,
    benefitPrices: asArr(s.benefitCardPrices).flatMap((b) => {
      const o = asObj(b);
      const payFen = fen(o.benefitPayPrice);
      const code = str(o.benefitPolicyCode);
      if (payFen === undefined || code === undefined) return [];
      const each = num(o.eachShowDiscountTickets);
      return [{ policyCode: code, payFen, ...(each !== undefined ? { eachShowDiscountTickets: each } : {}) }];
    }),
    sessionCode: str(s.sessionCode),
    through: str(s.throughStatus) === "Y",
  };
  const version = [str(film.dimensional), str(film.size) === "NORMAL" ? undefined : str(film.size)]
    .filter(Boolean)
    .join(" ");
  return {
    vendorShowtimeId: str(s.scheduleId) ?? "",
    vendorHallId: str(s.hallId) ?? "",
    vendorFilmId: str(film.filmCode) ?? "",
    ...(str(film.filmCode) ? { filmNationalCode: str(film.filmCode) } : {}),
    ...(str(film.shortName ?? film.name) ? { filmTitle: str(film.shortName ?? film.name) } : {}),
    startsAt,
    ...(duration !== undefined ? { endsAt: startsAt + duration * 60_000 } : {}),
    stopSellingAt,
    onSale: str(s.saleStatus) === "Y",
    ...(str(film.language) ? { language: str(film.language) } : {}),
    ...(version ? { version } : {}),
    price: {
      ...(data.standardFen !== undefined ? { listFen: data.standardFen } : {}),
      ...(data.settleFen !== undefined ? { settleFen: data.settleFen } : {}),
      ...(data.lowestFen !== undefined ? { lowestFen: data.lowestFen } : {}),
      // An order-level fee is not a per-seat fee: it is carried in vendorData.feeType only.
      ...(data.feeType === "ticket" ? { serviceFeeFen: feeFen } : {}),
    },
    ...(Object.keys(areaSettleFen).length > 0
      ? {
          areaPrices: Object.entries(areaSettleFen).map(([name, settle]) => ({
            areaId: name,
            areaName: name,
            settleFen: settle,
          })),
        }
      : {}),
    versionKey: data.scheduleKey,
    vendorData: { ykse: data },
  };
}

/** Reads back what mapSchedule stored (vendorData may have gone through JSON storage). */
export function scheduleData(vendorData: Record<string, unknown> | undefined): YkseScheduleData | undefined {
  const d = vendorData?.ykse;
  if (!d || typeof d !== "object") return undefined;
  return d as YkseScheduleData;
}

/** Films as the schedules carry them (ykse has no film call): one per national film code. */
export function filmsOfSchedules(raw: unknown[]): VendorFilm[] {
  const films = new Map<string, VendorFilm>();
  for (const s of raw) {
    const f = asObj(asObj(s).film);
    const code = str(f.filmCode);
    if (!code || films.has(code)) continue;
    const dims = [str(f.dimensional), str(f.size)].filter((x): x is string => !!x);
    films.set(code, {
      vendorFilmId: code,
      nationalCode: code,
      title: str(f.name) ?? str(f.shortName) ?? code,
      ...(str(f.language) ? { language: str(f.language) } : {}),
      ...(num(f.duration) !== undefined ? { durationMinutes: num(f.duration) } : {}),
      ...(dims.length ? { versions: dims } : {}),
    });
  }
  return [...films.values()];
}

// --- §4.3 seat map, §4.4 area seats ------------------------------------------------------------

export interface YkseSection {
  sectionId: string;
  name: string;
}

const SEAT_KINDS: Record<string, SeatKind> = {
  N: "normal",
  W: "wheelchair",
  L: "loveLeft",
  R: "loveRight",
  H: "normal",
  Z: "motion",
};

/** Picks the seat plan in effect on `onDate` (latest effectiveDate ≤ onDate, else the earliest). */
export function pickSeatPlan(plans: unknown[], onDate: string): Obj | undefined {
  const sorted = plans
    .map(asObj)
    .sort((a, b) => (str(a.effectiveDate) ?? "").localeCompare(str(b.effectiveDate) ?? ""));
  const inEffect = sorted.filter((p) => (str(p.effectiveDate) ?? "") <= onDate);
  return inEffect.at(-1) ?? sorted[0];
}

/**
 * §4.3 seat map → SeatLayout. Seat types N/W/L/R/H/Z; `damage: Y` and `H` (保留座位, reserved)
 * are never sellable. Sections (场区) are drawn one below the other when their grids overlap.
 * Love seats: each L is paired with the R to its right in the same row (x+1, else the nearest);
 * a love seat without a partner is drawn as a normal seat so the pair rule stays consistent.
 */
export function mapSeatPlan(hallId: string, plan: Obj | undefined): { layout: SeatLayout; sections: YkseSection[] } {
  const seats: LayoutSeat[] = [];
  const sections: YkseSection[] = [];
  const taken = new Set<string>();
  for (const rawSection of asArr(plan?.sections)) {
    const sec = asObj(rawSection);
    const sectionId = str(sec.sectionId) ?? "";
    sections.push({ sectionId, name: str(sec.name) ?? sectionId });
    const raw = asArr(sec.seats).map(asObj);
    const overlaps = raw.some((s) => taken.has(`${num(s.x)},${num(s.y)}`));
    const offset = overlaps ? Math.max(0, ...seats.map((s) => s.y)) : 0;
    for (const s of raw) {
      const type = str(s.type) ?? "N";
      const x = num(s.x) ?? 0;
      const y = (num(s.y) ?? 0) + offset;
      taken.add(`${x},${y}`);
      seats.push({
        vendorSeatId: str(s.seatId) ?? "",
        rowLabel: str(s.rowId) ?? "",
        colLabel: str(s.columnId) ?? "",
        x,
        y,
        kind: SEAT_KINDS[type] ?? "normal",
        ...(str(s.damage) === "Y" || type === "H" ? { broken: true } : {}),
      });
    }
  }
  pairLoveSeats(seats);
  return {
    layout: {
      vendorHallId: hallId,
      rows: Math.max(0, ...seats.map((s) => s.y)),
      cols: Math.max(0, ...seats.map((s) => s.x)),
      seats,
      areas: [],
    },
    sections,
  };
}

function pairLoveSeats(seats: LayoutSeat[]): void {
  const rights = seats.filter((s) => s.kind === "loveRight");
  const used = new Set<LayoutSeat>();
  for (const left of seats.filter((s) => s.kind === "loveLeft").sort((a, b) => a.x - b.x)) {
    const right =
      rights.find((r) => !used.has(r) && r.y === left.y && r.x === left.x + 1) ??
      rights
        .filter((r) => !used.has(r) && r.y === left.y && r.x > left.x)
        .sort((a, b) => a.x - b.x)
        .at(0);
    if (!right) continue;
    used.add(right);
    left.pairSeatId = right.vendorSeatId;
    right.pairSeatId = left.vendorSeatId;
  }
  for (const s of seats) if ((s.kind === "loveLeft" || s.kind === "loveRight") && !s.pairSeatId) s.kind = "normal";
}

/**
 * §4.4 area seats → seatId → area name (the name joins §4.2's areaSettlePrices, which carry no
 * code). Only areas that have a settle price on the schedule count (§11 step 2).
 */
export function mapAreaSeats(data: unknown, pricedAreas: Record<string, Fen>): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of asArr(asObj(data).sectionAreas)) {
    for (const area of asArr(asObj(section).areaDetails)) {
      const a = asObj(area);
      const name = str(a.name);
      if (!name || pricedAreas[name] === undefined) continue;
      for (const seat of asArr(a.seats)) {
        const id = str(asObj(seat).seatId);
        if (id) out.set(id, name);
      }
    }
  }
  return out;
}

/** §4.5 unsellable seats (sold, locked or damaged — the vendor does not say which). */
export function mapSoldSeats(data: unknown, into: SeatStatusMap = {}): SeatStatusMap {
  for (const section of asArr(asObj(data).sectionList)) {
    for (const seat of asArr(asObj(section).seats)) {
      const id = str(asObj(seat).seatId);
      if (id) into[id] = "unavailable";
    }
  }
  return into;
}

// --- §5 orders --------------------------------------------------------------------------------

export type YkseOrderStatus =
  | "wait_ticket"
  | "ticket_success"
  | "ticket_failed"
  | "refunding"
  | "refund_success"
  | "refund_failed"
  | "reverse_success";

export function mapTickets(data: unknown): Ticket[] {
  return asArr(asObj(data).tickets).map((t) => {
    const o = asObj(t);
    const seatId =
      str(o.seatId) ?? [str(o.sectionId), str(o.rowId), str(o.columnId)].filter((x) => x !== undefined).join("-");
    return { vendorSeatId: seatId, ...(str(o.ticketNo) ? { ticketNo: str(o.ticketNo) } : {}) };
  });
}

export function mapPickup(data: unknown): Pickup {
  const d = asObj(data);
  const goods = asObj(d.goodsOrder);
  const confirmationId = str(d.confirmationId);
  const goodsCode = str(goods.pickUpCode);
  return {
    ...(confirmationId ? { printCode: confirmationId } : {}),
    ...(goodsCode
      ? { instructions: `取票号 ${confirmationId ?? "-"}；卖品取货码 ${goodsCode}` }
      : confirmationId
        ? { instructions: `凭取票号 ${confirmationId} 在影院自助机取票` }
        : {}),
  };
}

/** §5.3–5.6 confirm answer (SUCCESS) → issued. */
export function mapConfirmed(data: unknown): VendorOrderState {
  const d = asObj(data);
  return {
    state: "issued",
    vendorOrderId: str(d.orderId) ?? "",
    tickets: mapTickets(d),
    pickup: mapPickup(d),
  };
}

/** §5.7 order info, the 7 statuses → VendorOrderState. */
export function mapOrderInfo(data: unknown): VendorOrderState {
  const d = asObj(data);
  const status = str(d.status) as YkseOrderStatus | undefined;
  const vendorOrderId = str(d.orderId);
  const id = vendorOrderId ? { vendorOrderId } : {};
  switch (status) {
    case "wait_ticket":
    case "refunding":
      return { state: "pending", ...id };
    case "ticket_success":
    case "refund_failed": {
      const tickets = asArr(d.tickets).map(asObj);
      return {
        state: "issued",
        vendorOrderId: vendorOrderId ?? "",
        tickets: mapTickets(d),
        pickup: mapPickup(d),
        printed: tickets.length > 0 && tickets.every((t) => str(t.printStatus) === "Y"),
      };
    }
    case "ticket_failed":
      return { state: "failed", ...id, reason: "ticket_failed: 影院系统确认订单失败" };
    case "refund_success":
      return { state: "refunded", ...id };
    case "reverse_success":
      return { state: "reversed", ...id };
    default:
      return { state: "pending", ...id };
  }
}

/** §5.8 pickup info: printId and per-ticket QR payloads (infoCode). */
export interface YkseTicketInfo {
  printId: string;
  bookingId?: string;
  confirmationId?: string;
  cinemaName?: string;
  hallName?: string;
  filmTitle?: string;
  showsAt?: number;
  createdAt?: number;
  tickets: Array<{
    ticketNo?: string;
    sectionName?: string;
    rowLabel?: string;
    colLabel?: string;
    qrPayload?: string;
    priceFen?: Fen;
    feeFen?: Fen;
    serviceFeeFen?: Fen;
    printed: boolean;
    refunded: boolean;
  }>;
}

export function mapTicketInfo(data: unknown): YkseTicketInfo {
  const d = asObj(data);
  return {
    printId: str(d.printId) ?? "",
    bookingId: str(d.bookingId),
    confirmationId: str(d.confirmationId),
    cinemaName: str(d.cinemaName),
    hallName: str(d.hallName),
    filmTitle: str(d.shortName),
    showsAt: time(d.showDateTime),
    createdAt: time(d.createDateTime),
    tickets: asArr(d.tickets).map((t) => {
      const o = asObj(t);
      return {
        ticketNo: str(o.ticketNo),
        sectionName: str(o.sectionName),
        rowLabel: str(o.rowId),
        colLabel: str(o.columnId),
        qrPayload: str(o.infoCode),
        priceFen: fen(o.ticketPrice),
        feeFen: fen(o.ticketFee),
        serviceFeeFen: fen(o.serviceFee),
        printed: str(o.printStatus) === "Y",
        refunded: str(o.refundStatus) === "Y",
      };
    }),
  };
}
