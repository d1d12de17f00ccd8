import type {
  LayoutSeat,
  SeatLayout,
  SeatStatus,
  SeatStatusMap,
  VendorCinema,
  VendorFilm,
  VendorHall,
  VendorShowtime,
} from "../../domain/catalog.js";
import { parseChinaLocal } from "../../domain/time.js";
import type { VendorOrderState } from "../../domain/trade.js";
import { rawPrice, splitVersions, yuanField } from "../price-fields.js";
import { child, list, str, type Wire } from "../wire/read.js";

/**
 * Pure translation of OTSAPI reply elements into the domain's records (public-refs §6.2). The
 * shapes are the 2013 standard's; nothing here is 火烈鸟-specific. Attributes and child elements
 * read alike (standard.ts).
 */

/**
 * No stop-selling time is published per session. Conservative rule (docs/vendors/huolieniao.md):
 * stop selling this long before the start; the vendor's own lock refusal stays authoritative.
 */
export const STOP_SELLING_BEFORE_MS = 15 * 60_000;

const int = (w: Wire | undefined, name: string): number | undefined => {
  const n = Number(str(w, name));
  return Number.isInteger(n) && str(w, name) !== undefined ? n : undefined;
};

export function toCinema(w: Wire): VendorCinema {
  const code = str(w, "Code") ?? "";
  return {
    vendorCinemaId: code,
    // doc 000 §三.1 (2): 火烈鸟's internal code is the 广电 code.
    ...(/^\d{8}$/.test(code) ? { nationalCode: code } : {}),
    name: str(w, "Name") ?? "",
    address: str(w, "Address"),
    halls: list(w, "Screen").map(toHall),
  };
}

export function toHall(w: Wire): VendorHall {
  const seats = int(w, "SeatCount");
  return {
    vendorHallId: str(w, "Code") ?? "",
    name: str(w, "Name") ?? "",
    type: str(w, "Type"),
    ...(seats !== undefined ? { seatCount: seats } : {}),
  };
}

export function toFilm(w: Wire): VendorFilm {
  const code = str(w, "Code") ?? "";
  const duration = int(w, "Duration");
  const version = str(w, "Version");
  return {
    vendorFilmId: code,
    ...(/^\d{12}$/.test(code) ? { nationalCode: code } : {}),
    title: str(w, "Name") ?? "",
    ...(duration && duration > 0 ? { durationMinutes: duration } : {}),
    ...(version ? { versions: splitVersions(version) } : {}),
    director: str(w, "Director"),
    cast: str(w, "Cast"),
    releaseDate: str(w, "PublishDate")?.slice(0, 10),
  };
}

const money = (w: Wire | undefined, name: string) => yuanField(name, str(w, name));

/**
 * Session → showtime. Price (public-refs §6.2): StandardPrice is what we declare per seat (the
 * settle / PayPrice), LowestPrice the floor, GuidePrice the cinema's guide price (our list price
 * when present). No service fee is published: 0. A through-show lists its films by Sequence.
 */
export function toShowtime(w: Wire, now: number): VendorShowtime | undefined {
  const id = str(w, "Code");
  const start = str(w, "StartTime");
  if (!id || !start) return undefined;
  let startsAt: number;
  try {
    startsAt = parseChinaLocal(start);
  } catch {
    return undefined;
  }
  const films = list(w, "Films", "Film").sort((a, b) => (int(a, "Sequence") ?? 0) - (int(b, "Sequence") ?? 0));
  const film = films[0];
  const duration = films.reduce((s, f) => s + (int(f, "Duration") ?? 0), 0);
  const price = child(w, "Price");
  const standard = money(price, "StandardPrice");
  const lowest = money(price, "LowestPrice");
  const guide = money(price, "GuidePrice");
  const issues = [standard, lowest, guide].map((m) => m.issue).filter((x): x is string => x !== undefined);
  if (standard.fen === undefined && !issues.length) issues.push("StandardPrice missing");
  if (standard.fen !== undefined && lowest.fen !== undefined && standard.fen < lowest.fen)
    issues.push(`StandardPrice ${str(price, "StandardPrice")} is below LowestPrice ${str(price, "LowestPrice")}`);
  const stopSellingAt = startsAt - STOP_SELLING_BEFORE_MS;
  const raw = rawPrice(["LowestPrice", "StandardPrice", "GuidePrice"], (k) => str(price, k));
  const filmCode = str(film, "Code") ?? "";
  return {
    vendorShowtimeId: id,
    vendorHallId: str(w, "ScreenCode") ?? "",
    vendorFilmId: filmCode,
    ...(/^\d{12}$/.test(filmCode) ? { filmNationalCode: filmCode } : {}),
    filmTitle:
      films
        .map((f) => str(f, "Name"))
        .filter(Boolean)
        .join(" + ") || undefined,
    startsAt,
    ...(duration > 0 ? { endsAt: startsAt + duration * 60_000 } : {}),
    stopSellingAt,
    // Listed sessions are the ones open to our channel (doc 000 §四.2 火烈鸟: 开售状态).
    onSale: issues.length === 0 && stopSellingAt > now,
    language: str(film, "Language"),
    price: {
      ...((guide.fen ?? standard.fen) !== undefined ? { listFen: guide.fen ?? standard.fen } : {}),
      ...(standard.fen !== undefined ? { settleFen: standard.fen } : {}),
      ...(lowest.fen !== undefined ? { lowestFen: lowest.fen } : {}),
      serviceFeeFen: 0,
    },
    ...(raw ? { rawPrice: raw } : {}),
    ...(issues.length ? { priceIssue: issues.join("; ") } : {}),
  };
}

