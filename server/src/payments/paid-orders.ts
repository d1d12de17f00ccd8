import { randomBytes } from "node:crypto";
import type { CinemaSettings } from "../cinemas/settings.js";
import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import { DomainError } from "../domain/domain-error.js";
import { isFinal } from "../domain/order-states.js";
import { wasPaid } from "../domain/payment-states.js";
import type { Clock } from "../domain/time.js";
import type { OrderRow, OrderStore } from "../orders/order-store.js";
import type { StepScheduler } from "../orders/runner.js";
import type { SecretBox } from "../security/secret-box.js";
import type { CallRecorder } from "../vendors/call-recorder.js";
import { alipayProvider, openAlipay, openWechat, storedOf, wechatProvider } from "./config.js";
import { maskPayer, type PaymentRow, PaymentStore, type RefundRow } from "./payment-store.js";
import type { IncomingNotify, NotifyAnswer, PaymentProvider, PayParams, TradeView } from "./provider.js";
import { nextRefundAttempt, REFUND_RETRY } from "./timetables.js";

export interface PaidOrdersDeps {
  db: Db;
  clock: Clock;
  settings: CinemaSettings;
  box: SecretBox;
  orders: OrderStore;
  /**
   * Where the provider reaches us: the notify routes hang under it (`/payments/wechat/v3/notify/…`).
   * In tests and the demo it is the loopback address of the API server.
   */
  publicBaseUrl: () => string;
  /** The real WeChat Pay API for cinemas that name no `apiBaseUrl`. */
  wechatPayBaseUrl?: string;
  /** The real Alipay gateway (`…/gateway.do`) for cinemas that name no `gatewayUrl`. */
  alipayGatewayUrl?: string;
  recorder?: CallRecorder;
}

/** How the buyer pays: the cinema's WeChat merchant or its Alipay app. */
export type PayMethod = "wechat" | "alipay";

export type StartPaymentInput =
  | {
      method: "wechat";
      /** The buyer's openid under the cinema's AppID (the buyer site's OAuth). */
      openid: string;
      clientIp: string;
    }
  | {
      /** Alipay WAP pay: the buyer's browser is sent to Alipay's cashier (outside WeChat only). */
      method: "alipay";
      /** Where Alipay's cashier sends the buyer back (return_url / quit_url). */
      returnUrl: string;
      clientIp: string;
    };

/** Which method a stored payment was made with (its `provider` column). */
export const methodOf = (provider: string): PayMethod => (provider === "alipay" ? "alipay" : "wechat");

/** The route a notify arrived on: WeChat v3, WeChat v2 or Alipay. */
export type NotifyChannel = "v3" | "v2" | "alipay";

/** Why a paid payment is handed back rather than kept for its order. */
export type RefundReason =
  | "vendor_failed"
  | "order_refunded"
  | "amount_mismatch"
  | "late_payment"
  | "duplicate_payment"
  | "order_not_payable";

/** What the payment step of a paid order learns from the payments (orders/steps/take-payment.ts). */
export type PaymentProgress =
  /** This payment is the order's money: the saga may go on to the vendor. */
  | { kind: "paid"; payment: PaymentRow }
  /** Nothing usable paid yet; the open trade was made at `createdAt` (the query timetable counts from it). */
  | { kind: "waiting"; createdAt: number }
  /** No open trade and nothing paid: the buyer has not started paying (or gave up). */
  | { kind: "none" };

const UNAVAILABLE: Record<PayMethod, { zh: string; en: string }> = {
  wechat: { zh: "该影院暂不支持微信支付", en: "this cinema cannot take WeChat payment right now" },
  alipay: { zh: "该影院暂不支持支付宝支付", en: "this cinema cannot take Alipay payment right now" },
};

/** The outcomes of verified Alipay notifies we refused: they fix no seller and mark no notify_id as acted on. */
const ALIPAY_REFUSED = ["wrong_seller", "transaction_mismatch", "unknown_trade"];

const unavailable = (method: PayMethod) =>
  new DomainError("CONFLICT", `${UNAVAILABLE[method].zh} / ${UNAVAILABLE[method].en}`, {
    reason: "payment_unavailable",
    message: { "zh-CN": UNAVAILABLE[method].zh, en: UNAVAILABLE[method].en },
  });

/**
 * The money side of the buyer site's orders: makes the provider trade for an order, learns that it
 * was paid (a verified notify, or our own query), decides whether a paid trade is the order's money
 * or must go back (late, duplicate, wrong amount), and drives every refund on its timetable until
 * it succeeds or a person must decide (FLAGGED). The order saga's payment step
 * (orders/steps/take-payment.ts) asks it; it never moves an order itself except LOCKED → CONFIRMING
 * when the money is in, and it wakes the order's workflow when something the saga waits for happens.
 */
