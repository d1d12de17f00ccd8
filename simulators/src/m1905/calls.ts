import type { Cinema, Dataset, Showtime } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import { chinaDateString, chinaMinuteOfDay } from "../dataset/china-time.js";
import { bindNo, buildCatalog, type M1905Catalog, seatByNo, seatNo, seatType } from "./catalog.js";
import { M1905SimCode, M1905SimError } from "./codes.js";
import { cardCalls } from "./members.js";
import { LOCK_TTL_MS, type M1905Order, MAX_SEATS, type OrderBook } from "./orders.js";
import { parseYuan, yuan } from "./xml.js";

export interface M1905Env {
  dataset: Dataset;
  catalog: M1905Catalog;
  now(): number;
  faults: FaultController;
  orders: OrderBook;
}

/** The form fields of one call, read by name. */
export class Form {
  constructor(readonly raw: Record<string, string>) {}
  get(name: string): string {
    return this.raw[name] ?? "";
  }
  req(name: string): string {
    const v = this.get(name).trim();
    if (v === "") throw new M1905SimError(M1905SimCode.badParam, `缺少参数${name}`);
    return v;
  }
}

/**
 * One method of the XML flavour: its name (the URL's last segment), the parameters after pAppCode
 * in signing order (public-refs §8.2), the reply's root element, and the handler.
 */
export interface M1905Call {
  name: string;
  params: readonly string[];
  root: string;
  handle(form: Form, env: M1905Env): Record<string, unknown>;
}

const hhmm = (t: number) => {
  const m = chinaMinuteOfDay(t);
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};

export const stopSellingAt = (s: Showtime) => s.startsAt - s.stopSellingMinutes * 60_000;

function cinemaOf(form: Form, env: M1905Env): Cinema {
  const cinema = env.catalog.cinemaByNo.get(form.req("pCinemaID"));
  if (!cinema) throw new M1905SimError(M1905SimCode.badParam, "影院不存在");
  return cinema;
}

/** A session the partner may still trade: on sale and before its stop-selling time. */
function sellable(form: Form, env: M1905Env): { show: Showtime; cinema: Cinema } {
  const show = env.catalog.sessionByNo.get(form.req("pSessionID"));
  const cinema = show && env.catalog.cinemaById.get(show.cinemaId);
  if (!show || !cinema || !show.onSale || env.now() >= stopSellingAt(show)) {
    throw new M1905SimError(M1905SimCode.sessionClosed);
  }
  return { show, cinema };
}

const list = (text: string) => text.split(",").map((s) => s.trim());

function moneyList(text: string, n: number): number[] {
  const values = list(text).map(parseYuan);
  if (values.length !== n || values.some((v) => v === undefined)) {
    throw new M1905SimError(M1905SimCode.badParam, "票价或服务费格式不正确");
  }
  return values as number[];
}

const getCinema: M1905Call = {
  name: "GetCinema",
  params: [],
  root: "GetCinemaResult",
  handle: (_f, env) => ({
    ResultCode: "0",
    Cinemas: {
      Cinema: env.catalog.cinemas.map((c) => ({
        CinemaNo: c.internalCode,
        CinemaName: c.name,
        CinemaCode: c.nationalCode,
        CityNo: c.cityCode,
        CreateDate: "2015-06-01",
        // Minutes before the show when sale stops (the refs name the field only; unit is ours).
        SellStopTime: String(env.catalog.sessionsByCinema.get(c.id)?.[0]?.stopSellingMinutes ?? 15),
      })),
    },
  }),
};

const getScreen: M1905Call = {
  name: "GetScreen",
  params: ["pCinemaID"],
  root: "GetScreenResult",
  handle: (f, env) => {
    const cinema = cinemaOf(f, env);
    return {
      ResultCode: "0",
      Screens: {
        Screen: cinema.halls.map((h, i) => ({
          ScreenNo: env.catalog.screenNo(i),
          ScreenCode: `${cinema.nationalCode}${String(i + 1).padStart(2, "0")}`,
          ScreenName: h.name,
          ScreenType: h.type === "普通厅" ? "1" : "2",
          ScreenTypeDesc: h.type,
        })),
      },
    };
  },
};

