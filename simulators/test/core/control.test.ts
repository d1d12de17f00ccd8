import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerControl } from "../../src/control.js";
import { createSimClock } from "../../src/core/clock.js";
import type { SimContext } from "../../src/core/context.js";
import { FaultController } from "../../src/core/faults.js";
import { generateDataset } from "../../src/dataset/generate.js";

const START = Date.UTC(2026, 2, 10, 2, 0, 0);
let app: FastifyInstance;
let base: string;
let ctx: SimContext;

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  ctx = {
    dataset: generateDataset({ cinemas: 1, days: 1 }),
    clock: createSimClock(START),
    faults: new FaultController(),
  };
  app = Fastify();
  // A vendor-style route that consults the fault controller, so /stats has something to count.
  app.get("/vendor/ping", async () => ({ verdict: ctx.faults.decide("ping").action }));
  registerControl(app, ctx);
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(() => app.close());
beforeEach(() => ctx.faults.reset());

describe("/_control over HTTP", () => {
  it("reads, merges and resets the fault config", async () => {
    expect((await call("GET", "/_control/faults")).body).toMatchObject({ rateLimitPerSecond: 0, calls: {} });
    const put = await call("PUT", "/_control/faults", { calls: { ping: { down: true } }, hangMs: 500 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ calls: { ping: { down: true } }, hangMs: 500, slowIssueOutcome: "success" });
    const merged = await call("PUT", "/_control/faults", { rateLimitPerSecond: 9 });
    expect(merged.body).toMatchObject({ calls: { ping: { down: true } }, rateLimitPerSecond: 9 });
    expect(ctx.faults.decide("ping").action).toBe("down");
    const reset = await call("POST", "/_control/faults/reset");
    expect(reset.body).toMatchObject({ calls: {}, rateLimitPerSecond: 0, hangMs: 30_000 });
    expect(ctx.faults.decide("ping").action).toBe("ok");
  });

  it("rejects bad fault patches with 400 and leaves the config alone", async () => {
    for (const body of [{ default: { errorRate: 2 } }, { nonsense: true }, [1, 2], "{not json"]) {
      const res = await call("PUT", "/_control/faults", body);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(expect.any(String));
    }
    expect(ctx.faults.config.default).toEqual({});
  });

  it("shows, advances and sets the simulated clock", async () => {
    ctx.clock.set(START);
    const now = (await call("GET", "/_control/clock")).body.now as number;
    expect(Math.abs(now - START)).toBeLessThan(1_000);
    const byMinutes = await call("POST", "/_control/clock/advance", { minutes: 15 });
    expect((byMinutes.body.now as number) - now).toBeGreaterThanOrEqual(15 * 60_000);
    expect((byMinutes.body.now as number) - now).toBeLessThan(15 * 60_000 + 1_000);
    const byMs = await call("POST", "/_control/clock/advance", { ms: 60_000 });
    expect((byMs.body.now as number) - (byMinutes.body.now as number)).toBeGreaterThanOrEqual(60_000);
    const set = await call("POST", "/_control/clock/set", { epochMs: Date.UTC(2030, 0, 1) });
    expect(set.body.iso).toMatch(/^2030-01-01T00:00:0/);
    expect(Math.abs(ctx.clock.now() - Date.UTC(2030, 0, 1))).toBeLessThan(1_000);
  });

  it("rejects bad clock bodies with 400", async () => {
    for (const body of [{}, { ms: -5 }, { minutes: "15" }, { ms: 1, minutes: 1 }, { seconds: 3 }]) {
      expect((await call("POST", "/_control/clock/advance", body)).status).toBe(400);
    }
    expect((await call("POST", "/_control/clock/advance")).status).toBe(400);
    for (const body of [{ epochMs: "2030" }, { epochMs: -1 }, { epochMs: 1.5 }, {}]) {
      expect((await call("POST", "/_control/clock/set", body)).status).toBe(400);
    }
  });

  it("counts calls and rate-limited calls", async () => {
    await call("PUT", "/_control/faults", { rateLimitPerSecond: 2 });
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push((await call("GET", "/vendor/ping")).body.verdict);
    // The window is real time; four quick calls land in at most two windows.
    expect(verdicts.filter((v) => v === "rateLimited").length).toBeGreaterThanOrEqual(1);
    const stats = (await call("GET", "/_control/stats")).body;
    expect(stats).toMatchObject({ calls: { ping: 4 }, totalCalls: 4 });
    expect(stats.rateLimited).toBe(verdicts.filter((v) => v === "rateLimited").length);
  });
});
