import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import { mantianxingSimulator } from "../../../../simulators/src/mantianxing/descriptor.js";
import type { VendorShowtime } from "../../../src/domain/catalog.js";
import { addDays, businessDayOf } from "../../../src/domain/time.js";
import type { CinemaRef, LockRequest } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { MantianxingClient } from "../../../src/vendors/mantianxing/client.js";
import { createMantianxingConnector, type MantianxingConnector } from "../../../src/vendors/mantianxing/index.js";
import { VendorTransport } from "../../../src/vendors/transport.js";
import { confirmLock, issuedOrderRef } from "../../contract/trade-steps.js";

const demo = mantianxingSimulator.demoAccount as {
  appCode: string;
  key: string;
  partnerCode: string;
  partnerKey: string;
};

let sims: RunningSimulators;
let connector: MantianxingConnector;
let cinema: CinemaRef;
let show: VendorShowtime;
const recorder = new RingCallRecorder(2000);
const clock = { now: () => sims.clocks.mantianxing.now() };
const connect = (credentials: Record<string, string>, baseUrl = sims.urls.mantianxing) =>
  createMantianxingConnector({
    baseUrl,
    accountId: "t-mtx",
    credentials: credentials as never,
    clock,
    recorder,
    timeoutMs: 3_000,
  });

beforeAll(async () => {
  sims = await startSimulators({ seed: 11, cinemas: 10, days: 2, faults: { hangMs: 800 } });
  connector = connect(demo);
  const c = sims.dataset.cinemas.find((x) => x.vendor === "mantianxing")!;
  cinema = { vendorCinemaId: c.internalCode, nationalCode: c.nationalCode };
  const today = businessDayOf(clock.now());
  const shows = await connector.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 1) });
  if (!shows.ok) throw new Error(shows.error.message);
  show = shows.value.find((s) => s.onSale && s.startsAt > clock.now() + 3 * 3600_000)!;
});
afterAll(async () => {
  await connector.close();
  await sims.close();
});

let seq = 0;
const lockReq = (seatIds: string[]): LockRequest => ({
  cinema,
  showtime: { ...show },
  seats: seatIds.map((id) => ({
    vendorSeatId: id,
    rowLabel: "",
    colLabel: "",
    settleFen: show.price.settleFen!,
    serviceFeeFen: 0,
  })),
  mobile: "13800138000",
  orderId: `ord_mtxtest${++seq}`,
});

