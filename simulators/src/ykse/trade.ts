import type { Call } from "./call.js";
import {
  requireCinema,
  requireSchedule,
  type ScheduleRef,
  SECTION_ID,
  SECTION_NAME,
  seatArea,
  seatIndex,
  stopSellingAt,
} from "./catalogue.js";
import { type Args, BizError, type BizResult, bizOutcome, bool, ok, str } from "./envelope.js";
import { newGoodsOrder, parseGoodsList, planGoodsMultiPay, renderGoodsLines } from "./goods.js";
import { parseYuan, yuan } from "./money.js";
import { type PaymentPlan, planMultiPayments, planSimplePayments } from "./payments.js";
import {
  canonical,
  LOCK_TTL_MS,
  type Lock,
  MAX_SEATS_PER_LOCK,
  type OrderRec,
  REFUND_LIMIT_PER_SCHEDULE,
  REVERSE_AFTER_MS,
  type TicketRec,
  type YkseState,
} from "./state.js";
import { fmtDateTime, MINUTE } from "./time.js";

/** Doc 002 §5: lock, release, confirm (4 variants), order queries, printing, refunds and reversals. */

export function lockSeats({ state, args, channelCode }: Call): BizResult {
  const cinema = requireCinema(state, args);
  const ref = requireSchedule(state, cinema, str(args, "scheduleId"), str(args, "scheduleKey"));
  const outLockId = str(args, "outLockId");
  if (outLockId.length > 20) throw new BizError("ILLEGAL_ARGUMENT", "outLockId 长度不能超过 20 位");
  const list = args.seatIdList;
  if (!Array.isArray(list) || list.length === 0) throw new BizError("SEAT_INFO_NOT_NULL");
  const seatIds = list.map(String);
  const now = state.now();
  // A retried lock with the same outLockId and seats answers the live lock it already made.
  for (const l of state.locks.values()) {
    if (l.outLockId === outLockId && l.channelCode === channelCode && l.status === "locked" && l.expiresAt > now) {
      if (l.scheduleId === ref.showtime.id && canonical([...l.seatIds].sort()) === canonical([...seatIds].sort())) {
        return ok(renderLock(l));
      }
      throw new BizError("LOCK_SEAT_ERROR", "第三方锁座流水号重复");
    }
  }
  if (!ref.showtime.onSale) throw new BizError("SCHEDULE_NOT_OPEN");
  if (now >= stopSellingAt(ref.showtime)) throw new BizError("LOCK_SEAT_OUT_DATE");
  if (seatIds.length > MAX_SEATS_PER_LOCK) throw new BizError("OVER_MAX_TICKET");
  if (new Set(seatIds).size !== seatIds.length) throw new BizError("SEAT_INFO_ERROR");
  const index = seatIndex(ref.hall);
  const taken = state.unavailableSeats(ref.showtime.id);
  for (const id of seatIds) {
    if (!/^[^-]+-[^-]+-[^-]+$/.test(id)) throw new BizError("SEATID_ERROR");
    const info = index.get(id);
    if (!info) throw new BizError("SEAT_NOT_FOUND");
    if (info.seat.broken || taken.has(id)) throw new BizError("LOCK_SEAT_ERROR");
    // Love seats are sold in pairs (ground-system rule, not spelled out by the document).
    const pair = info.seat.pairSeatId ? ref.hall.seats.find((s) => s.id === info.seat.pairSeatId) : undefined;
    if (pair && !seatIds.includes(`${SECTION_ID}-${pair.rowLabel}-${pair.colLabel}`)) {
      throw new BizError("LOCK_SEAT_ERROR", "情侣座须成对锁定");
    }
  }
  const lock: Lock = {
    lockOrderId: state.platformId(cinema.internalCode),
    outLockId,
    channelCode,
    cinemaCode: cinema.internalCode,
    scheduleId: ref.showtime.id,
    seatIds,
    createdAt: now,
    expiresAt: now + LOCK_TTL_MS,
    status: "locked",
  };
  state.locks.set(lock.lockOrderId, lock);
  return ok(renderLock(lock));
}

