import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import type { SeatLayout, VendorShowtime } from "../../../src/domain/catalog.js";
import { addDays, businessDayOf } from "../../../src/domain/time.js";
import type { CinemaRef, LockRequest, OrderRef, VendorOrderState } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createMoviefanConnector, type MoviefanConnector } from "../../../src/vendors/moviefan/index.js";
import { currentPhase } from "../../../src/vendors/recovery.js";

/**
 * The Moviefan recovery policy executed the way the order workflow will: from the first submit,
 * take the current phase, query, and stop only on a final state — on the simulators' clock.
 */
describe("Moviefan recovery policy against the simulator (injected clock)", () => {
  let sims: RunningSimulators;
  let mf: MoviefanConnector;
  let cinema: CinemaRef;
  let showtime: VendorShowtime;
  let layout: SeatLayout;
  let seq = 0;
  let used = 0;
  const clock = { now: () => sims.clocks.moviefan.now() };

  beforeAll(async () => {
    sims = await startSimulators({ seed: 23, cinemas: 12, days: 2, faults: { hangMs: 300 } });
    mf = createMoviefanConnector({
      baseUrl: sims.urls.moviefan,
      accountId: "moviefan-recovery",
      credentials: { ...demoAccounts.moviefan },
      clock,
      recorder: new RingCallRecorder(500),
      timeoutMs: 2000,
    });
    const c = sims.dataset.cinemas.find((x) => x.vendor === "moviefan")!;
    cinema = { vendorCinemaId: c.internalCode };
    const today = businessDayOf(clock.now());
    const shows = await mf.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 1) });
    if (!shows.ok) throw new Error(shows.error.message);
    // Far enough ahead that 15 simulated minutes of polling cannot reach the stop-selling time.
    showtime = shows.value.find((s) => s.onSale && s.stopSellingAt > clock.now() + 3 * 3600_000)!;
    const l = await mf.getSeatLayout(cinema, showtime.vendorHallId, showtime);
    if (!l.ok) throw new Error(l.error.message);
    layout = l.value;
  });
  afterAll(async () => {
    await mf?.close();
    await sims?.close();
  });

  async function lockOne(): Promise<{ req: LockRequest; ref: OrderRef }> {
    const seat = layout.seats.filter((s) => s.kind === "normal" && !s.broken)[used++]!;
    const req: LockRequest = {
      cinema,
      showtime,
      seats: [{ ...seat, settleFen: showtime.price.settleFen!, serviceFeeFen: 0 }],
      mobile: "13900001111",
      orderId: `ord_recovery${++seq}`,
    };
    const lock = await mf.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const ref: OrderRef = {
      cinema,
      showtime,
      orderId: req.orderId,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: showtime.price.settleFen!,
    };
    return { req, ref };
  }

  /** Runs mf.recovery.settle from `startedAt` until a final state or the end of the timetable. */
  async function settle(ref: OrderRef, startedAt: number) {
    const attempts: number[] = [];
    const seen: VendorOrderState["state"][] = [];
    for (;;) {
      const elapsed = clock.now() - startedAt;
      const found = currentPhase(mf.recovery.settle, elapsed, showtime.startsAt - clock.now(), attempts);
      if (!found) return { final: "needsAttention" as const, seen, elapsed };
      attempts[found.index] = (attempts[found.index] ?? 0) + 1;
      expect(found.phase.action).toBe("query");
      const q = await mf.queryOrder(ref);
      expect(q.ok).toBe(true);
      if (!q.ok) continue;
      seen.push(q.value.state);
      if (q.value.state === "issued" || q.value.state === "failed") {
        return { final: q.value.state, state: q.value, seen, elapsed };
      }
      sims.clocks.moviefan.advance(found.phase.everyMs);
    }
  }

  /** Locks a seat and confirms it under `faults`, then settles it by the timetable; faults lifted after. */
  async function confirmAndSettle(faults: Parameters<typeof sims.faults.moviefan.update>[0]) {
    const { req, ref } = await lockOne();
    sims.faults.moviefan.update(faults);
    try {
      const startedAt = clock.now();
      const confirmed = await mf.confirm({
        ...req,
        vendorLockId: ref.vendorLockId,
        totalFen: ref.totalFen,
        attempt: 1,
      });
      return { confirmed, out: await settle(ref, startedAt) };
    } finally {
      sims.faults.moviefan.reset();
    }
  }

  it("declares the documented timetable: query every minute until the show; no refund, no showtime change", () => {
    expect(mf.recovery.settle).toEqual([{ action: "query", fromMs: 0, untilMs: "showtime", everyMs: 60_000 }]);
    expect(mf.recovery.refund).toEqual([]);
    expect(mf.capabilities).toMatchObject({
      refund: false,
      reverse: false,
      changeShowtime: false,
      maxSeatsPerOrder: 4,
      lockTtlMs: 15 * 60_000,
    });
    expect(mf.refund).toBeUndefined();
  });

  it("a submitOrder whose response is lost settles to issued by polling, never to failed", async () => {
    const { confirmed, out } = await confirmAndSettle({
      calls: { submitOrder: { lostResponseRate: 1 } },
      slowIssueMinutes: 4,
      slowIssueOutcome: "success",
    });
    expect(!confirmed.ok && confirmed.error.code).toBe("outcome_unknown");
    expect(out.final).toBe("issued");
    expect(out.seen.slice(0, -1).every((s) => s === "pending")).toBe(true);
    expect(out.seen.length).toBeGreaterThanOrEqual(4);
    expect(out.elapsed).toBeGreaterThanOrEqual(4 * 60_000);
    if (out.state?.state === "issued") expect(out.state.pickup.printCode ?? out.state.pickup.verifyCode).toBeTruthy();
  });

  it("an order that issues only after several minutes stays pending minute by minute, then issues", async () => {
    const { confirmed, out } = await confirmAndSettle({ slowIssueMinutes: 7, slowIssueOutcome: "success" });
    expect(confirmed.ok && confirmed.value.state).toBe("pending");
    expect(out.final).toBe("issued");
    // queried at minutes 0…7: pending until the cinema answers at minute 7
    expect(out.seen).toEqual([...Array(7).fill("pending"), "issued"]);
  });

  it("an issue the cinema refuses is failed only once the vendor says 40", async () => {
    const { confirmed, out } = await confirmAndSettle({ slowIssueMinutes: 3, slowIssueOutcome: "fail" });
    expect(confirmed.ok && confirmed.value.state).toBe("pending");
    expect(out.final).toBe("failed");
    expect(out.seen).toEqual(["pending", "pending", "pending", "failed"]);
  });
});
