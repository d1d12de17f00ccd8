import { createHash } from "node:crypto";
import { fail, ok, type Result } from "../../domain/errors.js";
import { type Fen, fenToYuan } from "../../domain/money.js";
import type { Clock } from "../../domain/time.js";
import type {
  CinemaRef,
  ConfirmRequest,
  LockRequest,
  LockResult,
  OrderRef,
  ShowtimeRef,
  TradeSeat,
  VendorOrderState,
} from "../../domain/trade.js";
import type { ConcessionLine } from "../concessions.js";
import { encryptSensitive, isCardPassword } from "./aes.js";
import type { YkseClient } from "./client.js";
import {
  asObj,
  mapConfirmed,
  mapOrderInfo,
  mapTicketInfo,
  scheduleData,
  str,
  type YkseScheduleData,
  type YkseTicketInfo,
} from "./mapping.js";
import { checkTicketPrices, type PricedSeat } from "./prices.js";

/**
 * Trade calls, doc 002 §5: lock/release (§5.1–5.2), the four confirm variants (§5.3–5.6), order
 * query (§5.7), pickup info / print / print status (§5.8–5.10), refunds (§5.11–5.12) and
 * reversals (§5.13–5.14). Each method: build the request (prices checked first) → commit →
 * parse → success or standard error.
 */
export const LOCK_TTL_MS = 15 * 60_000;

export type TicketDiscount = "card" | "benefit";
export interface YkseTradeSeat extends TradeSeat {
  /** isCardDiscount / isBenefit on this ticket (§5.3 ticketList). */
  discount?: TicketDiscount;
}

/** paymentList of confirmOrder / confirmMixOrder (§5.3.3): one member card or one benefit card. */
export type SimplePayment =
  | { method: "MemberCard"; cardNumber: string; password?: string; issuerCinemaId?: string; amountFen?: Fen }
  | { method: "BenefitCard"; benefitCardNumber: string };

export const MULTI_PAY_METHODS = ["Ali", "WeChat", "MemberCard", "Cash", "Corp", "CinemaPay"] as const;
export type MultiPayMethod = (typeof MULTI_PAY_METHODS)[number];

/** One entry of a per-ticket / per-goods paymentList of the *ForMultiPay calls (§5.4.3). */
export interface MultiPayment {
  method: MultiPayMethod;
  amountFen: Fen;
  /** Ali / WeChat: the payment provider's transaction id and ours. */
  thirdTradeNo?: string;
  outTradeNo?: string;
  card?: { cardNumber: string; password: string; issuerCinemaId?: string; discounted?: boolean };
}

export interface YkseGoodsLine extends ConcessionLine {
  /** Multi-pay only: this line's payments, summing to unit price × count. */
  payments?: MultiPayment[];
}

export interface YkseConfirmRequest extends ConfirmRequest {
  seats: YkseTradeSeat[];
  /** confirmOrder / confirmMixOrder payment list. */
  payments?: SimplePayment[];
  /** Present → the *ForMultiPay variant; one payment list per seat, in seat order. */
  ticketPayments?: MultiPayment[][];
  /** Present and non-empty → the mixed (tickets + goods) variant. */
  goods?: YkseGoodsLine[];
}

export type OrderKind = "ticket" | "mix";

export class YkseTrade {
  constructor(
    private readonly client: YkseClient,
    private readonly clock: Clock,
    private readonly cardKey: string | undefined,
  ) {}

  // --- §5.1 lock ---------------------------------------------------------------------------------

