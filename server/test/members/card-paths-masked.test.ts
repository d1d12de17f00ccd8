import { describe, expect, it } from "vitest";
import { maskCardPaths } from "../../src/http/logger.js";

describe("card numbers in logged paths", () => {
  it("keeps the last four characters of a card number, and leaves handles and words alone", () => {
    expect(maskCardPaths("/v1/benefit-cards/B2026120300001?cinemaId=c1")).toBe(
      "/v1/benefit-cards/**********0001?cinemaId=c1",
    );
    expect(maskCardPaths("/v1/benefit-cards/B2026120300001/renew")).toBe("/v1/benefit-cards/**********0001/renew");
    expect(maskCardPaths("/admin/cinemas/cin_1/member-cards/1000001230")).toBe(
      "/admin/cinemas/cin_1/member-cards/******1230",
    );
    expect(maskCardPaths("/v1/member-cards/verify")).toBe("/v1/member-cards/verify");
    expect(maskCardPaths("/v1/member-cards/mc_a1b2c3d4e5/recharge")).toBe("/v1/member-cards/mc_a1b2c3d4e5/recharge");
  });
});
