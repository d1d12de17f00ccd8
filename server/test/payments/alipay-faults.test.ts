import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningAlipay, startAlipaySimulator } from "../../../simulators/src/alipay/index.js";
import { RETRY_OFFSETS_MS } from "../../../simulators/src/alipay/notifier.js";
import { AlipayClient } from "../../src/payments/alipay/client.js";
import type { PaymentResult } from "../../src/payments/provider.js";
import { alipayControl, openCashier } from "./alipay-sim-controls.js";

/**
 * Faults on the Alipay side (payments.md §4): a notify signed by the wrong key, lost or delayed
 * notifies on the documented retry schedule, and gateway 5xx / 503 / 429 / lost answers, each
 * mapped to a result code the caller can act on — never a throw.
 */
describe("Alipay faults against the simulator", () => {
  let sim: RunningAlipay;
  let p: AlipayClient;
  const control = (method: string, path: string, body?: unknown) => alipayControl(sim, method, path, body);
  const code = (r: PaymentResult<unknown>) => (r.ok ? "ok" : r.error.code);
  let seq = 0;
  const no = () => `CGF${Date.now().toString(36)}${++seq}`;
  // Notifies go to a port nobody listens on: delivery fails and is retried on the schedule.
  const deadNotifyUrl = "http://127.0.0.1:9/notify";

  const paid = async (outTradeNo: string, notifyUrl = deadNotifyUrl) => {
    const c = await p.create({
      outTradeNo,
      description: "票",
      amountFen: 1000,
      expiresAt: sim.state.now() + 15 * 60_000,
      notifyUrl,
    });
    if (!c.ok) throw new Error(c.error.message);
    await openCashier(c.value.payParams);
    await control("POST", `/trades/${outTradeNo}/buyer`, { action: "pay" });
  };
  const notifies = async (outTradeNo: string) =>
    (
      (await control("GET", "/notifies")) as { notifies: { outTradeNo: string; state: string; attempts: unknown[] }[] }
    ).notifies.filter((n) => n.outTradeNo === outTradeNo);
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error("timed out");
  };

  beforeAll(async () => {
    sim = await startAlipaySimulator();
    p = new AlipayClient(
      {
        appId: sim.demo.appId,
        privateKeyPem: sim.demo.privateKeyPem,
        alipayPublicKeyPem: sim.demo.alipayPublicKeyPem,
        gatewayUrl: sim.gatewayUrl,
      },
      { clock: { now: () => sim.state.now() }, timeoutMs: 1500 },
    );
  });
  afterAll(async () => {
    await p.dispose();
    await sim.close();
  });
  beforeEach(async () => {
    await control("POST", "/faults/reset", {});
    await control("PUT", "/faults", { hangMs: 2000 });
  });

  it("a notify signed with the wrong key never verifies; the same notify signed right does", async () => {
    const received: string[] = [];
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push(body);
        res.end("failure");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/n`;
    try {
      await control("PUT", "/payment-faults", { signature: "wrong_key", signatureScope: "notifies" });
      const n = no();
      await paid(n, url);
      await until(async () => received.length === 1);
      const bad = await p.verifyNotify({ headers: {}, body: received[0]! });
      expect(code(bad)).toBe("bad_signature");
      await control("PUT", "/payment-faults", { signature: "ok" });
      await control("POST", "/clock/advance", { ms: RETRY_OFFSETS_MS[1]! });
      await until(async () => received.length === 2);
      const good = await p.verifyNotify({ headers: {}, body: received[1]! });
      expect(good.ok && good.value.kind === "payment" && good.value.trade.state).toBe("paid");
      // Same event, same notify_id, on every retry (§4).
      expect(new URLSearchParams(received[0]!).get("notify_id")).toBe(
        new URLSearchParams(received[1]!).get("notify_id"),
      );
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("an unanswered notify follows §4's schedule: 8 attempts over 24h24m, then Alipay gives up", async () => {
    const n = no();
    await paid(n);
    await until(async () => (await notifies(n))[0]?.attempts.length === 1);
    for (let i = 1; i < RETRY_OFFSETS_MS.length; i++) {
      const gap = RETRY_OFFSETS_MS[i]! - RETRY_OFFSETS_MS[i - 1]!;
      // One minute short of the retry: nothing new is sent.
      await control("POST", "/clock/advance", { ms: gap - 60_000 });
      await new Promise((r) => setTimeout(r, 60));
      expect((await notifies(n))[0]!.attempts).toHaveLength(i);
      await control("POST", "/clock/advance", { ms: 60_000 });
      await until(async () => (await notifies(n))[0]?.attempts.length === i + 1);
    }
    expect((await notifies(n))[0]!.state).toBe("gave_up");
    expect(RETRY_OFFSETS_MS.at(-1)).toBe((24 * 60 + 24) * 60_000);
  });

  it("a delayed notify waits for the simulated delay; a lost one is retried", async () => {
    await control("PUT", "/payment-faults", { notifyDelayMs: 10 * 60_000, notifyLostRate: 1 });
    const n = no();
    await paid(n);
    await new Promise((r) => setTimeout(r, 80));
    expect((await notifies(n))[0]!.attempts).toHaveLength(0);
    await control("POST", "/clock/advance", { ms: 10 * 60_000 });
    await until(async () => (await notifies(n))[0]?.attempts.length === 1);
    expect((await notifies(n))[0]!.attempts[0]).toMatchObject({ outcome: "lost" });
  });

  it("gateway 5xx, 503 and 429 on a query are retryable result codes, never a throw", async () => {
    await control("PUT", "/faults", { calls: { "alipay.trade.query": { errorRate: 1 } } });
    const r1 = await p.query(no());
    expect(r1.ok ? "ok" : [r1.error.code, r1.error.httpStatus]).toEqual(["provider_unavailable", 500]);
    await control("PUT", "/faults", { calls: { "alipay.trade.query": { down: true } } });
    expect(code(await p.query(no()))).toBe("provider_unavailable");
    await control("PUT", "/faults", { calls: {}, rateLimitPerSecond: 1 });
    const results = await Promise.all([p.query(no()), p.query(no()), p.query(no())]);
    expect(results.map(code)).toContain("rate_limited");
  });

  it("a refund whose answer is lost is outcome_unknown; the refund query then finds it, and a retry moves no money", async () => {
    const n = no();
    await paid(n);
    await control("PUT", "/faults", { calls: { "alipay.trade.refund": { lostResponseRate: 1 } } });
    const r = await p.refund({ outTradeNo: n, outRefundNo: `R${n}`, refundFen: 1000, totalFen: 1000 });
    expect(code(r)).toBe("outcome_unknown");
    await control("POST", "/faults/reset", {});
    const q = await p.queryRefund(`R${n}`, n);
    expect(q.ok && q.value).toMatchObject({ state: "succeeded", refundFen: 1000 });
    const again = await p.refund({ outTradeNo: n, outRefundNo: `R${n}`, refundFen: 1000, totalFen: 1000 });
    expect(again.ok && again.value.state).toBe("succeeded");
    const book = (await control("GET", `/trades?appId=${sim.demo.appId}`)) as {
      refunds: { outTradeNo: string; refundAmount: string }[];
    };
    expect(book.refunds.filter((x) => x.outTradeNo === n)).toEqual([
      expect.objectContaining({ refundAmount: "10.00" }),
    ]);
    expect(code(await p.queryRefund(`NOPE${n}`, n))).toBe("not_found");
  });

  it("an answer whose sign is missing is trusted only as a refusal; garbage is never a crash", async () => {
    const { createServer } = await import("node:http");
    let reply = "";
    const fake = createServer((_req, res) => res.end(reply));
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
    const f = new AlipayClient(
      {
        appId: sim.demo.appId,
        privateKeyPem: sim.demo.privateKeyPem,
        alipayPublicKeyPem: sim.demo.alipayPublicKeyPem,
        gatewayUrl: `http://127.0.0.1:${(fake.address() as { port: number }).port}/gateway.do`,
      },
      { clock: { now: () => sim.state.now() }, timeoutMs: 1500 },
    );
    try {
      reply = '{"alipay_trade_query_response":{"code":"10000","msg":"Success","trade_status":"TRADE_SUCCESS"}}';
      expect(code(await f.query(no()))).toBe("bad_signature");
      reply =
        '{"alipay_trade_query_response":{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST"}}';
      expect(code(await f.query(no()))).toBe("not_found");
      reply = "<html>gateway</html>";
      expect(code(await f.query(no()))).toBe("provider_unavailable");
      expect(code(await f.close(no()))).toBe("outcome_unknown");
      reply = '{"alipay_trade_query_response":{"code":"10000"';
      expect(code(await f.query(no()))).toBe("provider_unavailable");
    } finally {
      await f.dispose();
      await new Promise((r) => fake.close(r));
    }
  });

  it("a 5xx on close is outcome_unknown (the close may have happened)", async () => {
    await control("PUT", "/faults", { calls: { "alipay.trade.close": { errorRate: 1 } } });
    expect(code(await p.close(no()))).toBe("outcome_unknown");
  });

  it("closing a trade Alipay never created is not_found (the pay URL lives until time_expire)", async () => {
    expect(code(await p.close(no()))).toBe("not_found");
  });

  it("the cashier refuses a tampered pay URL, a wrong app key, and a URL past its time_expire", async () => {
    const n = no();
    const c = await p.create({
      outTradeNo: n,
      description: "票",
      amountFen: 100,
      expiresAt: sim.state.now() + 60_000,
      notifyUrl: deadNotifyUrl,
    });
    if (!c.ok || c.value.payParams.kind !== "redirect") throw new Error("no URL");
    const tampered = new URL(c.value.payParams.url);
    tampered.searchParams.set("biz_content", tampered.searchParams.get("biz_content")!.replace('"1.00"', '"0.01"'));
    await expect(openCashier({ kind: "redirect", url: tampered.toString() })).rejects.toThrow(/invalid-signature/);
    await control("POST", "/clock/advance", { ms: 2 * 60_000 });
    await expect(openCashier(c.value.payParams)).rejects.toThrow(/ACQ.TRADE_HAS_CLOSE/);
  });
});
