import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/domain-error.js";
import { createOrderDeps } from "../../src/orders/deps.js";
import { sweep } from "../../src/orders/runner.js";
import { OrderWorkflow } from "../../src/orders/workflow.js";
import { PaidOrders } from "../../src/payments/paid-orders.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { createOrder, freeNormalSeats, sellableShowtime } from "../orders/harness.js";
import { TEST_ADMIN_TOKEN, TEST_MASTER_KEY } from "../support/app.js";
import {
  buyer,
  driveUntil,
  lockedPaidOrder,
  notifiesSettled,
  orderView,
  type PaidWorld,
  paidWorld,
  paymentsOf,
  refundsOf,
  simTrades,
} from "./saga-harness.js";
import { control } from "./wechatpay-sim-controls.js";

/**
 * The paid-order saga over real HTTP (issue 15 §3): the buyer site's order is locked, paid through
 * the WeChat Pay simulator (v3, public-key mode), told by a verified notify or found by our own
 * query, confirmed at the vendor (ykse simulator) and issued — or its money goes back. Time moves
 * on the one injected clock the simulators and the platform share.
 */
let pw: PaidWorld;
let seat = 0;

beforeAll(async () => {
  pw = await paidWorld("ykse");
}, 120_000);
afterAll(() => pw?.close());
afterEach(async () => {
  pw.w.sims.faults.ykse.reset();
  await control(pw.pay, "POST", "/faults/reset", {});
  await control(pw.pay, "PATCH", `/merchants/${pw.pay.demo.mchId}`, { balanceFen: 1_000_000_000 });
});

/** The payment notifies recorded for a trade (refund notifies carry an out_refund_no as well). */
const notifyRows = (outTradeNo: string) =>
  pw.w.t.db
    .selectFrom("payment_notifies")
    .selectAll()
    .where("out_trade_no", "=", outTradeNo)
    .where("out_refund_no", "is", null)
    .orderBy("id")
    .execute();

const isFinalStatus = (o: { status: string; needsAttention?: boolean }) =>
  ["ISSUED", "FAILED", "EXPIRED", "CANCELLED", "REFUNDED"].includes(o.status) || o.needsAttention === true;