describe("满天星 connector against its simulator", () => {
  it("the demo cinema's code is its national code (doc 000 §三.1)", () => {
    expect(cinema.vendorCinemaId).toBe(cinema.nationalCode);
  });

  it("reads the cinema and its halls", async () => {
    const res = await connector.getCinema(cinema);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const c = sims.dataset.cinemas.find((x) => x.internalCode === cinema.vendorCinemaId)!;
    expect(res.value.name).toBe(c.name);
    expect(res.value.halls?.length).toBe(c.halls.length);
  });

  it("maps plans: yuan prices to fen with the floor, end time after start, FeatureNo kept for the member centre", () => {
    const ds = sims.dataset.showtimes.find(
      (s) =>
        s.startsAt === show.startsAt &&
        sims.dataset.cinemas.find((c) => c.id === s.cinemaId)?.internalCode === cinema.vendorCinemaId &&
        s.settleFen === show.price.settleFen,
    );
    expect(ds).toBeDefined();
    expect(show.price).toMatchObject({ settleFen: ds!.settleFen, listFen: ds!.listFen, lowestFen: ds!.lowestFen });
    expect(show.endsAt! > show.startsAt).toBe(true);
    expect(show.vendorData?.featureNo).toMatch(/^F\d+/);
    expect(show.filmNationalCode).toMatch(/^\d{12}$/);
  });

  it("reads love seats in pairs from GetHallAllSeat", async () => {
    const layout = await connector.getSeatLayout(cinema, show.vendorHallId, show);
    expect(layout.ok).toBe(true);
    if (!layout.ok) return;
    const c = sims.dataset.cinemas.find((x) => x.internalCode === cinema.vendorCinemaId)!;
    const hall = c.halls[Number(show.vendorHallId) - 1]!;
    expect(layout.value.seats.length).toBe(hall.seats.length);
    const loves = layout.value.seats.filter((s) => s.kind === "loveLeft");
    expect(loves.length).toBe(hall.seats.filter((s) => s.type === "loveLeft").length);
    for (const s of loves) {
      const other = layout.value.seats.find((x) => x.vendorSeatId === s.pairSeatId);
      expect(other?.kind).toBe("loveRight");
      expect(other?.pairSeatId).toBe(s.vendorSeatId);
    }
    expect(layout.value.seats.filter((s) => s.broken).length).toBe(hall.seats.filter((s) => s.broken).length);
  });

  it("locks, sells, queries (pickup = OrderNo + ValidCode) and refunds; the seat is free again", async () => {
    const layout = await connector.getSeatLayout(cinema, show.vendorHallId, show);
    if (!layout.ok) throw new Error(layout.error.message);
    const seat = layout.value.seats.filter((s) => s.kind === "normal" && !s.broken && !s.areaId)[20]!;
    const req = lockReq([seat.vendorSeatId]);
    const lock = await connector.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    // The connector assumes the shorter of the hubs' lock lifetimes (10 min).
    expect(lock.value.lockedUntil - clock.now()).toBeLessThanOrEqual(10 * 60_000);
    const total = req.seats[0]!.settleFen;
    const sold = await confirmLock(connector, req, lock.value, total);
    expect(sold.ok && sold.value.state).toBe("issued");
    if (!sold.ok || sold.value.state !== "issued") return;
    expect(sold.value.pickup.printCode).toBe(lock.value.vendorLockId);
    expect(sold.value.pickup.verifyCode).toMatch(/^\d{6}$/);
    const ref = issuedOrderRef(req, lock.value, sold.value.vendorOrderId, total);
    const status = await connector.getSeatStatus(cinema, show);
    expect(status.ok && status.value[seat.vendorSeatId]).toBe("sold");
    const refunded = await connector.refund(ref, "buyer changed plans");
    expect(refunded.ok && refunded.value.state).toBe("refunded");
    const q = await connector.queryOrder(ref);
    expect(q.ok && q.value.state).toBe("refunded");
    const after = await connector.getSeatStatus(cinema, show);
    expect(after.ok && after.value[seat.vendorSeatId]).toBeUndefined();
    const again = await connector.refund(ref, "twice");
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe("refund_refused");
  });

  it("a paid sum that differs from the locked price is refused, and the lock stays unsold", async () => {
    const req = lockReq([]);
    const layout = await connector.getSeatLayout(cinema, show.vendorHallId, show);
    if (!layout.ok) throw new Error(layout.error.message);
    req.seats = lockReq([
      layout.value.seats.filter((s) => s.kind === "normal" && !s.broken && !s.areaId)[22]!.vendorSeatId,
    ]).seats;
    const lock = await connector.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const sold = await confirmLock(connector, req, lock.value, 1);
    expect(sold.ok).toBe(false);
    if (!sold.ok) expect(sold.error.vendorCode).toBe("101250");
    const q = await connector.queryOrder({
      cinema,
      showtime: req.showtime,
      orderId: req.orderId,
      vendorLockId: lock.value.vendorLockId,
      lockVendorData: lock.value.vendorData,
      totalFen: 1,
    });
    expect(q.ok && q.value.state).toBe("not_submitted");
  });

  it("a price below ProtectPrice is refused at lock (price_rejected)", async () => {
    const layout = await connector.getSeatLayout(cinema, show.vendorHallId, show);
    if (!layout.ok) throw new Error(layout.error.message);
    const req = lockReq([
      layout.value.seats.filter((s) => s.kind === "normal" && !s.broken && !s.areaId)[24]!.vendorSeatId,
    ]);
    req.seats[0]!.settleFen = show.price.lowestFen! - 1;
    const res = await connector.lock(req);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe("price_rejected");
  });

  it("a lock resent after a lost answer is adopted by SerialNum, not taken twice", async () => {
    const layout = await connector.getSeatLayout(cinema, show.vendorHallId, show);
    if (!layout.ok) throw new Error(layout.error.message);
    const req = lockReq([
      layout.value.seats.filter((s) => s.kind === "normal" && !s.broken && !s.areaId)[26]!.vendorSeatId,
    ]);
    sims.faults.mantianxing.update({ calls: { LiveRealCheckSeatState: { lostResponseRate: 1 } } });
    const lost = await connector.lock(req).finally(() => sims.faults.mantianxing.reset());
    expect(lost.ok).toBe(false);
    if (!lost.ok) expect(lost.error.code).toBe("outcome_unknown");
    const again = await connector.lock(req);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    const res = await fetch(`${sims.urls.mantianxing}/_control/bookings`);
    const { bookings } = (await res.json()) as {
      bookings: Array<{ lockId: string; seatIds: string[]; state: string }>;
    };
    const holding = bookings.filter((b) => b.seatIds.includes(req.seats[0]!.vendorSeatId) && b.state === "locked");
    expect(holding.map((b) => b.lockId)).toEqual([again.value.vendorLockId]);
  });

  it("sends the account's own PayType when it has one (production distributors get a code)", async () => {
    const h4 = connect({ ...demo, payType: "H4" });
    const layout = await h4.getSeatLayout(cinema, show.vendorHallId, show);
    if (!layout.ok) throw new Error(layout.error.message);
    const req = lockReq([
      layout.value.seats.filter((s) => s.kind === "normal" && !s.broken && !s.areaId)[28]!.vendorSeatId,
    ]);
    const lock = await h4.lock(req);
    expect(lock.ok).toBe(true);
    const sent = recorder.recent((c) => c.call === "mantianxing.ticket.LiveRealCheckSeatState", 50);
    expect(sent.some((c) => c.request.includes("&lt;PayType&gt;H4&lt;/PayType&gt;"))).toBe(true);
    await h4.close();
  });

  it("print status: sold is not printed; after AppPrintTicket notifies the print (OrderStatus 8) it is, and refunds are refused", async () => {
    const layout = await connector.getSeatLayout(cinema, show.vendorHallId, show);
    if (!layout.ok) throw new Error(layout.error.message);
    const req = lockReq([
      layout.value.seats.filter((s) => s.kind === "normal" && !s.broken && !s.areaId)[30]!.vendorSeatId,
    ]);
    const lock = await connector.lock(req);
    if (!lock.ok) throw new Error(lock.error.message);
    const total = req.seats[0]!.settleFen;
    const sold = await confirmLock(connector, req, lock.value, total);
    if (!sold.ok || sold.value.state !== "issued") throw new Error("not issued");
    const ref = issuedOrderRef(req, lock.value, sold.value.vendorOrderId, total);
    expect(await connector.printStatus(ref)).toEqual({ ok: true, value: { printed: false } });
    // The cinema's kiosk side: AppPrintTicket with pRequestType 1 (signed like any token op).
    const transport = new VendorTransport({
      vendor: "mantianxing",
      accountId: "kiosk",
      baseUrl: sims.urls.mantianxing,
      clock,
      recorder,
      secrets: [demo.key],
    });
    const kiosk = new MantianxingClient(transport, clock, demo.appCode, demo.key);
    const params: Array<[string, string]> = [
      ["pAppCode", demo.appCode],
      ["pCinemaID", cinema.vendorCinemaId],
      ["pOrderNO", sold.value.vendorOrderId],
      ["pValidCode", sold.value.pickup.verifyCode!],
      ["pRequestType", "1"],
    ];
    const printed = await kiosk.call({
      op: "AppPrintTicket",
      token: true,
      build: (t) => [
        ...params,
        ["pTokenID", t!.id],
        [
          "pVerifyInfo",
          kiosk.sign(
            params.map(([, v]) => v),
            t,
          ),
        ],
      ],
    });
    await transport.close();
    expect(printed.ok && printed.value.body.PrintType).toBe("1");
    expect(await connector.printStatus(ref)).toEqual({ ok: true, value: { printed: true } });
    const q = await connector.queryOrder(ref);
    expect(q.ok && q.value.state).toBe("issued");
    const refund = await connector.refund(ref, "too late");
    expect(!refund.ok && refund.error.code).toBe("refund_refused");
  });

  it("renews an expired token by itself (TimeOut 300 s on the injected clock)", async () => {
    sims.clocks.mantianxing.advance(6 * 60_000);
    const res = await connector.getSeatStatus(cinema, show);
    expect(res.ok).toBe(true);
    const tokens = recorder.recent((c) => c.call === "mantianxing.ticket.GetToken", 100);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
  });

  it("wrong key → auth_failed with the vendor's own text", async () => {
    const bad = connect({ ...demo, key: "not-the-key" });
    const res = await bad.ping();
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe("auth_failed");
      expect(res.error.vendorCode).toBe("100101");
      expect(res.error.message).toContain("验证信息错误");
    }
    await bad.close();
  });
});

