import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { lingdongSmsLog, redeemLingdongVoucher } from "../../../simulators/src/lingdong/index.js";
import { cardKinds } from "../../../simulators/src/lingdong/pricing.js";
import { RingCallRecorder } from "../../src/vendors/call-recorder.js";
import { createLingdongConnector, sideEffectReqId } from "../../src/vendors/lingdong/index.js";
import { sweepVouchers } from "../../src/vouchers/voucher-runner.js";
import type { Json, VoucherWorld } from "./voucher-world.js";
import { voucherWorld } from "./voucher-world.js";

let w: VoucherWorld;
let products: Json[];
let keyN = 0;
const key = () => `voucher-key-${++keyN}`;
const MOBILE = "13912345678";
const pay = (paidFen: number, tradeNo = `wx-${keyN}`) => ({ paidFen, payment: { method: "wechat", tradeNo } });

beforeAll(async () => {
  w = await voucherWorld();
  const res = await w.api.get<Json>(`/v1/voucher-products?cityCode=${w.cityCode}`);
  expect(res.status).toBe(200);
  products = res.body.items;
});
afterAll(() => w.close());

const cinemaProduct = () => products.find((p) => p.type === "cinema")!;
const buy = async (product: Json, count = 2, k = key()) =>
  w.api.post<Json>(
    "/v1/voucher-orders",
    { productId: product.productId, count, mobile: MOBILE },
    { "idempotency-key": k },
  );
/** A bought, paid and activated order. */
async function activeOrder(count = 1): Promise<Json> {
  const order = (await buy(cinemaProduct(), count)).body;
  expect(order.status, JSON.stringify(order)).toBe("AWAITING_PAYMENT");
  expect((await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, pay(order.totalFen))).status).toBe(202);
  await w.t.runDueVoucherSteps();
  const got = (await w.api.get<Json>(`/v1/voucher-orders/${order.id}`)).body;
  expect(got.status).toBe("ACTIVE");
  return got;
}

describe("GET /v1/voucher-products", () => {
  it("lists by-cinema and by-kind products of the city, prices in fen from the vendor's yuan", async () => {
    expect(products.some((p) => p.type === "cinema")).toBe(true);
    const twoD = products.find((p) => p.type === "kind" && p.name === "2D电影通兑券");
    // Kind 101 is "35.00" yuan on the wire.
    expect(twoD).toMatchObject({ saleFen: cardKinds[0]!.priceFen, marketFen: cardKinds[0]!.marketFen, validDays: 365 });
    expect(twoD.saleFen).toBe(3500);
    for (const p of products) {
      expect(Number.isSafeInteger(p.saleFen) && p.saleFen > 0).toBe(true);
      expect(p.maxCount).toBe(10);
      expect(p.cinemas.length).toBeGreaterThan(0);
      for (const c of p.cinemas) expect(c.nationalCode).toMatch(/^\d{8}$/);
    }
    // Every cinema product's cinema is in the asked city.
    const inCity = new Set(w.sims.dataset.cinemas.filter((c) => c.cityCode === w.cityCode).map((c) => c.nationalCode));
    for (const p of products.filter((x) => x.type === "cinema"))
      expect(inCity.has(p.cinemas[0].nationalCode)).toBe(true);
    expect(products.filter((x) => x.type === "cinema").length).toBe(inCity.size);
  });

  it("answers a city it does not know with 404 and a missing cityCode with 400", async () => {
    expect((await w.api.get<Json>("/v1/voucher-products?cityCode=999999")).body.code).toBe("NOT_FOUND");
    const missing = await w.api.get<Json>("/v1/voucher-products");
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("VALIDATION_FAILED");
  });

  it("is the channel's to read: an unsigned request is refused", async () => {
    const res = await fetch(new URL(`/v1/voucher-products?cityCode=${w.cityCode}`, w.t.baseUrl));
    expect(res.status).toBe(401);
  });
});

