import { createHash } from "node:crypto";
import type {
  SeatLayout,
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
import { ORDER_STATUS } from "./codes.js";

/**
 * Pure translation of 火烈鸟 v5.0 / YXT `<reply>` records (public-refs §7.2) into the domain's: no I/O,
 * tested with hand-written replies in the shapes the refs list.
 */

/** When stopSellTime cannot be read, sale stops this long before the show (our choice, docs). */
export const DEFAULT_STOP_SELLING_MINUTES = 30;

/** "yyyy-MM-dd HH:mm[:ss]" in China time (the refs name the fields, not the format: inferred from CEC samples). */
export function chinaTime(text: string | undefined): number | undefined {
  const m = text && /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(text);
  if (!m) return undefined;
  try {
    return parseChinaLocal(`${m[1]} ${m[2]}`);
  } catch {
    return undefined;
  }
}

/** queryCinema's cinema: doc 000 §三.1 lists 火烈鸟 and 大地 under 内部编码=广电编码, so code is both. */
export function toCinema(w: Wire | undefined): VendorCinema | undefined {
  const code = str(w, "code");
  if (!code) return undefined;
  const city = str(w, "cityCode");
  const cityName = str(w, "city");
  const address = str(w, "address");
  const tel = str(w, "tel");
  const lat = Number(str(w, "latitude"));
  const lng = Number(str(w, "longitude"));
  return {
    vendorCinemaId: code,
    name: str(w, "name") ?? code,
    ...(/^\d{8}$/.test(code) ? { nationalCode: code } : {}),
    ...(city ? { cityCode: city } : {}),
    ...(cityName ? { cityName } : {}),
    ...(address ? { address } : {}),
    ...(tel ? { phone: tel } : {}),
    ...(Number.isFinite(lat) && Number.isFinite(lng) && (lat !== 0 || lng !== 0) ? { location: { lat, lng } } : {}),
  };
}

export function toHall(w: Wire): VendorHall | undefined {
  const code = str(w, "code");
  if (!code) return undefined;
  const seats = int(w, "seatCount");
  return { vendorHallId: code, name: str(w, "name") ?? code, ...(seats !== undefined ? { seatCount: seats } : {}) };
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
 * queryShows' show. channelShowCode is what every trading call names; cinemaShowCode is the cinema
 * system's own. Prices: stdPrice the list price, settlePrice what we declare, minPrice the floor.
 * status "1" is on sale (queryShows is asked with status=1, §7.2). filmCode is read as the 广电
 * film code (CEC's film codes are; inferred for live servers).
 */
export function toShowtime(w: Wire): VendorShowtime | undefined {
  const id = str(w, "channelShowCode");
  const hall = str(w, "hallCode");
  const film = str(w, "filmCode");
  const startsAt = chinaTime(str(w, "showTime"));
  if (!id || !hall || !film || startsAt === undefined) return undefined;
  const duration = int(w, "duration");
  const stop = chinaTime(str(w, "stopSellTime"));
  const list = fenOf(w, "stdPrice");
  const settle = fenOf(w, "settlePrice");
  const lowest = fenOf(w, "minPrice");
  const bad = [list, settle, lowest].map((p) => p.bad).filter(Boolean);
  const language = str(w, "language");
  const version = str(w, "showType");
  return {
    vendorShowtimeId: id,
    vendorHallId: hall,
    vendorFilmId: film,
    ...(/^\w{12}$/.test(film) ? { filmNationalCode: film } : {}),
    filmTitle: str(w, "filmName") ?? film,
    startsAt,
    ...(duration !== undefined && duration > 0 ? { endsAt: startsAt + duration * 60_000 } : {}),
    stopSellingAt: stop !== undefined && stop <= startsAt ? stop : startsAt - DEFAULT_STOP_SELLING_MINUTES * 60_000,
    onSale: str(w, "status") === "1" && bad.length === 0 && (settle.fen !== undefined || list.fen !== undefined),
    ...(language ? { language } : {}),
    ...(version ? { version } : {}),
    price: {
      ...(list.fen !== undefined ? { listFen: list.fen } : {}),
      ...(settle.fen !== undefined ? { settleFen: settle.fen } : {}),
      ...(lowest.fen !== undefined ? { lowestFen: lowest.fen } : {}),
    },
    rawPrice: ["stdPrice", "settlePrice", "minPrice"].map((k) => `${k}=${str(w, k) ?? ""}`).join(" "),
    ...(bad.length ? { priceIssue: `unreadable price: ${bad.join(", ")}` } : {}),
    vendorData: { lowestFen: lowest.fen ?? null, cinemaShowCode: str(w, "cinemaShowCode") ?? null },
  };
}

/** The films of a show list (there is no film call in §7.2): one per filmCode. */
export function filmsOf(shows: Wire[]): VendorFilm[] {
  const out = new Map<string, VendorFilm>();
  for (const w of shows) {
    const code = str(w, "filmCode");
    if (!code || out.has(code)) continue;
    const language = str(w, "language");
    out.set(code, {
      vendorFilmId: code,
      ...(/^\w{12}$/.test(code) ? { nationalCode: code } : {}),
      title: str(w, "filmName") ?? code,
      ...(int(w, "duration") ? { durationMinutes: int(w, "duration") } : {}),
      ...(language ? { language } : {}),
    });
  }
  return [...out.values()];
}

/**
 * querySeats' seats. type 2 is a love seat (§7.2); its partner is the type-2 seat sharing its
 * loveCode (a loveCode naming the partner's own code pairs the same way). status 0 is unusable.
 * The left seat of a pair is the one further left on the grid.
 */
export function toLayout(vendorHallId: string, seats: Wire[]): SeatLayout {
  const out: GridSeat[] = [];
  for (const w of seats) {
    const id = str(w, "code");
    const x = int(w, "xCoord");
    const y = int(w, "yCoord");
    if (!id || x === undefined || y === undefined) continue;
    out.push({
      vendorSeatId: id,
      x,
      y,
      rowLabel: str(w, "rowNum"),
      colLabel: str(w, "colNum"),
      broken: str(w, "status") === "0",
      pairKey: str(w, "type") === "2" ? str(w, "loveCode") : undefined,
    });
  }
  return gridSeatLayout(vendorHallId, out);
}

/**
 * queryShowSeats: status 1 saleable, 0 not (§7.2). The vendor does not say whether a seat is sold,
 * locked or blocked, so every non-saleable seat is "unavailable".
 */
export function toSeatStatus(seats: Wire[]): SeatStatusMap {
  const map: SeatStatusMap = {};
  for (const w of seats) {
    const id = str(w, "code");
    if (id && str(w, "status") !== "1") map[id] = "unavailable";
  }
  return map;
}

/**
 * channelOrderCode: ours, derived from our order id so a retried lock of the same order is the same
 * channel order (the vendor answers 294 "channel order code exists" to a second one): "CG" + 18 hex.
 */
export const channelOrderCode = (orderId: string): string =>
  `CG${createHash("md5").update(orderId).digest("hex").slice(0, 18)}`;

export function pickupOf(w: Wire | undefined): { printCode?: string; verifyCode?: string } {
  const print = str(w, "printCode");
  const verify = str(w, "verifyCode");
  return { ...(print ? { printCode: print } : {}), ...(verify ? { verifyCode: verify } : {}) };
}

/**
 * queryOrder's order (§7.3): 1 unpaid (locked, sale not taken) → not_submitted; 2 cancelled and
 * 5 failed → failed; 3 paid (issue under way) → pending; 4 success → issued; 6 refunded. A status
 * the refs do not list is "not final yet": the timetable keeps asking and ends with a person.
 */
export function toOrderState(w: Wire | undefined, seatIds: readonly string[] = []): VendorOrderState {
  const code = str(w, "code");
  const id = code ? { vendorOrderId: code } : {};
  switch (str(w, "status")) {
    case ORDER_STATUS.issued:
      return {
        state: "issued",
        vendorOrderId: code ?? "",
        tickets: seatIds.map((s) => ({ vendorSeatId: s })),
        pickup: pickupOf(w),
        printed: str(w, "printStatus") === "1",
      };
    case ORDER_STATUS.unpaid:
      return { state: "not_submitted", ...id };
    case ORDER_STATUS.cancelled:
      return { state: "failed", ...id, reason: "order status 2: cancelled (released or the lock lapsed)" };
    case ORDER_STATUS.failed:
      return { state: "failed", ...id, reason: "order status 5: the cinema failed the sale" };
    case ORDER_STATUS.refunded:
      return { state: "refunded", ...id };
    default:
      return { state: "pending", ...id };
  }
}