/**
 * QuerySeat → layout. XCoord / YCoord place the seat (y = 1 nearest the screen, as our grid);
 * RowNum / ColumnNum are the printed labels; Status Unavailable is a broken seat. Love seats: two
 * seats side by side sharing a GroupCode that no other seat has (the 辰星 rule of the same
 * standard family; inferred, public-refs §6 is silent).
 */
export function toLayout(vendorHallId: string, seats: Wire[]): SeatLayout {
  const byGroup = new Map<string, Wire[]>();
  for (const s of seats) {
    const g = str(s, "GroupCode");
    if (g) byGroup.set(g, [...(byGroup.get(g) ?? []), s]);
  }
  const out: LayoutSeat[] = seats.map((s) => ({
    vendorSeatId: str(s, "Code") ?? "",
    rowLabel: str(s, "RowNum") ?? "",
    colLabel: str(s, "ColumnNum") ?? "",
    x: int(s, "XCoord") ?? 0,
    y: int(s, "YCoord") ?? 0,
    kind: "normal",
    ...(str(s, "Status") === "Unavailable" ? { broken: true } : {}),
  }));
  const index = new Map(out.map((s, i) => [seats[i], s]));
  for (const group of byGroup.values()) {
    if (group.length !== 2) continue;
    const [a, b] = group.map((g) => index.get(g)!).sort((p, q) => p.x - q.x);
    if (!a || !b || a.y !== b.y || b.x - a.x !== 1) continue;
    Object.assign(a, { kind: "loveLeft", pairSeatId: b.vendorSeatId });
    Object.assign(b, { kind: "loveRight", pairSeatId: a.vendorSeatId });
  }
  return {
    vendorHallId,
    rows: Math.max(0, ...out.map((s) => s.y)),
    cols: Math.max(0, ...out.map((s) => s.x)),
    seats: out,
    areas: [],
  };
}

const SEAT_STATUS: Readonly<Record<string, SeatStatus>> = {
  Available: "available",
  Locked: "locked",
  Sold: "sold",
  Booked: "sold",
  Unavailable: "unavailable",
};

/** QuerySessionSeat → status map (available seats are left out). Unknown states are not sellable. */
export function toSeatStatus(seats: Wire[]): SeatStatusMap {
  const map: SeatStatusMap = {};
  for (const s of seats) {
    const code = str(s, "Code");
    if (!code) continue;
    const status = SEAT_STATUS[str(s, "Status") ?? ""] ?? "unavailable";
    if (status !== "available") map[code] = status;
  }
  return map;
}

/**
 * An order as QueryOrder / SubmitSCTSOrder show it: PrintNo + VerifyCode mean issued (tickets
 * per seat, FilmTicketCode); every seat RefundStatus=Yes means refunded; anything else is pending —
 * the refs name no failed or "never submitted" state (docs/vendors/huolieniao.md, "Recovery").
 */
export function toOrderState(order: Wire, fallbackSeats: readonly string[] = []): VendorOrderState {
  const orderCode = str(order, "OrderCode");
  const seats = [...list(order, "Seats", "Seat"), ...list(order, "Seat")];
  if (seats.length > 0 && seats.every((s) => str(s, "RefundStatus") === "Yes"))
    return { state: "refunded", ...(orderCode ? { vendorOrderId: orderCode } : {}) };
  const printNo = str(order, "PrintNo");
  const verifyCode = str(order, "VerifyCode");
  if (!printNo || !verifyCode) return { state: "pending", ...(orderCode ? { vendorOrderId: orderCode } : {}) };
  const tickets = seats.length
    ? seats.map((s) => ({ vendorSeatId: str(s, "SeatCode") ?? "", ticketNo: str(s, "FilmTicketCode") }))
    : fallbackSeats.map((vendorSeatId) => ({ vendorSeatId }));
  const printed = seats.length > 0 && seats.every((s) => str(s, "PrintStatus") === "Yes");
  return {
    state: "issued",
    vendorOrderId: orderCode ?? printNo,
    tickets,
    pickup: {
      printCode: printNo,
      verifyCode,
      instructions: "凭取票号和验证码在影院自助取票机取票",
    },
    ...(printed ? { printed: true } : {}),
  };
}
