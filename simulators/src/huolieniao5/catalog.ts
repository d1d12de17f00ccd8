import type { Cinema, Dataset, Hall, Seat, Showtime } from "../core/dataset-types.js";

/**
 * The 火烈鸟 5.0 view of the data set: cinemas owned by "huolieniao5", coded by their national code;
 * hall codes "01", "02" …; seat codes hall + row + column (16 digits like the refs' example
 * `0300000100100101`); channelShowCode 12 digits like `141000000003`; filmCode the national code.
 */
export interface NgcCatalog {
  cinemaByCode: Map<string, Cinema>;
  cinemaById: Map<string, Cinema>;
  showByCode: Map<string, Showtime>;
  showCode(show: Showtime): string;
  showsByCinema: Map<string, Showtime[]>;
}

export function buildCatalog(dataset: Dataset): NgcCatalog {
  const cinemas = dataset.cinemas.filter((c) => c.vendor === "huolieniao5");
  const cinemaById = new Map(cinemas.map((c) => [c.id, c]));
  const codes = new Map<string, string>();
  const showByCode = new Map<string, Showtime>();
  const showsByCinema = new Map<string, Showtime[]>();
  dataset.showtimes.forEach((s, i) => {
    if (!cinemaById.has(s.cinemaId)) return;
    const code = `14${String(i + 1).padStart(10, "0")}`;
    codes.set(s.id, code);
    showByCode.set(code, s);
    showsByCinema.set(s.cinemaId, [...(showsByCinema.get(s.cinemaId) ?? []), s]);
  });
  return {
    cinemaByCode: new Map(cinemas.map((c) => [c.internalCode, c])),
    cinemaById,
    showByCode,
    showCode: (s) => codes.get(s.id) ?? "",
    showsByCinema,
  };
}

export const hallCode = (cinema: Cinema, hall: Hall): string => String(cinema.halls.indexOf(hall) + 1).padStart(2, "0");

export const hallByCode = (cinema: Cinema, code: string): Hall | undefined =>
  /^\d{2}$/.test(code) ? cinema.halls[Number(code) - 1] : undefined;

export const seatCode = (cinema: Cinema, hall: Hall, seat: Seat): string =>
  `${hallCode(cinema, hall)}00000${String(seat.y).padStart(3, "0")}00${String(seat.x).padStart(3, "0")}`.padEnd(
    16,
    "0",
  );

export function seatByCode(cinema: Cinema, hall: Hall, code: string): Seat | undefined {
  const m = /^(\d{2})00000(\d{3})00(\d{3})0*$/.exec(code);
  if (!m || m[1] !== hallCode(cinema, hall)) return undefined;
  return hall.seats.find((s) => s.y === Number(m[2]) && s.x === Number(m[3]));
}

/** loveCode: both seats of a pair carry the left seat's code (the refs name the field only). */
export function loveCode(cinema: Cinema, hall: Hall, seat: Seat): string {
  if (!seat.pairSeatId) return "";
  const pair = hall.seats.find((s) => s.id === seat.pairSeatId);
  return seatCode(cinema, hall, pair && pair.x < seat.x ? pair : seat);
}
