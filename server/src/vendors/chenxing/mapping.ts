import type {
  SeatLayout,
  SeatStatus,
  SeatStatusMap,
  VendorCinema,
  VendorFilm,
  VendorHall,
  VendorShowtime,
} from "../../domain/catalog.js";
import { parseChinaLocal } from "../../domain/time.js";
import type { Pickup, VendorOrderState } from "../../domain/trade.js";
import { rawPrice, splitVersions, yuanField } from "../price-fields.js";
import { type GridSeat, gridSeatLayout } from "../seat-pairs.js";
import { child, list, str, type Wire } from "../wire/read.js";
import { ORDER_STATUS } from "./codes.js";

/**
 * Pure translation of 辰星 `{Op}Result` elements into the domain's records (public-refs §3.3).
 * Codes are national ones (§3.5): the cinema code is its 广电 code, FilmCode the 12-digit film code.
 */

/**
 * 辰星 publishes no stop-selling time per plan. Conservative rule (docs/vendors/chenxing.md): we
 * stop selling this long before the start, so that a buyer does not pay for a show the cinema's
 * local system has already closed; the vendor's own lock refusal stays authoritative.
 */
export const STOP_SELLING_BEFORE_MS = 15 * 60_000;

export function toCinema(w: Wire): VendorCinema {
  const code = str(w, "CinemaCode") ?? "";
  const city = str(w, "City");
  return {
    vendorCinemaId: code,
    // doc 000 §三.1 (2): 晨星's internal code is the 广电 code.
    ...(/^\d{8}$/.test(code) ? { nationalCode: code } : {}),
    name: str(w, "CinemaName") ?? "",
    address: str(w, "Address"),
    ...(city ? { cityName: city } : {}),
  };
}

export function toHall(w: Wire): VendorHall {
  const seats = Number(str(w, "SeatCount"));
  return {
    vendorHallId: str(w, "ScreenCode") ?? "",
    name: str(w, "ScreenName") ?? "",
    type: str(w, "Type"),
    ...(Number.isInteger(seats) ? { seatCount: seats } : {}),
  };
}

export function toFilm(w: Wire): VendorFilm {
  const code = str(w, "FilmCode") ?? "";
  const duration = Number(str(w, "Duration"));
  const version = str(w, "Version");
  return {
    vendorFilmId: code,
    ...(/^\d{12}$/.test(code) ? { nationalCode: code } : {}),
    title: str(w, "FilmName") ?? "",
    ...(Number.isInteger(duration) && duration > 0 ? { durationMinutes: duration } : {}),
    ...(version ? { versions: splitVersions(version) } : {}),
    director: str(w, "Director"),
    cast: str(w, "Cast"),
    releaseDate: str(w, "PublishDate")?.slice(0, 10),
  };
}

/** A yuan field → fen; absent is undefined, anything else that is not money an issue. */
const money = (w: Wire | undefined, name: string) => yuanField(name, str(w, name));

/**
 * CinemaPlan → showtime. Price: StandardPrice (票房上报价) is what we declare per seat, LowestPrice
 * the floor, ListingPrice the cinema's list price (reference only), ServiceAddFee the plan's 增值服务费
 * per seat; CinemaAllowance is sent back unchanged at SubmitOrder (vendorData). A through-show
 * (PlaythroughFlag Yes) lists its films by Sequence; the first is the showtime's film.
 */
export function toShowtime(w: Wire, now: number): VendorShowtime | undefined {
  const id = str(w, "FeatureAppNo");
  const start = str(w, "StartTime");
  if (!id || !start) return undefined;
  let startsAt: number;
  try {
    startsAt = parseChinaLocal(start);
  } catch {
    return undefined;
  }
  const films = list(w, "Films", "Film").sort(
    (a, b) => Number(str(a, "Sequence") ?? 0) - Number(str(b, "Sequence") ?? 0),
  );
  const film = films[0];
  const duration = films.reduce((s, f) => s + (Number(str(f, "Duration")) || 0), 0);
  const price = child(w, "Price");
  const standard = money(price, "StandardPrice");
  const lowest = money(price, "LowestPrice");
  const listing = money(price, "ListingPrice");
  const addFee = money(price, "ServiceAddFee");
  const allowance = money(price, "CinemaAllowance");
  const issues = [standard, lowest, listing, addFee, allowance].map((m) => m.issue).filter(Boolean);
  if (standard.fen === undefined && !issues.length) issues.push("StandardPrice missing");
  if (standard.fen !== undefined && lowest.fen !== undefined && standard.fen < lowest.fen) {
    issues.push(`StandardPrice ${str(price, "StandardPrice")} is below LowestPrice ${str(price, "LowestPrice")}`);
  }
  const stopSellingAt = startsAt - STOP_SELLING_BEFORE_MS;
  const raw = rawPrice(["LowestPrice", "StandardPrice", "ListingPrice", "ServiceAddFee", "CinemaAllowance"], (k) =>
    str(price, k),
  );
  return {
    vendorShowtimeId: id,
    vendorHallId: str(w, "ScreenCode") ?? "",
    vendorFilmId: str(film, "FilmCode") ?? "",
    ...(/^\d{12}$/.test(str(film, "FilmCode") ?? "") ? { filmNationalCode: str(film, "FilmCode") } : {}),
    filmTitle:
      films
        .map((f) => str(f, "FilmName"))
        .filter(Boolean)
        .join(" + ") || undefined,
    startsAt,
    ...(duration > 0 ? { endsAt: startsAt + duration * 60_000 } : {}),
    stopSellingAt,
    // Listed plans are the ones the cinema opened to our channel (doc 000 §四.2); a price we cannot read keeps it off sale.
    onSale: issues.length === 0 && stopSellingAt > now,
    language: str(film, "Lang"),
    price: {
      ...(listing.fen !== undefined
        ? { listFen: listing.fen }
        : standard.fen !== undefined
          ? { listFen: standard.fen }
          : {}),
      ...(standard.fen !== undefined ? { settleFen: standard.fen } : {}),
      ...(lowest.fen !== undefined ? { lowestFen: lowest.fen } : {}),
      serviceFeeFen: addFee.fen ?? 0,
    },
    ...(raw ? { rawPrice: raw } : {}),
    ...(issues.length ? { priceIssue: issues.join("; ") } : {}),
    vendorData: {
      cinemaAllowance: str(price, "CinemaAllowance") ?? "0.00",
      marketingCode: str(w, "MarketingCode") ?? "",
      playthrough: str(w, "PlaythroughFlag") === "Yes",
    },
  };
}

