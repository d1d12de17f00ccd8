import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { type OpsWorld, startOpsWorld } from "../../ops/ops-fixture.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Json = any;

/** The console's vendor query page and the "why no showtimes" diagnosis on a 鼎新 cinema. */
let w: OpsWorld;
let account: string;
let cinemaId: string;
let internalCode: string;
let nationalCode: string;

beforeAll(async () => {
  w = await startOpsWorld();
  const acc = await w.admin("POST", "/admin/vendor-accounts", {
    vendor: "dingxin",
    name: "ops-dingxin",
    baseUrl: w.sims.urls.dingxin,
    credentials: demoAccounts.dingxin,
  });
  expect(acc.status).toBe(201);
  account = acc.body.id;
  const data = w.sims.dataset.cinemas.find((c) => c.vendor === "dingxin")!;
  internalCode = data.internalCode;
  nationalCode = data.nationalCode;
  const onboarded = await w.admin("POST", "/admin/cinemas", {
    vendorAccountId: account,
    vendorCinemaId: internalCode,
    nationalCode,
    channels: ["demo"],
  });
  expect(onboarded.status).toBe(201);
  cinemaId = onboarded.body.id;
}, 120_000);
afterAll(() => w?.close());

const query = (body: unknown) => w.admin("POST", `/admin/cinemas/${cinemaId}/vendor-query`, body);
const diagnose = (id: string) => w.admin("POST", `/admin/cinemas/${id}/diagnosis?wait=true`);
const finding = (run: Json, check: string) => run.checks.find((c: Json) => c.check === check).finding;

describe("鼎新 on the console", () => {
  it("the vendor query page runs 鼎新's calls live with the masked raw exchange", async () => {
    const cinemas = await query({ call: "cinemas" });
    expect(cinemas.status).toBe(200);
    expect(cinemas.body.ok).toBe(true);
    expect(
      cinemas.body.result.some((c: Json) => c.vendorCinemaId === internalCode && c.nationalCode === nationalCode),
    ).toBe(true);
    const raw = cinemas.body.calls.map((c: Json) => `${c.request} ${c.response}`).join("\n");
    expect(raw).toContain("partner/cinemas");
    expect(raw).not.toContain(demoAccounts.dingxin.authCode);
    const grades = await query({ call: "cardGrades" });
    expect(grades.body.ok).toBe(true);
    expect(grades.body.result.length).toBeGreaterThan(0);
  });

  it("hidden showtimes: the showtimes check fails with 鼎新's fix (channel not ticked, one day later)", async () => {
    w.sims.faults.dingxin.update({ hideShowtimesFor: [internalCode] });
    try {
      const res = await diagnose(cinemaId);
      expect(res.status).toBe(200);
      expect(finding(res.body, "credentials").status).toBe("ok");
      const f = finding(res.body, "showtimes");
      expect(f.status).toBe("fail");
      expect(f.fix.zh).toContain("场次开放渠道");
      expect(f.fix.zh).toContain("推后一天");
    } finally {
      w.sims.faults.dingxin.update({ hideShowtimesFor: [] });
    }
  });

  it("a cinema onboarded under its national code: 鼎新 does not know it, and the diagnosis says it needs the internal code", async () => {
    const wrong = await w.admin("POST", "/admin/cinemas", {
      vendorAccountId: account,
      vendorCinemaId: nationalCode,
      channels: [],
    });
    expect(wrong.status).toBe(201);
    const res = await diagnose(wrong.body.id);
    const f = finding(res.body, "cinema");
    expect(f.status).toBe("fail");
    expect(f.detail.en).toMatch(/needs its internal code/);
  });
});
