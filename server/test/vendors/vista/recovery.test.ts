import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import type { SeatLayout, VendorShowtime } from "../../../src/domain/catalog.js";
import type { Result } from "../../../src/domain/errors.js";
import { addDays, businessDayOf, type Clock } from "../../../src/domain/time.js";
import type { CinemaRef, LockRequest, OrderRef, VendorOrderState } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import type { CinemaConnector } from "../../../src/vendors/connector.js";
import { currentPhase } from "../../../src/vendors/recovery.js";
import { createVistaConnector } from "../../../src/vendors/vista/index.js";

/**
 * The §2.2 flow end to end against the VISTA simulator over HTTP, on the simulators' clock: the
 * test executes the connector's RecoveryPolicy exactly as the order workflow does (first phase whose
 * window is open and attempts not used up; a final state ends it; otherwise wait `everyMs`),
 * advancing the simulated time instead of waiting.
 */
const FINAL = new Set(["issued", "failed", "reversed", "refunded", "not_found"]);

describe("VISTA §2.2 recovery against the simulator", () => {
  let sims: RunningSimulators;
  let connector: CinemaConnector;
  let recorder: RingCallRecorder;
  let cinema: CinemaRef;
  let showtime: VendorShowtime;
  let layout: SeatLayout;
  let seq = 0;
  let used = 0;
  const clock: Clock = { now: () => sims.clocks.vista.now() };

  beforeAll(async () => {
    sims = await startSimulators({ seed: 11, cinemas: 12, days: 3 });
    recorder = new RingCallRecorder(5000);
    connector = createVistaConnector({
      baseUrl: sims.urls.vista,
      accountId: "recovery-vista",
      credentials: { token: demoAccounts.vista.token, clientId: demoAccounts.vista.clientId },
      clock,
      recorder,
      timeoutMs: 3_000,
      settings: { stopSellingMinutes: 15 },
    });
    const c = sims.dataset.cinemas.find((x) => x.vendor === "vista")!;
    cinema = { vendorCinemaId: c.internalCode, nationalCode: c.nationalCode };
    const today = businessDayOf(clock.now());
    const list = await connector.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 1) });
    if (!list.ok) throw new Error(list.error.message);
    // Far enough ahead that an hour of simulated recovery stays before the stop-selling time.
    showtime = list.value.find((s) => s.onSale && s.stopSellingAt > clock.now() + 3 * 3600_000)!;
    const l = await connector.getSeatLayout(cinema, showtime.vendorHallId, showtime);
    if (!l.ok) throw new Error(l.error.message);
    layout = l.value;
  });
  afterAll(() => sims.close());

  const faults = () => sims.faults.vista;

  async function lockOne(): Promise<{ req: LockRequest; ref: OrderRef }> {
    const seat = layout.seats.filter((s) => s.kind === "normal" && !s.broken && !s.areaId)[used++]!;
    const req: LockRequest = {
      cinema,
      showtime: { ...showtime },
      seats: [
        {
          vendorSeatId: seat.vendorSeatId,
          rowLabel: seat.rowLabel,
          colLabel: seat.colLabel,
          settleFen: showtime.price.settleFen!,
          serviceFeeFen: 0,
        },
      ],
      mobile: "13800138000",
      orderId: `ord_recovery${++seq}`,
    };
    const lock = await connector.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const ref: OrderRef = {
      cinema,
      showtime: req.showtime,
      orderId: req.orderId,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: showtime.price.settleFen!,
    };
    return { req, ref };
  }

  /** Confirms a locked order as the workflow does (the lock's id, data and total). */
  const confirmLocked = (req: LockRequest, ref: OrderRef, attempt = 1) =>
    connector.confirm({
      ...req,
      vendorLockId: ref.vendorLockId,
      lockVendorData: ref.lockVendorData,
      totalFen: ref.totalFen,
      attempt,
    });

  /** Runs the settle timetable from the first confirm attempt; returns the final state and the trail. */
  async function settle(
    req: LockRequest,
    ref: OrderRef,
    startedAt: number,
  ): Promise<{ final?: VendorOrderState; trail: string[] }> {
    const policy = connector.recovery.settle;
    const attempts = policy.map(() => 0);
    const trail: string[] = [];
    let confirmAttempt = 1;
    for (let step = 0; step < 60; step++) {
      const elapsed = clock.now() - startedAt;
      const cur = currentPhase(policy, elapsed, showtime.startsAt - clock.now(), attempts);
      if (!cur) return { trail };
      attempts[cur.index]!++;
      let res: Result<VendorOrderState>;
      switch (cur.phase.action) {
        case "confirm":
          res = await confirmLocked(req, ref, ++confirmAttempt);
          break;
        case "query":
          res = await connector.queryOrder(ref);
          break;
        case "cancel":
          res = await connector.cancel!(ref);
          break;
        case "refund":
          res = await connector.refund!(ref, "issue failed");
          break;
        default:
          throw new Error(`VISTA policy has no ${cur.phase.action}`);
      }
      trail.push(`${cur.phase.action}:${res.ok ? res.value.state : res.error.code}`);
      if (res.ok && FINAL.has(res.value.state)) return { final: res.value, trail };
      sims.clocks.vista.advance(cur.phase.everyMs);
    }
    return { trail };
  }

  const calls = (name: string) => recorder.recent((r) => r.call === `vista.${name}`, 5000).length;

  it("a CompleteOrder whose answer is lost: GetOrder shows it committed, the first query finds the booking", async () => {
    const { req, ref } = await lockOne();
    faults().update({ hangMs: 500, calls: { CompleteOrder: { lostResponseRate: 1 } } });
    const startedAt = clock.now();
    const completesBefore = calls("CompleteOrder");
    const first = await connector
      .confirm({
        ...req,
        vendorLockId: ref.vendorLockId,
        lockVendorData: ref.lockVendorData,
        totalFen: ref.totalFen,
        attempt: 1,
      })
      .finally(() => faults().reset());
    expect(!first.ok && first.error.code).toBe("outcome_unknown");

    const { final, trail } = await settle(req, ref, startedAt);
    // §2.2 2.2.2: GetOrder's CinemaId is null → no second CompleteOrder → QueryOrderBookingStatus finds it.
    expect(trail).toEqual(["confirm:pending", "query:issued"]);
    expect(calls("CompleteOrder") - completesBefore).toBe(1);
    expect(final?.state).toBe("issued");
    if (final?.state !== "issued") return;
    expect(final.pickup.printCode).toMatch(/^\d{16}$/);
    expect(final.pickup.verifyCode).toBe(final.vendorOrderId);
    const status = await connector.getSeatStatus(cinema, showtime);
    expect(status.ok && status.value[req.seats[0]!.vendorSeatId]).toBe("sold");
  });

  it("a slow booking (CinemaConnectError, issued after 3 minutes) is found by the minute-by-minute queries", async () => {
    const { req, ref } = await lockOne();
    faults().update({ slowIssueMinutes: 3, slowIssueOutcome: "success" });
    try {
      const startedAt = clock.now();
      const first = await confirmLocked(req, ref);
      expect(first).toEqual({ ok: true, value: { state: "pending" } });
      const { final, trail } = await settle(req, ref, startedAt);
      expect(trail).toEqual(["confirm:pending", "query:pending", "query:pending", "query:pending", "query:issued"]);
      expect(final?.state).toBe("issued");
    } finally {
      faults().reset();
    }
  });

  it("a booking that never appears: 15 queries, then CancelOrder voids it — 出票失败, seats free again", async () => {
    const { req, ref } = await lockOne();
    faults().update({ slowIssueMinutes: 60, slowIssueOutcome: "success" });
    try {
      const startedAt = clock.now();
      await confirmLocked(req, ref);
      const { final, trail } = await settle(req, ref, startedAt);
      expect(trail).toEqual([
        "confirm:pending",
        ...Array.from({ length: 15 }, () => "query:pending"),
        "cancel:reversed",
      ]);
      expect(final).toEqual({ state: "reversed" });
      // Simulated minutes (the simulators' clock also runs in real time, hence the bracket).
      expect(clock.now() - startedAt).toBeGreaterThanOrEqual(15 * 60_000);
      expect(clock.now() - startedAt).toBeLessThan(16 * 60_000);
      // The voided commit never turns into a booking, and the seat can be sold again.
      sims.clocks.vista.advance(60 * 60_000);
      expect(await connector.queryOrder(ref)).toEqual({
        ok: true,
        value: { state: "pending" },
      });
      const status = await connector.getSeatStatus(cinema, showtime);
      expect(status.ok && status.value[req.seats[0]!.vendorSeatId]).toBeUndefined();
    } finally {
      faults().reset();
    }
  });

  it("a slow booking that fails at the cinema ends the same way: CancelOrder after 15 queries", async () => {
    const { req, ref } = await lockOne();
    faults().update({ slowIssueMinutes: 2, slowIssueOutcome: "fail" });
    try {
      const startedAt = clock.now();
      await confirmLocked(req, ref);
      const { final, trail } = await settle(req, ref, startedAt);
      expect(trail.at(-1)).toBe("cancel:reversed");
      expect(trail.filter((t) => t.startsWith("query"))).toHaveLength(15);
      expect(final?.state).toBe("reversed");
    } finally {
      faults().reset();
    }
  });

  it("an issued booking refunds through the refund timetable and queries as refunded", async () => {
    const { req, ref } = await lockOne();
    const issued = await confirmLocked(req, ref);
    expect(issued.ok && issued.value.state).toBe("issued");
    const vendorOrderId = issued.ok && issued.value.state === "issued" ? issued.value.vendorOrderId : undefined;
    faults().update({ hangMs: 500, calls: { RefundBooking: { lostResponseRate: 1 } } });
    const lost = await connector.refund!({ ...ref, vendorOrderId }, "buyer changed plans").finally(() =>
      faults().reset(),
    );
    expect(!lost.ok && lost.error.code).toBe("outcome_unknown");
    // The refund timetable's next attempt asks first and does not refund twice.
    const again = await connector.refund!({ ...ref, vendorOrderId }, "buyer changed plans");
    expect(again).toEqual({ ok: true, value: { state: "refunded", vendorOrderId } });
    expect(await connector.queryOrder({ ...ref, vendorOrderId })).toEqual({
      ok: true,
      value: { state: "refunded", vendorOrderId },
    });
  });
});