const getScreenSeat: M1905Call = {
  name: "GetScreenSeat",
  params: ["pCinemaID", "pScreenID"],
  root: "GetScreenSeatResult",
  handle: (f, env) => {
    const cinema = cinemaOf(f, env);
    const hall = env.catalog.hallByScreenNo(cinema, f.req("pScreenID"));
    if (!hall) throw new M1905SimError(M1905SimCode.badParam, "影厅不存在");
    return {
      ResultCode: "0",
      ScreenSeats: {
        ScreenSeat: hall.seats.map((s) => {
          const [typeNo, typeDesc] = seatType(s);
          return {
            SeatNo: seatNo(s),
            SeatCode: `${cinema.nationalCode}-${s.id}`,
            SeatRow: s.rowLabel,
            SeatCol: s.colLabel,
            GraphRow: String(s.y),
            GraphCol: String(s.x),
            SeatPieceNo: s.areaId ?? "0",
            BindNo: bindNo(hall, s),
            SeatTypeNo: typeNo,
            SeatTypeDesc: typeDesc,
          };
        }),
      },
    };
  },
};

const getFeatureFilm: M1905Call = {
  name: "GetFeatureFilm",
  params: [],
  root: "GetFeatureFilmResult",
  handle: (_f, env) => ({
    ResultCode: "0",
    Films: {
      Film: env.catalog.films.map((film) => ({
        FilmNo: env.catalog.filmNo(film),
        FilmName: film.title,
        FilmType: film.versions[0] === "3D" ? "2" : "1",
        FilmTypeDesc: film.versions[0] ?? "2D",
        FilmCode: film.nationalCode,
        Language: film.language,
        LanguageDesc: film.language,
      })),
    },
  }),
};

function renderSession(show: Showtime, cinema: Cinema, env: M1905Env) {
  const film = env.catalog.filmById.get(show.filmId);
  const hallIndex = cinema.halls.findIndex((h) => h.id === show.hallId);
  return {
    SessionNo: env.catalog.sessionNo(show),
    // The calendar date of the start time (the refs do not say business or calendar date).
    SessionDate: chinaDateString(show.startsAt),
    StartTime: hhmm(show.startsAt),
    TotalTime: String(Math.round((show.endsAt - show.startsAt) / 60_000)),
    Consecutive: "0",
    FilmCount: "1",
    Films: {
      Film: [
        {
          FilmNo: film ? env.catalog.filmNo(film) : "",
          FilmName: film?.title ?? "",
          FilmType: show.version,
          Language: show.language,
        },
      ],
    },
    ScreenNo: env.catalog.screenNo(hallIndex),
    ScreenNType: show.version,
    CinemaNo: cinema.internalCode,
    AppPrice: yuan(show.settleFen),
    SettlementPrice: yuan(show.settleFen),
    StandartPrice: yuan(show.listFen),
    LowestPrice: yuan(show.lowestFen),
    Fee: yuan(show.feeFen),
    CinemaFee: yuan(0),
    Type: "1",
    // 1 on sale, 0 not (the values are the simulator's; the refs only name the field).
    Status: show.onSale ? "1" : "0",
  };
}

function sessionsCall(name: string, params: string[]): M1905Call {
  return {
    name,
    params,
    root: "GetCinemaSessionResult",
    handle: (f, env) => {
      const cinema = cinemaOf(f, env);
      const hidden = env.faults.config.hideShowtimesFor.includes(cinema.internalCode);
      const date = f.get("pSessionDate");
      const now = env.now();
      const shows = hidden
        ? []
        : (env.catalog.sessionsByCinema.get(cinema.id) ?? []).filter(
            (s) => s.startsAt > now && (!date || chinaDateString(s.startsAt) === date),
          );
      return { ResultCode: "0", Sessions: { Session: shows.map((s) => renderSession(s, cinema, env)) } };
    },
  };
}

