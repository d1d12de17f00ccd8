import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { insertAttentionOrder } from "../support/attention-order.js";
import { type ConsoleSession, call, createConsoleUser, login } from "../support/console.js";
import { type OpsWorld, startOpsWorld } from "./ops-fixture.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
type Json = any;

let w: OpsWorld;
let operator: ConsoleSession;
let support: ConsoleSession;
let mine: string;
let other: string;

beforeAll(async () => {
  w = await startOpsWorld();
  mine = w.cinemas.ykse.id;
  other = w.cinemas.vista.id;
  const op = await createConsoleUser(w.t, "op.ykse", "cinema_operator", [mine]);
  const sup = await createConsoleUser(w.t, "support.one", "support");
  operator = await login(w.t.baseUrl, op.username, op.password);
  support = await login(w.t.baseUrl, sup.username, sup.password);
}, 60_000);
afterAll(() => w?.close());

/** Every route this area adds, with a body that would be valid. */
const routes = (cinemaId: string): Array<[string, string, unknown?]> => [
  ["GET", "/admin/home"],
  ["GET", "/admin/cinemas"],
  ["GET", `/admin/cinemas/${cinemaId}`],
  ["GET", "/admin/vendor-query/calls"],
  ["POST", `/admin/cinemas/${cinemaId}/vendor-query`, { call: "cinema" }],
  ["POST", `/admin/cinemas/${cinemaId}/diagnosis`],
  ["GET", "/admin/diagnosis/diag_x"],
  ["POST", `/admin/cinemas/${cinemaId}/sync`],
  ["GET", `/admin/sync-runs?cinemaId=${cinemaId}`],
];

