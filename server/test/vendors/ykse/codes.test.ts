import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { vendorErrorCodes } from "../../../src/domain/errors.js";
import { BUSINESS_CODES, mapCode, SYSTEM_CODES } from "../../../src/vendors/ykse/codes.js";

const DOC = fileURLToPath(new URL("../../../../../shared/vendor-docs/002_02500b8733107f0a.txt", import.meta.url));

/** Every code of doc 002 §9 (all tables) and of the change log, listed by hand. */
const DOCUMENTED_SYSTEM = [
  "0",
  "10001",
  "20001",
  "30001",
  "30002",
  "30003",
  "30004",
  "30005",
  "30006",
  "40001",
  "40002",
  "40003",
];
const DOCUMENTED_BUSINESS = [
  // 9.2.1
  "SUCCESS",
  "SYSTEM_ERROR",
  "API_PERMISSION_ERROR",
  "CONNECTION_ERROR",
  "CINEMA_CONNECTION_ERROR",
  "CINEMA_RETURN_IS_NULL",
  "HALL_RETURN_NULL",
  "UNKNOWN_ERROR",
  "FORMAT_ERROR",
  "NULL_ARGUMENT",
  "ILLEGAL_ARGUMENT",
  "DATA_NOT_EXIST",
  "RETURN_IS_NULL",
  "CINEMA_INVALID",
  "CHANNEL_NOT_FOUND",
  "CHANNEL_CINEMA_NOT_FOUND",
  "ORDER_NOT_FOUND",
  "OVER_MAX_SCHEDULE_DAY",
  "SEATID_ERROR",
  "CINEMA_EXECUTOR_ERROR",
  "SEAT_INFO_NOT_NULL",
  "SEAT_INFO_ERROR",
  "GOODS_INFO_NOT_NULL",
  "GOODS_INFO_ERROR",
  "GOODS_QUERY_ERROR",
  "SEAT_NOT_FOUND",
  "CINEMA_CHANNEL_NOT_FOUND",
  "SCHEDULE_NOT_FOUND",
  "SCHEDULE_HAS_CHANGED",
  "REQUEST_BUSY_ERROR",
  "REQUEST_PARAM_INCONFORMITY_ERROR",
  "CINEMA_RATE_LIMIT_EXCEEDED",
  // 9.2.2
  "SCHEDULE_OUT_DATE_ERROR",
  "SCHEDULE_NOT_OPEN",
  "LOCK_SEAT_OUT_DATE",
  "LOCK_SEAT_ERROR",
  "SHOW_REF_SEQ_NO_UNMATCH",
  "LOCKSEAT_UNMATCH",
  "UN_LOCK_SEAT_UNSUCCESS",
  // 9.2.3
  "OVER_BOOKING_DAY",
  "OVER_MAX_TICKET",
  "SEAT_COUNT_ERROR",
  "PAYMENT_AMOUNT_ERROR",
  "LOW_THAN_LEAST_PRICE_ERROR",
  "LOW_THAN_SETTLE_PRICE_ERROR",
  "TICKET_PRICE_ERROR",
  "TICKET_FEE_ERROR",
  "CHANNEL_PRICE_ERROR",
  "ORDER_SEAT_ERROR",
  "NO_USB_ERROR",
  "LOCK_SEAT_UNSUCCESS",
  "ORDER_TICKET_TIME_END",
  "ORDER_PROCESSING",
  "ORDER_PROCESS_TIME_OUT",
  "PAYMENT_METHOD_ERROR",
  "SETTLEACCOUNT_PAY_FAIL",
  "TICKET_ORDER_CLOSE_ERROR",
  "GOODS_ORDER_CLOSE_ERROR",
  // change log 1.2.19
  "TICKET_PRICE_VALID_ERROR",
  "AREA_SEAT_LOW_THAN_AREA_SETTLE_PRICE_ERROR",
  "AREA_SEAT_NOT_SUPPORT_BENEFIT",
  // 9.2.4
  "REFUND_POLICY_NOT_FOUND",
  "REFUND_POLICY_HAS_EXPIRE",
  "CANCEL_ORDER_CONDITION_ERROR",
  "CANCEL_TIME_ERROR",
  "TICKET_HAS_REFUND",
  "TICKET_HAS_PRINT",
  "OVER_REFUND_UPPER_LIMIT",
  "REFUND_TICKET_STATUS_INCORRECT",
  "REFUND_ORDER_TYPE_NOT_MATCH",
  // 9.2.5, 9.2.6, 9.2.11
  "PRINT_TICKET_NOT_ALLOW",
  "CONFIRMATIONID_WRONG",
  "PRINT_TICKET_ALLOW",
  // 9.2.7
  "GOODS_AMOUNT_ERROR",
  "GOODS_ORDER_FAILED",
  "GOODS_PRICE_ERROR",
  "GOODS_PRICE_LESS",
  "GOODS_NOT_FOUND",
  "CHANNEL_NOT_ALLOW_BUY",
  "GOODS_FEE_ERROR",
  "GOODS_PACKAGE_EMPTY",
  "GOODS_DISABLED_OR_END_SALE",
  // 9.2.8
  "GOODS_REFUND_FAILED",
  // 9.2.9
  "TIME_CARD_CHARGE_ERROR",
  "CARD_NOT_EXIST_ERROR",
  "CARD_PASSWORD_ERROR",
  "CARD_NOT_USE_ERROR",
  "CARD_OLD_PASSWORD_ERROR",
  "CARD_TYPE_NOADD_ERROR",
  "CARD_GRADE_NOT_EXIST_ERROR",
  "CARD_NO_PRECARD_ERROR",
  "CARD_REGISTER_FEE_ERROR",
  // 9.2.10
  "REVERSE_ORDER_TYPE_UNMATCH",
  "REVERSE_TICKET_STATUS_INCORRECT",
  "REVERSE_TICKET_FAILED",
  "REVERSE_TICKET_NO_TIME_YET",
  // 9.2.12
  "BCARD_NOT_EXIST",
  "BCARD_DISABLED",
  "BCARD_EXPIRED",
  "BCARD_POLICY_NOT_EXIST",
  "BCARD_ORDER_NOT_EXIST",
  "BCARD_POLICY_EXPIRED",
  "BCARD_POLICY_DISABLED",
  "BCARD_MOBILE_INVALID",
  "BCARD_MOBILE_EXIST",
  "BCARD_REGISTER_FEE_INVALID",
  "BCARD_NOT_ALLOW_RENEW",
  "BCARD_RENEW_FEE_INVALID",
  // 9.2.13
  "BCARD_TICKET_COUNT_ZERO_ERROR",
  "BCARD_TICKET_OVER_LIMIT",
  "BCARD_SCHEDULE_NOT_MATCH",
  "BCARD_POLICY_NOT_APPROVED",
];