const renderLock = (l: Lock) => ({
  lockOrderId: l.lockOrderId,
  outLockId: l.outLockId,
  seats: l.seatIds.map((seatId) => ({ seatId })),
});

export function releaseSeats({ state, args, channelCode }: Call): BizResult {
  const cinema = requireCinema(state, args);
  const lockOrderId = str(args, "lockOrderId");
  const lock = state.locks.get(lockOrderId);
  if (!lock || lock.cinemaCode !== cinema.internalCode || lock.channelCode !== channelCode) {
    throw new BizError("LOCKSEAT_UNMATCH");
  }
  if (lock.status === "confirmed") throw new BizError("UN_LOCK_SEAT_UNSUCCESS", "订单已确认，不能解锁");
  lock.status = "released";
  return ok({ cinemaLinkId: cinema.internalCode, lockOrderId });
}

// --- confirm ---------------------------------------------------------------------------------------

interface PricedTicket {
  seatId: string;
  priceFen: number;
  feeFen: number;
  benefit: boolean;
  raw: Args;
}

/** Price rules of doc 002 §5.3 note 3 and the ticketList description. */
function cardDiscounted(paymentList: unknown): boolean {
  if (!Array.isArray(paymentList)) return false;
  return paymentList.some((p) => {
    const info = p && typeof p === "object" ? (p as Args).payCardInfo : undefined;
    return (p as Args)?.paymentMethod === "MemberCard" && String((info as Args | undefined)?.totalDisTickets) === "1";
  });
}

function priceTickets(ref: ScheduleRef, lock: Lock, list: unknown): PricedTicket[] {
  if (!Array.isArray(list) || list.length === 0) throw new BizError("SEAT_INFO_NOT_NULL");
  if (list.length !== lock.seatIds.length) throw new BizError("SEAT_COUNT_ERROR");
  const index = seatIndex(ref.hall);
  const seen = new Set<string>();
  const s = ref.showtime;
  return list.map((item) => {
    if (!item || typeof item !== "object") throw new BizError("SEAT_INFO_ERROR");
    const t = item as Args;
    const seatId = String(t.seatId ?? "");
    const info = index.get(seatId);
    if (!info || !lock.seatIds.includes(seatId) || seen.has(seatId)) throw new BizError("SEAT_INFO_ERROR");
    seen.add(seatId);
    const priceFen = parseYuan(t.ticketPrice);
    if (priceFen === undefined) throw new BizError("TICKET_PRICE_VALID_ERROR");
    if (priceFen <= 0) throw new BizError("TICKET_PRICE_ERROR");
    const feeFen = parseYuan(t.ticketFee);
    if (feeFen === undefined || feeFen < 0 || feeFen !== s.feeFen) throw new BizError("TICKET_FEE_ERROR");
    if (ref.cinema.shanghai && (feeFen > 1200 || feeFen * 5 > priceFen)) {
      throw new BizError("TICKET_FEE_ERROR", "上海地区影院手续费不能超过 12 元或票价的 20%");
    }
    const benefit = bool(t.isBenefit);
    // Multi-pay tickets say "discount ticket" in the card's payCardInfo (§5.4.3 totalDisTickets "1").
    const discounted = benefit || bool(t.isCardDiscount) || cardDiscounted(t.paymentList);
    const area = seatArea(ref, info.seat);
    if (area && benefit) throw new BizError("AREA_SEAT_NOT_SUPPORT_BENEFIT");
    if (discounted) {
      if (priceFen < s.lowestFen) throw new BizError("LOW_THAN_LEAST_PRICE_ERROR");
    } else if (area) {
      if (priceFen < area.settleFen) throw new BizError("AREA_SEAT_LOW_THAN_AREA_SETTLE_PRICE_ERROR");
    } else if (s.settleFen > 0) {
      if (priceFen < s.settleFen) throw new BizError("LOW_THAN_SETTLE_PRICE_ERROR");
    } else if (priceFen < s.lowestFen) throw new BizError("LOW_THAN_LEAST_PRICE_ERROR");
    return { seatId, priceFen, feeFen, benefit, raw: t };
  });
}

