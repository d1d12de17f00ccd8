import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { buildOpenApiDocument } from "../../../src/http/openapi-document.js";
import { type OpsWorld, startOpsWorld } from "../../ops/ops-fixture.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Json = any;

/** The console's vendor query page, onboarding form and diagnosis on a 火烈鸟 5.0 / 大地 cinema. */
let w: OpsWorld;
let cinemaId: string;
let internalCode: string;

const addAccount = (name: string, credentials: Record<string, string>) =>
  w.admin("POST", "/admin/vendor-accounts", {
    vendor: "huolieniao5",
    name,
    baseUrl: w.sims.urls.huolieniao5,
    credentials,
  });

beforeAll(async () => {
  w = await startOpsWorld();
  const acc = await addAccount("ops-dadi", { ...demoAccounts.huolieniao5, brand: "dadi" });
  expect(acc.status).toBe(201);
  internalCode = w.sims.dataset.cinemas.find((c) => c.vendor === "huolieniao5")!.internalCode;
  const onboarded = await w.admin("POST", "/admin/cinemas", {
    vendorAccountId: acc.body.id,
    vendorCinemaId: internalCode,
    nationalCode: internalCode,
    channels: ["demo"],
  });
  expect(onboarded.status).toBe(201);
  cinemaId = onboarded.body.id;
}, 120_000);
afterAll(() => w?.close());

const query = (id: string, body: unknown) => w.admin("POST", `/admin/cinemas/${id}/vendor-query`, body);
const diagnose = (id: string) => w.admin("POST", `/admin/cinemas/${id}/diagnosis?wait=true`);
const finding = (run: Json, check: string) => run.checks.find((c: Json) => c.check === check).finding;

describe("火烈鸟 5.0 / YXT on the console", () => {
  it("the OpenAPI document gives the console's form the brand as a closed list (a drop-down)", async () => {
    // What web/src/console/pages/operations/vendor-forms.ts reads: anyOf of constants with x-label.
    const doc = (await buildOpenApiDocument()) as Json;
    const body = doc.paths["/admin/vendor-accounts"].post.requestBody.content["application/json"].schema;
    const branch = body.anyOf.find(
      (b: Json) => (b.properties.vendor.const ?? b.properties.vendor.enum?.[0]) === "huolieniao5",
    );
    const creds = branch.properties.credentials;
    expect(creds.required).not.toContain("brand");
    expect(creds.properties.key.format).toBe("password");
    const options = creds.properties.brand.anyOf as Json[];
    expect(options.map((o) => o.const ?? o.enum?.[0])).toEqual([
      "huolieniao",
      "dadi",
      "zhouli",
      "jinyi",
      "weiying",
      "tianhe",
    ]);
    expect(options.find((o) => (o.const ?? o.enum?.[0]) === "dadi")["x-label"].zh).toBe("大地");
  });

  it("the vendor query page runs queryCinema live with the masked raw exchange", async () => {
    const res = await query(cinemaId, { call: "cinema" });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.result.nationalCode).toBe(internalCode);
    const raw = res.body.calls.map((c: Json) => `${c.request} ${c.response}`).join("\n");
    expect(raw).toContain("queryCinema.xml");
    expect(raw).not.toContain(demoAccounts.huolieniao5.key);
  });

  it("hidden showtimes: the showtimes check fails with 火烈鸟's fix (VC channel on sale)", async () => {
    w.sims.faults.huolieniao5.update({ hideShowtimesFor: [internalCode] });
    try {
      const res = await diagnose(cinemaId);
      expect(finding(res.body, "credentials").status).toBe("ok");
      const f = finding(res.body, "showtimes");
      expect(f.status).toBe("fail");
      expect(f.fix.zh).toContain("开售状态");
      expect(f.fix.zh).toContain("大地");
    } finally {
      w.sims.faults.huolieniao5.update({ hideShowtimesFor: [] });
    }
  });

  it("a wrong key: the credentials check names the brand and carries the vendor's own text", async () => {
    const acc = await addAccount("ops-dadi-bad", { ...demoAccounts.huolieniao5, key: "wrong-key", brand: "dadi" });
    expect(acc.status).toBe(201);
    const c = await w.admin("POST", "/admin/cinemas", {
      vendorAccountId: acc.body.id,
      vendorCinemaId: internalCode,
      channels: [],
    });
    const res = await diagnose(c.body.id);
    const f = finding(res.body, "credentials");
    expect(f.status).toBe("fail");
    expect(JSON.stringify(f)).toContain("大地（火烈鸟 5.0 / YXT）");
    expect(JSON.stringify(f)).toContain("签名校验失败");
    expect(JSON.stringify(f)).not.toContain("wrong-key");
  });
});
