import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import type { SeatLayout, VendorShowtime } from "../../../src/domain/catalog.js";
import { addDays, businessDayOf, type Clock } from "../../../src/domain/time.js";
import type { CinemaRef, LockRequest, OrderRef } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createHuolieniaoConnector, type HuolieniaoConnector } from "../../../src/vendors/huolieniao/index.js";
import { issueOrderRef, normalSeats, seatLockRequest } from "../../contract/trade-steps.js";

/** The connector against the 火烈鸟 simulator over loopback HTTP: what the shared contract does not cover. */
let sims: RunningSimulators;
let hln: HuolieniaoConnector;
let cinema: CinemaRef;
let shows: VendorShowtime[];
let layout: SeatLayout;
const creds = { username: "cinegate", password: "huolieniao-demo-password" };
const clock: Clock = { now: () => sims.clocks.huolieniao.now() };
let seq = 0;

const connect = (credentials: { username: string; password: string }) =>
  createHuolieniaoConnector({
    baseUrl: sims.urls.huolieniao,
    accountId: "hln-sim",
    credentials,
    clock,
    recorder: new RingCallRecorder(500),
    timeoutMs: 3000,
  });

beforeAll(async () => {
  sims = await startSimulators({ seed: 13, cinemas: 12, days: 3, faults: { hangMs: 800 } });
  hln = connect(creds);
  const c = sims.dataset.cinemas.find((x) => x.vendor === "huolieniao")!;
  cinema = { vendorCinemaId: c.internalCode, nationalCode: c.nationalCode };
  const today = businessDayOf(clock.now());
  const res = await hln.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 2) });
  if (!res.ok) throw new Error(res.error.message);
  shows = res.value.filter((s) => s.onSale && s.stopSellingAt > clock.now() + 3 * 3600_000);
  const l = await hln.getSeatLayout(cinema, shows[0]!.vendorHallId);
  if (!l.ok) throw new Error(l.error.message);
  layout = l.value;
});
afterAll(async () => {
  await hln.close();
  await sims.close();
});

const lockReq = (show: VendorShowtime, n: number, skip: number): LockRequest =>
  seatLockRequest({
    cinema,
    showtime: show,
    seats: normalSeats(layout, n, skip),
    settleFen: show.price.settleFen!,
    serviceFeeFen: 0,
    mobile: "13912345678",
    orderId: `ord_hln${++seq}`,
  });

/** 火烈鸟 is told the settle prices paid (no fee declared). */
function issue(show: VendorShowtime, n: number, skip: number): Promise<OrderRef> {
  const req = lockReq(show, n, skip);
  return issueOrderRef(
    hln,
    req,
    req.seats.reduce((s, x) => s + x.settleFen, 0),
  );
}