function confirmAny(call: Call, kind: "ticket" | "mix", multiPay: boolean): BizResult {
  const { state, args, channelCode, api } = call;
  const cinema = requireCinema(state, args);
  const lockOrderId = str(args, "lockOrderId");
  const hash = canonical({ api, ...args });

  // Idempotency (§5.3 note 2): the same lockOrderId answers what the first confirm produced.
  const existingId = state.ordersByLock.get(lockOrderId);
  if (existingId) {
    const existing = state.settle(state.orders.get(existingId) as OrderRec);
    if (existing.requestHash !== hash) throw new BizError("REQUEST_PARAM_INCONFORMITY_ERROR");
    return confirmAnswer(existing);
  }

  const lock = state.locks.get(lockOrderId);
  if (!lock || lock.cinemaCode !== cinema.internalCode || lock.channelCode !== channelCode) {
    throw new BizError("LOCKSEAT_UNMATCH");
  }
  const scheduleId = str(args, "scheduleId");
  if (scheduleId !== lock.scheduleId) throw new BizError("LOCKSEAT_UNMATCH");
  const ref = requireSchedule(state, cinema, scheduleId, str(args, "scheduleKey"));
  const now = state.now();
  if (lock.status !== "locked" || lock.expiresAt <= now) throw new BizError("ORDER_SEAT_ERROR");
  if (!ref.showtime.onSale) throw new BizError("SCHEDULE_NOT_OPEN");
  if (now >= stopSellingAt(ref.showtime)) throw new BizError("ORDER_TICKET_TIME_END");
  const mobile = str(args, "mobile");
  if (!/^1\d{10}$/.test(mobile)) throw new BizError("ILLEGAL_ARGUMENT", "手机号格式不正确");

  const tickets = priceTickets(ref, lock, args.ticketList);
  const goods = kind === "mix" ? parseGoodsList(state, cinema.id, args.goodsList, false) : undefined;
  const ticketTotal = tickets.reduce((s, t) => s + t.priceFen + t.feeFen, 0);
  let plan: PaymentPlan;
  if (multiPay) {
    plan = planSimplePayments(state, cinema.internalCode, undefined, 0, 0, 0);
    for (const t of tickets)
      planMultiPayments(state, plan, cinema.internalCode, t.raw.paymentList, t.priceFen + t.feeFen, 1);
    if (goods) planGoodsMultiPay(state, plan, cinema.internalCode, goods);
    plan.verify();
  } else {
    const benefitCount = tickets.filter((t) => t.benefit).length;
    plan = planSimplePayments(
      state,
      cinema.internalCode,
      args.paymentList,
      ticketTotal + (goods?.totalFen ?? 0),
      tickets.length,
      benefitCount,
      ref.showtime.id,
    );
  }

  // Everything checked: the order exists from here on.
  const index = seatIndex(ref.hall);
  const film = state.ctx.dataset.films.find((f) => f.id === ref.showtime.filmId);
  const confirmationId = state.groundNo();
  const order: OrderRec = {
    orderId: state.platformId(cinema.internalCode),
    lockOrderId,
    kind,
    requestHash: hash,
    cinemaCode: cinema.internalCode,
    channelCode,
    scheduleId,
    showtimeId: ref.showtime.id,
    mobile,
    bookingId: state.groundNo(),
    confirmationId,
    tickets: tickets.map((t): TicketRec => {
      const info = index.get(t.seatId);
      const ticketNo = state.groundNo();
      return {
        ticketNo,
        seatId: t.seatId,
        seatCode: info?.seatCode ?? "",
        sectionId: SECTION_ID,
        sectionName: SECTION_NAME,
        rowId: info?.seat.rowLabel ?? "",
        columnId: info?.seat.colLabel ?? "",
        priceFen: t.priceFen,
        feeFen: t.feeFen,
        infoCode: `${confirmationId}${ticketNo.slice(-6)}`,
      };
    }),
    status: "ticket_success",
    confirmAt: now,
    issueOutcome: "success",
    issuedAt: now,
    charges: [],
  };
  if (goods && goods.lines.length > 0) order.goods = newGoodsOrder(state, cinema.internalCode, channelCode, goods);
  const slow = state.ctx.faults.config.slowIssueMinutes;
  if (slow > 0) {
    order.status = "wait_ticket";
    order.issuedAt = undefined;
    order.issueDueAt = now + slow * MINUTE;
    order.issueOutcome = state.ctx.faults.config.slowIssueOutcome;
    if (order.goods) order.goods.status = "wait_goods";
  }
  const applied = plan.apply(state, {
    cinemaCode: cinema.internalCode,
    bookingId: order.bookingId,
    filmCode: film?.nationalCode ?? "",
    shortName: film ? `${film.title}(${ref.showtime.version})` : "",
    scheduleId,
  });
  order.charges = applied.charges;
  order.benefit = applied.benefit;
  lock.status = "confirmed";
  state.orders.set(order.orderId, order);
  state.ordersByLock.set(lockOrderId, order.orderId);
  return confirmAnswer(order);
}

