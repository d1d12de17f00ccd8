import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { runWithFaults } from "../core/fault-http.js";
import type { App } from "./apps.js";
import { chinaTime, content, fenOfYuan, parseChinaTime, REQUEST_DROP, verify, yuan } from "./crypto.js";
import type { AlipayState } from "./state.js";
import type { Trade, WapOrder } from "./trades.js";

/** A business refusal, rendered as `{code, msg, sub_code, sub_msg}` inside the method's response. */
class AliError {
  constructor(
    readonly code: string,
    readonly msg: string,
    readonly subCode: string,
    readonly subMsg: string,
  ) {}
}
const missing = (what: string) =>
  new AliError("40001", "Missing Required Arguments", `isv.missing-${what}`, `缺少${what}参数`);
const invalidParam = (subMsg: string) => new AliError("40004", "Business Failed", "ACQ.INVALID_PARAMETER", subMsg);
const notExist = () => new AliError("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在");
const statusError = () => new AliError("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法");

/** The methods `exec` serves (payments.md §4); `alipay.trade.wap.pay` is the browser's GET. */
const EXEC_METHODS = new Set([
  "alipay.trade.query",
  "alipay.trade.close",
  "alipay.trade.refund",
  "alipay.trade.fastpay.refund.query",
]);

/**
 * `/gateway.do` (payments.md §4 "Simulator"): GET is the buyer's browser bringing a signed
 * `alipay.trade.wap.pay` URL to the cashier page; a form POST is an `exec` call answered with
 * signed JSON. Every request's RSA2 signature is verified against the app public key Alipay holds.
 */
