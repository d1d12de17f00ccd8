import type { Seat } from "../core/dataset-types.js";
import type { DxLock, DxSale } from "./book.js";
import { checkUpdateTime, playOf, stopSellingAt, updateTimeOf } from "./calls-catalog.js";
import { DxCode, DxError } from "./codes.js";
import type { DxCall, DxEnv, Params } from "./env.js";
import { hallGrid, wireSeatType } from "./hall-grid.js";
import { CARD_TYPE, cardOf } from "./members.js";
import { chinaDateTime, fenOf, yuan } from "./wire.js";

/** cinema/config buyNumLimit (505526 beyond it). */
export const BUY_LIMIT = 4;

function hallOf(env: DxEnv, cinemaId: string, hallId: string) {
  const cinema = env.catalog().cinemas.find((c) => c.id === cinemaId)!;
  const hall = cinema.halls.find((h) => h.id === hallId)!;
  return { hall, hallWireId: env.catalog().hallId(cinema, hall) };
}

/** A sellable play: bookable, selling not stopped, play_update_time current. */
function sellablePlay(env: DxEnv, p: Params) {
  const { cinema, show, playId } = playOf(env, p);
  checkUpdateTime(env, p, playId);
  if (!show.onSale || stopSellingAt(show) <= env.now()) throw new DxError(DxCode.playNotOnSale, "场次已停止售票");
  return { cinema, show, playId, ...hallOf(env, show.cinemaId, show.hallId) };
}

const seatStatus: DxCall = {
  action: "play/seat-status",
  handle(p, env) {
    const { cinema, show, playId } = playOf(env, p);
    checkUpdateTime(env, p, playId);
    const { hall, hallWireId } = hallOf(env, cinema.id, show.hallId);
    env.book.sweep();
    const priced = new Set(show.areaPrices.map((a) => a.areaId));
    const out: Record<string, unknown>[] = [];
    for (const { x, y, seat, loveLeft } of hallGrid(hall)) {
      if (!seat) {
        out.push({
          x: y,
          y: x,
          rowValue: 0,
          columnValue: 0,
          cineSeatId: "",
          seatStatus: "ok",
          type: "road",
          pairValue: "",
          areaId: "",
        });
        continue;
      }
      const holder = env.book.holder(show.id, seat.id);
      const status = seat.broken ? "repair" : !holder ? "ok" : holder.state === "sold" ? "selled" : "locked";
      out.push({
        x: y,
        y: x,
        rowValue: seat.rowLabel,
        columnValue: seat.colLabel,
        cineSeatId: env.catalog().seatId(hallWireId, seat),
        seatStatus: status,
        type: wireSeatType(seat.type),
        pairValue: loveLeft ? `L${env.catalog().seatId(hallWireId, loveLeft)}` : "",
        areaId: seat.areaId && priced.has(seat.areaId) ? seat.areaId : "",
      });
    }
    return out;
  },
};

/** What a seat costs at least, and its service fee (the lock reply's areaInfo). */
function seatPrice(show: DxLock["show"], seat: Seat): { areaId: string; priceFen: number; feeFen: number } {
  const area = seat.areaId ? show.areaPrices.find((a) => a.areaId === seat.areaId) : undefined;
  return { areaId: area?.areaId ?? "", priceFen: area?.settleFen ?? show.settleFen, feeFen: show.feeFen };
}

const seatLock: DxCall = {
  action: "seat/lock",
  handle(p, env) {
    const { cinema, show, playId, hall, hallWireId } = sellablePlay(env, p);
    const wireIds = p
      .req("seat_id")
      .split(",")
      .map((s) => s.trim());
    if (wireIds.length > BUY_LIMIT) throw new DxError(DxCode.overBuyLimit, `超出每次最多允许购买数${BUY_LIMIT}`);
    if (wireIds.some((s) => s === "") || new Set(wireIds).size !== wireIds.length) {
      throw new DxError(DxCode.lockFailed, "锁座失败，座位参数错误");
    }
    const seats = wireIds.map((id) => {
      const seat = env.catalog().seatByWireId(hallWireId, id);
      if (!seat) throw new DxError(DxCode.lockFailed, `锁座失败，座位不存在${id}`);
      if (seat.broken) throw new DxError(DxCode.lockFailed, `锁座失败，座位不可售${id}`);
      return seat;
    });
    const chosen = new Set(seats.map((s) => s.id));
    for (const s of seats) {
      if (s.pairSeatId && !chosen.has(s.pairSeatId)) throw new DxError(DxCode.lockFailed, "锁座失败，情侣座须同时购买");
    }
    const lock = env.book.lock({ cinema, hall, hallWireId, show, playId, wireSeatIds: wireIds, seatIds: [...chosen] });
    return {
      lockFlag: lock.lockFlag,
      partnerPrice: yuan(show.settleFen),
      priceStrategySnapshootId: playId * 10,
      priceActivitySnapshootId: "",
      areaInfo: seats.map((s, i) => {
        const price = seatPrice(show, s);
        return {
          seatId: wireIds[i],
          areaId: price.areaId,
          areaPrice: yuan(price.priceFen),
          areaServiceFee: yuan(price.feeFen),
        };
      }),
    };
  },
};

