import { createHash } from "node:crypto";
import type {
  SeatLayout,
  SeatStatus,
  SeatStatusMap,
  VendorCinema,
  VendorFilm,
  VendorHall,
  VendorShowtime,
} from "../../domain/catalog.js";
import { yuanToFen } from "../../domain/money.js";
import { parseChinaLocal } from "../../domain/time.js";
import type { VendorOrderState } from "../../domain/trade.js";
import { type GridSeat, gridSeatLayout } from "../seat-pairs.js";
import { int, str, type Wire } from "../wire/read.js";
import { items } from "../wire/xml-document.js";

/**
 * Pure translation of 1905's XML records (public-refs §8.2) into the domain's: no I/O, tested with
 * hand-written replies in the shapes the refs list.
 */

/** When SellStopTime cannot be read as minutes, sale stops this long before the show (our choice). */
export const DEFAULT_STOP_SELLING_MINUTES = 30;

/** GetCinema's Cinema: CinemaNo is 1905's own number (doc 000 §三.1: 内部编码≠广电编码). */
export function toCinema(w: Wire): VendorCinema | undefined {
  const id = str(w, "CinemaNo");
  if (!id) return undefined;
  const national = str(w, "CinemaCode");
  const city = str(w, "CityNo");
  return {
    vendorCinemaId: id,
    name: str(w, "CinemaName") ?? id,
    ...(national ? { nationalCode: national } : {}),
    ...(city ? { cityCode: city } : {}),
  };
}

/** SellStopTime read as minutes before the show (the refs name the field, not its unit: inferred). */
export function stopSellingMinutes(w: Wire | undefined): number {
  const n = int(w, "SellStopTime");
  return n !== undefined && n >= 0 && n <= 24 * 60 ? n : DEFAULT_STOP_SELLING_MINUTES;
}

export function toHall(w: Wire): VendorHall | undefined {
  const id = str(w, "ScreenNo");
  if (!id) return undefined;
  const type = str(w, "ScreenTypeDesc") ?? str(w, "ScreenType");
  return { vendorHallId: id, name: str(w, "ScreenName") ?? id, ...(type ? { type } : {}) };
}

export function toFilm(w: Wire): VendorFilm | undefined {
  const id = str(w, "FilmNo");
  if (!id) return undefined;
  const national = str(w, "FilmCode");
  const language = str(w, "LanguageDesc") ?? str(w, "Language");
  const version = str(w, "FilmTypeDesc");
  return {
    vendorFilmId: id,
    title: str(w, "FilmName") ?? id,
    ...(national ? { nationalCode: national } : {}),
    ...(language ? { language } : {}),
    ...(version ? { versions: [version] } : {}),
  };
}

function fenOf(w: Wire, name: string): { fen?: number; bad?: string } {
  const s = str(w, name);
  if (s === undefined) return {};
  try {
    return { fen: yuanToFen(s) };
  } catch {
    return { bad: `${name}=${JSON.stringify(s)}` };
  }
}

/**
 * GetCinemaAllSession's Session. The start is SessionDate + StartTime in China time (read as the
 * calendar date of the start; the refs do not say whether a past-midnight show carries the business
 * date). Prices: StandartPrice [sic] is the list price, SettlementPrice (else AppPrice) what we
 * declare, LowestPrice the floor, Fee the service fee. Status "1" is read as on sale (inferred);
 * anything else keeps the session off sale.
 */
export function toShowtime(
  w: Wire,
  stopMinutes: number,
  filmCodes: ReadonlyMap<string, { code?: string; title: string }>,
): VendorShowtime | undefined {
  const id = str(w, "SessionNo");
  const date = str(w, "SessionDate");
  const time = str(w, "StartTime");
  const hall = str(w, "ScreenNo");
  const film = items(w, "Films", "Film")[0];
  const filmNo = str(film, "FilmNo");
  if (!id || !date || !time || !hall || !filmNo) return undefined;
  let startsAt: number;
  try {
    startsAt = parseChinaLocal(`${date.slice(0, 10)} ${time.length === 5 ? time : time.slice(0, 5)}`);
  } catch {
    return undefined;
  }
  const minutes = int(w, "TotalTime");
  const list = fenOf(w, "StandartPrice");
  const settle = str(w, "SettlementPrice") !== undefined ? fenOf(w, "SettlementPrice") : fenOf(w, "AppPrice");
  const lowest = fenOf(w, "LowestPrice");
  const fee = fenOf(w, "Fee");
  const bad = [list, settle, lowest, fee].map((p) => p.bad).filter(Boolean);
  const known = filmCodes.get(filmNo);
  const raw = ["AppPrice", "SettlementPrice", "StandartPrice", "LowestPrice", "Fee"]
    .map((k) => `${k}=${str(w, k) ?? ""}`)
    .join(" ");
  const priced = settle.fen !== undefined || list.fen !== undefined;
  return {
    vendorShowtimeId: id,
    vendorHallId: hall,
    vendorFilmId: filmNo,
    ...(known?.code ? { filmNationalCode: known.code } : {}),
    filmTitle: str(film, "FilmName") ?? known?.title ?? filmNo,
    startsAt,
    ...(minutes !== undefined && minutes > 0 ? { endsAt: startsAt + minutes * 60_000 } : {}),
    stopSellingAt: startsAt - stopMinutes * 60_000,
    onSale: str(w, "Status") === "1" && bad.length === 0 && priced,
    ...(str(film, "Language") ? { language: str(film, "Language") } : {}),
    ...((str(w, "ScreenNType") ?? str(film, "FilmType"))
      ? { version: str(w, "ScreenNType") ?? str(film, "FilmType") }
      : {}),
    price: {
      ...(list.fen !== undefined ? { listFen: list.fen } : {}),
      ...(settle.fen !== undefined ? { settleFen: settle.fen } : {}),
      ...(lowest.fen !== undefined ? { lowestFen: lowest.fen } : {}),
      ...(fee.fen !== undefined ? { serviceFeeFen: fee.fen } : {}),
    },
    rawPrice: raw,
    ...(bad.length ? { priceIssue: `unreadable price: ${bad.join(", ")}` } : {}),
    vendorData: { lowestFen: lowest.fen ?? null },
  };
}

