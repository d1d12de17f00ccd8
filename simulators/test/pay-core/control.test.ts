import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningAlipay, startAlipaySimulator } from "../../src/alipay/index.js";
import { type RunningWechatPay, startWechatPaySimulator } from "../../src/wechatpay/index.js";

/** The /_control basics both payment simulators share (pay-core/control.ts), over HTTP. */
let ali: RunningAlipay;
let wx: RunningWechatPay;

beforeAll(async () => {
  ali = await startAlipaySimulator();
  wx = await startWechatPaySimulator();
});
afterAll(async () => {
  await ali.close();
  await wx.close();
});

async function put(url: string, path: string, body: string) {
  const res = await fetch(`${url}/_control${path}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("payment simulators' control basics", () => {
  it("a payment fault typo or a value out of range is a 400 naming it, never a silent no-op", async () => {
    const cases: Array<[() => string, Record<string, unknown> | string, string]> = [
      [
        () => ali.url,
        { notifyLostRat: 0.5 },
        "notifyLostRat is not a payment fault (notifyLostRate, notifyDelayMs, signature, signatureScope, refundRefusal)",
      ],
      [
        () => wx.url,
        { notifyLostRat: 0.5 },
        "notifyLostRat is not a payment fault (notifyLostRate, notifyDelayMs, signature, signatureScope, refundSettleMs, refundRefusal)",
      ],
      [() => ali.url, { notifyLostRate: 1.5 }, "notifyLostRate must be between 0 and 1"],
      [() => wx.url, { refundSettleMs: -1 }, "refundSettleMs must be a number ≥ 0"],
      [() => ali.url, { signature: "probe" }, "signature must be ok or wrong_key"],
      [() => wx.url, { signature: "bad" }, "signature must be one of ok, wrong_key, probe, stale, unknown_serial"],
      [() => wx.url, { signatureScope: "all" }, "signatureScope must be responses, notifies or both"],
      [
        () => ali.url,
        { refundRefusal: "x" },
        "refundRefusal must be a sub_code like ACQ.SELLER_BALANCE_NOT_ENOUGH, or null",
      ],
      [() => wx.url, { refundRefusal: "not_enough" }, "refundRefusal must be a code like NOT_ENOUGH, or null"],
      [() => wx.url, "[1]", "body must be a JSON object"],
    ];
    for (const [url, body, message] of cases) {
      const res = await put(url(), "/payment-faults", typeof body === "string" ? body : JSON.stringify(body));
      expect(res, message).toEqual({ status: 400, json: { error: "bad_request", message } });
    }
  });

  it("accepted payment faults merge into the current ones, and one reset restores both kinds of fault", async () => {
    for (const [sim, refusal] of [
      [ali, "ACQ.SELLER_BALANCE_NOT_ENOUGH"],
      [wx, "NOT_ENOUGH"],
    ] as const) {
      expect((await put(sim.url, "/payment-faults", JSON.stringify({ notifyDelayMs: 1000 }))).json).toMatchObject({
        notifyDelayMs: 1000,
        refundRefusal: null,
      });
      const merged = await put(sim.url, "/payment-faults", JSON.stringify({ refundRefusal: refusal }));
      expect(merged).toMatchObject({ status: 200, json: { notifyDelayMs: 1000, refundRefusal: refusal } });
      expect((await put(sim.url, "/faults", JSON.stringify({ rateLimitPerSecond: 3 }))).status).toBe(200);
      const reset = (await (await fetch(`${sim.url}/_control/faults/reset`, { method: "POST" })).json()) as {
        faults: { rateLimitPerSecond: number };
        paymentFaults: { notifyDelayMs: number; refundRefusal: string | null };
      };
      expect(reset.faults.rateLimitPerSecond).toBe(0);
      expect(reset.paymentFaults).toMatchObject({ notifyDelayMs: 0, refundRefusal: null });
    }
  });

  it("the clock moves forward by {ms} or {minutes} and refuses anything else", async () => {
    const before = ((await (await fetch(`${wx.url}/_control/clock`)).json()) as { now: number }).now;
    const moved = await fetch(`${wx.url}/_control/clock/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ minutes: 2 }),
    });
    expect(((await moved.json()) as { now: number }).now).toBeGreaterThanOrEqual(before + 120_000);
    const bad = await fetch(`${ali.url}/_control/clock/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ms: -5 }),
    });
    expect(bad.status).toBe(400);
  });
});
