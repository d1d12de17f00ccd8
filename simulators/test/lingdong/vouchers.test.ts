import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SimContext } from "../../src/core/context.js";
import { createLingdongSimulator, lingdongSmsLog, redeemLingdongVoucher } from "../../src/lingdong/index.js";
import { common, type Format, post, testContext } from "./fixture.js";

type Card = Record<string, string>;

for (const format of ["xml", "json"] as Format[]) {
  describe(`Lingdong (${format})`, () => {
    let ctx: SimContext;
    let app: Awaited<ReturnType<typeof createLingdongSimulator>>;
    beforeEach(async () => {
      ctx = testContext();
      app = await createLingdongSimulator(ctx);
    });
    afterEach(() => app.close());

    it("accepts a correct hashcode and rejects a wrong one with 401", async () => {
      const okRes = await post(app, "cities", {}, format);
      expect(okRes.code).toBe(200);
      expect(okRes.data?.["cities"]).toEqual([
        { code_id: "001", parent_id: "0", code_name: "北京", remark: "bj" },
        { code_id: "002", parent_id: "0", code_name: "广州", remark: "gz" },
      ]);
      const bad = { ...common(), hashcode: "0123456789abcdef0123456789abcdef" };
      const res = await post(app, "cities", {}, format, bad);
      expect(res.code).toBe(401);
      expect(res.error?.type).toBe("invalid_hashcode");
      const other = await post(app, "cities", {}, format, common({ bus_id: "9999999" }));
      expect(other.code).toBe(401);
    });

    it("refuses a repeated req_id with 406 and malformed common parameters with 400", async () => {
      const params = common();
      expect((await post(app, "kinds", {}, format, params)).code).toBe(200);
      const again = await post(app, "kinds", {}, format, params);
      expect(again.code).toBe(406);
      expect(again.error?.type).toBe("duplicate_req_id");
      expect((await post(app, "kinds", {}, format, common({ req_id: "A".repeat(20) }))).code).toBe(400);
      expect((await post(app, "kinds", {}, format, common({ req_id: "bad-id" }))).code).toBe(400);
      expect((await post(app, "kinds", {}, format, common({ timestamp: "2026-03-04" }))).code).toBe(400);
      expect((await post(app, "nope", {}, format)).code).toBe(404);
    });

    it("walks cities → regions → cinemas with prices, kinds → cinemasByKind", async () => {
      const regions = (await post(app, "regionsByCity", { city_id: "002" }, format)).data?.["regions"];
      expect(regions).toEqual([
        { code_id: "00201", parent_id: "002", code_name: "天河区", remark: "" },
        { code_id: "00202", parent_id: "002", code_name: "海珠区", remark: "" },
      ]);
      const cinemas = (await post(app, "cinemasByRegion", { region_id: "00201" }, format)).data?.["cinemas"] as Card[];
      expect(cinemas.map((c) => [c["cinema_id"], c["price"], c["market_price"]])).toEqual([
        ["44010001", "34.00", "58.00"],
        ["44010002", "29.00", "45.00"],
      ]);
      expect((await post(app, "regionsByCity", { city_id: "099" }, format)).code).toBe(204);
      const kinds = (await post(app, "kinds", {}, format)).data?.["kinds"] as Card[];
      expect(kinds.map((k) => k["kind_id"])).toEqual(["101", "102", "103"]);
      const imax = (await post(app, "cinemasByKind", { kind_id: "103" }, format)).data?.["cinemas"] as Card[];
      expect(imax.map((c) => c["cinema_id"])).toEqual(["44010001"]);
      expect(imax[0]!["price"]).toBe("70.00");
      expect((await post(app, "cinemasByKind", { kind_id: "1" }, format)).code).toBe(400);
    });

    it("buy (201, not activated) → payByCard activates and texts → status → redeem → used", async () => {
      const bought = await post(app, "buyByCinema", { cinema_id: "44010002", num: "2", mobile: "13800138000" }, format);
      expect(bought.code).toBe(201);
      const card = bought.data!["card"] as Card;
      expect(card).toMatchObject({
        status: "0",
        num: "2",
        price: "29.00",
        total_price: "58.00",
        cinema_id: "44010002",
      });
      expect(card["card_no"]).toMatch(/^88\d{14}$/);
      const cardNo = card["card_no"]!;

      const paid = await post(app, "payByCard", { card_no: cardNo }, format);
      expect(paid.code).toBe(200);
      expect(paid.data?.["card"]).toMatchObject({ status: "1", active_time: "2026-03-04 10:00:00" });
      expect(lingdongSmsLog(app)).toHaveLength(1);
      expect(lingdongSmsLog(app)[0]!.text).toContain(cardNo);
      expect((await post(app, "payByCard", { card_no: cardNo }, format)).code).toBe(406);

      const status = await post(app, "status", { card_no: cardNo }, format);
      expect(status.data?.["card"]).toMatchObject({ status: "1", status_name: "已激活", used_num: "0" });
      redeemLingdongVoucher(app, cardNo, 2);
      expect((await post(app, "status", { card_no: cardNo }, format)).data?.["card"]).toMatchObject({
        status: "2",
        used_num: "2",
      });
      expect((await post(app, "ban", { card_no: cardNo }, format)).code).toBe(406);
      expect((await post(app, "status", { card_no: "8800000000000000" }, format)).code).toBe(204);
      expect((await post(app, "payByCard", { card_no: "8800000000000000" }, format)).code).toBe(400);
    });

    it("buyByKind then ban: banned cards cannot be activated", async () => {
      const bought = await post(app, "buyByKind", { kind_id: "102", num: "1", mobile: "13800138000" }, format);
      expect(bought.code).toBe(201);
      const cardNo = (bought.data!["card"] as Card)["card_no"]!;
      const banned = await post(app, "ban", { card_no: cardNo }, format);
      expect(banned.code).toBe(200);
      expect(banned.data?.["card"]).toMatchObject({ status: "3", status_name: "已作废" });
      expect((await post(app, "payByCard", { card_no: cardNo }, format)).code).toBe(406);
      expect((await post(app, "buyByKind", { kind_id: "102", num: "11", mobile: "13800138000" }, format)).code).toBe(
        400,
      );
    });
  });
}