const getSessionSeat: M1905Call = {
  name: "GetSessionSeat",
  params: ["pSessionID"],
  root: "GetSessionSeatResult",
  handle: (f, env) => {
    const show = env.catalog.sessionByNo.get(f.req("pSessionID"));
    const cinema = show && env.catalog.cinemaById.get(show.cinemaId);
    const hall = cinema?.halls.find((h) => h.id === show?.hallId);
    if (!show || !cinema || !hall) throw new M1905SimError(M1905SimCode.sessionClosed);
    env.orders.sweep();
    return {
      ResultCode: "0",
      SessionSeats: {
        SessionSeat: hall.seats.map((s) => {
          const [typeNo, typeDesc] = seatType(s);
          const no = seatNo(s);
          const holder = env.orders.holder(show.id, no);
          // §8.3: 0 available, -1 unavailable, 1 sold, 3 locked.
          const status = s.broken ? "-1" : !holder ? "0" : holder.status === 0 ? "3" : "1";
          return {
            SeatNo: no,
            SeatRow: s.rowLabel,
            SeatCol: s.colLabel,
            GraphRow: String(s.y),
            GraphCol: String(s.x),
            SeatpieceNo: s.areaId ?? "0",
            BindNo: bindNo(hall, s),
            SeatTypeNo: typeNo,
            SeatTypeDesc: typeDesc,
            SeatStatus: status,
          };
        }),
      },
    };
  },
};

/** Checks the seats of a lock: they exist, are sellable, and love pairs travel together. */
export function lockSeats(form: Form, env: M1905Env, priceParam: string) {
  const { show, cinema } = sellable(form, env);
  const hall = cinema.halls.find((h) => h.id === show.hallId)!;
  const nos = list(form.req("pSeatNo"));
  if (nos.length > MAX_SEATS) throw new M1905SimError(M1905SimCode.badParam, `每单最多${MAX_SEATS}个座位`);
  if (new Set(nos).size !== nos.length) throw new M1905SimError(M1905SimCode.badParam, "座位重复");
  const seats = nos.map((no) => {
    const seat = seatByNo(hall, no);
    if (!seat) throw new M1905SimError(M1905SimCode.badParam, `座位不存在:${no}`);
    if (seat.broken) throw new M1905SimError(M1905SimCode.seatTaken, `座位不可售:${no}`);
    return seat;
  });
  const chosen = new Set(seats.map((s) => s.id));
  for (const s of seats) {
    if (s.pairSeatId && !chosen.has(s.pairSeatId)) throw new M1905SimError(M1905SimCode.badParam, "情侣座须成对购买");
  }
  const prices = moneyList(form.req(priceParam), nos.length);
  const fees = moneyList(form.req("pFee"), nos.length);
  if (prices.some((p) => p < show.lowestFen)) throw new M1905SimError(M1905SimCode.priceTooLow);
  return { show, cinema, hall, nos, seats, prices, fees };
}

const lockSeatCustom: M1905Call = {
  name: "LockSeatCustom",
  params: ["pSessionID", "pOrderID", "pSeatNo", "pTicketPrice", "pFee"],
  root: "RealCheckSeatStateResult",
  handle: (f, env) => {
    const partnerId = f.req("pOrderID");
    if (!/^[0-9A-Za-z]{1,32}$/.test(partnerId)) throw new M1905SimError(M1905SimCode.badParam, "订单号格式不正确");
    const { show, cinema, hall, nos, seats, prices, fees } = lockSeats(f, env, "pTicketPrice");
    const order = env.orders.lock({
      partnerId,
      cinema,
      hall,
      show,
      seatNos: nos,
      pricesFen: prices,
      feesFen: fees,
    });
    const unlockAt = String(Math.floor(order.lockExpiresAt / 1000));
    return {
      ResultCode: "0",
      OrderNo: order.orderNo,
      SeatInfos: {
        SeatInfo: seats.map((s, i) => ({
          SeatNo: nos[i],
          TicketPrice: yuan(prices[i]!),
          SeatRow: s.rowLabel,
          SeatCol: s.colLabel,
          AutoUnlockDatetime: unlockAt,
        })),
      },
    };
  },
};

