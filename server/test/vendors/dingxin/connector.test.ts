import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulators } from "../../../../simulators/src/all.js";
import { createSimClock } from "../../../../simulators/src/core/clock.js";
import type { Dataset } from "../../../../simulators/src/core/dataset-types.js";
import type { SimulatorDescriptor } from "../../../../simulators/src/core/descriptor.js";
import { FaultController } from "../../../../simulators/src/core/faults.js";
import { generateDataset } from "../../../../simulators/src/dataset/generate.js";
import { dingxinSimulator } from "../../../../simulators/src/dingxin/descriptor.js";
import {
  createDingxinSimulator,
  dingxinSig,
  setDingxinCharset,
  touchDingxinPlay,
} from "../../../../simulators/src/dingxin/index.js";
import type { SeatLayout, VendorShowtime } from "../../../src/domain/catalog.js";
import { addDays, businessDayOf } from "../../../src/domain/time.js";
import type { CinemaRef, LockRequest } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { DINGXIN_CODES } from "../../../src/vendors/dingxin/codes.js";
import { dingxin } from "../../../src/vendors/dingxin/descriptor.js";
import { createDingxinConnector, type DingxinConnector, playsWindow } from "../../../src/vendors/dingxin/index.js";
import { confirmLock, normalSeats, orderRefOf, seatLockRequest, showtimeRefOf } from "../../contract/trade-steps.js";

const account = dingxinSimulator.demoAccount as { pid: string; authCode: string };
const clock = createSimClock();
const recorder = new RingCallRecorder(2000);
let app: FastifyInstance;
let url: string;
let dataset: Dataset;
let dx: DingxinConnector;
let cinema: CinemaRef;
let seq = 0;

const connect = (creds: Partial<typeof account> = {}, baseUrl = url) =>
  createDingxinConnector({
    baseUrl,
    accountId: "dx-test",
    credentials: { ...account, ...creds },
    clock,
    recorder,
    timeoutMs: 3000,
  });

beforeAll(async () => {
  const others = (simulators as readonly SimulatorDescriptor[]).filter((s) => s.id !== "dingxin" && s.cinemas);
  const vendors = [...others, dingxinSimulator];
  dataset = generateDataset({ seed: 11, cinemas: 12, days: 3, vendors });
  app = await createDingxinSimulator({ dataset, clock, faults: new FaultController(3) });
  await app.listen({ host: "127.0.0.1", port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  dx = connect();
  const c = dataset.cinemas.find((x) => x.vendor === "dingxin")!;
  cinema = { vendorCinemaId: c.internalCode, nationalCode: c.nationalCode };
});
afterAll(async () => {
  await dx.close();
  await app.close();
});

async function sellable(): Promise<{ show: VendorShowtime; layout: SeatLayout }> {
  const today = businessDayOf(clock.now());
  const shows = await dx.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 1) });
  if (!shows.ok) throw new Error(shows.error.message);
  const show = shows.value.find((s) => s.onSale && s.stopSellingAt > clock.now() + 3 * 3600_000 && !s.areaPrices)!;
  const layout = await dx.getSeatLayout(cinema, show.vendorHallId, show);
  if (!layout.ok) throw new Error(layout.error.message);
  return { show, layout: layout.value };
}

const lockReq = (show: VendorShowtime, layout: SeatLayout, n: number, skip: number): LockRequest =>
  seatLockRequest({
    cinema,
    showtime: showtimeRefOf(show),
    seats: normalSeats(layout, n, skip, true),
    settleFen: show.price.settleFen!,
    serviceFeeFen: 0,
    mobile: "13800138000",
    orderId: `ord_dxtest${++seq}`,
  });
const refOf = orderRefOf;

