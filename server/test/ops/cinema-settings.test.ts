import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsoleSession, createConsoleUser, login } from "../support/console.js";
import { type OpsWorld, startOpsWorld } from "./ops-fixture.js";

let w: OpsWorld;
let operator: ConsoleSession;
let vista: string;
let ykse: string;

beforeAll(async () => {
  w = await startOpsWorld();
  vista = w.cinemas.vista.id;
  ykse = w.cinemas.ykse.id;
  const op = await createConsoleUser(w.t, "op.vista", "cinema_operator", [vista]);
  operator = await login(w.t.baseUrl, op.username, op.password);
}, 60_000);
afterAll(() => w?.close());

const path = (id: string) => `/admin/cinemas/${id}/settings`;

describe("GET/PUT /admin/cinemas/{id}/settings", () => {
  it("reads version 0 and an empty vendor section when nothing is stored, with the vendor's schema", async () => {
    const res = await w.admin("GET", path(ykse));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cinemaId: ykse, vendor: "ykse", version: 0, updatedAt: null, updatedBy: null });
    expect(res.body.settings).toEqual({ vendor: {} });
    expect(res.body.schemas.vendor).toBeNull();
    const v = await w.admin("GET", path(vista));
    expect(v.body.version).toBe(0);
    expect(Object.keys(v.body.schemas.vendor.properties)).toContain("stopSellingMinutes");
  });

  it("writes a version, refuses a stale one with 409, and audits each write", async () => {
    const first = await w.admin("PUT", path(vista), { version: 0, settings: { vendor: { maxSeatsPerOrder: 4 } } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, settings: { vendor: { maxSeatsPerOrder: 4 } } });
    expect(first.body.updatedBy).toBeTruthy();

    const stale = await w.admin("PUT", path(vista), { version: 0, settings: { vendor: { maxSeatsPerOrder: 6 } } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: "CONFLICT", currentVersion: 1 });

    const second = await w.admin("PUT", path(vista), {
      version: 1,
      settings: { vendor: { maxSeatsPerOrder: 6, refundBookingFee: false } },
    });
    expect(second.body.version).toBe(2);
    expect((await w.admin("GET", path(vista))).body.settings.vendor).toEqual({
      maxSeatsPerOrder: 6,
      refundBookingFee: false,
    });

    const rows = await w.t.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "cinema.settings")
      .orderBy("at")
      .orderBy("id")
      .execute();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.target === vista)).toBe(true);
    const details = rows.map((r) => (typeof r.detail === "string" ? JSON.parse(r.detail) : r.detail));
    expect(details.map((d) => d.outcome?.status).sort()).toEqual([200, 200, 409]);
    expect(details.some((d) => d.newVersion === 2)).toBe(true);
  });

  it("refuses values outside the vendor's schema with 400 naming the field, and writes nothing", async () => {
    const before = (await w.admin("GET", path(vista))).body.version;
    for (const [vendorSettings, field] of [
      [{ maxSeatsPerOrder: 0 }, "/settings/vendor/maxSeatsPerOrder"],
      [{ stopSellingMinutes: "ten" }, "/settings/vendor/stopSellingMinutes"],
      [{ noSuchSetting: true }, "/settings/vendor/noSuchSetting"],
      [{ payment: { cardType: "" } }, "/settings/vendor/payment/cardType"],
    ] as const) {
      const res = await w.admin("PUT", path(vista), { version: before, settings: { vendor: vendorSettings } });
      expect(res.status, JSON.stringify(vendorSettings)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    const ykseRes = await w.admin("PUT", path(ykse), { version: 0, settings: { vendor: { stopSellingMinutes: 5 } } });
    expect(ykseRes.status).toBe(400);
    expect(ykseRes.body.errors[0].path).toBe("/settings/vendor/stopSellingMinutes");
    expect((await w.admin("GET", path(vista))).body.version).toBe(before);
  });

  it("scopes cinema operators: their own cinema reads, another is 404, writes are for admin and support", async () => {
    expect((await operator.request("GET", path(vista))).status).toBe(200);
    const other = await operator.request("GET", path(ykse));
    expect(other.status).toBe(404);
    const write = await operator.request("PUT", path(vista), { version: 0, settings: { vendor: {} } });
    expect(write.status).toBe(403);
    expect((await w.admin("GET", "/admin/cinemas/cin_missing/settings")).status).toBe(404);
  });
});

describe("a stored VISTA setting reaches the connector the sync uses", () => {
  it("stopSellingMinutes moves every synced showtime's stop-selling time; removing it restores the default", async () => {
    const stopGaps = async () =>
      (
        await w.t.db
          .selectFrom("showtimes")
          .select(["starts_at", "stop_selling_at"])
          .where("cinema_id", "=", vista)
          .execute()
      ).map((s) => (s.starts_at.getTime() - s.stop_selling_at.getTime()) / 60_000);
    const sync = async () => expect((await w.admin("POST", `/admin/cinemas/${vista}/sync`)).status).toBe(202);

    const defaults = await stopGaps();
    expect(defaults.length).toBeGreaterThan(0);
    expect(new Set(defaults)).toEqual(new Set([0]));

    const current = (await w.admin("GET", path(vista))).body.version;
    const put = await w.admin("PUT", path(vista), {
      version: current,
      settings: { vendor: { stopSellingMinutes: 20 } },
    });
    expect(put.status).toBe(200);
    await sync();
    expect(new Set(await stopGaps())).toEqual(new Set([20]));

    await w.admin("PUT", path(vista), { version: put.body.version, settings: { vendor: {} } });
    await sync();
    expect(new Set(await stopGaps())).toEqual(new Set([0]));
  });
});
