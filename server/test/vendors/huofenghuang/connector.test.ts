import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulators } from "../../../../simulators/src/all.js";
import { createSimClock } from "../../../../simulators/src/core/clock.js";
import type { Dataset } from "../../../../simulators/src/core/dataset-types.js";
import type { SimulatorDescriptor } from "../../../../simulators/src/core/descriptor.js";
import { FaultController } from "../../../../simulators/src/core/faults.js";
import { escapeXml } from "../../../../simulators/src/core/xml-text.js";
import { generateDataset } from "../../../../simulators/src/dataset/generate.js";
import { huofenghuangSimulator } from "../../../../simulators/src/huofenghuang/descriptor.js";
import { createHuofenghuangSimulator, setHuofenghuangCharset } from "../../../../simulators/src/huofenghuang/index.js";
import type { SeatLayout, VendorShowtime } from "../../../src/domain/catalog.js";
import { addDays, businessDayOf } from "../../../src/domain/time.js";
import type { CinemaRef, LockRequest } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { HUOFENGHUANG_CODES } from "../../../src/vendors/huofenghuang/codes.js";
import { huofenghuang } from "../../../src/vendors/huofenghuang/descriptor.js";
import {
  createHuofenghuangConnector,
  type HuofenghuangConnector,
  orderNoOf,
} from "../../../src/vendors/huofenghuang/index.js";
import { ticketPairs } from "../../../src/vendors/huofenghuang/signing.js";
import {
  confirmLock,
  lockAndIssue,
  normalSeats,
  orderRefOf,
  seatLockRequest,
  showtimeRefOf,
} from "../../contract/trade-steps.js";
import { useRawServer } from "../../support/raw-answer-server.js";

const account = huofenghuangSimulator.demoAccount as { userId: string; userPass: string };
/** The real service path (public-refs §5.1): the method is appended to it. */
const SERVICE = "/v4csharp/DI_DataSender_For_BOM.asmx";
const clock = createSimClock();
const recorder = new RingCallRecorder(2000);
let app: FastifyInstance;
let url: string;
let dataset: Dataset;
let hfh: HuofenghuangConnector;
let cinema: CinemaRef;
let seq = 0;
const faults = new FaultController(5);

const connect = (creds: Partial<typeof account> = {}, baseUrl = url) =>
  createHuofenghuangConnector({
    baseUrl,
    accountId: "hfh-test",
    credentials: { ...account, ...creds },
    clock,
    recorder,
    timeoutMs: 3000,
  });

