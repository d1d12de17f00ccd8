import { describe, expect, it } from "vitest";
import { ChannelClient } from "../src/client/channel-client.js";
import { TEST_ADMIN_TOKEN } from "./support/app.js";
import { sharedTestApp } from "./support/shared-app.js";

const t = sharedTestApp();

async function admin(body: string | undefined, headers: Record<string, string> = {}) {
  const res = await fetch(new URL("/admin/channels", t.baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json", ...headers },
    body,
  });
  // biome-ignore lint/suspicious/noExplicitAny: assertions inspect arbitrary problem bodies
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as any };
}

describe("POST /admin/channels", () => {
  it("creates a channel whose secret is shown once and works for signing", async () => {
    const res = await admin(JSON.stringify({ code: "partner-a", name: "Partner A" }));
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const client = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "partner-a", secret: res.body.secret });
    expect((await client.get("/v1/cities")).status).toBe(200);
    const stored = await t.db
      .selectFrom("channels")
      .select("secret_enc")
      .where("code", "=", "partner-a")
      .executeTakeFirstOrThrow();
    expect(stored.secret_enc).not.toContain(res.body.secret);
    const audit = await t.db.selectFrom("audit_log").selectAll().where("target", "=", "partner-a").execute();
    expect(audit.map((a) => a.action)).toEqual(["channel.create"]);
  });

  it("a taken code → 409 CONFLICT", async () => {
    const res = await admin(JSON.stringify({ code: "demo", name: "again" }));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("CONFLICT");
  });

  it("requires the admin token", async () => {
    const res = await admin(JSON.stringify({ code: "x1", name: "X" }), {
      authorization: "Bearer wrong-token-wrong-token-x",
    });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHENTICATED");
  });

  it("malformed JSON → 400 VALIDATION_FAILED problem+json", async () => {
    const res = await admin('{"code": "x2",');
    expect(res.status).toBe(400);
    expect(res.type).toContain("application/problem+json");
    expect(res.body.code).toBe("VALIDATION_FAILED");
  });

  it("malformed JSON without credentials → 401, not a parser message", async () => {
    const res = await admin("{oops", { authorization: "" });
    expect(res.status).toBe(401);
  });

  it("wrong types → 400 with per-field errors", async () => {
    const res = await admin(JSON.stringify({ code: 42, name: ["x"] }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.errors.map((e: { path: string }) => e.path).join(" ")).toMatch(/code|name/);
  });

  it("an oversized body → 400 VALIDATION_FAILED problem+json saying so", async () => {
    const res = await admin(JSON.stringify({ code: "big", name: "x".repeat(10_000) }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.errors[0].message).toMatch(/too large/i);
  });

  it("a non-JSON content type → 400 VALIDATION_FAILED", async () => {
    const res = await admin("code=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.errors[0].message).toMatch(/content-type|media type/i);
  });
});
