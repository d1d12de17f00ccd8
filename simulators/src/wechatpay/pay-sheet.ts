import type { FastifyInstance, FastifyReply } from "fastify";
import { paySignMessage, verify } from "./crypto.js";
import { escapeHtml, hiddenFields, simPage } from "./sim-page.js";
import type { WechatPayState } from "./state.js";
import type { Trade } from "./trades.js";

type Q = Record<string, string | undefined>;

const PARAMS = ["appId", "timeStamp", "nonceStr", "package", "signType", "paySign", "return"] as const;

/**
 * The simulated WeChat's JSAPI pay sheet: what `WeixinJSBridge.invoke('getBrandWCPayRequest', …)`
 * shows inside WeChat (payments.md §1.6), as a page a desktop browser can open. It checks the
 * parameters as WeChat does (the prepay exists, the AppID is the order's, the paySign verifies with
 * the merchant's API certificate key), pays the trade as the control API's "buyer pays" does
 * (notify included) and sends the buyer back to `return` with the bridge's `err_msg` outcome.
 */
export function registerPaySheet(app: FastifyInstance, s: WechatPayState, onPaid: (t: Trade) => void): void {
  const fail = (reply: FastifyReply, message: string, back?: string) =>
    reply
      .code(400)
      .type("text/html; charset=utf-8")
      .send(
        simPage(
          "支付失败",
          `<div class="card error">${escapeHtml(message)}</div>${
            back ? `<a class="btn secondary" href="${escapeHtml(withOutcome(back, "fail"))}">返回商户</a>` : ""
          }`,
        ),
      );

  const checkParams = (q: Q): { trade: Trade } | { error: string } => {
    const prepayId = q.package?.startsWith("prepay_id=") ? q.package.slice("prepay_id=".length) : undefined;
    const trade = prepayId ? s.book.allTrades().find((t) => t.prepayId === prepayId) : undefined;
    if (!trade) return { error: "prepay_id 无效 / unknown prepay_id" };
    if (q.appId !== trade.appId) return { error: "appId 与下单时不一致 / appId differs from the order's" };
    if (q.signType !== "RSA" || !q.timeStamp || !q.nonceStr || !q.paySign)
      return { error: "缺少参数 / missing parameters" };
    const merchant = s.merchants.get(trade.mchId);
    const message = paySignMessage(q.appId, q.timeStamp, q.nonceStr, q.package!);
    const signed = merchant && [...merchant.certificates.values()].some((k) => verify(k, message, q.paySign!));
    if (!signed) return { error: "支付验证签名失败 / paySign does not verify" };
    return { trade };
  };

  const returnOf = (q: Q) => (q.return && /^https?:\/\/\S+$/.test(q.return) ? q.return : undefined);

  /** The sheet's parameters checked: an unpaid trade, or the failure page already sent. */
  const payable = (q: Q, reply: FastifyReply): Trade | undefined => {
    const checked = checkParams(q);
    if ("error" in checked) {
      void fail(reply, checked.error, returnOf(q));
      return undefined;
    }
    const t = checked.trade;
    if (t.state !== "NOTPAY") {
      void fail(reply, `订单已${t.state === "SUCCESS" ? "支付" : "关闭"} / the trade is ${t.state}`, returnOf(q));
      return undefined;
    }
    return t;
  };

  app.get("/_sim/jsapi-pay", async (req, reply) => {
    const q = req.query as Q;
    const back = returnOf(q);
    const t = payable(q, reply);
    if (!t) return reply;
    const pass = Object.fromEntries(PARAMS.filter((k) => q[k] !== undefined).map((k) => [k, q[k]!]));
    return reply.type("text/html; charset=utf-8").send(
      simPage(
        "微信支付",
        `<div class="card"><div>${escapeHtml(t.description)}</div>
<div class="amount" data-testid="wechat-sim-amount">¥${(t.totalFen / 100).toFixed(2)}</div>
<div class="hint">商户号 ${escapeHtml(t.mchId)}</div></div>
<form method="get" action="/_sim/jsapi-pay/confirm">${hiddenFields(pass)}
<button type="submit" data-testid="wechat-sim-pay">支付 / Pay</button></form>
${back ? `<a class="btn secondary" data-testid="wechat-sim-cancel" href="${escapeHtml(withOutcome(back, "cancel"))}">取消 / Cancel</a>` : ""}`,
      ),
    );
  });

  app.get("/_sim/jsapi-pay/confirm", async (req, reply) => {
    const q = req.query as Q;
    const back = returnOf(q);
    const t = payable(q, reply);
    if (!t) return reply;
    if (s.now() > t.timeExpire) return fail(reply, "订单已过期 / the trade's time_expire has passed", back);
    s.book.pay(t, s.now());
    onPaid(t);
    if (!back)
      return reply.type("text/html; charset=utf-8").send(simPage("支付成功", `<div class="card">支付成功</div>`));
    return reply.redirect(withOutcome(back, "ok"));
  });
}

/** The merchant page again, told what the bridge would have said (`get_brand_wcpay_request:…`). */
function withOutcome(back: string, outcome: "ok" | "cancel" | "fail"): string {
  const u = new URL(back);
  u.searchParams.set("wechat_pay", outcome);
  return u.toString();
}
