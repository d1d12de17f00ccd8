import { describe, expect, it } from "vitest";
import {
  buildV2Xml,
  decryptReqInfo,
  encryptReqInfo,
  parseV2Time,
  parseV2Xml,
  v2Sign,
  v2SignString,
  v2Time,
  v2Verify,
} from "../../src/payments/wechat-v2/signing.js";

// The worked example of WeChat Pay v2's 签名算法 page (payments.md §2 describes the algorithm).
const example = {
  appid: "wxd930ea5d5a258f4f",
  mch_id: "10000100",
  device_info: "1000",
  body: "test",
  nonce_str: "ibuaiVcKdpRxkhJA",
};
const key = "192006250b4c09247ec02edce69f6a2d";

describe("WeChat Pay v2 signatures and XML (payments.md §2)", () => {
  it("reproduces the published MD5 and HMAC-SHA256 example signatures", () => {
    expect(v2SignString(example, key)).toBe(
      "appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key=192006250b4c09247ec02edce69f6a2d",
    );
    expect(v2Sign(example, key, "MD5")).toBe("9A0A8659F005D6984697E2CA0A9CF3B7");
    expect(v2Sign(example, key, "HMAC-SHA256")).toBe(
      "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6",
    );
  });

  it("leaves out empty values and sign, and verifies with the named sign_type", () => {
    expect(v2Sign({ ...example, attach: "", sign: "X" }, key, "MD5")).toBe("9A0A8659F005D6984697E2CA0A9CF3B7");
    const hmac = { ...example, sign_type: "HMAC-SHA256" };
    const signed = { ...hmac, sign: v2Sign(hmac, key, "HMAC-SHA256") };
    expect(v2Verify(signed, key)).toBe(true);
    expect(v2Verify(signed, "another-key")).toBe(false);
    expect(v2Verify({ ...signed, body: "tampered" }, key)).toBe(false);
    expect(v2Verify({ ...example, sign: "9A0A8659F005D6984697E2CA0A9CF3B7" }, key)).toBe(true);
    expect(v2Verify(example, key)).toBe(false);
  });

  it("round-trips flat XML with CDATA, keeping leading zeros and markup characters as text", () => {
    const xml = buildV2Xml({ a: "0012", b: "<&>", c: undefined });
    expect(xml).toBe("<xml><a><![CDATA[0012]]></a><b><![CDATA[<&>]]></b></xml>");
    expect(parseV2Xml(xml)).toEqual({ a: "0012", b: "<&>" });
    expect(parseV2Xml("not xml")).toBeUndefined();
  });

  it("decrypts a refund notify's req_info with the MD5 of the API key, and fails with another key", () => {
    const plain = "<root><out_refund_no><![CDATA[R1]]></out_refund_no></root>";
    const enc = encryptReqInfo(plain, key);
    expect(decryptReqInfo(enc, key)).toBe(plain);
    expect(() => decryptReqInfo(enc, "another-key-0000000000000000000000")).toThrow();
  });

  it("writes and reads yyyyMMddHHmmss in China time", () => {
    const ms = Date.UTC(2026, 11, 3, 4, 5, 6);
    expect(v2Time(ms)).toBe("20261203120506");
    expect(parseV2Time("20261203120506")).toBe(ms);
    expect(parseV2Time("2026-12-03")).toBeUndefined();
  });
});