  async lock(req: LockRequest): Promise<Result<LockResult>> {
    const schedule = requireSchedule(req.showtime);
    if (!schedule.ok) return schedule;
    if (this.clock.now() >= req.showtime.stopSellingAt) {
      return fail("showtime_closed", "the showtime's stopSellingTime has passed (§4.2 stopSellingTime)");
    }
    const seats = req.seats.map((s) => ({ ...s, discounted: s.discount !== undefined }));
    const priceError = checkTicketPrices(schedule.value, seats, { shanghai: req.cinema.shanghai });
    if (priceError) return fail("price_rejected", priceError);
    const outLockId = outLockIdOf(req.orderId);
    const scheduleKey = req.showtime.versionKey ?? schedule.value.scheduleKey;
    const res = await this.client.call({
      api: "ykse.partner.seat.lockSeats",
      sideEffect: true,
      data: {
        cinemaLinkId: req.cinema.vendorCinemaId,
        scheduleId: req.showtime.vendorShowtimeId,
        scheduleKey,
        outLockId,
        seatIdList: req.seats.map((s) => s.vendorSeatId),
      },
    });
    if (!res.ok) return res;
    const lockOrderId = str(asObj(res.value.data).lockOrderId);
    if (!lockOrderId) return fail("outcome_unknown", "lockSeats answered SUCCESS without a lockOrderId", "SUCCESS");
    return ok({
      vendorLockId: lockOrderId,
      lockedUntil: this.clock.now() + LOCK_TTL_MS,
      vendorData: { outLockId, scheduleKey },
    });
  }

  // --- §5.2 release ------------------------------------------------------------------------------

  async release(order: OrderRef): Promise<Result<void>> {
    const res = await this.client.call({
      api: "ykse.partner.seat.releaseSeats",
      sideEffect: true,
      data: { cinemaLinkId: order.cinema.vendorCinemaId, lockOrderId: order.vendorLockId },
    });
    return res.ok ? ok(undefined) : res;
  }

  // --- §5.3–5.6 confirm --------------------------------------------------------------------------

  async confirm(req: YkseConfirmRequest): Promise<Result<VendorOrderState>> {
    // build request: every rule the vendor would check, checked here first
    const schedule = requireSchedule(req.showtime);
    if (!schedule.ok) return schedule;
    if (req.attempt <= 1 && this.clock.now() >= req.showtime.stopSellingAt) {
      return fail("showtime_closed", "the showtime's stopSellingTime has passed (§4.2 stopSellingTime)");
    }
    const benefit = (req.payments ?? []).some((p) => p.method === "BenefitCard");
    const seats: PricedSeat[] = req.seats.map((s) => ({
      ...s,
      discounted: s.discount !== undefined || (benefit && s.discount === undefined),
    }));
    const priceError = checkTicketPrices(schedule.value, seats, { shanghai: req.cinema.shanghai, benefit });
    if (priceError) return fail("price_rejected", priceError);
    const mobileError = /^1\d{10}$/.test(req.mobile) ? undefined : "mobile must be the buyer's 11-digit mobile (§5.3)";
    if (mobileError) return fail("invalid_request", mobileError);

    const masks: string[] = [req.mobile];
    const encrypt = (password: string): Result<string> => {
      if (!this.cardKey) return fail("config_error", "no ykse card key configured: card passwords cannot be encrypted");
      if (!isCardPassword(password)) return fail("invalid_request", "member-card passwords are 6 digits");
      const enc = encryptSensitive(password, this.cardKey);
      masks.push(password, enc);
      return ok(enc);
    };

    const multi = req.ticketPayments !== undefined;
    const mix = (req.goods ?? []).length > 0;
    const ticketList: Record<string, unknown>[] = [];
    for (const [i, seat] of req.seats.entries()) {
      const t: Record<string, unknown> = {
        seatId: seat.vendorSeatId,
        ticketPrice: fenToYuan(seat.settleFen),
        ticketFee: fenToYuan(seat.serviceFeeFen),
      };
      if (multi) {
        const payments = req.ticketPayments?.[i];
        if (!payments) return fail("invalid_request", `seat ${seat.vendorSeatId} has no payment list (§5.4.3)`);
        const list = buildMultiPayments(
          payments,
          seat.settleFen + seat.serviceFeeFen,
          `seat ${seat.vendorSeatId}`,
          encrypt,
        );
        if (!list.ok) return list;
        t.paymentList = list.value;
      } else {
        if (seat.discount === "benefit" || (benefit && seat.discount === undefined)) t.isBenefit = true;
        if (seat.discount === "card") t.isCardDiscount = true;
      }
      ticketList.push(t);
    }
    const data: Record<string, unknown> = {
      cinemaLinkId: req.cinema.vendorCinemaId,
      lockOrderId: req.vendorLockId,
      scheduleId: req.showtime.vendorShowtimeId,
      scheduleKey: req.showtime.versionKey ?? schedule.value.scheduleKey,
      ticketList,
      mobile: req.mobile,
    };
    if (mix) {
      const goods = buildGoodsList(req.goods ?? [], multi, encrypt);
      if (!goods.ok) return goods;
      data.goodsList = goods.value;
    }
    if (!multi && req.payments?.length) {
      const list = buildSimplePayments(req.payments, encrypt);
      if (!list.ok) return list;
      data.paymentList = list.value;
    }
    const api = `ykse.partner.order.${mix ? "confirmMixOrder" : "confirmOrder"}${multi ? "ForMultiPay" : ""}`;

    // commit: §5.3 note 2 — the call is idempotent, so the transport may resend it after a timeout
    const res = await this.client.call({
      api,
      data,
      sideEffect: true,
      idempotent: true,
      accept: ["ORDER_PROCESSING"],
      mask: masks,
    });
    // parse → success/error
    if (!res.ok) return res;
    if (res.value.bizCode === "ORDER_PROCESSING") {
      const orderId = str(asObj(res.value.data).orderId);
      return ok({ state: "pending", ...(orderId ? { vendorOrderId: orderId } : {}) });
    }
    const state = mapConfirmed(res.value.data);
    if (state.state === "issued" && !state.vendorOrderId) {
      return fail("outcome_unknown", `${api} answered SUCCESS without an orderId: query the order`, "SUCCESS");
    }
    return ok(state);
  }

