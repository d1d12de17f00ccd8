import type { Cinema, Showtime } from "../core/dataset-types.js";
import { chinaDateString } from "../dataset/china-time.js";
import { chinaDateTime } from "./catalog.js";
import { Code, TspError } from "./codes.js";
import { type FlatOp, type TspEnv, yuan } from "./env.js";
import type { Tree } from "./soap.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function cinemaOf(env: TspEnv, code: string): Cinema {
  const cinema = env.catalog().cinemaByCode.get(code);
  if (!cinema) throw new TspError(Code.notFound, `影院不存在或未开通网售: ${code}`);
  return cinema;
}

function dateParam(value: string, name: string): string {
  if (!DATE.test(value)) throw new TspError(Code.badParam, `参数错误: ${name} 应为 yyyy-MM-dd`);
  return value;
}

/**
 * The plans our channel sees: those the cinema opened to the channel (doc 000 §四.2 晨星: 放映计划
 * 未勾选开放销售渠道 → nothing is returned; data-set `onSale` false stands for that), not hidden by
 * the diagnosis fault, not yet started, on the natural days asked (pPlanDate is a calendar day).
 */
export function plansOf(env: TspEnv, cinema: Cinema, from: string, to: string): Showtime[] {
  if (env.faults.config.hideShowtimesFor.includes(cinema.internalCode)) return [];
  const now = env.now();
  return (env.catalog().showsByCinema.get(cinema.id) ?? []).filter((s) => {
    const day = chinaDateString(s.startsAt);
    return s.onSale && s.startsAt > now && day >= from && day <= to;
  });
}

function renderPlan(env: TspEnv, cinema: Cinema, s: Showtime): Tree {
  const cat = env.catalog();
  const hall = cinema.halls.find((h) => h.id === s.hallId)!;
  const film = cat.filmById.get(s.filmId);
  return {
    ScreenCode: cat.screenCode(cinema, hall),
    FeatureAppNo: cat.featureAppNo(s),
    StartTime: chinaDateTime(s.startsAt),
    PlaythroughFlag: "No",
    MarketingCode: "",
    MarketingName: "",
    Films: {
      Film: [
        {
          FilmCode: film?.nationalCode ?? "",
          FilmName: film?.title ?? "",
          Lang: s.language,
          Duration: String(film?.durationMinutes ?? Math.round((s.endsAt - s.startsAt) / 60_000)),
          Sequence: "1",
        },
      ],
    },
    Price: {
      LowestPrice: yuan(s.lowestFen),
      StandardPrice: yuan(s.settleFen),
      ListingPrice: yuan(s.listFen),
      ServiceAddFee: yuan(s.feeFen),
      CinemaAllowance: yuan(0),
    },
  };
}

function filmsOf(env: TspEnv, shows: Showtime[]): Tree {
  const cat = env.catalog();
  const seen = new Set<string>();
  const out: Tree[] = [];
  for (const s of shows) {
    const film = cat.filmById.get(s.filmId);
    if (!film || seen.has(film.id)) continue;
    seen.add(film.id);
    out.push({
      FilmCode: film.nationalCode,
      FilmName: film.title,
      Version: film.versions.join(","),
      Duration: String(film.durationMinutes),
      PublishDate: film.releaseDate,
      Publisher: "",
      Producer: "",
      Director: film.director,
      Cast: film.cast,
      Introduction: "",
    });
  }
  return { FilmInfoVOs: { FilmInfoVO: out } };
}

const QueryCinemaList: FlatOp = {
  kind: "flat",
  name: "QueryCinemaList",
  params: [],
  handle(_p, env) {
    const cities = new Map(env.dataset().cities.map((c) => [c.code, c.name]));
    return {
      Cinemas: {
        Cinema: env.catalog().cinemas.map((c) => ({
          CinemaCode: c.internalCode,
          CinemaName: c.name,
          Province: c.cityCode.slice(0, 2),
          City: cities.get(c.cityCode) ?? c.cityCode,
          CreateDate: "2016-01-01",
          PriceType: "1",
        })),
      },
    };
  },
};

const QueryCinemaInfo: FlatOp = {
  kind: "flat",
  name: "QueryCinemaInfo",
  params: ["pCinemaCode"],
  handle(p, env) {
    const c = cinemaOf(env, p.pCinemaCode ?? "");
    const cat = env.catalog();
    return {
      Cinema: {
        CinemaCode: c.internalCode,
        CinemaName: c.name,
        Address: c.address,
        ScreenCount: String(c.halls.length),
        Screens: {
          ScreenVO: c.halls.map((h) => ({
            ScreenCode: cat.screenCode(c, h),
            ScreenName: h.name,
            SeatCount: String(h.seats.length),
            Type: h.type,
          })),
        },
      },
    };
  },
};

