import { beforeAll, describe, expect, it } from "vitest";
import { ensureFirstAdmin } from "../../src/console/first-admin.js";
import { MAX_FAILURES, WINDOW_MS } from "../../src/console/login-limiter.js";
import { SESSION_TTL_MS } from "../../src/console/sessions.js";
import { ConsoleUsers } from "../../src/console/users.js";
import { AuditLog } from "../../src/security/audit.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { type ConsoleSession, call, createConsoleUser, login } from "../support/console.js";
import { createTestDatabase } from "../support/db.js";
import { sharedTestApp } from "../support/shared-app.js";

// Permission and session rules of the console API, through real HTTP (the UI test drives the browser).
let admin: { username: string; password: string };
let support: { username: string; password: string };
const t = sharedTestApp();
beforeAll(async () => {
  admin = await createConsoleUser(t, "alice", "admin");
  support = await createConsoleUser(t, "sam", "support");
});

describe("POST /admin/login", () => {
  it("sets an httpOnly SameSite=Strict cookie holding no stored secret and returns the user and a CSRF token", async () => {
    const res = await call(t.baseUrl, "POST", "/admin/login", admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { username: "alice", role: "admin", cinemaIds: [] },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
    });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^cinegate_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/admin/);
    expect(setCookie).toMatch(/Max-Age=43200/);
    const token = setCookie.split(";")[0]!.split("=")[1]!;
    const rows = await t.db.selectFrom("console_sessions").select("token_hash").execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(JSON.stringify(res.body)).not.toContain(admin.password);
  });

  it("wrong password → 401 problem+json, and the password is in no log line", async () => {
    const res = await call(t.baseUrl, "POST", "/admin/login", { username: "alice", password: "wrong-password-123" });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.code).toBe("UNAUTHENTICATED");
    expect(t.logs.join("")).not.toContain("wrong-password-123");
    expect(t.logs.join("")).not.toContain(admin.password);
  });

  it("unknown user → the same 401 as a wrong password", async () => {
    const res = await call(t.baseUrl, "POST", "/admin/login", { username: "nobody", password: "whatever-123456" });
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe("wrong username or password, or the user is disabled");
  });

  it("bad input → 400, never 500", async () => {
    for (const body of [
      {},
      { username: "alice" },
      { username: 1, password: 2 },
      { username: "a", password: "x".repeat(300) },
    ]) {
      const res = await call(t.baseUrl, "POST", "/admin/login", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_FAILED");
    }
    const broken = await fetch(new URL("/admin/login", t.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"username":',
    });
    expect(broken.status).toBe(400);
  });

  it(`after ${MAX_FAILURES} failures from one address → 429 RATE_LIMITED, even with the right password, until the window passes`, async () => {
    const user = await createConsoleUser(t, "rita", "support");
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await call(t.baseUrl, "POST", "/admin/login", { username: "rita", password: `bad-guess-${i}-xyz` });
      expect(res.status).toBe(401);
    }
    const locked = await call(t.baseUrl, "POST", "/admin/login", user);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("RATE_LIMITED");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Other users are not affected by rita's lock.
    expect((await call(t.baseUrl, "POST", "/admin/login", support)).status).toBe(200);
    t.clock.now += WINDOW_MS + 1000;
    try {
      expect((await call(t.baseUrl, "POST", "/admin/login", user)).status).toBe(200);
    } finally {
      t.clock.now -= WINDOW_MS + 1000;
    }
  });
});

describe("console sessions", () => {
  let alice: ConsoleSession;
  beforeAll(async () => {
    alice = await login(t.baseUrl, admin.username, admin.password);
  });

  it("GET /admin/me returns the user and the session's CSRF token", async () => {
    const res = await alice.request("GET", "/admin/me");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { username: "alice", role: "admin", cinemaIds: [] }, csrfToken: alice.csrfToken });
  });

  it("a mutating request with the cookie but without the CSRF header → 403 FORBIDDEN, and nothing changes", async () => {
    const res = await alice.request("POST", "/admin/users", { username: "mallory", role: "admin" }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("FORBIDDEN");
    const wrong = await call(
      t.baseUrl,
      "POST",
      "/admin/users",
      { username: "mallory", role: "admin" },
      {
        cookie: alice.cookie,
        "x-csrf-token": "x".repeat(32),
      },
    );
    expect(wrong.status).toBe(403);
    const users = await t.db.selectFrom("console_users").select("username").where("username", "=", "mallory").execute();
    expect(users).toEqual([]);
  });

  it("no cookie and no token → 401; a made-up cookie → 401", async () => {
    expect((await call(t.baseUrl, "GET", "/admin/me")).status).toBe(401);
    const res = await call(t.baseUrl, "GET", "/admin/me", undefined, {
      cookie: "cinegate_session=forged-token-forged-token-1234",
    });
    expect(res.status).toBe(401);
  });

  it("expires after 12 hours", async () => {
    const s = await login(t.baseUrl, support.username, support.password);
    t.clock.now += SESSION_TTL_MS + 1000;
    try {
      expect((await s.request("GET", "/admin/me")).status).toBe(401);
    } finally {
      t.clock.now -= SESSION_TTL_MS + 1000;
    }
  });

  it("logout ends the session (and needs the CSRF header)", async () => {
    const s = await login(t.baseUrl, support.username, support.password);
    expect((await s.request("POST", "/admin/logout", undefined, { csrf: false })).status).toBe(403);
    expect((await s.request("POST", "/admin/logout")).status).toBe(204);
    expect((await s.request("GET", "/admin/me")).status).toBe(401);
  });
});

