import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { huolieniao5Simulator } from "../../../../simulators/src/huolieniao5/descriptor.js";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import type { SeatLayout, VendorShowtime } from "../../../src/domain/catalog.js";
import { addDays, businessDayOf, type Clock } from "../../../src/domain/time.js";
import type { CinemaRef, LockRequest, OrderRef } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createHuolieniao5Connector, type Huolieniao5Connector } from "../../../src/vendors/huolieniao5/index.js";

// The YXT (大地) shape and the calls beyond the contract, against the simulator over HTTP: lock
// expiry on the simulator clock, pickup codes (queryPrintByVerifyCode, confirmPrint), refund rules.
let sims: RunningSimulators<string>;
let cinema: CinemaRef;
let show: VendorShowtime;
let layout: SeatLayout;
let seq = 0;
const clock: Clock = { now: () => sims.clocks.huolieniao5!.now() };
const connect = (brand?: "dadi"): Huolieniao5Connector =>
  createHuolieniao5Connector({
    baseUrl: sims.urls.huolieniao5!,
    accountId: "t",
    credentials: {
      ...(huolieniao5Simulator.demoAccount as { channelCode: string; key: string }),
      ...(brand ? { brand } : {}),
    },
    clock,
    recorder: new RingCallRecorder(200),
    timeoutMs: 3_000,
  });

beforeAll(async () => {
  sims = await startSimulators({ seed: 5, cinemas: 12, days: 2, faults: { hangMs: 800 } });
  const c = sims.dataset.cinemas.find((x) => x.vendor === "huolieniao5")!;
  cinema = { vendorCinemaId: c.internalCode, nationalCode: c.nationalCode };
  const today = businessDayOf(clock.now());
  const shows = await connect().listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 1) });
  if (!shows.ok) throw new Error(shows.error.message);
  show = shows.value.find((s) => s.onSale && s.startsAt > clock.now() + 4 * 3600_000)!;
  const l = await connect().getSeatLayout(cinema, show.vendorHallId);
  if (!l.ok) throw new Error(l.error.message);
  layout = l.value;
});
afterAll(() => sims.close());

const seatsAt = (n: number, skip: number) =>
  layout.seats.filter((s) => s.kind === "normal" && !s.broken && !s.areaId).slice(skip, skip + n);
const lockReq = (n: number, skip: number, withFloor = true): LockRequest => ({
  cinema,
  showtime: { ...show, vendorData: withFloor ? show.vendorData : {} },
  seats: seatsAt(n, skip).map((s) => ({
    vendorSeatId: s.vendorSeatId,
    rowLabel: s.rowLabel,
    colLabel: s.colLabel,
    settleFen: show.price.settleFen!,
    serviceFeeFen: 0,
  })),
  mobile: "13900139000",
  orderId: `ord_sim${++seq}`,
});
const refOf = (req: LockRequest, lockId: string, seatCodes: unknown): OrderRef => ({
  ...req,
  vendorLockId: lockId,
  lockVendorData: { seatCodes },
  totalFen: 0,
});

describe("火烈鸟 5.0 simulator through the connector", () => {
  it("the demo cinema's code is its national code, and love seats come in pairs", () => {
    expect(cinema.vendorCinemaId).toBe(cinema.nationalCode);
    const left = layout.seats.filter((s) => s.kind === "loveLeft");
    expect(left.length).toBeGreaterThan(0);
    for (const s of left) expect(layout.seats.find((x) => x.vendorSeatId === s.pairSeatId)?.kind).toBe("loveRight");
  });

  it("大地 (YXT): lock → seats taken → sale re-checked to status 4 → pickup codes → printed → no refund", async () => {
    const c = connect("dadi");
    const req = lockReq(2, 20);
    const lock = await c.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const status = await c.getSeatStatus(cinema, show);
    expect(status.ok && status.value[req.seats[0]!.vendorSeatId]).toBe("unavailable");
    const sold = await c.confirm({
      ...req,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: 0,
      attempt: 1,
    });
    if (!sold.ok || sold.value.state !== "issued") throw new Error(JSON.stringify(sold));
    const ref = refOf(req, lock.value.vendorLockId, lock.value.vendorData?.seatCodes);
    const { printCode, verifyCode } = sold.value.pickup;
    const print = await c.queryPrint(ref, printCode!, verifyCode!);
    expect(print.ok && print.value.tickets.map((t) => t.seatCode)).toEqual(req.seats.map((s) => s.vendorSeatId));
    expect((await c.confirmPrint(ref, printCode!, verifyCode!)).ok).toBe(true);
    expect(await c.printStatus!(ref)).toEqual({ ok: true, value: { printed: true } });
    const refund = await c.refund!(ref, "buyer");
    expect(!refund.ok && refund.error).toMatchObject({ code: "refund_refused", vendorCode: "262" });
  });

  it("a wrong pickup code is the vendor's 260 (voucher not found)", async () => {
    const req = lockReq(1, 24);
    const lock = await connect().lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const print = await connect().queryPrint(refOf(req, lock.value.vendorLockId, []), "0000000000", "000000");
    expect(!print.ok && print.error).toMatchObject({ code: "not_found", vendorCode: "260" });
    expect((await connect().release(refOf(req, lock.value.vendorLockId, []))).ok).toBe(true);
  });

  it("a lock lapses after lockTime on the simulator clock: cancelled, seats free, release still succeeds", async () => {
    const req = lockReq(1, 26);
    const before = clock.now();
    const lock = await connect().lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    // lockTime 15 (minutes) read from the reply; the simulator clock runs on, so a window.
    expect(lock.value.lockedUntil).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(lock.value.lockedUntil).toBeLessThanOrEqual(clock.now() + 15 * 60_000);
    sims.clocks.huolieniao5!.advance(16 * 60_000);
    const ref = refOf(req, lock.value.vendorLockId, []);
    const q = await connect().queryOrder(ref);
    expect(q.ok && q.value.state).toBe("failed");
    const status = await connect().getSeatStatus(cinema, show);
    expect(status.ok && status.value[req.seats[0]!.vendorSeatId]).toBeUndefined();
    expect((await connect().release(ref)).ok).toBe(true);
  });

  it("a price under the floor is the vendor's 223 at lock (YXT lockPrice) and at sale (NGC submitPrice)", async () => {
    const low = (r: LockRequest): LockRequest => ({ ...r, seats: r.seats.map((s) => ({ ...s, settleFen: 1 })) });
    const yxt = await connect("dadi").lock(low(lockReq(1, 28, false)));
    expect(!yxt.ok && yxt.error).toMatchObject({ code: "price_rejected", vendorCode: "223" });
    const req = lockReq(1, 29, false);
    const lock = await connect().lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const sale = await connect().confirm({
      ...low(req),
      vendorLockId: lock.value.vendorLockId,
      totalFen: 0,
      attempt: 1,
    });
    // Refused by the vendor, and queryOrder shows the order still unpaid: not sent, not issued.
    expect(!sale.ok && sale.error).toMatchObject({ code: "price_rejected", vendorCode: "223" });
  });

  it("a second lock with the same channel order is refused (294), never a second booking", async () => {
    const req = lockReq(1, 30);
    const first = await connect().lock(req);
    expect(first.ok).toBe(true);
    const again = await connect().lock({ ...req, seats: lockReq(1, 31).seats });
    expect(!again.ok && again.error).toMatchObject({ code: "order_state", vendorCode: "294" });
  });
});
