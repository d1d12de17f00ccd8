import type {
  AreaPrice,
  LayoutSeat,
  SeatKind,
  SeatLayout,
  SeatStatus,
  SeatStatusMap,
  VendorCinema,
  VendorFilm,
  VendorHall,
  VendorShowtime,
} from "../../domain/catalog.js";
import { parseChinaLocal } from "../../domain/time.js";
import type { Pickup, Ticket, VendorOrderState } from "../../domain/trade.js";
import { rawPrice, yuanField } from "../price-fields.js";
import { int, str, type Wire } from "../wire/read.js";
import { list } from "./wire.js";

/** `cineUpdateTime` of a play that was never updated; sent back as is. */
export const NEVER_UPDATED = "0000-00-00 00:00:00";

/** partner/cinemas: `cinemaId` is 鼎新's own number, `cinemaNumber` the 8-digit national code (doc 000 §三: ≠). */
export function toCinema(w: Wire): VendorCinema | undefined {
  const id = str(w, "cinemaId");
  if (!id) return undefined;
  const national = str(w, "cinemaNumber");
  return {
    vendorCinemaId: id,
    name: str(w, "cinemaName") ?? "",
    ...(national && /^\d{8}$/.test(national) ? { nationalCode: national } : {}),
  };
}

/** cinema/config: only the fields whose use is clear; semantics are inferred from the names (public-refs §4.3). */
export interface DingxinCinemaConfig {
  /** buyNumLimit: seats per order. */
  buyNumLimit?: number;
  /** forbidRefundMin: refunds refused this many minutes before the show (inferred). */
  forbidRefundMin?: number;
  /** sellTimeLimit: selling stops this many minutes before the show (inferred). */
  sellTimeLimit?: number;
  /** validPeriod: the end of our authorisation for the cinema. */
  validPeriod?: string;
}

export function toConfig(w: Wire | undefined): DingxinCinemaConfig {
  return {
    buyNumLimit: int(w, "buyNumLimit"),
    forbidRefundMin: int(w, "forbidRefundMin"),
    sellTimeLimit: int(w, "sellTimeLimit"),
    validPeriod: str(w, "validPeriod"),
  };
}

export function toHall(w: Wire): VendorHall {
  return {
    vendorHallId: str(w, "id") ?? "",
    name: str(w, "name") ?? "",
    type: str(w, "type"),
    seatCount: int(w, "seatNum"),
  };
}

/** A yuan field as fen; undefined when absent, an issue when present but not money. */
const yuan = (w: Wire, name: string) => yuanField(name, str(w, name));

/** The film of a play: the first movieInfo entry (several entries are a through-show, 连场). */
function firstMovie(w: Wire): Wire | undefined {
  return list(w.movieInfo)[0];
}

/** One film per distinct `cineMovieId` of the plays (鼎新 lists films only inside plays and movie/info). */
export function filmsOfPlays(plays: readonly Wire[]): VendorFilm[] {
  const films = new Map<string, VendorFilm>();
  for (const p of plays) {
    for (const m of list(p.movieInfo)) {
      const id = str(m, "cineMovieId");
      if (!id || films.has(id)) continue;
      const dims = [str(m, "movieSize") === "IMAX" ? "IMAX" : undefined, str(m, "movieDimensional")].filter(Boolean);
      films.set(id, {
        vendorFilmId: id,
        nationalCode: str(m, "cineMovieNum"),
        title: str(m, "movieName") ?? "",
        language: str(m, "movieLanguage"),
        versions: dims.length ? [dims.join(" ")] : [],
      });
    }
  }
  return [...films.values()];
}

/**
 * cinema/plays → showtime. Prices are yuan: `marketPrice` is the counter (list) price, `lowestPrice`
 * the floor, `partnerPrice` (when not empty) the least we may declare — so it is the default settle
 * price and raises the floor; `price` is nominal and only displayed (§4.3). `allowBook` 0 is off
 * sale. The play's `cineUpdateTime` is its versionKey: seat-status, lock and sale send it back as
 * `play_update_time`. Selling stops `sellTimeLimit` minutes before the start when the cinema's
 * config says so (name-inferred), else at the start.
 */
