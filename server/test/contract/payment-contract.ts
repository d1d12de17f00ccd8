import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PaymentErrorCode } from "../../src/payments/codes.js";
import type {
  NotifyAnswer,
  PaymentNotice,
  PaymentProvider,
  PaymentResult,
  PayParams,
} from "../../src/payments/provider.js";

/**
 * The contract every payment provider must pass against its simulator, over real HTTP on loopback
 * (like connector-contract.ts for the seat vendors). A provider's test file calls
 * `runPaymentContract(fixture)`; the fixture starts the simulator and builds providers for it.
 */
export interface PaymentHarness {
  /** Builds the provider under test; `spoiled` uses the right merchant with a wrong key (auth_failed). */
  provider(variant?: "ok" | "spoiled"): PaymentProvider;
  /** The buyer's openid under the cinema's AppID. */
  openid: string;
  /**
   * The buyer at the cashier (the simulator's control call). `payParams` is what `create` gave the
   * buyer's page, for a provider whose cashier is reached through it (Alipay's pay URL); it throws
   * when the cashier refuses.
   */
  buyer(outTradeNo: string, action: "pay" | "pay_late" | "cancel" | "pay_twice", payParams?: PayParams): Promise<void>;
  /** Moves the simulator's clock (notify retries, refund settling, time_expire). */
  advance(ms: number): Promise<void>;
  now(): number;
  /** Payment-side faults (notify loss, signatures, refund refusal) and API faults (5xx, slow …). */
  paymentFaults(patch: Record<string, unknown>): Promise<void>;
  apiFaults(patch: Record<string, unknown>): Promise<void>;
  resetFaults(): Promise<void>;
  /** The call names the simulator's FaultController uses for create and query. */
  calls: { create: string; query: string };
  /** The response-signature faults the protocol has (v3: wrong_key, stale, probe; v2: wrong_key). */
  responseSignatureFaults: string[];
  /**
   * The provider has no trade until the buyer is at its cashier (Alipay WAP, payments.md §4): create
   * makes no call, so it cannot fail or refuse, and a query before the buyer acts is `not_found`.
   */
  createdAtCashier?: boolean;
  /** Simulated ms from a failed notify attempt to the first retry (WeChat 15 s, the default). */
  firstRetryMs?: number;
  /** The provider's code for a refused refund, set as the simulator's `refundRefusal` (default NOT_ENOUGH). */
  refundRefusalCode?: string;
  /** Whether the provider notifies refunds (default true). */
  refundNotifies?: boolean;
  close(): Promise<void>;
}

export interface PaymentContractFixture {
  name: string;
  start(): Promise<PaymentHarness>;
}

/** A loopback notify endpoint that verifies with the provider and answers as it documents. */
class NotifyInbox {
  server!: Server;
  url = "";
  readonly received: { result: PaymentResult<PaymentNotice>; answer: NotifyAnswer }[] = [];
  /** When false, every notify is answered as refused, whatever it holds (the merchant is down). */
  accepting = true;