describe("Lingdong wire details", () => {
  let app: Awaited<ReturnType<typeof createLingdongSimulator>>;
  let ctx: SimContext;
  beforeEach(async () => {
    ctx = testContext();
    app = await createLingdongSimulator(ctx);
  });
  afterEach(() => app.close());

  it("answers XML by default with the documented envelope, JSON with \\u escapes", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/movTicket/cities",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(common()).toString(),
    });
    expect(res.headers["content-type"]).toContain("text/xml");
    expect(res.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<response>\s*<code>200<\/code>\s*<data>\s*<cities>\s*<item>/,
    );
    const json = await post(app, "cities", {}, "json");
    expect(json.raw).toContain('"code_name":"\\u5317\\u4eac"');
  });

  it("serves real HTTP on 127.0.0.1 (trailing slash tolerated)", async () => {
    const address = await app.listen({ host: "127.0.0.1", port: 0 });
    const res = await fetch(`${address}/movTicket/kinds/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...common(), format: "json" }),
    });
    const body = (await res.json()) as { code: number; data: { kinds: { kind_name: string }[] } };
    expect(body.code).toBe(200);
    expect(body.data.kinds[0]!.kind_name).toBe("2D电影通兑券");
  });

  it("refuses GET with 405 and renders faults as 500 / 503", async () => {
    const get = await app.inject({ method: "GET", url: "/movTicket/cities" });
    expect(get.body).toContain("<code>405</code>");
    ctx.faults.update({ calls: { kinds: { errorRate: 1 } } });
    expect((await post(app, "kinds", {}, "json")).code).toBe(500);
    ctx.faults.update({ calls: { kinds: { down: true } } });
    const res = await app.inject({
      method: "POST",
      url: "/movTicket/kinds",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ ...common(), format: "json" }).toString(),
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 503, error: { type: "maintenance" } });
  });
});
