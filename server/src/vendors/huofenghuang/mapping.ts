import type {
  LayoutSeat,
  SeatKind,
  SeatLayout,
  SeatStatusMap,
  VendorCinema,
  VendorFilm,
  VendorShowtime,
} from "../../domain/catalog.js";
import type { VendorOrderState } from "../../domain/trade.js";
import { child, list, type Node, str } from "./wire.js";

/**
 * Pure translation of 火凤凰 replies (public-refs §5.2) into the domain's records: no I/O, so each
 * function is tested with reply shapes from the refs. Attributes are `@name`.
 */

const CHINA_OFFSET_MS = 8 * 3600_000;

/** What the connector keeps of a show to trade on it (vendorData). */
export interface ShowKey {
  hallId: string;
  filmId: string;
  seqNo: string;
  showSeqNo: string;
  showDate: string;
  showTime: string;
  /** The show's priced sections, the hall's ordinary one first. */
  sections: string[];
}

/** Our seat id: `{sectionId}:{rowId}:{columnId}` — the section is needed to lock, rowId:columnId is the lock's seat. */
export const seatKey = (sectionId: string, rowId: string, columnId: string) => `${sectionId}:${rowId}:${columnId}`;

export function parseSeatKey(id: string): { sectionId: string; rowId: string; columnId: string } | undefined {
  const parts = id.split(":");
  if (parts.length !== 3 || parts.some((p) => p === "")) return undefined;
  const [sectionId, rowId, columnId] = parts as [string, string, string];
  return { sectionId, rowId, columnId };
}

/** Yuan text → fen; undefined when it is not money. */
export function fenOf(text: string | undefined): number | undefined {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec((text ?? "").trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : undefined;
}

export const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

/**
 * `date` yyyy-MM-dd + `time` HHmm with its leading zero dropped (§5.2: 205 = 02:05), China time.
 * The date is read as the calendar date of the start (inferred: the refs show no show after
 * midnight with its date).
 */
export function startOf(date: string | undefined, time: string | undefined): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? "");
  const t = /^\d{1,4}$/.test(time ?? "") ? (time as string).padStart(4, "0") : undefined;
  if (!d || !t) return undefined;
  const hh = Number(t.slice(0, 2));
  const mm = Number(t.slice(2));
  if (hh > 23 || mm > 59) return undefined;
  return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), hh, mm) - CHINA_OFFSET_MS;
}

