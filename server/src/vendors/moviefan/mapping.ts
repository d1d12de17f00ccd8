import type {
  LayoutSeat,
  SeatKind,
  SeatLayout,
  SeatStatusMap,
  VendorCinema,
  VendorFilm,
  VendorHall,
  VendorShowtime,
} from "../../domain/catalog.js";
import { chinaDate } from "../../domain/time.js";
import type { Pickup, VendorOrderState } from "../../domain/trade.js";
import { rawPrice, yuanField } from "../price-fields.js";
import { movieTypes, movieVersions, orderStatuses, seatStatuses, seatTypes } from "./codes.js";
import { bool, codeList, date, int, num, obj, str, type Wire } from "./wire.js";

/** movieImage is relative: "在URL前加上http://image.moviefan.com.cn/". */
export const IMAGE_BASE = "http://image.moviefan.com.cn/";

export interface MoviefanLocation {
  locationId: string;
  parentId: string;
  /** 1 province, 2 city, 3 county (地区类型 省、市、县). */
  type: number;
  name: string;
  nameEn?: string;
  pinyin?: string;
  pinyinShort?: string;
  code?: string;
  hot: boolean;
  lat?: number;
  lng?: number;
}

export function toLocation(w: Wire): MoviefanLocation {
  const lat = num(w, "latitude");
  const lng = num(w, "longitude");
  return {
    locationId: str(w, "locationID") ?? "",
    parentId: str(w, "parentID") ?? "0",
    type: int(w, "locationType") ?? 0,
    name: str(w, "nameCN") ?? "",
    nameEn: str(w, "nameEN"),
    pinyin: str(w, "namePinyin"),
    pinyinShort: str(w, "namePinyinShort"),
    code: str(w, "nameCode"),
    hot: bool(w, "isHot") ?? false,
    ...(lat && lng ? { lat, lng } : {}),
  };
}

/** Moviefan reports no 广电 national code; coordinates are Baidu (BD-09). */
export function toCinema(w: Wire, cityNames?: ReadonlyMap<string, string>): VendorCinema {
  const city = str(w, "city");
  const lat = num(w, "baiduLatitude");
  const lng = num(w, "baiduLongitude");
  return {
    vendorCinemaId: str(w, "cinemaID") ?? "",
    name: str(w, "cinemaName") ?? "",
    address: str(w, "cinemaAddress"),
    phone: str(w, "phone"),
    cityCode: city,
    cityName: city ? cityNames?.get(city) : undefined,
    ...(lat !== undefined && lng !== undefined ? { location: { lat, lng } } : {}),
  };
}

/** queryHalls: the example writes `HallID`, `HallName`, … and the table `hallID`, `hallName`. */
export function toHall(w: Wire): VendorHall {
  return {
    vendorHallId: str(w, "hallID") ?? "",
    name: str(w, "hallName") ?? str(w, "alias") ?? "",
    type: str(w, "hallType"),
    seatCount: int(w, "seatCount"),
  };
}

export function versionName(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  // queryShows `version` is a String: a MovieVersion code, or already a name.
  return /^\d+$/.test(code) ? (movieVersions[Number(code)] ?? code) : code;
}

export interface MoviefanFilm extends VendorFilm {
  englishTitle?: string;
  intro?: string;
  /** movieTypes through the 影片类型 table. */
  genres: string[];
}