  // --- §5.7 order query --------------------------------------------------------------------------

  async orderInfo(order: OrderRef): Promise<Result<{ state: VendorOrderState; raw: Record<string, unknown> }>> {
    const res = await this.client.call({
      api: "ykse.partner.order.getOrderInfo",
      data: {
        cinemaLinkId: order.cinema.vendorCinemaId,
        ...(order.vendorOrderId ? { orderId: order.vendorOrderId } : { lockOrderId: order.vendorLockId }),
      },
      accept: ["ORDER_NOT_FOUND"],
    });
    if (!res.ok) return res;
    if (res.value.bizCode === "ORDER_NOT_FOUND") return ok({ state: { state: "not_found" }, raw: {} });
    return ok({ state: mapOrderInfo(res.value.data), raw: asObj(res.value.data) });
  }

  async queryOrder(order: OrderRef): Promise<Result<VendorOrderState>> {
    const res = await this.orderInfo(order);
    return res.ok ? ok(res.value.state) : res;
  }

  // --- §5.8 pickup info, §5.9 print, §5.10 print status ----------------------------------------

  async ticketInfo(cinema: CinemaRef, confirmationId: string): Promise<Result<YkseTicketInfo>> {
    const res = await this.client.call({
      api: "ykse.partner.order.getTicketInfo",
      data: { cinemaLinkId: cinema.vendorCinemaId, confirmationId },
    });
    return res.ok ? ok(mapTicketInfo(res.value.data)) : res;
  }

  /** Marks the tickets printed (a kiosk or counter handed them out). */
  async printTicket(cinema: CinemaRef, printId: string): Promise<Result<void>> {
    const res = await this.client.call({
      api: "ykse.partner.ticket.printTicket",
      sideEffect: true,
      data: { cinemaLinkId: cinema.vendorCinemaId, printId },
    });
    return res.ok ? ok(undefined) : res;
  }

  /** PRINT_TICKET_ALLOW → printable; PRINT_TICKET_NOT_ALLOW → already printed (or not printable). */
  async orderPrintStatus(cinema: CinemaRef, printId: string): Promise<Result<{ printable: boolean }>> {
    const res = await this.client.call({
      api: "ykse.partner.ticket.getOrderPrintStatus",
      data: { cinemaLinkId: cinema.vendorCinemaId, printId },
      accept: ["PRINT_TICKET_ALLOW", "PRINT_TICKET_NOT_ALLOW"],
    });
    if (!res.ok) return res;
    return ok({ printable: res.value.bizCode === "PRINT_TICKET_ALLOW" || res.value.bizCode === "SUCCESS" });
  }

