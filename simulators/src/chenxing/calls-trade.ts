import type { Cinema, Hall, Showtime } from "../core/dataset-types.js";
import type { SeatLine, TspOrder } from "./book.js";
import { cinemaOf } from "./calls-catalogue.js";
import { chinaDateTime } from "./catalog.js";
import { Code, gatewayError, Inner, OrderStatus, TspError } from "./codes.js";
import { type FlatOp, fenOf, type TspEnv, type XmlOp, yuan } from "./env.js";
import { md5Hex } from "./signing.js";
import { listOf, type Tree, textOf } from "./soap.js";

function showOf(env: TspEnv, cinema: Cinema, featureAppNo: string): { show: Showtime; hall: Hall } {
  const show = env.catalog().showByFeatureAppNo(cinema, featureAppNo);
  if (!show) throw new TspError(Code.notFound, `场次不存在: ${featureAppNo}`);
  return { show, hall: cinema.halls.find((h) => h.id === show.hallId)! };
}

const seatCodesOf = (doc: Tree) => listOf(doc, "SeatInfos", "SeatInfo").map((s) => textOf(s, "SeatCode"));

const seatInfos = (o: TspOrder) => ({ SeatInfo: o.seats.map((s) => ({ SeatCode: s.seatCode })) });

function sameSeats(o: TspOrder, codes: string[]): boolean {
  const mine = new Set(o.seats.map((s) => s.seatCode));
  return codes.length === mine.size && codes.every((c) => mine.has(c));
}

const LockSeat: XmlOp = {
  kind: "xml",
  name: "LockSeat",
  param: "lockSeatXml",
  root: "LockSeatParameter",
  signed: (d) => [textOf(d, "CinemaCode"), textOf(d, "FeatureAppNo"), ...seatCodesOf(d)],
  handle(d, env) {
    const cinema = cinemaOf(env, textOf(d, "CinemaCode"));
    const { show, hall } = showOf(env, cinema, textOf(d, "FeatureAppNo"));
    if (env.now() >= show.startsAt - show.stopSellingMinutes * 60_000) throw gatewayError("场次已停止销售");
    const codes = seatCodesOf(d);
    if (codes.length === 0) throw new TspError(Code.badParam, "参数错误: SeatInfos 为空");
    const cat = env.catalog();
    const seats: SeatLine[] = codes.map((code) => {
      const seat = cat.seatByCode(hall, code);
      if (!seat) throw new TspError(Code.badParam, `座位不存在: ${code}`);
      if (seat.broken) throw gatewayError(`座位不可售 ${code}`, Inner.lockFailed);
      return { seatCode: code, seatId: seat.id };
    });
    const o = env.book.lock(cinema, hall, show, cat.featureAppNo(show), seats);
    return {
      OrderCode: o.orderCode,
      AutoUnlockDatetime: chinaDateTime(o.autoUnlockAt),
      LockLength: String(Math.round((o.autoUnlockAt - o.lockedAt) / 60_000)),
      FeatureAppNo: o.featureAppNo,
      SeatInfos: seatInfos(o),
    };
  },
};

const ReleaseSeat: XmlOp = {
  kind: "xml",
  name: "ReleaseSeat",
  param: "releaseSeatXml",
  root: "ReleaseSeatParameter",
  signed: (d) => [textOf(d, "CinemaCode"), textOf(d, "OrderCode"), textOf(d, "FeatureAppNo"), ...seatCodesOf(d)],
  handle(d, env) {
    cinemaOf(env, textOf(d, "CinemaCode"));
    const o = env.book.get(textOf(d, "OrderCode"));
    if (o.featureAppNo !== textOf(d, "FeatureAppNo") || !sameSeats(o, seatCodesOf(d))) {
      throw new TspError(Code.badParam, "参数错误: 场次或座位与锁座订单不一致");
    }
    env.book.release(o);
    return { OrderCode: o.orderCode, FeatureAppNo: o.featureAppNo, SeatInfos: seatInfos(o) };
  },
};

/** Seat elements in declared order: SeatCode, Price, ServiceCharge, ServiceAddFee, CinemaAllowance [, MarketingCode]. */
const SUBMIT_SEAT_FIELDS = ["SeatCode", "Price", "ServiceCharge", "ServiceAddFee", "CinemaAllowance", "MarketingCode"];
const GOODS_FIELDS = ["MerCode", "MerName", "MerPrice", "SaleAmount", "MerExtend", "SeqNo"];

