import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeXml as esc } from "../../src/core/xml-text.js";
import { type RunningSimulators, startSimulators } from "../../src/index.js";
import { chinaParts, seatNo } from "../../src/mantianxing/catalog.js";
import { mantianxingSimulator } from "../../src/mantianxing/descriptor.js";
import { mtxVerify } from "../../src/mantianxing/signing.js";

const demo = mantianxingSimulator.demoAccount as { appCode: string; key: string };
const NS = "http://webservice.main.cmts.cn";
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });

let sims: RunningSimulators;
beforeAll(async () => {
  sims = await startSimulators({ seed: 5, cinemas: 10, days: 2, faults: { hangMs: 500 } });
});
afterAll(() => sims.close());

async function soap(op: string, params: Array<[string, string]>, version: "1.1" | "1.2" = "1.1") {
  const envNs =
    version === "1.1" ? "http://schemas.xmlsoap.org/soap/envelope/" : "http://www.w3.org/2003/05/soap-envelope";
  const body = `<?xml version="1.0"?><s:Envelope xmlns:s="${envNs}" xmlns:ns="${NS}"><s:Body><ns:${op}>${params
    .map(([k, v]) => `<ns:${k}>${esc(v)}</ns:${k}>`)
    .join("")}</ns:${op}></s:Body></s:Envelope>`;
  const res = await fetch(`${sims.urls.mantianxing}/ticketapi/services/ticketapi`, {
    method: "POST",
    headers: { "content-type": version === "1.1" ? "text/xml; charset=utf-8" : "application/soap+xml; charset=utf-8" },
    body,
  });
  const text = await res.text();
  const doc = parser.parse(text) as Record<string, Record<string, Record<string, Record<string, string>>>>;
  const ret = doc.Envelope?.Body?.[`${op}Response`]?.return;
  const inner =
    ret === undefined
      ? undefined
      : ret.trim().startsWith("{")
        ? JSON.parse(ret)
        : Object.values(parser.parse(ret)).find((v) => typeof v === "object");
  return {
    status: res.status,
    text,
    type: res.headers.get("content-type") ?? "",
    // biome-ignore lint/suspicious/noExplicitAny: reply documents are inspected field by field
    inner: inner as Record<string, any> | undefined,
  };
}

const sign = (values: string[]) => mtxVerify(values, demo.key);

async function token(): Promise<{ id: string; token: string }> {
  const r = await soap("GetToken", [
    ["pAppCode", demo.appCode],
    ["pVerifyInfo", sign([demo.appCode])],
  ]);
  return { id: r.inner!.TokenID, token: r.inner!.Token };
}

const tokenCall = async (
  op: string,
  params: Array<[string, string]>,
  t: { id: string; token: string },
  extra: Array<[string, string]> = [],
) =>
  soap(op, [
    ...params,
    ...extra,
    ["pTokenID", t.id],
    ["pVerifyInfo", sign([...params.map(([, v]) => v), t.id, t.token])],
  ]);

function cinemaAndShow() {
  const cinema = sims.dataset.cinemas.find((c) => c.vendor === "mantianxing")!;
  const now = sims.clocks.mantianxing.now();
  const show = sims.dataset.showtimes.find(
    (s) => s.cinemaId === cinema.id && s.onSale && s.startsAt - s.stopSellingMinutes * 60_000 > now + 3 * 3600_000,
  )!;
  const index = sims.dataset.showtimes.indexOf(show);
  const hall = cinema.halls.find((h) => h.id === show.hallId)!;
  const hallNo = String(cinema.halls.indexOf(hall) + 1).padStart(2, "0");
  return { cinema, show, appNo: String(10_000_000 + index), hall, hallNo };
}

