import { describe, expect, it } from "vitest";
import { ChannelClient } from "../src/client/channel-client.js";
import { DEMO_SECRET } from "./support/app.js";
import { sharedTestApp } from "./support/shared-app.js";

const t = sharedTestApp();

async function raw(path: string, headers: Record<string, string>, init: RequestInit = {}) {
  const res = await fetch(new URL(path, t.baseUrl), { ...init, headers });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    body: (await res.json()) as Record<string, unknown>,
  };
}

describe("channel authentication (API.md)", () => {
  it("accepts a request signed with the demo channel's secret", async () => {
    const res = await t.client.get("/v1/cities?page=1");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
  });

  it("rejects missing headers with UNAUTHENTICATED", async () => {
    const res = await raw("/v1/cities", {});
    expect(res.status).toBe(401);
    expect(res.type).toContain("application/problem+json");
    expect(res.body).toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
    expect(res.body.requestId).toBeTypeOf("string");
  });

  it("rejects an unknown channel with UNAUTHENTICATED", async () => {
    const other = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "nobody", secret: DEMO_SECRET });
    const res = await other.get("/v1/cities");
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("rejects a wrong signature with BAD_SIGNATURE", async () => {
    const wrong = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "demo", secret: "not-the-secret-000000" });
    const res = await wrong.get("/v1/cities");
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: "BAD_SIGNATURE" });
  });

  it("signs the path with its query: a changed query breaks the signature", async () => {
    const headers = t.client.signHeaders("GET", "/v1/cities?page=1", "");
    const res = await raw("/v1/cities?page=2", headers);
    expect(res.body).toMatchObject({ code: "BAD_SIGNATURE" });
  });

  it("rejects the same nonce twice with REPLAYED_REQUEST", async () => {
    const headers = t.client.signHeaders("GET", "/v1/cities", "", "nonce-used-only-once-1");
    expect((await raw("/v1/cities", headers)).status).toBe(200);
    const again = await raw("/v1/cities", headers);
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ code: "REPLAYED_REQUEST" });
  });

  it("lets exactly one of many concurrent requests with one nonce through (batched claims)", async () => {
    const headers = t.client.signHeaders("GET", "/v1/cities", "", "nonce-raced-by-twenty-1");
    const fresh = Array.from({ length: 10 }, () => raw("/v1/cities", t.client.signHeaders("GET", "/v1/cities", "")));
    const raced = await Promise.all(Array.from({ length: 20 }, () => raw("/v1/cities", headers)));
    expect(raced.filter((r) => r.status === 200)).toHaveLength(1);
    expect(raced.filter((r) => r.body.code === "REPLAYED_REQUEST")).toHaveLength(19);
    expect((await Promise.all(fresh)).every((r) => r.status === 200)).toBe(true);
    expect((await raw("/v1/cities", headers)).body).toMatchObject({ code: "REPLAYED_REQUEST" });
  });

  it("rejects a stale or future timestamp with REPLAYED_REQUEST", async () => {
    const stale = new ChannelClient({
      baseUrl: t.baseUrl,
      channelCode: "demo",
      secret: DEMO_SECRET,
      now: () => t.clock.now - 5 * 60_000 - 1,
    });
    expect((await stale.get("/v1/cities")).body).toMatchObject({ code: "REPLAYED_REQUEST" });
    const future = new ChannelClient({
      baseUrl: t.baseUrl,
      channelCode: "demo",
      secret: DEMO_SECRET,
      now: () => t.clock.now + 5 * 60_000 + 1,
    });
    expect((await future.get("/v1/cities")).body).toMatchObject({ code: "REPLAYED_REQUEST" });
  });

  it("rejects a malformed nonce", async () => {
    const headers = t.client.signHeaders("GET", "/v1/cities", "", "short");
    expect((await raw("/v1/cities", headers)).body).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("a rotated secret takes effect at once on this node", async () => {
    await t.channels.create({ code: "rotor", name: "Rotor", secret: "first-secret-0123456789" });
    const first = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "rotor", secret: "first-secret-0123456789" });
    expect((await first.get("/v1/cities")).status).toBe(200);
    await t.channels.rotateSecret("rotor", "second-secret-0123456789");
    expect((await first.get("/v1/cities")).body).toMatchObject({ code: "BAD_SIGNATURE" });
    const second = new ChannelClient({ baseUrl: t.baseUrl, channelCode: "rotor", secret: "second-secret-0123456789" });
    expect((await second.get("/v1/cities")).status).toBe(200);
  });
});

describe("bad input on /v1 never yields a 500", () => {
  it("wrong query types → 400 VALIDATION_FAILED with per-field errors", async () => {
    const res = await t.client.get<{ code: string; errors: Array<{ path: string }> }>("/v1/cities?pageSize=abc");
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.errors[0]?.path).toContain("pageSize");
  });

  it("a page size over 200 → 400", async () => {
    const res = await t.client.get("/v1/cities?pageSize=201");
    expect(res.status).toBe(400);
  });

  it("an unknown route → 404 NOT_FOUND problem", async () => {
    const res = await t.client.get("/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: "NOT_FOUND" });
  });
});