const SubmitOrder: XmlOp = {
  kind: "xml",
  name: "SubmitOrder",
  param: "submitOrderXml",
  root: "SubmitOrderParameter",
  signed: (d) => [
    textOf(d, "CinemaCode"),
    textOf(d, "OrderCode"),
    textOf(d, "FeatureAppNo"),
    textOf(d, "MobilePhone"),
    ...listOf(d, "SeatInfos", "SeatInfo").flatMap((s) => SUBMIT_SEAT_FIELDS.map((f) => textOf(s, f))),
    ...listOf(d, "SaleMerInfos", "SaleMerInfo").flatMap((g) => GOODS_FIELDS.map((f) => textOf(g, f))),
  ],
  handle(d, env) {
    cinemaOf(env, textOf(d, "CinemaCode"));
    const o = env.book.get(textOf(d, "OrderCode"));
    const mobile = textOf(d, "MobilePhone");
    if (!/^1\d{10}$/.test(mobile)) throw new TspError(Code.badParam, "参数错误: MobilePhone");
    const seats = listOf(d, "SeatInfos", "SeatInfo");
    if (
      o.featureAppNo !== textOf(d, "FeatureAppNo") ||
      !sameSeats(
        o,
        seats.map((s) => textOf(s, "SeatCode")),
      )
    ) {
      throw new TspError(Code.badParam, "参数错误: 场次或座位与锁座订单不一致");
    }
    for (const s of seats) {
      const price = fenOf(textOf(s, "Price"));
      const addFee = fenOf(textOf(s, "ServiceAddFee") || "0");
      // The documented price check (inner 10252): at least the floor, and the plan's own 增值服务费.
      if (price === undefined || price < o.show.lowestFen || addFee !== o.show.feeFen) {
        throw gatewayError(
          `传入数据中票价不符合要求（标准价${yuan(o.show.settleFen)}，服务费${yuan(o.show.feeFen)}）`,
          Inner.priceRejected,
        );
      }
      const line = o.seats.find((x) => x.seatCode === textOf(s, "SeatCode"))!;
      line.priceFen = price;
      line.serviceChargeFen = fenOf(textOf(s, "ServiceCharge") || "0") ?? 0;
      line.serviceAddFeeFen = addFee;
      line.cinemaAllowanceFen = fenOf(textOf(s, "CinemaAllowance") || "0") ?? 0;
    }
    env.book.submit(o, mobile);
    return {
      OrderCode: o.orderCode,
      FeatureAppNo: o.featureAppNo,
      PrintNo: o.printNo ?? "",
      VerifyCode: o.verifyCode ?? "",
      SeatInfos: {
        SeatInfo: o.seats.map((s) => ({
          SeatCode: s.seatCode,
          FilmTicketCode: s.filmTicketCode ?? "",
          TicketInfoCode: s.ticketInfoCode ?? "",
        })),
      },
    };
  },
};

const QueryOrderStatus: FlatOp = {
  kind: "flat",
  name: "QueryOrderStatus",
  params: ["pCinemaCode", "pOrderCode"],
  handle(p, env) {
    cinemaOf(env, p.pCinemaCode ?? "");
    const o = env.book.get(p.pOrderCode ?? "");
    return { OrderCode: o.orderCode, PrintNo: o.printNo ?? "", VerifyCode: o.verifyCode ?? "", OrderStatus: o.status };
  },
};

const CancelOrder: FlatOp = {
  kind: "flat",
  name: "CancelOrder",
  params: ["pCinemaCode", "pPrintNo", "pVerifyCode"],
  handle(p, env) {
    cinemaOf(env, p.pCinemaCode ?? "");
    const o = env.book.byPrint(p.pPrintNo ?? "", p.pVerifyCode ?? "");
    if (o.status === OrderStatus.refunded) throw gatewayError("订单已退票");
    if (o.status !== OrderStatus.issued) throw gatewayError("订单状态不允许退票");
    if (o.printedAt !== undefined) throw gatewayError("影票已取票，不能退票");
    if (env.now() >= o.show.startsAt - o.cinema.refundBeforeMinutes * 60_000) {
      throw gatewayError("已超过退票时间，不允许退票");
    }
    env.book.refund(o);
    return { OrderCode: o.orderCode, PrintNo: o.printNo ?? "", VerifyCode: o.verifyCode ?? "" };
  },
};