export function registerGateway(app: FastifyInstance, s: AlipayState): void {
  const paramsOf = (req: FastifyRequest): Record<string, string> => {
    const out: Record<string, string> = {};
    const query = req.query as Record<string, unknown>;
    for (const [k, v] of Object.entries(query)) if (typeof v === "string") out[k] = v;
    if (typeof req.body === "string") for (const [k, v] of new URLSearchParams(req.body)) out[k] = v;
    return out;
  };

  /** The app and a verified signature, or why not (§4 "Request signature"). */
  const authenticate = (p: Record<string, string>): App => {
    if (!p.app_id) throw missing("app-id");
    const a = s.apps.get(p.app_id);
    if (!a) throw new AliError("40002", "Invalid Arguments", "isv.invalid-app-id", "无效的AppID参数");
    if (!p.sign) throw missing("signature");
    if (p.sign_type !== "RSA2")
      throw new AliError("40002", "Invalid Arguments", "isv.invalid-signature-type", "无效的签名类型");
    if (!verify(content(p, REQUEST_DROP), p.sign, a.appPublicKey)) {
      throw new AliError(
        "40002",
        "Invalid Arguments",
        "isv.invalid-signature",
        "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配",
      );
    }
    if (!p.method) throw missing("method");
    return a;
  };

  const biz = (p: Record<string, string>): Record<string, unknown> => {
    try {
      const v = JSON.parse(p.biz_content ?? "");
      if (typeof v === "object" && v !== null && !Array.isArray(v)) return v;
    } catch {}
    throw invalidParam("biz_content 不是合法的 JSON 对象");
  };

  const render = (method: string) => (kind: "error" | "down" | "rateLimited") =>
    kind === "down"
      ? { status: 503, body: "Service Unavailable", contentType: "text/plain" }
      : kind === "rateLimited"
        ? { status: 429, body: "Too Many Requests", contentType: "text/plain" }
        : {
            status: 500,
            body: `<html><body>系统繁忙 (${method})</body></html>`,
            contentType: "text/html; charset=utf-8",
          };

  const gateway = async (req: FastifyRequest, reply: FastifyReply) => {
    const p = paramsOf(req);
    const method = p.method ?? "";
    if (req.method === "GET" && method === "alipay.trade.wap.pay") return cashier(req, reply, p);
    const known = EXEC_METHODS.has(method);
    const answerName = known ? method : "error";
    return runWithFaults(s.ctx.faults, method || "unknown", reply, render(method), () => {
      reply.type("application/json; charset=utf-8");
      try {
        const a = authenticate(p);
        if (!known) throw new AliError("40002", "Invalid Arguments", "isv.invalid-method", "不存在的方法名");
        return s.answer(method, { code: "10000", msg: "Success", ...exec(a, method, biz(p)) });
      } catch (err) {
        if (!(err instanceof AliError)) throw err;
        return s.answer(answerName, { code: err.code, msg: err.msg, sub_code: err.subCode, sub_msg: err.subMsg });
      }
    });
  };
  app.get("/gateway.do", gateway);
  app.post("/gateway.do", gateway);

  /** The buyer's browser at the cashier: a page with 付款 / 取消, or Alipay's error page. */
  const cashier = (_req: FastifyRequest, reply: FastifyReply, p: Record<string, string>) =>
    runWithFaults(s.ctx.faults, "alipay.trade.wap.pay", reply, render("alipay.trade.wap.pay"), () => {
      reply.type("text/html; charset=utf-8");
      try {
        const a = authenticate(p);
        const order = wapOrder(a, p, biz(p));
        const existing = s.book.expire(s.book.trade(a.appId, order.outTradeNo), s.now());
        if (existing?.status === "TRADE_CLOSED")
          throw new AliError("40004", "Business Failed", "ACQ.TRADE_HAS_CLOSE", "交易已关闭");
        if (existing && existing.status !== "WAIT_BUYER_PAY")
          throw new AliError("40004", "Business Failed", "ACQ.TRADE_HAS_SUCCESS", "交易已被支付");
        const earlier = s.book.order(a.appId, order.outTradeNo);
        if (earlier && earlier.fingerprint !== order.fingerprint)
          throw new AliError("40004", "Business Failed", "ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改");
        if (s.now() > order.timeExpire)
          throw new AliError("40004", "Business Failed", "ACQ.TRADE_HAS_CLOSE", "交易已超时关闭");
        // The first URL stands (a re-entry with the same fingerprint changes nothing that matters).
        if (!earlier) s.book.putOrder(order);
        const o = earlier ?? order;
        const action = `/cashier/${encodeURIComponent(o.appId)}/${encodeURIComponent(o.outTradeNo)}`;
        return page(
          "支付宝收银台（模拟）",
          `<p>${esc(o.subject)}</p><p>¥${yuan(o.totalFen)}</p>` +
            `<form method="post" action="${action}"><button name="action" value="pay">确认付款</button>` +
            `<button name="action" value="cancel">取消</button></form>`,
        );
      } catch (err) {
        if (!(err instanceof AliError)) throw err;
        reply.code(400);
        return page("支付宝 - 出错了", `<p>错误代码 ${esc(err.subCode)}</p><p>${esc(err.subMsg)}</p>`);
      }
    });

  /** The cashier page's own buttons (the control API offers the same actions to tests). */
  app.post("/cashier/:appId/:outTradeNo", async (req, reply) => {
    const { appId, outTradeNo } = req.params as { appId: string; outTradeNo: string };
    const action = typeof req.body === "string" ? new URLSearchParams(req.body).get("action") : null;
    const r = buyerAction(s, appId, outTradeNo, action === "pay" ? "pay" : "cancel");
    reply.type("text/html; charset=utf-8");
    if (!r.ok) return reply.code(r.status).send(page("支付宝", `<p>${esc(r.message)}</p>`));
    const back = r.trade.status === "TRADE_SUCCESS" ? r.trade.order.returnUrl : r.trade.order.quitUrl;
    return page(
      "支付宝",
      `<p>${r.trade.status === "TRADE_SUCCESS" ? "支付成功" : "已取消"}</p>${back ? `<a href="${esc(back)}">返回商户</a>` : ""}`,
    );
  });

  const wapOrder = (a: App, p: Record<string, string>, b: Record<string, unknown>): WapOrder => {
    if (typeof b.out_trade_no !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(b.out_trade_no))
      throw invalidParam("out_trade_no 无效");
    const total = fenOfYuan(b.total_amount);
    if (total === undefined) throw invalidParam("total_amount 须为 0.01–100000000 元，最多两位小数");
    if (typeof b.subject !== "string" || b.subject.length < 1 || b.subject.length > 256 || /[/=&]/.test(b.subject))
      throw invalidParam("subject 无效（1–256 字符，不可含 / = &）");
    if (b.product_code !== "QUICK_WAP_WAY") throw invalidParam("product_code 须为 QUICK_WAP_WAY");
    let timeExpire = s.now() + 15 * 86_400_000;
    if (b.time_expire !== undefined) {
      timeExpire = parseChinaTime(b.time_expire);
      if (Number.isNaN(timeExpire)) throw invalidParam("time_expire 格式须为 yyyy-MM-dd HH:mm[:ss]");
    } else if (b.timeout_express !== undefined) {
      const m = typeof b.timeout_express === "string" ? /^(\d+)([mhd])$/.exec(b.timeout_express) : null;
      if (!m) throw invalidParam("timeout_express 格式为 1m–15d");
      timeExpire = s.now() + Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "m" | "h" | "d"];
    }
    return {
      appId: a.appId,
      outTradeNo: b.out_trade_no,
      totalFen: total,
      subject: b.subject,
      ...(p.notify_url ? { notifyUrl: p.notify_url } : {}),
      ...(p.return_url ? { returnUrl: p.return_url } : {}),
      ...(typeof b.quit_url === "string" ? { quitUrl: b.quit_url } : {}),
      ...(typeof b.passback_params === "string" ? { passbackParams: b.passback_params } : {}),
      timeExpire,
      fingerprint: JSON.stringify([total, b.subject]),
    };
  };

  const findTrade = (a: App, b: Record<string, unknown>): Trade => {
    const t =
      typeof b.out_trade_no === "string"
        ? s.book.trade(a.appId, b.out_trade_no)
        : typeof b.trade_no === "string"
          ? s.book.tradeByNo(a.appId, b.trade_no)
          : undefined;
    if (typeof b.out_trade_no !== "string" && typeof b.trade_no !== "string")
      throw invalidParam("out_trade_no 与 trade_no 不能同时为空");
    const found = s.book.expire(t, s.now());
    if (!found) throw notExist();
    return found;
  };

  const exec = (a: App, method: string, b: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case "alipay.trade.query": {
        const t = findTrade(a, b);
        const paid = t.gmtPayment !== undefined;
        return {
          trade_no: t.tradeNo,
          out_trade_no: t.order.outTradeNo,
          trade_status: t.status,
          total_amount: yuan(t.order.totalFen),
          ...(paid
            ? {
                buyer_logon_id: "158****1562",
                buyer_user_id: t.buyerId,
                buyer_pay_amount: yuan(t.order.totalFen),
                receipt_amount: yuan(t.order.totalFen),
                send_pay_date: chinaTime(t.gmtPayment!),
              }
            : {}),
        };
      }
      case "alipay.trade.close": {
        const t = findTrade(a, b);
        if (t.status !== "WAIT_BUYER_PAY") throw statusError();
        t.status = "TRADE_CLOSED";
        return { trade_no: t.tradeNo, out_trade_no: t.order.outTradeNo };
      }
      case "alipay.trade.refund": {
        const amount = fenOfYuan(b.refund_amount);
        if (amount === undefined) throw invalidParam("refund_amount 无效");
        const t = findTrade(a, b);
        if (t.gmtPayment === undefined) throw statusError();
        if (t.status === "TRADE_FINISHED")
          throw new AliError("40004", "Business Failed", "ACQ.TRADE_HAS_FINISHED", "交易已完结");
        // Without out_request_no the refund is the whole-trade one, keyed by out_trade_no.
        const requestNo = typeof b.out_request_no === "string" ? b.out_request_no : t.order.outTradeNo;
        const base = { trade_no: t.tradeNo, out_trade_no: t.order.outTradeNo, buyer_logon_id: "158****1562" };
        const earlier = s.book.refund(a.appId, t.order.outTradeNo, requestNo);
        if (earlier) {
          if (earlier.refundFen !== amount)
            throw new AliError("40004", "Business Failed", "ACQ.DISCORDANT_REPEAT_REQUEST", "请求重复但参数不一致");
          return { ...base, fund_change: "N", refund_fee: yuan(t.refundedFen), gmt_refund_pay: chinaTime(earlier.at) };
        }
        if (s.paymentFaults.refundRefusal)
          throw new AliError("40004", "Business Failed", s.paymentFaults.refundRefusal, "退款被拒绝（模拟）");
        if (t.refundedFen + amount > t.order.totalFen)
          throw new AliError("40004", "Business Failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限");
        if (a.balanceFen < amount)
          throw new AliError("40004", "Business Failed", "ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足");
        a.balanceFen -= amount;
        const r = s.book.addRefund(t, {
          outRequestNo: requestNo,
          refundFen: amount,
          ...(typeof b.refund_reason === "string" ? { reason: b.refund_reason } : {}),
          at: s.now(),
        });
        return { ...base, fund_change: "Y", refund_fee: yuan(t.refundedFen), gmt_refund_pay: chinaTime(r.at) };
      }
      case "alipay.trade.fastpay.refund.query": {
        const t = findTrade(a, b);
        const requestNo = typeof b.out_request_no === "string" ? b.out_request_no : undefined;
        if (!requestNo) throw invalidParam("out_request_no 不能为空");
        const r = s.book.refund(a.appId, t.order.outTradeNo, requestNo);
        // A refund Alipay never received: success with no refund in it.
        if (!r) return { trade_no: t.tradeNo, out_trade_no: t.order.outTradeNo };
        return {
          trade_no: t.tradeNo,
          out_trade_no: t.order.outTradeNo,
          out_request_no: r.outRequestNo,
          total_amount: yuan(t.order.totalFen),
          refund_amount: yuan(r.refundFen),
          refund_status: "REFUND_SUCCESS",
          gmt_refund_pay: chinaTime(r.at),
        };
      }
      default:
        throw new AliError("40002", "Invalid Arguments", "isv.invalid-method", "不存在的方法名");
    }
  };
}

