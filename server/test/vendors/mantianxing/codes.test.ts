import { describe, expect, it } from "vitest";
import { MANTIANXING_CODES, standardCode } from "../../../src/vendors/mantianxing/codes.js";
import { mantianxing } from "../../../src/vendors/mantianxing/descriptor.js";

const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** Every ResultCode public-refs §9.6 lists, singly or as a range. */
const REFS_CODES = [
  "0",
  ...span(100101, 100105),
  ...span(100201, 100205),
  ...span(100301, 100303),
  ...span(100500, 100503),
  "100050",
  "100051",
  ...span(101101, 101115),
  ...span(101150, 101157),
  ...span(101200, 101209),
  ...span(101250, 101261),
  ...span(101301, 101303),
  ...span(101401, 101409),
  ...span(100600, 100609),
  ...span(101501, 101509),
  ...span(101601, 101604),
  "101701",
  "102101",
];

describe("满天星 code table (public-refs §9.6)", () => {
  it("has every code the refs list, and no other", () => {
    expect(Object.keys(MANTIANXING_CODES).sort()).toEqual([...REFS_CODES].sort());
    expect(mantianxing.codes.map((r) => r.vendorCode).sort()).toEqual([...REFS_CODES].sort());
  });

  it("maps the codes that drive behaviour", () => {
    expect(standardCode("0")).toBe("ok");
    expect(standardCode("100101")).toBe("auth_failed");
    expect(standardCode("100105")).toBe("auth_failed");
    expect(standardCode("101110")).toBe("seat_unavailable");
    expect(standardCode("101103")).toBe("showtime_closed");
    expect(standardCode("101153")).toBe("price_rejected");
    expect(standardCode("101503")).toBe("refund_refused");
    expect(standardCode("101505")).toBe("outcome_unknown");
    expect(standardCode("101701")).toBe("not_found");
  });

  it("an unknown code is the vendor's failure (its text is kept by the client); a generic error saying 'too frequent' is a rate limit", () => {
    expect(standardCode("999999")).toBe("vendor_unavailable");
    expect(standardCode("100500", "访问过于频繁，请稍后再试")).toBe("rate_limited");
    expect(standardCode("100500", "系统错误")).toBe("vendor_unavailable");
  });
});