function lockXml(t: { id: string; token: string }, serial: string, seats: string[], priceYuan: string) {
  const { cinema, appNo } = cinemaAndShow();
  const head = [demo.appCode, cinema.internalCode, appNo, serial];
  const verify = sign([...head, String(seats.length), "0", "13800138000", t.id, t.token]);
  return `<?xml version="1.0"?><RealCheckSeatStateParameter><AppCode>${demo.appCode}</AppCode><CinemaId>${cinema.internalCode}</CinemaId><FeatureAppNo>${appNo}</FeatureAppNo><SerialNum>${serial}</SerialNum><SeatInfos>${seats
    .map(
      (s) =>
        `<SeatInfo><SeatNo>${s}</SeatNo><TicketPrice>${priceYuan}</TicketPrice><Handlingfee>0</Handlingfee></SeatInfo>`,
    )
    .join(
      "",
    )}</SeatInfos><PayType>0</PayType><RecvMobilePhone>13800138000</RecvMobilePhone><TokenID>${t.id}</TokenID><VerifyInfo>${verify}</VerifyInfo></RealCheckSeatStateParameter>`;
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

describe("满天星 simulator (public-refs §9)", () => {
  it("refuses a wrong verify value with 100101", async () => {
    const r = await soap("GetToken", [
      ["pAppCode", demo.appCode],
      ["pVerifyInfo", "0000000000000000"],
    ]);
    expect(r.inner).toMatchObject({ ResultCode: "100101" });
  });

  it("answers SOAP 1.2 in SOAP 1.2", async () => {
    const r = await soap(
      "GetToken",
      [
        ["pAppCode", demo.appCode],
        ["pVerifyInfo", sign([demo.appCode])],
      ],
      "1.2",
    );
    expect(r.type).toContain("application/soap+xml");
    expect(r.text).toContain("http://www.w3.org/2003/05/soap-envelope");
    expect(r.inner).toMatchObject({ ResultCode: "0", TimeOut: "300" });
  });

  it("a token lives TimeOut (300 s) on the simulator clock", async () => {
    const t = await token();
    const { cinema } = cinemaAndShow();
    const ask = () =>
      tokenCall(
        "GetHall",
        [
          ["pAppCode", demo.appCode],
          ["pCinemaID", cinema.internalCode],
        ],
        t,
      );
    expect((await ask()).inner).toMatchObject({ ResultCode: "0" });
    sims.clocks.mantianxing.advance(301_000);
    expect((await ask()).inner).toMatchObject({ ResultCode: "100105" });
  });

  it("a lock holds its seats for 15 minutes of simulator time, then lapses and the vendor no longer knows the order", async () => {
    const t = await token();
    const { cinema, show, appNo, hall, hallNo } = cinemaAndShow();
    const seat = hall.seats.filter((s) => s.type === "normal" && !s.broken)[3]!;
    const no = seatNo(hallNo, seat);
    const lock = await soap("LiveRealCheckSeatState", [
      ["pXmlString", lockXml(t, "SIMTEST1", [no], yuan(show.settleFen))],
    ]);
    expect(lock.inner).toMatchObject({ ResultCode: "0" });
    expect(lock.inner!.OrderNo).toBeTruthy();
    const state = async () => {
      const fresh = await token();
      const r = await tokenCall(
        "GetPlanSiteState",
        [
          ["pAppCode", demo.appCode],
          ["pCinemaID", cinema.internalCode],
          ["pFeatureAppNo", appNo],
        ],
        fresh,
      );
      const rows = r.inner!.PlanSiteStates.PlanSiteState as Array<Record<string, string>>;
      return rows.find((x) => x.SeatNo === no)!.SeatState;
    };
    expect(await state()).toBe("7");
    const second = await soap("LiveRealCheckSeatState", [
      ["pXmlString", lockXml(await token(), "SIMTEST2", [no], yuan(show.settleFen))],
    ]);
    expect(second.inner).toMatchObject({ ResultCode: "101110" });
    sims.clocks.mantianxing.advance(14 * 60_000);
    expect(await state()).toBe("7");
    sims.clocks.mantianxing.advance(2 * 60_000);
    expect(await state()).toBe("0");
    const fresh = await token();
    const status = await tokenCall(
      "GetOrderStatus",
      [
        ["pAppCode", demo.appCode],
        ["pCinemaID", cinema.internalCode],
        ["pSerialNum", "SIMTEST1"],
      ],
      fresh,
    );
    expect(status.inner).toMatchObject({ ResultCode: "101701" });
  });

  it("the plan carries FeatureDate/FeatureTime, the end time as TotalTime, and yuan prices with the floor", async () => {
    const t = await token();
    const { cinema, show, appNo } = cinemaAndShow();
    const r = await tokenCall(
      "GetCinemaPlan",
      [
        ["pAppCode", demo.appCode],
        ["pCinemaID", cinema.internalCode],
        ["pPlanDate", chinaParts(show.startsAt).date],
      ],
      t,
    );
    const plan = (r.inner!.CinemaPlans.CinemaPlan as Array<Record<string, string>>).find(
      (p) => p.FeatureAppNo === appNo,
    )!;
    expect(plan).toMatchObject({
      FeatureTime: chinaParts(show.startsAt).time,
      TotalTime: chinaParts(show.endsAt).time,
      AppPric: yuan(show.settleFen),
      StandPric: yuan(show.listFen),
      ProtectPrice: yuan(show.lowestFen),
      SetClose: "1",
      PlaceNo: cinema.nationalCode,
    });
    expect(plan.FeatureNo).not.toBe(plan.FeatureAppNo);
  });

  it("hides a cinema's plans when told to (the diagnosis demo)", async () => {
    const { cinema, show } = cinemaAndShow();
    sims.faults.mantianxing.update({ hideShowtimesFor: [cinema.internalCode] });
    try {
      const t = await token();
      const r = await tokenCall(
        "GetCinemaPlan",
        [
          ["pAppCode", demo.appCode],
          ["pCinemaID", cinema.internalCode],
          ["pPlanDate", chinaParts(show.startsAt).date],
        ],
        t,
      );
      expect(r.inner).toMatchObject({ ResultCode: "0" });
      expect(r.inner!.CinemaPlans?.CinemaPlan).toBeUndefined();
    } finally {
      sims.faults.mantianxing.reset();
    }
  });

  it("BackTicket signs without pDesc; an unsold order is not refundable", async () => {
    const t = await token();
    const { cinema } = cinemaAndShow();
    const r = await tokenCall(
      "BackTicket",
      [
        ["pAppCode", demo.appCode],
        ["pCinemaID", cinema.internalCode],
        ["pOrderNO", "nope"],
      ],
      t,
      [["pDesc", "退票原因"]],
    );
    // Verified (no 100101): the refusal is about the order.
    expect(r.inner).toMatchObject({ ResultCode: "101501" });
  });

  it("a malformed envelope or an unknown op is a SOAP fault with HTTP 500, as Axis2 answers", async () => {
    const bad = await fetch(`${sims.urls.mantianxing}/ticketapi/services/ticketapi`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: "<not-xml",
    });
    expect(bad.status).toBe(500);
    expect(await bad.text()).toContain("Fault");
    const unknown = await soap("NoSuchOp", []);
    expect(unknown.status).toBe(500);
    expect(unknown.text).toContain("urn:NoSuchOp");
  });

  it("down is an HTML 503 page; an injected error is ResultCode 100500", async () => {
    sims.faults.mantianxing.update({ default: { down: true } });
    try {
      const r = await soap("GetToken", [
        ["pAppCode", demo.appCode],
        ["pVerifyInfo", sign([demo.appCode])],
      ]);
      expect(r.status).toBe(503);
      expect(r.type).toContain("text/html");
    } finally {
      sims.faults.mantianxing.reset();
    }
    sims.faults.mantianxing.update({ default: { errorRate: 1 } });
    try {
      const r = await soap("GetToken", [
        ["pAppCode", demo.appCode],
        ["pVerifyInfo", sign([demo.appCode])],
      ]);
      expect(r.inner).toMatchObject({ ResultCode: "100500" });
    } finally {
      sims.faults.mantianxing.reset();
    }
  });
});
