import type { Cinema, Showtime } from "../core/dataset-types.js";
import { businessDate, chinaDateString, DAY_MS } from "../dataset/china-time.js";
import { DxCode, DxError } from "./codes.js";
import type { DxCall, DxEnv, Params } from "./env.js";
import { hallGrid, wireSeatType } from "./hall-grid.js";
import { chinaDateTime, yuan } from "./wire.js";

export const NEVER_UPDATED = "0000-00-00 00:00:00";
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const stopSellingAt = (show: Showtime) => show.startsAt - show.stopSellingMinutes * 60_000;

export function cinemaOf(env: DxEnv, p: Params): Cinema {
  const cinema = env.catalog().cinemaByCid.get(p.req("cid"));
  if (!cinema) throw new DxError(DxCode.cinemaNotFound, "影院不存在或未授权");
  return cinema;
}

/**
 * A play's cineUpdateTime: every other play has never been updated (`0000-00-00 00:00:00`, as
 * public-refs §4.3 says such plays show); the rest carry the data set's base time; a play touched
 * through the simulator hook carries the time it was touched.
 */
export function updateTimeOf(env: DxEnv, playId: number): string {
  const touched = env.playUpdates.get(playId);
  if (touched !== undefined) return chinaDateTime(touched);
  return playId % 2 === 0 ? NEVER_UPDATED : chinaDateTime(env.dataset().baseTime - DAY_MS);
}

/** The play behind `play_id` in the cinema `cid`. */
export function playOf(env: DxEnv, p: Params): { cinema: Cinema; show: Showtime; playId: number } {
  const cinema = cinemaOf(env, p);
  const playId = p.int("play_id");
  const show = env.catalog().showByPlayId.get(playId);
  if (!show || show.cinemaId !== cinema.id) throw new DxError(DxCode.playNotFound, "场次不存在");
  return { cinema, show, playId };
}

/** `play_update_time` must equal the play's cineUpdateTime (§4.6); otherwise 300505. */
export function checkUpdateTime(env: DxEnv, p: Params, playId: number): void {
  if ((p.raw.play_update_time ?? "") !== updateTimeOf(env, playId)) {
    throw new DxError(DxCode.playOutdated, "场次信息已过期，请重新获取排期");
  }
}

const hidden = (env: DxEnv, cinema: Cinema) => env.faults.config.hideShowtimesFor.includes(cinema.internalCode);
const bizDate = (show: Showtime) => chinaDateString(businessDate(show.startsAt));

function renderPlay(env: DxEnv, cinema: Cinema, show: Showtime) {
  const cat = env.catalog();
  const hall = cinema.halls.find((h) => h.id === show.hallId)!;
  const film = cat.filmById.get(show.filmId);
  const playId = cat.playId(show);
  const bookable = show.onSale && stopSellingAt(show) > env.now();
  const seatTotal = hall.seats.length;
  const taken = hall.seats.filter((s) => s.broken || env.book.holder(show.id, s.id)).length;
  const version = show.version.toUpperCase();
  return {
    id: playId,
    cinePlayId: `P${playId}`,
    hallId: cat.hallId(cinema, hall),
    hallName: hall.name,
    businessDate: bizDate(show),
    startTime: chinaDateTime(show.startsAt),
    endTime: chinaDateTime(show.endsAt),
    priceType: 1,
    price: yuan(show.listFen),
    marketPrice: yuan(show.listFen),
    lowestPrice: yuan(show.lowestFen),
    partnerPrice: yuan(show.settleFen),
    seatTotalNum: seatTotal,
    seatAvailableNum: seatTotal - taken,
    allowBook: bookable ? 1 : 0,
    cineUpdateTime: updateTimeOf(env, playId),
    priceStrategySnapshootId: playId * 10,
    priceActivitySnapshootId: "",
    areaInfo: show.areaPrices.map((a) => ({
      areaId: a.areaId,
      areaPrice: yuan(a.settleFen),
      areaServiceFee: yuan(show.feeFen),
    })),
    movieInfo: film
      ? [
          {
            cineMovieId: cat.movieId(film),
            cineMovieNum: film.nationalCode,
            movieName: film.title,
            movieSubtitle: "中文",
            movieLanguage: show.language,
            movieFormat: "数字",
            movieDimensional: version.includes("3D") ? "3D" : "2D",
            movieSize: version.includes("IMAX") ? "IMAX" : "普通",
            joinStartTime: chinaDateTime(show.startsAt),
            joinEndTime: chinaDateTime(show.endsAt),
          },
        ]
      : [],
  };
}

const partnerCinemas: DxCall = {
  action: "partner/cinemas",
  handle(_p, env) {
    return env.catalog().cinemas.map((c) => ({
      cinemaId: c.internalCode,
      cinemaName: c.name,
      validPeriod: chinaDateString(env.dataset().baseTime + 365 * DAY_MS),
      createTime: chinaDateTime(env.dataset().baseTime - 30 * DAY_MS),
      cinemaNumber: c.nationalCode,
    }));
  },
};