describe("paid-order saga (WeChat Pay v3 simulator, ykse)", () => {
  it("pay → verified notify → confirmed at the vendor → ISSUED, the payment kept", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay");
    await notifiesSettled(pw, outTradeNo);
    // The notify alone made it paid (no query has run yet: no step ran since the trade was made).
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("PAID");
    expect((await notifyRows(outTradeNo)).map((n) => [n.verified, n.outcome])).toEqual([[true, "paid"]]);
    const final = await driveUntil(pw, order.id, (o) => o.status === "ISSUED");
    expect(final.status).toBe("ISSUED");
    expect(final.paidFen).toBe(order.totalFen);
    expect(final.tickets.length).toBe(1);
    const [p] = await paymentsOf(pw, order.id);
    expect(p).toMatchObject({ state: "PAID", paid_fen: order.totalFen, out_trade_no: outTradeNo });
    expect(p!.payer_masked).toMatch(/^\w{4}\*{4}\w{4}$/);
    expect(await refundsOf(pw, order.id)).toEqual([]);
  });

  it("a duplicated notify (WeChat delivers it twice) changes nothing the second time: one ticket", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay_twice");
    await notifiesSettled(pw, outTradeNo, 2);
    const outcomes = (await notifyRows(outTradeNo)).map((n) => n.outcome).sort();
    expect(outcomes).toEqual(["duplicate", "paid"]);
    const final = await driveUntil(pw, order.id, isFinalStatus);
    expect(final.status).toBe("ISSUED");
    expect(final.tickets.length).toBe(1);
    const vendorCalls = await pw.w.t.db
      .selectFrom("order_steps")
      .select("action")
      .where("order_id", "=", order.id)
      .where("action", "=", "confirm")
      .execute();
    expect(vendorCalls.length).toBe(1);
    expect(await refundsOf(pw, order.id)).toEqual([]);
  });

  it("a lost notify: our own query on the timetable finds the payment, and the order is ISSUED", async () => {
    await control(pw.pay, "PUT", "/payment-faults", { notifyLostRate: 1 });
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay");
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("CREATED");
    const final = await driveUntil(pw, order.id, isFinalStatus, 5);
    expect(final.status).toBe("ISSUED");
    expect(await notifyRows(outTradeNo)).toEqual([]);
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("PAID");
  });

  it("a notify with a bad signature is refused (FAIL), recorded, and changes nothing", async () => {
    await control(pw.pay, "PUT", "/payment-faults", { signature: "wrong_key", signatureScope: "notifies" });
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay");
    const [delivery] = await notifiesSettled(pw, outTradeNo);
    expect(delivery.state).toBe("pending"); // refused: WeChat will retry on its schedule
    expect(await notifyRows(outTradeNo)).toEqual([]);
    // A bad signature means its content is never read: the row carries no trade number…
    const bad = await pw.w.t.db
      .selectFrom("payment_notifies")
      .selectAll()
      .where("outcome", "=", "bad_signature")
      .execute();
    expect(bad.length).toBeGreaterThanOrEqual(1);
    expect(bad.every((n) => !n.verified)).toBe(true);
    // …and nothing moved: the payment is still open, the order still LOCKED.
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("CREATED");
    expect((await orderView(pw, order.id)).status).toBe("LOCKED");
  });

  it("the vendor FAILS the issue: the payment is refunded and the order is FAILED with repaid: true", async () => {
    pw.w.sims.faults.ykse.update({ slowIssueMinutes: 40, slowIssueOutcome: "success" });
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay");
    await notifiesSettled(pw, outTradeNo);
    const final = await driveUntil(pw, order.id, isFinalStatus, 25);
    expect(final.status).toBe("FAILED");
    expect(final.repaid).toBe(true);
    const [p] = await paymentsOf(pw, order.id);
    expect(p!.state).toBe("REFUNDED");
    const [r] = await refundsOf(pw, order.id);
    expect(r).toMatchObject({ state: "SUCCEEDED", reason: "vendor_failed", amount_fen: order.totalFen });
    const sim = await simTrades(pw);
    expect(sim.refunds.filter((x) => x.outTradeNo === outTradeNo)).toEqual([
      expect.objectContaining({ refundFen: order.totalFen, status: "SUCCESS" }),
    ]);
  });

  it("the lock ends before anyone pays: the trade is closed and the order EXPIRED", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    const lockedUntil = new Date(order.lockedUntil).getTime();
    pw.w.advance(lockedUntil - pw.now() + 1000);
    // The step wakes at the lock's end (before the sweeper would), closes the trade and ends the order.
    const expired = await driveUntil(pw, order.id, isFinalStatus, 2);
    expect(expired.status).toBe("EXPIRED");
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("CLOSED");
    expect((await simTrades(pw)).trades.find((t) => t.out_trade_no === outTradeNo)?.trade_state).toBe("CLOSED");
  });

  it("a payment that arrives after the lock expired is refunded automatically (repaid: true)", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    // The sweeper expires the order first and its close of the trade fails (WeChat answers 500).
    await control(pw.pay, "PUT", "/faults", { calls: { close: { errorRate: 1 } } });
    pw.w.advance(new Date(order.lockedUntil).getTime() - pw.now() + 1000);
    await sweep(pw.w.t.orders.deps, pw.w.t.orders.workflow, { schedule: async () => {} });
    expect((await orderView(pw, order.id)).status).toBe("EXPIRED");
    await control(pw.pay, "POST", "/faults/reset", {});
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("CREATED");
    // Then the buyer pays anyway (after time_expire: the simulator's "pay late").
    await buyer(pw, outTradeNo, "pay_late");
    await notifiesSettled(pw, outTradeNo);
    const final = await driveUntil(pw, order.id, (o) => o.repaid === true, 5);
    expect(final.status).toBe("EXPIRED");
    expect(final.repaid).toBe(true);
    const [r] = await refundsOf(pw, order.id);
    expect(r).toMatchObject({ state: "SUCCEEDED", reason: "late_payment" });
  });

  it("paid ≠ order total: the payment is refunded and never issued", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    // The trade was made for the order's total; the order's total then differs (as if repriced).
    await pw.w.t.db
      .updateTable("orders")
      .set({ total_fen: order.totalFen + 100 })
      .where("id", "=", order.id)
      .execute();
    await buyer(pw, outTradeNo, "pay");
    await notifiesSettled(pw, outTradeNo);
    expect((await notifyRows(outTradeNo)).map((n) => n.outcome)).toEqual(["amount_mismatch"]);
    const after = await driveUntil(pw, order.id, (o) => o.status !== "LOCKED", 20);
    expect(after.status).toBe("EXPIRED");
    expect(after.tickets).toBeUndefined();
    const [r] = await refundsOf(pw, order.id);
    expect(r).toMatchObject({ state: "SUCCEEDED", reason: "amount_mismatch", amount_fen: order.totalFen });
    expect((await orderView(pw, order.id)).repaid).toBe(true);
  });

  it("a refund the provider keeps refusing is retried on its timetable, then flagged; the order needs a person", async () => {
    pw.w.sims.faults.ykse.update({ slowIssueMinutes: 40, slowIssueOutcome: "success" });
    await control(pw.pay, "PUT", "/payment-faults", { refundRefusal: "NOT_ENOUGH" });
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay");
    await notifiesSettled(pw, outTradeNo);
    const final = await driveUntil(pw, order.id, (o) => o.needsAttention === true, 60 * 6);
    expect(final.needsAttention).toBe(true);
    expect(final.status).toBe("CONFIRMING");
    const [r] = await refundsOf(pw, order.id);
    expect(r).toMatchObject({ state: "FLAGGED", flagged: true, attempts: 6 });
    expect(r!.last_error).toContain("NOT_ENOUGH");
    const row = await pw.w.t.db
      .selectFrom("orders")
      .select("attention_reason")
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(row.attention_reason).toContain("flagged");
    // Support sees it on the admin order page: the payment, its flagged refund, the timeline events.
    const res = await fetch(new URL(`/admin/orders/${order.id}`, pw.w.t.baseUrl), {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const detail = (await res.json()) as {
      payments: Array<{ outTradeNo: string; state: string; payer: string }>;
      refunds: Array<{ state: string; flagged: boolean; attempts: number; reason: string }>;
      events: Array<{ type: string }>;
      order: { needsAttention: boolean };
    };
    expect(detail.order.needsAttention).toBe(true);
    expect(detail.payments).toEqual([expect.objectContaining({ outTradeNo, state: "REFUNDING" })]);
    expect(detail.payments[0]!.payer).not.toBe(pw.pay.demo.openid);
    expect(detail.refunds).toEqual([
      expect.objectContaining({ state: "FLAGGED", flagged: true, attempts: 6, reason: "vendor_failed" }),
    ]);
    expect(detail.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["payment.created", "payment.paid", "payment.taken", "payment.refund.flagged"]),
    );
  });

  it("two trades paid for one order: the order keeps one, the other is refunded as a duplicate", async () => {
    const { order, outTradeNo: first } = await lockedPaidOrder(pw, seat++);
    // Our record says the first trade was closed, but WeChat's close lost the race with the buyer.
    const [a] = await paymentsOf(pw, order.id);
    await pw.payments.store.move(a!.id, "CREATED", "CLOSED");
    const second = await pw.payments.startPayment(order.id, {
      method: "wechat",
      openid: pw.pay.demo.openid,
      clientIp: "127.0.0.1",
    });
    expect(second.outTradeNo).not.toBe(first);
    await buyer(pw, second.outTradeNo, "pay");
    await notifiesSettled(pw, second.outTradeNo);
    expect((await driveUntil(pw, order.id, isFinalStatus)).status).toBe("ISSUED");
    await buyer(pw, first, "pay");
    await notifiesSettled(pw, first);
    const final = await driveUntil(pw, order.id, () => false, 2);
    expect(final.status).toBe("ISSUED");
    const refunds = await refundsOf(pw, order.id);
    expect(refunds).toEqual([
      expect.objectContaining({ out_trade_no: first, reason: "duplicate_payment", state: "SUCCEEDED" }),
    ]);
    expect((await paymentsOf(pw, order.id)).map((p) => [p.out_trade_no, p.state])).toEqual([
      [first, "REFUNDED"],
      [second.outTradeNo, "PAID"],
    ]);
  });

  it("a second startPayment returns the open trade (idempotent per order)", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    const again = await pw.payments.startPayment(order.id, {
      method: "wechat",
      openid: pw.pay.demo.openid,
      clientIp: "127.0.0.1",
    });
    expect(again.outTradeNo).toBe(outTradeNo);
    expect(again.payParams.kind).toBe("wechat_jsapi");
    expect((await paymentsOf(pw, order.id)).length).toBe(1);
    const [p] = await paymentsOf(pw, order.id);
    // The stored request (kept for an identical re-entry) holds the openid sealed, never in clear.
    expect(JSON.stringify(p!.request)).not.toContain(pw.pay.demo.openid);
    // The trade is due no later than the lock's end (payments.md §1.9).
    const row = await pw.w.t.db
      .selectFrom("orders")
      .select("locked_until")
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(p!.expires_at.getTime()).toBeLessThanOrEqual(row.locked_until!.getTime());
  });

  it("a cinema with no WeChat merchant configured: a clear refusal, never a 500", async () => {
    const { showtime, seats } = await sellableShowtime(pw.w, 6);
    const created = await createOrder(pw.w, showtime.id, [freeNormalSeats(seats, 1, seat++)[0].id]);
    const settings = pw.w.t.catalog.settings;
    const record = await settings.get(pw.w.cinemaId);
    const { payments: saved, ...rest } = record.document as Record<string, unknown>;
    await settings.put(pw.w.cinemaId, record.version, rest, "test");
    try {
      const err = await pw.payments
        .startPayment(created.body.id, { method: "wechat", openid: pw.pay.demo.openid, clientIp: "127.0.0.1" })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe("CONFLICT");
      expect((err as DomainError).extra.reason).toBe("payment_unavailable");
      expect((err as DomainError).detail).toContain("该影院暂不支持微信支付");
      expect(await paymentsOf(pw, created.body.id)).toEqual([]);
    } finally {
      const now = await settings.get(pw.w.cinemaId);
      await settings.put(pw.w.cinemaId, now.version, { ...now.document, payments: saved }, "test");
    }
  });

  it("survives a restart between steps: a fresh workflow resumes from the durable records, issuing once", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay");
    await notifiesSettled(pw, outTradeNo);
    // The vendor's confirm answer is lost, so the saga stops after the payment step, mid-way.
    pw.w.sims.faults.ykse.update({ calls: { "ykse.partner.order.confirmOrder": { lostResponseRate: 1 } } });
    await pw.w.t.runDueSteps();
    const mid = await pw.w.t.db.selectFrom("orders").selectAll().where("id", "=", order.id).executeTakeFirstOrThrow();
    expect(mid.status).toBe("CONFIRMING");
    expect((mid.recovery as { saga?: { step: string } }).saga?.step).toBe("confirm-at-vendor");
    pw.w.sims.faults.ykse.reset();
    // The restart: every queued job and in-memory object is gone; a new node builds its own.
    pw.w.t.scheduled.splice(0);
    const deps = createOrderDeps({ db: pw.w.t.db, clock: pw.w.sims.clocks.ykse, registry: pw.w.t.catalog.registry });
    deps.payments = new PaidOrders({
      db: pw.w.t.db,
      clock: pw.w.sims.clocks.ykse,
      settings: pw.w.t.catalog.settings,
      box: new SecretBox(TEST_MASTER_KEY),
      orders: deps.orders,
      publicBaseUrl: () => "http://127.0.0.1:9",
    });
    const fresh = new OrderWorkflow(deps);
    let final = await orderView(pw, order.id);
    for (let m = 0; m < 10 && final.status === "CONFIRMING"; m++) {
      pw.w.advance(60_000);
      await fresh.step(order.id);
      final = await orderView(pw, order.id);
    }
    expect(final.status).toBe("ISSUED");
    const events = await pw.w.t.db.selectFrom("order_events").select("type").where("order_id", "=", order.id).execute();
    expect(events.filter((e) => e.type === "payment.taken").length).toBe(1);
    expect(events.filter((e) => e.type === "order.confirm").length).toBe(1);
    expect(await refundsOf(pw, order.id)).toEqual([]);
  });
});
