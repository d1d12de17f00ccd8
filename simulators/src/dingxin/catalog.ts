import type { Cinema, Dataset, Film, Hall, Seat, Showtime } from "../core/dataset-types.js";
import { businessDate, chinaDateString } from "../dataset/china-time.js";

/**
 * The 鼎新 view of the data set: only cinemas with vendor "dingxin", under 鼎新's own integer ids
 * (cid = the cinema's internal code, which is not the national code — doc 000 §三; hall, seat, play
 * and film ids numbered in data-set order, so one data set always gives the same ids).
 */
export interface DingxinCatalog {
  cinemas: Cinema[];
  cinemaByCid: Map<string, Cinema>;
  /** Halls are shared objects in the data set; 鼎新 numbers them per cinema. */
  hallId(cinema: Cinema, hall: Hall): number;
  hallByWireId: Map<number, { cinema: Cinema; hall: Hall }>;
  seatId(hallWireId: number, seat: Seat): string;
  seatByWireId(hallWireId: number, id: string): Seat | undefined;
  playId(show: Showtime): number;
  showByPlayId: Map<number, Showtime>;
  showsByCinema: Map<string, Showtime[]>;
  movieId(film: Film): number;
  filmById: Map<string, Film>;
  /** Business date "YYYY-MM-DD" of a show. */
  businessDateOf(show: Showtime): string;
}

const HALL_BASE = 1000;
const PLAY_BASE = 5000;
const MOVIE_BASE = 300;

export function buildCatalog(dataset: Dataset): DingxinCatalog {
  const cinemas = dataset.cinemas.filter((c) => c.vendor === "dingxin");
  const cinemaByCid = new Map(cinemas.map((c) => [c.internalCode, c]));
  const cinemaById = new Map(cinemas.map((c) => [c.id, c]));
  const hallIds = new Map<string, number>();
  const hallByWireId = new Map<number, { cinema: Cinema; hall: Hall }>();
  let hallSeq = HALL_BASE;
  for (const cinema of cinemas) {
    for (const hall of cinema.halls) {
      hallSeq++;
      hallIds.set(`${cinema.id}:${hall.id}`, hallSeq);
      hallByWireId.set(hallSeq, { cinema, hall });
    }
  }
  const seatIndex = new WeakMap<Hall, Map<string, number>>();
  const indexOf = (hall: Hall) => {
    let m = seatIndex.get(hall);
    if (!m) {
      m = new Map(hall.seats.map((s, i) => [s.id, i + 1]));
      seatIndex.set(hall, m);
    }
    return m;
  };
  const movieIds = new Map(dataset.films.map((f, i) => [f.id, MOVIE_BASE + i + 1]));
  const filmById = new Map(dataset.films.map((f) => [f.id, f]));
  const playIds = new Map<string, number>();
  const showByPlayId = new Map<number, Showtime>();
  const showsByCinema = new Map<string, Showtime[]>();
  dataset.showtimes.forEach((show, i) => {
    if (!cinemaById.has(show.cinemaId)) return;
    const id = PLAY_BASE + i + 1;
    playIds.set(show.id, id);
    showByPlayId.set(id, show);
    showsByCinema.set(show.cinemaId, [...(showsByCinema.get(show.cinemaId) ?? []), show]);
  });
  return {
    cinemas,
    cinemaByCid,
    hallId: (cinema, hall) => hallIds.get(`${cinema.id}:${hall.id}`) ?? 0,
    hallByWireId,
    seatId: (hallWireId, seat) =>
      String(hallWireId * 1000 + (indexOf(hallByWireId.get(hallWireId)!.hall).get(seat.id) ?? 0)),
    seatByWireId: (hallWireId, id) => {
      const entry = hallByWireId.get(hallWireId);
      const n = Number(id) - hallWireId * 1000;
      if (!entry || !/^\d+$/.test(id) || n < 1) return undefined;
      return entry.hall.seats[n - 1];
    },
    playId: (show) => playIds.get(show.id) ?? 0,
    showByPlayId,
    showsByCinema,
    movieId: (film) => movieIds.get(film.id) ?? 0,
    filmById,
    businessDateOf: (show) => chinaDateString(businessDate(show.startsAt)),
  };
}

/** Memoised per data set: the simulators can swap data sets (tests), the catalogue follows. */
export function catalogSource(dataset: () => Dataset): () => DingxinCatalog {
  let last: Dataset | undefined;
  let cat: DingxinCatalog | undefined;
  return () => {
    const d = dataset();
    if (d !== last || !cat) {
      last = d;
      cat = buildCatalog(d);
    }
    return cat;
  };
}