export class PaidOrders {
  readonly store: PaymentStore;
  private scheduler: StepScheduler | undefined;

  constructor(private readonly deps: PaidOrdersDeps) {
    this.store = new PaymentStore(deps.db, () => deps.clock.now());
  }

  /** The order workflow's scheduler, to wake an order when its payment or refund settles. */
  bindScheduler(scheduler: StepScheduler): void {
    this.scheduler = scheduler;
  }

  private now(): number {
    return this.deps.clock.now();
  }

  /** The notify URL a cinema's provider is given (no query string: payments.md §1.2). */
  notifyUrl(cinemaId: string, channel: NotifyChannel): string {
    const path = channel === "alipay" ? "alipay" : `wechat/${channel}`;
    return `${this.deps.publicBaseUrl().replace(/\/+$/, "")}/payments/${path}/notify/${encodeURIComponent(cinemaId)}`;
  }

  private static channelOf(kind: PaymentProvider["kind"]): NotifyChannel {
    return kind === "alipay" ? "alipay" : kind === "wechat_v2" ? "v2" : "v3";
  }

  /** The cinema's provider for a method, or a reason there is none (never thrown as a 500). */
  async provider(
    cinemaId: string,
    method: PayMethod = "wechat",
  ): Promise<{ ok: true; provider: PaymentProvider } | { ok: false; reason: string }> {
    const record = await this.deps.settings.get(cinemaId);
    if (method === "alipay") {
      let opened: ReturnType<typeof openAlipay>;
      try {
        opened = openAlipay(storedOf(record.document), this.deps.box);
      } catch (err) {
        return { ok: false, reason: `the stored secrets cannot be opened: ${(err as Error).message}` };
      }
      if (!opened) return { ok: false, reason: "no Alipay app is configured" };
      const built = alipayProvider(opened, {
        clock: this.deps.clock,
        ...(this.deps.recorder ? { recorder: this.deps.recorder } : {}),
        ...(this.deps.alipayGatewayUrl ? { defaultGatewayUrl: this.deps.alipayGatewayUrl } : {}),
        timeoutMs: 5000,
      });
      if (!built.ok) {
        return { ok: false, reason: built.reason ?? `the Alipay configuration lacks ${built.missing.join(", ")}` };
      }
      return { ok: true, provider: built.provider };
    }
    let opened: ReturnType<typeof openWechat>;
    try {
      opened = openWechat(storedOf(record.document), this.deps.box);
    } catch (err) {
      return { ok: false, reason: `the stored secrets cannot be opened: ${(err as Error).message}` };
    }
    if (!opened) return { ok: false, reason: "no WeChat merchant is configured" };
    const built = wechatProvider(opened, {
      clock: this.deps.clock,
      ...(this.deps.recorder ? { recorder: this.deps.recorder } : {}),
      ...(this.deps.wechatPayBaseUrl ? { defaultBaseUrl: this.deps.wechatPayBaseUrl } : {}),
      timeoutMs: 5000,
    });
    if (!built.ok) {
      return {
        ok: false,
        reason: built.reason ?? `the WeChat merchant configuration lacks ${built.missing.join(", ")}`,
      };
    }
    return { ok: true, provider: built.provider };
  }

  private async withProvider<T>(payment: PaymentRow, work: (p: PaymentProvider) => Promise<T>): Promise<T | undefined> {
    const p = await this.provider(payment.cinema_id, methodOf(payment.provider));
    if (!p.ok) return undefined;
    try {
      return await work(p.provider);
    } finally {
      await p.provider.dispose();
    }
  }

