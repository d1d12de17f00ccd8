import { describe, expect, it } from "vitest";
import { simulators } from "../../../simulators/src/all.js";
import { connectedVendors, vendorIds, vendors } from "../../src/vendors/all.js";
import { RingCallRecorder } from "../../src/vendors/call-recorder.js";
import { capabilities } from "../../src/vendors/descriptor.js";
import { loadConnectorFactories } from "../../src/vendors/factories.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { sharedTestApp } from "../support/shared-app.js";

const t = sharedTestApp();

async function createAccount(body: unknown) {
  const res = await fetch(new URL("/admin/vendor-accounts", t.baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: assertions inspect arbitrary problem bodies
  return { status: res.status, body: (await res.json()) as any };
}

describe("a vendor is one unit: the one list of descriptors", () => {
  it("every descriptor carries what the rest of the system reads", () => {
    for (const v of vendors) {
      expect(v.names.zh && v.names.en, v.id).toBeTruthy();
      expect(v.credentials.type, v.id).toBe("object");
      if (v.kind === "directory") {
        // No interface: no codes, no port, no factory — only a status saying so.
        expect(v.codes, v.id).toEqual([]);
        expect(v.status.zh, v.id).toBe("未接入：无公开接口文档");
        continue;
      }
      expect(v.codes.length, v.id).toBeGreaterThan(0);
      expect(v.demoPort, v.id).toBeGreaterThan(1024);
      if (v.kind === "seats") expect(v.recovery.source, v.id).toBeTruthy();
    }
    expect(new Set(connectedVendors.map((v) => v.demoPort)).size).toBe(connectedVendors.length);
  });

  it("a capabilities builder: every flag not named is off, the limits are as given", () => {
    const c = capabilities({ maxSeatsPerOrder: 4, lockTtlMs: 600_000 }, { catalogue: true, trade: true });
    expect(c).toEqual({
      listCinemas: false,
      catalogue: true,
      seatStatus: false,
      trade: true,
      refund: false,
      reverse: false,
      printStatus: false,
      concessions: false,
      memberCards: false,
      vouchers: false,
      maxSeatsPerOrder: 4,
      lockTtlMs: 600_000,
    });
  });

  it("the simulators' list names the same vendors on the same demo ports (they cannot import it)", () => {
    expect(simulators.map((s) => [s.id, s.demoPort])).toEqual(connectedVendors.map((v) => [v.id, v.demoPort]));
  });

  it("directory-only vendors (快购云, 威云) have no simulator and no connector factory", async () => {
    const directory = vendors.filter((v) => v.kind === "directory").map((v) => v.id);
    expect(directory).toEqual(["kuaigouyun", "weiyun"]);
    const factories = await loadConnectorFactories();
    for (const id of directory) {
      expect(simulators.some((s) => (s.id as string) === id)).toBe(false);
      expect(factories[id]).toBeUndefined();
    }
  });

  it("an account of a directory-only vendor needs no address and no credentials", async () => {
    const res = await createAccount({ vendor: "weiyun", name: "weiyun-records" });
    expect(res.status).toBe(201);
    expect(res.body.vendor).toBe("weiyun");
    const bad = await createAccount({ vendor: "weiyun", name: "weiyun-bad", credentials: { secret: "x" } });
    expect(bad.status).toBe(400);
  });

  it("a missing credential fails account creation with 400 naming the field", async () => {
    const res = await createAccount({
      vendor: "moviefan",
      name: "mf-missing-secret",
      baseUrl: "http://127.0.0.1:9",
      credentials: { channelCode: "cinegate" },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.detail).toContain("secret");
    expect(JSON.stringify(res.body.errors)).toContain("/credentials");
  });

  it('an empty credential is refused too, never stored as ""', async () => {
    const res = await createAccount({
      vendor: "ykse",
      name: "ykse-empty",
      baseUrl: "http://127.0.0.1:9",
      credentials: { channelCode: "", secret: "x" },
    });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain("channelCode");
  });

  it("the factory refuses a stored account without a required credential, naming it", async () => {
    const factories = await loadConnectorFactories();
    const make = () =>
      factories.moviefan!(
        {
          id: "vac_old",
          vendor: "moviefan",
          name: "old",
          baseUrl: "http://127.0.0.1:9",
          ratePerSecond: 5,
          createdAt: new Date(),
          credentials: { channelCode: "cinegate" },
        },
        { clock: { now: () => 0 }, recorder: new RingCallRecorder(10) },
      );
    expect(make).toThrow(/\/credentials\/secret/);
  });

  it("the OpenAPI document carries each vendor's names and credential fields for the console", async () => {
    const doc = (await (await fetch(new URL("/v1/openapi.json", t.baseUrl))).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    };
    const schema = doc.paths["/admin/vendor-accounts"]?.post?.requestBody?.content["application/json"]?.schema as {
      anyOf: Array<{
        "x-names": { zh: string; en: string };
        properties: {
          vendor: { const?: string; enum?: string[] };
          credentials: { properties: Record<string, { format?: string }> };
        };
      }>;
    };
    // The OpenAPI conversion writes a TypeBox literal as a one-value enum.
    const idOf = (b: (typeof schema.anyOf)[number]) => b.properties.vendor.const ?? b.properties.vendor.enum?.[0];
    expect(schema.anyOf.map(idOf)).toEqual(vendorIds);
    const ykse = schema.anyOf.find((b) => idOf(b) === "ykse")!;
    expect(ykse["x-names"].zh).toBeTruthy();
    expect(ykse.properties.credentials.properties.secret?.format).toBe("password");
    expect(ykse.properties.credentials.properties.channelCode?.format).toBeUndefined();
  });
});

describe("the factories accept each simulator's demo account", () => {
  it("builds a connector for every seat vendor from its demo account", async () => {
    const factories = await loadConnectorFactories();
    for (const [vendor, make] of Object.entries(factories)) {
      const sim = simulators.find((s) => s.id === vendor)!;
      const connector = make!(
        {
          id: `vac_${vendor}`,
          vendor: vendor as (typeof vendorIds)[number],
          name: vendor,
          baseUrl: "http://127.0.0.1:9",
          ratePerSecond: 5,
          createdAt: new Date(),
          credentials: { ...sim.demoAccount },
        },
        { clock: { now: () => 0 }, recorder: new RingCallRecorder(10) },
      );
      expect(connector.vendor).toBe(vendor);
    }
  });
});