export function toShowtime(w: Wire, sellTimeLimitMin = 0): VendorShowtime | undefined {
  const id = str(w, "id");
  const start = str(w, "startTime");
  if (!id || !start) return undefined;
  let startsAt: number;
  try {
    startsAt = parseChinaLocal(start);
  } catch {
    return undefined;
  }
  const end = str(w, "endTime");
  let endsAt: number | undefined;
  try {
    endsAt = end ? parseChinaLocal(end) : undefined;
  } catch {
    endsAt = undefined;
  }
  const market = yuan(w, "marketPrice");
  const lowest = yuan(w, "lowestPrice");
  const partner = yuan(w, "partnerPrice");
  const issues = [market.issue, lowest.issue, partner.issue].filter((x): x is string => !!x);
  const floor = Math.max(lowest.fen ?? 0, partner.fen ?? 0);
  const areaPrices: AreaPrice[] = [];
  for (const a of list(w.areaInfo)) {
    const areaId = str(a, "areaId");
    const price = yuan(a, "areaPrice");
    if (price.issue) issues.push(`area ${areaId}: ${price.issue}`);
    if (areaId && price.fen !== undefined) areaPrices.push({ areaId, settleFen: price.fen });
  }
  const movie = firstMovie(w);
  const updateTime = str(w, "cineUpdateTime") ?? NEVER_UPDATED;
  const raw = rawPrice(["price", "marketPrice", "lowestPrice", "partnerPrice"], (k) => str(w, k));
  const settle = partner.fen ?? market.fen;
  return {
    vendorShowtimeId: id,
    vendorHallId: str(w, "hallId") ?? "",
    hallName: str(w, "hallName"),
    vendorFilmId: str(movie, "cineMovieId") ?? "",
    filmNationalCode: str(movie, "cineMovieNum"),
    filmTitle: str(movie, "movieName"),
    startsAt,
    ...(endsAt !== undefined ? { endsAt } : {}),
    stopSellingAt: startsAt - Math.max(0, sellTimeLimitMin) * 60_000,
    onSale: str(w, "allowBook") === "1" && issues.length === 0 && settle !== undefined,
    language: str(movie, "movieLanguage"),
    version: str(movie, "movieDimensional"),
    price: {
      ...(market.fen !== undefined ? { listFen: market.fen } : {}),
      ...(settle !== undefined ? { settleFen: settle } : {}),
      ...(floor > 0 ? { lowestFen: floor } : {}),
    },
    ...(areaPrices.length ? { areaPrices } : {}),
    ...(raw ? { rawPrice: raw } : {}),
    ...(issues.length ? { priceIssue: issues.join("; ") } : {}),
    versionKey: updateTime,
    vendorData: { cineUpdateTime: updateTime, businessDate: str(w, "businessDate") },
  };
}

/** A seat that is an aisle: row/column `0`/`0` or type `road` (§4.6). */
const isAisle = (w: Wire, rowKey: string, colKey: string) =>
  str(w, "type") === "road" || (int(w, rowKey) === 0 && int(w, colKey) === 0);

const kindOfType = (type: string | undefined): SeatKind =>
  type === "vip" ? "vip" : type === "canji" ? "wheelchair" : type === "zhendong" ? "motion" : "normal";

/**
 * cinema/hall-seats → layout. `xCoord`/`yCoord` are the row index and the column index (§4.6, NS
 * swaps them into screen x/y; so do we). `row`/`column` are the printed labels. Love seats
 * (`shuangren`) pair by equal `loveseats` values; the one further left is loveLeft. A love seat
 * without exactly one partner cannot be sold (half a pair) and is marked broken. `repair` seats
 * are broken.
 */
export function toLayout(vendorHallId: string, seats: readonly Wire[]): SeatLayout {
  let rows = 0;
  let cols = 0;
  const out: LayoutSeat[] = [];
  const pairs = new Map<string, LayoutSeat[]>();
  const areas = new Map<string, string>();
  for (const w of seats) {
    const y = int(w, "xCoord") ?? 0;
    const x = int(w, "yCoord") ?? 0;
    rows = Math.max(rows, y);
    cols = Math.max(cols, x);
    if (isAisle(w, "row", "column")) continue;
    const id = str(w, "cineSeatId");
    if (!id) continue;
    const type = str(w, "type");
    const seat: LayoutSeat = {
      vendorSeatId: id,
      rowLabel: str(w, "row") ?? String(y),
      colLabel: str(w, "column") ?? String(x),
      x,
      y,
      kind: kindOfType(type),
    };
    const areaId = str(w, "areaId");
    if (areaId) {
      seat.areaId = areaId;
      areas.set(areaId, areaId);
    }
    if (str(w, "status") === "repair") seat.broken = true;
    if (type === "shuangren") {
      const marker = str(w, "loveseats");
      if (marker) pairs.set(marker, [...(pairs.get(marker) ?? []), seat]);
      else seat.broken = true;
    }
    out.push(seat);
  }
  for (const group of pairs.values()) {
    const [a, b] = group;
    if (group.length === 2 && a && b) {
      const [left, right] = a.x <= b.x ? [a, b] : [b, a];
      left.kind = "loveLeft";
      right.kind = "loveRight";
      left.pairSeatId = right.vendorSeatId;
      right.pairSeatId = left.vendorSeatId;
    } else {
      for (const s of group) s.broken = true;
    }
  }
  return { vendorHallId, rows, cols, seats: out, areas: [...areas.keys()].map((id) => ({ id, name: id })) };
}

