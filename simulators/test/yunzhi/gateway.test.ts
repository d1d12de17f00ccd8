import { describe, expect, it } from "vitest";
import { demoAccounts } from "../../src/core/accounts.js";
import { createSimClock } from "../../src/core/clock.js";
import type { SimContext } from "../../src/core/context.js";
import { FaultController } from "../../src/core/faults.js";
import { signParams } from "../../src/ykse/signing.js";
import { createYunzhiSimulator } from "../../src/yunzhi/index.js";
import { BASE, type Envelope, MIN, seat, tinyDataset } from "../ykse/helpers.js";

/** The tiny ykse data set with its cinema handed to yunzhi. */
async function makeLark() {
  const dataset = tinyDataset();
  dataset.cinemas = dataset.cinemas.map((c) => (c.vendor === "ykse" ? { ...c, vendor: "yunzhi" as const } : c));
  const ctx: SimContext = { dataset, clock: createSimClock(BASE), faults: new FaultController(1) };
  const app = await createYunzhiSimulator(ctx);
  const account = demoAccounts.yunzhi;
  const call = async (api: string, data?: Record<string, unknown>, secret = account.secret) => {
    const query: Record<string, string> = {
      api,
      channelCode: account.channelCode,
      timestamp: String(ctx.clock.now()),
      v: "1.0",
      ...(data ? { data: JSON.stringify(data) } : {}),
    };
    query.sign = signParams(query, secret);
    return (await app.inject({ method: "GET", url: "/route", query })).json() as Envelope;
  };
  return { app, call, clock: ctx.clock };
}

describe("凤凰云智 lark gateway simulator (public-refs §10)", () => {
  it("answers the example's signing: the refs' worked example verifies with the shared algorithm", () => {
    const params = {
      api: "ykse.lark.partner.seat.getSeats",
      channelCode: "DEMO",
      data: '{"cinemaLinkId":"681","hallCode":"14"}',
      timestamp: "1453445830715",
      v: "1.0",
    };
    expect(signParams(params, "demosecret")).toBe("25f882802b146b9ba3bd5f0be085abdb");
  });

  it("serves lark names only: a partner name is an invalid api (30001)", async () => {
    const { call } = await makeLark();
    expect((await call("ykse.partner.cinema.getCinemas")).retCode).toBe("30001");
    expect((await call("ykse.lark.partner.cinema.getCinemas")).retCode).toBe("0");
  });

  it("refuses the ykse account's secret (30003): the gateway has its own channel", async () => {
    const { call } = await makeLark();
    expect((await call("ykse.lark.partner.cinema.getCinemas", undefined, demoAccounts.ykse.secret)).retCode).toBe(
      "30003",
    );
  });

  it("getCinemas in lark fields: cinemaName, hallList with hallCode/hallName/hallType", async () => {
    const { call } = await makeLark();
    const res = await call("ykse.lark.partner.cinema.getCinemas");
    const c = res.data?.dataList?.[0];
    expect(c).toMatchObject({ cinemaLinkId: "681", cinemaName: "测试影城", cinemaId: "44012345" });
    expect(c.hallList[0]).toMatchObject({ hallCode: "1", hallName: "1号厅", seatCount: 12 });
    expect(c.name).toBeUndefined();
  });

  it("getSeats takes hallCode and answers sectionList/seatList with seatCode, DL/DR and damaged", async () => {
    const { call } = await makeLark();
    const res = await call("ykse.lark.partner.seat.getSeats", { cinemaLinkId: "681", hallCode: "1" });
    expect(res.data?.bizCode).toBe("SUCCESS");
    const plan = res.data?.data.seatPlanList[0];
    const seats = plan.sectionList[0].seatList as Array<Record<string, unknown>>;
    expect(res.data?.data.hallCode).toBe("1");
    expect(seats.map((s) => s.type)).toEqual(expect.arrayContaining(["DL", "DR"]));
    expect(seats.some((s) => s.damaged === "Y")).toBe(true);
    expect(typeof seats[0]?.seatCode).toBe("string");
  });

  it("getSchedules answers hallCode and areaInfoList", async () => {
    const { call } = await makeLark();
    const res = await call("ykse.lark.partner.schedule.getSchedules", { cinemaLinkId: "681" });
    const s = res.data?.dataList?.find((x) => x.scheduleId === "9001");
    expect(s.hallCode).toBe("1");
    expect(s.areaInfoList).toEqual([
      { areaId: "黄金区", areaName: "黄金区", areaSettlePrice: expect.any(String), areaServiceFee: 0 },
    ]);
  });

  it("a lock on a show past its stop-selling time answers SCHEDULE_CLOSE_SALE (the refs' lark sample)", async () => {
    const { call, clock } = await makeLark();
    const schedules = await call("ykse.lark.partner.schedule.getSchedules", { cinemaLinkId: "681" });
    // 9002 starts 20 minutes after the base time and stops selling 10 minutes before: still open. Move past it.
    const s = schedules.data?.dataList?.find((x) => x.scheduleId === "9002");
    const lock = (extraMinutes: number) =>
      call("ykse.lark.partner.seat.lockSeats", {
        cinemaLinkId: "681",
        scheduleId: "9002",
        scheduleKey: s.scheduleKey,
        outLockId: `L${extraMinutes}`,
        seatIdList: [seat(1, 1)],
      });
    expect((await lock(0)).data?.bizCode).toBe("SUCCESS");
    clock.advance(15 * MIN);
    const late = await lock(15);
    expect(late.data?.bizCode).toBe("SCHEDULE_CLOSE_SALE");
  });
});
