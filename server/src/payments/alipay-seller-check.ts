import type { Finding, Text } from "./check.js";
import type { OpenedAlipayConfig } from "./config.js";

const T = (zh: string, en: string): Text => ({ zh, en });

const SELLER_FIX = T(
  "在支付宝商家平台「账号中心 → 账号信息」复制合作伙伴身份（PID，2088 开头的 16 位数字），填入「卖家 PID」。",
  "Copy the partner id (PID, 16 digits starting 2088) from Alipay's merchant platform → account centre → account information into the seller PID field.",
);

/**
 * The `alipay.sellerId` finding. The seller PID is optional: without it the first verified notice
 * fixes the seller (trust on first use, paid-orders.ts), with it every notice must name it. What it
 * must not be is malformed or the APPID: every payment notice would then be refused as another
 * seller's. No Alipay API answers a PID for an app, so this check is local only.
 */
export function sellerIdFinding(c: OpenedAlipayConfig): Finding {
  const id = c.sellerId;
  if (id === undefined) {
    return {
      check: "alipay.sellerId",
      ok: true,
      message: T(
        "未填写卖家 PID：以第一条验签通过的支付宝通知中的卖家为准。建议填写，使通知从第一条起即核对卖家。",
        "No seller PID: the seller of the first verified Alipay notice is taken as the cinema's. Entering it checks the seller from the first notice on.",
      ),
      fix: SELLER_FIX,
    };
  }
  if (id === c.appId || !/^2088\d{12}$/.test(id)) {
    const appIdNote = id === c.appId ? T("，这是 APPID", "; this is the APPID") : T("", "");
    return {
      check: "alipay.sellerId",
      ok: false,
      message: T(
        `卖家 PID「${id}」不对（应为 2088 开头的 16 位数字${appIdNote.zh}），所有支付通知都会因卖家不符被拒收。`,
        `Seller PID "${id}" is wrong (16 digits starting 2088${appIdNote.en}): every payment notice would be refused as another seller's.`,
      ),
      fix: SELLER_FIX,
    };
  }
  return {
    check: "alipay.sellerId",
    ok: true,
    message: T(
      `卖家 PID ${id} 格式正确，支付通知须来自此卖家。`,
      `Seller PID ${id} is well formed; notices must name it.`,
    ),
  };
}
