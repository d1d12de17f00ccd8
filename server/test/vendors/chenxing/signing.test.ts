import { describe, expect, it } from "vitest";
import { md5Lower, verifyInfo, verifyInfoString } from "../../../src/vendors/chenxing/signing.js";

// public-refs §3.2 "Worked example (own computation)": demo key and app code.
const KEY = "e10adc3949ba59abbe56e057f20f883e";
const APP = "DEMOAPP";

describe("辰星 pVerifyInfo (public-refs §3.2)", () => {
  it("QueryPlanInfoByDatePeriod: values in declared order, key appended, all lower-cased", () => {
    const values = [APP, "62549174", "2024-05-01", "2024-05-03", "0"];
    expect(verifyInfoString(values, KEY)).toBe("demoapp625491742024-05-012024-05-030e10adc3949ba59abbe56e057f20f883e");
    expect(verifyInfo(values, KEY)).toBe("2af90e69c4dc99cecbe88d84d94b79bc");
  });

  it("LockSeat: AppCode + CinemaCode + FeatureAppNo + each SeatCode + Compress", () => {
    const values = [APP, "62549174", "0001202405010001", "01020304", "01020305", "0"];
    expect(verifyInfoString(values, KEY)).toBe(
      "demoapp62549174000120240501000101020304010203050e10adc3949ba59abbe56e057f20f883e",
    );
    expect(verifyInfo(values, KEY)).toBe("be2df6eea927b55b2b2508248358c51d");
  });

  it("lower-cases the key too: an upper-case key signs the same as its lower-case form", () => {
    const values = [APP, "62549174", "0"];
    expect(verifyInfo(values, KEY.toUpperCase())).toBe(verifyInfo(values, KEY));
  });

  it("empty values add nothing", () => {
    expect(verifyInfo([APP, "", "62549174", "0"], KEY)).toBe(verifyInfo([APP, "62549174", "0"], KEY));
  });

  it("md5Lower is the 32-hex lowercase MD5 (VerifyCodeMD5, pLmsPassword)", () => {
    expect(md5Lower("123456")).toBe("e10adc3949ba59abbe56e057f20f883e");
  });
});