describe("鼎新 descriptor and code table", () => {
  it("lists every code public-refs §4.5 names", () => {
    for (const code of ["300505", "500529", "505526", "510573"]) expect(DINGXIN_CODES[code]).toBeDefined();
    expect(dingxin.codes.map((r) => r.vendorCode)).toEqual(expect.arrayContaining(["300505", "500529"]));
  });

  it("carries doc 000's support facts: internal code ≠ national, plays one day later, 400 line", () => {
    expect(dingxin.support.internalCodeIsNational).toBe(false);
    expect(dingxin.support.showtimeDateOffsetDays).toBe(1);
    expect(dingxin.contact).toEqual({ phone: "400 8155 550", group: "4008155550" });
    expect(dingxin.support.noShowtimesFix?.zh).toContain("场次开放渠道");
  });

  it("asks plays with the end one business day later (end is exclusive)", () => {
    expect(playsWindow("2026-12-03", "2026-12-04")).toEqual({ start: "2026-12-03", end: "2026-12-05" });
  });
});

describe("鼎新 connector against its simulator over HTTP", () => {
  it("lists cinemas with 鼎新's own cid and the national code beside it", async () => {
    const res = await dx.listCinemas!();
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const c = res.value.find((x) => x.vendorCinemaId === cinema.vendorCinemaId)!;
    expect(c.nationalCode).toBe(cinema.nationalCode);
    expect(c.vendorCinemaId).not.toBe(c.nationalCode);
  });

  it("a wrong key is auth_failed with the vendor's own text", async () => {
    const bad = connect({ authCode: "not-the-key" });
    const res = await bad.ping();
    await bad.close();
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe("auth_failed");
    expect(res.error.message).toContain("签名错误");
  });

  it("an unknown pid is auth_failed too", async () => {
    const bad = connect({ pid: "99999" });
    const res = await bad.ping();
    await bad.close();
    expect(!res.ok && res.error.code).toBe("auth_failed");
  });

  it("keeps only the business days asked, sends the days shifted and echoes cineUpdateTime as versionKey", async () => {
    // Tomorrow's business day: before 06:00 China time "today" is yesterday's business day, which the
    // data set (it starts at the calendar day) may not cover.
    const today = addDays(businessDayOf(clock.now()), 1);
    const res = await dx.listShowtimes({ cinema, fromDate: today, toDate: today });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.length).toBeGreaterThan(0);
    for (const s of res.value) {
      expect(businessDayOf(s.startsAt)).toBe(today);
      expect(s.versionKey).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(s.price.lowestFen).toBeLessThanOrEqual(s.price.settleFen!);
    }
    const sent = recorder.recent((r) => r.call === "dingxin.cinema/plays", 1)[0]!;
    expect(sent.request).toContain(`end=${addDays(today, 1)}`);
    expect(sent.request).toContain(`start=${today}`);
  });

  it("a play changed at the cinema (300505) is re-read and the lock made once more", async () => {
    const { show, layout } = await sellable();
    touchDingxinPlay(app, Number(show.vendorShowtimeId));
    const req = lockReq(show, layout, 1, 12);
    const before = recorder.recent((r) => r.call === "dingxin.seat/lock", 1000).length;
    const lock = await dx.lock(req);
    expect(lock.ok).toBe(true);
    const locks = recorder.recent((r) => r.call === "dingxin.seat/lock", 1000);
    expect(locks.length - before).toBe(2);
    expect(locks[1]!.vendorCode).toBe("300505");
    if (lock.ok) await dx.release(refOf(req, lock.value.vendorLockId, lock.value.vendorData));
  });

  it("sells, refunds with a fresh refund id, and then the order reads as refunded", async () => {
    const { show, layout } = await sellable();
    const req = lockReq(show, layout, 2, 14);
    const lock = await dx.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    expect(lock.value.vendorLockId).toMatch(/^\d+$/);
    const sold = await confirmLock(dx, req, lock.value, 0);
    expect(sold.ok && sold.value.state).toBe("issued");
    if (!sold.ok || sold.value.state !== "issued") return;
    expect(sold.value.tickets.every((t) => t.ticketNo)).toBe(true);
    const ref = {
      ...refOf(req, lock.value.vendorLockId, lock.value.vendorData),
      vendorOrderId: sold.value.vendorOrderId,
    };
    const printed = await dx.printStatus!(ref);
    expect(printed.ok && printed.value.printed).toBe(false);
    const refunded = await dx.refund!(ref, "buyer asked");
    expect(refunded.ok && refunded.value.state).toBe("refunded");
    const after = await dx.queryOrder(ref);
    expect(after.ok && after.value.state).toBe("refunded");
    const status = await dx.getSeatStatus(cinema, show);
    if (status.ok) expect(status.value[req.seats[0]!.vendorSeatId]).toBeUndefined();
  });

  it("a printed ticket is refund_refused with the vendor's text; releasing a lapsed lock is done", async () => {
    const { show, layout } = await sellable();
    const req = lockReq(show, layout, 1, 22);
    const lock = await dx.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const sold = await confirmLock(dx, req, lock.value, 0);
    if (!sold.ok || sold.value.state !== "issued") throw new Error("not issued");
    // The buyer prints at the cinema's machine (ticket/print, straight to the simulator).
    const params = {
      cid: cinema.vendorCinemaId,
      ticket_flag1: sold.value.pickup.printCode!,
      ticket_flag2: sold.value.pickup.verifyCode!,
      pid: account.pid,
    };
    const printed = await fetch(`${url}/ticket/print`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...params, _sig: dingxinSig(params, account.authCode) }).toString(),
    });
    expect(await printed.text()).toContain("<successNum>1</successNum>");
    const ref = {
      ...refOf(req, lock.value.vendorLockId, lock.value.vendorData),
      vendorOrderId: sold.value.vendorOrderId,
    };
    expect((await dx.printStatus!(ref)).ok).toBe(true);
    const refund = await dx.refund!(ref, "too late");
    expect(refund.ok).toBe(false);
    if (!refund.ok)
      expect(refund.error).toMatchObject({ code: "refund_refused", message: expect.stringContaining("已打印") });

    const other = lockReq(show, layout, 1, 24);
    const lapsed = await dx.lock(other);
    if (!lapsed.ok) throw new Error(lapsed.error.message);
    clock.advance(11 * 60_000);
    expect((await dx.release(refOf(other, lapsed.value.vendorLockId, lapsed.value.vendorData))).ok).toBe(true);
  });

  it("a sale under the price floor is price_rejected with the vendor's text (read by message: no code is public)", async () => {
    const { show, layout } = await sellable();
    const req = lockReq(show, layout, 1, 26);
    const lock = await dx.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const cheap = { ...req, seats: req.seats.map((s) => ({ ...s, settleFen: 1 })) };
    const sale = await dx.confirm({
      ...cheap,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: 1,
      attempt: 1,
    });
    expect(sale.ok).toBe(false);
    if (!sale.ok)
      expect(sale.error).toMatchObject({ code: "price_rejected", message: expect.stringContaining("最低价") });
    await dx.release(refOf(req, lock.value.vendorLockId, lock.value.vendorData));
  });

  it("a sale the vendor never received: not_submitted while the lock lives, failed once it lapsed", async () => {
    const { show, layout } = await sellable();
    const req = lockReq(show, layout, 1, 18);
    const lock = await dx.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const ref = refOf(req, lock.value.vendorLockId, lock.value.vendorData);
    const q = await dx.queryOrder(ref);
    expect(q.ok && q.value.state).toBe("not_submitted");
    clock.advance(11 * 60_000);
    const later = await dx.queryOrder(ref);
    expect(later.ok && later.value.state).toBe("failed");
    // The lapsed lock is gone at the vendor: the sale is refused, never issued.
    const sale = await confirmLock(dx, req, lock.value, 0);
    expect(sale.ok && sale.value.state === "issued").toBe(false);
  });

  it("reads a GBK answer as the vendor declares it", async () => {
    setDingxinCharset(app, "gbk");
    try {
      const res = await dx.listCinemas!();
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const name = dataset.cinemas.find((c) => c.internalCode === cinema.vendorCinemaId)!.name;
      expect(res.value.find((c) => c.vendorCinemaId === cinema.vendorCinemaId)?.name).toBe(name);
    } finally {
      setDingxinCharset(app, "utf-8");
    }
  });
});

