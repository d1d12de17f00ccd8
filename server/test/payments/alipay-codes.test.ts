import { describe, expect, it } from "vitest";
import { ALIPAY_CODES, errorFor } from "../../src/payments/codes.js";

describe("Alipay code table (payments.md §4)", () => {
  it("maps the codes §4 names, citing it; the rest are marked as beyond payments.md", () => {
    for (const c of ["10000", "40004", "ACQ.TRADE_NOT_EXIST"]) expect(ALIPAY_CODES[c]?.sections, c).toEqual(["4"]);
    expect(ALIPAY_CODES["ACQ.TRADE_NOT_EXIST"]!.standard).toBe("not_found");
    for (const [c, entry] of Object.entries(ALIPAY_CODES)) {
      if (!["10000", "40004", "ACQ.TRADE_NOT_EXIST"].includes(c)) expect(entry.sections, c).toEqual([]);
    }
  });

  it("a system error is outcome_unknown on a write and provider_unavailable on a read", () => {
    expect(errorFor(ALIPAY_CODES, "ACQ.SYSTEM_ERROR", "x", { sideEffect: true }).code).toBe("outcome_unknown");
    expect(errorFor(ALIPAY_CODES, "ACQ.SYSTEM_ERROR", "x", { sideEffect: false }).code).toBe("provider_unavailable");
    expect(errorFor(ALIPAY_CODES, "20000", "x", { sideEffect: true }).code).toBe("outcome_unknown");
    expect(errorFor(ALIPAY_CODES, "isv.invalid-signature", "x", { sideEffect: false }).code).toBe("auth_failed");
    expect(errorFor(ALIPAY_CODES, "ACQ.SELLER_BALANCE_NOT_ENOUGH", "x", { sideEffect: true }).code).toBe(
      "refund_refused",
    );
  });
});