  /**
   * The buyer wants to pay a LOCKED order: makes (or, on a second call, returns) the order's open
   * trade, due no later than the lock's end, and the parameters the buyer's page hands to WeChat.
   * The order is marked as one whose money the platform takes, and its workflow is woken on the
   * query timetable so a lost notify is found.
   */
  async startPayment(orderId: string, input: StartPaymentInput): Promise<{ outTradeNo: string; payParams: PayParams }> {
    const order = await this.deps.orders.get(orderId);
    if (!order) throw new DomainError("NOT_FOUND", "no such order");
    const now = this.now();
    if (order.status !== "LOCKED" || !order.locked_until || order.locked_until.getTime() <= now) {
      throw new DomainError("ORDER_STATE_CONFLICT", `order is ${order.status}; only a LOCKED order can be paid`);
    }
    const method: PayMethod | undefined =
      input.method === "wechat" ? "wechat" : input.method === "alipay" ? "alipay" : undefined;
    if (method === "wechat" && !(input as { openid?: string }).openid) {
      throw new DomainError("VALIDATION_FAILED", "method wechat needs the buyer's openid", {
        errors: [{ path: "/openid", message: "required" }],
      });
    }
    if (method === "alipay" && !/^https?:\/\/\S{1,400}$/.test((input as { returnUrl?: string }).returnUrl ?? "")) {
      throw new DomainError("VALIDATION_FAILED", "method alipay needs the http(s) returnUrl of the buyer's page", {
        errors: [{ path: "/returnUrl", message: "an http(s) URL is required" }],
      });
    }
    if (!method) {
      throw new DomainError("VALIDATION_FAILED", "method must be wechat or alipay", {
        errors: [{ path: "/method", message: "must be wechat or alipay" }],
      });
    }
    const p = await this.provider(order.cinema_id, method);
    if (!p.ok) throw unavailable(method);
    try {
      let open = (await this.store.forOrder(orderId)).find((x) => x.state === "CREATED");
      // The buyer switched method: the other trade is closed first (one open trade per order). If
      // its money still arrives, it is a duplicate payment and goes back.
      if (open && methodOf(open.provider) !== method) {
        if (!(await this.closeOne(open))) {
          throw new DomainError(
            "ORDER_STATE_CONFLICT",
            "the order's other payment could not be closed yet; try again",
            {
              reason: "payment_open",
            },
          );
        }
        open = undefined;
      }
      if (open?.pay_params) {
        return { outTradeNo: open.out_trade_no, payParams: readJson<PayParams>(open.pay_params) };
      }
      const payment = open ?? (await this.newPayment(order, p.provider, input));
      const { openidSealed, ...stored } = readJson<{
        outTradeNo: string;
        description: string;
        amountFen: number;
        openidSealed?: string;
        expiresAt: number;
        notifyUrl: string;
        clientIp: string;
        attach: string;
        returnUrl?: string;
      }>(payment.request);
      // A retry re-enters with the identical request (§1.2), the openid opened only for the call.
      const created = await p.provider.create({
        ...stored,
        ...(openidSealed ? { openid: this.deps.box.open(openidSealed) } : {}),
      });
      if (!created.ok) {
        await this.store.update(payment.id, { last_error: `${created.error.code}: ${created.error.message}` });
        if (created.error.code === "config_error" || created.error.code === "auth_failed") throw unavailable(method);
        // Nothing the buyer can fix: the same call re-enters with identical parameters (§1.2).
        throw new DomainError(
          "VENDOR_UNAVAILABLE",
          method === "alipay"
            ? "支付宝暂时无法下单，请稍后再试 / Alipay cannot take the order now; try again"
            : "微信支付暂时无法下单，请稍后再试 / WeChat Pay cannot take the order now; try again",
          {
            reason: created.error.code,
          },
        );
      }
      await this.store.update(payment.id, { pay_params: JSON.stringify(created.value.payParams), last_error: null });
      await this.scheduler?.schedule(order.id, now);
      return { outTradeNo: payment.out_trade_no, payParams: created.value.payParams };
    } finally {
      await p.provider.dispose();
    }
  }

  private async newPayment(order: OrderRow, provider: PaymentProvider, input: StartPaymentInput): Promise<PaymentRow> {
    // 26 characters of [a-z0-9]: inside every provider's out_trade_no rule (payments.md §1.2).
    const outTradeNo = `cg${randomBytes(12).toString("hex")}`;
    const expiresAt = order.locked_until!.getTime();
    const request = {
      outTradeNo,
      description: `电影票 ${order.id.slice(0, 12)}`,
      amountFen: order.total_fen,
      // Sealed at rest like the merchant secrets: an openid identifies a person under the cinema's AppID.
      ...(input.method === "wechat" ? { openidSealed: this.deps.box.seal(input.openid) } : {}),
      // Alipay: the pay URL dies at time_expire = this deadline, and the cashier returns the buyer here.
      ...(input.method === "alipay" ? { returnUrl: input.returnUrl } : {}),
      expiresAt,
      notifyUrl: this.notifyUrl(order.cinema_id, PaidOrders.channelOf(provider.kind)),
      clientIp: input.clientIp,
      attach: order.id.slice(0, 120),
    };
    return this.deps.db.transaction().execute(async (trx) => {
      await trx.updateTable("orders").set({ takes_payment: true }).where("id", "=", order.id).execute();
      const row = await this.store.insert(
        {
          order_id: order.id,
          cinema_id: order.cinema_id,
          provider: provider.kind,
          out_trade_no: outTradeNo,
          amount_fen: order.total_fen,
          state: "CREATED",
          expires_at: new Date(expiresAt),
          request: JSON.stringify(request),
        },
        trx,
      );
      await this.deps.orders.event(trx, order.id, "payment.created", "buyer", {
        outTradeNo,
        amountFen: order.total_fen,
        provider: provider.kind,
      });
      return row;
    });
  }

