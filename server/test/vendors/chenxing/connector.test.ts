import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { md5Hex } from "../../../../simulators/src/chenxing/signing.js";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import type { SeatLayout, VendorShowtime } from "../../../src/domain/catalog.js";
import { addDays, businessDayOf, type Clock } from "../../../src/domain/time.js";
import type { CinemaRef, LockRequest, OrderRef } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { type ChenxingConnector, createChenxingConnector } from "../../../src/vendors/chenxing/index.js";
import { verifyInfo } from "../../../src/vendors/chenxing/signing.js";
import { soapRequest, xmlDocument } from "../../../src/vendors/chenxing/soap.js";
import { issueOrderRef, normalSeats, seatLockRequest } from "../../contract/trade-steps.js";

/** The connector against the 辰星 simulator over loopback HTTP: what the shared contract does not cover. */
let sims: RunningSimulators;
let cx: ChenxingConnector;
let cinema: CinemaRef;
let shows: VendorShowtime[];
let layout: SeatLayout;
const creds = { appCode: "CINEGATE", verifyKey: "chenxing-demo-verify-key" };
const clock: Clock = { now: () => sims.clocks.chenxing.now() };
let seq = 0;

beforeAll(async () => {
  sims = await startSimulators({ seed: 11, cinemas: 10, days: 3, faults: { hangMs: 800 } });
  cx = createChenxingConnector({
    baseUrl: sims.urls.chenxing,
    accountId: "cx-sim",
    credentials: creds,
    clock,
    recorder: new RingCallRecorder(500),
    timeoutMs: 3000,
  });
  const c = sims.dataset.cinemas.find((x) => x.vendor === "chenxing")!;
  cinema = { vendorCinemaId: c.internalCode, nationalCode: c.nationalCode };
  const today = businessDayOf(clock.now());
  const res = await cx.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 2) });
  if (!res.ok) throw new Error(res.error.message);
  shows = res.value.filter((s) => s.onSale && s.stopSellingAt > clock.now() + 3 * 3600_000);
  const l = await cx.getSeatLayout(cinema, shows[0]!.vendorHallId);
  if (!l.ok) throw new Error(l.error.message);
  layout = l.value;
});
afterAll(async () => {
  await cx.close();
  await sims.close();
});

const lockReq = (show: VendorShowtime, n: number, skip: number): LockRequest =>
  seatLockRequest({
    cinema,
    showtime: show,
    seats: normalSeats(layout, n, skip),
    settleFen: show.price.settleFen!,
    serviceFeeFen: show.price.serviceFeeFen ?? 0,
    mobile: "13912345678",
    orderId: `ord_cx${++seq}`,
  });

/** 辰星 is told the whole sum paid: settle prices and fees. */
function issue(show: VendorShowtime, skip: number): Promise<OrderRef> {
  const req = lockReq(show, 2, skip);
  return issueOrderRef(
    cx,
    req,
    req.seats.reduce((s, x) => s + x.settleFen + x.serviceFeeFen, 0),
  );
}