const seatUnlock: DxCall = {
  action: "seat/unlock",
  handle(p, env) {
    const { playId } = playOf(env, p);
    const lock = env.book.getLock(p.req("lock_flag"));
    if (lock.playId !== playId) throw new DxError(DxCode.lockExpired, "锁座信息与场次不符");
    env.book.unlock(lock.lockFlag);
    return { unlock: 1 };
  },
};

/** `seat`: `cineSeatId-serviceFee-submitPrice` per seat, comma-separated (CEC's order, §4.3). */
function parseSeatParam(text: string): Array<{ wireId: string; feeFen: number; priceFen: number }> {
  return text.split(",").map((item) => {
    const [wireId, fee, price, extra] = item.trim().split("-");
    const feeFen = fenOf(fee ?? "");
    const priceFen = fenOf(price ?? "");
    if (!wireId || feeFen === undefined || priceFen === undefined || extra !== undefined) {
      throw new DxError(DxCode.missingParam, `参数seat格式错误:${item}`);
    }
    return { wireId, feeFen, priceFen };
  });
}

function renderSale(sale: DxSale) {
  return {
    ticketFlag1: sale.ticketFlag1,
    ticketFlag2: sale.ticketFlag2,
    sellInfo:
      sale.status === "success"
        ? sale.lock.wireSeatIds.map((seatId, i) => {
            const t = sale.tickets[i]!;
            return {
              seatId,
              sellTime: chinaDateTime(sale.createdAt),
              sellId: t.sellId,
              ticketIncome: yuan(t.priceFen),
              joinIncome: "0.00",
              serviceFee: yuan(t.feeFen),
            };
          })
        : [],
    ...(sale.cardNo ? { callerId: `C${sale.cardNo.slice(-6)}` } : {}),
  };
}

/**
 * The sale. Seats must be exactly the locked ones, each fee the lock's, each price at least the
 * floor (lowestPrice, partnerPrice, the seat's area price). The partner's order number is unique:
 * a second sale under it is refused. With a slow issue the answer carries empty ticket flags and
 * order/ticket-flag says `processing` until the cinema answers (the simulator's choice: the refs
 * show no in-between status).
 */
export function sellLocked(p: Params, env: DxEnv, extra: { cardNo?: string } = {}): DxSale {
  const { show, playId, hallWireId } = sellablePlay(env, p);
  const lock = env.book.getLock(p.req("lock_flag"));
  if (lock.playId !== playId) throw new DxError(DxCode.lockExpired, "锁座信息与场次不符");
  const partnerId = p.req("partner_buy_ticket_id");
  if (!/^[A-Za-z0-9]{1,32}$/.test(partnerId))
    throw new DxError(DxCode.missingParam, "参数partner_buy_ticket_id格式错误");
  const items = parseSeatParam(p.req("seat"));
  const wanted = [...lock.wireSeatIds].sort().join(",");
  if (
    items
      .map((i) => i.wireId)
      .sort()
      .join(",") !== wanted
  )
    throw new DxError(DxCode.seatMismatch, "购票座位与锁座座位不一致");
  const seats = items.map((i) => {
    const seat = env.catalog().seatByWireId(hallWireId, i.wireId)!;
    const floor = seatPrice(show, seat);
    const least = Math.max(show.lowestFen, show.settleFen, floor.priceFen);
    if (i.priceFen < least) throw new DxError(DxCode.priceTooLow, `座位${i.wireId}价格低于最低价${yuan(least)}`);
    if (i.feeFen !== floor.feeFen) throw new DxError(DxCode.priceTooLow, `座位${i.wireId}服务费不正确`);
    return { seatId: seat.id, priceFen: i.priceFen, feeFen: i.feeFen };
  });
  const ordered = lock.wireSeatIds.map((w) => seats[items.findIndex((i) => i.wireId === w)]!);
  const mobile = p.get("mobile");
  return env.book.sell(lock, partnerId, ordered, { ...(mobile ? { mobile } : {}), ...extra });
}

/**
 * seat/lock-buy; with `card` (a stored-value card, §4.4) the declared total (prices + fees) is paid
 * from the card's balance — 510573 when it is not enough. A discount card cannot pay (doc 000 §三.2).
 */