/** What confirm answers for an order in its current state (first call and idempotent retries). */
function confirmAnswer(o: OrderRec): BizResult {
  if (o.status === "wait_ticket") return bizOutcome("ORDER_PROCESSING");
  if (o.status === "ticket_failed") throw new BizError("CINEMA_EXECUTOR_ERROR", "影院系统出票失败");
  if (o.status === "reverse_success") throw new BizError("REVERSE_TICKET_STATUS_INCORRECT", "订单已冲正");
  return ok({
    orderId: o.orderId,
    bookingId: o.bookingId,
    confirmationId: o.confirmationId,
    tickets: o.tickets.map((t) => ({
      ticketNo: t.ticketNo,
      seatId: t.seatId,
      seatCode: t.seatCode,
      sectionId: t.sectionId,
      rowId: t.rowId,
      columnId: t.columnId,
      serviceFee: yuan(t.feeFen),
    })),
    ...(o.goods ? { goodsOrder: renderMixGoods(o) } : {}),
  });
}

function renderMixGoods(o: OrderRec) {
  const g = o.goods;
  if (!g) return undefined;
  return {
    holdId: g.holdId,
    pickUpCode: g.pickUpCode,
    totalGoodsPrice: yuan(g.totalFen),
    totalGoodsFee: "0.00",
    goods: renderGoodsLines(g.lines),
  };
}

export const confirmOrder = (c: Call) => confirmAny(c, "ticket", false);
export const confirmOrderForMultiPay = (c: Call) => confirmAny(c, "ticket", true);
export const confirmMixOrder = (c: Call) => confirmAny(c, "mix", false);
export const confirmMixOrderForMultiPay = (c: Call) => confirmAny(c, "mix", true);

// --- queries ---------------------------------------------------------------------------------------

const issued = (o: OrderRec) => o.status !== "wait_ticket" && o.status !== "ticket_failed";

function orderFilm(state: YkseState, o: OrderRec) {
  const s = state.showtime(o.showtimeId);
  const film = s ? state.ctx.dataset.films.find((f) => f.id === s.filmId) : undefined;
  return { s, film, shortName: film && s ? `${film.title}(${s.version})` : "" };
}