/** `yyyy-MM-dd HH:mm:ss` China time (qrySearchShow's begin / end). */
export function chinaDateTime(t: number): string {
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** `cinemas/cinema[@id (national), @name, @linkId, @local, …]/hall[…]`. */
export function toCinema(c: Node): VendorCinema | undefined {
  const linkId = str(c, "@linkId");
  const name = str(c, "@name");
  if (!linkId || !name) return undefined;
  const national = str(c, "@id");
  const address = str(c, "@local");
  return {
    vendorCinemaId: linkId,
    name,
    ...(national && /^\d{8}$/.test(national) ? { nationalCode: national } : {}),
    ...(address ? { address } : {}),
    halls: list(c, "hall").flatMap((h) => {
      const id = str(h, "@id");
      if (!id) return [];
      const seats = Number(str(h, "@seatcount"));
      return [
        {
          vendorHallId: id,
          name: str(h, "@name") ?? id,
          ...(str(h, "@vipflag") === "Y" ? { type: "VIP" } : {}),
          ...(Number.isSafeInteger(seats) ? { seatCount: seats } : {}),
        },
      ];
    }),
  };
}

/** 14-character film id = 12-digit national code + 2 (§5.2). */
export function filmNationalCode(film: Node | undefined): string | undefined {
  const code = str(film, "@code") ?? str(film, "@id")?.slice(0, 12);
  return code && /^\w{12}$/.test(code) ? code : undefined;
}

export function toFilm(show: Node): VendorFilm | undefined {
  const film = child(show, "film");
  const id = str(film, "@id");
  if (!id) return undefined;
  const national = filmNationalCode(film);
  const duration = Number(str(film, "@duration"));
  const language = str(film, "@language");
  const dim = str(film, "@dimensional");
  return {
    vendorFilmId: id,
    title: str(film, "@name") ?? id,
    ...(national ? { nationalCode: national } : {}),
    ...(language ? { language } : {}),
    ...(Number.isSafeInteger(duration) && duration > 0 ? { durationMinutes: duration } : {}),
    ...(dim ? { versions: [str(film, "@imax") === "Y" ? `IMAX ${dim}` : dim] } : {}),
  };
}

/**
 * `shows/show[…]` → a showtime. Prices: `price[@lowest]` is the floor; each `price/section[@standard]`
 * is the price of a section; the first section is the hall's ordinary one (read as our settle
 * price), any other is a priced area. The refs give no stop-selling time: the start is kept, and
 * the vendor's refusal after its own closing reads as showtime_closed.
 */
export function toShowtime(show: Node): VendorShowtime | undefined {
  const hallId = str(show, "@hallId");
  const seqNo = str(show, "@seqNo");
  const showSeqNo = str(show, "@showSeqNo");
  const showDate = str(show, "@date");
  const showTime = str(show, "@time");
  const startsAt = startOf(showDate, showTime);
  const film = child(show, "film");
  const filmId = str(film, "@id");
  if (!hallId || !seqNo || !showSeqNo || !showDate || !showTime || startsAt === undefined || !filmId) return undefined;
  const price = child(show, "price");
  const sections = list(price, "section").flatMap((s) => {
    const id = str(s, "@id");
    return id ? [{ id, name: str(s, "@name") ?? id, standard: str(s, "@standard") }] : [];
  });
  const [main, ...areas] = sections;
  const settleFen = fenOf(main?.standard);
  const lowestText = str(price, "@lowest");
  const lowestFen = fenOf(lowestText);
  const areaPrices = areas.map((a) => ({ areaId: a.id, areaName: a.name, settleFen: fenOf(a.standard) }));
  const unreadable =
    settleFen === undefined ||
    (lowestText !== undefined && lowestFen === undefined) ||
    areaPrices.some((a) => a.settleFen === undefined);
  const duration = Number(str(film, "@duration"));
  const national = filmNationalCode(film);
  const key: ShowKey = {
    hallId,
    filmId,
    seqNo,
    showSeqNo,
    showDate,
    showTime,
    sections: sections.map((s) => s.id),
  };
  return {
    vendorShowtimeId: `${seqNo}_${showSeqNo}`,
    vendorHallId: hallId,
    ...(str(show, "@hallName") ? { hallName: str(show, "@hallName") } : {}),
    vendorFilmId: filmId,
    ...(national ? { filmNationalCode: national } : {}),
    ...(str(film, "@name") ? { filmTitle: str(film, "@name") } : {}),
    startsAt,
    ...(Number.isSafeInteger(duration) && duration > 0 ? { endsAt: startsAt + duration * 60_000 } : {}),
    stopSellingAt: startsAt,
    onSale: !unreadable,
    ...(str(film, "@language") ? { language: str(film, "@language") } : {}),
    ...(str(film, "@dimensional") ? { version: str(film, "@dimensional") } : {}),
    price: {
      ...(settleFen !== undefined ? { settleFen, listFen: settleFen } : {}),
      ...(lowestFen !== undefined ? { lowestFen } : {}),
    },
    ...(areaPrices.length > 0 && !unreadable
      ? { areaPrices: areaPrices.map((a) => ({ areaId: a.areaId, areaName: a.areaName, settleFen: a.settleFen! })) }
      : {}),
    rawPrice: `lowest="${lowestText ?? ""}" ${sections.map((s) => `section ${s.id} standard="${s.standard ?? ""}"`).join(" ")}`,
    ...(unreadable ? { priceIssue: "火凤凰 price/section standard or lowest is not money" } : {}),
    vendorData: { ...key },
  };
}

export const showKeyOf = (vendorData: Record<string, unknown> | undefined): ShowKey | undefined =>
  vendorData && typeof vendorData.hallId === "string" && Array.isArray(vendorData.sections)
    ? (vendorData as unknown as ShowKey)
    : undefined;

/** `loveInd` 0 = normal (§5.2); any other value is a love seat, paired with its row neighbour (inferred). */
const kindOf = (seat: Node): SeatKind => {
  const love = str(seat, "@loveInd") ?? "0";
  if (love !== "0") return love === "2" || love.toUpperCase() === "R" ? "loveRight" : "loveLeft";
  return "normal";
};

/** `seatPlan/effective/section/seat[…]` → the hall layout; sections after the first are areas. */
export function toLayout(vendorHallId: string, plan: Node | undefined): SeatLayout {
  const effective = child(plan, "effective");
  const sections = list(effective, "section");
  const seats: LayoutSeat[] = [];
  const areas: Array<{ id: string; name: string }> = [];
  sections.forEach((sec, i) => {
    const sectionId = str(sec, "@id") ?? String(i + 1);
    if (i > 0) areas.push({ id: sectionId, name: str(sec, "@name") ?? sectionId });
    for (const s of list(sec, "seat")) {
      const rowId = str(s, "@rowId");
      const columnId = str(s, "@columnId");
      const x = Number(str(s, "@columnNum"));
      const y = Number(str(s, "@rowNum"));
      if (!rowId || !columnId || !Number.isSafeInteger(x) || !Number.isSafeInteger(y)) continue;
      seats.push({
        vendorSeatId: seatKey(sectionId, rowId, columnId),
        rowLabel: rowId,
        colLabel: columnId,
        x,
        y,
        kind: kindOf(s),
        ...(i > 0 ? { areaId: sectionId } : {}),
        ...(str(s, "@damagedFlg") === "Y" ? { broken: true } : {}),
      });
    }
  });
  pairLoveSeats(seats);
  return {
    vendorHallId,
    rows: Math.max(0, ...seats.map((s) => s.y)),
    cols: Math.max(0, ...seats.map((s) => s.x)),
    seats,
    areas,
  };
}

/** A left love seat pairs with the right love seat next to it in the same grid row; an unpaired half sells alone. */
function pairLoveSeats(seats: LayoutSeat[]): void {
  const at = new Map(seats.map((s) => [`${s.x}:${s.y}`, s]));
  for (const s of seats) {
    if (s.kind !== "loveLeft" || s.pairSeatId) continue;
    const right = at.get(`${s.x + 1}:${s.y}`);
    if (right?.kind === "loveRight" && !right.pairSeatId) {
      s.pairSeatId = right.vendorSeatId;
      right.pairSeatId = s.vendorSeatId;
    }
  }
  for (const s of seats) if ((s.kind === "loveLeft" || s.kind === "loveRight") && !s.pairSeatId) s.kind = "normal";
}

/** `showSeats/section/seat[@rowId, @columnId]`: the seats that cannot be had (held, sold or damaged). */
export function toSeatStatus(sectionId: string, showSeats: Node | undefined, into: SeatStatusMap = {}): SeatStatusMap {
  for (const sec of list(showSeats, "section")) {
    const id = str(sec, "@id") ?? sectionId;
    for (const s of list(sec, "seat")) {
      const rowId = str(s, "@rowId");
      const columnId = str(s, "@columnId");
      if (rowId && columnId) into[seatKey(id, rowId, columnId)] = "unavailable";
    }
  }
  return into;
}

/** Pickup codes and tickets from a sale or an orderDetail (bookingId + confirmationId, §2). */
function issued(node: Node | undefined, orderNo: string): VendorOrderState | undefined {
  const bookingId = str(node, "bookingId");
  const confirmationId = str(node, "confirmationId");
  if (!bookingId) return undefined;
  const seats = list(node, "seats", "seat");
  return {
    state: "issued",
    vendorOrderId: orderNo,
    tickets: seats.flatMap((s) => {
      const row = str(s, "@rowId");
      const col = str(s, "@columnId");
      const section = str(s, "@sectionId");
      if (!row || !col) return [];
      const ticketNo = str(s, "@ticketNo");
      return [
        { vendorSeatId: section ? seatKey(section, row, col) : `${row}:${col}`, ...(ticketNo ? { ticketNo } : {}) },
      ];
    }),
    pickup: { printCode: bookingId, ...(confirmationId ? { verifyCode: confirmationId } : {}) },
    ...(seats.length > 0 ? { printed: seats.every((s) => str(s, "@printedFlg") === "Y") } : {}),
  };
}

/** fixCashOrder's answer: bookingId present = issued; none = the cinema has not issued yet (pending). */
export function saleState(data: Node, orderNo: string): VendorOrderState {
  return issued(data, orderNo) ?? { state: "pending", vendorOrderId: orderNo };
}

/**
 * qryOrder's `orderDetail/statusInd` (§5.2, CEC's mapping): 1 confirmed, 0 pending or unpaid, any
 * other value failed — kept with the raw value, since the refs name no refunded value.
 */
export function orderState(detail: Node | undefined, orderNo: string): VendorOrderState {
  const status = str(detail, "statusInd");
  if (status === "1") {
    return issued(detail, orderNo) ?? { state: "pending", vendorOrderId: orderNo };
  }
  if (status === "0" || status === undefined) return { state: "pending", vendorOrderId: orderNo };
  return { state: "failed", vendorOrderId: orderNo, reason: `火凤凰 qryOrder statusInd ${status}` };
}
