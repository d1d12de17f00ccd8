import type { Static, TObject } from "@sinclair/typebox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dataset } from "../../../simulators/src/core/dataset-types.js";
import {
  type RunningSimulators,
  type SimulatorDescriptor,
  simulators,
  startSimulators,
} from "../../../simulators/src/index.js";
import type { SeatLayout, VendorShowtime } from "../../src/domain/catalog.js";
import { layoutForShowtime, NO_AREAS } from "../../src/domain/showtime-areas.js";
import { addDays, businessDayOf, type Clock } from "../../src/domain/time.js";
import type { CinemaRef, LockRequest, OrderRef, TradeSeat } from "../../src/domain/trade.js";
import { type CallRecorder, RingCallRecorder } from "../../src/vendors/call-recorder.js";
import type { CinemaConnector } from "../../src/vendors/connector.js";
import { credentialProblems } from "../../src/vendors/credentials.js";
import type { SeatVendorDescriptor } from "../../src/vendors/descriptor.js";
import { secretsOf, spoilSecrets, watchResults } from "./secrecy.js";
import { confirmLock } from "./trade-steps.js";

/** What the suite hands the connector it builds: a recorder it inspects and the credentials to use. */
export interface ContractContext<C extends TObject> {
  recorder: CallRecorder;
  /** The simulator's demo account, or the same with every secret spoiled (the auth_failed case). */
  credentials: Static<C>;
}

/**
 * The contract every seat-selling connector must pass against its simulator, over real HTTP.
 * A connector's test file calls `runConnectorContract({ vendor, makeConnector })`.
 */
export interface ContractFixture<Id extends string, C extends TObject> {
  vendor: SeatVendorDescriptor<Id, C>;
  /**
   * The vendor's simulator when it is not (yet) in simulators/src/all.ts: a scaffolded vendor's
   * suite runs before the vendor is registered.
   */
  simulator?: SimulatorDescriptor<Id>;
  /** Builds the connector for the simulator at `baseUrl`, reading time from `clock` (the simulators' clock). */
  makeConnector(baseUrl: string, clock: Clock, ctx: ContractContext<C>): CinemaConnector<Id>;
  /** The vendor's cinema reference for a data-set cinema (defaults: internal code as vendorCinemaId). */
  cinemaRef?(cinema: Dataset["cinemas"][number]): CinemaRef;
}