describe("POST /v1/voucher-orders", () => {
  it("buys: the vendor's inactive card and its total, the mobile masked; a replay answers the same order", async () => {
    const product = cinemaProduct();
    const k = key();
    const first = await buy(product, 3, k);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: "AWAITING_PAYMENT",
      productId: product.productId,
      productName: product.name,
      count: 3,
      mobile: "139****5678",
      unitFen: product.saleFen,
      totalFen: product.saleFen * 3,
    });
    expect(first.body.vouchers).toEqual([
      { code: expect.stringMatching(/^88\d{14}$/), tickets: 3, usedTickets: 0, vendorStatus: "0" },
    ]);
    const again = await buy(product, 3, k);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const reused = await buy(product, 2, k);
    expect(reused.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("refuses bad input with 4xx and stable codes, never a 500", async () => {
    const product = cinemaProduct();
    const cases: Array<[Json, number, string]> = [
      [{ productId: product.productId, count: 11, mobile: MOBILE }, 400, "VALIDATION_FAILED"],
      [{ productId: product.productId, count: 0, mobile: MOBILE }, 400, "VALIDATION_FAILED"],
      [{ productId: product.productId, count: 1, mobile: "12345" }, 400, "VALIDATION_FAILED"],
      [{ productId: "nonsense", count: 1, mobile: MOBILE }, 400, "VALIDATION_FAILED"],
      [{ productId: "vac_unknown:kind:101", count: 1, mobile: MOBILE }, 404, "NOT_FOUND"],
      [{ productId: `${w.accountId}:cinema:00000000`, count: 1, mobile: MOBILE }, 400, "VALIDATION_FAILED"],
      [{ productId: `${w.accountId}:kind:999`, count: 1, mobile: MOBILE }, 400, "VALIDATION_FAILED"],
    ];
    for (const [body, status, code] of cases) {
      const res = await w.api.post<Json>("/v1/voucher-orders", body, { "idempotency-key": key() });
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
    }
    const noKey = await w.api.post<Json>("/v1/voucher-orders", {
      productId: product.productId,
      count: 1,
      mobile: MOBILE,
    });
    expect(noKey.status).toBe(400);
  });

  it("buys by card kind", async () => {
    const kind = products.find((p) => p.type === "kind")!;
    const res = await buy(kind, 2);
    expect(res.status).toBe(201);
    expect(res.body.totalFen).toBe(kind.saleFen * 2);
  });

  it("answers 503 when the vendor is down, and the same key may be retried", async () => {
    const k = key();
    w.sims.faults.lingdong.update({ default: { down: true } });
    try {
      const down = await buy(cinemaProduct(), 1, k);
      expect(down.status).toBe(503);
      expect(down.body.code).toBe("VENDOR_UNAVAILABLE");
    } finally {
      w.sims.faults.lingdong.reset();
    }
    expect((await buy(cinemaProduct(), 1, k)).status).toBe(201);
  });
});

describe("confirm → activation", () => {
  it("activates after payment: paidFen must equal the total; the vendor texts the card once", async () => {
    const order = (await buy(cinemaProduct(), 2)).body;
    const wrong = await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, pay(order.totalFen - 1));
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe("VALIDATION_FAILED");
    const payment = pay(order.totalFen, "wx-activate-1");
    const confirmed = await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, payment);
    expect(confirmed.status).toBe(202);
    expect(confirmed.body).toMatchObject({ status: "ACTIVATING", paidFen: order.totalFen });
    expect(await w.t.runDueVoucherSteps()).toBe(1);
    const got = (await w.api.get<Json>(`/v1/voucher-orders/${order.id}`)).body;
    expect(got).toMatchObject({ status: "ACTIVE", vouchers: [{ code: order.vouchers[0].code, vendorStatus: "1" }] });
    expect(got.vouchers[0].expiresAt).toBeDefined();
    expect(got.activatedAt).toBeDefined();
    const sms = lingdongSmsLog(w.lingdong).filter((s) => s.text.includes(order.vouchers[0].code));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.mobile).toBe(MOBILE);
    // Confirming again with the same payment is harmless; with another one it conflicts.
    const same = await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, payment);
    expect(same.status).toBe(202);
    expect(same.body.status).toBe("ACTIVE");
    const other = await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, pay(order.totalFen, "wx-other"));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("ORDER_STATE_CONFLICT");
  });

  it("settles an activation whose answer was lost by the vendor's status, never sending payByCard twice", async () => {
    const order = (await buy(cinemaProduct(), 1)).body;
    const calls = () =>
      w.t.catalog.calls.recent(
        (r) => r.call === "lingdong.payByCard" && r.request.includes(order.vouchers[0].code),
        50,
      );
    w.sims.faults.lingdong.update({ calls: { payByCard: { lostResponseRate: 1 } } });
    try {
      await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, pay(order.totalFen));
      await w.t.runDueVoucherSteps();
    } finally {
      w.sims.faults.lingdong.reset();
    }
    expect((await w.api.get<Json>(`/v1/voucher-orders/${order.id}`)).body.status).toBe("ACTIVE");
    expect(calls()).toHaveLength(1);
    expect(calls()[0]!.outcome).toBe("outcome_unknown");
    expect(lingdongSmsLog(w.lingdong).filter((s) => s.text.includes(order.vouchers[0].code))).toHaveLength(1);
  });

  it("asks again on the timetable while the vendor is down (injected clock), then activates", async () => {
    const order = (await buy(cinemaProduct(), 1)).body;
    await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, pay(order.totalFen));
    w.sims.faults.lingdong.update({ default: { down: true } });
    try {
      const before = w.sims.clocks.lingdong.now();
      expect(await w.t.runDueVoucherSteps()).toBe(1);
      const step = w.t.voucherSteps.find((s) => s.orderId === order.id)!;
      // 30 s after the failed attempt (the simulators' clock also runs in real time meanwhile).
      expect(step.atMs - before).toBeGreaterThanOrEqual(30_000);
      expect(step.atMs - w.sims.clocks.lingdong.now()).toBeLessThanOrEqual(30_000);
      expect((await w.api.get<Json>(`/v1/voucher-orders/${order.id}`)).body.status).toBe("ACTIVATING");
      // Not yet due: nothing runs.
      expect(await w.t.runDueVoucherSteps()).toBe(0);
    } finally {
      w.sims.faults.lingdong.reset();
    }
    w.advance(30_000);
    expect(await w.t.runDueVoucherSteps()).toBe(1);
    expect((await w.api.get<Json>(`/v1/voucher-orders/${order.id}`)).body.status).toBe("ACTIVE");
  });
});