  constructor(private readonly provider: () => PaymentProvider) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
        const p = this.provider();
        const result = await p.verifyNotify({ headers, body: Buffer.concat(chunks).toString("utf8") });
        const answer = p.notifyAnswer(result.ok && this.accepting);
        this.received.push({ result, answer });
        res.writeHead(answer.status, { "content-type": answer.contentType }).end(answer.body);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/notify/payments`;
  }

  payments(outTradeNo: string) {
    return this.received.filter(
      (r) => r.result.ok && r.result.value.kind === "payment" && r.result.value.trade.outTradeNo === outTradeNo,
    );
  }

  refunds(outRefundNo: string) {
    return this.received.filter(
      (r) => r.result.ok && r.result.value.kind === "refund" && r.result.value.refund.outRefundNo === outRefundNo,
    );
  }

  failures() {
    return this.received.filter((r) => !r.result.ok);
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

/** Polls for something the simulator does in the background (a notify over HTTP), at most `ms` of real time. */
async function eventually(check: () => boolean, ms = 4000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting for the simulator");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const expectError = (r: PaymentResult<unknown>, code: PaymentErrorCode) => {
  expect(r.ok ? "ok" : r.error.code, r.ok ? "" : r.error.message).toBe(code);
};

const value = <T>(r: PaymentResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

export function runPaymentContract(fx: PaymentContractFixture): void {
  describe(`${fx.name} payment provider contract (against its simulator over HTTP)`, () => {
    let h: PaymentHarness;
    let p: PaymentProvider;
    let inbox: NotifyInbox;
    const tradeNo = () => `CG${randomBytes(8).toString("hex")}`;
    /** What each create gave the buyer's page, so the buyer can take it to the cashier. */
    const payParams = new Map<string, PayParams>();
    const buyer = (no: string, action: "pay" | "pay_late" | "cancel" | "pay_twice") =>
      h.buyer(no, action, payParams.get(no));
    const remember = async (outTradeNo: string, r: ReturnType<PaymentProvider["create"]>) => {
      const got = await r;
      if (got.ok && !payParams.has(outTradeNo)) payParams.set(outTradeNo, got.value.payParams);
      return got;
    };
    const create = (outTradeNo: string, amountFen = 3990, expiresInMs = 15 * 60_000) =>
      remember(
        outTradeNo,
        p.create({
          outTradeNo,
          description: "影院票务-测试",
          amountFen,
          openid: h.openid,
          expiresAt: h.now() + expiresInMs,
          notifyUrl: inbox.url,
          attach: "order-1",
          clientIp: "127.0.0.1",
        }),
      );

    beforeAll(async () => {
      h = await fx.start();
      p = h.provider();
      inbox = new NotifyInbox(() => p);
      await inbox.start();
    });
    afterAll(async () => {
      await p?.dispose();
      await inbox?.close();
      await h?.close();
    });
    beforeEach(async () => {
      inbox.accepting = true;
      await h.resetFaults();
    });

    it("creates a trade with the buyer page's parameters; it is pending until paid", async () => {
      const no = tradeNo();
      const created = value(await create(no));
      expect(created.payParams.kind).toMatch(/wechat_jsapi|redirect/);
      if (created.payParams.kind === "wechat_jsapi") {
        expect(created.payParams.bridge.package).toBe(`prepay_id=${created.prepayId}`);
        expect(created.payParams.bridge.timeStamp).toMatch(/^\d{10}$/);
        expect(created.payParams.bridge.paySign.length).toBeGreaterThan(10);
      }
      if (h.createdAtCashier) {
        // No trade until the buyer is at the cashier; then it is waiting for the buyer to pay.
        expectError(await p.query(no), "not_found");
        await buyer(no, "cancel");
      }
      const t = value(await p.query(no));
      expect(t).toMatchObject({ outTradeNo: no, state: "pending", amountFen: 3990 });
      expect(t.transactionId).toBeUndefined();
    });

    it("the buyer pays: a verified notify says paid with the amount, and the query agrees", async () => {
      const no = tradeNo();
      value(await create(no, 4500));
      await buyer(no, "pay");
      await eventually(() => inbox.payments(no).length === 1);
      const notice = value(inbox.payments(no)[0]!.result);
      expect(notice.kind).toBe("payment");
      if (notice.kind !== "payment") return;
      expect(notice.trade).toMatchObject({
        outTradeNo: no,
        state: "paid",
        amountFen: 4500,
        paidFen: 4500,
        attach: "order-1",
      });
      expect(notice.trade.transactionId).toBeTruthy();
      expect(inbox.payments(no)[0]!.answer).toEqual(p.notifyAnswer(true));
      const t = value(await p.query(no));
      expect(t).toMatchObject({ state: "paid", transactionId: notice.trade.transactionId, paidFen: 4500 });
    });

    it("a duplicate notify carries the same event and the same trade (so the receiver can be idempotent)", async () => {
      const no = tradeNo();
      value(await create(no));
      await buyer(no, "pay_twice");
      await eventually(() => inbox.payments(no).length === 2);
      const [a, b] = inbox.payments(no).map((r) => value(r.result));
      expect(a!.notifyId).toBe(b!.notifyId);
      if (a!.kind === "payment" && b!.kind === "payment") expect(a!.trade.transactionId).toBe(b!.trade.transactionId);
    });

    it("a cancelled cashier leaves the trade pending; close makes it closed, twice is harmless, and it cannot be reused", async () => {
      const no = tradeNo();
      value(await create(no));
      await buyer(no, "cancel");
      expect(value(await p.query(no)).state).toBe("pending");
      value(await p.close(no));
      value(await p.close(no));
      expect(value(await p.query(no)).state).toBe("closed");
      await expect(buyer(no, "pay")).rejects.toThrow();
      if (!h.createdAtCashier) expectError(await create(no), "order_closed");
    });

    it("a paid trade cannot be closed", async () => {
      const no = tradeNo();
      value(await create(no));
      await buyer(no, "pay");
      expectError(await p.close(no), "order_paid");
    });

    it("re-entry with the same parameters is accepted, with other parameters refused", async () => {
      const no = tradeNo();
      const expiresAt = h.now() + 10 * 60_000;
      const req = {
        outTradeNo: no,
        description: "票",
        amountFen: 100,
        openid: h.openid,
        expiresAt,
        notifyUrl: inbox.url,
      };
      const first = value(await p.create(req));
      const again = value(await p.create(req));
      if (!h.createdAtCashier) {
        expectError(await p.create({ ...req, amountFen: 200 }), "invalid_request");
        return;
      }
      // No create call: the cashier is where a second URL for the same trade is judged.
      await h.buyer(no, "cancel", first.payParams);
      await h.buyer(no, "cancel", again.payParams);
      const other = value(await p.create({ ...req, amountFen: 200 }));
      await expect(h.buyer(no, "cancel", other.payParams)).rejects.toThrow();
    });

    it("refunds a paid trade: processing then succeeded, a refund notify, the same refund on retry, never more than paid", async () => {
      const no = tradeNo();
      value(await create(no, 3000));
      await buyer(no, "pay");
      const refundNo = `R${no}`;
      const r1 = value(
        await p.refund({
          outTradeNo: no,
          outRefundNo: refundNo,
          refundFen: 3000,
          totalFen: 3000,
          reason: "影院出票失败",
          notifyUrl: inbox.url,
        }),
      );
      expect(r1).toMatchObject({ outRefundNo: refundNo, outTradeNo: no, refundFen: 3000 });
      expect(["processing", "succeeded"]).toContain(r1.state);
      const again = value(
        await p.refund({
          outTradeNo: no,
          outRefundNo: refundNo,
          refundFen: 3000,
          totalFen: 3000,
          notifyUrl: inbox.url,
        }),
      );
      expect(again.refundId).toBe(r1.refundId);
      expect(again.refundFen).toBe(3000);
      if (h.refundNotifies !== false) {
        await eventually(() => inbox.refunds(refundNo).length >= 1);
        const notice = value(inbox.refunds(refundNo)[0]!.result);
        if (notice.kind === "refund") expect(notice.refund).toMatchObject({ state: "succeeded", refundFen: 3000 });
      }
      expect(value(await p.queryRefund(refundNo, no)).state).toBe("succeeded");
      expect(value(await p.query(no)).state).toBe("refunded");
      expectError(
        await p.refund({ outTradeNo: no, outRefundNo: `X${no}`, refundFen: 1, totalFen: 3000 }),
        "invalid_request",
      );
    });

    it("a refund of an unpaid trade is not_found; a refused refund is refund_refused", async () => {
      const no = tradeNo();
      value(await create(no, 500));
      expectError(
        await p.refund({ outTradeNo: no, outRefundNo: `R${no}`, refundFen: 500, totalFen: 500 }),
        "not_found",
      );
      await buyer(no, "pay");
      await h.paymentFaults({ refundRefusal: h.refundRefusalCode ?? "NOT_ENOUGH" });
      expectError(
        await p.refund({ outTradeNo: no, outRefundNo: `R${no}`, refundFen: 500, totalFen: 500 }),
        "refund_refused",
      );
    });

    it("an unknown trade is not_found; bad input is refused before anything is sent", async () => {
      expectError(await p.query(tradeNo()), "not_found");
      expectError(await create(tradeNo(), 0), "invalid_request");
      expectError(await create(tradeNo(), 12.5), "invalid_request");
      expectError(await create("bad no!", 100), "invalid_request");
      expectError(
        await p.refund({ outTradeNo: tradeNo(), outRefundNo: "R1", refundFen: 200, totalFen: 100 }),
        "invalid_request",
      );
    });

    it("a lost notify is delivered again on the retry schedule (the first retry, simulated)", async () => {
      const no = tradeNo();
      value(await create(no));
      await h.paymentFaults({ notifyLostRate: 1 });
      await buyer(no, "pay");
      await new Promise((r) => setTimeout(r, 100));
      expect(inbox.payments(no)).toHaveLength(0);
      await h.paymentFaults({ notifyLostRate: 0 });
      await h.advance(h.firstRetryMs ?? 15_000);
      await eventually(() => inbox.payments(no).length === 1);
    });

    it("a notify the merchant refuses is retried until accepted", async () => {
      const no = tradeNo();
      value(await create(no));
      inbox.accepting = false;
      await buyer(no, "pay");
      await eventually(() => inbox.payments(no).length === 1);
      expect(inbox.payments(no)[0]!.answer).toEqual(p.notifyAnswer(false));
      inbox.accepting = true;
      await h.advance(h.firstRetryMs ?? 15_000);
      await eventually(() => inbox.payments(no).length === 2);
      expect(inbox.payments(no)[1]!.answer).toEqual(p.notifyAnswer(true));
    });

    it("a notify signed by the wrong key is refused as bad_signature (and answered as a failure)", async () => {
      const no = tradeNo();
      value(await create(no));
      await h.paymentFaults({ signature: "wrong_key", signatureScope: "notifies" });
      const before = inbox.failures().length;
      await buyer(no, "pay");
      await eventually(() => inbox.failures().length > before);
      const last = inbox.failures().at(-1)!;
      expectError(last.result, "bad_signature");
      expect(last.answer).toEqual(p.notifyAnswer(false));
      expect(inbox.payments(no)).toHaveLength(0);
    });

    it("an answer signed by the wrong key, stale, or a signature probe is never trusted", async () => {
      const no = tradeNo();
      value(await create(no));
      for (const signature of h.responseSignatureFaults) {
        await h.paymentFaults({ signature, signatureScope: "responses" });
        expectError(await p.query(no), "bad_signature");
      }
    });

    it("provider 5xx: a create is outcome_unknown, a query provider_unavailable", async () => {
      await h.apiFaults({ calls: { [h.calls.create]: { errorRate: 1 }, [h.calls.query]: { errorRate: 1 } } });
      const no = tradeNo();
      if (!h.createdAtCashier) expectError(await create(no), "outcome_unknown");
      expectError(await p.query(no), "provider_unavailable");
    });

    it("a provider slower than our timeout: a create is outcome_unknown (it may exist), a query provider_unavailable", async () => {
      // The harness's providers time out after 3 s; the provider answers after 5 s.
      await h.apiFaults({ calls: { [h.calls.create]: { latencyMs: 5000 }, [h.calls.query]: { latencyMs: 5000 } } });
      const no = tradeNo();
      if (h.createdAtCashier) {
        // Create makes no call; the query is the one that can be slow.
        expectError(await p.query(no), "provider_unavailable");
        return;
      }
      expectError(await create(no), "outcome_unknown");
      expectError(await p.query(no), "provider_unavailable");
      await h.resetFaults();
      // The slow create did reach the provider: the documented query settles what happened.
      let state = "";
      for (let i = 0; i < 50 && state !== "pending"; i++) {
        const q = await p.query(no);
        state = q.ok ? q.value.state : q.error.code;
        if (state !== "pending") await new Promise((r) => setTimeout(r, 100));
      }
      expect(state).toBe("pending");
    }, 20_000);

    it("a wrong merchant key is auth_failed", async () => {
      const spoiled = h.provider("spoiled");
      try {
        expectError(await spoiled.query(tradeNo()), "auth_failed");
      } finally {
        await spoiled.dispose();
      }
    });
  });
}
