import { fenOf, yuan } from "../chenxing/env.js";
import { listOf, type Tree, textOf } from "../chenxing/soap.js";
import type { Cinema, Dataset, Hall, Showtime } from "../core/dataset-types.js";
import type { FaultController } from "../core/faults.js";
import { chinaDateString } from "../dataset/china-time.js";
import type { HlnOrder, OrderBook, OrderSeat } from "./book.js";
import { catalogOf, chinaDateTime, chinaIsoT, type HlnCatalog } from "./catalog.js";
import { Code, OtsError } from "./codes.js";
import { asObject } from "./ots.js";

/** What every operation handler reads. */
export interface HlnEnv {
  dataset(): Dataset;
  now(): number;
  faults: FaultController;
  book: OrderBook;
}

/** One operation: the operation element in, the reply's content (attributes as `@Name`) out. */
export type Handler = (el: Tree, env: HlnEnv) => Tree;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const cat = (env: HlnEnv): HlnCatalog => catalogOf(env.dataset());

function need(el: Tree | undefined, name: string): string {
  const v = textOf(el, name);
  if (!v) throw new OtsError(Code.badParam, `参数错误: 缺少 ${name}`);
  return v;
}

function cinemaOf(env: HlnEnv, el: Tree): Cinema {
  const code = need(el, "CinemaCode");
  const cinema = cat(env).cinemaByCode.get(code);
  if (!cinema) throw new OtsError(Code.cinemaNotFound, `影院不存在: ${code}`);
  return cinema;
}

function sessionOf(env: HlnEnv, cinema: Cinema, code: string): { show: Showtime; hall: Hall } {
  const show = cat(env).showBySessionCode(cinema, code);
  const hall = show && cinema.halls.find((h) => h.id === show.hallId);
  if (!show || !hall) throw new OtsError(Code.sessionNotFound, `场次不存在: ${code}`);
  return { show, hall };
}

/** 开售: the cinema opened the session to our channel (doc 000 §四.2 火烈鸟) and it has not closed. */
const openForSale = (show: Showtime, now: number) =>
  show.onSale && now < show.startsAt - show.stopSellingMinutes * 60_000;

const filmTree = (env: HlnEnv, show: Showtime): Tree => {
  const film = cat(env).filmById.get(show.filmId);
  return {
    Code: film?.nationalCode ?? "",
    Name: film?.title ?? "",
    Duration: String(film?.durationMinutes ?? Math.round((show.endsAt - show.startsAt) / 60_000)),
    Language: show.language,
    Sequence: "1",
  };
};

const seatsOfOrder = (order: Tree | undefined) => listOf(order, "Seat").map((s) => textOf(s, "SeatCode"));

function orderSeats(env: HlnEnv, cinema: Cinema, hall: Hall, order: Tree | undefined): OrderSeat[] {
  const codes = seatsOfOrder(order);
  if (codes.length === 0 || codes.some((c) => !c)) throw new OtsError(Code.badParam, "参数错误: Seat/@SeatCode 缺失");
  const count = textOf(order, "Count");
  if (count && Number(count) !== codes.length)
    throw new OtsError(Code.badParam, `参数错误: Count ${count} 与座位数不符`);
  return codes.map((seatCode) => {
    const seat = cat(env).seatByCode(cinema, hall, seatCode);
    if (!seat) throw new OtsError(Code.badParam, `参数错误: 座位不存在 ${seatCode}`);
    if (seat.broken) throw new OtsError(Code.seatTaken, `锁座失败：座位不可用 ${seatCode}`);
    return { seatCode, seatId: seat.id };
  });
}

function orderOfCinema(env: HlnEnv, cinema: Cinema, code: string): HlnOrder {
  const o = env.book.get(code);
  if (o.cinema.id !== cinema.id) throw new OtsError(Code.orderNotFound, `订单不存在: ${code}`);
  return o;
}

const orderSeatsTree = (o: HlnOrder, withTicket = false) => ({
  Seat: o.seats.map((s) => ({
    ...(withTicket && s.filmTicketCode ? { "@FilmTicketCode": s.filmTicketCode } : {}),
    "@SeatCode": s.seatCode,
  })),
});

