import { XMLParser } from "fast-xml-parser";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimClock, type SimClock } from "../../src/core/clock.js";
import type { Dataset } from "../../src/core/dataset-types.js";
import { FaultController } from "../../src/core/faults.js";
import { generateDataset } from "../../src/dataset/generate.js";
import { huolieniao5Simulator } from "../../src/huolieniao5/descriptor.js";
import { createHuolieniao5Simulator } from "../../src/huolieniao5/index.js";
import { ngcSign } from "../../src/huolieniao5/sign.js";

// The 火烈鸟 5.0 simulator over its wire protocol (public-refs §7), with its clock and faults injected.
const { channelCode, key } = huolieniao5Simulator.demoAccount;
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true });
let app: FastifyInstance;
let clock: SimClock;
let faults: FaultController;
let dataset: Dataset;
let cinemaCode: string;
let showCode: string;
let seatCodes: string[];
/** `seatCode:salePrice:submitPrice` at the show's settle price. */
let priced: (seat: string) => string;
let seq = 0;

// biome-ignore lint/suspicious/noExplicitAny: parsed XML replies are read loosely in these tests.
type Wire = Record<string, any>;
const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

async function call(action: string, params: Record<string, string>, opts: { key?: string; channel?: string } = {}) {
  const form: Record<string, string> = { ...params, channelCode: opts.channel ?? channelCode };
  form.sign = ngcSign(form, opts.key ?? key);
  const res = await app.inject({
    method: "POST",
    url: `/${action}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams(form).toString(),
  });
  const body = res.headers["content-type"]?.toString().includes("xml") ? (parser.parse(res.body).reply as Wire) : {};
  return { status: res.statusCode, raw: res.body, body };
}

const statusOf = async (orderCode: string) => (await call("queryOrder.xml", { orderCode })).body.order.status;

beforeAll(async () => {
  dataset = generateDataset({ seed: 3, cinemas: 12, days: 2 });
  clock = createSimClock(dataset.baseTime + 3600_000);
  faults = new FaultController(1);
  app = await createHuolieniao5Simulator({ dataset, clock, faults });
  cinemaCode = dataset.cinemas.find((c) => c.vendor === "huolieniao5")!.internalCode;
  const shows = arr((await call("queryShows.xml", { cinemaCode, status: "1" })).body.shows.show) as Wire[];
  const show = shows.find((s) => Date.parse(`${s.showTime.replace(" ", "T")}+08:00`) > clock.now() + 3 * 3600_000)!;
  showCode = show.channelShowCode;
  priced = (seat) => `${seat}:${show.settlePrice}:${show.settlePrice}`;
  const seats = arr((await call("queryShowSeats.xml", { channelShowCode: showCode })).body.seats.seat) as Wire[];
  seatCodes = seats.filter((s) => s.type === "1" && s.status === "1").map((s) => s.code);
});
afterAll(() => app.close());

const lock = async (codes: string[]) =>
  (
    await call("lockSeats.xml", {
      channelShowCode: showCode,
      seatCodes: codes.join(","),
      channelOrderCode: `T${++seq}`,
    })
  ).body;

describe("火烈鸟 5.0 simulator", () => {
  it("checks the channel (900), then the sign (998), then the parameters (997); unknown actions are a 404 page", async () => {
    expect((await call("queryCinema.xml", { cinemaCode }, { channel: "X" })).body.code).toBe("900");
    expect((await call("queryCinema.xml", { cinemaCode }, { key: "wrong" })).body.code).toBe("998");
    expect((await call("queryCinema.xml", {})).body.code).toBe("997");
    const ok = await call("queryCinema.xml", { cinemaCode });
    expect(ok.body).toMatchObject({ code: "001", cinema: { code: cinemaCode } });
    expect((await call("queryCinema", { cinemaCode })).status).toBe(404);
    expect((await call("nothing.xml", {})).status).toBe(404);
  });

  it("a lock holds its seats until lockTime passes on the simulator clock, then the order is cancelled (2)", async () => {
    const locked = await lock([seatCodes[0]!]);
    expect(locked).toMatchObject({ code: "001", lockTime: "15" });
    expect((await lock([seatCodes[0]!])).code).toBe("240");
    const held = arr((await call("queryShowSeats.xml", { channelShowCode: showCode, status: "0" })).body.seats?.seat);
    expect(held.map((s: Wire) => s.code)).toContain(seatCodes[0]);
    expect(await statusOf(locked.orderCode)).toBe("1");
    clock.advance(15 * 60_000 + 1);
    expect(await statusOf(locked.orderCode)).toBe("2");
    expect((await lock([seatCodes[0]!])).code).toBe("001");
  });

  it("sale: seats must match the lock (222), prices not under minPrice (223); issues codes; revokes to 6", async () => {
    const locked = await lock([seatCodes[2]!]);
    const sale = (seats: string) =>
      call("submitOrder.xml", { orderCode: locked.orderCode, mobile: "13800138000", orderSeats: seats });
    expect((await sale(priced(seatCodes[3]!))).body.code).toBe("222");
    expect((await sale(`${seatCodes[2]}:40:0.01`)).body.code).toBe("223");
    expect((await sale(`${seatCodes[2]}-40-35`)).body.code).toBe("226");
    const sold = await sale(priced(seatCodes[2]!));
    expect(sold.body.code).toBe("001");
    expect(sold.body.printCode).toMatch(/^\d{10}$/);
    expect(await statusOf(locked.orderCode)).toBe("4");
    expect((await sale(priced(seatCodes[2]!))).body.code).toBe("221");
    expect((await call("revokeTicket.xml", { orderCode: locked.orderCode })).body.code).toBe("001");
    expect(await statusOf(locked.orderCode)).toBe("6");
  });

  it("a slow issue is paid (3) until the cinema answers, then success (4) or failed (5)", async () => {
    for (const [seat, outcome, final] of [
      [seatCodes[5]!, "success", "4"],
      [seatCodes[6]!, "fail", "5"],
    ] as const) {
      faults.update({ slowIssueMinutes: 2, slowIssueOutcome: outcome });
      const locked = await lock([seat]);
      const sold = await call("submitOrder.xml", {
        orderCode: locked.orderCode,
        mobile: "13800138000",
        orderSeats: priced(seat),
      });
      expect(sold.body.code).toBe("001");
      expect(sold.body.printCode).toBeUndefined();
      expect(await statusOf(locked.orderCode)).toBe("3");
      clock.advance(2 * 60_000 + 1);
      expect(await statusOf(locked.orderCode)).toBe(final);
    }
    faults.update({ slowIssueMinutes: 0 });
  });

  it("faults: an injected error is 999 in a reply, an outage an HTML 503 page", async () => {
    faults.update({ default: { errorRate: 1 } });
    expect((await call("queryCinema.xml", { cinemaCode })).body.code).toBe("999");
    faults.update({ default: { down: true } });
    const down = await call("queryCinema.xml", { cinemaCode });
    expect(down.status).toBe(503);
    expect(down.raw).toContain("<html>");
    faults.update({ default: {} });
  });
});