  // ── learning that a trade was paid ──────────────────────────────────────────────────────────

  /**
   * Records what the provider says of a trade (notify or query). A paid trade moves CREATED (or
   * CLOSED, a close that lost the race) → PAID once; a repeat changes nothing. Returns the payment
   * as it is now, and whether this call made it paid.
   */
  async recordTrade(payment: PaymentRow, trade: TradeView): Promise<{ payment: PaymentRow; newlyPaid: boolean }> {
    if (trade.state !== "paid" && trade.state !== "refunded") return { payment, newlyPaid: false };
    if (wasPaid(payment.state)) return { payment, newlyPaid: false };
    const set = {
      transaction_id: trade.transactionId ?? null,
      paid_fen: trade.paidFen ?? trade.amountFen,
      paid_at: new Date(trade.paidAt ?? this.now()),
      payer_masked: maskPayer(trade.payerId),
    };
    const moved =
      (await this.store.move(payment.id, payment.state === "CLOSED" ? "CLOSED" : "CREATED", "PAID", set)) ?? undefined;
    if (!moved) return { payment: (await this.store.get(payment.id))!, newlyPaid: false };
    await this.deps.orders.event(this.deps.db, payment.order_id, "payment.paid", "payments", {
      outTradeNo: payment.out_trade_no,
      paidFen: set.paid_fen,
      transactionId: set.transaction_id,
    });
    return { payment: moved, newlyPaid: true };
  }

  /**
   * Decides what a paid payment is for: the order's money (its order waits, LOCKED, for exactly
   * this amount, and has no other), or money to give back. Safe to repeat.
   */
  async settle(payment: PaymentRow): Promise<"kept" | "for_order" | RefundReason> {
    if (!wasPaid(payment.state)) return "kept";
    const order = await this.deps.orders.get(payment.order_id);
    if (!order) return "kept";
    const confirmedWith = order.payment ? readJson<{ tradeNo?: string }>(order.payment).tradeNo : undefined;
    if (confirmedWith === payment.out_trade_no) return "kept";
    if (payment.state !== "PAID")
      return ((await this.store.refundOf(payment.id))?.reason ?? "late_payment") as RefundReason;
    let reason: RefundReason | undefined;
    if (payment.paid_fen !== order.total_fen) reason = "amount_mismatch";
    else if (confirmedWith !== undefined) reason = "duplicate_payment";
    else if (order.status === "LOCKED" && order.takes_payment) {
      // The order's money: the payment step moves the order on. Wake it now.
      await this.scheduler?.schedule(order.id, this.now());
      return "for_order";
    } else if (isFinal(order.status)) reason = "late_payment";
    else reason = "order_not_payable";
    await this.refund(payment, reason);
    return reason;
  }

  /** Starts giving a paid payment back (idempotent) and makes the first attempt. */
  async refund(payment: PaymentRow, reason: RefundReason): Promise<RefundRow> {
    const current = (await this.store.get(payment.id))!;
    if (current.state === "PAID") {
      const moved = await this.store.move(current.id, "PAID", "REFUNDING");
      if (moved) {
        await this.deps.orders.event(this.deps.db, current.order_id, "payment.refund.started", "payments", {
          outTradeNo: current.out_trade_no,
          reason,
          amountFen: current.paid_fen,
        });
      }
    }
    const refund = await this.store.ensureRefund(current, reason);
    return this.driveRefund(refund.id);
  }

  // ── the order step's questions ─────────────────────────────────────────────────────────────

  /**
   * Where the order's payment stands for its payment step: a paid payment of the right amount, or
   * when to look again. An open trade is queried (a lost notify); paid trades that cannot be the
   * order's money are sent back here too.
   */
  async progress(order: OrderRow, queryNow: boolean): Promise<PaymentProgress> {
    let payments = await this.store.forOrder(order.id);
    if (queryNow) {
      for (const p of payments.filter((x) => x.state === "CREATED")) await this.query(p);
      payments = await this.store.forOrder(order.id);
    }
    const confirmedWith = order.payment ? readJson<{ tradeNo?: string }>(order.payment).tradeNo : undefined;
    const kept = payments.find((p) => p.out_trade_no === confirmedWith && wasPaid(p.state));
    if (kept) return { kind: "paid", payment: kept };
    const good = payments.find((p) => p.state === "PAID" && p.paid_fen === order.total_fen);
    for (const p of payments) if (p.state === "PAID" && p !== good) await this.settle(p);
    if (good) return { kind: "paid", payment: good };
    const open = payments.find((p) => p.state === "CREATED");
    return open ? { kind: "waiting", createdAt: open.created_at.getTime() } : { kind: "none" };
  }