describe("鼎新 connector on broken answers", () => {
  let stub: Server;
  let stubUrl: string;
  let answer: { type: string; body: Buffer; status?: number } = { type: "text/plain", body: Buffer.from("") };
  beforeAll(async () => {
    stub = createServer((_req, res) => {
      res.writeHead(answer.status ?? 200, { "content-type": answer.type });
      res.end(answer.body);
    });
    await new Promise<void>((r) => stub.listen(0, "127.0.0.1", r));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => stub.close(() => r())));

  const cases: Array<[string, typeof answer]> = [
    [
      "an HTML error page",
      { type: "text/html", body: Buffer.from("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>") },
    ],
    ["malformed XML", { type: "text/xml", body: Buffer.from("<root><status>1</status><data><item>") }],
    ["XML without <root>", { type: "text/xml", body: Buffer.from('<?xml version="1.0"?><error>oops</error>') }],
    ["malformed JSON", { type: "application/json", body: Buffer.from('{"res":{"status":1,') }],
    ["an HTTP 500 page", { type: "text/html", body: Buffer.from("<h1>500</h1>"), status: 500 }],
  ];
  for (const [name, a] of cases) {
    it(`${name} is vendor_unavailable on a read, never a crash`, async () => {
      answer = a;
      const c = connect({}, stubUrl);
      const res = await c.ping();
      await c.close();
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe("vendor_unavailable");
    });
  }

  it("an unreadable answer to a sale is outcome_unknown (the order is asked for, not resent)", async () => {
    answer = cases[0]![1];
    const c = connect({}, stubUrl);
    const res = await c.confirm({
      cinema,
      showtime: {
        vendorShowtimeId: "1",
        vendorHallId: "1",
        startsAt: clock.now() + 7200_000,
        stopSellingAt: clock.now() + 3600_000,
      },
      seats: [{ vendorSeatId: "1", rowLabel: "1", colLabel: "1", settleFen: 3000, serviceFeeFen: 0 }],
      mobile: "13800138000",
      orderId: "ord_stub1",
      vendorLockId: "123",
      totalFen: 3000,
      attempt: 1,
    });
    await c.close();
    expect(!res.ok && res.error.code).toBe("outcome_unknown");
  });

  it("decodes a GBK XML answer declared only in the XML declaration", async () => {
    const xml =
      '<?xml version="1.0" encoding="GBK"?><root><status>1</status><errorCode/><errorMessage/><data><item><cinemaId>7</cinemaId><cinemaName>鼎新测试影城</cinemaName><cinemaNumber>44012345</cinemaNumber></item></data></root>';
    answer = { type: "text/xml", body: iconv.encode(xml, "gbk") };
    const c = connect({}, stubUrl);
    const res = await c.listCinemas!();
    await c.close();
    expect(res.ok && res.value).toEqual([{ vendorCinemaId: "7", name: "鼎新测试影城", nationalCode: "44012345" }]);
  });

  it("an error answer with an undocumented code keeps the vendor's code and text", async () => {
    answer = {
      type: "application/json",
      body: Buffer.from(
        JSON.stringify({ res: { status: 0, errorCode: "777001", errorMessage: "影院网络异常", data: "" } }),
      ),
    };
    const c = connect({}, stubUrl);
    const res = await c.ping();
    await c.close();
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect(res.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "777001", message: "影院网络异常" });
  });
});
