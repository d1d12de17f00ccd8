import type { Cinema, Dataset, Film, Hall, Showtime } from "../core/dataset-types.js";
import { districtOf } from "./regions.js";

/**
 * The Moviefan view of the data set: only cinemas with vendor "moviefan", and the integer ids the
 * document's tables declare (cinemaID = the cinema's internal code; hallID, movieID and showtimeID
 * are numbered in data-set order, so the same data set always gives the same ids).
 */
export interface MoviefanCatalog {
  cinemas: Cinema[];
  cinemaByCode: Map<string, Cinema>;
  cinemaById: Map<string, Cinema>;
  hallId(cinemaId: string, hallId: string): number;
  hallById: Map<number, { cinema: Cinema; hall: Hall }>;
  movieId(filmId: string): number;
  filmById: Map<number, Film>;
  filmByDatasetId: Map<string, Film>;
  showtimeId(showtimeId: string): number;
  showById: Map<number, Showtime>;
  showsByCinema: Map<string, Showtime[]>;
  /** Synthesised county (区/县) ids: city code's first 4 digits + a 2-digit sequence. */
  county(cinema: Cinema): { id: number; name: string } | undefined;
  counties: Map<string, { id: number; name: string; cityCode: string }>;
}

const MOVIE_BASE = 100;
const HALL_BASE = 1000;
const SHOW_BASE = 100_000;

export function buildCatalog(dataset: Dataset): MoviefanCatalog {
  const cinemas = dataset.cinemas.filter((c) => c.vendor === "moviefan");
  const cinemaByCode = new Map(cinemas.map((c) => [c.internalCode, c]));
  const cinemaById = new Map(cinemas.map((c) => [c.id, c]));

  const hallIds = new Map<string, number>();
  const hallById = new Map<number, { cinema: Cinema; hall: Hall }>();
  let hallSeq = HALL_BASE;
  for (const cinema of cinemas) {
    for (const hall of cinema.halls) {
      hallSeq++;
      hallIds.set(`${cinema.id}:${hall.id}`, hallSeq);
      hallById.set(hallSeq, { cinema, hall });
    }
  }

  const movieIds = new Map<string, number>();
  const filmById = new Map<number, Film>();
  const filmByDatasetId = new Map<string, Film>();
  dataset.films.forEach((film, i) => {
    movieIds.set(film.id, MOVIE_BASE + i + 1);
    filmById.set(MOVIE_BASE + i + 1, film);
    filmByDatasetId.set(film.id, film);
  });

  const showIds = new Map<string, number>();
  const showById = new Map<number, Showtime>();
  const showsByCinema = new Map<string, Showtime[]>();
  dataset.showtimes.forEach((show, i) => {
    if (!cinemaById.has(show.cinemaId)) return;
    const id = SHOW_BASE + i + 1;
    showIds.set(show.id, id);
    showById.set(id, show);
    const list = showsByCinema.get(show.cinemaId);
    if (list) list.push(show);
    else showsByCinema.set(show.cinemaId, [show]);
  });

  const counties = new Map<string, { id: number; name: string; cityCode: string }>();
  const countyByCinema = new Map<string, { id: number; name: string }>();
  const seqByCity = new Map<string, number>();
  for (const cinema of cinemas) {
    const name = districtOf(cinema.address);
    if (!name) continue;
    const key = `${cinema.cityCode}:${name}`;
    let county = counties.get(key);
    if (!county) {
      const seq = (seqByCity.get(cinema.cityCode) ?? 0) + 1;
      seqByCity.set(cinema.cityCode, seq);
      county = {
        id: Number(cinema.cityCode.slice(0, 4) + String(seq).padStart(2, "0")),
        name,
        cityCode: cinema.cityCode,
      };
      counties.set(key, county);
    }
    countyByCinema.set(cinema.id, county);
  }

  return {
    cinemas,
    cinemaByCode,
    cinemaById,
    hallId: (cinemaId, hallId) => hallIds.get(`${cinemaId}:${hallId}`) ?? 0,
    hallById,
    movieId: (filmId) => movieIds.get(filmId) ?? 0,
    filmById,
    filmByDatasetId,
    showtimeId: (id) => showIds.get(id) ?? 0,
    showById,
    showsByCinema,
    county: (cinema) => countyByCinema.get(cinema.id),
    counties,
  };
}

/**
 * Rebuilds the catalog when the data set is replaced or grows (the control API may swap it), and
 * otherwise reuses it.
 */
export function catalogSource(getDataset: () => Dataset): () => MoviefanCatalog {
  let built: { key: unknown[]; catalog: MoviefanCatalog } | undefined;
  return () => {
    const ds = getDataset();
    const key = [ds, ds.cinemas, ds.cinemas.length, ds.films, ds.films.length, ds.showtimes, ds.showtimes.length];
    if (!built || built.key.some((k, i) => k !== key[i])) built = { key, catalog: buildCatalog(ds) };
    return built.catalog;
  };
}

/** cinemaID is an int in the document; internal codes that are not numeric are sent as strings. */
export function wireCinemaId(code: string): number | string {
  return /^\d{1,15}$/.test(code) ? Number(code) : code;
}

/** MovieVersion table codes. */
export const versionCodes: Record<string, number> = {
  "2D": 1,
  "3D": 2,
  IMAX: 3,
  IMAX3D: 4,
  "4D": 5,
  中国巨幕: 6,
  中国巨幕3D: 7,
};

/** hallType is an undocumented int; 0 = ordinary hall as in the example, then one code per special hall. */
export function hallTypeCode(type: string): number {
  if (/IMAX/i.test(type)) return 1;
  if (/巨幕/.test(type)) return 2;
  if (/激光/.test(type)) return 3;
  if (/VIP/i.test(type)) return 4;
  if (/4D/i.test(type)) return 5;
  return 0;
}
