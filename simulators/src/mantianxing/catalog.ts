import type { Cinema, Dataset, Film, Hall, Seat, Showtime } from "../core/dataset-types.js";
import { CHINA_OFFSET_MS } from "../dataset/china-time.js";

/**
 * The 满天星 view of the data set: the cinemas with vendor "mantianxing" (PlaceNo = the cinema's
 * internal code, which is the national code — doc 000 §三.1), and the numbers the refs name:
 * HallNo per cinema, FeatureAppNo (sales show code) and FeatureNo (the show number the member
 * centre uses, a different number — public-refs §9.7), FilmNo = the national film code, SeatNo.
 */
export interface MtxCatalog {
  cinemaByCode: Map<string, Cinema>;
  cinemas: Cinema[];
  hallNo(hall: Hall, cinema: Cinema): string;
  hallByNo(cinema: Cinema, hallNo: string): Hall | undefined;
  featureAppNo(show: Showtime): string;
  featureNo(show: Showtime): string;
  showByAppNo: Map<string, Showtime>;
  showByFeatureNo: Map<string, Showtime>;
  showsByCinema: Map<string, Showtime[]>;
  filmById: Map<string, Film>;
  hallOf(show: Showtime): { cinema: Cinema; hall: Hall } | undefined;
}

export function buildCatalog(ds: Dataset): MtxCatalog {
  const cinemas = ds.cinemas.filter((c) => c.vendor === "mantianxing");
  const cinemaById = new Map(cinemas.map((c) => [c.id, c]));
  const showByAppNo = new Map<string, Showtime>();
  const showByFeatureNo = new Map<string, Showtime>();
  const appNos = new Map<string, string>();
  const featureNos = new Map<string, string>();
  const showsByCinema = new Map<string, Showtime[]>();
  ds.showtimes.forEach((s, i) => {
    if (!cinemaById.has(s.cinemaId)) return;
    const appNo = String(10_000_000 + i);
    const featureNo = `F${String(i).padStart(7, "0")}`;
    appNos.set(s.id, appNo);
    featureNos.set(s.id, featureNo);
    showByAppNo.set(appNo, s);
    showByFeatureNo.set(featureNo, s);
    showsByCinema.set(s.cinemaId, [...(showsByCinema.get(s.cinemaId) ?? []), s]);
  });
  const hallNo = (hall: Hall, cinema: Cinema) => String(cinema.halls.indexOf(hall) + 1).padStart(2, "0");
  return {
    cinemas,
    cinemaByCode: new Map(cinemas.map((c) => [c.internalCode, c])),
    hallNo,
    hallByNo: (cinema, no) => cinema.halls.find((h) => hallNo(h, cinema) === no),
    featureAppNo: (s) => appNos.get(s.id) ?? "",
    featureNo: (s) => featureNos.get(s.id) ?? "",
    showByAppNo,
    showByFeatureNo,
    showsByCinema,
    filmById: new Map(ds.films.map((f) => [f.id, f])),
    hallOf(show) {
      const cinema = cinemaById.get(show.cinemaId);
      const hall = cinema?.halls.find((h) => h.id === show.hallId);
      return cinema && hall ? { cinema, hall } : undefined;
    },
  };
}

/** Rebuilt when the control API swaps or grows the data set. */
export function catalogSource(get: () => Dataset): () => MtxCatalog {
  let built: { key: unknown[]; cat: MtxCatalog } | undefined;
  return () => {
    const ds = get();
    const key = [ds, ds.cinemas, ds.cinemas.length, ds.showtimes, ds.showtimes.length];
    if (!built || built.key.some((k, i) => k !== key[i])) built = { key, cat: buildCatalog(ds) };
    return built.cat;
  };
}

/** SeatNo: the hall number, grid row and grid column (unique in the cinema). */
export const seatNo = (hallNo: string, seat: Pick<Seat, "x" | "y">) =>
  `${hallNo}${String(seat.y).padStart(2, "0")}${String(seat.x).padStart(2, "0")}`;

const pad = (n: number) => String(n).padStart(2, "0");
export function chinaParts(t: number): { date: string; time: string } {
  const d = new Date(t + CHINA_OFFSET_MS);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

/** Fen → the yuan text the vendor sends ("35.00"). */
export const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

/** Yuan text → fen, or undefined when it is not money. */
export function fenOf(text: string | undefined): number | undefined {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec((text ?? "").trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : undefined;
}
