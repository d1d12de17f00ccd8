import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYNC_ENTITIES } from "../../../src/catalog/sync/context.js";
import { SyncScheduler } from "../../../src/catalog/sync/scheduler.js";
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from "../../support/app.js";

// 快购云 and 威云 have no usable public protocol (public-refs §11, §12): an account groups manual
// cinema records, which are never synced, never sold, and whose diagnosis says why.
let t: TestApp;
let accountId: string;

// biome-ignore lint/suspicious/noExplicitAny: assertions walk arbitrary JSON answers
type Json = any;
async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(new URL(path, t.baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  t = await startTestApp();
  const account = await admin("POST", "/admin/vendor-accounts", { vendor: "kuaigouyun", name: "kgy-records" });
  expect(account.status).toBe(201);
  accountId = account.body.id;
});
afterAll(() => t.close());

describe("a directory-only vendor's cinema is a manual record, never synced", () => {
  let cinemaId: string;

  it("discovery says the vendor is not connected and asks for the codes by hand", async () => {
    const res = await admin("GET", `/admin/vendor-accounts/${accountId}/discover`);
    expect(res.status).toBe(200);
    expect(res.body.supported).toBe(false);
    expect(res.body.message).toContain("未接入：无公开接口文档");
    expect(res.body.items).toEqual([]);
  });

  it("test connection is a 400 naming why, not a 500", async () => {
    const res = await admin("POST", `/admin/vendor-accounts/${accountId}/test`);
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain("no public interface document");
  });

  it("onboarding with a channel is refused: nothing can be sold", async () => {
    const res = await admin("POST", "/admin/cinemas", {
      vendorAccountId: accountId,
      vendorCinemaId: "44010001",
      channels: ["demo"],
    });
    expect(res.status).toBe(400);
  });

  it("onboarding records the codes and creates no sync state", async () => {
    const res = await admin("POST", "/admin/cinemas", {
      vendorAccountId: accountId,
      vendorCinemaId: "44010001",
      nationalCode: "44010001",
      name: "快购云测试影城",
      channels: [],
    });
    expect(res.status).toBe(201);
    cinemaId = res.body.id;
    const state = await t.db.selectFrom("sync_state").select("entity").where("cinema_id", "=", cinemaId).execute();
    expect(state).toEqual([]);
    const runs = await t.db.selectFrom("sync_runs").select("id").where("cinema_id", "=", cinemaId).execute();
    expect(runs).toEqual([]);
  });

  it("its sync health is 'manual', never 'stale': the home page does not list it as a sync problem", async () => {
    const list = await admin("GET", "/admin/cinemas");
    expect(list.body.items.find((c: Json) => c.id === cinemaId).sync.status).toBe("manual");
    const home = await admin("GET", "/admin/home");
    expect(home.body.cinemas.problems.map((c: Json) => c.id)).not.toContain(cinemaId);
  });

  it("the contacts go into the cinema's settings record, validated by the manual-record schema", async () => {
    const got = await admin("GET", `/admin/cinemas/${cinemaId}/settings`);
    expect(got.status).toBe(200);
    expect(Object.keys(got.body.schemas.vendor.properties)).toContain("cinemaContact");
    const put = await admin("PUT", `/admin/cinemas/${cinemaId}/settings`, {
      version: 0,
      settings: {
        vendor: { cinemaContact: "王经理", cinemaPhone: "020-12345678", onboardingEmail: "2026-11-30 上线邮件" },
      },
    });
    expect(put.status).toBe(200);
    expect(put.body.settings.vendor.cinemaContact).toBe("王经理");
    const bad = await admin("PUT", `/admin/cinemas/${cinemaId}/settings`, {
      version: put.body.version,
      settings: { vendor: { apiKey: "x" } },
    });
    expect(bad.status).toBe(400);
  });

  it("“sync now” is a 409 saying there is nothing to sync", async () => {
    const res = await admin("POST", `/admin/cinemas/${cinemaId}/sync`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain("nothing to sync");
  });

  it("the scheduler skips it even if sync state were due", async () => {
    await t.db
      .insertInto("sync_state")
      .values(SYNC_ENTITIES.map((entity) => ({ cinema_id: cinemaId, entity, due_at: new Date(0) })))
      .execute();
    const sent: unknown[] = [];
    const send = async (_queue: string, data: unknown) => {
      sent.push(data);
      return "job";
    };
    const boss = { send } as unknown as PgBoss;
    const scheduler = new SyncScheduler(boss, {
      db: t.db,
      registry: t.catalog.registry,
      clock: { now: () => Date.now() },
    });
    await scheduler.tick();
    expect(sent.filter((d) => (d as { cinemaId: string }).cinemaId === cinemaId)).toEqual([]);
    await t.db.deleteFrom("sync_state").where("cinema_id", "=", cinemaId).execute();
  });

  it("the vendor query page refuses it with a 400: there is no interface to ask", async () => {
    const res = await admin("POST", `/admin/cinemas/${cinemaId}/vendor-query`, { call: "cinema" });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain("no vendor interface");
  });

  it("the diagnosis explains why nothing syncs and asks the vendor nothing", async () => {
    const res = await admin("POST", `/admin/cinemas/${cinemaId}/diagnosis?wait=true`);
    expect(res.status).toBe(200);
    const [first, ...rest] = res.body.checks.map((c: Json) => c.finding);
    expect(first.status).toBe("fail");
    expect(first.detail.zh).toContain("未接入：无公开接口文档");
    expect(first.detail.en).toContain("never synced");
    expect(first.fix.zh).toContain("快购云");
    expect(rest.every((f: Json) => f.status === "skipped")).toBe(true);
    expect(res.body.summary.zh).toContain("未接入");
  });
});
