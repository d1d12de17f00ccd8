import type { Cinema, Film, Showtime } from "../core/dataset-types.js";
import { hallTypeCode, versionCodes, wireCinemaId } from "./catalog.js";
import { MoviefanCode, MoviefanError } from "./codes.js";
import { type MoviefanCall, type MoviefanEnv, ok } from "./env.js";
import type { Params } from "./params.js";
import { cityPinyin, provinces } from "./regions.js";
import { chinaDateTime, chinaMidnightOf, netDate } from "./wire-format.js";

export const CINEMAS_PAGE_SIZE = 100;

/** The end of selling: ticketEndTime. */
export const stopSellingAt = (show: Showtime) => show.startsAt - show.stopSellingMinutes * 60_000;

function isHidden(env: MoviefanEnv, cinema: Cinema): boolean {
  return env.faults.config.hideShowtimesFor.includes(cinema.internalCode);
}

/** The showtimes queryShows lists right now: not hidden, selling not yet stopped. */
export function currentShows(env: MoviefanEnv, cinema: Cinema): Showtime[] {
  if (isHidden(env, cinema)) return [];
  const now = env.now();
  return (env.catalog().showsByCinema.get(cinema.id) ?? []).filter((s) => stopSellingAt(s) > now);
}

function cinemaOf(env: MoviefanEnv, p: Params): Cinema {
  const code = p.req("cinemaID");
  const cinema = env.catalog().cinemaByCode.get(code);
  if (!cinema) throw new MoviefanError(MoviefanCode.systemError, "影院不存在");
  return cinema;
}

function renderCinema(env: MoviefanEnv, cinema: Cinema) {
  const hasShows = currentShows(env, cinema).some((s) => s.onSale);
  return {
    cinemaID: wireCinemaId(cinema.internalCode),
    cinemaName: cinema.name,
    cinemaAddress: cinema.address,
    province: Number(cinema.cityCode.slice(0, 2) + "0000"),
    city: Number(cinema.cityCode),
    county: env.catalog().county(cinema)?.id ?? 0,
    baiduLatitude: cinema.lat,
    baiduLongitude: cinema.lng,
    // 1 normal, 4 no showtimes.
    cinemaStatus: hasShows ? 1 : 4,
    phone: cinema.phone,
    cinematype: 0,
    desc: "",
  };
}

function renderMovie(env: MoviefanEnv, film: Film) {
  const id = env.catalog().movieId(film.id);
  return {
    movieID: id,
    movieNameCN: film.title,
    movieNameEN: "",
    movieImage: `Movie/${film.releaseDate.replace(/-0?/g, "-")}/${id}.jpg`,
    movieVersions: film.versions
      .map((v) => versionCodes[v])
      .filter((c) => c !== undefined)
      .join(","),
    intro: "",
    director: film.director,
    actors: film.cast.split(/[,，]/).join(" / "),
    // No genres in the data set: 13 剧情片 for all.
    movieTypes: "13",
    movieLanages: film.language,
    filmLength: film.durationMinutes,
    releaseTime: netDate(chinaMidnightOf(film.releaseDate)),
  };
}

const queryLocations: MoviefanCall = {
  name: "queryLocations",
  handle(_p, env) {
    const cat = env.catalog();
    const cities = env.dataset().cities;
    const locations: Record<string, unknown>[] = [];
    const seenProvinces = new Set<string>();
    const location = (
      id: number,
      type: number,
      parent: number,
      name: string,
      py = "",
      short = "",
      lat = 0,
      lng = 0,
    ) => ({
      locationID: id,
      locationType: type,
      parentID: parent,
      nameCN: name,
      nameEN: py ? py[0]!.toUpperCase() + py.slice(1) : "",
      namePinyin: py,
      namePinyinShort: short,
      nameCode: String(id),
      isHot: false,
      latitude: lat.toFixed(6),
      longitude: lng.toFixed(6),
    });
    for (const city of cities) {
      const prefix = city.code.slice(0, 2);
      const prov = provinces[prefix];
      if (!seenProvinces.has(prefix)) {
        seenProvinces.add(prefix);
        locations.push(location(Number(prefix + "0000"), 1, 0, prov?.name ?? city.name, prov?.pinyin, prov?.short));
      }
      const inCity = cat.cinemas.filter((c) => c.cityCode === city.code);
      const lat = inCity.length ? inCity.reduce((a, c) => a + c.lat, 0) / inCity.length : 0;
      const lng = inCity.length ? inCity.reduce((a, c) => a + c.lng, 0) / inCity.length : 0;
      const py = cityPinyin[city.name.replace(/市$/, "")];
      const loc = location(Number(city.code), 2, Number(prefix + "0000"), city.name, py?.pinyin, py?.short, lat, lng);
      loc.isHot = inCity.length >= 3;
      locations.push(loc);
    }
    for (const county of cat.counties.values()) {
      locations.push(location(county.id, 3, Number(county.cityCode), county.name));
    }
    return ok({ locations });
  },
};

