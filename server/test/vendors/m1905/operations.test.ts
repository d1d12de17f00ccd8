import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import type { Cinema } from "../../../../simulators/src/core/dataset-types.js";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from "../../support/app.js";
import { call } from "../../support/console.js";
import { middayClock } from "../../support/midday-clock.js";

// Support staff on a 1905 cinema: the vendor query page's calls (catalogue reads and 1905's member
// cards) and the "why no showtimes" diagnosis with 1905's own fix text.
// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Json = any;

let sims: RunningSimulators;
let t: TestApp;
let cinemaId: string;
let data: Cinema;
const admin = (method: string, path: string, body?: unknown) =>
  call(t.baseUrl, method, path, body, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
const query = (body: unknown) => admin("POST", `/admin/cinemas/${cinemaId}/vendor-query`, body);

beforeAll(async () => {
  sims = await startSimulators({ seed: 23, cinemas: 10, days: 2, clock: middayClock() });
  t = await startTestApp({ catalogClock: { now: () => sims.clocks.m1905.now() } });
  const acc = await admin("POST", "/admin/vendor-accounts", {
    vendor: "m1905",
    name: "ops-m1905",
    baseUrl: sims.urls.m1905,
    credentials: demoAccounts.m1905,
  });
  expect(acc.status).toBe(201);
  data = sims.dataset.cinemas.find((c) => c.vendor === "m1905")!;
  const onboarded = await admin("POST", "/admin/cinemas", {
    vendorAccountId: acc.body.id,
    vendorCinemaId: data.internalCode,
    nationalCode: data.nationalCode,
    channels: ["demo"],
  });
  expect(onboarded.status).toBe(201);
  cinemaId = onboarded.body.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sims?.close();
});

describe("operations on a 1905 cinema", () => {
  it("the vendor query page lists 1905's cinemas with their national codes and the hall list", async () => {
    const cinemas = await query({ call: "cinemas" });
    expect(cinemas.body.ok).toBe(true);
    expect(cinemas.body.result).toContainEqual(
      expect.objectContaining({ vendorCinemaId: data.internalCode, nationalCode: data.nationalCode }),
    );
    const halls = await query({ call: "halls" });
    expect(halls.body.ok && halls.body.result.length).toBe(data.halls.length);
    expect(JSON.stringify(cinemas.body.calls)).not.toContain(demoAccounts.m1905.key);
  });

  it("offers 1905's card calls: levels, and a login whose password and mobile never reach the page", async () => {
    const card = sims.dataset.cards.find((c) => c.cinemaId === data.id)!;
    const levels = await query({ call: "cardGrades" });
    expect(levels.body.ok, JSON.stringify(levels.body.error)).toBe(true);
    expect(levels.body.result.length).toBeGreaterThan(0);
    const login = await query({ call: "cardLogin", params: { cardNumber: card.cardNo, cardPassword: card.password } });
    expect(login.body.ok, JSON.stringify(login.body.error)).toBe(true);
    expect(login.body.result.balanceFen).toBe(card.balanceFen);
    expect(JSON.stringify(login.body.calls)).not.toContain(`pCardPwd=${card.password}`);
    expect(JSON.stringify(login.body)).not.toContain(card.mobile);
  });

  it("diagnosis: hidden showtimes fail the showtimes check with 1905's fix (CinemaNo, not the national code)", async () => {
    sims.faults.m1905.update({ hideShowtimesFor: [data.internalCode] });
    try {
      const res = await admin("POST", `/admin/cinemas/${cinemaId}/diagnosis?wait=true`);
      expect(res.status).toBe(200);
      const f = (res.body as Json).checks.find((c: Json) => c.check === "showtimes").finding;
      expect(f.status).toBe("fail");
      expect(f.fix.zh).toContain("CinemaNo");
      expect(f.fix.en).toContain("national code");
    } finally {
      sims.faults.m1905.update({ hideShowtimesFor: [] });
    }
  });
});