  /** Asks the provider for the trade and records it (our own query when a notify is lost). */
  async query(payment: PaymentRow): Promise<PaymentRow> {
    const res = await this.withProvider(payment, (p) => p.query(payment.out_trade_no));
    // `not_found` is "not paid yet" for Alipay (no trade until the buyer reaches the cashier, and
    // the pay URL lives until time_expire) and for WeChat a trade it lost: nothing to record.
    if (!res?.ok) return payment;
    const { payment: now } = await this.recordTrade(payment, res.value);
    if (res.value.state === "closed" && now.state === "CREATED") {
      return (await this.store.move(now.id, "CREATED", "CLOSED")) ?? now;
    }
    return now;
  }

  /**
   * Closes the order's unpaid trades (the lock ended or the order was cancelled). A trade the
   * provider says is already paid is recorded as paid and settled (a late payment goes back).
   */
  async closeOpen(orderId: string): Promise<void> {
    for (const p of await this.store.forOrder(orderId)) {
      if (p.state === "CREATED") await this.closeOne(p);
    }
  }

  /**
   * Closes one open trade; true when it is CLOSED on our side. An Alipay trade the buyer never
   * brought to the cashier does not exist (`not_found`), so nothing can be closed: it is CLOSED on
   * our side only, and since its pay URL stays payable until time_expire, money that still arrives
   * (notify, or a query) moves it CLOSED → PAID and it goes back like any late payment.
   */
  private async closeOne(p: PaymentRow): Promise<boolean> {
    const res = await this.withProvider(p, (prov) => prov.close(p.out_trade_no));
    const neverMade = p.provider === "alipay" && res !== undefined && !res.ok && res.error.code === "not_found";
    if (res?.ok || neverMade) {
      const closed = await this.store.move(p.id, "CREATED", "CLOSED");
      if (closed)
        await this.deps.orders.event(this.deps.db, p.order_id, "payment.closed", "payments", {
          outTradeNo: p.out_trade_no,
          ...(neverMade ? { neverAtCashier: true, payableUntil: p.expires_at.toISOString() } : {}),
        });
      return closed !== undefined || (await this.store.get(p.id))?.state === "CLOSED";
    }
    // order_paid, or no answer: only the query says what happened.
    const q = await this.query(p);
    if (q.state === "PAID") await this.settle(q);
    return q.state === "CLOSED";
  }

  /** The payment this order was confirmed with, for the saga's compensation. */
  async confirmedPayment(order: OrderRow): Promise<PaymentRow | undefined> {
    const tradeNo = order.payment ? readJson<{ tradeNo?: string }>(order.payment).tradeNo : undefined;
    return tradeNo ? this.store.byOutTradeNo(tradeNo) : undefined;
  }

  /** Every paid payment of the order is back with the buyer. */
  async repaid(orderId: string): Promise<boolean> {
    const payments = (await this.store.forOrder(orderId)).filter((p) => wasPaid(p.state));
    return payments.length > 0 && payments.every((p) => p.state === "REFUNDED");
  }

  // ── refunds ────────────────────────────────────────────────────────────────────────────────

  /**
   * One attempt at a refund, if due: ask (PENDING) or look how it went (PROCESSING); a refusal
   * waits its turn on the timetable (timetables.ts REFUND_RETRY) and, when that is used up, the
   * refund is FLAGGED for a person. Safe to repeat: the same out_refund_no is the provider's key.
   */
  async driveRefund(refundId: string): Promise<RefundRow> {
    let refund = (await this.deps.db
      .selectFrom("payment_refunds")
      .selectAll()
      .where("id", "=", refundId)
      .executeTakeFirstOrThrow()) as RefundRow;
    const now = this.now();
    if (refund.state === "SUCCEEDED" || refund.state === "FLAGGED") return refund;
    if (refund.next_at && refund.next_at.getTime() > now) return refund;
    const payment = (await this.store.get(refund.payment_id))!;
    const p = await this.provider(payment.cinema_id, methodOf(payment.provider));
    if (!p.ok) return this.refundRefused(refund, `no provider: ${p.reason}`);
    try {
      if (refund.state === "PENDING") {
        const res = await p.provider.refund({
          outTradeNo: payment.out_trade_no,
          outRefundNo: refund.out_refund_no,
          refundFen: refund.amount_fen,
          totalFen: payment.paid_fen ?? payment.amount_fen,
          reason: "出票失败或重复支付，自动退款",
          // Alipay sends no refund notify (payments.md §4): its refund is settled by our query below.
          notifyUrl: this.notifyUrl(payment.cinema_id, PaidOrders.channelOf(p.provider.kind)),
        });
        if (!res.ok)
          return this.refundRefused(refund, `${res.error.providerCode ?? res.error.code}: ${res.error.message}`);
        if (res.value.state === "succeeded") return this.refundSucceeded(refund, "PENDING", res.value.refundId);
        refund =
          (await this.store.moveRefund(refund.id, "PENDING", "PROCESSING", {
            attempts: refund.attempts + 1,
            refund_id: res.value.refundId ?? null,
            next_at: new Date(now + REFUND_RETRY.pollEveryMs),
            last_error: null,
          })) ?? refund;
        return refund;
      }
      const res = await p.provider.queryRefund(refund.out_refund_no, payment.out_trade_no);
      if (!res.ok && res.error.code === "not_found") {
        // The provider never received the refund (an answer lost on the way): ask again, same number.
        return (
          (await this.store.moveRefund(refund.id, "PROCESSING", "PENDING", {
            next_at: new Date(now),
            last_error: "the provider has no such refund",
          })) ?? refund
        );
      }
      if (res.ok && res.value.state === "succeeded")
        return this.refundSucceeded(refund, "PROCESSING", res.value.refundId);
      if (res.ok && res.value.state === "closed") {
        return (
          (await this.store.moveRefund(refund.id, "PROCESSING", "PENDING", {
            next_at: new Date(now),
            last_error: "the provider closed the refund",
          })) ?? refund
        );
      }
      if (
        (res.ok && res.value.state === "abnormal") ||
        now - refund.created_at.getTime() > REFUND_RETRY.settleWithinMs
      ) {
        return this.flag(
          refund,
          "PROCESSING",
          res.ok ? "the refund went ABNORMAL (the buyer's account)" : "the refund never settled",
        );
      }
      return this.store.updateRefund(refund.id, { next_at: new Date(now + REFUND_RETRY.pollEveryMs) });
    } finally {
      await p.provider.dispose();
    }
  }