const queryCinemas: MoviefanCall = {
  name: "queryCinemas",
  handle(p, env) {
    const pageIndex = p.get("pageIndex") === undefined ? 1 : p.int("pageIndex");
    const all = env.catalog().cinemas;
    const page = Math.max(1, pageIndex);
    const slice = all.slice((page - 1) * CINEMAS_PAGE_SIZE, page * CINEMAS_PAGE_SIZE);
    return ok({ totalCount: all.length, cinemas: slice.map((c) => renderCinema(env, c)) });
  },
};

const queryCinema: MoviefanCall = {
  name: "queryCinema",
  handle(p, env) {
    // The example puts `cinema` before code and msg.
    return { cinema: renderCinema(env, cinemaOf(env, p)), code: 1, msg: "操作成功" };
  },
};

const queryMovies: MoviefanCall = {
  name: "queryMovies",
  handle(_p, env) {
    const films = env.dataset().films;
    return ok({ totalCount: films.length, movies: films.map((f) => renderMovie(env, f)) });
  },
};

const queryMovie: MoviefanCall = {
  name: "queryMovie",
  handle(p, env) {
    const film = env.catalog().filmById.get(p.int("movieID"));
    if (!film) throw new MoviefanError(MoviefanCode.systemError, "影片不存在");
    return ok({ movie: renderMovie(env, film) });
  },
};

const queryHalls: MoviefanCall = {
  name: "queryHalls",
  handle(p, env) {
    const cinema = cinemaOf(env, p);
    const cat = env.catalog();
    // Keys in PascalCase (and `intro` lowercase) exactly as the document's example shows them.
    const halls = cinema.halls.map((hall) => ({
      HallID: cat.hallId(cinema.id, hall.id),
      CinemaID: wireCinemaId(cinema.internalCode),
      HallName: hall.name,
      HallStatus: 1,
      Alias: "",
      intro: hall.type,
      SeatCount: hall.seats.length,
      HallType: hallTypeCode(hall.type),
    }));
    return ok({ halls });
  },
};

const queryShows: MoviefanCall = {
  name: "queryShows",
  handle(p, env) {
    const cinema = cinemaOf(env, p);
    const cat = env.catalog();
    const shows = currentShows(env, cinema).map((show) => {
      const hall = cinema.halls.find((h) => h.id === show.hallId);
      const film = cat.filmByDatasetId.get(show.filmId);
      const start = chinaDateTime(show.startsAt);
      return {
        showtimeID: cat.showtimeId(show.id),
        movieID: cat.movieId(show.filmId),
        cinemaID: wireCinemaId(cinema.internalCode),
        version: String(versionCodes[show.version] ?? 1),
        language: show.language,
        hallID: cat.hallId(cinema.id, show.hallId),
        hallName: hall?.name ?? "",
        ticketStartTime: start,
        // Yuan, as doc 001's example (`"price": "51"`); numbers, as its table (int). submitOrder's amount is fen.
        price: show.settleFen / 100,
        retailPrice: show.listFen / 100,
        showTime: start,
        filmLength: film?.durationMinutes ?? Math.round((show.endsAt - show.startsAt) / 60_000),
        ticketEndTime: chinaDateTime(stopSellingAt(show)),
        status: show.onSale ? 1 : 0,
      };
    });
    return ok({ totalCount: shows.length, shows });
  },
};

export const catalogCalls = [
  queryLocations,
  queryCinemas,
  queryCinema,
  queryMovies,
  queryMovie,
  queryHalls,
  queryShows,
];