export type BuyerOutcome = { ok: true; trade: Trade } | { ok: false; status: number; message: string };

/**
 * The buyer at the cashier for an order the browser brought: `pay`, `pay_late` (after
 * time_expire), `pay_twice` (paid once, the notify delivered twice) or `cancel` (logged in and
 * backed out: the trade exists, WAIT_BUYER_PAY).
 */
export function buyerAction(
  s: AlipayState,
  appId: string | undefined,
  outTradeNo: string,
  action: "pay" | "pay_late" | "pay_twice" | "cancel",
): BuyerOutcome {
  const order = appId ? s.book.order(appId, outTradeNo) : s.book.allOrders().find((o) => o.outTradeNo === outTradeNo);
  if (!order) return { ok: false, status: 404, message: "the buyer never opened a pay URL for that out_trade_no" };
  const now = s.now();
  const existing = s.book.expire(s.book.trade(order.appId, outTradeNo), action === "pay_late" ? 0 : now);
  if (existing && existing.status !== "WAIT_BUYER_PAY")
    return { ok: false, status: 409, message: `the trade is ${existing.status}, the buyer cannot pay it` };
  if (action !== "pay_late" && now > order.timeExpire)
    return {
      ok: false,
      status: 409,
      message: "the trade's time_expire has passed (use pay_late to force a late payment)",
    };
  const t = s.book.openTrade(order, now);
  if (action === "cancel") return { ok: true, trade: t };
  s.book.pay(t, now);
  s.queueNotify(t, action === "pay_twice" ? 2 : 1);
  return { ok: true, trade: t };
}

const esc = (t: string) =>
  t.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