export function getOrderInfo({ state, args }: Call): BizResult {
  const cinema = requireCinema(state, args);
  const lockOrderId = typeof args.lockOrderId === "string" ? args.lockOrderId : "";
  const orderIdArg = typeof args.orderId === "string" ? args.orderId : "";
  if (!lockOrderId && !orderIdArg) throw new BizError("NULL_ARGUMENT", "平台锁座流水号和平台订单号不能同时为空");
  const id = orderIdArg || state.ordersByLock.get(lockOrderId) || "";
  const found = state.orders.get(id);
  if (!found || found.cinemaCode !== cinema.internalCode) throw new BizError("ORDER_NOT_FOUND");
  const o = state.settle(found);
  const { s, film, shortName } = orderFilm(state, o);
  const done = issued(o);
  const refunded = o.status === "refund_success" || o.status === "reverse_success";
  return ok({
    orderId: o.orderId,
    ...(done ? { bookingId: o.bookingId, confirmationId: o.confirmationId } : {}),
    showDateTime: s ? fmtDateTime(s.startsAt) : "",
    hallId: s?.hallId ?? "",
    filmCode: film?.nationalCode ?? "",
    shortName,
    status: o.status,
    tickets: o.tickets.map((t) => ({
      ...(done ? { ticketNo: t.ticketNo } : {}),
      seatCode: t.seatCode,
      sectionId: t.sectionId,
      rowId: t.rowId,
      columnId: t.columnId,
      ticketPrice: yuan(t.priceFen),
      ticketFee: yuan(t.feeFen),
      serviceFee: yuan(t.feeFen),
      printStatus: o.printedAt !== undefined ? "Y" : "N",
      refundStatus: refunded ? "Y" : "N",
    })),
    ...(o.goods ? { goodsOrder: renderMixGoods(o) } : {}),
  });
}

function issuedOrder(state: YkseState, cinemaCode: string, pred: (o: OrderRec) => boolean): OrderRec {
  for (const o of state.orders.values()) {
    if (o.cinemaCode !== cinemaCode || !pred(o)) continue;
    if (issued(state.settle(o))) return o;
  }
  throw new BizError("CONFIRMATIONID_WRONG");
}

export function getTicketInfo({ state, args, channelCode }: Call): BizResult {
  const cinema = requireCinema(state, args);
  const confirmationId = str(args, "confirmationId");
  const o = issuedOrder(state, cinema.internalCode, (x) => x.confirmationId === confirmationId);
  const { s, film, shortName } = orderFilm(state, o);
  const hall = s ? state.hallOf(cinema, s.hallId) : undefined;
  const refunded = o.status === "refund_success" || o.status === "reverse_success";
  return ok({
    printId: o.bookingId,
    bookingId: o.bookingId,
    confirmationId: o.confirmationId,
    showDateTime: s ? fmtDateTime(s.startsAt) : "",
    cinemaName: cinema.name,
    hallId: s?.hallId ?? "",
    hallName: hall?.name ?? "",
    filmCode: film?.nationalCode ?? "",
    shortName,
    channelCode,
    channelName: channelCode,
    createDateTime: fmtDateTime(o.confirmAt),
    tickets: o.tickets.map((t) => ({
      ticketNo: t.ticketNo,
      sectionId: t.sectionId,
      sectionName: t.sectionName,
      rowId: t.rowId,
      columnId: t.columnId,
      infoCode: t.infoCode,
      ticketPrice: yuan(t.priceFen),
      ticketFee: yuan(t.feeFen),
      serviceFee: yuan(t.feeFen),
      printStatus: o.printedAt !== undefined ? "Y" : "N",
      refundStatus: refunded ? "Y" : "N",
    })),
  });
}

const printable = (o: OrderRec) =>
  o.printedAt === undefined && (o.status === "ticket_success" || o.status === "refund_failed");

export function printTicket({ state, args }: Call): BizResult {
  const cinema = requireCinema(state, args);
  const printId = str(args, "printId");
  const o = issuedOrder(state, cinema.internalCode, (x) => x.bookingId === printId);
  const data = { cinemaLinkId: cinema.internalCode, printId };
  if (!printable(o)) throw new BizError("PRINT_TICKET_NOT_ALLOW", undefined, data);
  o.printedAt = state.now();
  return ok(data);
}