describe("every operations route checks the session + CSRF token or the bearer token", () => {
  it("no credentials → 401", async () => {
    for (const [method, path, body] of routes(mine)) {
      const res = await call(w.t.baseUrl, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.code).toBe("UNAUTHENTICATED");
    }
  });

  it("a wrong bearer token → 401 even with a valid session cookie", async () => {
    for (const [method, path, body] of routes(mine)) {
      const res = await call(w.t.baseUrl, method, path, body, {
        authorization: `Bearer x${TEST_ADMIN_TOKEN.slice(1)}`,
        cookie: support.cookie,
        "x-csrf-token": support.csrfToken,
      });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it("a session cookie without the CSRF header → 403 on every mutating route", async () => {
    for (const [method, path, body] of routes(mine).filter(([m]) => m === "POST")) {
      const res = await support.request(method, path, body, { csrf: false });
      expect(res.status, path).toBe(403);
      expect(res.body.code).toBe("FORBIDDEN");
    }
    const audit = await w.t.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor", "=", "user:support.one")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["console.login"]);
  });

  it("the session with its CSRF header, and the bearer token, are accepted", async () => {
    expect((await support.request("POST", `/admin/cinemas/${mine}/vendor-query`, { call: "cinema" })).status).toBe(200);
    expect((await w.admin("POST", `/admin/cinemas/${mine}/vendor-query`, { call: "cinema" })).status).toBe(200);
  });
});

describe("a cinema operator sees only their cinemas", () => {
  it("the cinema list holds only their cinema", async () => {
    const res = await operator.request("GET", "/admin/cinemas");
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: Json) => c.id)).toEqual([mine]);
  });

  it("page, vendor query, diagnosis, sync now and sync history of another cinema → 404, as for a missing one", async () => {
    for (const [method, path, body] of routes(other).filter(([, p]) => p.includes(other))) {
      const res = await operator.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
    const audit = await w.t.db.selectFrom("audit_log").select("action").where("actor", "=", "user:op.ykse").execute();
    expect(audit.map((a) => a.action)).toEqual(["console.login"]);
  });

  it("the same calls on their own cinema work", async () => {
    expect((await operator.request("GET", `/admin/cinemas/${mine}`)).status).toBe(200);
    const q = await operator.request("POST", `/admin/cinemas/${mine}/vendor-query`, { call: "halls" });
    expect(q.status).toBe(200);
    expect(q.body.ok).toBe(true);
    const d = await operator.request("POST", `/admin/cinemas/${mine}/diagnosis?wait=true`);
    expect(d.status).toBe(200);
    expect(d.body.status).toBe("done");
    expect((await operator.request("GET", `/admin/diagnosis/${d.body.id}`)).status).toBe(200);
    expect((await operator.request("POST", `/admin/cinemas/${mine}/sync`)).status).toBe(202);
    const runs = await operator.request("GET", "/admin/sync-runs");
    expect(runs.body.items.length).toBeGreaterThan(0);
    expect(runs.body.items.every((r: Json) => r.cinemaId === mine)).toBe(true);
  });

  it("the vendor's cinema list (every cinema of the account) is not for operators, even from their own cinema", async () => {
    const res = await operator.request("POST", `/admin/cinemas/${mine}/vendor-query`, { call: "cinemas" });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    const allowed = await support.request("POST", `/admin/cinemas/${mine}/vendor-query`, { call: "cinemas" });
    expect(allowed.body.ok).toBe(true);
    expect(allowed.body.result.length).toBeGreaterThan(1);
  });

  it("a diagnosis run of another cinema stays invisible", async () => {
    const run = await w.admin("POST", `/admin/cinemas/${other}/diagnosis?wait=true`);
    expect(run.status).toBe(200);
    expect((await operator.request("GET", `/admin/diagnosis/${run.body.id}`)).status).toBe(404);
    expect((await support.request("GET", `/admin/diagnosis/${run.body.id}`)).status).toBe(200);
  });

  it("home counts only their cinemas' orders and problems", async () => {
    await insertAttentionOrder(w.t.db, { id: "ord_other_attention", cinemaId: other, mobile: "13900005678" });
    const mineView = await operator.request("GET", "/admin/home");
    expect(mineView.status).toBe(200);
    expect(mineView.body.needsAttention.count).toBe(0);
    expect(mineView.body.cinemas.total).toBe(1);
    const all = await support.request("GET", "/admin/home");
    expect(all.body.needsAttention.count).toBe(1);
    expect(all.body.cinemas.total).toBe(3);
  });

  it("vendor accounts and onboarding are not for operators → 403", async () => {
    const account = w.accounts.ykse;
    for (const [method, path, body] of [
      ["GET", "/admin/vendor-accounts"],
      ["POST", `/admin/vendor-accounts/${account}/test`],
      ["GET", `/admin/vendor-accounts/${account}/discover`],
      [
        "POST",
        "/admin/vendor-accounts",
        {
          vendor: "moviefan",
          name: "x",
          baseUrl: "http://127.0.0.1:1",
          credentials: { channelCode: "a", secret: "b" },
        },
      ],
      ["POST", "/admin/cinemas", { vendorAccountId: account, vendorCinemaId: "1", channels: [] }],
    ] as Array<[string, string, unknown?]>) {
      const res = await operator.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.code).toBe("FORBIDDEN");
    }
  });
});

describe("support", () => {
  it("cannot manage users or read the audit log", async () => {
    expect((await support.request("GET", "/admin/users")).status).toBe(403);
    const create = await support.request("POST", "/admin/users", { username: "sneaky", role: "admin" });
    expect(create.status).toBe(403);
    expect((await support.request("GET", "/admin/audit-log")).status).toBe(403);
    const users = await w.t.db.selectFrom("console_users").select("username").execute();
    expect(users.map((u) => u.username)).not.toContain("sneaky");
  });

  it("sees every cinema and may use vendor accounts for onboarding", async () => {
    expect((await support.request("GET", "/admin/cinemas")).body.items).toHaveLength(3);
    const accounts = await support.request("GET", "/admin/vendor-accounts");
    expect(accounts.status).toBe(200);
    expect(JSON.stringify(accounts.body)).not.toMatch(/secret|token/i);
    expect((await support.request("POST", `/admin/vendor-accounts/${w.accounts.moviefan}/test`)).body.ok).toBe(true);
  });
});
