import type { Cinema } from "../core/dataset-types.js";
import type { HfhOrder, HfhSeatRef } from "./book.js";
import { hallOf, showOf } from "./calls-catalogue.js";
import { HfhCode, HfhError } from "./codes.js";
import type { HfhCall, HfhEnv } from "./env.js";
import { chinaDateTime, dataOk, fenOf } from "./wire.js";

/** Ticketing calls that change something (public-refs §5.2). Seats per order: 4 at most (our choice). */
const MAX_SEATS = 4;
/** `lockMinuteTime` is the client's to ask (CEC sends 15); the simulator keeps it within 1–30. */
const DEFAULT_LOCK_MINUTES = 15;

const must = (c: Cinema | undefined): Cinema => {
  if (!c) throw new HfhError(HfhCode.cinemaNotFound, "影院不存在");
  return c;
};

/** The partner's order, checked to belong to this cinema. */
function orderOf(env: HfhEnv, cinema: Cinema, orderNo: string): HfhOrder {
  const o = env.book.order(orderNo);
  if (o.show.cinema.id !== cinema.id) throw new HfhError(HfhCode.orderNotFound, "订单不存在");
  return o;
}

const seatXml = (t: { rowId: string; columnId: string }, extra: Record<string, string> = {}) => ({
  "@rowId": t.rowId,
  "@columnId": t.columnId,
  ...extra,
});

const ticketsXml = (o: HfhOrder) =>
  (o.sale?.tickets ?? []).map((t) =>
    seatXml(t, {
      "@ticketNo": t.ticketNo,
      "@sectionId": t.sectionId,
      "@statusInd": o.sale?.refundedAt !== undefined ? "R" : o.sale?.status === "success" ? "S" : "P",
      "@printedFlg": t.printed ? "Y" : "N",
      "@lastModifyTime": chinaDateTime(t.lastModifyTime),
    }),
  );

const webLockSeat: HfhCall = {
  method: "webLockSeat",
  cinema: "required",
  handle(p, env, c) {
    const cinema = must(c);
    const show = showOf(env, cinema, p);
    if (env.now() >= show.show.startsAt - show.show.stopSellingMinutes * 60_000) {
      throw new HfhError(HfhCode.showClosed, "场次已停止售票");
    }
    const sectionId = p.req("sectionId");
    const labels = p.list("seatId");
    if (labels.length !== p.int("ticketCount")) throw new HfhError(HfhCode.seatCountMismatch, "座位数与票数不符");
    if (labels.length > MAX_SEATS) throw new HfhError(HfhCode.tooManySeats, `每单最多${MAX_SEATS}张`);
    const cat = env.catalog();
    const seats: HfhSeatRef[] = labels.map((label) => {
      const [rowId = "", columnId = ""] = label.split(":");
      const seat = cat.seatByLabels(show.hall, rowId, columnId);
      if (!seat || cat.sectionOf(show.hall, seat) !== sectionId) {
        throw new HfhError(HfhCode.seatNotFound, `座位${label}不存在`);
      }
      if (seat.broken) throw new HfhError(HfhCode.lockFailed, "SLPE: Seat-Locking Processing Error");
      return { seatId: seat.id, rowId, columnId, sectionId };
    });
    const minutes = Math.min(
      30,
      Math.max(1, Number(p.get("lockMinuteTime") ?? DEFAULT_LOCK_MINUTES) || DEFAULT_LOCK_MINUTES),
    );
    const order = env.book.lock(p.req("orderNo"), show, seats, minutes);
    return {
      root: "data",
      body: {
        seatLock: {
          result: "0",
          messages: { message: "锁座成功" },
          seats: { seat: order.seats.map((s) => seatXml(s, { "@statusInd": "L" })) },
        },
      },
    };
  },
};

const webUnlockSeat: HfhCall = {
  method: "webUnlockSeat",
  cinema: "required",
  handle(p, env, c) {
    const order = orderOf(env, must(c), p.req("orderNo"));
    env.book.unlock(order.orderNo);
    return { root: "data", body: { seatRelease: { result: "0" } } };
  },
};