export function getOrderPrintStatus({ state, args }: Call): BizResult {
  const cinema = requireCinema(state, args);
  const printId = str(args, "printId");
  const o = issuedOrder(state, cinema.internalCode, (x) => x.bookingId === printId);
  return bizOutcome(printable(o) ? "PRINT_TICKET_ALLOW" : "PRINT_TICKET_NOT_ALLOW", {
    cinemaLinkId: cinema.internalCode,
    printId,
  });
}

// --- refunds and reversals -------------------------------------------------------------------------

function findOrder(state: YkseState, args: Args): OrderRec {
  const cinema = requireCinema(state, args);
  const o = state.orders.get(str(args, "orderId"));
  if (!o || o.cinemaCode !== cinema.internalCode) throw new BizError("ORDER_NOT_FOUND");
  return state.settle(o);
}

function undo(state: YkseState, o: OrderRec, status: "refund_success" | "reverse_success"): void {
  o.status = status;
  if (o.goods) o.goods.status = "refund_success";
  state.refundCharges(o.charges);
  state.releaseBenefit(o);
}

function refundAny({ state, args }: Call, kind: "ticket" | "mix"): BizResult {
  const o = findOrder(state, args);
  if (o.kind !== kind) throw new BizError("REFUND_ORDER_TYPE_NOT_MATCH");
  if (o.status === "refund_success") throw new BizError("TICKET_HAS_REFUND");
  if (o.status !== "ticket_success" && o.status !== "refund_failed")
    throw new BizError("REFUND_TICKET_STATUS_INCORRECT");
  if (o.printedAt !== undefined) throw new BizError("TICKET_HAS_PRINT");
  const cinema = state.cinemaByCode(o.cinemaCode);
  const s = state.showtime(o.showtimeId);
  if (!cinema || !s || cinema.refundBeforeMinutes < 0) throw new BizError("REFUND_POLICY_NOT_FOUND");
  if (state.now() > s.startsAt - cinema.refundBeforeMinutes * MINUTE) throw new BizError("CANCEL_TIME_ERROR");
  const count = state.refundsBySchedule.get(o.scheduleId) ?? 0;
  if (count >= REFUND_LIMIT_PER_SCHEDULE) throw new BizError("OVER_REFUND_UPPER_LIMIT");
  state.refundsBySchedule.set(o.scheduleId, count + 1);
  undo(state, o, "refund_success");
  return ok({ cinemaLinkId: o.cinemaCode, orderId: o.orderId });
}

export const refundOrder = (c: Call) => refundAny(c, "ticket");
export const refundMixOrder = (c: Call) => refundAny(c, "mix");

/**
 * Reversal (§5.13/§5.14): from 12 minutes after the confirm request until the show starts, for orders
 * still waiting for the cinema or issued only 12+ minutes after the request. Idempotent.
 */
function reverseAny({ state, args }: Call, kind: "ticket" | "mix"): BizResult {
  const o = findOrder(state, args);
  if (o.kind !== kind) throw new BizError("REVERSE_ORDER_TYPE_UNMATCH");
  const answer = ok({ cinemaLinkId: o.cinemaCode, orderId: o.orderId });
  if (o.status === "reverse_success") return answer;
  const now = state.now();
  if (now < o.confirmAt + REVERSE_AFTER_MS) throw new BizError("REVERSE_TICKET_NO_TIME_YET");
  const s = state.showtime(o.showtimeId);
  if (!s || now >= s.startsAt) throw new BizError("REVERSE_TICKET_STATUS_INCORRECT", "影片已开始放映，不能冲正");
  const lateIssue = o.status === "ticket_success" && (o.issuedAt ?? o.confirmAt) - o.confirmAt >= REVERSE_AFTER_MS;
  if (o.status !== "wait_ticket" && !lateIssue) throw new BizError("REVERSE_TICKET_STATUS_INCORRECT");
  undo(state, o, "reverse_success");
  return answer;
}

export const reverseOrder = (c: Call) => reverseAny(c, "ticket");
export const reverseMixOrder = (c: Call) => reverseAny(c, "mix");
