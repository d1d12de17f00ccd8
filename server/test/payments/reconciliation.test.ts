import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chinaDate, parseChinaLocal } from "../../src/domain/time.js";
import { Reconciler } from "../../src/payments/reconcile/reconciler.js";
import { ReconcileScheduler } from "../../src/payments/reconcile/scheduler.js";
import { SecretBox } from "../../src/security/secret-box.js";
import type { Json } from "../orders/harness.js";
import { TEST_ADMIN_TOKEN, TEST_MASTER_KEY } from "../support/app.js";
import { type ApiResult, call, createConsoleUser, login } from "../support/console.js";
import {
  buyer,
  driveUntil,
  lockedPaidOrder,
  notifiesSettled,
  type PaidWorld,
  paidWorld,
  paymentsOf,
  refundsOf,
} from "./saga-harness.js";
import { control } from "./wechatpay-sim-controls.js";

/**
 * Payment reconciliation (issue 15 §4) over real HTTP: payments made through the paid-order saga
 * against the WeChat Pay v3 simulator, then compared trade by trade with the simulator's merchant
 * through POST /admin/payments/reconciliations. Disagreements the saga would never leave are made
 * by writing our records directly (what a bug or a hand edit would leave), never by faking the
 * merchant: the simulator answers as it always does.
 */