  async printStatus(order: OrderRef): Promise<Result<{ printed: boolean }>> {
    let confirmationId = str(order.vendorData?.confirmationId);
    if (!confirmationId) {
      const info = await this.orderInfo(order);
      if (!info.ok) return info;
      confirmationId = str(info.value.raw.confirmationId);
      if (!confirmationId) return fail("order_state", `order is ${info.value.state.state}: nothing to print yet`);
    }
    const tickets = await this.ticketInfo(order.cinema, confirmationId);
    if (!tickets.ok) return tickets;
    const list = tickets.value.tickets;
    return ok({ printed: list.length > 0 && list.every((t) => t.printed) });
  }

  // --- §5.11–5.12 refunds ------------------------------------------------------------------------

  async refund(order: OrderRef, kind?: OrderKind): Promise<Result<VendorOrderState>> {
    return this.undo(order, kind ?? kindOf(order), "refund");
  }

  // --- §5.13–5.14 reversals ----------------------------------------------------------------------

  async reverse(order: OrderRef, kind?: OrderKind): Promise<Result<VendorOrderState>> {
    return this.undo(order, kind ?? kindOf(order), "reverse");
  }

  /**
   * Refund / reversal of a ticket or mixed order. The vendor keeps separate calls per order type;
   * when the hint is wrong it answers REFUND_ORDER_TYPE_NOT_MATCH / REVERSE_ORDER_TYPE_UNMATCH and
   * the other call is used.
   */
  private async undo(
    order: OrderRef,
    kind: OrderKind,
    action: "refund" | "reverse",
  ): Promise<Result<VendorOrderState>> {
    let orderId = order.vendorOrderId;
    if (!orderId) {
      const info = await this.orderInfo(order);
      if (!info.ok) return info;
      if (info.value.state.state === "not_found") return ok({ state: "not_found" });
      orderId = str(info.value.raw.orderId);
      if (!orderId) return fail("outcome_unknown", "the order has no platform orderId yet");
    }
    const names = {
      refund: { ticket: "ykse.partner.order.refundOrder", mix: "ykse.partner.order.refundMixOrder" },
      reverse: { ticket: "ykse.partner.order.reverseOrder", mix: "ykse.partner.order.reverseMixOrder" },
    }[action];
    const mismatch = action === "refund" ? "REFUND_ORDER_TYPE_NOT_MATCH" : "REVERSE_ORDER_TYPE_UNMATCH";
    const done: VendorOrderState =
      action === "refund"
        ? { state: "refunded", vendorOrderId: orderId }
        : { state: "reversed", vendorOrderId: orderId };
    const attempt = async (k: OrderKind) =>
      this.client.call({
        api: names[k],
        data: { cinemaLinkId: order.cinema.vendorCinemaId, orderId },
        sideEffect: true,
        // §5.13/§5.14 note 4: reversal is idempotent
        idempotent: action === "reverse",
        // §9.2.4: asking again for a refunded order is an answer, not a failure
        accept: action === "refund" ? ["TICKET_HAS_REFUND"] : [],
      });
    let res = await attempt(kind);
    if (!res.ok && res.error.vendorCode === mismatch) res = await attempt(kind === "ticket" ? "mix" : "ticket");
    return res.ok ? ok(done) : res;
  }
}

// --- request builders ----------------------------------------------------------------------------

function requireSchedule(showtime: ShowtimeRef): Result<YkseScheduleData> {
  const data = scheduleData(showtime.vendorData);
  if (!data) return fail("invalid_request", "showtime carries no ykse schedule data: sync the schedules first");
  return ok(data);
}

/** §5.1 outLockId (≤ 20 characters), derived from our order id so a retried lock is the same lock. */
export function outLockIdOf(orderId: string): string {
  const digest = createHash("md5").update(orderId).digest();
  return BigInt(`0x${digest.toString("hex")}`)
    .toString()
    .padStart(20, "0")
    .slice(-20);
}

const kindOf = (order: OrderRef): OrderKind =>
  order.vendorData?.ykseKind === "mix" || order.lockVendorData?.ykseKind === "mix" ? "mix" : "ticket";

