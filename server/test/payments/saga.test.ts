import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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

describe("paid-order saga (WeChat Pay v3 simulator, ykse)", () => {
  it("pay → verified notify → confirmed at the vendor → ISSUED, the payment kept", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, seat++);
    await buyer(pw, outTradeNo, "pay");
    await notifiesSettled(pw, outTradeNo);
    const final = await driveUntil(pw, order.id, (o) => o.status === "ISSUED");
    expect(final.status).toBe("ISSUED");
    expect(final.paidFen).toBe(order.totalFen);
    expect(final.tickets.length).toBe(1);
    const [p] = await paymentsOf(pw, order.id);
    expect(p).toMatchObject({ state: "PAID", paid_fen: order.totalFen, out_trade_no: outTradeNo });
    expect(p!.payer_masked).toMatch(/^\w{4}\*{4}\w{4}$/);
    expect(await refundsOf(pw, order.id)).toEqual([]);
  });
});