  /** Drives every refund whose attempt is due (the minute job; tests call it after moving the clock). */
  async driveDueRefunds(): Promise<number> {
    const due = await this.store.dueRefunds();
    for (const r of due) await this.driveRefund(r.id);
    return due.length;
  }

  private async refundRefused(refund: RefundRow, error: string): Promise<RefundRow> {
    const attempts = refund.attempts + 1;
    const next = nextRefundAttempt(attempts, this.now());
    if (next === "flag") return this.flag({ ...refund, attempts }, "PENDING", error);
    return this.store.updateRefund(refund.id, { attempts, last_error: error.slice(0, 500), next_at: new Date(next) });
  }

  private async flag(refund: RefundRow, from: "PENDING" | "PROCESSING", error: string): Promise<RefundRow> {
    const row =
      (await this.store.moveRefund(refund.id, from, "FLAGGED", {
        attempts: refund.attempts,
        flagged: true,
        last_error: error.slice(0, 500),
        next_at: null,
      })) ?? refund;
    const payment = (await this.store.get(refund.payment_id))!;
    await this.deps.orders.event(this.deps.db, payment.order_id, "payment.refund.flagged", "payments", {
      outRefundNo: refund.out_refund_no,
      attempts: refund.attempts,
      error: error.slice(0, 200),
    });
    await this.wake(payment.order_id);
    return row;
  }

  private async refundSucceeded(
    refund: RefundRow,
    from: "PENDING" | "PROCESSING",
    refundId: string | undefined,
  ): Promise<RefundRow> {
    const row = await this.store.moveRefund(refund.id, from, "SUCCEEDED", {
      ...(from === "PENDING" ? { attempts: refund.attempts + 1 } : {}),
      ...(refundId ? { refund_id: refundId } : {}),
      succeeded_at: new Date(this.now()),
      next_at: null,
      last_error: null,
    });
    if (!row) return (await this.store.refundByNo(refund.out_refund_no))!;
    const payment = (await this.store.get(refund.payment_id))!;
    await this.store.move(payment.id, "REFUNDING", "REFUNDED");
    await this.deps.orders.event(this.deps.db, payment.order_id, "payment.refunded", "payments", {
      outTradeNo: payment.out_trade_no,
      outRefundNo: refund.out_refund_no,
      amountFen: refund.amount_fen,
      reason: refund.reason,
    });
    // An order that ended without its tickets shows the buyer was repaid (API.md `repaid`).
    const order = await this.deps.orders.get(payment.order_id);
    if (order && isFinal(order.status) && order.status !== "REFUNDED" && (await this.repaid(order.id))) {
      await this.deps.orders.update(order.id, { repaid: true });
      const updated = await this.deps.orders.get(order.id);
      if (updated) this.deps.orders.notify(updated);
    }
    await this.wake(payment.order_id);
    return row;
  }

  /** The order's saga may be waiting for this: run its step now. */
  private async wake(orderId: string): Promise<void> {
    const order = await this.deps.orders.get(orderId);
    if (order && !isFinal(order.status)) await this.scheduler?.schedule(orderId, this.now());
  }