/** Codes in the first column of the §9 tables of the document itself. */
function parseDocTables(text: string): { system: string[]; business: string[] } {
  const lines = text.split("\n");
  const start = lines.findIndex((l, i) => i > 300 && /^9 返回码\s*$/.test(l.trim()));
  const end = lines.findIndex((l, i) => i > start && /^10 关键接口调用流程示例/.test(l.trim()));
  const system: string[] = [];
  const business: string[] = [];
  for (const line of lines.slice(start, end)) {
    const first = line.split("\t")[0]?.trim() ?? "";
    if (!line.includes("\t")) continue;
    if (/^\d{1,5}$/.test(first)) system.push(first);
    else if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^SUCCESS$/.test(first)) business.push(first);
  }
  // codes introduced only in the change log (返回码 mentioned with the code)
  for (const m of text.matchAll(/返回码\s*[:：]\s*([A-Z_、\s,]+)/g)) {
    for (const code of (m[1] ?? "").split(/[、,\s]+/))
      if (/^[A-Z][A-Z0-9_]+_[A-Z0-9]+$/.test(code)) business.push(code);
  }
  for (const m of text.matchAll(/增加\s*([A-Z][A-Z0-9_]+_[A-Z0-9]+)\s*(?:错误码|返回码)/g)) business.push(m[1]!);
  return { system: [...new Set(system)], business: [...new Set(business)] };
}

describe("ykse code table (doc 002 §9)", () => {
  it("maps every documented system and business code", () => {
    for (const c of DOCUMENTED_SYSTEM) expect(SYSTEM_CODES[c], `retCode ${c}`).toBeDefined();
    for (const c of DOCUMENTED_BUSINESS) expect(BUSINESS_CODES[c], `bizCode ${c}`).toBeDefined();
    expect(Object.keys(SYSTEM_CODES).sort()).toEqual([...DOCUMENTED_SYSTEM].sort());
    expect(Object.keys(BUSINESS_CODES).sort()).toEqual([...new Set(DOCUMENTED_BUSINESS)].sort());
  });

  it.skipIf(!existsSync(DOC))("maps every code found in the document's own tables", () => {
    const parsed = parseDocTables(readFileSync(DOC, "utf8"));
    expect(parsed.system.length).toBe(12);
    expect(parsed.business.length).toBeGreaterThan(100);
    for (const c of parsed.system) expect(SYSTEM_CODES[c], `retCode ${c}`).toBeDefined();
    for (const c of parsed.business) expect(BUSINESS_CODES[c], `bizCode ${c}`).toBeDefined();
    for (const c of ["TICKET_PRICE_VALID_ERROR", "AREA_SEAT_NOT_SUPPORT_BENEFIT", "PAYMENT_METHOD_ERROR"]) {
      expect(parsed.business).toContain(c);
    }
  });

  it("uses only standard codes, and turns ambiguous answers of state-changing calls into outcome_unknown", () => {
    for (const e of [...Object.values(SYSTEM_CODES), ...Object.values(BUSINESS_CODES)]) {
      expect([...vendorErrorCodes, "ok"]).toContain(e.standard);
    }
    expect(mapCode("system", "40003", true).standard).toBe("rate_limited");
    expect(mapCode("system", "30003", false).standard).toBe("auth_failed");
    expect(mapCode("system", "40002", false).standard).toBe("vendor_unavailable");
    expect(mapCode("system", "40002", true).standard).toBe("outcome_unknown");
    expect(mapCode("business", "CINEMA_CONNECTION_ERROR", true).standard).toBe("outcome_unknown");
    expect(mapCode("business", "LOCK_SEAT_ERROR", true).standard).toBe("seat_unavailable");
    expect(mapCode("business", "REVERSE_TICKET_STATUS_INCORRECT", true).standard).toBe("order_state");
    expect(mapCode("business", "NEVER_DOCUMENTED", true).standard).toBe("outcome_unknown");
    expect(mapCode("business", "NEVER_DOCUMENTED", false).standard).toBe("vendor_unavailable");
  });
});