export function runConnectorContract<Id extends string, C extends TObject>(fx: ContractFixture<Id, C>): void {
  const vendor = fx.vendor.id;
  const sim = fx.simulator ?? (simulators as readonly SimulatorDescriptor[]).find((s) => s.id === vendor);
  if (!sim) throw new Error(`no simulator for ${vendor}: register it or pass fx.simulator`);
  // Every call of the whole suite is recorded here, and every answer the connectors give is kept.
  const recorder = new RingCallRecorder(5000);
  const errors: string[] = [];
  const credentials = sim.demoAccount as Static<C>;
  describe(`${vendor} connector contract (against its simulator over HTTP)`, () => {
    let sims: RunningSimulators<string>;
    let connector: CinemaConnector<Id>;
    let cinema: CinemaRef;
    let showtime: VendorShowtime;
    let layout: SeatLayout;
    let orderSeq = 0;
    const clock: Clock = { now: () => sims.clocks[vendor]!.now() };
    const connect = (creds: Static<C>) =>
      watchResults(fx.makeConnector(sims.urls[vendor]!, clock, { recorder, credentials: creds }), errors);

    beforeAll(async () => {
      sims = await startSimulators({
        seed: 7,
        cinemas: 12,
        days: 3,
        faults: { hangMs: 1500 },
        ...(fx.simulator ? { extra: [fx.simulator] } : {}),
      });
      connector = connect(credentials);
      const c = sims.dataset.cinemas.find((x) => x.vendor === vendor);
      if (!c) throw new Error(`data set has no ${vendor} cinema`);
      cinema = fx.cinemaRef?.(c) ?? {
        vendorCinemaId: c.internalCode,
        nationalCode: c.nationalCode,
        shanghai: c.shanghai,
      };
    });
    afterAll(() => sims.close());

    const faults = () => sims.faults[vendor]!;
    const freeSeats = (n: number, skip = 0) =>
      layout.seats.filter((s) => s.kind === "normal" && !s.broken && !s.areaId).slice(skip, skip + n);
    const tradeSeats = (seats: SeatLayout["seats"]): TradeSeat[] =>
      seats.map((s) => ({
        vendorSeatId: s.vendorSeatId,
        rowLabel: s.rowLabel,
        colLabel: s.colLabel,
        areaId: s.areaId,
        settleFen: showtime.price.settleFen ?? showtime.price.listFen ?? 0,
        serviceFeeFen: showtime.price.serviceFeeFen ?? 0,
      }));
    const lockReq = (seats: SeatLayout["seats"]): LockRequest => ({
      cinema,
      showtime: {
        vendorShowtimeId: showtime.vendorShowtimeId,
        vendorHallId: showtime.vendorHallId,
        startsAt: showtime.startsAt,
        stopSellingAt: showtime.stopSellingAt,
        versionKey: showtime.versionKey,
        vendorData: showtime.vendorData,
      },
      seats: tradeSeats(seats),
      mobile: "13800138000",
      orderId: `ord_contract${vendor}${++orderSeq}`,
    });
    const total = (req: LockRequest) => req.seats.reduce((s, x) => s + x.settleFen + x.serviceFeeFen, 0);
    const orderRef = (req: LockRequest, vendorLockId: string, lockVendorData?: Record<string, unknown>): OrderRef => ({
      cinema: req.cinema,
      showtime: req.showtime,
      orderId: req.orderId,
      vendorLockId,
      lockVendorData,
      totalFen: total(req),
    });

    it("the simulator's demo account fits the vendor's credential schema", () => {
      expect(credentialProblems(fx.vendor.credentials, credentials)).toEqual([]);
    });

    it("answers ping with valid credentials", async () => {
      const res = await connector.ping();
      expect(res.ok).toBe(true);
    });

    it("invalid credentials → auth_failed", async () => {
      const spoiled = spoilSecrets(fx.vendor.credentials, credentials);
      const res = await connect(spoiled).ping();
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe("auth_failed");
    });

    it("lists showtimes for the business days asked, in the future and on sale", async () => {
      const today = businessDayOf(clock.now());
      const res = await connector.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 1) });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      expect(res.value.length).toBeGreaterThan(0);
      for (const s of res.value) {
        expect(s.vendorShowtimeId).toBeTruthy();
        expect(Number.isSafeInteger(s.price.settleFen ?? s.price.listFen)).toBe(true);
        expect(s.stopSellingAt).toBeLessThanOrEqual(s.startsAt);
      }
      const later = res.value.filter((s) => s.onSale && s.stopSellingAt > clock.now() + 3600_000);
      expect(later.length).toBeGreaterThan(0);
      showtime = later[0]!;
    });

    it("reads the seat layout with consistent love-seat pairs", async () => {
      const res = await connector.getSeatLayout(cinema, showtime.vendorHallId, showtime);
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      // The seats' areas are the showtime's own: the plain seats picked below are plain for this showtime.
      const areas = showtime.areaPrices?.length ? await connector.getShowtimeAreas?.(cinema, showtime) : undefined;
      if (areas && !areas.ok) throw new Error(areas.error.message);
      layout = layoutForShowtime(res.value, areas?.value ?? NO_AREAS);
      expect(layout.seats.length).toBeGreaterThan(20);
      const byId = new Map(layout.seats.map((s) => [s.vendorSeatId, s]));
      for (const s of layout.seats.filter((x) => x.kind === "loveLeft" || x.kind === "loveRight")) {
        expect(s.pairSeatId).toBeDefined();
        expect(byId.get(s.pairSeatId!)?.pairSeatId).toBe(s.vendorSeatId);
      }
    });

    it("locks seats, shows them taken, refuses a second lock, and releases", async () => {
      const req = lockReq(freeSeats(2));
      const lock = await connector.lock(req);
      expect(lock.ok).toBe(true);
      if (!lock.ok) return;
      expect(lock.value.lockedUntil).toBeGreaterThan(clock.now());

      const status = await connector.getSeatStatus(cinema, showtime);
      expect(status.ok).toBe(true);
      if (status.ok) expect(["locked", "sold", "unavailable"]).toContain(status.value[req.seats[0]!.vendorSeatId]);

      const second = await connector.lock({ ...req, orderId: `${req.orderId}b` });
      expect(second.ok).toBe(false);
      if (!second.ok) expect(second.error.code).toBe("seat_unavailable");

      const released = await connector.release(orderRef(req, lock.value.vendorLockId, lock.value.vendorData));
      expect(released.ok).toBe(true);
      const after = await connector.getSeatStatus(cinema, showtime);
      if (after.ok) expect(after.value[req.seats[0]!.vendorSeatId] ?? "available").toBe("available");
    });

    it("confirms a locked order to an issued ticket with a pickup code, and query agrees", async () => {
      const req = lockReq(freeSeats(2, 4));
      const lock = await connector.lock(req);
      if (!lock.ok) throw new Error(lock.error.message);
      const confirmed = await confirmLock(connector, req, lock.value, total(req));
      expect(confirmed.ok).toBe(true);
      if (!confirmed.ok) return;
      let state = confirmed.value;
      const ref = orderRef(req, lock.value.vendorLockId, lock.value.vendorData);
      if (state.state === "pending") {
        const q = await connector.queryOrder({
          ...ref,
          vendorOrderId: "vendorOrderId" in state ? state.vendorOrderId : undefined,
        });
        if (q.ok) state = q.value;
      }
      expect(state.state).toBe("issued");
      if (state.state !== "issued") return;
      expect(state.pickup.printCode ?? state.pickup.verifyCode).toBeTruthy();
      const q = await connector.queryOrder({ ...ref, vendorOrderId: state.vendorOrderId });
      expect(q.ok && q.value.state).toBe("issued");
    });

    it("maps a vendor outage to vendor_unavailable", async () => {
      faults().update({ default: { down: true } });
      try {
        const res = await connector.listShowtimes({
          cinema,
          fromDate: businessDayOf(clock.now()),
          toDate: businessDayOf(clock.now()),
        });
        expect(res.ok).toBe(false);
        if (!res.ok) expect(res.error.code).toBe("vendor_unavailable");
      } finally {
        faults().reset();
      }
    });

    it("maps the vendor's rate limit to rate_limited", async () => {
      faults().update({ rateLimitPerSecond: 1 });
      try {
        const results = await Promise.all(Array.from({ length: 4 }, () => connector.ping()));
        const limited = results.filter((r) => !r.ok && r.error.code === "rate_limited");
        expect(limited.length).toBeGreaterThan(0);
      } finally {
        faults().reset();
      }
    });

    it("a confirm whose response is lost is outcome_unknown, and querying resolves it", async () => {
      const req = lockReq(freeSeats(1, 8));
      const lock = await connector.lock(req);
      if (!lock.ok) throw new Error(lock.error.message);
      faults().update({ default: { lostResponseRate: 1 } });
      const confirmCall = await connector
        .confirm({
          ...req,
          vendorLockId: lock.value.vendorLockId,
          lockVendorData: lock.value.vendorData,
          totalFen: total(req),
          attempt: 1,
        })
        .finally(() => faults().reset());
      expect(confirmCall.ok).toBe(false);
      if (!confirmCall.ok) expect(confirmCall.error.code).toBe("outcome_unknown");
      const q = await connector.queryOrder(orderRef(req, lock.value.vendorLockId, lock.value.vendorData));
      expect(q.ok).toBe(true);
      // The call took effect at the vendor: the query must not report it as failed or unknown.
      if (q.ok) expect(["issued", "pending"]).toContain(q.value.state);
    });

    it("a slow issue stays pending until the vendor settles it on the advanced clock", async () => {
      const req = lockReq(freeSeats(1, 10));
      const lock = await connector.lock(req);
      if (!lock.ok) throw new Error(lock.error.message);
      faults().update({ slowIssueMinutes: 3, slowIssueOutcome: "success" });
      try {
        const confirmed = await confirmLock(connector, req, lock.value, total(req));
        expect(confirmed.ok).toBe(true);
        if (confirmed.ok) expect(confirmed.value.state).toBe("pending");
        const ref = {
          ...orderRef(req, lock.value.vendorLockId, lock.value.vendorData),
          vendorOrderId: confirmed.ok && "vendorOrderId" in confirmed.value ? confirmed.value.vendorOrderId : undefined,
        };
        sims.clocks[vendor]!.advance(4 * 60_000);
        const q = await connector.queryOrder(ref);
        expect(q.ok && q.value.state).toBe("issued");
      } finally {
        faults().reset();
      }
    });

    // Last, over everything the suite did: the calls as recorded for support staff, and every
    // error message the connectors returned (what ends up in logs and on the console).
    it("the recorded calls and logs of the whole suite contain no secret, password or full mobile", () => {
      const calls = recorder.recent(() => true, 5000);
      expect(calls.length).toBeGreaterThan(0);
      const said = [...calls.map((c) => `${c.call} ${c.request} ${c.response}`), ...errors];
      const secrets = [
        ...secretsOf(fx.vendor.credentials, credentials),
        ...secretsOf(fx.vendor.credentials, spoilSecrets(fx.vendor.credentials, credentials)),
      ];
      for (const text of said) {
        for (const secret of secrets) expect(text).not.toContain(secret);
        expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      }
    });
  });
}
