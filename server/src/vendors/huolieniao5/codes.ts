import type { VendorErrorCode } from "../../domain/errors.js";

/**
 * Every `<code>` public-refs §7.3 lists for 火烈鸟 v5.0 / the CEC-style API (the CEC platform that
 * defines it), plus the one non-CEC code seen from a live 火烈鸟 v3.0 server, mapped to the standard
 * vocabulary. The ranges the refs give without single meanings (224–229 snacks, 280–298 benefit
 * cards, 320–325 member pay) are listed code by code with the range's meaning. A code not here is
 * never guessed: it maps to the call's conservative default (client.ts) and is kept with its raw text.
 */
type Row = { meaning: string; standard: VendorErrorCode | "ok" };

const range = (from: number, to: number, meaning: string, standard: VendorErrorCode): Record<string, Row> =>
  Object.fromEntries(
    Array.from({ length: to - from + 1 }, (_, i) => [String(from + i), { meaning, standard }] as const),
  );

export const HUOLIENIAO5CODES: Readonly<Record<string, Row>> = {
  "001": { meaning: "操作成功", standard: "ok" },
  // Platform
  "900": { meaning: "渠道不存在 (channel not found)", standard: "auth_failed" },
  "901": { meaning: "渠道已关闭 (channel closed)", standard: "auth_failed" },
  "902": { meaning: "渠道已停售 (channel stopped selling)", standard: "config_error" },
  "996": { meaning: "拒绝访问 (access denied)", standard: "auth_failed" },
  "997": { meaning: "参数校验失败 (parameter validation failed)", standard: "invalid_request" },
  "998": { meaning: "签名校验失败 (signature check failed)", standard: "auth_failed" },
  "999": { meaning: "未知错误 (unknown error)", standard: "vendor_unavailable" },
  // Ticketing
  "100": { meaning: "影院不存在 (cinema not found)", standard: "not_found" },
  "101": { meaning: "影院未开通 (cinema not open)", standard: "config_error" },
  "120": { meaning: "影厅不存在 (hall not found)", standard: "not_found" },
  "140": { meaning: "影片不存在 (film not found)", standard: "not_found" },
  "200": { meaning: "场次不存在 (show not found)", standard: "showtime_closed" },
  "202": { meaning: "场次无效 (show invalid; also seen from a live 火烈鸟 server)", standard: "showtime_closed" },
  "204": { meaning: "无替换场次 (no replacement show)", standard: "showtime_closed" },
  "220": { meaning: "订单不存在 (order not found)", standard: "not_found" },
  "221": { meaning: "订单状态不符 (order status mismatch)", standard: "order_state" },
  "222": { meaning: "订单座位不符 (order seats mismatch)", standard: "invalid_request" },
  "223": { meaning: "电影票结算价不符 (settlement price mismatch; also seen from 天河)", standard: "price_rejected" },
  ...range(224, 225, "卖品错误 (snack error, §7.3 224–229)", "invalid_request"),
  "226": { meaning: "座位格式错误 (seat format error)", standard: "invalid_request" },
  ...range(227, 229, "卖品错误/格式 (snack error or format, §7.3 224–229)", "invalid_request"),
  "230": { meaning: "权益卡格式错误 (benefit-card format)", standard: "invalid_request" },
  "240": { meaning: "影院锁座失败 (cinema lock failed)", standard: "seat_unavailable" },
  "241": { meaning: "影院确认失败 (cinema confirm failed)", standard: "vendor_unavailable" },
  "242": { meaning: "影院释放座位失败 (cinema release failed)", standard: "vendor_unavailable" },
  "243": { meaning: "影院退票失败 (cinema refund failed)", standard: "refund_refused" },
  "244": { meaning: "卖品确认失败 (snack confirm failed)", standard: "vendor_unavailable" },
  "245": { meaning: "卖品退货失败 (snack refund failed)", standard: "refund_refused" },
  "246": { meaning: "卖品已取货 (snack printed)", standard: "refund_refused" },
  "250": { meaning: "已过退票时间 (refund window passed)", standard: "refund_refused" },
  "260": { meaning: "凭证不存在 (voucher not found)", standard: "not_found" },
  "261": { meaning: "凭证状态不符 (voucher status mismatch)", standard: "order_state" },
  "262": { meaning: "凭证已打印 (voucher printed)", standard: "refund_refused" },
  "263": { meaning: "影院不支持出票通知 (cinema does not support print notification)", standard: "unsupported" },
  ...range(280, 293, "权益卡错误 (benefit-card code, §7.3 280–298)", "invalid_request"),
  "294": { meaning: "渠道订单号已存在 (channel order code exists)", standard: "order_state" },
  ...range(295, 298, "权益卡错误 (benefit-card code, §7.3 280–298)", "invalid_request"),
  // Member
  "300": { meaning: "未配置会员接入 (no member access configured)", standard: "config_error" },
  "301": { meaning: "影院不存在 (member: cinema not found)", standard: "not_found" },
  "302": { meaning: "卡号或密码错误 (card or password wrong)", standard: "invalid_request" },
  "303": { meaning: "芯片号不存在 (chip not found)", standard: "not_found" },
  "311": { meaning: "余额不足 (balance insufficient)", standard: "invalid_request" },
  "312": { meaning: "充值金额无效 (recharge amount invalid)", standard: "invalid_request" },
  "313": { meaning: "充值金额无效 (recharge amount invalid)", standard: "invalid_request" },
  ...range(320, 323, "订单/会员卡支付错误 (order or card pay error, §7.3 320–325)", "order_state"),
  "324": { meaning: "会员卡已扣款但订单确认失败 (card charged, order confirm failed)", standard: "outcome_unknown" },
  "325": { meaning: "订单/会员卡支付错误 (order or card pay error, §7.3 320–325)", standard: "order_state" },
  // Observed outside the CEC table
  "345": {
    meaning: "订单所包含的影票中座位信息不存在 (seen from a 火烈鸟 v3.0 server)",
    standard: "seat_unavailable",
  },
};

/** The standard code for a vendor code, or `fallback` when the refs do not list it. */
export function standardCode(code: string, fallback: VendorErrorCode): VendorErrorCode | "ok" {
  return HUOLIENIAO5CODES[code]?.standard ?? fallback;
}

export const isDocumented = (code: string): boolean => code in HUOLIENIAO5CODES;

/** §7.3 order status: 1 unpaid, 2 cancelled, 3 paid, 4 success (issued), 5 failed, 6 refunded. */
export const ORDER_STATUS = {
  unpaid: "1",
  cancelled: "2",
  paid: "3",
  issued: "4",
  failed: "5",
  refunded: "6",
} as const;
