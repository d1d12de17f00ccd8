import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { type ApiResult, call, createConsoleUser, login } from "../support/console.js";
import {
  buyer,
  driveUntil,
  flaggedRefund,
  lockedPaidOrder,
  notifiesSettled,
  type PaidWorld,
  paidWorld,
  refundsOf,
  simTrades,
} from "./saga-harness.js";
import { control } from "./wechatpay-sim-controls.js";

/**
 * The console's payment routes over real HTTP, with the paid-order saga running against the WeChat
 * Pay simulator (v3) on the shared injected clock: the payments list (filters, search, operator
 * scope) and support's retry of a refund the provider refused until it was flagged.
 */
let pw: PaidWorld;
let seat = 0;
const admin = (method: string, path: string, body?: unknown): Promise<ApiResult> =>
  call(pw.w.t.baseUrl, method, path, body, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });

beforeAll(async () => {
  pw = await paidWorld("ykse", 53);
}, 120_000);
afterAll(() => pw?.close());
afterEach(async () => {
  pw.w.sims.faults.ykse.reset();
  await control(pw.pay, "POST", "/faults/reset", {});
});

const flaggedRefundOrder = () => flaggedRefund(pw, seat++);

describe("support retries a flagged refund (POST /admin/payments/refunds/{no}/retry)", () => {
  it("after the merchant's problem is fixed, the retry goes through at the simulator and the order ends repaid", async () => {
    const { order, outTradeNo, outRefundNo } = await flaggedRefundOrder();
    // Support tops up the merchant balance: the simulator refuses no more.
    await control(pw.pay, "POST", "/faults/reset", {});
    const res = await admin("POST", `/admin/payments/refunds/${outRefundNo}/retry`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outRefundNo, orderId: order.id, orderResumed: true, attempts: 1 });
    expect(["PROCESSING", "SUCCEEDED"]).toContain(res.body.state);
    const final = await driveUntil(pw, order.id, (o) => o.status === "FAILED" && o.repaid === true, 30);
    expect(final).toMatchObject({ status: "FAILED", repaid: true });
    expect(final.tickets).toBeUndefined();
    const [r] = await refundsOf(pw, order.id);
    expect(r).toMatchObject({ state: "SUCCEEDED", flagged: false });
    // Exactly one refund at the merchant, for the whole amount: the same out_refund_no was reused.
    const atSim = (await simTrades(pw)).refunds.filter((x) => x.outTradeNo === outTradeNo);
    expect(atSim).toEqual([expect.objectContaining({ outRefundNo, refundFen: order.totalFen })]);
    // Audited with the actor, and on the order's own timeline.
    const audit = await pw.w.t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "payments.refund.retry")
      .execute();
    expect(audit.length).toBe(1);
    const events = await pw.w.t.db
      .selectFrom("order_events")
      .select(["type", "actor"])
      .where("order_id", "=", order.id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["payment.refund.retried", "console.resume"]));
    // A refund that is not flagged (now SUCCEEDED) cannot be retried; an unknown one is a 404.
    const again = await admin("POST", `/admin/payments/refunds/${outRefundNo}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("CONFLICT");
    expect((await admin("POST", "/admin/payments/refunds/NO-SUCH-R/retry")).status).toBe(404);
  });

  it("a retry the provider refuses again goes back on the retry timetable, and the order waits for it", async () => {
    const { order, outRefundNo } = await flaggedRefundOrder();
    const res = await admin("POST", `/admin/payments/refunds/${outRefundNo}/retry`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: "PENDING", attempts: 1, orderResumed: true });
    expect(res.body.lastError).toContain("NOT_ENOUGH");
    const [r] = await refundsOf(pw, order.id);
    // Asked again a minute later (REFUND_RETRY's first wait), not flagged at once.
    const wait = r!.next_at!.getTime() - pw.now();
    expect(wait).toBeGreaterThan(50_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(r).toMatchObject({ state: "PENDING", flagged: false });
    await control(pw.pay, "POST", "/faults/reset", {});
    const final = await driveUntil(pw, order.id, (o) => o.status === "FAILED" && o.repaid === true, 30);
    expect(final).toMatchObject({ status: "FAILED", repaid: true });
  });

  it("operators may not retry; support may", async () => {
    await createConsoleUser(pw.w.t, "pay-op", "cinema_operator", [pw.w.cinemaId]);
    const op = await login(pw.w.t.baseUrl, "pay-op", "pw-pay-op-0123456789");
    expect((await op.request("POST", "/admin/payments/refunds/ANY-R/retry")).status).toBe(403);
    await createConsoleUser(pw.w.t, "pay-support", "support");
    const support = await login(pw.w.t.baseUrl, "pay-support", "pw-pay-support-0123456789");
    expect((await support.request("POST", "/admin/payments/refunds/ANY-R/retry")).status).toBe(404);
  });
});

describe("the payments list (GET /admin/payments)", () => {
  it("lists payments newest first with their refunds, searches by out_trade_no, transaction id and order", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay");
    await notifiesSettled(pw, outTradeNo);
    const issued = await driveUntil(pw, order.id, (o) => o.status === "ISSUED");
    expect(issued.status).toBe("ISSUED");

    const all = await admin("GET", "/admin/payments");
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    const created = all.body.items.map((p: { createdAt: string }) => p.createdAt);
    expect([...created].sort().reverse()).toEqual(created);

    const byTrade = await admin("GET", `/admin/payments?q=${outTradeNo}`);
    expect(byTrade.body.items).toEqual([
      expect.objectContaining({
        outTradeNo,
        orderId: order.id,
        cinemaId: pw.w.cinemaId,
        provider: "wechat_v3",
        state: "PAID",
        amountFen: order.totalFen,
        paidFen: order.totalFen,
        refund: null,
      }),
    ]);
    const item = byTrade.body.items[0];
    expect(item.transactionId).toMatch(/^\d+$/);
    expect(item.payer).toContain("****");
    expect(JSON.stringify(byTrade.body)).not.toContain(pw.pay.demo.openid);
    expect((await admin("GET", `/admin/payments?q=${item.transactionId}`)).body.items[0].outTradeNo).toBe(outTradeNo);
    expect((await admin("GET", `/admin/payments?q=${order.id}`)).body.total).toBe(1);
    expect((await admin("GET", "/admin/payments?q=nothing-like-it")).body.total).toBe(0);
  });

  it("filters by state, refund state, cinema and China date", async () => {
    const flagged = await admin("GET", "/admin/payments?refundState=SUCCEEDED");
    expect(flagged.body.total).toBeGreaterThanOrEqual(2);
    expect(flagged.body.items.every((p: { refund: { state: string } }) => p.refund.state === "SUCCEEDED")).toBe(true);
    const refunded = await admin("GET", "/admin/payments?state=REFUNDED");
    expect(refunded.body.items.every((p: { state: string }) => p.state === "REFUNDED")).toBe(true);
    expect(refunded.body.total).toBe(flagged.body.total);
    const mine = await admin("GET", `/admin/payments?cinemaId=${pw.w.cinemaId}&pageSize=1&page=2`);
    expect(mine.body).toMatchObject({ page: 2, pageSize: 1 });
    expect(mine.body.items).toHaveLength(1);
    const today = new Date(pw.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const dated = await admin("GET", `/admin/payments?from=${today}&to=${today}`);
    expect(dated.body.total).toBe((await admin("GET", "/admin/payments")).body.total);
    expect((await admin("GET", "/admin/payments?from=2001-01-01&to=2001-01-02")).body.total).toBe(0);
  });

  it("bad filters are a 400 with a stable code, never a 500", async () => {
    for (const q of ["from=2026-02-30", "from=2026-03-02&to=2026-03-01", "state=PAYED", "page=0", "bogus=1"]) {
      const res = await admin("GET", `/admin/payments?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.code, q).toBe("VALIDATION_FAILED");
    }
  });

  it("an operator sees only their cinemas' payments; another cinema is a 404", async () => {
    await createConsoleUser(pw.w.t, "pay-op-other", "cinema_operator", ["some-other-cinema"]);
    const other = await login(pw.w.t.baseUrl, "pay-op-other", "pw-pay-op-other-0123456789");
    const res = await other.request("GET", "/admin/payments");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(0);
    expect((await other.request("GET", `/admin/payments?cinemaId=${pw.w.cinemaId}`)).status).toBe(404);
    const op = await login(pw.w.t.baseUrl, "pay-op", "pw-pay-op-0123456789");
    const own = await op.request("GET", "/admin/payments");
    expect(own.body.total).toBe((await admin("GET", "/admin/payments")).body.total);
  });
});
