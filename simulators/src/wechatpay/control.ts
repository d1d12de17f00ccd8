import type { FastifyInstance } from "fastify";
import {
  controlError as bad,
  faultRules,
  controlBody as json,
  registerPaymentControlBasics,
} from "../pay-core/control.js";
import type { OAuthApps } from "./oauth.js";
import { defaultPaymentFaults, type WechatPayState } from "./state.js";
import type { Trade } from "./trades.js";
import { transactionJson } from "./v3-routes.js";

/**
 * The test and demo back door under /_control (plain JSON, not WeChat's protocol): the buyer's
 * side of a payment (pays, cancels, pays twice), merchants and their keys, WeChat's public keys,
 * faults, the clock, and what was notified.
 */
export function registerWechatPayControl(
  app: FastifyInstance,
  s: WechatPayState,
  onPaid: (t: Trade, times: number) => void,
  oauth?: OAuthApps,
): void {
  app.register(
    async (scope) => {
      // WeChat's keys, as a merchant downloads them from its merchant platform (§1.5).
      scope.get("/platform", async () => ({
        publicKeyId: s.platform.publicKeyId,
        publicKeyPem: s.platform.pair.publicPem,
        certificateSerial: s.platform.certificateSerial,
        certificatePem: s.platform.certificatePem,
      }));

      // A 公众号 the simulated WeChat's OAuth knows (its AppID and AppSecret).
      scope.post("/oauth-apps", async (req, reply) => {
        const b = json(req.body);
        if (!oauth || !b || typeof b.appId !== "string" || typeof b.appSecret !== "string") {
          return bad(reply, "body must be {appId, appSecret}");
        }
        oauth.register(b.appId, b.appSecret);
        return reply.code(201).send({ appId: b.appId });
      });

      scope.get("/merchants", async () => ({
        merchants: s.merchants.list().map((m) => ({
          mchId: m.mchId,
          appIds: [...m.appIds],
          certificateSerials: [...m.certificates.keys()],
          signWith: m.signWith,
          balanceFen: m.balanceFen,
        })),
      }));

      // A demo merchant's full credentials (the simulator made its key pair): sandbox only.
      scope.get("/merchants/:mchId/credentials", async (req, reply) => {
        const creds = s.merchants.issued.get((req.params as { mchId: string }).mchId);
        return creds ?? bad(reply, "no merchant issued by the simulator with that mchId", 404);
      });

      // A merchant that brings its own key pair registers the public half, as a real one uploads its CSR.
      scope.post("/merchants", async (req, reply) => {
        const b = json(req.body);
        if (
          !b ||
          typeof b.mchId !== "string" ||
          !Array.isArray(b.appIds) ||
          typeof b.apiV3Key !== "string" ||
          Buffer.byteLength(b.apiV3Key) !== 32 ||
          typeof b.certificates !== "object" ||
          b.certificates === null
        ) {
          return bad(
            reply,
            "body must be {mchId, appIds[], apiV3Key (32 bytes), certificates {serial: publicKeyPem}, apiKey?, signWith?, balanceFen?}",
          );
        }
        try {
          const m = s.merchants.register(b as Parameters<typeof s.merchants.register>[0]);
          return reply.code(201).send({ mchId: m.mchId });
        } catch (err) {
          return bad(reply, `cannot read a certificate public key: ${(err as Error).message}`);
        }
      });

      scope.patch("/merchants/:mchId", async (req, reply) => {
        const m = s.merchants.get((req.params as { mchId: string }).mchId);
        if (!m) return bad(reply, "unknown mchId", 404);
        const b = json(req.body);
        if (!b) return bad(reply, "body must be a JSON object");
        if (b.signWith === "public_key" || b.signWith === "certificate") m.signWith = b.signWith;
        if (Number.isSafeInteger(b.balanceFen)) m.balanceFen = b.balanceFen as number;
        if (Array.isArray(b.appIds)) m.appIds = new Set(b.appIds.filter((a): a is string => typeof a === "string"));
        return { mchId: m.mchId, signWith: m.signWith, balanceFen: m.balanceFen, appIds: [...m.appIds] };
      });

      /**
       * The buyer at the cashier: `pay` (before time_expire), `pay_late` (after it: the late payment
       * the saga must refund), `cancel` (closes the cashier; the trade stays NOTPAY, §1.8), and
       * `pay_twice` (pays, and WeChat delivers the notify twice, §1.7).
       */
      scope.post("/trades/:outTradeNo/buyer", async (req, reply) => {
        const { outTradeNo } = req.params as { outTradeNo: string };
        const b = json(req.body);
        const action = b?.action;
        if (action !== "pay" && action !== "pay_late" && action !== "cancel" && action !== "pay_twice") {
          return bad(reply, "body must be {action: pay | pay_late | cancel | pay_twice, mchId?}");
        }
        const candidates = s.book
          .allTrades()
          .filter((t) => t.outTradeNo === outTradeNo && (b?.mchId === undefined || t.mchId === b.mchId));
        const t = candidates[0];
        if (!t) return bad(reply, "no such trade", 404);
        if (t.state !== "NOTPAY") return bad(reply, `the trade is ${t.state}, the buyer cannot pay it`, 409);
        if (action === "cancel") return { outcome: "get_brand_wcpay_request:cancel", trade: transactionJson(t) };
        if (action !== "pay_late" && s.now() > t.timeExpire) {
          return bad(reply, "the trade's time_expire has passed (use pay_late to force a late payment)", 409);
        }
        s.book.pay(t, s.now());
        onPaid(t, action === "pay_twice" ? 2 : 1);
        return { outcome: "get_brand_wcpay_request:ok", trade: transactionJson(t) };
      });

      scope.get("/trades", async (req) => {
        const { mchId } = req.query as { mchId?: string };
        return {
          trades: s.book
            .allTrades()
            .filter((t) => !mchId || t.mchId === mchId)
            .map(transactionJson),
          refunds: s.book
            .allRefunds()
            .filter((r) => !mchId || r.mchId === mchId)
            .map((r) => ({
              outRefundNo: r.outRefundNo,
              outTradeNo: r.outTradeNo,
              refundFen: r.refundFen,
              status: r.status,
            })),
        };
      });

      scope.get("/notifies", async () => ({
        notifies: s.notifier.list().map((d) => ({
          id: d.id,
          event: d.spec.event,
          mchId: d.spec.mchId,
          outTradeNo: d.spec.outTradeNo,
          ...(d.spec.outRefundNo ? { outRefundNo: d.spec.outRefundNo } : {}),
          url: d.spec.url,
          state: d.state,
          attempts: d.attempts,
        })),
      }));

      registerPaymentControlBasics(scope, s, defaultPaymentFaults, PAYMENT_FAULT_RULES);
    },
    { prefix: "/_control" },
  );
}

const PAYMENT_FAULT_RULES = {
  notifyLostRate: faultRules.rate(),
  notifyDelayMs: faultRules.ms(),
  signature: faultRules.oneOf(["ok", "wrong_key", "probe", "stale", "unknown_serial"]),
  signatureScope: faultRules.oneOf(
    ["responses", "notifies", "both"],
    "signatureScope must be responses, notifies or both",
  ),
  refundSettleMs: faultRules.ms(),
  refundRefusal: faultRules.codeOrNull(/^[A-Z_]{3,40}$/, "refundRefusal must be a code like NOT_ENOUGH, or null"),
};