const QuerySeatInfo: FlatOp = {
  kind: "flat",
  name: "QuerySeatInfo",
  params: ["pCinemaCode", "pScreenCode"],
  handle(p, env) {
    const c = cinemaOf(env, p.pCinemaCode ?? "");
    const cat = env.catalog();
    const hall = cat.hallByScreenCode(c, p.pScreenCode ?? "");
    if (!hall) throw new TspError(Code.notFound, `影厅不存在: ${p.pScreenCode}`);
    return {
      ScreenSites: {
        ScreenSite: hall.seats.map((s) => ({
          SeatCode: cat.seatCode(hall, s),
          GroupCode: cat.groupCode(hall, s),
          RowNum: s.rowLabel,
          ColumnNum: s.colLabel,
          XCoord: String(s.x),
          YCoord: String(s.y),
          Status: s.broken ? "Unavailable" : "Available",
        })),
      },
    };
  },
};

const QueryFilmInfo: FlatOp = {
  kind: "flat",
  name: "QueryFilmInfo",
  params: ["pCinemaCode", "pPlanDate"],
  handle(p, env) {
    const day = dateParam(p.pPlanDate ?? "", "pPlanDate");
    return filmsOf(env, plansOf(env, cinemaOf(env, p.pCinemaCode ?? ""), day, day));
  },
};

const QueryFilmInfoByDatePeriod: FlatOp = {
  kind: "flat",
  name: "QueryFilmInfoByDatePeriod",
  params: ["pCinemaCode", "pPlanStartDate", "pPlanEndDate"],
  handle(p, env) {
    const from = dateParam(p.pPlanStartDate ?? "", "pPlanStartDate");
    const to = dateParam(p.pPlanEndDate ?? "", "pPlanEndDate");
    return filmsOf(env, plansOf(env, cinemaOf(env, p.pCinemaCode ?? ""), from, to));
  },
};

const QueryPlanInfo: FlatOp = {
  kind: "flat",
  name: "QueryPlanInfo",
  params: ["pCinemaCode", "pPlanDate"],
  handle(p, env) {
    const day = dateParam(p.pPlanDate ?? "", "pPlanDate");
    const c = cinemaOf(env, p.pCinemaCode ?? "");
    return { CinemaPlans: { CinemaPlan: plansOf(env, c, day, day).map((s) => renderPlan(env, c, s)) } };
  },
};

const QueryPlanInfoByDatePeriod: FlatOp = {
  kind: "flat",
  name: "QueryPlanInfoByDatePeriod",
  params: ["pCinemaCode", "pPlanStartDate", "pPlanEndDate"],
  handle(p, env) {
    const from = dateParam(p.pPlanStartDate ?? "", "pPlanStartDate");
    const to = dateParam(p.pPlanEndDate ?? "", "pPlanEndDate");
    const c = cinemaOf(env, p.pCinemaCode ?? "");
    return { CinemaPlans: { CinemaPlan: plansOf(env, c, from, to).map((s) => renderPlan(env, c, s)) } };
  },
};

const SEAT_FILTERS = new Set(["All", "Available", "Locked", "Sold", "Booked", "Unavailable"]);

const QueryPlanSeat: FlatOp = {
  kind: "flat",
  name: "QueryPlanSeat",
  params: ["pCinemaCode", "pFeatureAppNo", "pStatus"],
  handle(p, env) {
    const c = cinemaOf(env, p.pCinemaCode ?? "");
    const cat = env.catalog();
    const filter = p.pStatus || "All";
    if (!SEAT_FILTERS.has(filter)) throw new TspError(Code.badParam, `参数错误: pStatus ${filter}`);
    const show = cat.showByFeatureAppNo(c, p.pFeatureAppNo ?? "");
    if (!show) throw new TspError(Code.notFound, `场次不存在: ${p.pFeatureAppNo}`);
    const hall = c.halls.find((h) => h.id === show.hallId)!;
    env.book.sweep();
    const states = hall.seats
      .map((s) => ({
        SeatCode: cat.seatCode(hall, s),
        RowNum: s.rowLabel,
        ColumnNum: s.colLabel,
        Status: s.broken ? "Unavailable" : (env.book.seatState(show.id, s.id) ?? "Available"),
        MemberLevelCode: "",
      }))
      .filter((s) => filter === "All" || s.Status === filter);
    return { FeatureAppNo: cat.featureAppNo(show), PlanSiteStates: { PlanSiteState: states } };
  },
};

export const catalogueOps = [
  QueryCinemaList,
  QueryCinemaInfo,
  QuerySeatInfo,
  QueryFilmInfo,
  QueryFilmInfoByDatePeriod,
  QueryPlanInfo,
  QueryPlanInfoByDatePeriod,
  QueryPlanSeat,
];