let pw: PaidWorld;
let seat = 0;
const admin = (method: string, path: string, body?: unknown): Promise<ApiResult> =>
  call(pw.w.t.baseUrl, method, path, body, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
const reconcile = (date: string) => admin("POST", "/admin/payments/reconciliations", { cinemaId: pw.w.cinemaId, date });
/** The China calendar day a payment was recorded on: the day the run must cover to see it. */
const dayOf = async (orderId: string) => chinaDate((await paymentsOf(pw, orderId))[0]!.created_at.getTime());
const isFinalStatus = (o: Json) =>
  ["ISSUED", "FAILED", "EXPIRED", "CANCELLED", "REFUNDED"].includes(o.status) || o.needsAttention === true;
const about = (run: Json, outTradeNo: string) => run.differences.filter((d: Json) => d.outTradeNo === outTradeNo);

beforeAll(async () => {
  pw = await paidWorld("ykse", 37);
}, 120_000);
afterAll(() => pw?.close());
afterEach(async () => {
  pw.w.sims.faults.ykse.reset();
  await control(pw.pay, "POST", "/faults/reset", {});
});

describe("payment reconciliation against the WeChat Pay v3 simulator", () => {
  it("a clean day (issued, expired unpaid, refunded after a vendor failure): no differences", async () => {
    const issued = await lockedPaidOrder(pw, seat++);
    await buyer(pw, issued.outTradeNo, "pay");
    await notifiesSettled(pw, issued.outTradeNo);
    expect((await driveUntil(pw, issued.order.id, isFinalStatus)).status).toBe("ISSUED");

    const expired = await lockedPaidOrder(pw, seat++);
    pw.w.advance(new Date(expired.order.lockedUntil).getTime() - pw.now() + 1000);
    expect((await driveUntil(pw, expired.order.id, isFinalStatus, 2)).status).toBe("EXPIRED");

    pw.w.sims.faults.ykse.update({ slowIssueMinutes: 40, slowIssueOutcome: "success" });
    const failed = await lockedPaidOrder(pw, seat++);
    await buyer(pw, failed.outTradeNo, "pay");
    await notifiesSettled(pw, failed.outTradeNo);
    expect((await driveUntil(pw, failed.order.id, isFinalStatus, 25)).status).toBe("FAILED");
    expect((await refundsOf(pw, failed.order.id))[0]!.state).toBe("SUCCEEDED");

    const date = await dayOf(issued.order.id);
    const res = await reconcile(date);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      cinemaId: pw.w.cinemaId,
      date,
      trigger: "manual",
      state: "DONE",
      mechanism: "per_trade_query",
      error: null,
      differences: [],
    });
    // Every trade and refund of the day was asked about (the three above, unless the day turned).
    const sameDay = [await dayOf(expired.order.id), await dayOf(failed.order.id)].filter((d) => d === date).length;
    expect(res.body.paymentsChecked).toBe(1 + sameDay);
    expect(res.body.refundsChecked).toBe((await dayOf(failed.order.id)) === date ? 1 : 0);

    const listed = await admin("GET", `/admin/payments/reconciliations?cinemaId=${pw.w.cinemaId}&date=${date}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([res.body]);
  }, 120_000);

  it("a trade paid at the merchant that we hold as CLOSED is state_differs", async () => {
    // The notify is lost and no step runs, so only the record below says what we believe.
    await control(pw.pay, "PUT", "/payment-faults", { notifyLostRate: 1 });
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay");
    await pw.w.t.db.updateTable("payments").set({ state: "CLOSED" }).where("out_trade_no", "=", outTradeNo).execute();

    const res = await reconcile(await dayOf(order.id));
    expect(res.status).toBe(201);
    expect(about(res.body, outTradeNo)).toEqual([
      {
        kind: "state_differs",
        outTradeNo,
        outRefundNo: null,
        ours: { state: "CLOSED", amountFen: order.totalFen },
        theirs: expect.objectContaining({ state: "paid", providerState: "SUCCESS", paidFen: order.totalFen }),
        message: {
          zh: expect.stringContaining("买家的钱已到商户"),
          en: expect.stringContaining("CLOSED here, SUCCESS at the merchant"),
        },
      },
    ]);
  }, 60_000);

  it("a refund we hold as done but the merchant never saw is listed, and so is the trade it left paid", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay");
    await notifiesSettled(pw, outTradeNo);
    expect((await driveUntil(pw, order.id, isFinalStatus)).status).toBe("ISSUED");
    const [p] = await paymentsOf(pw, order.id);
    await pw.w.t.db.updateTable("payments").set({ state: "REFUNDED" }).where("id", "=", p!.id).execute();
    await pw.w.t.db
      .insertInto("payment_refunds")
      .values({
        payment_id: p!.id,
        out_refund_no: `${outTradeNo}R`,
        amount_fen: order.totalFen,
        reason: "order_refunded",
        state: "SUCCEEDED",
      })
      .execute();

    const res = await reconcile(await dayOf(order.id));
    expect(res.status).toBe(201);
    const found = about(res.body, outTradeNo);
    expect(found.map((d: Json) => [d.kind, d.outRefundNo])).toEqual([
      ["state_differs", null],
      ["refund_missing_at_merchant", `${outTradeNo}R`],
    ]);
    expect(found[0].ours.state).toBe("REFUNDED");
    expect(found[0].theirs.providerState).toBe("SUCCESS");
    expect(found[1].message.zh).toContain("商户侧查无此退款");
    expect(found[1].message.en).toContain("unknown at the merchant");
  }, 60_000);

  it("an amount we hold that differs from the merchant's is amount_differs", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await pw.w.t.db
      .updateTable("payments")
      .set({ amount_fen: order.totalFen + 100 })
      .where("out_trade_no", "=", outTradeNo)
      .execute();
    const res = await reconcile(await dayOf(order.id));
    expect(about(res.body, outTradeNo)).toEqual([
      expect.objectContaining({
        kind: "amount_differs",
        ours: { state: "CREATED", amountFen: order.totalFen + 100 },
        theirs: expect.objectContaining({ state: "pending", amountFen: order.totalFen }),
      }),
    ]);
  }, 60_000);

  it("a merchant that does not answer: each trade is query_failed, never reported clean", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await control(pw.pay, "PUT", "/faults", { default: { errorRate: 1 } });
    const res = await reconcile(await dayOf(order.id));
    expect(res.status).toBe(201);
    expect(about(res.body, outTradeNo).map((d: Json) => d.kind)).toEqual(["query_failed"]);
  }, 60_000);

  it("bad input is a 400; a cinema outside an operator's scope is a 404, and its runs are not listed", async () => {
    expect(
      (await admin("POST", "/admin/payments/reconciliations", { cinemaId: pw.w.cinemaId, date: "2026-02-30" })).status,
    ).toBe(400);
    expect((await admin("POST", "/admin/payments/reconciliations", { cinemaId: pw.w.cinemaId })).status).toBe(400);
    const future = chinaDate(pw.now() + 3 * 86_400_000);
    const tooEarly = await reconcile(future);
    expect(tooEarly.status).toBe(400);
    expect(tooEarly.body.code).toBe("VALIDATION_FAILED");
    expect(
      (await admin("POST", "/admin/payments/reconciliations", { cinemaId: "cin_nope", date: "2026-01-01" })).status,
    ).toBe(404);

    await createConsoleUser(pw.w.t, "rita", "cinema_operator", [pw.w.cinemaId]);
    await createConsoleUser(pw.w.t, "otto", "cinema_operator", ["cin_elsewhere"]);
    const mine = await login(pw.w.t.baseUrl, "rita", "pw-rita-0123456789");
    const other = await login(pw.w.t.baseUrl, "otto", "pw-otto-0123456789");
    const date = chinaDate(pw.now());
    const body = { cinemaId: pw.w.cinemaId, date };
    expect((await other.request("POST", "/admin/payments/reconciliations", body)).status).toBe(404);
    expect((await other.request("GET", `/admin/payments/reconciliations?cinemaId=${pw.w.cinemaId}`)).status).toBe(404);
    const all = await other.request("GET", "/admin/payments/reconciliations");
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([]);

    const own = await mine.request("POST", "/admin/payments/reconciliations", body);
    expect(own.status).toBe(201);
    expect(own.body.requestedBy).toBe("user:rita");
    const seen = await mine.request("GET", "/admin/payments/reconciliations");
    expect(seen.body.items.length).toBeGreaterThan(1);
    expect(seen.body.items.every((r: Json) => r.cinemaId === pw.w.cinemaId)).toBe(true);
  }, 60_000);

  it("the daily job runs each cinema with a merchant once for the previous day, on the injected clock", async () => {
    const { order } = await lockedPaidOrder(pw, seat++);
    const day = await dayOf(order.id);
    const nextDay = parseChinaLocal(`${day} 00:00`) + 86_400_000;
    let jobNow = nextDay + 2 * 3600_000; // 02:00 China time: too early
    const reconciler = new Reconciler({
      db: pw.w.t.db,
      // The merchant checks request timestamps (±300 s): the queries go out on the simulator's clock.
      clock: { now: () => pw.now() },
      settings: pw.w.t.catalog.settings,
      box: new SecretBox(TEST_MASTER_KEY),
    });
    // tick() never touches pg-boss: start() only registers the cron that calls it.
    const job = new ReconcileScheduler({} as PgBoss, reconciler, { now: () => jobNow });
    expect(await job.tick()).toEqual({ date: null, ran: [], failed: [] });

    jobNow = nextDay + 3.5 * 3600_000;
    const withMerchant = await reconciler.cinemasWithMerchant();
    expect(withMerchant).toContain(pw.w.cinemaId);
    const first = await job.tick();
    expect(first).toEqual({ date: day, ran: withMerchant, failed: [] });
    expect((await job.tick()).ran).toEqual([]);

    const runs = await admin("GET", `/admin/payments/reconciliations?cinemaId=${pw.w.cinemaId}&date=${day}`);
    const scheduled = runs.body.items.filter((r: Json) => r.trigger === "scheduled");
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]).toMatchObject({ state: "DONE", requestedBy: null });
    expect(scheduled[0].paymentsChecked).toBeGreaterThan(0);
  }, 60_000);
});