/**
 * QuerySeatInfo → layout. Love seats: exactly two seats sharing a GroupCode form a pair, the one
 * with the smaller XCoord on the left (§3.5; the normal seats share one large group). A seat whose
 * group has one member or more than two is normal. Status Unavailable marks a seat never sold.
 */
export function toLayout(vendorHallId: string, sites: Wire[]): SeatLayout {
  const seats: GridSeat[] = [];
  for (const w of sites) {
    const code = str(w, "SeatCode");
    if (!code) continue;
    seats.push({
      vendorSeatId: code,
      x: Number(str(w, "XCoord") ?? 0) || 0,
      y: Number(str(w, "YCoord") ?? 0) || 0,
      rowLabel: str(w, "RowNum"),
      colLabel: str(w, "ColumnNum"),
      broken: str(w, "Status") === "Unavailable",
      pairKey: str(w, "GroupCode"),
    });
  }
  return gridSeatLayout(vendorHallId, seats);
}

const SEAT_STATUS: Readonly<Record<string, SeatStatus>> = {
  Locked: "locked",
  Sold: "sold",
  Booked: "sold",
  Unavailable: "unavailable",
};

/** QueryPlanSeat states → our map (Available seats are left out). An unknown state is unavailable. */
export function toSeatStatus(states: Wire[]): SeatStatusMap {
  const out: SeatStatusMap = {};
  for (const w of states) {
    const code = str(w, "SeatCode");
    const status = str(w, "Status") ?? "";
    if (!code || status === "Available") continue;
    out[code] = SEAT_STATUS[status] ?? "unavailable";
  }
  return out;
}

/** PrintNo + VerifyCode; the counter and kiosk take the last 8 digits of PrintNo (Oristar note, §3.3). */
export function toPickup(printNo: string, verifyCode: string): Pickup {
  const short = printNo.length > 8 ? printNo.slice(-8) : printNo;
  return {
    printCode: printNo,
    verifyCode,
    instructions: `取票序号 ${short}（取票机或柜台输入后 8 位），验证码 ${verifyCode}`,
  };
}

/**
 * An order's state from what 辰星 tells us (QueryOrderStatus or SubmitOrder). Only two
 * OrderStatus values are known (§3.4): 1 submit failed, 2 refunded. Issued is recognised by
 * what the buyer needs — both PrintNo and VerifyCode — never by guessing a status value; anything
 * else is pending (the recovery policy asks again, and a human decides at the end).
 */
export function toOrderState(w: Wire, seatIds: readonly string[] = []): VendorOrderState {
  const vendorOrderId = str(w, "OrderCode");
  const status = str(w, "OrderStatus");
  if (status === ORDER_STATUS.refunded) return { state: "refunded", vendorOrderId };
  if (status === ORDER_STATUS.submitFailed) {
    return { state: "failed", vendorOrderId, reason: `辰星 OrderStatus 1 (提交失败)` };
  }
  const printNo = str(w, "PrintNo");
  const verifyCode = str(w, "VerifyCode");
  if (printNo && verifyCode) {
    const byCode = new Map(list(w, "SeatInfos", "SeatInfo").map((s) => [str(s, "SeatCode"), str(s, "FilmTicketCode")]));
    return {
      state: "issued",
      vendorOrderId: vendorOrderId ?? "",
      tickets: seatIds.map((id) => ({ vendorSeatId: id, ...(byCode.get(id) ? { ticketNo: byCode.get(id) } : {}) })),
      pickup: toPickup(printNo, verifyCode),
    };
  }
  return { state: "pending", ...(vendorOrderId ? { vendorOrderId } : {}) };
}
