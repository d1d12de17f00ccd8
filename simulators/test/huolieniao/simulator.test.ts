import { createHash } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { registerControl } from "../../src/control.js";
import { createSimClock } from "../../src/core/clock.js";
import type { SimContext } from "../../src/core/context.js";
import { FaultController } from "../../src/core/faults.js";
import { escapeXml as esc, unescapeXml as unesc } from "../../src/core/xml-text.js";
import { generateDataset } from "../../src/dataset/generate.js";
import { huolieniaoSimulator } from "../../src/huolieniao/descriptor.js";
import { createHuolieniaoSimulator } from "../../src/huolieniao/index.js";

const { username, password } = huolieniaoSimulator.demoAccount;
const PATH = "/scts.service/webservice/query";
const md5 = (s: string) => createHash("md5").update(s).digest("hex");

/** A query as public-refs §6.1 describes it (no signature: the simulator, like the server, does not check one). */
const query = (op: string, inner: string, pass = md5(password)) =>
  `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><m:query xmlns:m="http://www.crifst.ac.cn/2013/OTSAPI"><m:msg>${esc(
    `<OnlineTicketingServiceQuery Version="1.0" Datetime="2026-12-03T10:00:00" Username="${username}" Password="${pass}"><${op} Id="ID_${op}" ${inner}</OnlineTicketingServiceQuery>`,
  )}</m:msg></m:query></soap:Body></soap:Envelope>`;
const attr = (body: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(unesc(body))?.[1];

describe("火烈鸟 1.5 simulator (public-refs §6)", () => {
  let ctx: SimContext;
  let app: Awaited<ReturnType<typeof createHuolieniaoSimulator>>;
  let cinemaCode: string;
  const post = (body: string) =>
    app.inject({
      method: "POST",
      url: PATH,
      headers: { "content-type": "application/soap+xml; charset=utf-8" },
      payload: body,
    });

  beforeEach(async () => {
    const dataset = generateDataset({ seed: 5, cinemas: 12, days: 2 });
    ctx = { dataset, clock: createSimClock(dataset.baseTime + 3600_000), faults: new FaultController(5) };
    app = await createHuolieniaoSimulator(ctx);
    registerControl(app, ctx);
    cinemaCode = dataset.cinemas.find((c) => c.vendor === "huolieniao")!.internalCode;
  });

  it("answers a query with an OnlineTicketingServiceReply in msg, Status Success and an empty ErrorCode", async () => {
    const res = await post(query("QueryCinema", `CinemaCode="${cinemaCode}"></QueryCinema>`));
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/soap+xml");
    const text = unesc(res.body);
    expect(text).toContain("<OnlineTicketingServiceReply");
    expect(attr(res.body, "Status")).toBe("Success");
    expect(attr(res.body, "ErrorCode")).toBe("");
    expect(attr(res.body, "Code")).toBe(cinemaCode);
  });

  it("refuses a wrong password (md5 compared) with Failure and its text", async () => {
    const res = await post(query("QueryCinema", `CinemaCode="${cinemaCode}"></QueryCinema>`, md5("wrong")));
    expect(attr(res.body, "Status")).toBe("Failure");
    expect(attr(res.body, "ErrorMessage")).toBe("用户名或密码错误");
  });

  it("a broken envelope is a SOAP 1.2 fault at HTTP 500; an unknown operation is a Failure reply", async () => {
    const broken = await post("<soap:Envelope><soap:Body><m:query>");
    expect(broken.statusCode).toBe(500);
    expect(broken.body).toContain("<soap:Fault>");
    const unknown = await post(query("QueryMagic", "></QueryMagic>"));
    expect(attr(unknown.body, "ErrorMessage")).toBe("不支持的接口: QueryMagic");
  });

  it("an outage answers an HTML page; the rate limit a Failure saying so", async () => {
    ctx.faults.update({ default: { down: true } });
    const down = await post(query("QueryCinema", `CinemaCode="${cinemaCode}"></QueryCinema>`));
    expect(down.statusCode).toBe(503);
    expect(down.body).toContain("<html>");
    ctx.faults.reset();
    ctx.faults.update({ rateLimitPerSecond: 1 });
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        post(query("QueryFilm", "><StartDate>2026-12-03</StartDate><EndDate>2026-12-03</EndDate></QueryFilm>")),
      ),
    );
    expect(answers.some((a) => attr(a.body, "ErrorMessage") === "访问过于频繁，请稍后再试")).toBe(true);
  });

  it("a lock holds its seats until AutoUnlockDatetime on the simulator clock (60 minutes, §6.3's sample)", async () => {
    const sessions = unesc(
      (
        await post(
          query(
            "DQuerySession",
            `CinemaCode="${cinemaCode}" StartDate="2000-01-01" EndDate="2100-01-01"></DQuerySession>`,
          ),
        )
      ).body,
    );
    const session = [...sessions.matchAll(/<Session ScreenCode="[^"]*"><Code>([^<]*)<\/Code>/g)].map((m) => m[1]!);
    expect(session.length).toBeGreaterThan(0);
    const seats = unesc(
      (
        await post(
          query(
            "QuerySessionSeat",
            `CinemaCode="${cinemaCode}" SessionCode="${session[0]}" Status="Available"></QuerySessionSeat>`,
          ),
        )
      ).body,
    );
    const seat = /<Seat><Code>([^<]*)<\/Code>/.exec(seats)![1]!;
    const lock = (s: string) =>
      post(
        query(
          "LockSeat",
          `CinemaCode="${cinemaCode}"><Order><SessionCode>${session[0]}</SessionCode><Count>1</Count><Seat SeatCode="${s}"/></Order></LockSeat>`,
        ),
      );
    const first = await lock(seat);
    expect(attr(first.body, "Status")).toBe("Success");
    const until = Date.parse(`${attr(first.body, "AutoUnlockDatetime")!.replace(" ", "T")}+08:00`);
    expect(until - ctx.clock.now()).toBeGreaterThan(59 * 60_000);
    expect(attr((await lock(seat)).body, "Status")).toBe("Failure");
    ctx.clock.advance(until - ctx.clock.now() + 1000);
    expect(attr((await lock(seat)).body, "Status")).toBe("Success");
  });
});
