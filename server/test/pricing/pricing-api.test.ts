import { beforeAll, describe, expect, it } from "vitest";
import { ChannelClient } from "../../src/client/channel-client.js";
import { createOrder, freeNormalSeats, type Json, sellableWorld } from "../orders/harness.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { type ConsoleSession, call, createConsoleUser, login } from "../support/console.js";

// The pricing-rule admin API over real HTTP, and its effect on the channel catalogue and the order lock.
let app: ChannelClient;
let olga: ConsoleSession;
let otto: ConsoleSession;

const admin = (method: string, path: string, body?: unknown) =>
  call(w.t.baseUrl, method, path, body, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
const dayOf = (iso: string) => {
  // The business day of a show: China date of (start − 6 h).
  const ms = new Date(iso).getTime() - 6 * 3600_000 + 8 * 3600_000;
  return new Date(ms).toISOString().slice(0, 10);
};
const catalogueSale = async (client: ChannelClient) => {
  const res = await client.get<Json>(
    `/v1/cinemas/${w.cinemaId}/showtimes?date=${dayOf(w.showtime.startsAt)}&pageSize=200`,
  );
  return (res.body.items as Json[]).find((s) => s.id === w.showtime.id).price;
};
const rule = (over: Record<string, unknown> = {}) => ({
  name: "test rule",
  enabled: true,
  scope: { cinemaIds: [w.cinemaId], channels: ["demo"] },
  price: { base: "list", op: "add", valueFen: 1000 },
  ...over,
});

const w = sellableWorld("ykse", { hours: 6 });
beforeAll(async () => {
  const created = await admin("POST", "/admin/channels", {
    code: "app",
    name: "Partner app",
    secret: "app-secret-for-tests-0123456789",
    cinemas: [w.cinemaId],
  });
  expect(created.status).toBe(201);
  app = new ChannelClient({ baseUrl: w.t.baseUrl, channelCode: "app", secret: "app-secret-for-tests-0123456789" });
  await createConsoleUser(w.t, "olga", "cinema_operator", [w.cinemaId]);
  await createConsoleUser(w.t, "otto", "cinema_operator", ["cin_somewhere_else"]);
  olga = await login(w.t.baseUrl, "olga", "pw-olga-0123456789");
  otto = await login(w.t.baseUrl, "otto", "pw-otto-0123456789");
}, 120_000);

describe("pricing rules admin API", () => {
  let ruleId: string;
  let floorSale: number;

  it("with no rule every channel sees the floor price; a preview shows what a rule would change", async () => {
    const demo = await catalogueSale(w.api);
    expect(await catalogueSale(app)).toEqual(demo);
    floorSale = demo.saleFen;
    const res = await admin("POST", "/admin/pricing-rules/preview", { rule: rule() });
    expect(res.status).toBe(200);
    const mine = res.body.items.find((i: Json) => i.showtimeId === w.showtime.id);
    expect(mine).toMatchObject({
      channel: "demo",
      oldSaleFen: demo.saleFen,
      newSaleFen: w.showtime.price.listFen + 1000 + demo.serviceFeeFen,
    });
    // Only the demo channel's prices change.
    expect(res.body.items.every((i: Json) => i.channel === "demo")).toBe(true);
    expect(res.body.total).toBe(res.body.items.length);
  });

  it("a preview marks the showtimes a rule would sell below the vendor's floor as held at the floor", async () => {
    const res = await admin("POST", "/admin/pricing-rules/preview", {
      rule: rule({ price: { base: "list", op: "fixed", valueFen: 1 }, serviceFeeFen: 0 }),
    });
    expect(res.status).toBe(200);
    expect(res.body.clampedCount).toBeGreaterThan(0);
    const mine = res.body.items.find((i: Json) => i.showtimeId === w.showtime.id);
    expect(mine).toMatchObject({ clamped: true, newSaleFen: floorSale });
  });

  it("creates a rule; the channel it names sees the new price at once, the other channel does not", async () => {
    const res = await admin("POST", "/admin/pricing-rules", rule());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, enabled: true, specificity: 4, editable: true, subsidy: false });
    ruleId = res.body.id;
    const demo = await catalogueSale(w.api);
    expect(demo.saleFen).toBe(w.showtime.price.listFen + 1000 + demo.serviceFeeFen);
    expect((await catalogueSale(app)).saleFen).toBe(floorSale);
  });

  it("explains a showtime's price for a channel: each rule considered and each step", async () => {
    await admin(
      "POST",
      "/admin/pricing-rules",
      rule({ name: "other film", scope: { filmIds: [w.showtime.filmId], versions: ["NO-SUCH"] } }),
    );
    const res = await admin("GET", `/admin/showtimes/${w.showtime.id}/price-explain?channel=demo`);
    expect(res.status).toBe(200);
    expect(res.body.ruleId).toBe(ruleId);
    expect(res.body.price.ruleId).toBe(ruleId);
    expect(res.body.channelSells).toBe(true);
    expect(res.body.considered).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId, matched: true, chosen: true }),
        expect.objectContaining({ name: "other film", matched: false, field: "versions" }),
      ]),
    );
    // Support staff read the reasons and notes in the console's language: both are given.
    const missed = res.body.considered.find((c: Json) => c.name === "other film");
    expect(missed.reason.zh).toMatch(/^版本 .* 不在规则的版本中$/);
    expect(missed.reason.en).toMatch(/is not in the rule's versions$/);
    expect(res.body.steps.map((s: Json) => s.step)).toEqual(["base", "op", "fee", "sum", "floor"]);
    expect(res.body.steps[0].note).toEqual({ zh: "以挂牌价为基准", en: "list price" });
    expect(res.body.steps[1].note).toEqual({ zh: "基准价 +1000", en: "base +1000" });
    const forApp = await admin("GET", `/admin/showtimes/${w.showtime.id}/price-explain?channel=app`);
    expect(forApp.body.ruleId).toBeUndefined();
    expect(forApp.body.considered.find((c: Json) => c.ruleId === ruleId)).toMatchObject({
      matched: false,
      field: "channels",
    });
  });

  it("refuses a rule that ties with another on the same showtimes, naming where", async () => {
    const res = await admin(
      "POST",
      "/admin/pricing-rules",
      rule({ name: "tie", scope: { cinemaIds: [w.cinemaId], channels: ["demo", "app"] } }),
    );
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("CONFLICT");
    expect(res.body.conflicts[0]).toMatchObject({ ruleId });
    expect(res.body.conflicts[0].showtimes.length).toBeGreaterThan(0);
    // A higher priority settles it.
    const ok = await admin(
      "POST",
      "/admin/pricing-rules",
      rule({ name: "tie", priority: 1, scope: { cinemaIds: [w.cinemaId], channels: ["app"] }, enabled: false }),
    );
    expect(ok.status).toBe(201);
  });

  it("keeps the history of every change: who, when, before and after", async () => {
    const upd = await admin(
      "PUT",
      `/admin/pricing-rules/${ruleId}`,
      rule({ price: { base: "list", op: "add", valueFen: 2000 } }),
    );
    expect(upd.status).toBe(200);
    expect(upd.body.version).toBe(2);
    expect((await admin("POST", `/admin/pricing-rules/${ruleId}/disable`)).body.enabled).toBe(false);
    expect((await admin("POST", `/admin/pricing-rules/${ruleId}/enable`)).body.enabled).toBe(true);
    const h = await admin("GET", `/admin/pricing-rules/${ruleId}/history`);
    expect(h.body.items.map((e: Json) => e.action)).toEqual(["enable", "disable", "update", "create"]);
    expect(h.body.items[2].before.price.valueFen).toBe(1000);
    expect(h.body.items[2].after.price.valueFen).toBe(2000);
    expect(h.body.items[0].actor).toBe("token:admin");
  });

  it("bulk enable/disable answers which rules changed and which were refused", async () => {
    const list = await admin("GET", "/admin/pricing-rules?pageSize=200");
    const tie = list.body.items.find((r: Json) => r.name === "tie");
    const res = await admin("POST", "/admin/pricing-rules/bulk", { ids: [tie.id, "prr_missing"], enabled: true });
    expect(res.status).toBe(200);
    expect(res.body.updated).toEqual([tie.id]);
    expect(res.body.refused).toEqual([expect.objectContaining({ id: "prr_missing", code: "NOT_FOUND" })]);
  });

  it("the order lock snapshots the channel's price; PRICE_CHANGED when expectedTotalFen is stale", async () => {
    const price = await catalogueSale(w.api);
    const [seat] = freeNormalSeats(w.seats, 1, 3);
    const stale = await createOrder(w, w.showtime.id, [seat.id], undefined, { expectedTotalFen: floorSale });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("PRICE_CHANGED");
    const ok = await createOrder(w, w.showtime.id, [seat.id], undefined, { expectedTotalFen: price.saleFen });
    expect(ok.status).toBe(201);
    expect(ok.body.totalFen).toBe(price.saleFen);
    // A later change does not touch the locked order.
    await admin("PUT", `/admin/pricing-rules/${ruleId}`, rule({ price: { base: "list", op: "add", valueFen: 3000 } }));
    const again = await w.api.get<Json>(`/v1/orders/${ok.body.id}`);
    expect(again.body.totalFen).toBe(price.saleFen);
    expect((await catalogueSale(w.api)).saleFen).toBe(price.saleFen + 1000);
  });

  it("priced areas: the seat map shows the channel's area prices, the same as the catalogue", async () => {
    const rows = await w.t.db
      .selectFrom("showtimes")
      .select(["id", "starts_at", "area_prices"])
      .where("cinema_id", "=", w.cinemaId)
      .where("valid", "=", true)
      .where("stop_selling_at", ">", new Date(w.sims.clocks.ykse.now() + 3600_000))
      .execute();
    const priced = rows.find((r) => (r.area_prices as unknown[]).length > 0);
    if (!priced) throw new Error("the data set has no area-priced showtime in this cinema");
    const day = dayOf(priced.starts_at.toISOString());
    const listed = async (client: ChannelClient) =>
      (
        (await client.get<Json>(`/v1/cinemas/${w.cinemaId}/showtimes?date=${day}&pageSize=200`)).body.items as Json[]
      ).find((s) => s.id === priced.id);
    const mapAreas = async (client: ChannelClient) =>
      ((await client.get<Json>(`/v1/showtimes/${priced.id}/seats`)).body.areas as Json[]).map((a) => a.saleFen).sort();
    const demo = await listed(w.api);
    const other = await listed(app);
    expect(demo.areaPrices.length).toBeGreaterThan(0);
    expect(await mapAreas(w.api)).toEqual(demo.areaPrices.map((a: Json) => a.saleFen).sort());
    expect(await mapAreas(app)).toEqual(other.areaPrices.map((a: Json) => a.saleFen).sort());
    // The demo channel's rule adds to the list price; the app channel sells at the floor.
    expect(Math.min(...demo.areaPrices.map((a: Json) => a.saleFen))).toBeGreaterThan(
      Math.min(...other.areaPrices.map((a: Json) => a.saleFen)),
    );
  });

  it("answers bad input with 400 naming the field", async () => {
    const cases: Array<[unknown, string]> = [
      [rule({ price: { base: "list", op: "percent", percent: 2000 } }), "body/price/percent"],
      [rule({ scope: { dateFrom: "2026-12-10", dateTo: "2026-12-01" } }), "body/scope/dateTo"],
      [rule({ scope: { cinemaIds: ["cin_nope"] } }), "body/scope/cinemaIds"],
      [rule({ scope: { channels: ["nochannel"] } }), "body/scope/channels"],
      [rule({ scope: { timeFrom: "22:00" } }), "body/scope/timeTo"],
      [rule({ scope: { timeFrom: "22:00", timeTo: "26:00" } }), "body/scope/timeTo"],
      [rule({ price: { base: "list", op: "fixed", valueFen: -5 } }), "body/price/valueFen"],
      [rule({ serviceFeeFen: -1 }), "body/serviceFeeFen"],
      [rule({ scope: { weekdays: [0] } }), "body/scope/weekdays/0"],
    ];
    for (const [body, path] of cases) {
      const res = await admin("POST", "/admin/pricing-rules", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
      expect(res.body.errors.map((e: Json) => e.path)).toContain(path);
    }
  });

  it("operators edit only rules scoped to their own cinemas", async () => {
    const mine = await olga.request(
      "POST",
      "/admin/pricing-rules",
      rule({ name: "olga's", scope: { cinemaIds: [w.cinemaId], hallTypes: ["IMAX"] } }),
    );
    expect(mine.status).toBe(201);
    const everywhere = await olga.request("POST", "/admin/pricing-rules", rule({ name: "global", scope: {} }));
    expect(everywhere.status).toBe(403);
    // The admin's cinema-wide rule is visible to her (it applies to her cinema) and editable too.
    const list = await olga.request("GET", "/admin/pricing-rules");
    expect(list.body.items.map((r: Json) => r.name)).toContain("test rule");
    // Another cinema's operator sees only the rule without a cinema list (it reaches every cinema), read-only.
    const others = (await otto.request("GET", "/admin/pricing-rules")).body.items;
    expect(others.map((r: Json) => [r.name, r.editable])).toEqual([["other film", false]]);
    expect((await otto.request("POST", `/admin/pricing-rules/${mine.body.id}/disable`)).status).toBe(404);
    expect((await otto.request("GET", `/admin/showtimes/${w.showtime.id}/price-explain?channel=demo`)).status).toBe(
      404,
    );
  });

  it("a deleted rule stops pricing and keeps its history", async () => {
    const del = await admin("DELETE", `/admin/pricing-rules/${ruleId}`);
    expect(del.status).toBe(204);
    expect((await catalogueSale(w.api)).saleFen).toBe(floorSale);
    expect((await admin("GET", `/admin/pricing-rules/${ruleId}`)).status).toBe(404);
    const rows = await w.t.db
      .selectFrom("pricing_rule_history")
      .select("action")
      .where("rule_id", "=", ruleId)
      .execute();
    expect(rows.map((r) => r.action)).toContain("delete");
  });
});