const cinemaConfig: DxCall = {
  action: "cinema/config",
  handle(p, env) {
    const cinema = cinemaOf(env, p);
    const shows = env.catalog().showsByCinema.get(cinema.id) ?? [];
    return {
      cinemaId: cinema.internalCode,
      cinemaName: cinema.name,
      buyNumLimit: 4,
      handleFee: "0.00",
      playPeriod: 7,
      forbidRefundMin: cinema.refundBeforeMinutes,
      validPeriod: chinaDateString(env.dataset().baseTime + 365 * DAY_MS),
      sellTimeLimit: Math.max(0, ...shows.map((s) => s.stopSellingMinutes)),
      cineHandleFee: "0.00",
    };
  },
};

const cinemaHalls: DxCall = {
  action: "cinema/halls",
  handle(p, env) {
    const cinema = cinemaOf(env, p);
    return cinema.halls.map((h) => {
      const id = env.catalog().hallId(cinema, h);
      return {
        id,
        cineHallId: `H${id}`,
        name: h.name,
        seatNum: h.seats.length,
        type: h.type === "IMAX厅" ? "IMAX影厅" : h.type,
        audioType: "数字立体声",
        areaInfo: h.areas.map((a) => ({ areaId: a.id, areaName: a.name })),
        screenCode: `S${id}`,
      };
    });
  },
};

/** Every grid cell, row by row: aisles as `0`/`0` seats of type road; xCoord = row index, yCoord = column index. */
const hallSeats: DxCall = {
  action: "cinema/hall-seats",
  handle(p, env) {
    const cinema = cinemaOf(env, p);
    const hallWireId = p.int("hall_id");
    const entry = env.catalog().hallByWireId.get(hallWireId);
    if (!entry || entry.cinema.id !== cinema.id) throw new DxError(DxCode.hallNotFound, "影厅不存在");
    const { hall } = entry;
    const out: Record<string, unknown>[] = [];
    for (const { x, y, seat, loveLeft } of hallGrid(hall)) {
      if (!seat) {
        out.push({
          cineSeatId: "",
          cinemaId: cinema.internalCode,
          xCoord: y,
          yCoord: x,
          loveseats: "",
          row: 0,
          column: 0,
          status: "ok",
          type: "road",
          areaId: "",
        });
        continue;
      }
      out.push({
        cineSeatId: env.catalog().seatId(hallWireId, seat),
        cinemaId: cinema.internalCode,
        xCoord: y,
        yCoord: x,
        loveseats: loveLeft ? `L${env.catalog().seatId(hallWireId, loveLeft)}` : "",
        row: seat.rowLabel,
        column: seat.colLabel,
        status: seat.broken ? "repair" : "ok",
        type: wireSeatType(seat.type),
        areaId: seat.areaId ?? "",
      });
    }
    return out;
  },
};

/**
 * Plays of the business days [start, end) — `end` exclusive, as CEC and NS treat it (§4.6); with
 * no dates, today's business day (06:00 → 05:59:59). Plays stay listed after selling stops, with
 * allowBook 0. A cinema in `hideShowtimesFor` lists none (channel not ticked, doc 000 §四.2).
 */
const cinemaPlays: DxCall = {
  action: "cinema/plays",
  handle(p, env) {
    const cinema = cinemaOf(env, p);
    const start = p.get("start");
    const end = p.get("end");
    for (const d of [start, end])
      if (d !== undefined && !DATE.test(d)) throw new DxError(DxCode.missingParam, "日期格式错误");
    const today = chinaDateString(businessDate(env.now()));
    const from = start ?? today;
    const until = end ?? chinaDateString(Date.parse(`${from}T00:00:00Z`) + DAY_MS);
    if (hidden(env, cinema)) return [];
    return (env.catalog().showsByCinema.get(cinema.id) ?? [])
      .filter((s) => {
        const d = bizDate(s);
        return d >= from && d < until && s.endsAt > env.now();
      })
      .map((s) => renderPlay(env, cinema, s));
  },
};

const movieInfo: DxCall = {
  action: "movie/info",
  handle(p, env) {
    cinemaOf(env, p);
    const mid = p.int("mid");
    const film = env.dataset().films.find((f) => env.catalog().movieId(f) === mid);
    if (!film) throw new DxError(DxCode.playNotFound, "影片不存在");
    return {
      cineMovieNum: film.nationalCode,
      movieFormart: "数字",
      movieDimensional: film.versions.some((v) => v.includes("3D")) ? "3D" : "2D",
      nameCn: film.title,
      nameEn: "",
      lang: film.language,
      showDate: film.releaseDate,
      movieTime: film.durationMinutes,
      director: film.director,
      star: film.cast,
    };
  },
};

export const catalogCalls = [partnerCinemas, cinemaConfig, cinemaHalls, hallSeats, cinemaPlays, movieInfo];
