import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningAlipay, startAlipaySimulator } from "../../../simulators/src/alipay/index.js";
import { readJson } from "../../src/db/json-column.js";
import { DomainError } from "../../src/domain/domain-error.js";
import { type StoredPaymentConfig, storedOf } from "../../src/payments/config.js";
import { configureDemoAlipay, readDemoAlipay } from "../../src/payments/demo.js";
import type { PayParams } from "../../src/payments/provider.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { createOrder, freeNormalSeats, type Json, sellableShowtime } from "../orders/harness.js";
import { TEST_MASTER_KEY } from "../support/app.js";
import { alipayControl, openCashier } from "./alipay-sim-controls.js";
import { addressOf, driveUntil, orderView, type PaidWorld, paidWorld, paymentsOf, refundsOf } from "./saga-harness.js";

/**
 * The paid-order saga with the cinema's Alipay app (payments.md §4) over real HTTP: the buyer's
 * browser is sent to the Alipay simulator's cashier with the signed pay URL, the form-encoded
 * trade_status_sync notify arrives on `/payments/alipay/notify/{cinemaId}`, and the order is
 * confirmed at the vendor (ykse simulator) — or its money goes back. The Alipay simulator runs on
 * the same injected clock as the vendor simulators and the platform.
 */
let pw: PaidWorld;
let ali: RunningAlipay;
let seat = 0;

beforeAll(async () => {
  pw = await paidWorld("ykse", 41);
  ali = await startAlipaySimulator({ ctx: { clock: pw.w.sims.clocks.ykse } });
  const written = await configureDemoAlipay(
    { db: pw.w.t.db, settings: pw.w.t.catalog.settings, box: new SecretBox(TEST_MASTER_KEY) },
    await readDemoAlipay(ali.url, ali.demo.appId),
  );
  expect(written).toBeGreaterThan(0);
}, 120_000);
afterAll(async () => {
  await ali?.close();
  await pw?.close();
});
afterEach(async () => {
  pw.w.sims.faults.ykse.reset();
  await alipayControl(ali, "POST", "/faults/reset", {});
});

const control = (method: string, path: string, body?: unknown) => alipayControl(ali, method, path, body);

/** A LOCKED one-seat order of the buyer site and its Alipay pay URL, opened by the buyer's browser. */
async function lockedAlipayOrder(open = true): Promise<{ order: Json; outTradeNo: string; payParams: PayParams }> {
  const { showtime, seats } = await sellableShowtime(pw.w, 6);
  const created = await createOrder(pw.w, showtime.id, [freeNormalSeats(seats, 1, seat++)[0].id]);
  expect(created.status).toBe(201);
  const started = await pw.payments.startPayment(created.body.id, {
    method: "alipay",
    returnUrl: "http://127.0.0.1:9/orders/back",
    clientIp: "127.0.0.1",
  });
  expect(started.payParams.kind).toBe("redirect");
  if (open) await openCashier(started.payParams);
  return { order: created.body, outTradeNo: started.outTradeNo, payParams: started.payParams };
}

const buyer = (outTradeNo: string, action: "pay" | "pay_late" | "pay_twice" | "cancel") =>
  control("POST", `/trades/${outTradeNo}/buyer`, { action });