describe("cancel (the vendor's ban) and status", () => {
  it("voids an unpaid order's card; a confirm afterwards conflicts", async () => {
    const order = (await buy(cinemaProduct(), 1)).body;
    const cancelled = await w.api.post<Json>(`/v1/voucher-orders/${order.id}/cancel`, undefined);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "CANCELLED", vouchers: [{ vendorStatus: "3" }] });
    const late = await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, pay(order.totalFen));
    expect(late.body.code).toBe("ORDER_STATE_CONFLICT");
    // Cancelling again answers the same.
    expect((await w.api.post<Json>(`/v1/voucher-orders/${order.id}/cancel`, undefined)).body.status).toBe("CANCELLED");
  });

  it("bans an unused active card; a used one is refused with 409", async () => {
    const unused = await activeOrder();
    const banned = await w.api.post<Json>(`/v1/voucher-orders/${unused.id}/cancel`, undefined);
    expect(banned.body).toMatchObject({ status: "BANNED", vouchers: [{ vendorStatus: "3" }] });
    expect(banned.body.bannedAt).toBeDefined();

    const used = await activeOrder(2);
    redeemLingdongVoucher(w.lingdong, used.vouchers[0].code, 1);
    const refused = await w.api.post<Json>(`/v1/voucher-orders/${used.id}/cancel`, undefined);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("ORDER_STATE_CONFLICT");
  });

  it("refresh=true reads the card's state from the vendor: tickets used, then USED", async () => {
    const order = await activeOrder(2);
    redeemLingdongVoucher(w.lingdong, order.vouchers[0].code, 1);
    expect((await w.api.get<Json>(`/v1/voucher-orders/${order.id}`)).body.vouchers[0].usedTickets).toBe(0);
    const one = (await w.api.get<Json>(`/v1/voucher-orders/${order.id}?refresh=true`)).body;
    expect(one).toMatchObject({ status: "ACTIVE", vouchers: [{ usedTickets: 1 }] });
    redeemLingdongVoucher(w.lingdong, order.vouchers[0].code, 1);
    const all = (await w.api.get<Json>(`/v1/voucher-orders/${order.id}?refresh=true`)).body;
    expect(all).toMatchObject({ status: "USED", vouchers: [{ usedTickets: 2, vendorStatus: "2" }] });
  });

  it("lists the channel's orders; another channel sees none of them", async () => {
    const list = (await w.api.get<Json>("/v1/voucher-orders?status=ACTIVE")).body;
    expect(list.total).toBeGreaterThan(0);
    for (const o of list.items) expect(o.status).toBe("ACTIVE");
    const other = await w.t.channels.create({ code: "other-vouchers", name: "other" });
    const { ChannelClient } = await import("../../src/client/channel-client.js");
    const api = new ChannelClient({ baseUrl: w.t.baseUrl, channelCode: "other-vouchers", secret: other.secret });
    expect((await api.get<Json>(`/v1/voucher-orders/${list.items[0].id}`)).status).toBe(404);
    expect((await api.get<Json>("/v1/voucher-orders")).body.total).toBe(0);
  });

  it("never lets the full mobile reach a log line, a response or a recorded vendor call", async () => {
    await activeOrder();
    expect(w.t.logs.join("\n")).not.toContain(MOBILE);
    const recorded = w.t.catalog.calls.recent(() => true, 2000);
    expect(recorded.some((r) => r.call === "lingdong.buyByCinema")).toBe(true);
    for (const r of recorded) expect(`${r.request}\n${r.response}`).not.toContain(MOBILE);
    const list = await w.api.get<Json>("/v1/voucher-orders?pageSize=200");
    expect(JSON.stringify(list.body)).not.toContain(MOBILE);
  });
});

