import { createHash } from "node:crypto";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { demoAccounts } from "../../src/core/accounts.js";
import { createMoviefanSimulator } from "../../src/moviefan/index.js";
import { moviefanSign, signingString } from "../../src/moviefan/signing.js";
import { referenceSign, signedQuery, testContext } from "./fixture.js";

describe("Moviefan signature", () => {
  it("sorts a–z ignoring case with lowercase first, signs GB2312 bytes, lowercase hex", () => {
    const params = { Zeta: "z", alpha: "影院", Alpha: "A", channelCode: "cinegate", beta: "疯狂动物城 3D", sign: "x" };
    expect(signingString(params)).toBe("alpha=影院&Alpha=A&beta=疯狂动物城 3D&channelCode=cinegate&Zeta=z");
    const plain = "alpha=影院&Alpha=A&beta=疯狂动物城 3D&channelCode=cinegate&Zeta=z" + demoAccounts.moviefan.secret;
    const expected = createHash("md5").update(iconv.encode(plain, "gb2312")).digest("hex");
    // GB2312 bytes differ from UTF-8 bytes for Chinese text.
    expect(expected).not.toBe(createHash("md5").update(plain, "utf8").digest("hex"));
    expect(moviefanSign(params, demoAccounts.moviefan.secret)).toBe(expected);
    expect(referenceSign(params)).toBe(expected);
  });

  describe("over HTTP", () => {
    let app: Awaited<ReturnType<typeof createMoviefanSimulator>>;
    beforeEach(async () => {
      app = await createMoviefanSimulator(testContext());
    });
    afterEach(() => app.close());

    it("accepts a signed GET with Chinese values and mixed-case keys (signed before URL encoding)", async () => {
      const q = signedQuery({ cinemaID: "5801", Remark: "测试 备注&中文", remark: "x" });
      const res = await app.inject({ method: "GET", url: `/api/queryCinema.aspx?${q}` });
      expect(res.json()).toMatchObject({ code: 1, cinema: { cinemaID: 5801, cinemaName: "测试影城1" } });
    });

    it("accepts a signed form POST", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/queryMovies.aspx",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: signedQuery({ note: "影片" }),
      });
      expect(res.json()).toMatchObject({ code: 1, totalCount: 1 });
    });

    it("answers 101 for a wrong signature and 200 when sign is missing", async () => {
      const q = new URLSearchParams(signedQuery({ cinemaID: "5801" }));
      q.set("cinemaID", "5802");
      const bad = await app.inject({ method: "GET", url: `/api/queryCinema.aspx?${q}` });
      expect(bad.json()).toEqual({ code: 101, msg: "签名错误" });
      q.delete("sign");
      const missing = await app.inject({ method: "GET", url: `/api/queryCinema.aspx?${q}` });
      expect(missing.json().code).toBe(200);
    });

    it("answers 101 for an unknown channel", async () => {
      const params = { channelCode: "someone", cinemaID: "5801" };
      const q = new URLSearchParams({ ...params, sign: referenceSign(params) });
      const res = await app.inject({ method: "GET", url: `/api/queryCinema.aspx?${q}` });
      expect(res.json().code).toBe(101);
    });
  });
});
