import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { runWithFaults } from "../core/fault-http.js";
import type { Merchant } from "./merchants.js";
import type { WechatPayState } from "./state.js";
import { MAX_REFUNDS_PER_TRADE, type Refund, type Trade } from "./trades.js";
import {
  buildXml,
  compactTime,
  encryptReqInfo,
  nonce,
  parseCompactTime,
  parseXml,
  spacedTime,
  v2Sign,
} from "./v2-wire.js";
import { queueRefundNotify } from "./v3-routes.js";
import { notifyUrlProblem } from "./v3-rules.js";

/** A business refusal: `return_code` SUCCESS, `result_code` FAIL with err_code (§2). */
class BizError {
  constructor(
    readonly code: string,
    readonly des: string,
  ) {}
}
/** A transport refusal: `return_code` FAIL with return_msg (signature, format, certificate). */
class ReturnError {
  constructor(readonly msg: string) {}
}

const OUT_TRADE_NO_V2 = /^[0-9A-Za-z_\-|*]{6,32}$/;

/**
 * The API v2 front door (payments.md §2) over the same trade book as v3. The merchant
 * certificate that /secapi requires is checked by TLS in real life; this loopback simulator speaks
 * plain HTTP, so it does not see one (see the README).
 */
export function registerV2(app: FastifyInstance, s: WechatPayState): void {
  const render = (kind: "error" | "down" | "rateLimited") =>
    kind === "down"
      ? { status: 503, body: "<html><body>503 Service Unavailable</body></html>", contentType: "text/html" }
      : {
          status: 200,
          contentType: "text/xml",
          body: buildXml({
            return_code: "SUCCESS",
            result_code: "FAIL",
            err_code: kind === "rateLimited" ? "FREQUENCY_LIMITED" : "SYSTEMERROR",
            err_code_des: kind === "rateLimited" ? "频率限制" : "系统错误",
          }),
        };

  const route = (
    path: string,
    call: string,
    fn: (p: Record<string, string>, m: Merchant) => Record<string, string | undefined>,
  ) =>
    app.post(path, async (req: FastifyRequest, reply: FastifyReply) => {
      reply.type("text/xml");
      const p = parseXml(typeof req.body === "string" ? req.body : "");
      if (!p) return buildXml({ return_code: "FAIL", return_msg: "XML_FORMAT_ERROR" });
      const m = s.merchants.get(p.mch_id ?? "");
      const signOut = (fields: Record<string, string | undefined>) => {
        const out: Record<string, string | undefined> = {
          appid: p.appid,
          mch_id: p.mch_id,
          nonce_str: nonce(),
          ...fields,
        };
        const f = s.paymentFaults;
        const wrong = f.signature === "wrong_key" && f.signatureScope !== "notifies";
        if (m && fields.return_code === "SUCCESS") {
          out.sign = v2Sign(out, wrong ? "WRONG-KEY-0000000000000000000000" : m.apiKey, p.sign_type ?? "MD5");
        }
        return buildXml(out);
      };
      if (!m?.apiKey) return signOut({ return_code: "FAIL", return_msg: "mch_id参数格式错误或商户号不存在" });
      const type = p.sign_type ?? "MD5";
      if (type !== "MD5" && type !== "HMAC-SHA256")
        return signOut({ return_code: "FAIL", return_msg: "sign_type参数错误" });
      if (!p.sign || v2Sign(p, m.apiKey, type) !== p.sign)
        return signOut({ return_code: "FAIL", return_msg: "签名错误" });
      const result = await runWithFaults(s.ctx.faults, `v2.${call}`, reply, render, () => {
        try {
          return signOut({ return_code: "SUCCESS", return_msg: "OK", result_code: "SUCCESS", ...fn(p, m) });
        } catch (err) {
          if (err instanceof BizError) {
            return signOut({
              return_code: "SUCCESS",
              return_msg: "OK",
              result_code: "FAIL",
              err_code: err.code,
              err_code_des: err.des,
            });
          }
          if (err instanceof ReturnError) return signOut({ return_code: "FAIL", return_msg: err.msg });
          throw err;
        }
      });
      return result;
    });

  route("/pay/unifiedorder", "unifiedorder", (p, m) => {
    for (const f of ["appid", "body", "out_trade_no", "total_fee", "spbill_create_ip", "notify_url", "trade_type"]) {
      if (!p[f]) throw new BizError("LACK_PARAMS", `缺少参数 ${f}`);
    }
    if (!m.appIds.has(p.appid!)) throw new BizError("APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
    if (!OUT_TRADE_NO_V2.test(p.out_trade_no!)) throw new BizError("INVALID_REQUEST", "out_trade_no 格式错误");
    const total = Number(p.total_fee);
    if (!/^\d+$/.test(p.total_fee!) || total < 1) throw new BizError("INVALID_REQUEST", "total_fee 必须为≥1的整数");
    if (p.trade_type === "JSAPI" && !p.openid)
      throw new BizError("INVALID_REQUEST", "trade_type=JSAPI时（即JSAPI支付），必须传openid");
    const notify = notifyUrlProblem(p.notify_url!);
    if (notify) throw new BizError("INVALID_REQUEST", notify);
    const fingerprint = JSON.stringify([
      p.appid,
      p.body,
      total,
      p.openid,
      p.time_expire ?? "",
      p.attach ?? "",
      p.notify_url,
    ]);
    const existing = s.book.trade(m.mchId, p.out_trade_no!);
    if (existing) {
      if (existing.state === "SUCCESS" || existing.state === "REFUND") throw new BizError("ORDERPAID", "该订单已支付");
      if (existing.state === "CLOSED") throw new BizError("ORDERCLOSED", "该订单已关闭");
      if (existing.fingerprint !== fingerprint) throw new BizError("INVALID_REQUEST", "201 商户订单号重复");
      return { prepay_id: s.book.renewPrepay(existing), trade_type: "JSAPI" };
    }
    const now = s.now();
    const asked = p.time_expire ? parseCompactTime(p.time_expire) : now + 7 * 86_400_000;
    if (asked === undefined) throw new BizError("INVALID_REQUEST", "time_expire 格式错误（yyyyMMddHHmmss）");
    const t = s.book.addTrade({
      mchId: m.mchId,
      appId: p.appid!,
      outTradeNo: p.out_trade_no!,
      description: p.body!,
      totalFen: total,
      openid: p.openid ?? "",
      notifyUrl: p.notify_url!,
      ...(p.attach ? { attach: p.attach } : {}),
      timeExpire: Math.max(asked, now + 60_000),
      createdAt: now,
      fingerprint,
      api: "v2",
    });
    return { prepay_id: t.prepayId, trade_type: "JSAPI" };
  });

  route("/pay/orderquery", "orderquery", (p, m) => {
    const t = p.transaction_id
      ? s.book.tradeByTransaction(m.mchId, p.transaction_id)
      : s.book.trade(m.mchId, p.out_trade_no ?? "");
    if (!t) throw new BizError("ORDERNOTEXIST", "订单不存在");
    return tradeFields(t);
  });

  route("/pay/closeorder", "closeorder", (p, m) => {
    const t = s.book.trade(m.mchId, p.out_trade_no ?? "");
    if (!t) throw new BizError("ORDERNOTEXIST", "订单不存在");
    if (t.state === "SUCCESS" || t.state === "REFUND")
      throw new BizError("ORDERPAID", "订单已支付，不能发起关单，请当作已支付的正常交易");
    if (t.state === "CLOSED") throw new BizError("ORDERCLOSED", "订单已关闭");
    t.state = "CLOSED";
    return {};
  });

  route("/secapi/pay/refund", "refund", (p, m) => {
    if (!p.out_refund_no || !p.total_fee || !p.refund_fee) throw new BizError("PARAM_ERROR", "缺少参数");
    const t = p.transaction_id
      ? s.book.tradeByTransaction(m.mchId, p.transaction_id)
      : s.book.trade(m.mchId, p.out_trade_no ?? "");
    if (!t) throw new BizError("ORDERNOTEXIST", "订单不存在");
    if (t.state === "NOTPAY" || t.state === "CLOSED") throw new BizError("ORDERNOTEXIST", "订单未支付");
    const refundFen = Number(p.refund_fee);
    const totalFen = Number(p.total_fee);
    const fingerprint = JSON.stringify([t.outTradeNo, refundFen, totalFen]);
    const existing = s.book.refund(m.mchId, p.out_refund_no);
    if (existing) {
      if (existing.fingerprint !== fingerprint) throw new BizError("INVALID_REQUEST", "退款单号重复，参数与首次不一致");
      return refundFields(existing);
    }
    if (!Number.isSafeInteger(refundFen) || refundFen < 1 || totalFen !== t.totalFen)
      throw new BizError("INVALID_REQUEST", "金额错误");
    if (t.refundedFen + refundFen > t.totalFen) throw new BizError("INVALID_REQUEST", "退款金额大于支付金额");
    if (s.book.refundsOf(t).length >= MAX_REFUNDS_PER_TRADE)
      throw new BizError("INVALID_REQUEST", "部分退款次数超过50次");
    const refusal = s.paymentFaults.refundRefusal;
    if (refusal) throw new BizError(refusal === "NOT_ENOUGH" ? "NOTENOUGH" : refusal, "退款请求被拒绝");
    if (m.balanceFen < refundFen) throw new BizError("NOTENOUGH", "基本账户余额不足");
    if (p.notify_url && notifyUrlProblem(p.notify_url)) throw new BizError("PARAM_ERROR", "notify_url 错误");
    m.balanceFen -= refundFen;
    const now = s.now();
    const r = s.book.addRefund(t, {
      outRefundNo: p.out_refund_no,
      refundFen,
      totalFen,
      ...(p.refund_desc ? { reason: p.refund_desc } : {}),
      ...(p.notify_url ? { notifyUrl: p.notify_url } : {}),
      createdAt: now,
      settlesAt: now + s.paymentFaults.refundSettleMs,
      fingerprint,
      api: "v2",
    });
    return refundFields(r);
  });

  route("/pay/refundquery", "refundquery", (p, m) => {
    for (const r of s.book.settleRefunds(s.now())) {
      queueRefundNotify(s, r);
      queueRefundNotifyV2(s, r);
    }
    const r = p.out_refund_no ? s.book.refund(m.mchId, p.out_refund_no) : undefined;
    if (!r) throw new BizError("REFUNDNOTEXIST", "退款订单查询失败");
    const word = r.status === "CLOSED" ? "REFUNDCLOSE" : r.status === "ABNORMAL" ? "CHANGE" : r.status;
    return {
      transaction_id: r.transactionId,
      out_trade_no: r.outTradeNo,
      total_fee: String(r.totalFen),
      refund_count: "1",
      out_refund_no_0: r.outRefundNo,
      refund_id_0: r.refundId,
      refund_fee_0: String(r.refundFen),
      refund_status_0: word,
      ...(r.successTime !== undefined ? { refund_success_time_0: spacedTime(r.successTime) } : {}),
    };
  });
}

function tradeFields(t: Trade): Record<string, string | undefined> {
  const paid = t.state === "SUCCESS" || t.state === "REFUND";
  return {
    out_trade_no: t.outTradeNo,
    trade_state: t.state,
    trade_state_desc: paid ? "支付成功" : t.state === "CLOSED" ? "订单已关闭" : "订单未支付",
    total_fee: String(t.totalFen),
    fee_type: "CNY",
    trade_type: "JSAPI",
    ...(paid
      ? {
          transaction_id: t.transactionId,
          cash_fee: String(t.totalFen),
          time_end: compactTime(t.successTime ?? 0),
          openid: t.openid,
          bank_type: "OTHERS",
          attach: t.attach,
        }
      : {}),
  };
}

const refundFields = (r: Refund) => ({
  transaction_id: r.transactionId,
  out_trade_no: r.outTradeNo,
  out_refund_no: r.outRefundNo,
  refund_id: r.refundId,
  refund_fee: String(r.refundFen),
  total_fee: String(r.totalFen),
  cash_fee: String(r.totalFen),
});

/** §2 payment notify: signed XML; the merchant answers return_code SUCCESS. */
export function queuePaymentNotifyV2(s: WechatPayState, t: Trade, times = 1): void {
  const m = s.merchants.get(t.mchId);
  if (!m) return;
  const spec = {
    event: "v2.pay",
    mchId: t.mchId,
    outTradeNo: t.outTradeNo,
    url: t.notifyUrl,
    render: () => {
      const fields: Record<string, string | undefined> = {
        return_code: "SUCCESS",
        result_code: "SUCCESS",
        appid: t.appId,
        mch_id: t.mchId,
        nonce_str: nonce(),
        sign_type: "HMAC-SHA256",
        ...tradeFields(t),
      };
      delete fields.trade_state;
      delete fields.trade_state_desc;
      const f = s.paymentFaults;
      const wrong = f.signature !== "ok" && f.signatureScope !== "responses";
      fields.sign = v2Sign(fields, wrong ? "WRONG-KEY-0000000000000000000000" : m.apiKey, "HMAC-SHA256");
      return { headers: { "content-type": "text/xml" }, body: buildXml(fields) };
    },
    accepted: (status: number, body: string) => status === 200 && /<return_code>(<!\[CDATA\[)?SUCCESS/.test(body),
  };
  for (let i = 0; i < times; i++) s.notifier.schedule(spec);
}

/** §2 refund notify: no sign, req_info encrypted under the MD5 of the API key. */
export function queueRefundNotifyV2(s: WechatPayState, r: Refund): void {
  const m = s.merchants.get(r.mchId);
  const t = s.book.trade(r.mchId, r.outTradeNo);
  const url = r.notifyUrl ?? t?.notifyUrl;
  if (!m || !url || r.api !== "v2") return;
  s.notifier.schedule({
    event: "v2.refund",
    mchId: r.mchId,
    outTradeNo: r.outTradeNo,
    outRefundNo: r.outRefundNo,
    url,
    render: () => {
      const inner = buildXml(
        {
          transaction_id: r.transactionId,
          out_trade_no: r.outTradeNo,
          refund_id: r.refundId,
          out_refund_no: r.outRefundNo,
          total_fee: String(r.totalFen),
          refund_fee: String(r.refundFen),
          settlement_refund_fee: String(r.refundFen),
          refund_status: r.status,
          success_time: spacedTime(r.successTime ?? s.now()),
          refund_recv_accout: "支付用户的零钱",
          refund_account: "REFUND_SOURCE_UNSETTLED_FUNDS",
          refund_request_source: "API",
        },
        "root",
      );
      const f = s.paymentFaults;
      const key =
        f.signature !== "ok" && f.signatureScope !== "responses" ? "WRONG-KEY-0000000000000000000000" : m.apiKey;
      const body = buildXml({
        return_code: "SUCCESS",
        appid: t?.appId,
        mch_id: r.mchId,
        nonce_str: nonce(),
        req_info: encryptReqInfo(inner, key),
      });
      return { headers: { "content-type": "text/xml" }, body };
    },
    accepted: (status, body) => status === 200 && /<return_code>(<!\[CDATA\[)?SUCCESS/.test(body),
  });
}
