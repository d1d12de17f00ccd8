import type { FastifyInstance } from "fastify";
import {
  controlError as bad,
  faultRules,
  controlBody as json,
  registerPaymentControlBasics,
} from "../pay-core/control.js";
import { yuan } from "./crypto.js";
import { buyerAction } from "./gateway.js";
import { type AlipayState, defaultAlipayFaults } from "./state.js";

/**
 * The test and demo back door under /_control (plain JSON, not Alipay's protocol): apps and keys,
 * the buyer at the cashier, faults, the clock, and what was notified.
 */
export function registerAlipayControl(app: FastifyInstance, s: AlipayState): void {
  app.register(
    async (scope) => {
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

      registerPaymentControlBasics(scope, s, defaultAlipayFaults, ALIPAY_FAULT_RULES);
    },
    { prefix: "/_control" },
  );
}

const ALIPAY_FAULT_RULES = {
  notifyLostRate: faultRules.rate(),
  notifyDelayMs: faultRules.ms(),
  signature: faultRules.oneOf(["ok", "wrong_key"], "signature must be ok or wrong_key"),
  signatureScope: faultRules.oneOf(
    ["responses", "notifies", "both"],
    "signatureScope must be responses, notifies or both",
  ),
  refundRefusal: faultRules.codeOrNull(
    /^[A-Za-z][A-Za-z0-9_.-]{2,60}$/,
    "refundRefusal must be a sub_code like ACQ.SELLER_BALANCE_NOT_ENOUGH, or null",
  ),
};