const fixCashOrder: HfhCall = {
  method: "fixCashOrder",
  cinema: "required",
  handle(p, env, c) {
    const cinema = must(c);
    const order = orderOf(env, cinema, p.req("orderNo"));
    const show = showOf(env, cinema, p);
    if (show.show.id !== order.show.show.id) throw new HfhError(HfhCode.showNotFound, "场次与锁座不符");
    const count = p.int("ticketCount");
    const prices = p.list("priceList");
    const fees = p.list("feeList");
    const types = p.list("ticketTypeList");
    if (count !== order.seats.length || prices.length !== count || fees.length !== count || types.length !== count) {
      throw new HfhError(HfhCode.seatCountMismatch, "座位数不符");
    }
    const lines = prices.map((price, i) => {
      const priceFen = fenOf(price);
      const feeFen = fenOf(fees[i]!);
      if (priceFen === undefined || feeFen === undefined) throw new HfhError(HfhCode.missingParam, "价格格式错误");
      return { priceFen, feeFen };
    });
    if (lines.some((l) => l.priceFen < show.show.lowestFen)) throw new HfhError(HfhCode.priceTooLow, "票价低于最低价");
    env.book.sell(order, lines);
    const sale = order.sale!;
    return dataOk({
      bookingId: sale.bookingId,
      confirmationId: sale.confirmationId,
      seats: { seat: ticketsXml(order) },
    });
  },
};

/** statusInd: 0 pending / unpaid, 1 confirmed (§5.2); 2 failed and 3 refunded are the simulator's choice. */
function statusInd(o: HfhOrder): string {
  const sale = o.sale;
  if (!sale || sale.status === "processing") return "0";
  if (sale.status === "fail") return "2";
  return sale.refundedAt !== undefined ? "3" : "1";
}

const qryOrder: HfhCall = {
  method: "qryOrder",
  cinema: "required",
  handle(p, env, c) {
    const cinema = must(c);
    const o = orderOf(env, cinema, p.req("orderNo"));
    return dataOk({
      orderDetail: {
        cinemaId: cinema.nationalCode,
        hallId: o.show.hallNo,
        filmId: o.show.filmId,
        show: { "@seqNo": o.show.seqNo, "@date": o.show.showDate, "@time": o.show.showTime },
        seats: {
          seat: o.sale?.tickets.length
            ? ticketsXml(o)
            : o.seats.map((s) => seatXml(s, { "@sectionId": s.sectionId, "@statusInd": "L", "@printedFlg": "N" })),
        },
        statusInd: statusInd(o),
        bookingId: o.sale?.bookingId ?? "",
        confirmationId: o.sale?.confirmationId ?? "",
      },
    });
  },
};

const cancelOrder: HfhCall = {
  method: "cancelOrder",
  cinema: "required",
  handle(p, env, c) {
    const cinema = must(c);
    const fail = (result: string, message: string) => ({
      root: "data",
      body: { bookingCancel: { "@result": result, "@message": message } },
    });
    const o = env.book.byBookingId(p.req("bookingId"));
    if (!o || o.show.cinema.id !== cinema.id || o.sale?.refundedAt !== undefined) {
      return fail(HfhCode.refundOrderNotFound, "退票订单不存在");
    }
    hallOf(env, cinema, p);
    if (p.int("ticketCount") !== o.seats.length) return fail(HfhCode.seatCountMismatch, "座位数不符");
    if (o.sale!.tickets.some((t) => t.printed)) return fail(HfhCode.refundRefused, "已出票，不允许退票");
    const limit = o.show.show.startsAt - o.show.cinema.refundBeforeMinutes * 60_000;
    if (env.now() >= limit) return fail(HfhCode.refundRefused, "已过退票时间，不允许退票");
    env.book.refund(o);
    return {
      root: "data",
      body: {
        bookingCancel: {
          "@result": "0",
          "@message": "退票成功",
          bookingId: o.sale!.bookingId,
          confirmationId: o.sale!.confirmationId,
          seats: { seat: ticketsXml(o) },
        },
      },
    };
  },
};

const fixTicketPrint: HfhCall = {
  method: "fixTicketPrint",
  cinema: "required",
  handle(p, env, c) {
    const cinema = must(c);
    const o = env.book.byBookingId(p.req("bookingId"));
    if (!o || o.show.cinema.id !== cinema.id) throw new HfhError(HfhCode.orderNotFound, "订单不存在");
    const tickets = o.sale!.tickets;
    if (tickets.every((t) => t.printed)) return { root: "ticketPrint", body: { result: "1", message: "已打印" } };
    if (p.get("setPrinted") === "Y") for (const t of tickets) t.printed = true;
    return { root: "ticketPrint", body: { result: "0" } };
  },
};

export const tradeCalls: HfhCall[] = [webLockSeat, webUnlockSeat, fixCashOrder, qryOrder, cancelOrder, fixTicketPrint];