type Encrypt = (password: string) => Result<string>;

function buildSimplePayments(payments: SimplePayment[], encrypt: Encrypt): Result<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const p of payments) {
    if (p.method === "BenefitCard") {
      out.push({ paymentMethod: "BenefitCard", payCardInfo: { benefitCardNumber: p.benefitCardNumber } });
      continue;
    }
    const info: Record<string, unknown> = {};
    if (p.amountFen !== undefined) info.payAmount = fenToYuan(p.amountFen);
    if (p.issuerCinemaId) info.cinemaLinkId = p.issuerCinemaId;
    info.cardNumber = p.cardNumber;
    if (p.password !== undefined) {
      const enc = encrypt(p.password);
      if (!enc.ok) return enc;
      info.cardPassword = enc.value;
    }
    out.push({ paymentMethod: "MemberCard", payCardInfo: info });
  }
  return ok(out);
}

function buildMultiPayments(
  payments: MultiPayment[],
  dueFen: Fen,
  what: string,
  encrypt: Encrypt,
): Result<Record<string, unknown>[]> {
  const sum = payments.reduce((s, p) => s + p.amountFen, 0);
  if (sum !== dueFen) {
    return fail(
      "price_rejected",
      `${what}: payments add up to ${fenToYuan(sum)} 元 but must equal ${fenToYuan(dueFen)} 元 (§5.4.3 paymentList)`,
    );
  }
  const out: Record<string, unknown>[] = [];
  for (const p of payments) {
    if (!MULTI_PAY_METHODS.includes(p.method)) return fail("invalid_request", `${what}: unknown payment method`);
    const entry: Record<string, unknown> = { paymentMethod: p.method, payAmount: fenToYuan(p.amountFen) };
    if (p.method === "Ali" || p.method === "WeChat") {
      if (!p.thirdTradeNo || !p.outTradeNo) {
        return fail("invalid_request", `${what}: ${p.method} payments need thirdTradeNo and outTradeNo (§5.4.3)`);
      }
      entry.thirdPartPayment = { thirdTradeNo: p.thirdTradeNo, outTradeNo: p.outTradeNo };
    }
    if (p.method === "MemberCard") {
      if (!p.card) return fail("invalid_request", `${what}: MemberCard payments need the card (§5.4.3 payCardInfo)`);
      const enc = encrypt(p.card.password);
      if (!enc.ok) return enc;
      entry.payCardInfo = {
        cardNumber: p.card.cardNumber,
        cardPassword: enc.value,
        ...(p.card.issuerCinemaId ? { cinemaLinkId: p.card.issuerCinemaId } : {}),
        totalDisTickets: p.card.discounted ? "1" : "0",
      };
    }
    out.push(entry);
  }
  return ok(out);
}

/** goodsList of §5.5.3 / §5.6.3 / §6.2.3 / §6.3.3 (count as a string, isPackage a boolean, as the tables say). */
export function buildGoodsList(
  lines: YkseGoodsLine[],
  multi: boolean,
  encrypt: Encrypt,
): Result<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const line of lines) {
    if (!Number.isInteger(line.count) || line.count <= 0) {
      return fail("invalid_request", `goods ${line.vendorGoodsId}: count must be a positive integer`);
    }
    if (!Number.isSafeInteger(line.unitFen) || line.unitFen <= 0) {
      return fail("price_rejected", `goods ${line.vendorGoodsId}: unit price must be above zero`);
    }
    const g: Record<string, unknown> = {
      goodsId: line.vendorGoodsId,
      isPackage: line.isPackage,
      count: String(line.count),
      salePrice: fenToYuan(line.unitFen),
    };
    if (multi) {
      if (!line.payments) return fail("invalid_request", `goods ${line.vendorGoodsId} has no payment list (§5.6.3)`);
      const list = buildMultiPayments(line.payments, line.unitFen * line.count, `goods ${line.vendorGoodsId}`, encrypt);
      if (!list.ok) return list;
      g.paymentList = list.value;
    } else if (line.cardDiscount) g.isCardDiscount = true;
    out.push(g);
  }
  return ok(out);
}