const lockBuy: DxCall = {
  action: "seat/lock-buy",
  handle(p, env) {
    const cardNo = p.get("card");
    if (!cardNo) return renderSale(sellLocked(p, env));
    const { card, type } = cardOf(env, p);
    if (type !== CARD_TYPE.storedValue)
      throw new DxError(DxCode.cardBalanceLow, "折扣卡不能直接支付，请使用第三方支付");
    const total = parseSeatParam(p.req("seat")).reduce((sum, s) => sum + s.priceFen + s.feeFen, 0);
    env.members.charge(card, total);
    try {
      return renderSale(sellLocked(p, env, { cardNo }));
    } catch (e) {
      env.members.charge(card, -total);
      throw e;
    }
  },
};

const ticketFlag: DxCall = {
  action: "order/ticket-flag",
  handle(p, env) {
    playOfCinema(env, p);
    const sale = env.book.sale(p.req("partner_buy_ticket_id"));
    return { id: sale.partnerId, status: sale.status, ticketFlag1: sale.ticketFlag1, ticketFlag2: sale.ticketFlag2 };
  },
};

/** The cinema check of calls that carry only cid. */
function playOfCinema(env: DxEnv, p: Params): void {
  if (!env.catalog().cinemaByCid.has(p.req("cid"))) throw new DxError(DxCode.cinemaNotFound, "影院不存在或未授权");
}

function saleByFlags(env: DxEnv, p: Params): DxSale {
  playOfCinema(env, p);
  const sale = env.book.byTicketFlags(p.req("ticket_flag1"), p.req("ticket_flag2"));
  if (sale.lock.cinema.internalCode !== p.req("cid")) throw new DxError(DxCode.orderNotFound, "订单不存在");
  return sale;
}

const ticketInfo: DxCall = {
  action: "ticket/info",
  handle(p, env) {
    const sale = saleByFlags(env, p);
    const film = env.catalog().filmById.get(sale.lock.show.filmId);
    const seatsById = new Map(sale.lock.hall.seats.map((s) => [s.id, s]));
    return {
      movieInfo: film ? [{ movieName: film.title, cineMovieNum: film.nationalCode }] : [],
      startTime: chinaDateTime(sale.lock.show.startsAt),
      endTime: chinaDateTime(sale.lock.show.endsAt),
      hallName: sale.lock.hall.name,
      cinemaName: sale.lock.cinema.name,
      ticketInfo: sale.tickets.map((t) => {
        const seat = seatsById.get(t.seatId)!;
        return {
          no: t.sellId,
          printed: t.status === 2 ? 1 : 0,
          printTime: t.printTime ? chinaDateTime(t.printTime) : "",
          row: seat.rowLabel,
          column: seat.colLabel,
          type: "成人票",
          price: yuan(t.priceFen),
          handleFee: "0.00",
          serviceFee: yuan(t.feeFen),
          sellTime: chinaDateTime(sale.createdAt),
          seller: "网售",
          ticketStatus: t.status,
          qrCode: `${sale.ticketFlag1}${sale.ticketFlag2}`,
        };
      }),
    };
  },
};

/** Marks the tickets printed (ticket/print); printed tickets cannot be refunded. */
const ticketPrint: DxCall = {
  action: "ticket/print",
  handle(p, env) {
    const sale = saleByFlags(env, p);
    let n = 0;
    for (const t of sale.tickets) {
      if (t.status === 1) {
        t.status = 2;
        t.printTime = env.now();
        n++;
      }
    }
    return { printCount: sale.tickets.length, successNum: n };
  },
};

/**
 * ticket/refund: refused once printed, after the cinema's refund limit (forbidRefundMin before the
 * show), or when already refunded under another refund id; the same refund id answers the same.
 */
const ticketRefund: DxCall = {
  action: "ticket/refund",
  handle(p, env) {
    const sale = saleByFlags(env, p);
    const refundId = p.req("partner_refund_ticket_id");
    if (sale.refund && sale.refund.partnerRefundId !== refundId)
      throw new DxError(DxCode.refundRefused, "影票已退，不能重复退票");
    if (!sale.refund) {
      if (sale.tickets.some((t) => t.status === 2)) throw new DxError(DxCode.refundRefused, "影票已打印，不能退票");
      if (env.now() >= sale.lock.show.startsAt - sale.lock.cinema.refundBeforeMinutes * 60_000) {
        throw new DxError(DxCode.refundRefused, "已超过退票时间，不能退票");
      }
      env.book.refund(sale, refundId);
    }
    return sale.lock.wireSeatIds.map((seatId, i) => ({
      seatId,
      refundMoney: yuan(sale.tickets[i]!.priceFen),
      refundCode: `R${sale.tickets[i]!.sellId}`,
      refundTime: chinaDateTime(sale.refund!.at),
    }));
  },
};

export const tradeCalls = [
  seatStatus,
  seatLock,
  seatUnlock,
  lockBuy,
  ticketFlag,
  ticketInfo,
  ticketPrint,
  ticketRefund,
];
export { updateTimeOf };