beforeAll(async () => {
  const others = (simulators as readonly SimulatorDescriptor[]).filter((s) => s.id !== "huofenghuang" && s.cinemas);
  dataset = generateDataset({ seed: 13, cinemas: 18, days: 3, vendors: [...others, huofenghuangSimulator] });
  app = await createHuofenghuangSimulator({ dataset, clock, faults });
  await app.listen({ host: "127.0.0.1", port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${SERVICE}`;
  hfh = connect();
  const c = dataset.cinemas.find((x) => x.vendor === "huofenghuang")!;
  cinema = { vendorCinemaId: c.internalCode, nationalCode: c.nationalCode };
});
afterAll(async () => {
  await hfh.close();
  await app.close();
});

async function sellable(areaPriced = false): Promise<{ show: VendorShowtime; layout: SeatLayout }> {
  const today = businessDayOf(clock.now());
  const shows = await hfh.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 1) });
  if (!shows.ok) throw new Error(shows.error.message);
  const show = shows.value.find(
    (s) => s.onSale && s.startsAt > clock.now() + 5 * 3600_000 && !!s.areaPrices === areaPriced,
  )!;
  const layout = await hfh.getSeatLayout(cinema, show.vendorHallId, show);
  if (!layout.ok) throw new Error(layout.error.message);
  return { show, layout: layout.value };
}

const lockReq = (show: VendorShowtime, layout: SeatLayout, n: number, skip: number): LockRequest =>
  seatLockRequest({
    cinema,
    showtime: showtimeRefOf(show),
    seats: normalSeats(layout, n, skip, true),
    settleFen: show.price.settleFen!,
    serviceFeeFen: 200,
    mobile: "13800138000",
    orderId: `ord_hfhtest${++seq}`,
  });
const refOf = orderRefOf;

async function issue(show: VendorShowtime, layout: SeatLayout, n: number, skip: number) {
  const req = lockReq(show, layout, n, skip);
  const { lock, issued } = await lockAndIssue(hfh, req, 0);
  return { req, ref: refOf(req, lock.vendorLockId, lock.vendorData), issued };
}

describe("火凤凰 descriptor and code table", () => {
  it("lists every result value public-refs §5.3 names, for the call it was seen in", () => {
    for (const key of ["0", "webLockSeat:3", "fixCashOrder:6", "cancelOrder:104", "fixTicketPrint:1"]) {
      expect(HUOFENGHUANG_CODES[key]).toBeDefined();
    }
    expect(huofenghuang.codes.map((r) => r.vendorCode)).toEqual(
      expect.arrayContaining(["webLockSeat:3", "cancelOrder:104"]),
    );
  });

  it("carries doc 000's support facts: internal code ≠ national, channel price and VC ticked, 400 line", () => {
    expect(huofenghuang.support.internalCodeIsNational).toBe(false);
    expect(huofenghuang.support.showtimeDateOffsetDays).toBe(0);
    expect(huofenghuang.contact).toEqual({ phone: "400 8259 220" });
    expect(huofenghuang.support.noShowtimesFix?.zh).toContain("渠道市场价");
    expect(huofenghuang.support.noShowtimesFix?.zh).toContain("VC");
  });

  it("derives a stable orderNo from our order id", () => {
    expect(orderNoOf("ord_abc123")).toBe("ordabc123");
    expect(orderNoOf("ord_a_very_long_order_identifier_0001")).toMatch(/^[0-9a-f]{20}$/);
    expect(orderNoOf("ord_a_very_long_order_identifier_0001")).toBe(orderNoOf("ord_a_very_long_order_identifier_0001"));
  });
});

describe("火凤凰 connector against its simulator over HTTP", () => {
  it("lists cinemas under their link id with the national code beside it", async () => {
    const res = await hfh.listCinemas!();
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const c = res.value.find((x) => x.vendorCinemaId === cinema.vendorCinemaId)!;
    expect(c.nationalCode).toBe(cinema.nationalCode);
    expect(c.vendorCinemaId).not.toBe(c.nationalCode);
    expect(c.halls?.length).toBeGreaterThan(0);
  });

  it("a cinema known only by its link id gets its national code from qryCinema", async () => {
    const res = await hfh.getCinema({ vendorCinemaId: cinema.vendorCinemaId });
    expect(res.ok && res.value.nationalCode).toBe(cinema.nationalCode);
  });

  it("reads showtimes with price, floor, area sections, and national film codes", async () => {
    const today = businessDayOf(clock.now());
    const res = await hfh.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 1) });
    if (!res.ok) throw new Error(res.error.message);
    const c = dataset.cinemas.find((x) => x.internalCode === cinema.vendorCinemaId)!;
    const data = dataset.showtimes.filter((s) => s.cinemaId === c.id && s.onSale);
    for (const s of res.value) {
      const hall = c.halls[Number(s.vendorHallId) - 1]!;
      const truth = data.find((d) => d.startsAt === s.startsAt && d.hallId === hall.id)!;
      expect(truth).toBeDefined();
      expect(s.price.lowestFen).toBe(truth.lowestFen);
      expect(s.price.settleFen).toBe(truth.settleFen);
      expect(s.filmNationalCode).toMatch(/^\w{12}$/);
      expect(s.vendorShowtimeId).toMatch(/^\d+_\d+$/);
      // A VIP section is priced by the showtime: its area price when it has one, else the plain price.
      for (const a of s.areaPrices ?? []) {
        expect(a.settleFen).toBe(truth.areaPrices[0]?.settleFen ?? truth.settleFen);
      }
    }
    expect(res.value.some((s) => s.areaPrices?.some((a) => a.settleFen > (s.price.settleFen ?? 0)))).toBe(true);
  });

  it("the layout has love-seat pairs and damaged seats; area seats are found per showtime", async () => {
    const { show, layout } = await sellable(true);
    expect(layout.seats.some((s) => s.kind === "loveLeft" && s.pairSeatId)).toBe(true);
    expect(layout.seats.some((s) => s.broken)).toBe(true);
    const areas = await hfh.getShowtimeAreas!(cinema, show);
    expect(areas.ok).toBe(true);
    if (areas.ok) expect(Object.keys(areas.value.seatAreas).length).toBeGreaterThan(0);
  });

  it("a lock lapses on the injected clock: the seats come free and the sale is refused", async () => {
    const { show, layout } = await sellable();
    const req = lockReq(show, layout, 1, 12);
    const before = clock.now();
    const lock = await hfh.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    // The simulator clock runs on real time between the two reads: the lock's end lies between them + 15 min.
    expect(lock.value.lockedUntil).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(lock.value.lockedUntil).toBeLessThanOrEqual(clock.now() + 15 * 60_000);
    const held = await hfh.getSeatStatus(cinema, show);
    expect(held.ok && held.value[req.seats[0]!.vendorSeatId]).toBe("unavailable");
    clock.advance(15 * 60_000 + 1000);
    const after = await hfh.getSeatStatus(cinema, show);
    expect(after.ok && after.value[req.seats[0]!.vendorSeatId]).toBeUndefined();
    const sale = await confirmLock(hfh, req, lock.value, 0);
    expect(sale.ok).toBe(false);
    // Released again: already gone is not an error.
    expect((await hfh.release(refOf(req, lock.value.vendorLockId, lock.value.vendorData))).ok).toBe(true);
  });

  it("a lock whose answer was lost is outcome_unknown, and released by the orderNo derived from our order id", async () => {
    const { show, layout } = await sellable();
    const req = lockReq(show, layout, 1, 14);
    faults.update({ hangMs: 300, calls: { webLockSeat: { lostResponseRate: 1 } } });
    const lock = await hfh.lock(req).finally(() => faults.reset());
    expect(!lock.ok && lock.error.code).toBe("outcome_unknown");
    const held = await hfh.getSeatStatus(cinema, show);
    expect(held.ok && held.value[req.seats[0]!.vendorSeatId]).toBe("unavailable");
    expect((await hfh.release(refOf(req, ""))).ok).toBe(true);
    const after = await hfh.getSeatStatus(cinema, show);
    expect(after.ok && after.value[req.seats[0]!.vendorSeatId]).toBeUndefined();
  });

  it("refuses a price below the floor, and mixed sections, before anything is sold", async () => {
    const { show, layout } = await sellable();
    const req = lockReq(show, layout, 1, 16);
    const lock = await hfh.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const low = await hfh.confirm({
      ...req,
      seats: req.seats.map((s) => ({ ...s, settleFen: 1 })),
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: 0,
      attempt: 1,
    });
    expect(!low.ok && low.error.code).toBe("price_rejected");
    const mixed = await hfh.lock({
      ...req,
      orderId: `${req.orderId}m`,
      seats: [req.seats[0]!, { ...req.seats[0]!, vendorSeatId: `0000000000000002:${req.seats[0]!.rowLabel}:1` }],
    });
    expect(!mixed.ok && mixed.error.code).toBe("invalid_request");
  });

  it("issues with pickup codes, reports print status, refunds, and a second refund finds nothing", async () => {
    const { show, layout } = await sellable();
    const { ref, issued } = await issue(show, layout, 2, 20);
    if (issued.state !== "issued") return;
    expect(issued.tickets).toHaveLength(2);
    expect(issued.pickup.printCode).toMatch(/^\d{12}$/);
    expect(await hfh.printStatus!(ref)).toEqual({ ok: true, value: { printed: false } });
    const refunded = await hfh.refund!(ref, "test");
    expect(refunded.ok && refunded.value.state).toBe("refunded");
    const again = await hfh.refund!(ref, "test");
    expect(again.ok).toBe(false);
  });

  it("a refund after the cinema's refund limit is refund_refused with the vendor's text", async () => {
    const { show, layout } = await sellable();
    const { ref } = await issue(show, layout, 1, 24);
    const c = dataset.cinemas.find((x) => x.internalCode === cinema.vendorCinemaId)!;
    const saved = clock.now();
    clock.set(show.startsAt - (c.refundBeforeMinutes - 1) * 60_000);
    try {
      const res = await hfh.refund!(ref, "late");
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe("refund_refused");
        expect(res.error.message).toContain("不允许退票");
      }
    } finally {
      clock.set(saved);
    }
  });

  it("a wrong password is auth_failed with the vendor's own text", async () => {
    const bad = connect({ userPass: "not-the-password" });
    const res = await bad.ping();
    await bad.close();
    expect(!res.ok && res.error.code).toBe("auth_failed");
    if (!res.ok) expect(res.error.message).toContain("用户名或密码错误");
  });

  it("the simulator checks checkValue over the pairs before it, in the order sent", async () => {
    const ids = { cinemaId: cinema.nationalCode!, cinemaLinkId: cinema.vendorCinemaId };
    const pairs = ticketPairs([["hallId", "1"]], account, ids, "12345678");
    const ask = async (p: ReadonlyArray<readonly [string, string]>) =>
      (await fetch(`${url}/qrySeat?${new URLSearchParams(p.map(([k, v]): [string, string] => [k, v]))}`)).text();
    expect(await ask(pairs)).toContain('result="0"');
    // The same pairs with hallId moved after randKey: same values, other order → refused.
    const reordered = [...pairs.slice(1, -1), pairs[0]!, pairs.at(-1)!];
    expect(await ask(reordered)).toContain("校验串checkValue错误");
  });

  it("answers in GB2312 are decoded (Chinese names intact)", async () => {
    setHuofenghuangCharset(app, "gb2312");
    try {
      const res = await hfh.listCinemas!();
      const truth = dataset.cinemas.find((c) => c.internalCode === cinema.vendorCinemaId)!;
      expect(res.ok && res.value.find((c) => c.vendorCinemaId === cinema.vendorCinemaId)?.name).toBe(truth.name);
    } finally {
      setHuofenghuangCharset(app, "utf-8");
    }
  });
});

describe("火凤凰 member cards (connector level) against the simulator", () => {
  const cardOfCinema = () => {
    const c = dataset.cinemas.find((x) => x.internalCode === cinema.vendorCinemaId)!;
    const card = dataset.cards.find((k) => k.cinemaId === c.id)!;
    const grade = dataset.cardGrades.find((g) => g.id === card.gradeId)!;
    return { card, grade };
  };

  it("reads a card with its password; a wrong password is refused; the mobile comes back masked", async () => {
    const { card } = cardOfCinema();
    const info = await hfh.cards.cardInfo(cinema.nationalCode!, card.cardNo, card.password);
    if (!info.ok) throw new Error(info.error.message);
    expect(info.value).toMatchObject({ cardNo: card.cardNo, balanceFen: card.balanceFen, usable: true });
    expect(info.value.mobile).toMatch(/^1\d\d\*{4}\d{4}$/);
    const wrong = await hfh.cards.cardInfo(cinema.nationalCode!, card.cardNo, "000000x");
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toContain("会员卡密码错误");
    const recorded = recorder.recent((c) => c.call === "huofenghuang.qryMemberCardInfo", 5);
    expect(recorded.length).toBeGreaterThan(0);
    for (const r of recorded) {
      expect(r.request).not.toContain(`cardPass=${card.password}`);
      expect(r.request).toMatch(/^POST /);
    }
  });

  it("prices a section for the card at the grade's rate, never under the floor", async () => {
    const { card, grade } = cardOfCinema();
    const { show } = await sellable();
    const key = show.vendorData as { sections: string[] };
    const res = await hfh.cards.cardPrice(cinema.nationalCode!, show, key.sections[0]!, card.cardNo);
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value[0]!.priceFen).toBe(
      Math.max(show.price.lowestFen ?? 0, Math.round(show.price.settleFen! * grade.discount)),
    );
  });

  it("recharges (token first) above the grade's minimum and refuses below it", async () => {
    const { card, grade } = cardOfCinema();
    const before = await hfh.cards.cardInfo(cinema.nationalCode!, card.cardNo, card.password);
    if (!before.ok) throw new Error(before.error.message);
    const low = await hfh.cards.recharge(card, Math.max(1, grade.minRechargeFen - 100), "WX", "pay-low");
    if (grade.minRechargeFen > 100) expect(low.ok).toBe(false);
    const top = await hfh.cards.recharge(card, grade.minRechargeFen + 10_000, "WX", "pay-1");
    if (!top.ok) throw new Error(top.error.message);
    const after = await hfh.cards.cardInfo(cinema.nationalCode!, card.cardNo, card.password);
    expect(after.ok && after.value.balanceFen).toBe(
      (before.value.balanceFen ?? 0) +
        (low.ok ? Math.max(1, grade.minRechargeFen - 100) : 0) +
        grade.minRechargeFen +
        10_000,
    );
    expect(top.value.balanceFen).toBe(after.ok ? after.value.balanceFen : -1);
  });

  it("sells a locked order paid by the card: issued, the balance goes down by prices and fees", async () => {
    const { card } = cardOfCinema();
    await hfh.cards.recharge(card, 50_000, "WX", "pay-2");
    const { show, layout } = await sellable();
    const req = lockReq(show, layout, 1, 30);
    const lock = await hfh.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const before = await hfh.cards.cardInfo(cinema.nationalCode!, card.cardNo, card.password);
    const sale = await hfh.cards.cardSale(
      cinema.nationalCode!,
      { ...req, vendorLockId: lock.value.vendorLockId, lockVendorData: lock.value.vendorData, totalFen: 0, attempt: 1 },
      lock.value.vendorLockId,
      card,
    );
    if (!sale.ok) throw new Error(sale.error.message);
    expect(sale.value.order.state).toBe("issued");
    const paid = req.seats[0]!.settleFen + req.seats[0]!.serviceFeeFen;
    expect(sale.value.balanceFen).toBe((before.ok ? before.value.balanceFen! : 0) - paid);
    const q = await hfh.queryOrder(refOf(req, lock.value.vendorLockId, lock.value.vendorData));
    expect(q.ok && q.value.state).toBe("issued");
  });
});

describe("火凤凰 bad answers (a canned server)", () => {
  const raw = useRawServer();
  let conn: HuofenghuangConnector;
  const wrapped = (inner: string, encoding = "utf-8") =>
    `<?xml version="1.0" encoding="${encoding}"?><string xmlns="http://tempuri.org/">${escapeXml(inner)}</string>`;

  beforeAll(() => {
    conn = connect({}, `${raw.url}${SERVICE}`);
  });
  afterAll(() => conn.close());

  it("a refused checkValue is auth_failed and the message names it plainly for support", async () => {
    raw.answerWith({ body: wrapped('<data version="1.0" result="1002" message="校验串checkValue错误"/>') });
    const res = await conn.ping();
    expect(!res.ok && res.error.code).toBe("auth_failed");
    if (!res.ok) {
      expect(res.error.message).toMatch(/^校验串 checkValue 不匹配：/);
      expect(res.error.message).toContain("校验串checkValue错误");
      expect(res.error.vendorCode).toBe("1002");
    }
  });

  it("sends a GET to {service}/{method} with the pairs in the documented order; the password is masked in the recording", async () => {
    raw.answerWith({ body: wrapped('<data result="0"><cinemas/></data>') });
    const seen = raw.seen.length;
    const res = await conn.ping();
    expect(res.ok).toBe(true);
    const call = recorder.recent((c) => c.call === "huofenghuang.qryCinema", 1)[0]!;
    expect(call.request).toContain(`GET ${SERVICE}/qryCinema?userId=${account.userId}&userPass=`);
    expect(call.request).toMatch(/&cinemaId=&cinemaLinkId=&randKey=\d{8}&checkValue=[0-9a-f]{32}$/);
    expect(call.request).not.toContain(account.userPass);
    expect(raw.seen.length).toBe(seen + 1);
  });

  it("an HTML error page or broken XML is vendor_unavailable on a read, outcome_unknown on a sale", async () => {
    raw.answerWith({
      contentType: "text/html",
      body: "<html><body><h1>Server Error in '/' Application.</h1></body></html>",
    });
    const page = await conn.ping();
    expect(!page.ok && page.error.code).toBe("vendor_unavailable");
    raw.answerWith({ body: wrapped('<data result="0"><cinemas>') });
    const broken = await conn.ping();
    expect(!broken.ok && broken.error.code).toBe("vendor_unavailable");
    raw.answerWith({ body: "<string xmlns='http://tempuri.org/'></string>" });
    const empty = await conn.ping();
    expect(!empty.ok && empty.error.code).toBe("vendor_unavailable");
    raw.answerWith({ status: 500, contentType: "text/html", body: "<html>Runtime Error</html>" });
    const sale = await conn.confirm({
      cinema,
      showtime: {
        vendorShowtimeId: "1_1",
        vendorHallId: "1",
        startsAt: clock.now() + 86_400_000,
        stopSellingAt: clock.now() + 86_400_000,
        vendorData: {
          hallId: "1",
          filmId: "00110185202601",
          seqNo: "1",
          showSeqNo: "1",
          showDate: "2026-12-04",
          showTime: "1930",
          sections: ["0000000000000001"],
        },
      },
      seats: [
        { vendorSeatId: "0000000000000001:1:1", rowLabel: "1", colLabel: "1", settleFen: 3000, serviceFeeFen: 0 },
      ],
      mobile: "13800138000",
      orderId: "ord_rawsale",
      vendorLockId: "ordrawsale",
      totalFen: 3000,
      attempt: 1,
    });
    expect(!sale.ok && sale.error.code).toBe("outcome_unknown");
  });

  it("a GB2312 body declared so is decoded", async () => {
    raw.answerWith({
      contentType: "text/xml; charset=gb2312",
      body: iconv.encode(
        wrapped(
          '<data result="0"><cinemas><cinema id="11051601" name="火凤凰演示影城" linkId="999"/></cinemas></data>',
          "gb2312",
        ),
        "gb2312",
      ),
    });
    const res = await conn.listCinemas!();
    expect(res.ok && res.value[0]).toMatchObject({
      vendorCinemaId: "999",
      nationalCode: "11051601",
      name: "火凤凰演示影城",
    });
  });

  it("an undocumented result on a read is vendor_unavailable with the raw value and text kept", async () => {
    raw.answerWith({ body: wrapped('<data result="77" message="未知错误"/>') });
    const res = await conn.ping();
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "77" });
    if (!res.ok) expect(res.error.message).toContain("未知错误");
  });
});