/** play/seat-status `seatStatus` (§4.3). Anything else is read as unavailable: never offer a seat we cannot read. */
const STATUS: Readonly<Record<string, SeatStatus>> = {
  ok: "available",
  locked: "locked",
  booked: "sold",
  selled: "sold",
  repair: "unavailable",
};

export function toSeatStatus(seats: readonly Wire[]): SeatStatusMap {
  const out: SeatStatusMap = {};
  for (const w of seats) {
    if (isAisle(w, "rowValue", "columnValue")) continue;
    const id = str(w, "cineSeatId");
    if (!id) continue;
    const status = STATUS[str(w, "seatStatus") ?? ""] ?? "unavailable";
    if (status !== "available") out[id] = status;
  }
  return out;
}

/** play/seat-status → the play's own seat → area assignment (the seats of priced areas). */
export function seatAreasOf(seats: readonly Wire[], pricedAreas: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const w of seats) {
    const id = str(w, "cineSeatId");
    const area = str(w, "areaId");
    if (id && area && pricedAreas.has(area)) out[id] = area;
  }
  return out;
}

/** seat/lock `areaInfo[{seatId, areaId, areaPrice, areaServiceFee}]`: per seat, in fen. */
export interface LockedSeatPrice {
  seatId: string;
  areaId?: string;
  priceFen?: number;
  serviceFeeFen?: number;
}

export function lockedSeatPrices(data: Wire | undefined): LockedSeatPrice[] {
  return list(data?.areaInfo).flatMap((a) => {
    const seatId = str(a, "seatId");
    if (!seatId) return [];
    const price = yuan(a, "areaPrice");
    const fee = yuan(a, "areaServiceFee");
    return [
      {
        seatId,
        ...(str(a, "areaId") ? { areaId: str(a, "areaId") } : {}),
        ...(price.fen !== undefined ? { priceFen: price.fen } : {}),
        ...(fee.fen !== undefined ? { serviceFeeFen: fee.fen } : {}),
      },
    ];
  });
}

/** Yuan with two decimals, as a `seat` item's fee and price are sent (NS formats `0.##`; both parse). */
export const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

/** `seat` of seat/lock-buy: `cineSeatId-serviceFee-submitPrice` per seat, comma-separated (CEC's order, §4.3). */
export function sellSeatParam(seats: ReadonlyArray<{ seatId: string; feeFen: number; priceFen: number }>): string {
  return seats.map((s) => `${s.seatId}-${yuanText(s.feeFen)}-${yuanText(s.priceFen)}`).join(",");
}

/** ticketFlag1 (取票序号) + ticketFlag2 (验证码), as the cinema's machines ask for them. */
export function toPickup(w: Wire | undefined): Pickup {
  const printCode = str(w, "ticketFlag1");
  const verifyCode = str(w, "ticketFlag2");
  return {
    ...(printCode ? { printCode } : {}),
    ...(verifyCode ? { verifyCode } : {}),
    ...(printCode && verifyCode ? { instructions: `取票序号 ${printCode}，验证码 ${verifyCode}` } : {}),
  };
}

/** seat/lock-buy `sellInfo[{seatId, sellId}]`: the ticket numbers. */
export function ticketsOf(data: Wire | undefined, seatIds: readonly string[]): Ticket[] {
  const sold = new Map(list(data?.sellInfo).map((s) => [str(s, "seatId") ?? "", str(s, "sellId")]));
  return seatIds.map((vendorSeatId) => {
    const ticketNo = sold.get(vendorSeatId);
    return ticketNo ? { vendorSeatId, ticketNo } : { vendorSeatId };
  });
}

/**
 * A sale's answer or an order/ticket-flag answer → state. `status` `success` with both ticket flags
 * is issued. CEC treats every other status as failed; we hold no list of 鼎新's order statuses
 * (public-refs §13), so any other value is kept pending with its raw text and asked again: only the
 * vendor's explicit word ends an order (docs/vendors/dingxin.md).
 */
export function toOrderState(
  data: Wire | undefined,
  vendorOrderId: string,
  seatIds: readonly string[],
  opts: { fromSale?: boolean } = {},
): VendorOrderState {
  const pickup = toPickup(data);
  const status = str(data, "status");
  const issued = (opts.fromSale && status === undefined) || status === "success";
  if (issued && pickup.printCode && pickup.verifyCode) {
    return { state: "issued", vendorOrderId, tickets: ticketsOf(data, seatIds), pickup };
  }
  return { state: "pending", vendorOrderId };
}

/** ticket/info `ticketInfo[].ticketStatus`: 1 not printed, 2 printed, 3 refunded (§4.5). */
export function ticketInfoState(data: Wire | undefined): { refunded: boolean; printed: boolean; count: number } {
  const tickets = list(data?.ticketInfo);
  return {
    count: tickets.length,
    refunded: tickets.length > 0 && tickets.every((t) => str(t, "ticketStatus") === "3"),
    printed: tickets.some((t) => str(t, "ticketStatus") === "2" || str(t, "printed") === "1"),
  };
}
