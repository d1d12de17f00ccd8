import type { FastifyInstance, FastifyReply } from "fastify";
import { checkFaultPatch } from "../core/fault-patch.js";
import { yuan } from "./crypto.js";
import { buyerAction } from "./gateway.js";
import { type AlipayFaults, type AlipayState, defaultAlipayFaults } from "./state.js";

/**
 * The test and demo back door under /_control (plain JSON, not Alipay's protocol): apps and keys,
 * the buyer at the cashier, faults, the clock, and what was notified.
 */
export function registerAlipayControl(app: FastifyInstance, s: AlipayState): void {
  app.register(
    async (scope) => {
      const json = (body: unknown): Record<string, unknown> | undefined => {
        if (typeof body !== "string" || body === "") return {};
        try {
          const v = JSON.parse(body);
          return typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined;
        } catch {
          return undefined;
        }
      };
      const bad = (reply: FastifyReply, message: string, status = 400) =>
        reply
          .code(status)
          .send({ error: status === 404 ? "not_found" : status === 409 ? "conflict" : "bad_request", message });

      /** Alipay's public key, as an app's page on the open platform shows it. */
      scope.get("/alipay", async () => ({ alipayPublicKeyPem: s.alipay.pair.publicPem }));

      scope.get("/apps", async () => ({
        apps: s.apps.list().map((a) => ({ appId: a.appId, sellerId: a.sellerId, balanceFen: a.balanceFen })),
      }));

      // A demo app's full credentials (the simulator made its key pair): sandbox only.
      scope.get("/apps/:appId/credentials", async (req, reply) => {
        const creds = s.apps.issued.get((req.params as { appId: string }).appId);
        return creds ?? bad(reply, "no app issued by the simulator with that appId", 404);
      });

      // An app that brings its own key pair uploads the public half, as on the open platform.
      scope.post("/apps", async (req, reply) => {
        const b = json(req.body);
        if (!b || typeof b.appId !== "string" || typeof b.appPublicKeyPem !== "string") {
          return bad(reply, "body must be {appId, appPublicKeyPem, sellerId?, balanceFen?}");
        }
        try {
          const a = s.apps.register({
            appId: b.appId,
            appPublicKeyPem: b.appPublicKeyPem,
            ...(typeof b.sellerId === "string" ? { sellerId: b.sellerId } : {}),
            ...(Number.isSafeInteger(b.balanceFen) ? { balanceFen: b.balanceFen as number } : {}),
          });
          return reply.code(201).send({ appId: a.appId, sellerId: a.sellerId });
        } catch (err) {
          return bad(reply, `cannot read the app public key: ${(err as Error).message}`);
        }
      });

      scope.patch("/apps/:appId", async (req, reply) => {
        const a = s.apps.get((req.params as { appId: string }).appId);
        if (!a) return bad(reply, "unknown appId", 404);
        const b = json(req.body);
        if (!b) return bad(reply, "body must be a JSON object");
        if (Number.isSafeInteger(b.balanceFen)) a.balanceFen = b.balanceFen as number;
        return { appId: a.appId, sellerId: a.sellerId, balanceFen: a.balanceFen };
      });

      /** The buyer at the cashier (the pay URL must have been opened): pay, pay_late, pay_twice, cancel. */
      scope.post("/trades/:outTradeNo/buyer", async (req, reply) => {
        const { outTradeNo } = req.params as { outTradeNo: string };
        const b = json(req.body);
        const action = b?.action;
        if (action !== "pay" && action !== "pay_late" && action !== "cancel" && action !== "pay_twice") {
          return bad(reply, "body must be {action: pay | pay_late | cancel | pay_twice, appId?}");
        }
        const r = buyerAction(s, typeof b?.appId === "string" ? b.appId : undefined, outTradeNo, action);
        if (!r.ok) return bad(reply, r.message, r.status);
        return { tradeNo: r.trade.tradeNo, tradeStatus: r.trade.status };
      });

      scope.get("/trades", async (req) => {
        const { appId } = req.query as { appId?: string };
        return {
          trades: s.book
            .allTrades()
            .filter((t) => !appId || t.order.appId === appId)
            .map((t) => ({
              appId: t.order.appId,
              outTradeNo: t.order.outTradeNo,
              tradeNo: t.tradeNo,
              tradeStatus: t.status,
              totalAmount: yuan(t.order.totalFen),
              refundedAmount: yuan(t.refundedFen),
            })),
          refunds: s.book
            .allRefunds()
            .filter((r) => !appId || r.appId === appId)
            .map((r) => ({ outTradeNo: r.outTradeNo, outRequestNo: r.outRequestNo, refundAmount: yuan(r.refundFen) })),
        };
      });

      scope.get("/notifies", async () => ({
        notifies: s.notifier.list().map((d) => ({
          id: d.id,
          appId: d.spec.appId,
          outTradeNo: d.spec.outTradeNo,
          notifyId: d.spec.notifyId,
          tradeStatus: d.spec.tradeStatus,
          url: d.spec.url,
          state: d.state,
          attempts: d.attempts,
        })),
      }));

      scope.get("/payment-faults", async () => s.faults);
      scope.put("/payment-faults", async (req, reply) => {
        const b = json(req.body);
        const checked = b ? checkAlipayFaults(b) : "body must be a JSON object";
        if (typeof checked === "string") return bad(reply, checked);
        s.faults = { ...s.faults, ...checked };
        return s.faults;
      });

      scope.get("/faults", async () => s.ctx.faults.config);
      scope.put("/faults", async (req, reply) => {
        const checked = checkFaultPatch(json(req.body));
        if (!checked.ok) return bad(reply, checked.error);
        return s.ctx.faults.update(checked.value);
      });
      scope.post("/faults/reset", async () => {
        s.ctx.faults.reset();
        s.faults = defaultAlipayFaults();
        return { faults: s.ctx.faults.config, paymentFaults: s.faults };
      });

      scope.get("/clock", async () => ({ now: s.now(), iso: new Date(s.now()).toISOString() }));
      scope.post("/clock/advance", async (req, reply) => {
        const b = json(req.body);
        const ms = typeof b?.ms === "number" ? b.ms : typeof b?.minutes === "number" ? b.minutes * 60_000 : Number.NaN;
        if (!Number.isFinite(ms) || ms < 0) return bad(reply, "body must be {ms} or {minutes}: a finite number ≥ 0");
        s.ctx.clock.advance(ms);
        return { now: s.now(), iso: new Date(s.now()).toISOString() };
      });
    },
    { prefix: "/_control" },
  );
}

