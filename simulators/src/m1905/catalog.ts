import type { Cinema, Dataset, Film, Hall, Seat, Showtime } from "../core/dataset-types.js";

/**
 * The 1905 view of the data set: only cinemas owned by "m1905", with the internal numbers 1905 hands
 * out (public-refs §8.3: CinemaNo, ScreenNo, FilmNo and SessionNo are 1905's own; the national codes
 * travel beside them as CinemaCode and FilmCode). Numbers follow data-set order, so one data set
 * always gives the same ids.
 */
export interface M1905Catalog {
  cinemas: Cinema[];
  cinemaByNo: Map<string, Cinema>;
  screenNo(hallIndex: number): string;
  hallByScreenNo(cinema: Cinema, screenNo: string): Hall | undefined;
  filmNo(film: Film): string;
  filmById: Map<string, Film>;
  films: Film[];
  sessionNo(show: Showtime): string;
  sessionByNo: Map<string, Showtime>;
  sessionsByCinema: Map<string, Showtime[]>;
  cinemaById: Map<string, Cinema>;
}

const FILM_BASE = 5000;
const SESSION_BASE = 800_000;

export function buildCatalog(dataset: Dataset): M1905Catalog {
  const cinemas = dataset.cinemas.filter((c) => c.vendor === "m1905");
  const cinemaById = new Map(cinemas.map((c) => [c.id, c]));
  const filmNos = new Map<string, string>();
  dataset.films.forEach((f, i) => {
    filmNos.set(f.id, String(FILM_BASE + i + 1));
  });
  const sessionNos = new Map<string, string>();
  const sessionByNo = new Map<string, Showtime>();
  const sessionsByCinema = new Map<string, Showtime[]>();
  dataset.showtimes.forEach((s, i) => {
    if (!cinemaById.has(s.cinemaId)) return;
    const no = String(SESSION_BASE + i + 1);
    sessionNos.set(s.id, no);
    sessionByNo.set(no, s);
    const list = sessionsByCinema.get(s.cinemaId) ?? [];
    list.push(s);
    sessionsByCinema.set(s.cinemaId, list);
  });
  return {
    cinemas,
    cinemaByNo: new Map(cinemas.map((c) => [c.internalCode, c])),
    screenNo: (i) => String(i + 1),
    hallByScreenNo: (cinema, no) => (/^\d+$/.test(no) ? cinema.halls[Number(no) - 1] : undefined),
    filmNo: (film) => filmNos.get(film.id) ?? "",
    filmById: new Map(dataset.films.map((f) => [f.id, f])),
    films: dataset.films,
    sessionNo: (show) => sessionNos.get(show.id) ?? "",
    sessionByNo,
    sessionsByCinema,
    cinemaById,
  };
}

/** SeatNo as in the refs' example (`1001,1002`): row then a 3-digit column of the grid. */
export const seatNo = (seat: Seat): string => `${seat.y}${String(seat.x).padStart(3, "0")}`;

export function seatByNo(hall: Hall, no: string): Seat | undefined {
  const m = /^(\d+)(\d{3})$/.exec(no);
  if (!m) return undefined;
  const y = Number(m[1]);
  const x = Number(m[2]);
  return hall.seats.find((s) => s.x === x && s.y === y);
}

/**
 * BindNo groups the two seats of a love pair (§8.3 "seats sharing BindNo form a pair"); single
 * seats carry "0". The group number is the left seat's SeatNo.
 */
export function bindNo(hall: Hall, seat: Seat): string {
  if (!seat.pairSeatId) return "0";
  const pair = hall.seats.find((s) => s.id === seat.pairSeatId);
  const left = pair && pair.x < seat.x ? pair : seat;
  return seatNo(left);
}

const TYPE_DESC: Record<Seat["type"], [string, string]> = {
  normal: ["1", "普通座"],
  loveLeft: ["2", "情侣座"],
  loveRight: ["2", "情侣座"],
  wheelchair: ["3", "残疾人座"],
  vip: ["4", "VIP座"],
  motion: ["5", "动感座"],
};

/** SeatTypeNo / SeatTypeDesc: the refs name the fields, not the values; these are the simulator's. */
export const seatType = (seat: Seat): [string, string] => TYPE_DESC[seat.type];
