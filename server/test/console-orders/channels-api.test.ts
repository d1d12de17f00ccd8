import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelClient } from "../../src/client/channel-client.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { TEST_ADMIN_TOKEN, TEST_MASTER_KEY } from "../support/app.js";
import { type ConsoleSession, call, createConsoleUser, login } from "../support/console.js";
import { sharedTestApp } from "../support/shared-app.js";

// The channels page's API: list, create (secret once), rotate (secret once), webhook URL, cinemas.
let admin: ConsoleSession;
let support: ConsoleSession;
let operator: ConsoleSession;
let cinemaIds: string[];

const t = sharedTestApp();
beforeAll(async () => {
  // Two cinemas straight in the catalogue tables: channel_cinemas only needs them to exist.
  await t.db
    .insertInto("vendor_accounts")
    .values({
      id: "acc_t",
      vendor: "ykse",
      name: "t",
      base_url: "http://127.0.0.1:9",
      credentials_enc: new SecretBox(TEST_MASTER_KEY).seal(JSON.stringify({ channelCode: "c", secret: "s" })),
    })
    .execute();
  cinemaIds = ["cin_a", "cin_b"];
  for (const id of cinemaIds) {
    await t.db
      .insertInto("cinemas")
      .values({
        id,
        vendor_account_id: "acc_t",
        vendor: "ykse",
        vendor_cinema_id: id,
        national_code: null,
        name: `Cinema ${id}`,
        city_code: null,
        lat: null,
        lng: null,
        refund_before_minutes: null,
        refund_limit_count: null,
      })
      .execute();
  }
  await createConsoleUser(t, "alice", "admin");
  await createConsoleUser(t, "sam", "support");
  await createConsoleUser(t, "olga", "cinema_operator", ["cin_a"]);
  admin = await login(t.baseUrl, "alice", "pw-alice-0123456789");
  support = await login(t.baseUrl, "sam", "pw-sam-0123456789");
  operator = await login(t.baseUrl, "olga", "pw-olga-0123456789");
});
afterAll(() => t?.close());

const audit = (action: string) =>
  t.db.selectFrom("audit_log").select(["actor", "target", "detail"]).where("action", "=", action).execute();