/** Waits (real time, briefly) until every notify of the trade has had its first attempt. */
async function notifiesSettled(outTradeNo: string, atLeast = 1): Promise<Json[]> {
  for (let i = 0; i < 200; i++) {
    const { notifies } = (await control("GET", "/notifies")) as { notifies: Json[] };
    const mine = notifies.filter((n) => n.outTradeNo === outTradeNo);
    if (mine.length >= atLeast && mine.every((n) => n.attempts.length > 0 || n.state !== "pending")) {
      await new Promise((r) => setTimeout(r, 30));
      return mine;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the Alipay simulator's notifies for ${outTradeNo} did not settle`);
}

const notifyRows = (outTradeNo: string) =>
  pw.w.t.db.selectFrom("payment_notifies").selectAll().where("out_trade_no", "=", outTradeNo).orderBy("id").execute();

const simTrade = async (outTradeNo: string) =>
  ((await control("GET", "/trades")) as { trades: Json[] }).trades.find((t) => t.outTradeNo === outTradeNo);

const isFinalStatus = (o: { status: string; needsAttention?: boolean }) =>
  ["ISSUED", "FAILED", "EXPIRED", "CANCELLED", "REFUNDED"].includes(o.status) || o.needsAttention === true;

describe("paid-order saga (Alipay simulator, ykse)", () => {
  it("pay at the cashier → verified form notify → confirmed at the vendor → ISSUED", async () => {
    const { order, outTradeNo, payParams } = await lockedAlipayOrder();
    // The pay URL names our Alipay notify route for this cinema, and the lock's end as time_expire.
    const url = new URL((payParams as { url: string }).url);
    expect(url.searchParams.get("notify_url")).toBe(
      `${addressOf(pw.notifyServer)}/payments/alipay/notify/${encodeURIComponent(pw.w.cinemaId)}`,
    );
    await buyer(outTradeNo, "pay");
    const [delivery] = await notifiesSettled(outTradeNo);
    expect(delivery.state).toBe("delivered"); // we answered the plain-text `success`
    const [p] = await paymentsOf(pw, order.id);
    expect(p).toMatchObject({ provider: "alipay", state: "PAID", paid_fen: order.totalFen });
    expect(p!.transaction_id).toBe((await simTrade(outTradeNo)).tradeNo);
    expect((await notifyRows(outTradeNo)).map((n) => [n.provider, n.verified, n.outcome])).toEqual([
      ["alipay", true, "paid"],
    ]);
    const final = await driveUntil(pw, order.id, isFinalStatus);
    expect(final.status).toBe("ISSUED");
    expect(final.tickets.length).toBe(1);
    const row = await pw.w.t.db
      .selectFrom("orders")
      .select("payment")
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(readJson(row.payment)).toEqual({ method: "alipay", tradeNo: outTradeNo });
    expect(await refundsOf(pw, order.id)).toEqual([]);
  });

  it("a query before the buyer reaches the cashier is 'not paid yet': the order waits, then a paid query issues it", async () => {
    await control("PUT", "/payment-faults", { notifyLostRate: 1 });
    const { order, outTradeNo } = await lockedAlipayOrder(false);
    // Alipay has no trade yet: our own queries (15 s, 45 s, 90 s…) answer not_found.
    const ask = await pw.payments.provider(pw.w.cinemaId, "alipay");
    if (!ask.ok) throw new Error(ask.reason);
    const q = await ask.provider.query(outTradeNo);
    await ask.provider.dispose();
    expect(q.ok ? q.value.state : q.error.code).toBe("not_found");
    const waiting = await driveUntil(pw, order.id, () => false, 2);
    expect(waiting.status).toBe("LOCKED");
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("CREATED");
    // Then the browser brings the URL to the cashier and the buyer pays; the notify is lost.
    const again = await pw.payments.startPayment(order.id, {
      method: "alipay",
      returnUrl: "http://127.0.0.1:9/orders/back",
      clientIp: "127.0.0.1",
    });
    expect(again.outTradeNo).toBe(outTradeNo);
    await openCashier(again.payParams);
    await buyer(outTradeNo, "pay");
    const final = await driveUntil(pw, order.id, isFinalStatus, 5);
    expect(final.status).toBe("ISSUED");
    expect(await notifyRows(outTradeNo)).toEqual([]);
  });

  it("a lost notify: our own query on the timetable finds the payment, and the order is ISSUED", async () => {
    await control("PUT", "/payment-faults", { notifyLostRate: 1 });
    const { order, outTradeNo } = await lockedAlipayOrder();
    await buyer(outTradeNo, "pay");
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("CREATED");
    const final = await driveUntil(pw, order.id, isFinalStatus, 5);
    expect(final.status).toBe("ISSUED");
    expect(await notifyRows(outTradeNo)).toEqual([]);
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("PAID");
  });

  it("the same notice delivered twice (same notify_id) is acted on once: one ticket", async () => {
    const { order, outTradeNo } = await lockedAlipayOrder();
    await buyer(outTradeNo, "pay_twice");
    await notifiesSettled(outTradeNo, 2);
    expect((await notifyRows(outTradeNo)).map((n) => n.outcome).sort()).toEqual(["duplicate", "paid"]);
    const final = await driveUntil(pw, order.id, isFinalStatus);
    expect(final.status).toBe("ISSUED");
    expect(final.tickets.length).toBe(1);
    expect(await refundsOf(pw, order.id)).toEqual([]);
  });

  it("a notify signed with the wrong key is refused (failure), recorded, and changes nothing", async () => {
    await control("PUT", "/payment-faults", { signature: "wrong_key", signatureScope: "notifies" });
    const { order, outTradeNo } = await lockedAlipayOrder();
    await buyer(outTradeNo, "pay");
    const [delivery] = await notifiesSettled(outTradeNo);
    expect(delivery.state).toBe("pending"); // refused: Alipay retries on its schedule
    expect(delivery.attempts[0].outcome).toBe("refused");
    const bad = await pw.w.t.db
      .selectFrom("payment_notifies")
      .selectAll()
      .where("provider", "=", "alipay")
      .where("outcome", "=", "bad_signature")
      .execute();
    expect(bad.length).toBeGreaterThanOrEqual(1);
    expect(bad.every((n) => !n.verified && n.out_trade_no === null)).toBe(true);
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("CREATED");
    expect((await orderView(pw, order.id)).status).toBe("LOCKED");
  });

  it("a notice from a seller other than the configured seller PID is refused (wrong_seller) and changes nothing", async () => {
    const settings = pw.w.t.catalog.settings;
    const setSeller = async (sellerId: string) => {
      const rec = await settings.get(pw.w.cinemaId);
      const stored = storedOf(rec.document) as StoredPaymentConfig;
      const alipay = { ...stored.alipay!, sellerId };
      const r = await settings.put(
        pw.w.cinemaId,
        rec.version,
        { ...rec.document, payments: { ...stored, alipay } },
        "t",
      );
      expect(r.ok).toBe(true);
    };
    // The demo configuration carries the simulator's seller: the other tests' notices match it.
    expect(storedOf((await settings.get(pw.w.cinemaId)).document)?.alipay?.sellerId).toBe(ali.demo.sellerId);
    await setSeller("2088999999999999");
    try {
      const { order, outTradeNo } = await lockedAlipayOrder();
      await buyer(outTradeNo, "pay");
      const [delivery] = await notifiesSettled(outTradeNo);
      expect(delivery.state).toBe("pending"); // refused: Alipay retries on its schedule
      expect((await notifyRows(outTradeNo)).map((n) => [n.verified, n.outcome])).toEqual([[true, "wrong_seller"]]);
      expect((await paymentsOf(pw, order.id))[0]!.state).toBe("CREATED");
      expect((await orderView(pw, order.id)).status).toBe("LOCKED");
    } finally {
      await setSeller(ali.demo.sellerId);
    }
  });

  it("the vendor FAILS the issue: the Alipay refund (synchronous, no notify) repays the buyer, FAILED with repaid", async () => {
    pw.w.sims.faults.ykse.update({ slowIssueMinutes: 40, slowIssueOutcome: "success" });
    const { order, outTradeNo } = await lockedAlipayOrder();
    await buyer(outTradeNo, "pay");
    await notifiesSettled(outTradeNo);
    const final = await driveUntil(pw, order.id, isFinalStatus, 25);
    expect(final.status).toBe("FAILED");
    expect(final.repaid).toBe(true);
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("REFUNDED");
    const [r] = await refundsOf(pw, order.id);
    expect(r).toMatchObject({ state: "SUCCEEDED", reason: "vendor_failed", amount_fen: order.totalFen });
    const t = await simTrade(outTradeNo);
    expect(t).toMatchObject({ tradeStatus: "TRADE_CLOSED", refundedAmount: t.totalAmount });
  });

  it("a refund whose answer is lost is asked again under the same out_request_no and settled by our refund query", async () => {
    pw.w.sims.faults.ykse.update({ slowIssueMinutes: 40, slowIssueOutcome: "success" });
    const { order, outTradeNo } = await lockedAlipayOrder();
    await buyer(outTradeNo, "pay");
    await notifiesSettled(outTradeNo);
    // Alipay makes the refund but its answer never reaches us (outcome unknown).
    await control("PUT", "/faults", { calls: { "alipay.trade.refund": { lostResponseRate: 1 } } });
    let refund: Awaited<ReturnType<typeof refundsOf>>[number] | undefined;
    for (let m = 0; m < 25 && !refund; m++) {
      await pw.w.t.runDueSteps();
      [refund] = await refundsOf(pw, order.id);
      if (!refund) pw.w.advance(60_000);
    }
    expect(refund).toMatchObject({ state: "PENDING", attempts: 1 });
    expect((await simTrade(outTradeNo)).tradeStatus).toBe("TRADE_CLOSED"); // the money did go back
    await control("POST", "/faults/reset", {});
    // The retry answers fund_change "N" (no money moved by this call); the refund query says it succeeded.
    const final = await driveUntil(pw, order.id, isFinalStatus, 10);
    expect(final.status).toBe("FAILED");
    expect(final.repaid).toBe(true);
    const [r] = await refundsOf(pw, order.id);
    expect(r).toMatchObject({ state: "SUCCEEDED", reason: "vendor_failed" });
    const sim = (await control("GET", "/trades")) as { refunds: Json[] };
    expect(sim.refunds.filter((x) => x.outTradeNo === outTradeNo).length).toBe(1);
  });

  it("the lock ends with the buyer never at the cashier (close is not_found), then the buyer pays: refunded", async () => {
    const { order, outTradeNo } = await lockedAlipayOrder();
    pw.w.advance(new Date(order.lockedUntil).getTime() - pw.now() + 1000);
    const expired = await driveUntil(pw, order.id, isFinalStatus, 2);
    expect(expired.status).toBe("EXPIRED");
    // Alipay had no trade to close: CLOSED on our side only, remembered as still payable.
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("CLOSED");
    expect(await simTrade(outTradeNo)).toBeUndefined();
    const closed = await pw.w.t.db
      .selectFrom("order_events")
      .select("detail")
      .where("order_id", "=", order.id)
      .where("type", "=", "payment.closed")
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(closed.detail)).toContain("neverAtCashier");
    // The buyer, still on the cashier page, pays anyway.
    await buyer(outTradeNo, "pay_late");
    await notifiesSettled(outTradeNo);
    const final = await driveUntil(pw, order.id, (o) => o.repaid === true, 5);
    expect(final.status).toBe("EXPIRED");
    expect(final.repaid).toBe(true);
    expect((await paymentsOf(pw, order.id))[0]!.state).toBe("REFUNDED");
    const [r] = await refundsOf(pw, order.id);
    expect(r).toMatchObject({ state: "SUCCEEDED", reason: "late_payment" });
    expect((await simTrade(outTradeNo)).tradeStatus).toBe("TRADE_CLOSED");
  });

  it("paid ≠ order total: the Alipay payment is refunded and never issued", async () => {
    const { order, outTradeNo } = await lockedAlipayOrder();
    await pw.w.t.db
      .updateTable("orders")
      .set({ total_fen: order.totalFen + 100 })
      .where("id", "=", order.id)
      .execute();
    await buyer(outTradeNo, "pay");
    await notifiesSettled(outTradeNo);
    expect((await notifyRows(outTradeNo)).map((n) => n.outcome)).toEqual(["paid_refunding_amount_mismatch"]);
    const after = await driveUntil(pw, order.id, (o) => o.status !== "LOCKED", 20);
    expect(after.status).toBe("EXPIRED");
    expect(after.tickets).toBeUndefined();
    const [r] = await refundsOf(pw, order.id);
    expect(r).toMatchObject({ state: "SUCCEEDED", reason: "amount_mismatch", amount_fen: order.totalFen });
    expect((await orderView(pw, order.id)).repaid).toBe(true);
  });

  it("a buyer who started with WeChat and switches to Alipay: the WeChat trade is closed, the Alipay one issues", async () => {
    const { showtime, seats } = await sellableShowtime(pw.w, 6);
    const created = await createOrder(pw.w, showtime.id, [freeNormalSeats(seats, 1, seat++)[0].id]);
    const wechat = await pw.payments.startPayment(created.body.id, {
      method: "wechat",
      openid: pw.pay.demo.openid,
      clientIp: "127.0.0.1",
    });
    const alipay = await pw.payments.startPayment(created.body.id, {
      method: "alipay",
      returnUrl: "http://127.0.0.1:9/orders/back",
      clientIp: "127.0.0.1",
    });
    expect(alipay.outTradeNo).not.toBe(wechat.outTradeNo);
    expect((await paymentsOf(pw, created.body.id)).map((p) => [p.provider, p.state])).toEqual([
      ["wechat_v3", "CLOSED"],
      ["alipay", "CREATED"],
    ]);
    await openCashier(alipay.payParams);
    await buyer(alipay.outTradeNo, "pay");
    await notifiesSettled(alipay.outTradeNo);
    const final = await driveUntil(pw, created.body.id, isFinalStatus);
    expect(final.status).toBe("ISSUED");
  });

  it("a cinema with no Alipay app, or no returnUrl: a clear refusal, never a 500, and no payment made", async () => {
    const { showtime, seats } = await sellableShowtime(pw.w, 6);
    const created = await createOrder(pw.w, showtime.id, [freeNormalSeats(seats, 1, seat++)[0].id]);
    const refusal = (input: Parameters<typeof pw.payments.startPayment>[1]) =>
      pw.payments.startPayment(created.body.id, input).catch((e: unknown) => e as DomainError);
    const noUrl = await refusal({ method: "alipay", returnUrl: "javascript:alert(1)", clientIp: "127.0.0.1" });
    expect(noUrl).toBeInstanceOf(DomainError);
    expect((noUrl as DomainError).code).toBe("VALIDATION_FAILED");
    const settings = pw.w.t.catalog.settings;
    const record = await settings.get(pw.w.cinemaId);
    const { alipay, ...rest } = (record.document as { payments: Record<string, unknown> }).payments;
    await settings.put(pw.w.cinemaId, record.version, { ...record.document, payments: rest }, "test");
    try {
      const err = await refusal({ method: "alipay", returnUrl: "http://127.0.0.1:9/back", clientIp: "127.0.0.1" });
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe("CONFLICT");
      expect((err as DomainError).extra.reason).toBe("payment_unavailable");
      expect((err as DomainError).detail).toContain("该影院暂不支持支付宝支付");
      expect(await paymentsOf(pw, created.body.id)).toEqual([]);
    } finally {
      const now = await settings.get(pw.w.cinemaId);
      const payments = (now.document as { payments: Record<string, unknown> }).payments;
      await settings.put(pw.w.cinemaId, now.version, { ...now.document, payments: { ...payments, alipay } }, "test");
    }
  });

  it("the Alipay route answers a cinema without an Alipay app with plain-text failure, not a 500", async () => {
    const res = await fetch(`${addressOf(pw.notifyServer)}/payments/alipay/notify/no-such-cinema`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: "out_trade_no=cg1234567890&trade_status=TRADE_SUCCESS&sign=AAAA",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(await res.text()).toBe("failure");
  });
});
