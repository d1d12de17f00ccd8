import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import type { SimContext } from "../../src/core/context.js";
import { generateDataset } from "../../src/dataset/generate.js";
import { readSimEnv } from "../../src/env.js";
import { simulators, startSimulators } from "../../src/index.js";

// Stand-in vendor modules: this tests the wiring (ports, shared clock, faults, control), not vendors.
const contexts: Record<string, SimContext> = {};
const stub = (vendor: string) => async (ctx: SimContext) => {
  contexts[vendor] = ctx;
  const app = Fastify();
  app.get("/hello", async () => ({ vendor }));
  return app;
};
// One stub per registered simulator, read from the list so registering a vendor does not change this test.
const factories = Object.fromEntries(simulators.map((s) => [s.id, stub(s.id)]));

describe("startSimulators", () => {
  it("starts one server per vendor on free ports with one shared clock and separate faults", async () => {
    const dataset = generateDataset({ cinemas: 3, days: 1 });
    const sims = await startSimulators({
      dataset,
      factories,
      env: { SIM_FAULTS: '{"hangMs":1234}' },
      faults: { rateLimitPerSecond: 7 },
    });
    try {
      const ports = new Set(Object.values(sims.urls).map((u) => new URL(u).port));
      expect(ports.size).toBe(simulators.length);
      for (const [vendor, url] of Object.entries(sims.urls)) {
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(await (await fetch(`${url}/hello`)).json()).toEqual({ vendor });
      }
      expect(sims.dataset).toBe(dataset);
      expect(contexts.ykse!.dataset).toBe(dataset);
      expect(sims.faults.ykse.config).toMatchObject({ hangMs: 1234, rateLimitPerSecond: 7 });
      expect(sims.faults.ykse).not.toBe(sims.faults.vista);

      // Advancing the clock through one simulator's control API moves every simulator's clock.
      const before = sims.clocks.lingdong.now();
      await fetch(`${sims.urls.ykse}/_control/clock/advance`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ minutes: 60 }),
      });
      expect(sims.clocks.lingdong.now() - before).toBeGreaterThanOrEqual(3_600_000);

      // A fault set through one simulator stays with that simulator.
      await fetch(`${sims.urls.vista}/_control/faults`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ default: { down: true } }),
      });
      expect(sims.faults.vista.decide("x").action).toBe("down");
      expect(sims.faults.moviefan.decide("x").action).toBe("ok");
    } finally {
      await sims.close();
    }
    await expect(fetch(`${sims.urls.ykse}/hello`)).rejects.toThrow();
  });

  it("closes what it started when a simulator fails to start", async () => {
    let closed = false;
    await expect(
      startSimulators({
        dataset: generateDataset({ cinemas: 1, days: 1 }),
        env: {},
        factories: {
          ...factories,
          ykse: async () =>
            Fastify().addHook("onClose", async () => {
              closed = true;
            }),
          vista: async () => {
            throw new Error("vista broke");
          },
        },
      }),
    ).rejects.toThrow("vista broke");
    expect(closed).toBe(true);
  });
});

describe("readSimEnv", () => {
  it("reads seed, size, host, ports and a fault patch", () => {
    expect(
      readSimEnv({
        SIM_SEED: "9",
        SIM_CINEMAS: "1200",
        SIM_DAYS: "3",
        SIM_HOST: "0.0.0.0",
        SIM_PORT_VISTA: "7202",
        SIM_FAULTS: '{"default":{"errorRate":0.1}}',
      }),
    ).toEqual({
      seed: 9,
      cinemas: 1200,
      days: 3,
      host: "0.0.0.0",
      ports: { vista: 7202 },
      faults: { default: { errorRate: 0.1 } },
    });
  });

  it.each([
    [{ SIM_PORT_YKSE: "http" }, "SIM_PORT_YKSE"],
    [{ SIM_CINEMAS: "-1" }, "SIM_CINEMAS"],
    [{ SIM_FAULTS: "{oops" }, "SIM_FAULTS"],
    [{ SIM_FAULTS: '{"down":true}' }, "SIM_FAULTS: down is not a fault setting"],
  ])("refuses %j", (env, message) => {
    expect(() => readSimEnv(env)).toThrow(message);
  });
});