const unLockSeat: M1905Call = {
  name: "UnLockSeat",
  params: ["pOrderID"],
  root: "UnLockOrderResult",
  handle: (f, env) => {
    env.orders.unlock(f.req("pOrderID"));
    return { ResultCode: "0" };
  },
};

export function saleReply(o: M1905Order) {
  // Slow issue: the sale is taken but the cinema has not answered; no pickup codes yet.
  return { ResultCode: "0", OrderNo: o.orderNo, PrintNo: o.printNo, VerifyCode: o.verifyCode };
}

const sellTicketCustom: M1905Call = {
  name: "SellTicketCustom",
  params: ["pOrderID", "pSeatNo", "pTicketPrice", "pFee"],
  root: "SellTicketResult",
  handle: (f, env) => {
    const id = f.req("pOrderID");
    const nos = list(f.req("pSeatNo"));
    const o = env.orders.sell(
      id,
      nos,
      moneyList(f.req("pTicketPrice"), nos.length),
      moneyList(f.req("pFee"), nos.length),
    );
    return saleReply(o);
  },
};

const getOrderStatus: M1905Call = {
  name: "GetOrderStatus",
  params: ["pOrderID"],
  root: "GetOrderStatusResult",
  handle: (f, env) => {
    const o = env.orders.get(f.req("pOrderID"));
    const film = env.catalog.filmById.get(o.show.filmId);
    const issued = o.status === 1;
    return {
      ResultCode: "0",
      OrderNo: o.orderNo,
      PrintNo: issued ? o.printNo : "",
      PrintStatus: o.printed ? "1" : "0",
      RefundStatus: o.refunded ? "1" : "0",
      VerifyCode: issued ? o.verifyCode : "",
      OrderStatus: String(o.status),
      OnlineSaleCode: o.orderNo,
      CinemaCode: o.cinema.nationalCode,
      ScreenCode: `${o.cinema.nationalCode}${String(o.cinema.halls.indexOf(o.hall) + 1).padStart(2, "0")}`,
      SessionCode: env.catalog.sessionNo(o.show),
      FilmCode: film?.nationalCode ?? "",
      Seats: {
        Seat: o.seatNos.map((no, i) => ({
          SeatNo: no,
          SeatCode: `${o.cinema.nationalCode}-${seatByNo(o.hall, no)?.id ?? no}`,
          FilmTicketCode: issued ? `${o.printNo}${String(i + 1).padStart(2, "0")}` : "",
          CinemaFee: yuan(0),
        })),
      },
    };
  },
};

const refundTicket: M1905Call = {
  name: "RefundTicket",
  params: ["pOrderID", "pPrintNo"],
  root: "RealCheckSeatStateResult",
  handle: (f, env) => {
    const o = env.orders.refund(f.req("pOrderID"), f.req("pPrintNo"));
    return { ResultCode: "0", OrderNo: o.orderNo };
  },
};

const updatePrintStatus: M1905Call = {
  name: "UpdatePrintStatus",
  params: ["pOrderID"],
  root: "UpdatePrintStatusResult",
  handle: (f, env) => {
    env.orders.markPrinted(f.req("pOrderID"));
    return { ResultCode: "0" };
  },
};

export function buildCalls(): M1905Call[] {
  return [
    getCinema,
    getScreen,
    getScreenSeat,
    getFeatureFilm,
    sessionsCall("GetCinemaAllSession", ["pCinemaID"]),
    sessionsCall("GetCinemaSession", ["pCinemaID", "pSessionDate"]),
    getSessionSeat,
    lockSeatCustom,
    unLockSeat,
    sellTicketCustom,
    getOrderStatus,
    refundTicket,
    updatePrintStatus,
    ...cardCalls,
  ];
}

export { buildCatalog, LOCK_TTL_MS };