describe("channels admin API", () => {
  it("creates a channel with its cinemas; the secret is shown once, works for signing, and is never listed", async () => {
    const res = await admin.request("POST", "/admin/channels", {
      code: "partner-1",
      name: "Partner one",
      webhookUrl: "https://partner.example/hook",
      cinemas: ["cin_a"],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: "partner-1",
      cinemas: ["cin_a"],
      webhookUrl: "https://partner.example/hook",
    });
    const secret: string = res.body.secret;
    expect(secret.length).toBeGreaterThanOrEqual(32);

    const list = await support.request("GET", "/admin/channels");
    expect(list.status).toBe(200);
    const p1 = list.body.items.find((c: { code: string }) => c.code === "partner-1");
    expect(p1).toMatchObject({ name: "Partner one", cinemas: [{ id: "cin_a", name: "Cinema cin_a" }], orderCount: 0 });
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const client = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "partner-1", secret });
    const cinemas = await client.get<{ items: Array<{ id: string }> }>("/v1/cinemas");
    expect(cinemas.status).toBe(200);
    expect(cinemas.body.items.map((c) => c.id)).toEqual(["cin_a"]);
    expect((await audit("channel.create")).find((a) => a.target === "partner-1")).toMatchObject({
      actor: "user:alice",
      detail: { cinemas: ["cin_a"] },
    });
    expect(JSON.stringify(await audit("channel.create"))).not.toContain(secret);
  });

  it("rotates the secret: the new one is shown once and the old one stops working", async () => {
    const created = await admin.request("POST", "/admin/channels", { code: "partner-2", name: "Two" });
    const old = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "partner-2", secret: created.body.secret });
    expect((await old.get("/v1/cities")).status).toBe(200);
    const res = await admin.request("POST", "/admin/channels/partner-2/rotate-secret");
    expect(res.status).toBe(200);
    expect(res.body.secret).not.toBe(created.body.secret);
    expect((await old.get("/v1/cities")).status).toBe(401);
    const fresh = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "partner-2", secret: res.body.secret });
    expect((await fresh.get("/v1/cities")).status).toBe(200);
    expect(await audit("channel.rotate-secret")).toEqual([
      { actor: "user:alice", target: "partner-2", detail: { outcome: { status: 200 } } },
    ]);
    expect((await admin.request("POST", "/admin/channels/nobody/rotate-secret")).status).toBe(404);
    expect((await audit("channel.rotate-secret")).find((a) => a.target === "nobody")).toEqual({
      actor: "user:alice",
      target: "nobody",
      detail: { outcome: { status: 404, error: "NOT_FOUND" } },
    });
  });

  it("sets and clears the webhook URL, and replaces the cinema list", async () => {
    const hook = await admin.request("PUT", "/admin/channels/partner-1/webhook", {
      webhookUrl: "http://127.0.0.1:8/x",
    });
    expect(hook.status).toBe(200);
    const set = await admin.request("PUT", "/admin/channels/partner-1/cinemas", { cinemas: ["cin_b", "cin_b"] });
    expect(set.body).toEqual({ code: "partner-1", cinemas: ["cin_b"], added: ["cin_b"], removed: ["cin_a"] });
    let p1 = (await admin.request("GET", "/admin/channels")).body.items.find(
      (c: { code: string }) => c.code === "partner-1",
    );
    expect(p1).toMatchObject({ webhookUrl: "http://127.0.0.1:8/x", cinemas: [{ id: "cin_b" }] });
    await admin.request("PUT", "/admin/channels/partner-1/webhook", { webhookUrl: null });
    p1 = (await admin.request("GET", "/admin/channels")).body.items.find(
      (c: { code: string }) => c.code === "partner-1",
    );
    expect(p1.webhookUrl).toBeNull();
    expect((await audit("channel.cinemas"))[0]).toMatchObject({
      actor: "user:alice",
      detail: { added: ["cin_b"], removed: ["cin_a"] },
    });
  });

  it("bad input → 4xx with stable codes", async () => {
    const cases: Array<[string, string, unknown, number, string]> = [
      ["POST", "/admin/channels", { code: "Bad Code", name: "x" }, 400, "VALIDATION_FAILED"],
      ["POST", "/admin/channels", { code: "ok-code", name: "" }, 400, "VALIDATION_FAILED"],
      ["POST", "/admin/channels", { code: "ok-code", name: "x", webhookUrl: "ftp://x" }, 400, "VALIDATION_FAILED"],
      ["POST", "/admin/channels", { code: "ok-code", name: "x", cinemas: ["cin_nope"] }, 400, "VALIDATION_FAILED"],
      ["POST", "/admin/channels", { code: "partner-1", name: "x" }, 409, "CONFLICT"],
      ["PUT", "/admin/channels/partner-1/webhook", { webhookUrl: "not a url" }, 400, "VALIDATION_FAILED"],
      ["PUT", "/admin/channels/partner-1/webhook", {}, 400, "VALIDATION_FAILED"],
      ["PUT", "/admin/channels/partner-1/cinemas", { cinemas: ["cin_nope"] }, 400, "VALIDATION_FAILED"],
      ["PUT", "/admin/channels/partner-1/cinemas", { cinemas: "cin_a" }, 400, "VALIDATION_FAILED"],
      ["PUT", "/admin/channels/nobody/cinemas", { cinemas: [] }, 404, "NOT_FOUND"],
      ["PUT", "/admin/channels/nobody/webhook", { webhookUrl: null }, 404, "NOT_FOUND"],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await admin.request(method, path, body);
      expect([res.status, res.body.code], `${method} ${path} ${JSON.stringify(body)}`).toEqual([status, code]);
    }
    // The failed create with an unknown cinema left no channel behind.
    expect(
      (await admin.request("GET", "/admin/channels")).body.items.map((c: { code: string }) => c.code),
    ).not.toContain("ok-code");
  });

  it("admins manage; support reads; operators see nothing; CSRF and a session are required", async () => {
    for (const s of [support, operator]) {
      expect((await s.request("POST", "/admin/channels", { code: "nope-1", name: "x" })).status).toBe(403);
      expect((await s.request("POST", "/admin/channels/partner-1/rotate-secret")).status).toBe(403);
      expect((await s.request("PUT", "/admin/channels/partner-1/webhook", { webhookUrl: null })).status).toBe(403);
      expect((await s.request("PUT", "/admin/channels/partner-1/cinemas", { cinemas: [] })).status).toBe(403);
    }
    expect((await operator.request("GET", "/admin/channels")).status).toBe(403);
    const noCsrf = await admin.request("POST", "/admin/channels/partner-1/rotate-secret", undefined, { csrf: false });
    expect(noCsrf.status).toBe(403);
    expect((await call(t.baseUrl, "GET", "/admin/channels")).status).toBe(401);
    const bearer = await call(t.baseUrl, "GET", "/admin/channels", undefined, {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
    });
    expect(bearer.status).toBe(200);
  });
});
