import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chenxingSimulator } from "../../src/chenxing/descriptor.js";
import { createChenxingSimulator } from "../../src/chenxing/index.js";
import { expectedVerifyInfo } from "../../src/chenxing/signing.js";
import { registerControl } from "../../src/control.js";
import { createSimClock } from "../../src/core/clock.js";
import type { SimContext } from "../../src/core/context.js";
import { FaultController } from "../../src/core/faults.js";
import { escapeXml as esc, unescapeXml as unesc } from "../../src/core/xml-text.js";
import { generateDataset } from "../../src/dataset/generate.js";

const { appCode, verifyKey } = chenxingSimulator.demoAccount;
const PATH = "/tsp-ws/services/tsp/cinema";

function envelope(op: string, params: Array<[string, string]>): string {
  return (
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tsp="http://soap.ws.tsp.oristartech.com/">` +
    `<soapenv:Body><tsp:${op}>${params.map(([k, v]) => `<${k}>${esc(v)}</${k}>`).join("")}</tsp:${op}></soapenv:Body></soapenv:Envelope>`
  );
}

/** The `{Op}Result` element's text fields (flat, first occurrence), read with a regexp: enough for tests. */
function field(body: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(unesc(body))?.[1];
}

describe("辰星 simulator (public-refs §3)", () => {
  let ctx: SimContext;
  let app: Awaited<ReturnType<typeof createChenxingSimulator>>;
  let cinemaCode: string;

  const post = async (body: string, contentType = "text/xml; charset=utf-8") =>
    app.inject({
      method: "POST",
      url: PATH,
      headers: { "content-type": contentType, soapaction: '""' },
      payload: body,
    });
  const flat = async (op: string, params: Array<[string, string]>, key = verifyKey) => {
    const values = [appCode, ...params.map(([, v]) => v), "0"];
    const res = await post(
      envelope(op, [
        ["pAppCode", appCode],
        ...params,
        ["pCompress", "0"],
        ["pVerifyInfo", expectedVerifyInfo(values, key)],
      ]),
    );
    return res.body;
  };
  const xml = async (op: string, param: string, root: string, inner: string, signed: string[]) => {
    const verify = expectedVerifyInfo([appCode, ...signed, "0"], verifyKey);
    const doc = `<?xml version="1.0" encoding="UTF-8"?><${root}><AppCode>${appCode}</AppCode>${inner}<Compress>0</Compress><VerifyInfo>${verify}</VerifyInfo></${root}>`;
    return (await post(envelope(op, [[param, doc]]))).body;
  };
  /** A plan far enough ahead, and two plain seats of its screen. */
  const planAndSeats = async () => {
    const plans = unesc(
      await flat("QueryPlanInfoByDatePeriod", [
        ["pCinemaCode", cinemaCode],
        ["pPlanStartDate", "2000-01-01"],
        ["pPlanEndDate", "2100-01-01"],
      ]),
    );
    const plan = [...plans.matchAll(/<CinemaPlan>(.*?)<\/CinemaPlan>/g)]
      .map((m) => m[1]!)
      .find((p) => Date.parse(`${field(p, "StartTime")!.replace(" ", "T")}+08:00`) > ctx.clock.now() + 3 * 3600_000)!;
    const screen = field(plan, "ScreenCode")!;
    const sites = unesc(
      await flat("QuerySeatInfo", [
        ["pCinemaCode", cinemaCode],
        ["pScreenCode", screen],
      ]),
    );
    const plain = [...sites.matchAll(/<ScreenSite>(.*?)<\/ScreenSite>/g)]
      .map((m) => m[1]!)
      .filter((s) => field(s, "GroupCode") === "0000000000000001" && field(s, "Status") === "Available")
      .map((s) => field(s, "SeatCode")!);
    return { plan, feature: field(plan, "FeatureAppNo")!, seats: plain };
  };
  const lock = (feature: string, seats: string[]) =>
    xml(
      "LockSeat",
      "lockSeatXml",
      "LockSeatParameter",
      `<CinemaCode>${cinemaCode}</CinemaCode><FeatureAppNo>${feature}</FeatureAppNo><SeatInfos>${seats.map((s) => `<SeatInfo><SeatCode>${s}</SeatCode></SeatInfo>`).join("")}</SeatInfos>`,
      [cinemaCode, feature, ...seats],
    );
  const submit = (plan: string, orderCode: string, seats: string[]) => {
    const price = field(plan, "StandardPrice")!;
    const fee = field(plan, "ServiceAddFee")!;
    const inner = seats
      .map(
        (s) =>
          `<SeatInfo><SeatCode>${s}</SeatCode><Price>${price}</Price><ServiceCharge>0.00</ServiceCharge><ServiceAddFee>${fee}</ServiceAddFee><CinemaAllowance>0.00</CinemaAllowance></SeatInfo>`,
      )
      .join("");
    const feature = field(plan, "FeatureAppNo")!;
    return xml(
      "SubmitOrder",
      "submitOrderXml",
      "SubmitOrderParameter",
      `<CinemaCode>${cinemaCode}</CinemaCode><OrderCode>${orderCode}</OrderCode><FeatureAppNo>${feature}</FeatureAppNo><MobilePhone>13800138000</MobilePhone><SeatInfos>${inner}</SeatInfos>`,
      [cinemaCode, orderCode, feature, "13800138000", ...seats.flatMap((s) => [s, price, "0.00", fee, "0.00", ""])],
    );
  };
  const bookings = async () =>
    (await app.inject({ method: "GET", url: "/_control/bookings" })).json().bookings as Array<{
      lockId: string;
      state: string;
    }>;

  beforeEach(async () => {
    const dataset = generateDataset({ seed: 5, cinemas: 10, days: 2 });
    ctx = { dataset, clock: createSimClock(dataset.baseTime + 3600_000), faults: new FaultController(5) };
    app = await createChenxingSimulator(ctx);
    registerControl(app, ctx);
    cinemaCode = dataset.cinemas.find((c) => c.vendor === "chenxing")!.internalCode;
  });
  afterEach(() => app.close());

  it("its cinemas' internal code is the national code (doc 000 §三.1)", () => {
    for (const c of ctx.dataset.cinemas.filter((x) => x.vendor === "chenxing"))
      expect(c.internalCode).toBe(c.nationalCode);
  });

  it("refuses a wrong VerifyInfo and an unknown AppCode with a ResultCode and a text", async () => {
    const bad = await flat("QueryCinemaList", [], "not-the-key");
    expect(field(bad, "ResultCode")).not.toBe("0");
    expect(field(bad, "Message")).toContain("验证信息");
    const ok = await flat("QueryCinemaList", []);
    expect(field(ok, "ResultCode")).toBe("0");
    expect(unesc(ok)).toContain(`<CinemaCode>${cinemaCode}</CinemaCode>`);
  });

  it("answers malformed SOAP and unknown operations with a SOAP fault (HTTP 500)", async () => {
    const broken = await post("<soapenv:Envelope><soapenv:Body>");
    expect(broken.statusCode).toBe(500);
    expect(broken.body).toContain("<faultstring>");
    const unknown = await post(envelope("Nope", []));
    expect(unknown.statusCode).toBe(500);
  });

  it("locks with AutoUnlockDatetime and LockLength; a held seat is refused with 100302/10208", async () => {
    const { feature, seats } = await planAndSeats();
    const first = await lock(feature, seats.slice(0, 2));
    expect(field(first, "ResultCode")).toBe("0");
    expect(field(first, "LockLength")).toBe("15");
    expect(field(first, "AutoUnlockDatetime")).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const second = await lock(feature, seats.slice(1, 3));
    expect(field(second, "ResultCode")).toBe("100302");
    expect(field(second, "Message")).toContain("错误码：10208");
  });

  it("a lock lapses on the simulator clock: the seats are free and the booking shows expired", async () => {
    const { feature, seats } = await planAndSeats();
    const orderCode = field(await lock(feature, seats.slice(0, 1)), "OrderCode")!;
    ctx.clock.advance(15 * 60_000);
    expect(field(await lock(feature, seats.slice(0, 1)), "ResultCode")).toBe("0");
    expect((await bookings()).find((b) => b.lockId === orderCode)?.state).toBe("expired");
  });

  it("SubmitOrder issues PrintNo + VerifyCode; a slow issue answers without them until the cinema settles", async () => {
    const { plan, feature, seats } = await planAndSeats();
    const a = field(await lock(feature, seats.slice(0, 1)), "OrderCode")!;
    const issued = await submit(plan, a, seats.slice(0, 1));
    expect(field(issued, "ResultCode")).toBe("0");
    expect(field(issued, "PrintNo")).toMatch(/^\d{16}$/);
    expect(field(issued, "VerifyCode")).toMatch(/^\d{6}$/);

    ctx.faults.update({ slowIssueMinutes: 2, slowIssueOutcome: "fail" });
    const b = field(await lock(feature, seats.slice(1, 2)), "OrderCode")!;
    const slow = await submit(plan, b, seats.slice(1, 2));
    expect(field(slow, "ResultCode")).toBe("0");
    expect(field(slow, "PrintNo") ?? "").toBe("");
    expect((await bookings()).find((x) => x.lockId === b)?.state).toBe("pending");
    ctx.clock.advance(2 * 60_000);
    const q = await flat("QueryOrderStatus", [
      ["pCinemaCode", cinemaCode],
      ["pOrderCode", b],
    ]);
    // OrderStatus 1: what public hubs read as "submit failed".
    expect(field(q, "OrderStatus")).toBe("1");
    expect((await bookings()).find((x) => x.lockId === b)?.state).toBe("failed");
  });

  it("a price below LowestPrice is refused with 100302/10252", async () => {
    const { plan, feature, seats } = await planAndSeats();
    const code = field(await lock(feature, seats.slice(0, 1)), "OrderCode")!;
    const lowered = plan.replace(/<StandardPrice>[^<]*</, "<StandardPrice>0.01<");
    const res = await submit(lowered, code, seats.slice(0, 1));
    expect(field(res, "ResultCode")).toBe("100302");
    expect(field(res, "Message")).toContain("10252");
  });

  it("hides the plans of a cinema whose showtimes the diagnosis fault hides", async () => {
    ctx.faults.update({ hideShowtimesFor: [cinemaCode] });
    const res = unesc(
      await flat("QueryPlanInfoByDatePeriod", [
        ["pCinemaCode", cinemaCode],
        ["pPlanStartDate", "2000-01-01"],
        ["pPlanEndDate", "2100-01-01"],
      ]),
    );
    expect(field(res, "ResultCode")).toBe("0");
    expect(res).not.toContain("<CinemaPlan>");
  });

  it("is down as a Tomcat 503 page, and rate-limited with a ResultCode and text", async () => {
    ctx.faults.update({ default: { down: true } });
    const down = await post(envelope("QueryCinemaList", []));
    expect(down.statusCode).toBe(503);
    expect(down.headers["content-type"]).toContain("text/html");
    ctx.faults.reset();
    ctx.faults.update({ rateLimitPerSecond: 1 });
    await flat("QueryCinemaList", []);
    const limited = await flat("QueryCinemaList", []);
    expect(field(limited, "Message")).toContain("频繁");
  });
});