describe("火烈鸟 1.5 connector against its simulator", () => {
  it("the cinema (national code) with its screens, films, and sessions priced with a floor", async () => {
    const c = await hln.getCinema(cinema);
    expect(c.ok && c.value.nationalCode).toBe(cinema.vendorCinemaId);
    expect(c.ok && c.value.halls?.length).toBeGreaterThan(0);
    const films = await hln.listFilms(cinema);
    expect(films.ok && films.value.length).toBeGreaterThan(0);
    expect(films.ok && films.value[0]!.nationalCode).toMatch(/^\d{12}$/);
    const s = shows[0]!;
    expect(s.price.settleFen).toBeGreaterThanOrEqual(s.price.lowestFen!);
    expect(s.rawPrice).toContain("LowestPrice=");
  });

  it("love seats come in side-by-side pairs that share a group code", () => {
    const loves = layout.seats.filter((s) => s.kind === "loveLeft");
    expect(loves.length).toBeGreaterThan(0);
    for (const l of loves) {
      const r = layout.seats.find((s) => s.vendorSeatId === l.pairSeatId)!;
      expect(r.kind).toBe("loveRight");
      expect([r.y, r.x]).toEqual([l.y, l.x + 1]);
    }
  });

  it("a wrong password is auth_failed with the vendor's text", async () => {
    const bad = connect({ username: "cinegate", password: "wrong" });
    const res = await bad.ping();
    expect(!res.ok && res.error).toMatchObject({ code: "auth_failed", message: "用户名或密码错误" });
    await bad.close();
  });

  it("a lock lapses at its AutoUnlockDatetime on the simulator's clock, and the seats are free again", async () => {
    const show = shows[1] ?? shows[0]!;
    const req = lockReq(show, 1, 20);
    const lock = await hln.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    // public-refs §6.3: the sample shows the lock one hour after the reply.
    expect(lock.value.lockedUntil - clock.now()).toBeGreaterThan(59 * 60_000);
    const seat = req.seats[0]!.vendorSeatId;
    expect((await hln.getSeatStatus(cinema, show)).ok && (await hln.getSeatStatus(cinema, show))).toMatchObject({
      value: { [seat]: "locked" },
    });
    sims.clocks.huolieniao.advance(lock.value.lockedUntil - clock.now() + 1000);
    const after = await hln.getSeatStatus(cinema, show);
    expect(after.ok && after.value[seat]).toBeUndefined();
    const again = await hln.lock(req);
    expect(again.ok).toBe(true);
    if (again.ok)
      await hln.release({
        ...req,
        vendorLockId: again.value.vendorLockId,
        lockVendorData: again.value.vendorData,
        totalFen: 0,
      });
  });

  it("a price below the floor is price_rejected", async () => {
    const show = shows[0]!;
    const req = lockReq(show, 1, 24);
    const lock = await hln.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const cheap = req.seats.map((s) => ({ ...s, settleFen: (show.price.lowestFen ?? 100) - 100 }));
    const res = await hln.confirm({
      ...req,
      seats: cheap,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: 0,
      attempt: 1,
    });
    expect(!res.ok && res.error.code).toBe("price_rejected");
  });

  it("issues, shows the QR payloads, refunds; a refunded order reads refunded", async () => {
    const ref = await issue(shows[0]!, 2, 30);
    const q = await hln.queryOrder(ref);
    if (!q.ok || q.value.state !== "issued") throw new Error(JSON.stringify(q));
    const info = await hln.takeTicketInfo(cinema, q.value.pickup.printCode!, q.value.pickup.verifyCode!);
    expect(info.ok && info.value.printed).toBe(false);
    expect(info.ok && info.value.seats.map((s) => s.qrPayload)).toHaveLength(2);
    const refunded = await hln.refund(ref, "buyer");
    expect(refunded.ok && refunded.value.state).toBe("refunded");
    expect((await hln.queryOrder(ref)).ok && (await hln.queryOrder(ref))).toMatchObject({
      value: { state: "refunded" },
    });
  });

  it("tickets taken (DTakeTicketConfirm) show as printed, and their refund is refused", async () => {
    const ref = await issue(shows[0]!, 1, 36);
    const q = await hln.queryOrder(ref);
    if (!q.ok || q.value.state !== "issued") throw new Error(JSON.stringify(q));
    expect((await hln.takeTicketConfirm(cinema, q.value.pickup.printCode!, q.value.pickup.verifyCode!)).ok).toBe(true);
    expect(await hln.printStatus(ref)).toEqual({ ok: true, value: { printed: true } });
    const refused = await hln.refund(ref, "buyer");
    expect(!refused.ok && refused.error.code).toBe("refund_refused");
  });

  it("a showtime hidden from our channel lists nothing (doc 000 §四.2: not 开售 for us)", async () => {
    sims.faults.huolieniao.update({ hideShowtimesFor: [cinema.vendorCinemaId] });
    try {
      const today = businessDayOf(clock.now());
      const res = await hln.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 2) });
      expect(res).toEqual({ ok: true, value: [] });
    } finally {
      sims.faults.huolieniao.reset();
    }
  });
});