const QueryDeliveryStatus: FlatOp = {
  kind: "flat",
  name: "QueryDeliveryStatus",
  params: ["pCinemaCode", "pPrintNo", "pVerifyCode"],
  handle(p, env) {
    cinemaOf(env, p.pCinemaCode ?? "");
    const o = env.book.byPrint(p.pPrintNo ?? "", p.pVerifyCode ?? "");
    return {
      OrderCode: o.orderCode,
      PrintNo: o.printNo ?? "",
      VerifyCode: o.verifyCode ?? "",
      PrintStatus: o.printedAt === undefined ? "No" : "Yes",
      PrintTime: o.printedAt === undefined ? "" : chinaDateTime(o.printedAt),
      DeliveryStatus: "No",
      DeliveryTime: "",
    };
  },
};

const printNosOf = (d: Tree) => listOf(d, "Tickets", "Ticket").map((t) => textOf(t, "PrintNo"));

function issuedByPrintNo(env: TspEnv, printNo: string): TspOrder {
  const o = env.book.findPrint(printNo);
  if (!o) throw new TspError(Code.orderNotFound, `取票序号不存在: ${printNo}`);
  return o;
}

const QueryTicketInfo: XmlOp = {
  kind: "xml",
  name: "QueryTicketInfo",
  param: "queryTicketInfoXml",
  root: "QueryTicketInfoParameter",
  signed: (d) => [textOf(d, "CinemaCode"), ...printNosOf(d)],
  handle(d, env) {
    const cinema = cinemaOf(env, textOf(d, "CinemaCode"));
    const cat = env.catalog();
    const tickets = printNosOf(d).flatMap((printNo) => {
      const o = issuedByPrintNo(env, printNo);
      const film = cat.filmById.get(o.show.filmId);
      return o.seats.map((s) => {
        const seat = cat.seatByCode(o.hall, s.seatCode);
        return {
          PrintNo: printNo,
          TicketInfoCode: s.ticketInfoCode ?? "",
          CinemaCode: cinema.internalCode,
          CinemaName: cinema.name,
          ScreenCode: cat.screenCode(cinema, o.hall),
          ScreenName: o.hall.name,
          FilmCode: film?.nationalCode ?? "",
          FilmName: film?.title ?? "",
          FeatureAppNo: o.featureAppNo,
          StartTime: chinaDateTime(o.show.startsAt),
          TicketCode: s.filmTicketCode ?? "",
          SeatCode: s.seatCode,
          SeatName: seat ? `${seat.rowLabel}排${seat.colLabel}座` : s.seatCode,
          Price: yuan(s.priceFen ?? 0),
          Service: yuan(s.serviceChargeFen ?? 0),
          PrintFlag: o.printedAt === undefined ? "0" : "1",
        };
      });
    });
    return { Tickets: { Ticket: tickets } };
  },
};

const ApplyFetchTicket: XmlOp = {
  kind: "xml",
  name: "ApplyFetchTicket",
  param: "applyFetchTicketXml",
  root: "ApplyFetchTicketParameter",
  signed: (d) => [
    textOf(d, "CinemaCode"),
    ...listOf(d, "Tickets", "Ticket").flatMap((t) => [textOf(t, "PrintNo"), textOf(t, "VerifyCodeMD5")]),
  ],
  handle(d, env) {
    cinemaOf(env, textOf(d, "CinemaCode"));
    const tickets = listOf(d, "Tickets", "Ticket").map((t) => {
      const o = issuedByPrintNo(env, textOf(t, "PrintNo"));
      if (md5Hex(o.verifyCode ?? "") !== textOf(t, "VerifyCodeMD5").toLowerCase()) {
        throw new TspError(Code.orderNotFound, "取票验证码不正确");
      }
      // ReturnValue 0: may be printed; 1: already printed.
      return { PrintNo: o.printNo ?? "", ReturnValue: o.printedAt === undefined ? "0" : "1" };
    });
    return { Tickets: { Ticket: tickets } };
  },
};

const FetchTicket: XmlOp = {
  kind: "xml",
  name: "FetchTicket",
  param: "fetchTicketXml",
  root: "FetchTicketParameter",
  signed: (d) => [textOf(d, "CinemaCode"), ...printNosOf(d)],
  handle(d, env) {
    cinemaOf(env, textOf(d, "CinemaCode"));
    for (const printNo of printNosOf(d)) {
      const o = issuedByPrintNo(env, printNo);
      if (o.status !== OrderStatus.issued) throw gatewayError("订单状态不允许取票");
      env.book.markPrinted(o);
    }
    return {};
  },
};

export const tradeOps = [
  LockSeat,
  ReleaseSeat,
  SubmitOrder,
  QueryOrderStatus,
  CancelOrder,
  QueryDeliveryStatus,
  QueryTicketInfo,
  ApplyFetchTicket,
  FetchTicket,
];