describe("满天星 member centre against the simulator", () => {
  const card = () => {
    const c = sims.dataset.cinemas.find((x) => x.internalCode === cinema.vendorCinemaId)!;
    return sims.dataset.cards.find((k) => k.cinemaId === c.id)!;
  };

  it("logs a card in, reads it, lists grades, prices a show by FeatureNo, pays and recharges", async () => {
    const k = card();
    const login = await connector.cmts.login(cinema.vendorCinemaId, k.cardNo, k.password);
    expect(login.ok && login.value).toMatchObject({ cardNo: k.cardNo, balanceFen: k.balanceFen });
    const q = await connector.cmts.query(cinema.vendorCinemaId, k.cardNo);
    expect(q.ok && q.value.cardNo).toBe(k.cardNo);
    const grades = await connector.cmts.grades(cinema.vendorCinemaId);
    expect(grades.ok && grades.value.map((g) => g.code)).toContain(k.gradeId);
    const price = await connector.cmts.cardPrice(cinema.vendorCinemaId, k.cardNo, {
      featureNo: String(show.vendorData!.featureNo),
      featureDate: String(show.vendorData!.featureDate),
      featureTime: String(show.vendorData!.featureTime),
      listFen: show.price.listFen!,
    });
    expect(price.ok).toBe(true);
    if (!price.ok) return;
    expect(price.value.priceFen).toBeGreaterThanOrEqual(show.price.lowestFen!);
    const before = k.balanceFen;
    const pay = await connector.cmts.pay(
      cinema.vendorCinemaId,
      { cardNo: k.cardNo, password: k.password },
      { featureNo: String(show.vendorData!.featureNo), filmNo: show.vendorFilmId },
      100,
      1,
    );
    expect(pay.ok && pay.value.tradeNo).toBeTruthy();
    expect(k.balanceFen).toBe(before - 100);
    const grade = sims.dataset.cardGrades.find((g) => g.id === k.gradeId)!;
    const amount = Math.max(grade.minRechargeFen, 100);
    const top = await connector.cmts.recharge(
      cinema.vendorCinemaId,
      { cardNo: k.cardNo, password: k.password },
      amount,
    );
    expect(top.ok && top.value.balanceFen).toBe(before - 100 + amount);
  });

  it("serves the shared member-card contract for the vendor query page: grades, card login, card price", async () => {
    const k = card();
    const grades = await connector.members.grades(cinema);
    expect(grades.ok && grades.value.map((g) => g.gradeId)).toContain(k.gradeId);
    const balance = await connector.members.balance(cinema, k.cardNo, k.password);
    expect(balance.ok && balance.value.cardNumber).toBe(k.cardNo);
    const detail = await connector.members.detail(cinema, k.cardNo);
    expect(detail.ok && detail.value).toMatchObject({ cardNumber: k.cardNo, gradeId: k.gradeId, usable: true });
    const prices = await connector.members.ticketPrices({ cinema, vendorShowtimeId: show.vendorShowtimeId }, k.cardNo);
    expect(prices.ok).toBe(true);
    if (prices.ok) expect(prices.value.prices[0]!.priceFen).toBeGreaterThanOrEqual(show.price.lowestFen!);
    const register = await connector.members.order({ outTradeNo: "x" });
    expect(!register.ok && register.error.code).toBe("unsupported");
  });

  it("a wrong card password is refused with the vendor's text, and no password reaches a recording", async () => {
    const k = card();
    const res = await connector.cmts.login(cinema.vendorCinemaId, k.cardNo, "999999");
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toContain("密码错误");
    const calls = recorder.recent((c) => c.call.startsWith("mantianxing.member."), 100);
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) {
      expect(c.request).not.toContain(`<ns:passWord>${k.password}<`);
      expect(c.request).not.toContain("<ns:passWord>999999<");
      expect(c.request).not.toContain(demo.partnerKey);
    }
  });

  it("an account without member credentials answers config_error", async () => {
    const plain = connect({ appCode: demo.appCode, key: demo.key });
    const res = await plain.cmts.grades(cinema.vendorCinemaId);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe("config_error");
    await plain.close();
  });
});

