import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "../../src/db/database.js";
import { auditAdminRoutes } from "../../src/http/plugins/audited-routes.js";
import { type AuditEntry, AuditLog } from "../../src/security/audit.js";
import { type OpsWorld, startOpsWorld } from "./ops-fixture.js";

/** The real audit log, except that a test can make its next writes fail (a full disk, a lost connection). */
class FlakyAuditLog extends AuditLog {
  failing = false;
  override async begin(...args: Parameters<AuditLog["begin"]>): Promise<AuditEntry> {
    if (this.failing) throw new Error("audit_log is not writable");
    return super.begin(...args);
  }
}

let w: OpsWorld;
let audit: FlakyAuditLog;
beforeAll(async () => {
  w = await startOpsWorld({
    audit: (db: Db) => {
      audit = new FlakyAuditLog(db);
      return audit;
    },
  });
}, 60_000);
afterAll(() => w?.close());

const queryRows = () =>
  w.t.db.selectFrom("audit_log").selectAll().where("action", "=", "vendor.query").orderBy("id").execute();

/** Counts the connector's live calls: the connector is cached per account, so this is the one the route uses. */
async function spyOnVendor() {
  const connector = await w.t.catalog.registry.forAccount(w.accounts.ykse);
  return vi.spyOn(connector, "getCinema");
}

describe("the audit row comes first (issue 21, item 3)", () => {
  it("a vendor query whose audit row cannot be written makes no vendor call", async () => {
    const vendor = await spyOnVendor();
    const before = (await queryRows()).length;
    audit.failing = true;
    try {
      const res = await w.admin("POST", `/admin/cinemas/${w.cinemas.ykse.id}/vendor-query`, { call: "cinema" });
      expect(res.status).toBe(500);
      expect(res.body.code).toBe("INTERNAL");
    } finally {
      audit.failing = false;
    }
    expect(vendor).not.toHaveBeenCalled();
    expect((await queryRows()).length).toBe(before);
    vendor.mockRestore();
  });

  it("a NUL byte in an unused parameter stops the query before the vendor is called", async () => {
    const vendor = await spyOnVendor();
    const res = await w.admin("POST", `/admin/cinemas/${w.cinemas.ykse.id}/vendor-query`, {
      call: "cinema",
      params: { hallId: "h\u0000x" },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body.code).not.toBeUndefined();
    expect(vendor).not.toHaveBeenCalled();
    vendor.mockRestore();
  });

  it("writes the row before the vendor call and completes it with the outcome afterwards", async () => {
    const connector = await w.t.catalog.registry.forAccount(w.accounts.ykse);
    const original = connector.getCinema.bind(connector);
    const rowsWhenCalled: number[] = [];
    const vendor = vi.spyOn(connector, "getCinema").mockImplementation(async (...args) => {
      rowsWhenCalled.push((await queryRows()).length);
      return original(...args);
    });
    const before = (await queryRows()).length;
    const res = await w.admin("POST", `/admin/cinemas/${w.cinemas.ykse.id}/vendor-query`, { call: "cinema" });
    expect(res.status).toBe(200);
    expect(rowsWhenCalled).toEqual([before + 1]);
    const row = (await queryRows()).at(-1)!;
    expect(row).toMatchObject({ actor: "token:admin", target: w.cinemas.ykse.id });
    expect(row.detail).toMatchObject({ call: "cinema", ok: true, outcome: { status: 200 } });
    vendor.mockRestore();
  });

  it("records a refused action's outcome in its row", async () => {
    const res = await w.admin("POST", "/admin/cinemas/cin_missing/vendor-query", { call: "cinema" });
    expect(res.status).toBe(404);
    const row = (await queryRows()).at(-1)!;
    expect(row).toMatchObject({ target: "cin_missing", detail: { outcome: { status: 404, error: "NOT_FOUND" } } });
  });
});

describe("audited admin routes", () => {
  it("refuses at start-up a mutating admin route that does not declare its audit", async () => {
    const app = Fastify();
    const declared: Array<() => unknown> = [];
    await app.register(async (admin) => {
      auditAdminRoutes(admin, new AuditLog({} as Db));
      declared.push(
        () => admin.get("/read", async () => ({})),
        () => admin.post("/audited", { config: { audit: { action: "x.do" } } }, async () => ({})),
        () => admin.post("/unaudited", async () => ({})),
      );
      const [read, audited, unaudited] = declared;
      expect(read).not.toThrow();
      expect(audited).not.toThrow();
      expect(unaudited).toThrow(/POST \/unaudited: a mutating admin route must declare config.audit/);
    });
    await app.close();
  });
});