  // ── notifies ───────────────────────────────────────────────────────────────────────────────

  /**
   * A notify as received on `/payments/wechat/{v3|v2}/notify/{cinemaId}`: verified with the
   * cinema's keys, recorded whatever it is, acted on once (a replay or duplicate changes nothing),
   * and answered exactly as the provider documents. Never throws.
   */
  async handleNotify(cinemaId: string, version: NotifyChannel, notify: IncomingNotify): Promise<NotifyAnswer> {
    const kind = version === "alipay" ? "alipay" : version === "v3" ? "wechat_v3" : "wechat_v2";
    const p = await this.provider(cinemaId, version === "alipay" ? "alipay" : "wechat");
    if (!p.ok) {
      await this.store.recordNotify({
        cinemaId,
        provider: kind,
        verified: false,
        outcome: "no_config",
        detail: { reason: p.reason },
      });
      // The documented refusal of the version asked for, without a provider to render it.
      if (version === "alipay") return { status: 200, contentType: "text/plain", body: "failure" };
      return version === "v3"
        ? { status: 500, contentType: "application/json", body: JSON.stringify({ code: "FAIL", message: "失败" }) }
        : {
            status: 200,
            contentType: "text/xml",
            body: "<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[not configured]]></return_msg></xml>",
          };
    }
    const provider = p.provider;
    try {
      if (provider.kind !== kind) {
        await this.store.recordNotify({ cinemaId, provider: kind, verified: false, outcome: "wrong_version" });
        return provider.notifyAnswer(false);
      }
      const v = await provider.verifyNotify(notify);
      if (!v.ok) {
        await this.store.recordNotify({
          cinemaId,
          provider: kind,
          verified: false,
          outcome: v.error.code === "bad_signature" ? "bad_signature" : "invalid",
          detail: { error: v.error.message.slice(0, 200) },
        });
        return provider.notifyAnswer(false);
      }
      const notice = v.value;
      if (notice.kind === "payment") {
        const trade = notice.trade;
        const payment = await this.store.byOutTradeNo(trade.outTradeNo);
        const base = {
          cinemaId,
          provider: kind,
          verified: true,
          notifyId: notice.notifyId,
          outTradeNo: trade.outTradeNo,
        };
        if (!payment || payment.cinema_id !== cinemaId || methodOf(payment.provider) !== methodOf(kind)) {
          await this.store.recordNotify({ ...base, outcome: "unknown_trade" });
          // Answered as refused so the provider keeps the record of an undelivered notify for support.
          return provider.notifyAnswer(false);
        }
        if (kind === "alipay") return await this.alipayPayment(provider, payment, notice.notifyId, trade, base);
        const { payment: after, newlyPaid } = await this.recordTrade(payment, trade);
        // Acted on once: a replay or duplicate of a recorded payment changes nothing.
        const settled = newlyPaid ? await this.settle(after) : undefined;
        await this.store.recordNotify({
          ...base,
          outcome: !wasPaid(after.state)
            ? "not_paid"
            : !newlyPaid
              ? "duplicate"
              : settled === "for_order" || settled === "kept"
                ? "paid"
                : settled === "amount_mismatch"
                  ? "amount_mismatch"
                  : `paid_refunding_${settled}`,
          detail: { state: trade.providerState, paidFen: trade.paidFen ?? null, payer: maskPayer(trade.payerId) },
        });
        return provider.notifyAnswer(true);
      }
      const r = notice.refund;
      const refund = await this.store.refundByNo(r.outRefundNo);
      const base = {
        cinemaId,
        provider: kind,
        verified: true,
        notifyId: notice.notifyId,
        outTradeNo: r.outTradeNo,
        outRefundNo: r.outRefundNo,
      };
      if (!refund) {
        await this.store.recordNotify({ ...base, outcome: "unknown_refund" });
        return provider.notifyAnswer(false);
      }
      const already = refund.state === "SUCCEEDED";
      if (r.state === "succeeded" && !already && (refund.state === "PENDING" || refund.state === "PROCESSING")) {
        await this.refundSucceeded(refund, refund.state, r.refundId);
      }
      await this.store.recordNotify({ ...base, outcome: already ? "duplicate" : `refund_${r.state}` });
      return provider.notifyAnswer(true);
    } catch (err) {
      await this.store
        .recordNotify({
          cinemaId,
          provider: kind,
          verified: false,
          outcome: "error",
          detail: { error: (err as Error).message.slice(0, 200) },
        })
        .catch(() => undefined);
      return provider.notifyAnswer(false);
    } finally {
      await provider.dispose();
    }
  }