/** Hand-checked like core/fault-patch.ts: a typo must be a 400, never a silent no-op. */
function checkAlipayFaults(b: Record<string, unknown>): Partial<AlipayFaults> | string {
  const out: Partial<AlipayFaults> = {};
  for (const [k, v] of Object.entries(b)) {
    switch (k) {
      case "notifyLostRate":
        if (typeof v !== "number" || !(v >= 0 && v <= 1)) return "notifyLostRate must be between 0 and 1";
        out.notifyLostRate = v;
        break;
      case "notifyDelayMs":
        if (typeof v !== "number" || !Number.isFinite(v) || v < 0) return "notifyDelayMs must be a number ≥ 0";
        out.notifyDelayMs = v;
        break;
      case "signature":
        if (v !== "ok" && v !== "wrong_key") return "signature must be ok or wrong_key";
        out.signature = v;
        break;
      case "signatureScope":
        if (v !== "responses" && v !== "notifies" && v !== "both")
          return "signatureScope must be responses, notifies or both";
        out.signatureScope = v;
        break;
      case "refundRefusal":
        if (v !== null && (typeof v !== "string" || !/^[A-Za-z][A-Za-z0-9_.-]{2,60}$/.test(v)))
          return "refundRefusal must be a sub_code like ACQ.SELLER_BALANCE_NOT_ENOUGH, or null";
        out.refundRefusal = v as string | null;
        break;
      default:
        return `${k} is not a payment fault (notifyLostRate, notifyDelayMs, signature, signatureScope, refundRefusal)`;
    }
  }
  return out;
}
