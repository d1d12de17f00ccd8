import { describe, expect, it } from "vitest";
import { errorFor, lookupCode, WECHAT_V2_CODES, WECHAT_V3_CODES } from "../../src/payments/codes.js";

// The codes of payments.md §1.10's table (and §7's ORDERPAID), and of §2's error lists.
const V3_DOCUMENTED = [
  "PARAM_ERROR",
  "INVALID_REQUEST",
  "APPID_MCHID_NOT_MATCH",
  "MCH_NOT_EXISTS",
  "ORDER_CLOSED",
  "SIGN_ERROR",
  "NO_AUTH",
  "OUT_TRADE_NO_USED",
  "TRADE_ERROR",
  "RULE_LIMIT",
  "ACCOUNT_ERROR",
  "NOT_ENOUGH",
  "NOTENOUGH",
  "ORDER_NOT_EXIST",
  "ORDERNOTEXIST",
  "RESOURCE_NOT_EXISTS",
  "FREQUENCY_LIMITED",
  "RATELIMIT_EXCEEDED",
  "SYSTEM_ERROR",
  "BANK_ERROR",
  "OPENID_MISMATCH",
  "INVALID_TRANSACTIONID",
  "USER_ACCOUNT_ABNORMAL",
  "USER_PAYING",
  "ORDERPAID",
  "ORDER_PAID",
  "SYSTEMERROR",
  "USERPAYING",
  "RULELIMIT",
  "NOAUTH",
  "BANKERROR",
  "ACCOUNTERROR",
];
const V2_DOCUMENTED = [
  "INVALID_REQUEST",
  "NOAUTH",
  "NOTENOUGH",
  "ORDERPAID",
  "ORDERCLOSED",
  "SYSTEMERROR",
  "APPID_NOT_EXIST",
  "MCHID_NOT_EXIST",
  "APPID_MCHID_NOT_MATCH",
  "LACK_PARAMS",
  "OUT_TRADE_NO_USED",
  "SIGNERROR",
  "XML_FORMAT_ERROR",
  "REQUIRE_POST_METHOD",
  "POST_DATA_EMPTY",
  "NOT_UTF8",
  "BIZERR_NEED_RETRY",
  "TRADE_OVERDUE",
  "ERROR",
  "USER_ACCOUNT_ABNORMAL",
  "INVALID_REQ_TOO_MUCH",
  "INVALID_TRANSACTIONID",
  "PARAM_ERROR",
  "ORDERNOTEXIST",
  "FREQUENCY_LIMITED",
  "certificate not match",
];

describe("payment code tables", () => {
  it("map every documented code, each citing its section", () => {
    for (const c of V3_DOCUMENTED) expect(WECHAT_V3_CODES[c]?.sections.length, c).toBeGreaterThan(0);
    for (const c of V2_DOCUMENTED) expect(WECHAT_V2_CODES[c]?.sections.length, c).toBeGreaterThan(0);
  });

  it("old and new v3 spellings mean the same (§1.10)", () => {
    for (const [a, b] of [
      ["SYSTEM_ERROR", "SYSTEMERROR"],
      ["ORDER_NOT_EXIST", "ORDERNOTEXIST"],
      ["NO_AUTH", "NOAUTH"],
      ["ORDERPAID", "ORDER_PAID"],
    ] as const) {
      expect(WECHAT_V3_CODES[a]!.standard).toBe(WECHAT_V3_CODES[b]!.standard);
    }
  });

  it("an ambiguous code is outcome_unknown on a write and provider_unavailable on a read; an unknown one likewise", () => {
    expect(errorFor(WECHAT_V3_CODES, "SYSTEM_ERROR", "x", { sideEffect: true }).code).toBe("outcome_unknown");
    expect(errorFor(WECHAT_V3_CODES, "SYSTEM_ERROR", "x", { sideEffect: false }).code).toBe("provider_unavailable");
    expect(errorFor(WECHAT_V3_CODES, "NEW_CODE_2030", undefined, { sideEffect: true }).code).toBe("outcome_unknown");
    expect(lookupCode(WECHAT_V3_CODES, undefined).standard).toBe("provider_unavailable");
    expect(errorFor(WECHAT_V2_CODES, "ORDERPAID", "已支付", { sideEffect: true, httpStatus: 200 })).toMatchObject({
      code: "order_paid",
      providerCode: "ORDERPAID",
      httpStatus: 200,
    });
  });
});
