import type { Cinema, Dataset, Film, Hall, Seat, Showtime } from "../core/dataset-types.js";
import { CHINA_OFFSET_MS } from "../dataset/china-time.js";

/**
 * The 辰星 view of the data set. Codes are national / "standard" ones (public-refs §3.5): the
 * cinema is its 8-digit 广电 code, films their 12-digit national code. Screen, seat, group and
 * plan codes are this simulator's own numbering (their real format is not known), built in data-set
 * order so the same data set always gives the same codes.
 */
export interface ChenxingCatalog {
  cinemas: Cinema[];
  cinemaByCode: Map<string, Cinema>;
  screenCode(cinema: Cinema, hall: Hall): string;
  hallByScreenCode(cinema: Cinema, screenCode: string): Hall | undefined;
  seatCode(hall: Hall, seat: Seat): string;
  seatByCode(hall: Hall, code: string): Seat | undefined;
  groupCode(hall: Hall, seat: Seat): string;
  featureAppNo(show: Showtime): string;
  showByFeatureAppNo(cinema: Cinema, no: string): Showtime | undefined;
  showsByCinema: Map<string, Showtime[]>;
  filmById: Map<string, Film>;
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** `yyyy-MM-dd HH:mm:ss` China time (StartTime, AutoUnlockDatetime). */
export function chinaDateTime(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`;
}

/** `yyyyMMdd` China time. */
export const chinaCompactDate = (ms: number) =>
  new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, "");

/** The normal seats' shared group code; love-seat pairs get one of their own (§3.5: pairs share GroupCode). */
export const PLAIN_GROUP = "0000000000000001";

const cache = new WeakMap<Dataset, ChenxingCatalog>();

export function catalogOf(dataset: Dataset): ChenxingCatalog {
  const hit = cache.get(dataset);
  if (hit) return hit;
  const cinemas = dataset.cinemas.filter((c) => c.vendor === "chenxing");
  const cinemaByCode = new Map(cinemas.map((c) => [c.internalCode, c]));
  const hallIndex = new Map<Hall, number>();
  for (const c of cinemas) for (const [i, h] of c.halls.entries()) hallIndex.set(h, i + 1);
  const seatIndex = new WeakMap<Hall, Map<string, Seat>>();

  const screenCode = (cinema: Cinema, hall: Hall) => `${cinema.nationalCode}${pad(hallIndex.get(hall) ?? 0, 2)}`;
  const seatCode = (hall: Hall, seat: Seat) => `${pad(hallIndex.get(hall) ?? 0, 2)}${pad(seat.y, 3)}${pad(seat.x, 3)}`;

  const showsByCinema = new Map<string, Showtime[]>();
  const byFeature = new Map<string, Showtime>();
  const featureOf = new Map<string, string>();
  const seqByHallDay = new Map<string, number>();
  const cinemaIds = new Set(cinemas.map((c) => c.id));
  for (const show of dataset.showtimes) {
    if (!cinemaIds.has(show.cinemaId)) continue;
    const cinema = cinemas.find((c) => c.id === show.cinemaId)!;
    const hall = cinema.halls.find((h) => h.id === show.hallId);
    const day = chinaCompactDate(show.startsAt);
    const key = `${cinema.id}:${show.hallId}:${day}`;
    const seq = (seqByHallDay.get(key) ?? 0) + 1;
    seqByHallDay.set(key, seq);
    // FeatureAppNo as in the refs' example "0001202405010001": screen, date, sequence.
    const no = `${pad(hall ? (hallIndex.get(hall) ?? 0) : 0, 4)}${day}${pad(seq, 4)}`;
    featureOf.set(show.id, no);
    byFeature.set(`${cinema.id}:${no}`, show);
    const list = showsByCinema.get(cinema.id);
    if (list) list.push(show);
    else showsByCinema.set(cinema.id, [show]);
  }

  const catalog: ChenxingCatalog = {
    cinemas,
    cinemaByCode,
    screenCode,
    hallByScreenCode: (cinema, code) => cinema.halls.find((h) => screenCode(cinema, h) === code),
    seatCode,
    seatByCode(hall, code) {
      let index = seatIndex.get(hall);
      if (!index) {
        index = new Map(hall.seats.map((s) => [seatCode(hall, s), s]));
        seatIndex.set(hall, index);
      }
      return index.get(code);
    },
    groupCode(hall, seat) {
      if (seat.type !== "loveLeft" && seat.type !== "loveRight") return PLAIN_GROUP;
      const left = seat.type === "loveLeft" ? seat : hall.seats.find((s) => s.id === seat.pairSeatId);
      return `9${seatCode(hall, left ?? seat)}`.padStart(16, "0");
    },
    featureAppNo: (show) => featureOf.get(show.id) ?? "",
    showByFeatureAppNo: (cinema, no) => byFeature.get(`${cinema.id}:${no}`),
    showsByCinema,
    filmById: new Map(dataset.films.map((f) => [f.id, f])),
  };
  cache.set(dataset, catalog);
  return catalog;
}
