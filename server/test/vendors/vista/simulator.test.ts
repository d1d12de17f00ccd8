import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import { addDays, businessDayOf, type Clock } from "../../../src/domain/time.js";
import type { CinemaRef } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import type { CinemaConnector } from "../../../src/vendors/connector.js";
import { createVistaConnector } from "../../../src/vendors/vista/index.js";

/** Catalogue reads and priced-area trading against the VISTA simulator, beyond the shared contract. */
describe("VISTA connector against the simulator", () => {
  let sims: RunningSimulators;
  let connector: CinemaConnector;
  let cinema: CinemaRef;
  const clock: Clock = { now: () => sims.clocks.vista.now() };

  beforeAll(async () => {
    sims = await startSimulators({ seed: 3, cinemas: 16, days: 2 });
    connector = createVistaConnector({
      baseUrl: sims.urls.vista,
      accountId: "sim-vista",
      credentials: { token: demoAccounts.vista.token, clientId: demoAccounts.vista.clientId },
      clock,
      recorder: new RingCallRecorder(),
      timeoutMs: 3_000,
      settings: { stopSellingMinutes: 15 },
    });
    const c = sims.dataset.cinemas.find((x) => x.vendor === "vista" && x.halls.some((h) => h.areas.length > 0));
    if (!c) throw new Error("no VISTA cinema with a priced area");
    cinema = { vendorCinemaId: c.internalCode };
  });
  afterAll(() => sims.close());

  it("reads the cinema (ID vs CinemaNationalId) and its films", async () => {
    const c = sims.dataset.cinemas.find((x) => x.internalCode === cinema.vendorCinemaId)!;
    const res = await connector.getCinema(cinema);
    expect(res.ok && res.value).toMatchObject({
      vendorCinemaId: c.internalCode,
      nationalCode: c.nationalCode,
      name: c.name,
    });
    const films = await connector.listFilms(cinema);
    expect(films.ok && films.value.length).toBeGreaterThan(0);
    if (films.ok) for (const f of films.value) expect(f.nationalCode).toMatch(/^\d{12}$/);
    const wrong = createVistaConnector({
      baseUrl: sims.urls.vista,
      accountId: "bad",
      credentials: { token: "wrong-token", clientId: "x" },
      clock,
      recorder: new RingCallRecorder(),
    });
    const denied = await wrong.ping();
    expect(!denied.ok && denied.error.code).toBe("auth_failed");
  });

  it("sells a seat of a priced area with that area's ticket type and price", async () => {
    const today = businessDayOf(clock.now());
    const list = await connector.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 1) });
    if (!list.ok) throw new Error(list.error.message);
    // A session whose priced area costs more than its ordinary seats (the data set's morning shows price both alike).
    const showtime = list.value.find(
      (s) => s.areaPrices?.some((a) => a.settleFen > s.price.settleFen!) && s.stopSellingAt > clock.now() + 3600_000,
    )!;
    expect(showtime).toBeDefined();
    const layout = await connector.getSeatLayout(cinema, showtime.vendorHallId, showtime);
    if (!layout.ok) throw new Error(layout.error.message);
    const seat = layout.value.seats.find((s) => s.areaId && s.kind === "normal" && !s.broken)!;
    const area = showtime.areaPrices!.find((a) => a.areaId === seat.areaId)!;
    expect(area.settleFen).toBeGreaterThan(showtime.price.settleFen!);
    const req = {
      cinema,
      showtime,
      seats: [
        {
          vendorSeatId: seat.vendorSeatId,
          rowLabel: seat.rowLabel,
          colLabel: seat.colLabel,
          areaId: seat.areaId,
          settleFen: area.settleFen,
          serviceFeeFen: 0,
        },
      ],
      mobile: "13800138000",
      orderId: "ord_simarea1",
    };
    const wrongPrice = await connector.lock({
      ...req,
      seats: [{ ...req.seats[0]!, settleFen: showtime.price.settleFen! }],
    });
    expect(!wrongPrice.ok && wrongPrice.error.code).toBe("price_rejected");
    const lock = await connector.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    // A retried lock of the same order is the same VISTA order, not a second one.
    const retried = await connector.lock(req);
    expect(retried.ok && retried.value.vendorLockId).toBe(lock.value.vendorLockId);
    const done = await connector.confirm({
      ...req,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: area.settleFen,
      attempt: 1,
    });
    expect(done.ok && done.value.state).toBe("issued");
    const printed = await connector.printStatus!({
      cinema,
      showtime,
      orderId: req.orderId,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: area.settleFen,
      ...(done.ok && done.value.state === "issued" ? { vendorOrderId: done.value.vendorOrderId } : {}),
    });
    expect(printed).toEqual({ ok: true, value: { printed: false } });
  });
});
