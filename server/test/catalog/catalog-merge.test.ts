import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../simulators/src/index.js";
import { ChannelClient } from "../../src/client/channel-client.js";
import { businessDayOf } from "../../src/domain/time.js";
import { DEMO_SECRET, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from "../support/app.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Json = any;

let sims: RunningSimulators;
let t: TestApp;
let api: ChannelClient;

const admin = async (path: string, body: unknown) => {
  const res = await fetch(new URL(path, t.baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Json;
};

/** Onboards every data-set cinema of a vendor for the demo channel (their syncs run inline). */
async function onboardAll(vendor: "ykse" | "vista" | "moviefan" | "chenxing") {
  const account = await admin("/admin/vendor-accounts", {
    vendor,
    name: `acc-${vendor}`,
    baseUrl: sims.urls[vendor],
    credentials: demoAccounts[vendor],
  });
  const ids: string[] = [];
  for (const c of sims.dataset.cinemas.filter((x) => x.vendor === vendor)) {
    const res = await admin("/admin/cinemas", {
      vendorAccountId: account.id,
      vendorCinemaId: c.internalCode,
      channels: ["demo"],
    });
    ids.push(res.id);
  }
  return ids;
}

beforeAll(async () => {
  sims = await startSimulators({ seed: 5, cinemas: 12, days: 2 });
  t = await startTestApp({ catalogClock: { now: () => sims.clocks.ykse.now() } });
  api = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "demo", secret: DEMO_SECRET });
});
afterAll(async () => {
  await t?.close();
  await sims?.close();
});

describe("catalogue across vendors", () => {
  let ykseCinemas: string[];

  it("syncs every ykse, VISTA, moviefan and 辰星 cinema without errors", async () => {
    ykseCinemas = await onboardAll("ykse");
    await onboardAll("vista");
    await onboardAll("moviefan");
    await onboardAll("chenxing");
    const runs = await t.db.selectFrom("sync_runs").select(["status", "errors"]).execute();
    // Only these four vendors' cinemas were onboarded (the data set deals cinemas to every seat vendor).
    const onboarded = sims.dataset.cinemas.filter((c) => ["ykse", "vista", "moviefan", "chenxing"].includes(c.vendor));
    expect(runs.length).toBe(onboarded.length);
    expect(runs.filter((r) => r.status !== "succeeded")).toEqual([]);
    // Four vendors' full syncs at their accounts' default rates: more than the default 20 s on a busy machine.
  }, 60_000);

  it("keeps one film per national code across cinemas, and vendor-id films apart (doc 001 has no film code)", async () => {
    const films = await t.db.selectFrom("films").select(["id", "national_code", "source_account_id"]).execute();
    const coded = films.filter((f) => f.national_code !== null).map((f) => f.national_code);
    expect(coded.length).toBeGreaterThan(0);
    expect(new Set(coded).size).toBe(coded.length);
    // A ykse film shown in several ykse cinemas is one film with one vendor reference.
    const refs = await t.db.selectFrom("film_refs").select(["film_id", "vendor_account_id"]).execute();
    expect(new Set(refs.map((r) => `${r.vendor_account_id}|${r.film_id}`)).size).toBe(refs.length);
    // ykse (filmCode) and VISTA (ShortCode) both carry the national code: their films merge.
    const accountsPerFilm = new Map<string, Set<string>>();
    for (const r of refs)
      accountsPerFilm.set(r.film_id, (accountsPerFilm.get(r.film_id) ?? new Set()).add(r.vendor_account_id));
    expect([...accountsPerFilm.values()].some((accounts) => accounts.size >= 2)).toBe(true);
    const moviefanAccount = await t.db
      .selectFrom("vendor_accounts")
      .select("id")
      .where("vendor", "=", "moviefan")
      .executeTakeFirstOrThrow();
    const uncoded = films.filter((f) => f.national_code === null);
    expect(uncoded.every((f) => f.source_account_id === moviefanAccount.id)).toBe(true);
  });

  it("prices a VIP area from the vendor's area settle price and shows it in the seat map", async () => {
    const today = businessDayOf(sims.clocks.ykse.now());
    let withArea: Json;
    for (const id of ykseCinemas) {
      for (const day of [today, businessDayOf(sims.clocks.ykse.now() + 86_400_000)]) {
        const items = (await api.get<Json>(`/v1/cinemas/${id}/showtimes?date=${day}&pageSize=200`)).body.items;
        withArea ??= items.find((s: Json) => s.onSale && s.areaPrices?.length);
      }
    }
    expect(withArea).toBeDefined();
    const area = withArea.areaPrices[0];
    expect(area.saleFen).toBeGreaterThan(withArea.price.saleFen);
    const map = (await api.get<Json>(`/v1/showtimes/${withArea.id}/seats`)).body;
    expect(map.areas.length).toBeGreaterThan(0);
    expect(map.areas.map((a: Json) => a.saleFen)).toContain(area.saleFen);
    expect(map.seats.some((s: Json) => s.areaId === map.areas[0].id)).toBe(true);
    expect(map.seats.some((s: Json) => s.type === "wheelchair")).toBe(true);
  });
});
