import type { Cinema, Dataset, Film, Hall, Seat, Showtime } from "../core/dataset-types.js";
import { CHINA_OFFSET_MS } from "../dataset/china-time.js";

/**
 * The 火烈鸟 view of the data set. The cinema code is the 8-digit 广电 code (doc 000 §三.1 (2):
 * 火烈鸟's internal code is the national one) and films their national code. Screen, seat and
 * session codes are this simulator's own numbering: deployments differ and the refs say to treat
 * them as opaque (public-refs §6.3); ours are 16-digit seat codes like one sample's.
 */
export interface HlnCatalog {
  cinemaByCode: Map<string, Cinema>;
  screenCode(cinema: Cinema, hall: Hall): string;
  hallByScreenCode(cinema: Cinema, code: string): Hall | undefined;
  seatCode(cinema: Cinema, hall: Hall, seat: Seat): string;
  seatByCode(cinema: Cinema, hall: Hall, code: string): Seat | undefined;
  groupCode(cinema: Cinema, hall: Hall, seat: Seat): string;
  sessionCode(show: Showtime): string;
  showBySessionCode(cinema: Cinema, code: string): Showtime | undefined;
  showsByCinema: Map<string, Showtime[]>;
  filmById: Map<string, Film>;
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** `yyyy-MM-dd HH:mm:ss` China time (AutoUnlockDatetime, RefundTime). */
export const chinaDateTime = (ms: number) => {
  const d = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`;
};

/** `yyyy-MM-ddTHH:mm:ss` China time (Session StartTime, reply Datetime). */
export const chinaIsoT = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19);

/** `yyyy-MM-dd` China calendar date. */
export const chinaDay = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The group code of ordinary seats; a love-seat pair shares one of its own (inferred, docs). */
export const PLAIN_GROUP = "01";

const cache = new WeakMap<Dataset, HlnCatalog>();

export function catalogOf(dataset: Dataset): HlnCatalog {
  const hit = cache.get(dataset);
  if (hit) return hit;
  const cinemas = dataset.cinemas.filter((c) => c.vendor === "huolieniao");
  const hallNo = new Map<Hall, number>();
  for (const c of cinemas) for (const [i, h] of c.halls.entries()) hallNo.set(h, i + 1);
  const screenCode = (c: Cinema, h: Hall) => `${c.nationalCode}${pad(hallNo.get(h) ?? 0, 2)}`;
  const seatCode = (c: Cinema, h: Hall, s: Seat) => `${screenCode(c, h)}${pad(s.y, 3)}${pad(s.x, 3)}`;
  const seatIndex = new WeakMap<Hall, Map<string, Seat>>();

  const showsByCinema = new Map<string, Showtime[]>();
  const codeOf = new Map<string, string>();
  const byCode = new Map<string, Showtime>();
  const byId = new Map(cinemas.map((c) => [c.id, c]));
  for (const show of dataset.showtimes) {
    const cinema = byId.get(show.cinemaId);
    if (!cinema) continue;
    const hall = cinema.halls.find((h) => h.id === show.hallId);
    // Hall, then start minute: unique per cinema.
    const start = new Date(show.startsAt + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace(/\D/g, "");
    const code = `${pad(hall ? (hallNo.get(hall) ?? 0) : 0, 2)}${start}`;
    codeOf.set(show.id, code);
    byCode.set(`${cinema.id}:${code}`, show);
    const list = showsByCinema.get(cinema.id);
    if (list) list.push(show);
    else showsByCinema.set(cinema.id, [show]);
  }

  const catalog: HlnCatalog = {
    cinemaByCode: new Map(cinemas.map((c) => [c.internalCode, c])),
    screenCode,
    hallByScreenCode: (c, code) => c.halls.find((h) => screenCode(c, h) === code),
    seatCode,
    seatByCode(c, h, code) {
      let index = seatIndex.get(h);
      if (!index) {
        index = new Map(h.seats.map((s) => [seatCode(c, h, s), s]));
        seatIndex.set(h, index);
      }
      return index.get(code);
    },
    groupCode(c, h, seat) {
      if (seat.type !== "loveLeft" && seat.type !== "loveRight") return PLAIN_GROUP;
      const left = seat.type === "loveLeft" ? seat : h.seats.find((s) => s.id === seat.pairSeatId);
      return `L${seatCode(c, h, left ?? seat)}`;
    },
    sessionCode: (show) => codeOf.get(show.id) ?? "",
    showBySessionCode: (c, code) => byCode.get(`${c.id}:${code}`),
    showsByCinema,
    filmById: new Map(dataset.films.map((f) => [f.id, f])),
  };
  cache.set(dataset, catalog);
  return catalog;
}
