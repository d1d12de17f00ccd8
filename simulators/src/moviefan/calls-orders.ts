import type { Cinema, Hall, Showtime } from "../core/dataset-types.js";
import { currentShows, stopSellingAt } from "./calls-catalog.js";
import { MoviefanCode, MoviefanError, OrderStatus } from "./codes.js";
import { type MoviefanCall, type MoviefanEnv, ok } from "./env.js";
import { MAX_SEATS, type MoviefanOrder } from "./orders.js";
import type { Params } from "./params.js";
import { renderSeats, seatByWireId } from "./seats.js";
import { chinaDateTime, netDate } from "./wire-format.js";

/** The showtime behind `showtimeID`, if it can still be sold; otherwise 201 渠道场次失效. */
function sellableShow(p: Params, env: MoviefanEnv): { show: Showtime; cinema: Cinema; hall: Hall } {
  const cat = env.catalog();
  const raw = p.req("showtimeID");
  const show = /^\d+$/.test(raw) ? cat.showById.get(Number(raw)) : undefined;
  const cinema = show && cat.cinemaById.get(show.cinemaId);
  const hall = cinema?.halls.find((h) => h.id === show?.hallId);
  if (!show || !cinema || !hall || !show.onSale || stopSellingAt(show) <= env.now()) {
    throw new MoviefanError(MoviefanCode.showtimeInvalid);
  }
  if (!currentShows(env, cinema).includes(show)) throw new MoviefanError(MoviefanCode.showtimeInvalid);
  return { show, cinema, hall };
}

const queryShowSeats: MoviefanCall = {
  name: "queryShowSeats",
  handle(p, env) {
    const { show, hall } = sellableShow(p, env);
    env.orders.sweep();
    const seats = renderSeats(hall, (seatId) => env.orders.isHeld(show.id, seatId), p.get("status"));
    return ok({ seats });
  },
};

const lockSeats: MoviefanCall = {
  name: "lockSeats",
  handle(p, env) {
    const wireIds = p
      .req("seatIDs")
      .split(",")
      .map((s) => s.trim());
    const names = p
      .req("seatNames")
      .split(",")
      .map((s) => s.trim());
    const mobile = p.req("mobile");
    const { show, cinema, hall } = sellableShow(p, env);
    if (wireIds.length > MAX_SEATS)
      throw new MoviefanError(MoviefanCode.lockFailed, `每次最多允许锁定${MAX_SEATS}个座位`);
    if (wireIds.some((s) => s === "") || new Set(wireIds).size !== wireIds.length) {
      throw new MoviefanError(MoviefanCode.lockFailed, "座位ID不正确");
    }
    if (names.length !== wireIds.length) throw new MoviefanError(MoviefanCode.lockFailed, "座位名称与座位ID数量不一致");
    if (!/^1\d{10}$/.test(mobile)) throw new MoviefanError(MoviefanCode.lockFailed, "手机号不正确");
    const seats = wireIds.map((id) => {
      const seat = seatByWireId(hall, id);
      if (!seat) throw new MoviefanError(MoviefanCode.lockFailed, `座位不存在:${id}`);
      if (seat.broken) throw new MoviefanError(MoviefanCode.lockFailed, `座位不可售:${id}`);
      return seat;
    });
    const chosen = new Set(seats.map((s) => s.id));
    for (const seat of seats) {
      if (seat.pairSeatId && !chosen.has(seat.pairSeatId)) {
        throw new MoviefanError(MoviefanCode.lockFailed, "情侣座需两个座位一起购买");
      }
    }
    const film = env.catalog().filmByDatasetId.get(show.filmId);
    const order = env.orders.lock({ cinema, hall, film, show, seatIds: [...chosen], seatNames: names, mobile });
    // The example writes the key PascalCase inside `order`.
    return ok({ order: { OrderExternalID: order.orderExternalID } });
  },
};

const submitOrder: MoviefanCall = {
  name: "submitOrder",
  handle(p, env) {
    const mobile = p.req("mobile");
    const amount = p.req("amount");
    const id = p.req("orderExternalID");
    if (!/^\d+$/.test(amount)) throw new MoviefanError(MoviefanCode.confirmMismatch, "结算总价不正确");
    env.orders.submit(id, mobile, Number(amount));
    // The example answers the string "001" and "操作成功。".
    return { code: "001", msg: "操作成功。" };
  },
};

const releaseSeats: MoviefanCall = {
  name: "releaseSeats",
  handle(p, env) {
    env.orders.release(p.req("orderExternalID"));
    // The example answers the string "1".
    return { code: "1", msg: "操作成功。" };
  },
};

function renderOrder(order: MoviefanOrder) {
  const issued = order.status === OrderStatus.issued;
  return {
    orderExternalID: order.orderExternalID,
    createTime: chinaDateTime(order.createdAt),
    quantity: order.seatIds.length,
    amount: order.amountFen ?? order.unitFen * order.seatIds.length,
    printCode: issued ? order.printCode : "",
    verifyCode: issued ? order.verifyCode : "",
    externalOrderStatus: order.status,
    payState: order.payState,
    movieName: order.film?.title ?? "",
    startTime: netDate(order.show.startsAt),
    cinemaName: order.cinema.name,
    seatName: order.seatNames.join(","),
    hallName: order.hall.name,
    cinemaAddress: order.cinema.address,
    endTime: netDate(order.show.endsAt),
    ReturnedOrderStatus: order.returned,
    cinemaTicketCode: issued ? `${order.cinemaOrderNo}|${order.verifyCode}` : "",
    TakeTicketPosition: issued ? "到影城自助取票机取票" : "",
    QrCode: issued ? order.qrCode : "",
  };
}

const queryOrder: MoviefanCall = {
  name: "queryOrder",
  handle(p, env) {
    const order = env.orders.get(p.req("orderExternalID"));
    // `orderdetail` in lowercase and before code/msg, as in the example (the table says orderDetail).
    return { orderdetail: renderOrder(order), code: 1, msg: "操作成功" };
  },
};

export const orderCalls = [queryShowSeats, lockSeats, submitOrder, releaseSeats, queryOrder];
