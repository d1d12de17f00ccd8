import { describe, expect, it } from "vitest";
import { mtxVerify, mtxVerifyUrlEncoded } from "../../../../simulators/src/mantianxing/signing.js";
import { verifyInfo, verifyString } from "../../../src/vendors/mantianxing/signing.js";

/**
 * public-refs §9.2 worked examples, recomputed from the algorithm: lower-case the joined values +
 * key, MD5 (UTF-8) as lowercase hex, keep [8, 24). The simulator's own implementation (written
 * separately, it never imports server code) must agree.
 */
describe("满天星 verify value (public-refs §9.2)", () => {
  it("GetCinemaPlan: app TEST, key 12345678, token 1829/abcdef", () => {
    const values = ["TEST", "gzxxx", "2014-11-30", "1829", "abcdef"];
    expect(verifyString(values, "12345678")).toBe("testgzxxx2014-11-301829abcdef12345678");
    expect(verifyInfo(values, "12345678")).toBe("0e136364da5b8186");
    expect(mtxVerify(values, "12345678")).toBe("0e136364da5b8186");
  });

  it("member loginCard: partner cmtsxx, placeNo gzxxx, empty partnerId and mobile, card 00000366, password 111111, key 123456", () => {
    const values = ["cmtsxx", "gzxxx", "", "00000366", "", "111111"];
    expect(verifyString(values, "123456")).toBe("cmtsxxgzxxx00000366111111123456");
    expect(verifyInfo(values, "123456")).toBe("05afc63c84fa8623");
    expect(mtxVerify(values, "123456")).toBe("05afc63c84fa8623");
  });

  it("is the 16-character slice [8, 24) of the full MD5", () => {
    // md5("testgzxxx2014-11-301829abcdef12345678") = 4a220cd3 0e136364da5b8186 33034104
    expect("4a220cd30e136364da5b818633034104".slice(8, 24)).toBe(
      verifyInfo(["TEST", "gzxxx", "2014-11-30", "1829", "abcdef"], "12345678"),
    );
  });

  it("lower-cases the whole string, key included", () => {
    expect(verifyInfo(["ABC"], "KEY")).toBe(verifyInfo(["abc"], "key"));
  });

  it("the URL-encoded variant (CEC) coincides for plain alphanumerics and differs for Chinese text", () => {
    const plain = ["TEST", "gzxxx", "1829", "abcdef"];
    expect(mtxVerifyUrlEncoded(plain, "12345678")).toBe(mtxVerify(plain, "12345678"));
    expect(mtxVerifyUrlEncoded(["退票"], "k")).not.toBe(mtxVerify(["退票"], "k"));
  });
});
