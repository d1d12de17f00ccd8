import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyWrite, storedOf } from "../../src/payments/config.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { TEST_MASTER_KEY } from "../support/app.js";
import {
  addressOf,
  buyer,
  driveUntil,
  lockedPaidOrder,
  notifiesSettled,
  type PaidWorld,
  paidWorld,
  paymentsOf,
} from "./saga-harness.js";
import { control } from "./wechatpay-sim-controls.js";

/**
 * The same saga for a cinema whose merchant only has a WeChat Pay API v2 key (payments.md §2): the
 * trade is made over XML, the notify arrives as signed XML on `/payments/wechat/v2/notify/{cinemaId}`
 * and is answered with WeChat's XML.
 */
let pw: PaidWorld;

beforeAll(async () => {
  pw = await paidWorld("ykse", 37);
  const settings = pw.w.t.catalog.settings;
  const record = await settings.get(pw.w.cinemaId);
  const box = new SecretBox(TEST_MASTER_KEY);
  const next = applyWrite(
    storedOf(record.document),
    {
      wechat: {
        appId: pw.pay.demo.appId,
        mchId: pw.pay.demo.mchId,
        apiVersion: "v2",
        apiKey: pw.pay.demo.apiKey,
        apiBaseUrl: pw.pay.url,
      },
    },
    box,
  );
  const put = await settings.put(pw.w.cinemaId, record.version, { ...record.document, payments: next }, "test");
  expect(put.ok).toBe(true);
}, 120_000);
afterAll(() => pw?.close());

const notifyRows = (outTradeNo: string) =>
  pw.w.t.db.selectFrom("payment_notifies").selectAll().where("out_trade_no", "=", outTradeNo).orderBy("id").execute();

describe("paid-order saga (WeChat Pay v2 simulator)", () => {
  it("pay → XML notify on the v2 route, verified with the API key → ISSUED", async () => {
    const { order, outTradeNo } = await lockedPaidOrder(pw, 0);
    const [created] = await paymentsOf(pw, order.id);
    expect(created!.provider).toBe("wechat_v2");
    await buyer(pw, outTradeNo, "pay");
    const [delivery] = await notifiesSettled(pw, outTradeNo);
    expect(delivery.state).toBe("delivered");
    expect((await notifyRows(outTradeNo)).map((n) => [n.provider, n.verified, n.outcome])).toEqual([
      ["wechat_v2", true, "paid"],
    ]);
    const final = await driveUntil(pw, order.id, (o) => o.status !== "LOCKED" && o.status !== "CONFIRMING");
    expect(final.status).toBe("ISSUED");
  });

  it("a v2 notify signed with the wrong key is refused and changes nothing", async () => {
    await control(pw.pay, "PUT", "/payment-faults", { signature: "wrong_key", signatureScope: "notifies" });
    try {
      const { order, outTradeNo } = await lockedPaidOrder(pw, 1);
      await buyer(pw, outTradeNo, "pay");
      const [delivery] = await notifiesSettled(pw, outTradeNo);
      expect(delivery.state).toBe("pending");
      expect((await paymentsOf(pw, order.id))[0]!.state).toBe("CREATED");
    } finally {
      await control(pw.pay, "POST", "/faults/reset", {});
    }
  });

  it("the v2 route answers a notify for a cinema without a merchant with WeChat's XML FAIL, not a 500", async () => {
    const res = await fetch(`${addressOf(pw.notifyServer)}/payments/wechat/v2/notify/no-such-cinema`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: "<xml><return_code><![CDATA[SUCCESS]]></return_code></xml>",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<return_code><![CDATA[FAIL]]></return_code>");
  });
});