  /**
   * An Alipay trade notice, verified (signature and app_id: AlipayClient.verifyNotify). Alipay
   * repeats one notice with the same notify_id until it reads `success`, so a notify_id already
   * acted on, or a trade number other than the one recorded, changes nothing. The seller (PID)
   * must be the cinema's configured seller PID or, when none is configured, the one this cinema's
   * earlier notices named (the first verified notice fixes it). `WAIT_BUYER_PAY` is not a payment; `TRADE_CLOSED` with a payment
   * time is the trade refunded in full (it settles our refund if one is under way). A total other
   * than the payment's is recorded as paid and sent straight back (amount_mismatch).
   */
  private async alipayPayment(
    provider: PaymentProvider,
    payment: PaymentRow,
    notifyId: string | undefined,
    trade: TradeView,
    base: { cinemaId: string; provider: string; verified: boolean; notifyId?: string; outTradeNo: string },
  ): Promise<NotifyAnswer> {
    const detail = {
      state: trade.providerState,
      totalFen: trade.amountFen,
      paidFen: trade.paidFen ?? null,
      seller: trade.mchId ?? null,
      appId: trade.appId ?? null,
      payer: maskPayer(trade.payerId),
    };
    const record = async (outcome: string) => this.store.recordNotify({ ...base, outcome, detail });
    const seller = await this.knownAlipaySeller(payment.cinema_id, trade.appId);
    if (!trade.mchId || (seller !== undefined && seller !== trade.mchId)) {
      await record("wrong_seller");
      return provider.notifyAnswer(false);
    }
    if (payment.transaction_id && trade.transactionId && payment.transaction_id !== trade.transactionId) {
      await record("transaction_mismatch");
      return provider.notifyAnswer(false);
    }
    if (notifyId && (await this.alipayNotifySeen(notifyId))) {
      await record("duplicate");
      return provider.notifyAnswer(true);
    }
    if (trade.state !== "paid" && trade.state !== "refunded") {
      await record("not_paid");
      return provider.notifyAnswer(true);
    }
    const { payment: after, newlyPaid } = await this.recordTrade(payment, trade);
    let outcome: string;
    if (trade.amountFen !== payment.amount_fen || after.paid_fen !== payment.amount_fen) {
      // Never issued: whatever was paid goes back (settle would keep a total the order happens to match).
      if (after.state === "PAID") await this.refund(after, "amount_mismatch");
      outcome = "amount_mismatch";
    } else if (newlyPaid) {
      const settled = await this.settle(after);
      outcome = settled === "for_order" || settled === "kept" ? "paid" : `paid_refunding_${settled}`;
    } else outcome = "duplicate";
    if (trade.state === "refunded") {
      const refund = await this.store.refundOf(payment.id);
      if (refund && (refund.state === "PENDING" || refund.state === "PROCESSING")) {
        await this.refundSucceeded(refund, refund.state, undefined);
        outcome = "refund_succeeded";
      } else if (refund?.state !== "SUCCEEDED") {
        // Refunded in full at Alipay by no refund of ours (the merchant's console): support must look.
        outcome = "refunded_elsewhere";
      }
    }
    await record(outcome);
    return provider.notifyAnswer(true);
  }

  /**
   * The seller PID configured for this app, else the one this cinema's accepted notices for this
   * app have named (none yet: undefined).
   * Per app, so a cinema that moves to another Alipay account starts afresh.
   */
  private async knownAlipaySeller(cinemaId: string, appId: string | undefined): Promise<string | undefined> {
    // A seller PID entered in the cinema's configuration wins over what earlier notices said.
    const configured = storedOf((await this.deps.settings.get(cinemaId)).document)?.alipay;
    if (configured?.sellerId && configured.appId === appId) return configured.sellerId;
    const rows = await this.acceptedAlipayNotifies()
      .where("cinema_id", "=", cinemaId)
      .orderBy("id", "desc")
      .limit(50)
      .execute();
    for (const row of rows) {
      const d = readJson<{ seller?: unknown; appId?: unknown }>(row.detail);
      if (d.appId === appId && typeof d.seller === "string" && d.seller !== "") return d.seller;
    }
    return undefined;
  }

  /** An Alipay notify_id we already accepted (Alipay repeats a notice under the same id). */
  private async alipayNotifySeen(notifyId: string): Promise<boolean> {
    return (await this.acceptedAlipayNotifies().where("notify_id", "=", notifyId).executeTakeFirst()) !== undefined;
  }

  /** Verified Alipay notifies we did not refuse: the ones that say who the seller is, and what was acted on. */
  private acceptedAlipayNotifies() {
    return this.deps.db
      .selectFrom("payment_notifies")
      .select(["id", "detail"])
      .where("provider", "=", "alipay")
      .where("verified", "=", true)
      .where("outcome", "not in", ALIPAY_REFUSED);
  }
}
