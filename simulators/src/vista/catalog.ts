import type { Cinema, Dataset, Film, Hall, Seat, Showtime } from "../core/dataset-types.js";

/**
 * The dataset seen through VISTA's identifiers: cinemas by internal code, numeric session ids,
 * `HO…` scheduled-film ids, per-hall area categories and logical seat coordinates.
 */

/** Area category code of seats that belong to no priced area. */
export const DEFAULT_AREA_CATEGORY = "0000000001";

export interface VistaArea {
  /** Dataset area id, undefined for the default (unpriced) area. */
  areaId: string | undefined;
  /** AreaNumber in the seat plan / SelectedSeats (1-based). */
  number: number;
  areaCategoryCode: string;
  description: string;
  seats: Seat[];
  hasSofa: boolean;
}

export interface VistaSeat {
  seat: Seat;
  area: VistaArea;
  /** Logical coordinates: (0,0) is the top-left, i.e. the row farthest from the screen. */
  rowIndex: number;
  columnIndex: number;
}

export interface VistaHall {
  hall: Hall;
  screenNumber: number;
  areas: VistaArea[];
  seatsById: Map<string, VistaSeat>;
  /** key `${areaNumber}:${rowIndex}:${columnIndex}` */
  seatsByPosition: Map<string, VistaSeat>;
  /** Seats that can ever be sold (not broken). */
  sellableCount: number;
}

export interface VistaSession {
  sessionId: string;
  showtime: Showtime;
  cinema: Cinema;
  hall: VistaHall;
  film: Film;
  scheduledFilmId: string;
}

export interface TicketType {
  TicketTypeCode: string;
  AreaCategoryCode: string;
  Description: string;
  PriceInCents: number;
  ResalePriceInCents: number;
  PriceGroupCode: string;
  SalesChannels: string[];
}

export interface Catalog {
  cinemas: Cinema[];
  cinemaByCode: Map<string, Cinema>;
  cityName: (code: string) => string;
  sessions: VistaSession[];
  sessionById: Map<string, VistaSession>;
  halls: Map<string, VistaHall>;
  scheduledFilmId: Map<string, string>;
}

export function positionKey(areaNumber: number, rowIndex: number, columnIndex: number): string {
  return `${areaNumber}:${rowIndex}:${columnIndex}`;
}

function buildHall(hall: Hall, screenNumber: number): VistaHall {
  const areas: VistaArea[] = [];
  const defaultSeats = hall.seats.filter((s) => !s.areaId || !hall.areas.some((a) => a.id === s.areaId));
  if (defaultSeats.length > 0 || hall.areas.length === 0) {
    areas.push({
      areaId: undefined,
      number: 1,
      areaCategoryCode: DEFAULT_AREA_CATEGORY,
      description: "普通区",
      seats: defaultSeats,
      hasSofa: false,
    });
  }
  hall.areas.forEach((a, i) => {
    const seats = hall.seats.filter((s) => s.areaId === a.id);
    if (seats.length === 0) return;
    areas.push({
      areaId: a.id,
      number: areas.length + 1,
      areaCategoryCode: String(i + 2).padStart(10, "0"),
      description: a.name,
      seats,
      hasSofa: false,
    });
  });
  const seatsById = new Map<string, VistaSeat>();
  const seatsByPosition = new Map<string, VistaSeat>();
  for (const area of areas) {
    for (const seat of area.seats) {
      if (seat.type === "loveLeft" || seat.type === "loveRight") area.hasSofa = true;
      const vs: VistaSeat = { seat, area, rowIndex: hall.rows - seat.y, columnIndex: seat.x - 1 };
      seatsById.set(seat.id, vs);
      seatsByPosition.set(positionKey(area.number, vs.rowIndex, vs.columnIndex), vs);
    }
  }
  return {
    hall,
    screenNumber,
    areas,
    seatsById,
    seatsByPosition,
    sellableCount: hall.seats.filter((s) => !s.broken).length,
  };
}

export function buildCatalog(dataset: Dataset): Catalog {
  const cinemas = dataset.cinemas.filter((c) => c.vendor === "vista");
  const cinemaByCode = new Map(cinemas.map((c) => [c.internalCode, c]));
  const cinemaById = new Map(cinemas.map((c) => [c.id, c]));
  const cities = new Map(dataset.cities.map((c) => [c.code, c.name]));
  const halls = new Map<string, VistaHall>();
  for (const c of cinemas) {
    c.halls.forEach((h, i) => {
      halls.set(`${c.id}/${h.id}`, buildHall(h, i + 1));
    });
  }
  const films = new Map(dataset.films.map((f) => [f.id, f]));
  const scheduledFilmId = new Map(dataset.films.map((f, i) => [f.id, `HO${String(i + 1).padStart(8, "0")}`]));
  const sessions: VistaSession[] = [];
  const sessionById = new Map<string, VistaSession>();
  dataset.showtimes.forEach((st, i) => {
    const cinema = cinemaById.get(st.cinemaId);
    const hall = halls.get(`${st.cinemaId}/${st.hallId}`);
    const film = films.get(st.filmId);
    if (!cinema || !hall || !film) return;
    const s: VistaSession = {
      sessionId: String(10001 + i),
      showtime: st,
      cinema,
      hall,
      film,
      scheduledFilmId: scheduledFilmId.get(film.id)!,
    };
    sessions.push(s);
    sessionById.set(s.sessionId, s);
  });
  return {
    cinemas,
    cinemaByCode,
    cityName: (code) => cities.get(code) ?? "",
    sessions,
    sessionById,
    halls,
    scheduledFilmId,
  };
}

/**
 * Ticket types of a session (GetTicketsForSession): per area category a standard ticket (标准票, the
 * list price, sold by every channel) and the third-party channel ticket (the settle price the cinema
 * set for channels). AddTickets must quote PriceInCents exactly.
 */
export function ticketTypesFor(session: VistaSession): TicketType[] {
  const st = session.showtime;
  const out: TicketType[] = [];
  session.hall.areas.forEach((area, k) => {
    const areaSettle =
      area.areaId === undefined
        ? st.settleFen
        : (st.areaPrices.find((p) => p.areaId === area.areaId)?.settleFen ?? st.settleFen);
    const listPrice = st.listFen + Math.max(0, areaSettle - st.settleFen);
    const suffix = area.areaId === undefined ? "" : `(${area.description})`;
    out.push({
      TicketTypeCode: String(10 + k).padStart(4, "0"),
      AreaCategoryCode: area.areaCategoryCode,
      Description: `标准票${suffix}`,
      PriceInCents: listPrice,
      ResalePriceInCents: listPrice,
      PriceGroupCode: "0029",
      SalesChannels: ["POS", "KIOSK", "RSP", "VC"],
    });
    out.push({
      TicketTypeCode: String(50 + k).padStart(4, "0"),
      AreaCategoryCode: area.areaCategoryCode,
      Description: `第三方渠道票${suffix}`,
      PriceInCents: areaSettle,
      ResalePriceInCents: listPrice,
      PriceGroupCode: "0029",
      SalesChannels: ["RSP", "VC"],
    });
  });
  return out;
}

/** Whether sales are closed: cinema marked it sold out / off sale, or its stop-selling time passed. */
export function salesClosed(session: VistaSession, now: number): boolean {
  const st = session.showtime;
  return !st.onSale || now >= st.startsAt - st.stopSellingMinutes * 60_000;
}