/** A local server answering with a canned body (per SOAPAction when a function): the bad answers a vendor can give. */
async function canned(
  status: number,
  body: Buffer | string | ((action: string) => Buffer | string),
  contentType: string,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    const action = String(req.headers.soapaction ?? "").replace(/"/g, "");
    req.on("end", () =>
      res.writeHead(status, { "content-type": contentType }).end(typeof body === "function" ? body(action) : body),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Runs `check` on a connector to a {@link canned} server, then closes both. */
async function withCanned(
  status: number,
  body: Parameters<typeof canned>[1],
  contentType: string,
  check: (c: ReturnType<typeof connect>) => Promise<void>,
): Promise<void> {
  const { url, server } = await canned(status, body, contentType);
  const c = connect(demo, url);
  try {
    await check(c);
  } finally {
    await c.close();
    server.close();
  }
}

const envelope = (op: string, inner: string) =>
  `<?xml version='1.0' encoding='UTF-8'?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:${op}Response xmlns:ns="http://webservice.main.cmts.cn"><ns:return>${inner
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")}</ns:return></ns:${op}Response></soapenv:Body></soapenv:Envelope>`;

describe("满天星 bad answers never crash the connector", () => {
  const cases: Array<[string, number, Buffer | string, string, string]> = [
    [
      "an HTML error page",
      200,
      "<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>",
      "text/html",
      "vendor_unavailable",
    ],
    [
      "truncated SOAP",
      200,
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:GetTok',
      "text/xml",
      "vendor_unavailable",
    ],
    [
      "a SOAP fault",
      200,
      "<?xml version='1.0'?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>java.lang.NullPointerException</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>",
      "text/xml",
      "vendor_unavailable",
    ],
    [
      "a return that is not a document",
      200,
      envelope("GetToken", "<TokenResult><ResultCode>0"),
      "text/xml",
      "vendor_unavailable",
    ],
    [
      "a document without ResultCode",
      200,
      envelope("GetToken", "<TokenResult><Token>x</Token></TokenResult>"),
      "text/xml",
      "vendor_unavailable",
    ],
    ["an HTTP 500 Axis2 page", 500, "<html>Internal Server Error</html>", "text/html", "vendor_unavailable"],
    ["plain text", 200, "OK", "text/plain", "vendor_unavailable"],
  ];
  for (const [name, status, body, type, code] of cases) {
    it(`${name} → ${code}`, async () => {
      await withCanned(status, body, type, async (c) => {
        const res = await c.ping();
        expect(res.ok).toBe(false);
        if (!res.ok) expect(res.error.code).toBe(code);
      });
    });
  }

  it("a read that times out is vendor_unavailable; a sale that times out is outcome_unknown", async () => {
    const token = envelope(
      "GetToken",
      "<TokenResult><ResultCode>0</ResultCode><TokenID>1</TokenID><Token>abcdef</Token><TimeOut>300</TimeOut></TokenResult>",
    );
    const server = createServer((req, res) => {
      req.resume();
      if (String(req.headers.soapaction).includes("GetToken"))
        req.on("end", () => res.writeHead(200, { "content-type": "text/xml" }).end(token));
      // Anything else: accepted and never answered.
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const c = createMantianxingConnector({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      accountId: "t-mtx-timeout",
      credentials: demo,
      clock,
      recorder,
      timeoutMs: 300,
    });
    try {
      const read = await c.getSeatStatus(cinema, show);
      expect(!read.ok && read.error.code).toBe("vendor_unavailable");
      const req = lockReq(["01010101"]);
      const sale = await c.confirm({
        ...req,
        vendorLockId: "L1",
        lockVendorData: { serialNum: "s1" },
        totalFen: 100,
        attempt: 1,
      });
      expect(!sale.ok && sale.error.code).toBe("outcome_unknown");
    } finally {
      await c.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it("an unknown ResultCode keeps the vendor's raw text", async () => {
    await withCanned(
      200,
      envelope("GetToken", "<TokenResult><ResultCode>777777</ResultCode><ResultMsg>新错误</ResultMsg></TokenResult>"),
      "text/xml",
      async (c) => {
        const res = await c.ping();
        expect(res.ok).toBe(false);
        if (!res.ok) expect(res.error).toMatchObject({ code: "vendor_unavailable", vendorCode: "777777" });
        if (!res.ok) expect(res.error.message).toContain("新错误");
      },
    );
  });

  it("reads a GBK body (charset in Content-Type) and a GB2312 one (XML declaration only)", async () => {
    const doc = "<TokenResult><ResultCode>100101</ResultCode><ResultMsg>验证信息错误</ResultMsg></TokenResult>";
    for (const [type, charset, decl] of [
      ["text/xml; charset=GBK", "gbk", "UTF-8"],
      ["text/xml", "gb2312", "GB2312"],
    ] as const) {
      const body = iconv.encode(envelope("GetToken", doc).replace("encoding='UTF-8'", `encoding='${decl}'`), charset);
      await withCanned(200, body, type, async (c) => {
        const res = await c.ping();
        expect(res.ok).toBe(false);
        if (!res.ok) expect(res.error).toMatchObject({ code: "auth_failed", vendorCode: "100101" });
        if (!res.ok) expect(res.error.message).toContain("验证信息错误");
      });
    }
  });

  it("an unreadable answer to a sale is outcome_unknown, never 'down'", async () => {
    const token = envelope(
      "GetToken",
      "<TokenResult><ResultCode>0</ResultCode><TokenID>1</TokenID><Token>abcdef</Token><TimeOut>300</TimeOut></TokenResult>",
    );
    await withCanned(
      200,
      (action) => (action === "urn:GetToken" ? token : "<html>gateway</html>"),
      "text/xml",
      async (c) => {
        const req = lockReq(["01010101"]);
        const res = await c.confirm({
          ...req,
          vendorLockId: "L1",
          lockVendorData: { serialNum: "s1", seatIds: ["01010101"] },
          totalFen: 100,
          attempt: 1,
        });
        expect(res.ok).toBe(false);
        if (!res.ok) expect(res.error.code).toBe("outcome_unknown");
        const read = await c.getSeatStatus(cinema, show);
        expect(read.ok).toBe(false);
        if (!read.ok) expect(read.error.code).toBe("vendor_unavailable");
      },
    );
  });
});