export const handlers: Readonly<Record<string, Handler>> = {
  QueryCinema(el, env) {
    const c = cinemaOf(env, el);
    return {
      Cinema: {
        "@Code": c.internalCode,
        "@Name": c.name,
        "@Address": c.address,
        "@ScreenCount": String(c.halls.length),
        Screen: c.halls.map((h) => ({
          Code: cat(env).screenCode(c, h),
          Name: h.name,
          SeatCount: String(h.seats.length),
          Type: h.type,
        })),
      },
    };
  },

  QuerySeat(el, env) {
    const c = cinemaOf(env, el);
    const code = need(el, "ScreenCode");
    const hall = cat(env).hallByScreenCode(c, code);
    if (!hall) throw new OtsError(Code.badParam, `影厅不存在: ${code}`);
    return {
      Cinema: {
        "@Code": c.internalCode,
        Screen: {
          "@Code": code,
          Seat: hall.seats.map((s) => ({
            Code: cat(env).seatCode(c, hall, s),
            GroupCode: cat(env).groupCode(c, hall, s),
            RowNum: s.rowLabel,
            ColumnNum: s.colLabel,
            XCoord: String(s.x),
            YCoord: String(s.y),
            Status: s.broken ? "Unavailable" : "Available",
          })),
        },
      },
    };
  },

  QueryFilm(el, env) {
    const from = need(el, "StartDate");
    const to = need(el, "EndDate");
    if (!DATE.test(from) || !DATE.test(to)) throw new OtsError(Code.badParam, "参数错误: 日期应为 yyyy-MM-dd");
    const ids = new Set<string>();
    for (const shows of cat(env).showsByCinema.values())
      for (const s of shows) {
        const day = chinaDateString(s.startsAt);
        if (day >= from && day <= to) ids.add(s.filmId);
      }
    const films = [...ids].map((id) => cat(env).filmById.get(id)).filter((f) => f !== undefined);
    return {
      Films: {
        "@Count": String(films.length),
        Film: films.map((f) => ({
          Code: f.nationalCode,
          Name: f.title,
          Version: f.versions.join(","),
          Duration: String(f.durationMinutes),
          PublishDate: f.releaseDate,
          Publisher: "",
          Producer: "",
          Director: f.director,
          Cast: f.cast,
          Introduction: "",
        })),
      },
    };
  },

  /** 火烈鸟's DQuerySession (standard: QuerySession): natural days asked, sessions open for sale. */
  DQuerySession(el, env) {
    const c = cinemaOf(env, el);
    const from = need(el, "StartDate");
    const to = need(el, "EndDate");
    if (!DATE.test(from) || !DATE.test(to)) throw new OtsError(Code.badParam, "参数错误: 日期应为 yyyy-MM-dd");
    const hidden = env.faults.config.hideShowtimesFor.includes(c.internalCode);
    const now = env.now();
    const shows = hidden
      ? []
      : (cat(env).showsByCinema.get(c.id) ?? []).filter((s) => {
          const day = chinaDateString(s.startsAt);
          return day >= from && day <= to && openForSale(s, now);
        });
    return {
      Sessions: {
        "@CinemaCode": c.internalCode,
        Session: shows.map((s) => {
          const hall = c.halls.find((h) => h.id === s.hallId)!;
          return {
            "@ScreenCode": cat(env).screenCode(c, hall),
            Code: cat(env).sessionCode(s),
            StartTime: chinaIsoT(s.startsAt),
            PlaythroughFlag: "No",
            Films: { Film: [filmTree(env, s)] },
            Price: { LowestPrice: yuan(s.lowestFen), StandardPrice: yuan(s.settleFen), GuidePrice: yuan(s.listFen) },
          };
        }),
      },
    };
  },

  QuerySessionSeat(el, env) {
    const c = cinemaOf(env, el);
    const code = need(el, "SessionCode");
    const want = textOf(el, "Status") || "All";
    const { show, hall } = sessionOf(env, c, code);
    env.book.sweep();
    const seats = hall.seats
      .map((s) => ({
        Code: cat(env).seatCode(c, hall, s),
        RowNum: s.rowLabel,
        ColumnNum: s.colLabel,
        Status: s.broken ? "Unavailable" : (env.book.seatState(show.id, s.id) ?? "Available"),
      }))
      .filter((s) => want === "All" || s.Status === want);
    return { SessionSeat: { "@CinemaCode": c.internalCode, "@SessionCode": code, Seat: seats } };
  },

  LockSeat(el, env) {
    const c = cinemaOf(env, el);
    const order = asObject(el.Order);
    const code = need(order, "SessionCode");
    const { show, hall } = sessionOf(env, c, code);
    if (!openForSale(show, env.now())) throw new OtsError(Code.sessionClosed, `场次已停止销售: ${code}`);
    const o = env.book.lock(c, hall, show, code, orderSeats(env, c, hall, order));
    return {
      Order: {
        "@OrderCode": o.orderCode,
        "@AutoUnlockDatetime": chinaDateTime(o.autoUnlockAt),
        "@SessionCode": code,
        "@Count": String(o.seats.length),
        ...orderSeatsTree(o),
      },
    };
  },

  ReleaseSeat(el, env) {
    const c = cinemaOf(env, el);
    const order = asObject(el.Order);
    const o = orderOfCinema(env, c, need(order, "OrderCode"));
    env.book.release(o);
    return {
      Order: {
        "@Count": String(o.seats.length),
        "@OrderCode": o.orderCode,
        "@SessionCode": o.sessionCode,
        ...orderSeatsTree(o),
      },
    };
  },

  /** 火烈鸟's SubmitSCTSOrder (standard: SubmitOrder), with ChannelId/ChannelName and per-seat PayPrice. */
  SubmitSCTSOrder(el, env) {
    const c = cinemaOf(env, el);
    const order = asObject(el.Order);
    const o = orderOfCinema(env, c, need(order, "OrderCode"));
    const lines = listOf(order, "Seat");
    const given = new Map(lines.map((s) => [textOf(s, "SeatCode"), s]));
    if (given.size !== o.seats.length || o.seats.some((s) => !given.has(s.seatCode)))
      throw new OtsError(Code.badParam, "参数错误: 提交的座位与锁座订单不一致");
    for (const seat of o.seats) {
      const line = given.get(seat.seatCode);
      const price = fenOf(textOf(line, "Price"));
      const pay = fenOf(textOf(line, "PayPrice"));
      if (price === undefined || pay === undefined)
        throw new OtsError(Code.badParam, "参数错误: Price / PayPrice 不是金额");
      if (price < o.show.lowestFen || pay < o.show.lowestFen)
        throw new OtsError(Code.priceTooLow, `票价低于最低价 ${yuan(o.show.lowestFen)}`);
      seat.priceFen = price;
      seat.payPriceFen = pay;
    }
    env.book.submit(o, textOf(order, "ChannelId"));
    return {
      Order: {
        "@Count": String(o.seats.length),
        "@OrderCode": o.orderCode,
        "@PrintNo": o.printNo ?? "",
        "@SessionCode": o.sessionCode,
        "@VerifyCode": o.verifyCode ?? "",
        ...orderSeatsTree(o, true),
      },
    };
  },

  QueryOrder(el, env) {
    const c = cinemaOf(env, el);
    const o = orderOfCinema(env, c, need(el, "OrderCode"));
    return {
      Order: {
        "@OrderCode": o.orderCode,
        CinemaCode: c.internalCode,
        CinemaName: c.name,
        ScreenCode: cat(env).screenCode(c, o.hall),
        ScreenName: o.hall.name,
        SessionCode: o.sessionCode,
        StartTime: chinaIsoT(o.show.startsAt),
        PlaythroughFlag: "No",
        PrintNo: o.printNo ?? "",
        VerifyCode: o.verifyCode ?? "",
        Films: { Film: [filmTree(env, o.show)] },
        Seats: {
          Seat: o.seats.map((s) => {
            const seat = o.hall.seats.find((x) => x.id === s.seatId);
            return {
              SeatCode: s.seatCode,
              RowNum: seat?.rowLabel ?? "",
              ColumnNum: seat?.colLabel ?? "",
              FilmTicketCode: s.filmTicketCode ?? "",
              PrintStatus: o.printedAt !== undefined ? "Yes" : "No",
              PrintTime: o.printedAt !== undefined ? chinaDateTime(o.printedAt) : "",
              RefundStatus: s.refunded ? "Yes" : "No",
              RefundTime: s.refunded && o.refundedAt !== undefined ? chinaDateTime(o.refundedAt) : "",
            };
          }),
        },
      },
    };
  },

  /** Refund by PrintNo + VerifyCode: refused once printed or once the show has started (simulator's rule). */
  RefundTicket(el, env) {
    const order = asObject(el.Order);
    const o = env.book.byPrint(need(order, "PrintNo"), need(order, "VerifyCode"));
    if (o.status !== "refunded") {
      if (o.status !== "issued") throw new OtsError(Code.orderState, "订单状态不允许退票");
      if (o.printedAt !== undefined) throw new OtsError(Code.refundRefused, "影票已取票，不能退票");
      if (env.now() >= o.show.startsAt) throw new OtsError(Code.refundRefused, "场次已开场，不能退票");
      env.book.refund(o);
    }
    return {
      Order: {
        "@OrderCode": o.orderCode,
        "@PrintNo": o.printNo ?? "",
        "@VerifyCode": o.verifyCode ?? "",
        Status: "Yes",
        RefundTime: chinaDateTime(o.refundedAt ?? env.now()),
      },
    };
  },

  /** 火烈鸟's DQueryTakeTicketInfo (standard: QueryPrint). */
  DQueryTakeTicketInfo(el, env) {
    cinemaOf(env, el);
    const o = env.book.byPrint(need(el, "PrintNo"), need(el, "VerifyCode"));
    return {
      PrintNo: o.printNo ?? "",
      VerifyCode: o.verifyCode ?? "",
      PrintFlag: o.printedAt !== undefined ? "1" : "0",
      TakeTicketInfo: o.seats.map((s) => ({
        SeatCode: s.seatCode,
        TwoCode: `HLN|${o.printNo}|${s.filmTicketCode ?? ""}`,
      })),
    };
  },

  /** 火烈鸟-only: marks the tickets taken; 500 "更新影票状态失败" when they cannot be (§6.2 sample). */
  DTakeTicketConfirm(el, env) {
    cinemaOf(env, el);
    const o = env.book.byPrint(need(el, "PrintNo"), need(el, "VerifyCode"));
    if (o.status !== "issued") throw new OtsError(Code.takeTicketFailed, "更新影票状态失败");
    env.book.markPrinted(o);
    return {};
  },
};
