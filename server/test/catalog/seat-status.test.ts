import { describe, expect, it } from "vitest";
import { SeatStatusService } from "../../src/catalog/seat-status.js";
import type { SeatStatusMap, VendorShowtime } from "../../src/domain/catalog.js";
import type { Result } from "../../src/domain/errors.js";
import type { ConnectorRegistry } from "../../src/vendors/registry.js";

/** A vendor whose seat-status answers are scripted; counts the calls it gets. */
function vendor(answers: Array<Result<SeatStatusMap>>) {
  const v = { calls: 0 };
  const connector = {
    getSeatStatus: async () => {
      v.calls++;
      await new Promise((r) => setTimeout(r, 5));
      return answers[Math.min(v.calls - 1, answers.length - 1)]!;
    },
  };
  const registry = { forAccount: async () => connector } as unknown as ConnectorRegistry;
  return { v, registry };
}

const req = {
  showtimeId: "sho_1",
  vendorAccountId: "acc",
  cinema: { vendorCinemaId: "c1" },
  showtime: {} as VendorShowtime,
};
const down: Result<SeatStatusMap> = { ok: false, error: { code: "vendor_unavailable", message: "timeout" } };
const clock = { now: () => 1_000 };

describe("live seat status", () => {
  it("serves every concurrent and repeated request in a window from one vendor call", async () => {
    const { v, registry } = vendor([{ ok: true, value: { "1-1": "sold" } }]);
    const seats = new SeatStatusService(registry, clock, { ttlSeconds: 60 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => seats.get(req)));
    await seats.get(req);
    expect(v.calls).toBe(1);
    expect(answers.every((a) => a.ok && a.status["1-1"] === "sold" && !a.stale)).toBe(true);
  });

  it("serves the last good status while the vendor fails, and asks a failing vendor once per window", async () => {
    const { v, registry } = vendor([{ ok: true, value: { "1-1": "sold" } }, down]);
    const seats = new SeatStatusService(registry, clock, { ttlSeconds: 1 });
    expect((await seats.get(req)).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1050)); // the first answer's window ends
    const during = await Promise.all(Array.from({ length: 20 }, () => seats.get(req)));
    for (let i = 0; i < 10; i++) await seats.get(req);
    expect(v.calls).toBe(2);
    expect(during.every((a) => a.ok && a.stale && a.status["1-1"] === "sold")).toBe(true);
    expect(seats.answers).toMatchObject({ fresh: 1, stale: 30 });
  });

  it("answers an error (not an empty map) when the vendor fails and nothing good is known", async () => {
    const { v, registry } = vendor([down]);
    const seats = new SeatStatusService(registry, clock, { ttlSeconds: 60 });
    const [a, b] = [await seats.get(req), await seats.get(req)];
    expect(a).toMatchObject({ ok: false, error: { code: "vendor_unavailable" } });
    expect(b.ok).toBe(false);
    expect(v.calls).toBe(1);
  });
});
