import { describe, expect, it } from "vitest";
import { parseCadence } from "../../src/catalog/sync/cadence.js";
import { DEFAULT_CADENCE } from "../../src/catalog/sync/run.js";
import { ConfigError, loadEnv } from "../../src/config/env.js";

describe("sync cadence (CINEGATE_SYNC_CADENCE)", () => {
  it("keeps the documented defaults and overrides only what is given", () => {
    expect(parseCadence(undefined)).toEqual(DEFAULT_CADENCE);
    expect(parseCadence("showtimes=15m,layouts=1h")).toEqual({
      ...DEFAULT_CADENCE,
      showtimes: 15 * 60_000,
      layouts: 3600_000,
    });
  });

  it("never goes below the one-minute tick", () => {
    expect(parseCadence("retry=0m").retry).toBe(60_000);
  });

  it("is validated at start-up with a message naming the variable", () => {
    expect(() => loadEnv({ CINEGATE_SYNC_CADENCE: "showtimes=fast" })).toThrow(ConfigError);
    expect(() => loadEnv({ CINEGATE_SYNC_CADENCE: "showtimes=fast" })).toThrow(/CINEGATE_SYNC_CADENCE.*showtimes=15m/);
    expect(loadEnv({ CINEGATE_SYNC_CADENCE: "films=2h" }).CINEGATE_SYNC_CADENCE).toBe("films=2h");
    expect(() => loadEnv({ CINEGATE_SYNC_BATCH: "0" })).toThrow(/CINEGATE_SYNC_BATCH/);
  });
});