describe("user management", () => {
  it("support cannot list or manage users, nor read the audit log (403)", async () => {
    const s = await login(t.baseUrl, support.username, support.password);
    expect((await s.request("GET", "/admin/users")).status).toBe(403);
    const create = await s.request("POST", "/admin/users", { username: "eve", role: "admin" });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe("FORBIDDEN");
    expect((await s.request("GET", "/admin/audit-log")).status).toBe(403);
  });

  it("an admin creates a user with a generated password shown once, and the entry is in the audit log", async () => {
    const alice = await login(t.baseUrl, admin.username, admin.password);
    const res = await alice.request("POST", "/admin/users", {
      username: "olga",
      role: "cinema_operator",
      cinemaIds: ["cin_1"],
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      username: "olga",
      role: "cinema_operator",
      cinemaIds: ["cin_1"],
      disabled: false,
    });
    const olga = await login(t.baseUrl, "olga", res.body.initialPassword);
    expect((await olga.request("GET", "/admin/me")).body.user).toEqual({
      username: "olga",
      role: "cinema_operator",
      cinemaIds: ["cin_1"],
    });
    const listed = await alice.request("GET", "/admin/users");
    expect(JSON.stringify(listed.body)).not.toMatch(/password|argon2/i);
    const log = await alice.request("GET", "/admin/audit-log?action=user.create");
    expect(log.body.items[0]).toMatchObject({ actor: "user:alice", action: "user.create", target: "olga" });
    expect(JSON.stringify(log.body)).not.toContain(res.body.initialPassword);
  });

  it("rejects bad users with 4xx: taken name 409, operator without cinemas 400, support with cinemas 400, short password 400", async () => {
    const alice = await login(t.baseUrl, admin.username, admin.password);
    expect((await alice.request("POST", "/admin/users", { username: "sam", role: "support" })).status).toBe(409);
    expect((await alice.request("POST", "/admin/users", { username: "op2", role: "cinema_operator" })).status).toBe(
      400,
    );
    expect(
      (await alice.request("POST", "/admin/users", { username: "sup2", role: "support", cinemaIds: ["c"] })).status,
    ).toBe(400);
    expect(
      (await alice.request("POST", "/admin/users", { username: "sup3", role: "support", password: "short" })).status,
    ).toBe(400);
    expect((await alice.request("POST", "/admin/users", { username: "Bad Name!", role: "support" })).status).toBe(400);
    expect((await alice.request("POST", "/admin/users/usr_nope/disable")).status).toBe(404);
  });

  it("disabling a user ends their sessions at once; a password reset invalidates the old password", async () => {
    const alice = await login(t.baseUrl, admin.username, admin.password);
    const created = await alice.request("POST", "/admin/users", { username: "dan", role: "support" });
    const dan = await login(t.baseUrl, "dan", created.body.initialPassword);
    const id = created.body.user.id;

    const reset = await alice.request("POST", `/admin/users/${id}/reset-password`, { password: "a-new-password-42" });
    expect(reset.status).toBe(200);
    expect(reset.body.initialPassword).toBeUndefined();
    expect((await dan.request("GET", "/admin/me")).status).toBe(401);
    expect(
      (await call(t.baseUrl, "POST", "/admin/login", { username: "dan", password: created.body.initialPassword }))
        .status,
    ).toBe(401);

    const dan2 = await login(t.baseUrl, "dan", "a-new-password-42");
    expect((await alice.request("POST", `/admin/users/${id}/disable`)).body.user.disabled).toBe(true);
    expect((await dan2.request("GET", "/admin/me")).status).toBe(401);
    expect(
      (await call(t.baseUrl, "POST", "/admin/login", { username: "dan", password: "a-new-password-42" })).status,
    ).toBe(401);
    const self = await alice.request("GET", "/admin/users");
    const aliceId = self.body.items.find((u: { username: string }) => u.username === "alice").id;
    expect((await alice.request("POST", `/admin/users/${aliceId}/disable`)).status).toBe(409);
  });
});

describe("bearer token", () => {
  it("still works for automation, without CSRF, and a wrong one is 401 even next to a valid cookie", async () => {
    const res = await call(
      t.baseUrl,
      "POST",
      "/admin/users",
      { username: "bot", role: "support" },
      {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      },
    );
    expect(res.status).toBe(201);
    const me = await call(t.baseUrl, "GET", "/admin/me", undefined, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect(me.body).toEqual({ user: { username: "token:admin", role: "admin", cinemaIds: [] }, csrfToken: null });
    const alice = await login(t.baseUrl, admin.username, admin.password);
    const wrong = await call(t.baseUrl, "GET", "/admin/users", undefined, {
      cookie: alice.cookie,
      authorization: "Bearer not-the-token-not-the-token",
    });
    expect(wrong.status).toBe(401);
    const log = await call(t.baseUrl, "GET", "/admin/audit-log?actor=token:admin", undefined, {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
    });
    expect(log.body.items.map((e: { action: string }) => e.action)).toContain("user.create");
  });
});

describe("first admin in the demo", () => {
  it("is created once with a generated password, and not again once a user exists", async () => {
    const database = await createTestDatabase();
    try {
      const audit = new AuditLog(database.db);
      const first = await ensureFirstAdmin(database.db, audit);
      expect(first?.username).toBe("admin");
      expect(first?.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(await ensureFirstAdmin(database.db, audit)).toBeUndefined();
      const verified = await new ConsoleUsers(database.db).verify("admin", first!.password);
      expect(verified?.role).toBe("admin");
    } finally {
      await database.drop();
    }
  });
});