/**
 * GetScreenSeat / GetSessionSeat seats. Love seats: the two seats sharing a BindNo (§8.3); a BindNo
 * of "0" or empty, or shared by other than exactly two seats, makes no pair. The left seat of a pair
 * is the one further left on the grid.
 */
export function toLayout(vendorHallId: string, seats: Wire[]): SeatLayout {
  const out: GridSeat[] = [];
  for (const w of seats) {
    const id = str(w, "SeatNo");
    const x = int(w, "GraphCol");
    const y = int(w, "GraphRow");
    if (!id || x === undefined || y === undefined) continue;
    const bind = str(w, "BindNo");
    out.push({
      vendorSeatId: id,
      x,
      y,
      rowLabel: str(w, "SeatRow"),
      colLabel: str(w, "SeatCol"),
      pairKey: bind !== "0" ? bind : undefined,
    });
  }
  return gridSeatLayout(vendorHallId, out);
}

/** SeatStatus (§8.3): 0 available, -1 unavailable, 1 sold, 3 locked; any other value is unavailable. */
export function toSeatStatus(seats: Wire[]): SeatStatusMap {
  const map: SeatStatusMap = {};
  for (const w of seats) {
    const id = str(w, "SeatNo");
    if (!id) continue;
    const s = str(w, "SeatStatus");
    const status: SeatStatus = s === "0" ? "available" : s === "1" ? "sold" : s === "3" ? "locked" : "unavailable";
    if (status !== "available") map[id] = status;
  }
  return map;
}

/**
 * pOrderID: partner-generated, about 20 letters and digits (§8.2). Derived from our order id, so a
 * retried lock of the same order is the same 1905 order: "CG" + 18 hex of its MD5.
 */
export function partnerOrderId(orderId: string): string {
  return `CG${createHash("md5").update(orderId).digest("hex").slice(0, 18)}`;
}

/**
 * GetOrderStatus (§8.3): OrderStatus 0 locked, 1 success, 2 unknown (keep polling until 0/1/6),
 * 6 released; RefundStatus 1 refunded. An OrderStatus the refs do not list is read as "not final
 * yet" (pending): the timetable keeps asking and ends with a person, never with a guess.
 */
export function toOrderState(w: Wire): VendorOrderState {
  const orderNo = str(w, "OrderNo");
  const id = orderNo ? { vendorOrderId: orderNo } : {};
  if (str(w, "RefundStatus") === "1") return { state: "refunded", ...id };
  switch (str(w, "OrderStatus")) {
    case "1":
      return {
        state: "issued",
        vendorOrderId: orderNo ?? "",
        tickets: items(w, "Seats", "Seat").map((s) => ({
          vendorSeatId: str(s, "SeatNo") ?? "",
          ...(str(s, "FilmTicketCode") ? { ticketNo: str(s, "FilmTicketCode") } : {}),
        })),
        pickup: pickupOf(w),
        printed: str(w, "PrintStatus") === "1",
      };
    case "0":
      return { state: "not_submitted", ...id };
    case "6":
      return {
        state: "failed",
        ...id,
        reason: "1905 OrderStatus 6: released (lock lapsed, unlocked, or the cinema refused the sale)",
      };
    default:
      return { state: "pending", ...id };
  }
}

export function pickupOf(w: Wire): { printCode?: string; verifyCode?: string } {
  const print = str(w, "PrintNo");
  const verify = str(w, "VerifyCode");
  return { ...(print ? { printCode: print } : {}), ...(verify ? { verifyCode: verify } : {}) };
}