describe("辰星 connector against its simulator", () => {
  it("the cinema code is the national code, and the catalogue reads (halls, films, prices with floor)", async () => {
    expect(cinema.vendorCinemaId).toBe(cinema.nationalCode);
    const c = await cx.getCinema(cinema);
    expect(c.ok).toBe(true);
    if (c.ok) {
      expect(c.value.nationalCode).toBe(cinema.nationalCode);
      expect(c.value.halls!.length).toBeGreaterThan(0);
    }
    const films = await cx.listFilms(cinema);
    expect(films.ok && films.value.every((f) => /^\d{12}$/.test(f.nationalCode ?? ""))).toBe(true);
    const s = shows[0]!;
    expect(s.price.lowestFen).toBeGreaterThan(0);
    expect(s.price.settleFen!).toBeGreaterThanOrEqual(s.price.lowestFen!);
    expect(s.filmNationalCode).toMatch(/^\d{12}$/);
  });

  it("love seats come in GroupCode pairs, left by XCoord", () => {
    const left = layout.seats.filter((s) => s.kind === "loveLeft");
    expect(left.length).toBeGreaterThan(0);
    for (const l of left) {
      const r = layout.seats.find((s) => s.vendorSeatId === l.pairSeatId)!;
      expect(r.kind).toBe("loveRight");
      expect(r.x).toBeGreaterThan(l.x);
    }
    expect(layout.seats.some((s) => s.broken)).toBe(true);
  });

  it("a wrong key is auth_failed with the vendor's own text", async () => {
    const bad = createChenxingConnector({
      baseUrl: sims.urls.chenxing,
      accountId: "cx-bad",
      credentials: { ...creds, verifyKey: "wrong-key" },
      clock,
      recorder: new RingCallRecorder(10),
    });
    const res = await bad.ping();
    await bad.close();
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatchObject({ code: "auth_failed", message: "验证信息(VerifyInfo)校验失败" });
  });

  it("a lock lapses on the simulator clock: seats free again, and the lapsed lock cannot be confirmed", async () => {
    const show = shows[0]!;
    const req = lockReq(show, 1, 20);
    const lock = await cx.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    expect(lock.value.lockedUntil - clock.now()).toBeLessThanOrEqual(15 * 60_000);
    const before = await cx.getSeatStatus(cinema, show);
    expect(before.ok && before.value[req.seats[0]!.vendorSeatId]).toBe("locked");
    sims.clocks.chenxing.advance(16 * 60_000);
    const after = await cx.getSeatStatus(cinema, show);
    expect(after.ok && after.value[req.seats[0]!.vendorSeatId]).toBeUndefined();
    const late = await cx.confirm({
      ...req,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: 1,
      attempt: 1,
    });
    expect(late.ok).toBe(false);
  });

  it("a price below the floor is price_rejected (inner 10252)", async () => {
    const show = shows[0]!;
    const req = lockReq(show, 1, 24);
    const lock = await cx.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const cheap = { ...req, seats: req.seats.map((s) => ({ ...s, settleFen: show.price.lowestFen! - 100 })) };
    const res = await cx.confirm({
      ...cheap,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: 1,
      attempt: 1,
    });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatchObject({ code: "price_rejected", vendorCode: "100302/10252" });
    await cx.release({
      ...req,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: 0,
    });
  });

  it("issues, reports not printed, refunds (CancelOrder) and frees the seats; query says refunded", async () => {
    const show = shows[1] ?? shows[0]!;
    const order = await issue(show, 30);
    expect(await cx.printStatus!(order)).toEqual({ ok: true, value: { printed: false } });
    const refund = await cx.refund!(order, "buyer asked");
    expect(refund.ok && refund.value.state).toBe("refunded");
    const q = await cx.queryOrder(order);
    expect(q.ok && q.value.state).toBe("refunded");
    const status = await cx.getSeatStatus(cinema, show);
    expect(status.ok).toBe(true);
    const seatCodes = order.lockVendorData?.seatCodes as string[];
    expect(seatCodes.length).toBe(2);
    if (status.ok) for (const code of seatCodes) expect(status.value[code]).toBeUndefined();
  });

  it("a printed ticket cannot be refunded: refund_refused with the vendor's text", async () => {
    const show = shows[1] ?? shows[0]!;
    const order = await issue(show, 34);
    const q = await cx.queryOrder(order);
    if (!q.ok || q.value.state !== "issued") throw new Error("not issued");
    const printNo = q.value.pickup.printCode!;
    const verifyCode = q.value.pickup.verifyCode!;
    // The kiosk's calls: ApplyFetchTicket (VerifyCodeMD5) then FetchTicket.
    const post = (op: string, param: string, root: string, tickets: object[], signed: string[]) =>
      fetch(`${sims.urls.chenxing}/tsp-ws/services/tsp/cinema`, {
        method: "POST",
        headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""' },
        body: soapRequest(op, [
          [
            param,
            xmlDocument(root, {
              AppCode: creds.appCode,
              CinemaCode: cinema.vendorCinemaId,
              Tickets: { Ticket: tickets },
              Compress: "0",
              VerifyInfo: verifyInfo([creds.appCode, cinema.vendorCinemaId, ...signed, "0"], creds.verifyKey),
            } as never),
          ],
        ]),
      }).then((r) => r.text());
    const apply = await post(
      "ApplyFetchTicket",
      "applyFetchTicketXml",
      "ApplyFetchTicketParameter",
      [{ PrintNo: printNo, VerifyCodeMD5: md5Hex(verifyCode) }],
      [printNo, md5Hex(verifyCode)],
    );
    expect(apply).toContain("&lt;ReturnValue&gt;0&lt;/ReturnValue&gt;");
    const fetched = await post(
      "FetchTicket",
      "fetchTicketXml",
      "FetchTicketParameter",
      [{ PrintNo: printNo }],
      [printNo],
    );
    expect(fetched).toContain("&lt;ResultCode&gt;0&lt;/ResultCode&gt;");
    expect(await cx.printStatus!(order)).toEqual({ ok: true, value: { printed: true } });
    const refund = await cx.refund!(order, "too late");
    expect(refund.ok).toBe(false);
    if (!refund.ok) {
      expect(refund.error.code).toBe("refund_refused");
      expect(refund.error.message).toContain("已取票");
    }
  });

  it("answers a SOAP 1.2 request in SOAP 1.2, and an unknown operation with a SOAP fault", async () => {
    const body = soapRequest("QueryCinemaList", [
      ["pAppCode", creds.appCode],
      ["pCompress", "0"],
      ["pVerifyInfo", verifyInfo([creds.appCode, "0"], creds.verifyKey)],
    ]).replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope");
    const r = await fetch(`${sims.urls.chenxing}/tsp-ws/services/tsp/cinema`, {
      method: "POST",
      headers: { "content-type": "application/soap+xml; charset=utf-8" },
      body,
    });
    expect(r.headers.get("content-type")).toContain("application/soap+xml");
    const text = await r.text();
    expect(text).toContain("http://www.w3.org/2003/05/soap-envelope");
    expect(text).toContain("&lt;ResultCode&gt;0&lt;/ResultCode&gt;");
    const bad = await fetch(`${sims.urls.chenxing}/tsp-ws/services/tsp/cinema`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: soapRequest("NoSuchOp", []),
    });
    expect(bad.status).toBe(500);
    expect(await bad.text()).toContain("<faultstring>");
    const wsdl = await fetch(`${sims.urls.chenxing}/tsp-ws/services/tsp/cinema?wsdl`).then((x) => x.text());
    expect(wsdl).toContain('name="TspSoapServiceImplService"');
  });
});
