import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import { expect } from "vitest";
import { type RunningWechatPay, startWechatPaySimulator } from "../../../simulators/src/wechatpay/index.js";
import { paymentNotifyRoutes } from "../../src/http/routes/payment-notify.js";
import { configureDemoPayments, readDemoWechatPay } from "../../src/payments/demo.js";
import { PaidOrders } from "../../src/payments/paid-orders.js";
import { SecretBox } from "../../src/security/secret-box.js";
import {
  createOrder,
  freeNormalSeats,
  type Json,
  type OrderWorld,
  orderWorld,
  sellableShowtime,
} from "../orders/harness.js";
import { TEST_MASTER_KEY } from "../support/app.js";
import { control } from "./wechatpay-sim-controls.js";

/**
 * The paid-order world: the vendor simulators and the app (orders/harness.ts), the WeChat Pay
 * simulator on the same injected clock (its request-signature window is ±300 s, so the clocks must
 * agree), every cinema configured against it (payments/demo.ts), the payment side bound to the
 * app's order workflow, and the notify routes served over real HTTP on loopback.
 */
export interface PaidWorld {
  w: OrderWorld;
  pay: RunningWechatPay;
  payments: PaidOrders;
  notifyServer: FastifyInstance;
  now(): number;
  close(): Promise<void>;
}

export async function paidWorld(
  vendor: OrderWorld["vendor"] = "ykse",
  seed = 31,
  appOpts: Parameters<typeof orderWorld>[2] = {},
): Promise<PaidWorld> {
  const w = await orderWorld(vendor, seed, appOpts);
  const clock = w.sims.clocks[vendor];
  const pay = await startWechatPaySimulator({ ctx: { clock } });
  const box = new SecretBox(TEST_MASTER_KEY);
  const notifyServer = Fastify({ logger: false });
  let notifyBase = "";
  const deps = w.t.orders.deps;
  const payments = new PaidOrders({
    db: w.t.db,
    clock,
    settings: w.t.catalog.settings,
    box,
    orders: deps.orders,
    publicBaseUrl: () => notifyBase,
  });
  await notifyServer.register(paymentNotifyRoutes, { payments });
  notifyBase = await notifyServer.listen({ port: 0, host: "127.0.0.1" });
  // The app's workflow reads `deps.payments` on every step: binding it here is what start-orders.ts does.
  deps.payments = payments;
  // The same queue the test app keeps (one queued step per order), so runDueSteps runs woken orders.
  payments.bindScheduler({
    schedule: async (orderId, atMs) => {
      const i = w.t.scheduled.findIndex((s) => s.orderId === orderId);
      if (i >= 0) w.t.scheduled.splice(i, 1);
      w.t.scheduled.push({ orderId, atMs });
    },
  });
  const written = await configureDemoPayments(
    { db: w.t.db, settings: w.t.catalog.settings, box },
    await readDemoWechatPay(pay.url, pay.demo.mchId),
  );
  expect(written).toBeGreaterThan(0);
  return {
    w,
    pay,
    payments,
    notifyServer,
    now: () => clock.now(),
    close: async () => {
      await notifyServer.close();
      await pay.close();
      await w.close();
    },
  };
}

/** A LOCKED one-seat order of the buyer site, and its open WeChat trade. */
export async function lockedPaidOrder(pw: PaidWorld, skip = 0): Promise<{ order: Json; outTradeNo: string }> {
  const { showtime, seats } = await sellableShowtime(pw.w, 6);
  const created = await createOrder(pw.w, showtime.id, [freeNormalSeats(seats, 1, skip)[0].id]);
  expect(created.status).toBe(201);
  expect(created.body.status).toBe("LOCKED");
  const started = await pw.payments.startPayment(created.body.id, {
    method: "wechat",
    openid: pw.pay.demo.openid,
    clientIp: "127.0.0.1",
  });
  return { order: created.body, outTradeNo: started.outTradeNo };
}

export const buyer = (pw: PaidWorld, outTradeNo: string, action: "pay" | "pay_late" | "cancel" | "pay_twice") =>
  control(pw.pay, "POST", `/trades/${outTradeNo}/buyer`, { action });

/** Waits (real time, briefly) until the simulator has no notify still being delivered for the trade. */
export async function notifiesSettled(pw: PaidWorld, outTradeNo: string, atLeast = 1): Promise<Json[]> {
  for (let i = 0; i < 200; i++) {
    const { notifies } = (await control(pw.pay, "GET", "/notifies")) as { notifies: Json[] };
    const mine = notifies.filter((n) => n.outTradeNo === outTradeNo);
    const attempted = mine.filter((n) => n.attempts.length > 0 || n.state !== "pending");
    if (mine.length >= atLeast && attempted.length === mine.length) {
      await new Promise((r) => setTimeout(r, 30));
      return mine;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the simulator's notifies for ${outTradeNo} did not settle`);
}

/** Runs due order steps and refund attempts, a minute of injected time at a time, until `done`. */
export async function driveUntil(
  pw: PaidWorld,
  orderId: string,
  done: (order: Json) => boolean,
  maxMinutes = 30,
): Promise<Json> {
  for (let m = 0; m <= maxMinutes; m++) {
    await pw.w.t.runDueSteps();
    await pw.payments.driveDueRefunds();
    await pw.w.t.runDueSteps();
    const order = await orderView(pw, orderId);
    if (done(order)) return order;
    pw.w.advance(60_000);
  }
  return orderView(pw, orderId);
}

export async function orderView(pw: PaidWorld, orderId: string): Promise<Json> {
  return (await pw.w.api.get<Json>(`/v1/orders/${orderId}`)).body;
}

export const paymentsOf = (pw: PaidWorld, orderId: string) => pw.payments.store.forOrder(orderId);

export const refundsOf = (pw: PaidWorld, orderId: string) => pw.payments.store.refundsForOrder(orderId);

export const simTrades = async (pw: PaidWorld) =>
  (await control(pw.pay, "GET", "/trades")) as {
    trades: Json[];
    refunds: Array<{ outRefundNo: string; outTradeNo: string; refundFen: number; status: string }>;
  };

export function addressOf(app: FastifyInstance): string {
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A paid order whose vendor confirm fails and whose refund the merchant keeps refusing: flagged. */
export async function flaggedRefund(pw: PaidWorld, skip = 0) {
  pw.w.sims.faults.ykse.update({ slowIssueMinutes: 40, slowIssueOutcome: "success" });
  await control(pw.pay, "PUT", "/payment-faults", { refundRefusal: "NOT_ENOUGH" });
  const { order, outTradeNo } = await lockedPaidOrder(pw, skip);
  await buyer(pw, outTradeNo, "pay");
  await notifiesSettled(pw, outTradeNo);
  const stuck = await driveUntil(pw, order.id, (o) => o.needsAttention === true, 60 * 6);
  expect(stuck.needsAttention).toBe(true);
  const [r] = await refundsOf(pw, order.id);
  expect(r).toMatchObject({ state: "FLAGGED", flagged: true, attempts: 6 });
  return { order, outTradeNo, outRefundNo: r!.out_refund_no };
}