export function toFilm(w: Wire): MoviefanFilm {
  const image = str(w, "movieImage");
  const released = date(w, "releaseTime");
  return {
    vendorFilmId: str(w, "movieID") ?? "",
    title: str(w, "movieNameCN") ?? str(w, "movieNameEN") ?? "",
    englishTitle: str(w, "movieNameEN"),
    // The table spells it movieLanages.
    language: str(w, "movieLanages") ?? str(w, "movieLanguages"),
    durationMinutes: int(w, "filmLength"),
    versions: codeList(str(w, "movieVersions")).map((c) => movieVersions[c] ?? String(c)),
    genres: codeList(str(w, "movieTypes")).map((c) => movieTypes[c] ?? String(c)),
    poster: image ? (/^https?:\/\//.test(image) ? image : IMAGE_BASE + image.replace(/^\/+/, "")) : undefined,
    director: str(w, "director"),
    cast: str(w, "actors")
      ?.replace(/[\s/]+$/, "")
      .trim(),
    intro: str(w, "intro"),
    releaseDate: released === undefined ? undefined : chinaDate(released),
  };
}

/**
 * queryShows: `price` is what the channel settles, `retailPrice` the list price, both in **yuan**:
 * the field table gives no unit, and its example is `"price": "51"` — a ¥51 ticket, where ¥0.51
 * does not exist (submitOrder's amount, by contrast, is stated in fen). Decimals are accepted
 * ("51.5" → 5150 fen); a value that is not money is reported, never read as 0.
 * showTime / ticketEndTime are `yyyy-MM-dd HH:mm:ss` China time.
 */
export function toShowtime(w: Wire): VendorShowtime | undefined {
  const startsAt = date(w, "showTime") ?? date(w, "ticketStartTime");
  const id = str(w, "showtimeID");
  if (startsAt === undefined || id === undefined) return undefined;
  const length = int(w, "filmLength");
  const price = yuan(w, "price");
  const retail = yuan(w, "retailPrice");
  const issues = [price.issue, retail.issue].filter(Boolean);
  const raw = rawPrice(["price", "retailPrice"], (k) => str(w, k));
  return {
    vendorShowtimeId: id,
    vendorHallId: str(w, "hallID") ?? "",
    hallName: str(w, "hallName"),
    vendorFilmId: str(w, "movieID") ?? "",
    startsAt,
    endsAt: length ? startsAt + length * 60_000 : undefined,
    stopSellingAt: Math.min(date(w, "ticketEndTime") ?? startsAt, startsAt),
    onSale: int(w, "status") === 1,
    language: str(w, "language"),
    version: versionName(str(w, "version")),
    price: {
      ...(price.fen !== undefined ? { settleFen: price.fen } : {}),
      ...(retail.fen !== undefined ? { listFen: retail.fen } : price.fen !== undefined ? { listFen: price.fen } : {}),
      serviceFeeFen: 0,
    },
    ...(raw ? { rawPrice: raw } : {}),
    ...(issues.length ? { priceIssue: issues.join("; ") } : {}),
  };
}

/** A yuan amount field → fen; absent is undefined, anything else that is not money is an issue. */
const yuan = (w: Wire, name: string) => yuanField(name, str(w, name));

const kindOf = (type: number | undefined): SeatKind =>
  type === seatTypes.loveLeft ? "loveLeft" : type === seatTypes.loveRight ? "loveRight" : "normal";

/**
 * queryShowSeats → layout. Cells with status 2 (不是座位) are not seats but still size the grid.
 * Love seats are paired through `loveCode`; a love seat whose code is not shared by exactly one
 * other seat cannot be sold (the vendor refuses half a pair), so it is marked broken.
 */
export function toLayout(vendorHallId: string, seats: Wire[]): SeatLayout {
  let rows = 0;
  let cols = 0;
  const out: LayoutSeat[] = [];
  const byLoveCode = new Map<string, LayoutSeat[]>();
  for (const w of seats) {
    const x = int(w, "xCoord") ?? 0;
    const y = int(w, "yCoord") ?? 0;
    cols = Math.max(cols, x);
    rows = Math.max(rows, y);
    if (int(w, "status") === seatStatuses.notASeat) continue;
    const seat: LayoutSeat = {
      vendorSeatId: str(w, "seatID") ?? `${x}_${y}`,
      rowLabel: str(w, "rowNum") ?? String(y),
      colLabel: str(w, "colNum") ?? String(x),
      x,
      y,
      kind: kindOf(int(w, "type")),
    };
    const love = str(w, "loveCode");
    if (seat.kind !== "normal" && love) byLoveCode.set(love, [...(byLoveCode.get(love) ?? []), seat]);
    else if (seat.kind !== "normal") seat.broken = true;
    out.push(seat);
  }
  for (const group of byLoveCode.values()) {
    const [a, b] = group;
    if (group.length === 2 && a && b) {
      a.pairSeatId = b.vendorSeatId;
      b.pairSeatId = a.vendorSeatId;
    } else {
      for (const s of group) s.broken = true;
    }
  }
  for (const s of out) {
    if (s.broken && s.kind !== "normal" && !s.pairSeatId) s.kind = "normal";
  }
  return { vendorHallId, rows, cols, seats: out, areas: [] };
}

/** Status 0 (不可售: sold, locked or blocked — the protocol does not say which) → unavailable. */
export function toSeatStatus(seats: Wire[]): SeatStatusMap {
  const out: SeatStatusMap = {};
  for (const w of seats) {
    if (int(w, "status") !== seatStatuses.unavailable) continue;
    const id = str(w, "seatID");
    if (id) out[id] = "unavailable";
  }
  return out;
}

/** The seat name lockSeats wants, in the form of the document's seatName example "6排06列". */
export function seatName(rowLabel: string, colLabel: string): string {
  return `${rowLabel}排${colLabel}列`;
}

/**
 * cinemaTicketCode "柜台取票码": may contain a bar — before it the order number, after it the
 * verification code ("895463|505604"); without a bar the whole value is used at the counter.
 */
export function parseCounterCode(text: string | undefined): { orderNo?: string; verifyCode?: string; whole?: string } {
  const t = text?.trim();
  if (!t) return {};
  const bar = t.indexOf("|");
  if (bar < 0) return { whole: t };
  const orderNo = t.slice(0, bar).trim() || undefined;
  const verifyCode = t.slice(bar + 1).trim() || undefined;
  return { orderNo, verifyCode };
}

export function toPickup(d: Wire): Pickup {
  const counter = parseCounterCode(str(d, "cinemaTicketCode"));
  const printCode = str(d, "printCode") ?? counter.orderNo ?? counter.whole;
  const verifyCode = str(d, "verifyCode") ?? counter.verifyCode;
  const notes: string[] = [];
  if (counter.orderNo || counter.verifyCode) {
    notes.push(`柜台取票：订单号 ${counter.orderNo ?? "-"}，验证码 ${counter.verifyCode ?? "-"}`);
  } else if (counter.whole) notes.push(`柜台取票码 ${counter.whole}`);
  const position = str(d, "TakeTicketPosition");
  if (position) notes.push(position);
  return {
    ...(printCode ? { printCode } : {}),
    ...(verifyCode ? { verifyCode } : {}),
    ...(str(d, "QrCode") ? { qrPayload: str(d, "QrCode") } : {}),
    ...(notes.length ? { instructions: notes.join("；") } : {}),
  };
}

/** `orderDetail` (table) or `orderdetail` (example): keys are already lower-cased. */
export function orderDetailOf(body: Wire): Wire | undefined {
  return obj(body, "orderDetail") ?? obj(body, "order");
}

/**
 * externalOrderStatus → VendorOrderState. Only 30 (issued) and 40 (failed) are final; 30 with a
 * non-zero ReturnedOrderStatus was returned (refunded) afterwards. Every other status is pending:
 * the document forbids treating anything but an explicit 出票失败 as failed.
 */
export function toOrderState(d: Wire, seatIds: readonly string[] = []): VendorOrderState {
  const vendorOrderId = str(d, "orderExternalID");
  const status = int(d, "externalOrderStatus");
  const meaning = status === undefined ? undefined : orderStatuses[status];
  if (meaning?.issue === "issued") {
    if ((int(d, "ReturnedOrderStatus") ?? 0) !== 0) return { state: "refunded", vendorOrderId };
    return {
      state: "issued",
      vendorOrderId: vendorOrderId ?? "",
      tickets: seatIds.map((vendorSeatId) => ({ vendorSeatId })),
      pickup: toPickup(d),
    };
  }
  if (meaning?.issue === "failed") return { state: "failed", vendorOrderId, reason: `出票失败 (status ${status})` };
  // submitOrder 接口说明: after a failed or timed-out submit, query; only 已支付 (payState 1) means "keep
  // polling". An order the vendor has cancelled or released while still 未支付 was never submitted:
  // no ticket can come of it, so it is final (the buyer is repaid) instead of waiting for the show.
  if (int(d, "payState") === 0 && status !== undefined && NEVER_SUBMITTED_END.has(status)) {
    return { state: "failed", vendorOrderId, reason: `未支付且${meaning?.meaning ?? status}: 确认订单未生效` };
  }
  // 锁座成功 but 未支付 (a submit that failed or was cut off before it reached the cinema): submit again.
  if (int(d, "payState") === 0 && (status === 0 || status === 10)) return { state: "not_submitted", vendorOrderId };
  return { state: "pending", vendorOrderId };
}

/** externalOrderStatus values that end an unpaid order: 删除, 锁座失败, 已取消, 释放座位. */
const NEVER_SUBMITTED_END: ReadonlySet<number> = new Set([2, 20, 100, 110]);