describe("a crash in the middle of an activation", () => {
  /** What the step writes before it sends payByCard; the process then dies (no finish, no next step). */
  async function crashedAfterBegin(orderId: string, attempt: number) {
    const now = w.sims.clocks.lingdong.now();
    await w.t.db
      .updateTable("voucher_orders")
      .set({ activation: JSON.stringify({ startedAt: now, attempt, begunAt: now, nextAt: now }) })
      .where("id", "=", orderId)
      .execute();
    w.t.voucherSteps.splice(0, w.t.voucherSteps.length);
  }
  const appCalls = (call: string, cardNo: string) =>
    w.t.catalog.calls.recent((r) => r.call === `lingdong.${call}` && r.request.includes(cardNo), 50);

  it("resumes by the vendor's status when the cut-off call had reached it: payByCard is not sent again", async () => {
    const order = (await buy(cinemaProduct(), 1)).body;
    const cardNo = order.vouchers[0].code;
    await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, pay(order.totalFen));
    await crashedAfterBegin(order.id, 1);
    // The dead process's request, as it reached Lingdong: the same req_id the step would have sent.
    const dead = createLingdongConnector({
      baseUrl: w.sims.urls.lingdong,
      accountId: "the-crashed-process",
      credentials: { ...demoAccounts.lingdong },
      clock: w.sims.clocks.lingdong,
      recorder: new RingCallRecorder(10),
    });
    expect((await dead.activate({ cardNo, orderId: order.id, attempt: 1 })).ok).toBe(true);
    await dead.close();
    // The sweeper finds the overdue activation and queues it again.
    w.advance(2 * 60_000);
    const swept = await sweepVouchers(w.t.db, w.sims.clocks.lingdong.now(), w.t.vouchers.deps.scheduler);
    expect(swept.requeued).toBeGreaterThanOrEqual(1);
    expect(await w.t.runDueVoucherSteps()).toBeGreaterThanOrEqual(1);
    expect((await w.api.get<Json>(`/v1/voucher-orders/${order.id}`)).body.status).toBe("ACTIVE");
    expect(appCalls("payByCard", cardNo)).toHaveLength(0);
    expect(appCalls("status", cardNo).length).toBeGreaterThanOrEqual(1);
    expect(lingdongSmsLog(w.lingdong).filter((m) => m.text.includes(cardNo))).toHaveLength(1);
  });

  it("sends a new attempt (a new req_id) only when the status says the card is still inactive", async () => {
    const order = (await buy(cinemaProduct(), 1)).body;
    const cardNo = order.vouchers[0].code;
    await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, pay(order.totalFen));
    await crashedAfterBegin(order.id, 1);
    await w.t.vouchers.deps.scheduler.schedule(order.id, w.sims.clocks.lingdong.now());
    await w.t.runDueVoucherSteps();
    expect((await w.api.get<Json>(`/v1/voucher-orders/${order.id}`)).body.status).toBe("ACTIVE");
    const sent = appCalls("payByCard", cardNo);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.request).toContain(`req_id=${sideEffectReqId("payByCard", order.id, 2)}`);
  });

  it("ends a buy a crash left in CREATING, so its Idempotency-Key can be used again", async () => {
    const k = key();
    const product = cinemaProduct();
    const body = { productId: product.productId, count: 1, mobile: MOBILE };
    // What a create that died after its first transaction leaves: the claim naming a CREATING order.
    const first = await buy(product, 1, k);
    await w.t.db.updateTable("voucher_orders").set({ status: "CREATING" }).where("id", "=", first.body.id).execute();
    await w.t.db
      .updateTable("idempotency_keys")
      .set({ status_code: null, response: JSON.stringify({ id: first.body.id, pending: true }) })
      .where("key", "=", k)
      .execute();
    const waiting = await w.api.post<Json>("/v1/voucher-orders", body, { "idempotency-key": k });
    expect(waiting.status).toBe(409);
    w.advance(3 * 60_000);
    expect((await sweepVouchers(w.t.db, w.sims.clocks.lingdong.now(), w.t.vouchers.deps.scheduler)).abandoned).toBe(1);
    const retried = await w.api.post<Json>("/v1/voucher-orders", body, { "idempotency-key": k });
    expect(retried.status).toBe(201);
    expect(retried.body.id).not.toBe(first.body.id);
  });
});

// Last: a day of failed calls opens the connector's circuit breaker, which the tests above must not meet.
describe("an activation the vendor never settles", () => {
  it("hands an activation the vendor never settles to a person after a day, without guessing", async () => {
    const order = (await buy(cinemaProduct(), 1)).body;
    await w.api.post<Json>(`/v1/voucher-orders/${order.id}/confirm`, pay(order.totalFen));
    w.sims.faults.lingdong.update({ default: { down: true } });
    try {
      let steps = 0;
      while (w.t.voucherSteps.some((s) => s.orderId === order.id) && steps < 200) {
        w.advance(30 * 60_000);
        steps += await w.t.runDueVoucherSteps();
      }
      expect(steps).toBeLessThan(200);
    } finally {
      w.sims.faults.lingdong.reset();
    }
    const got = (await w.api.get<Json>(`/v1/voucher-orders/${order.id}`)).body;
    expect(got).toMatchObject({ status: "ACTIVATING", needsAttention: true });
  });
});
