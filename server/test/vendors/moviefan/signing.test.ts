import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compareKeys, moviefanSign, signedParams, signingString } from "../../../src/vendors/moviefan/signing.js";

const secret = "moviefan-demo-secret";

describe("Moviefan signature (doc 001 签名生成规则)", () => {
  it("sorts keys a–z ignoring case, lowercase before uppercase of the same key", () => {
    const keys = ["Zeta", "showtimeID", "Alpha", "alpha", "channelCode", "seatNames", "seatIDs", "mobile"];
    expect([...keys].sort(compareKeys)).toEqual([
      "alpha",
      "Alpha",
      "channelCode",
      "mobile",
      "seatIDs",
      "seatNames",
      "showtimeID",
      "Zeta",
    ]);
  });

  it("signs mixed-case keys and Chinese values over GB2312 bytes (digest computed independently)", () => {
    const params = {
      Zeta: "Z",
      showtimeID: "124",
      seatNames: "6排06列,6排07列",
      seatIDs: "19_12,20_12",
      mobile: "13800138000",
      channelCode: "cinegate",
      Alpha: "A",
      alpha: "a",
      sign: "ignored",
    };
    expect(signingString(params)).toBe(
      "alpha=a&Alpha=A&channelCode=cinegate&mobile=13800138000&seatIDs=19_12,20_12&seatNames=6排06列,6排07列&showtimeID=124&Zeta=Z",
    );
    // python3: hashlib.md5((s + secret).encode("gb2312")).hexdigest()
    expect(moviefanSign(params, secret)).toBe("4c172d24abe105607b64f224f745e029");
    // The UTF-8 digest of the same text differs: the encoding matters.
    const utf8 = createHash("md5")
      .update(signingString(params) + secret, "utf8")
      .digest("hex");
    expect(utf8).toBe("adf04d4a09918176c5cfbc6245ec4dca");
    expect(moviefanSign(params, secret)).not.toBe(utf8);
  });

  it("signs values before URL encoding (spaces, & and + inside a value)", () => {
    const params = {
      showtimeID: "1",
      seatIDs: "1_1",
      seatNames: "一排1号 & 特殊+座",
      mobile: "13800138000",
      channelCode: "cinegate",
    };
    // python3 over "channelCode=cinegate&mobile=13800138000&seatIDs=1_1&seatNames=一排1号 & 特殊+座&showtimeID=1"
    expect(moviefanSign(params, secret)).toBe("455d51fd34afab35e0a8f676f62e7870");
    const encoded = new URLSearchParams(params).toString();
    expect(encoded).toContain("seatNames=%E4%B8%80");
  });

  it("adds channelCode and a lowercase sign; sign itself is never signed", () => {
    const p = signedParams({ cinemaID: "5809" }, "cinegate", secret);
    expect(p.channelCode).toBe("cinegate");
    expect(p.sign).toMatch(/^[0-9a-f]{32}$/);
    expect(moviefanSign({ ...p, sign: "whatever" }, secret)).toBe(p.sign);
  });
});
