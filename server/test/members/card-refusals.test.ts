import { describe, expect, it } from "vitest";
import { cardRefusal } from "../../src/members/card-refusals.js";
import { CARD_AUTH_REFUSED } from "../../src/vendors/dingxin/codes.js";
import { MANTIANXING_CODES } from "../../src/vendors/mantianxing/codes.js";

// Which vendor answers mean "wrong card password" (issue 16 item 3). The over-HTTP checks are in
// vendors/dingxin/members.test.ts and members/member-cards-api.test.ts (ykse).
describe("cardRefusal: wrong card passwords", () => {
  it("reads ykse §9.2.9 CARD_PASSWORD_ERROR and 鼎新's refused card/auth as MEMBER_CARD_PASSWORD_WRONG", () => {
    for (const vendorCode of ["CARD_PASSWORD_ERROR", "CARD_OLD_PASSWORD_ERROR", CARD_AUTH_REFUSED]) {
      const e = cardRefusal({ code: "auth_failed", vendorCode, message: "refused" });
      expect(e.code).toBe("MEMBER_CARD_PASSWORD_WRONG");
    }
  });

  it("leaves 满天星's 100202 alone: public-refs §9.6 names it for the app's password, not a card's", () => {
    expect(MANTIANXING_CODES["100202"]?.meaning).toBe("密码错误");
    const e = cardRefusal({ code: "auth_failed", vendorCode: "100202", message: "密码错误" });
    expect(e.code).not.toBe("MEMBER_CARD_PASSWORD_WRONG");
    expect(e.code).toBe("VENDOR_UNAVAILABLE");
  });
});
