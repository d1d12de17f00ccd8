import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SimContext } from "../../src/core/context.js";
import { createMoviefanSimulator, markMoviefanOrderReturned } from "../../src/moviefan/index.js";
import { signedQuery, testContext } from "./fixture.js";

const MOBILE = "13800138000";
const MIN = 60_000;

describe("Moviefan lock → submit → query", () => {
  let ctx: SimContext;
  let app: Awaited<ReturnType<typeof createMoviefanSimulator>>;
  const call = async (name: string, params: Record<string, string> = {}) =>
    (
      await app.inject({
        method: "POST",
        url: `/api/${name}.aspx`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: signedQuery(params),
      })
    ).json();
  const lock = (
    seatIDs: string,
    seatNames = seatIDs
      .split(",")
      .map((_, i) => `1排${i + 1}座`)
      .join(","),
  ) => call("lockSeats", { showtimeID: "100001", seatIDs, seatNames, mobile: MOBILE });
  const seatStatus = async (seatID: string) =>
    (await call("queryShowSeats", { showtimeID: "100001" })).seats.find((s: { seatID: string }) => s.seatID === seatID)
      .status;

  beforeEach(async () => {
    ctx = testContext();
    app = await createMoviefanSimulator(ctx);
  });
  afterEach(() => app.close());

  it("refuses to lock 5 seats at once", async () => {
    const res = await lock("2_1,4_1,5_1,1_2,2_2");
    expect(res.code).toBe(301);
    expect(await seatStatus("2_1")).toBe(1);
  });

  it("refuses half a love seat but locks the pair; both halves become unavailable", async () => {
    expect((await lock("1_3")).code).toBe(301);
    const res = await lock("1_3,2_3");
    expect(res.code).toBe(1);
    expect(await seatStatus("1_3")).toBe(0);
    expect(await seatStatus("2_3")).toBe(0);
    expect(await seatStatus("4_3")).toBe(1);
  });

  it("holds seats exclusively until released", async () => {
    const first = await lock("2_1,4_1");
    expect(first.code).toBe(1);
    const id = first.order.OrderExternalID;
    expect(id).toMatch(/^\d{16}$/);
    expect((await lock("4_1,5_1")).code).toBe(301);
    expect(await call("releaseSeats", { orderExternalID: id })).toEqual({ code: "1", msg: "操作成功。" });
    expect((await call("queryOrder", { orderExternalID: id })).orderdetail.externalOrderStatus).toBe(110);
    expect((await lock("4_1,5_1")).code).toBe(1);
    expect((await call("releaseSeats", { orderExternalID: id })).code).toBe(302);
  });

  it("lets a lock lapse after 15 simulated minutes", async () => {
    const id = (await lock("2_1")).order.OrderExternalID;
    ctx.clock.advance(14 * MIN);
    expect(await seatStatus("2_1")).toBe(0);
    ctx.clock.advance(MIN);
    expect(await seatStatus("2_1")).toBe(1);
    expect((await call("queryOrder", { orderExternalID: id })).orderdetail.externalOrderStatus).toBe(100);
    expect((await call("submitOrder", { orderExternalID: id, mobile: MOBILE, amount: "3500" })).code).toBe(302);
    expect((await lock("2_1")).code).toBe(1);
  });

  it("issues with printCode / verifyCode after submitOrder", async () => {
    const id = (await lock("2_1,4_1", "1排2座,1排3座")).order.OrderExternalID;
    const before = (await call("queryOrder", { orderExternalID: id })).orderdetail;
    expect(before).toMatchObject({ externalOrderStatus: 10, payState: 0, printCode: "", quantity: 2, amount: 7000 });
    expect((await call("submitOrder", { orderExternalID: id, mobile: MOBILE, amount: "6000" })).code).toBe(303);
    expect((await call("submitOrder", { orderExternalID: id, mobile: "13900000000", amount: "7000" })).code).toBe(303);
    expect(await call("submitOrder", { orderExternalID: id, mobile: MOBILE, amount: "7000" })).toEqual({
      code: "001",
      msg: "操作成功。",
    });
    const res = await app.inject({
      method: "GET",
      url: `/api/queryOrder.aspx?${signedQuery({ orderExternalID: id })}`,
    });
    expect(res.body).toContain('"startTime":"\\/Date(');
    const detail = res.json().orderdetail;
    expect(detail).toMatchObject({
      orderExternalID: id,
      externalOrderStatus: 30,
      payState: 1,
      amount: 7000,
      movieName: "疯狂动物城",
      seatName: "1排2座,1排3座",
      ReturnedOrderStatus: 0,
      startTime: `/Date(${Date.parse("2026-03-04T13:00:00+08:00")}+0800)/`,
    });
    expect(detail.printCode).toMatch(/^20260304\d{8}$/);
    expect(detail.verifyCode).toMatch(/^\d{6}$/);
    expect(detail.cinemaTicketCode).toMatch(new RegExp(`^\\d{6}\\|${detail.verifyCode}$`));
    expect(detail.QrCode).not.toBe("");
    // Sold seats stay unavailable; a second submit is a state error.
    ctx.clock.advance(20 * MIN);
    expect(await seatStatus("2_1")).toBe(0);
    expect((await call("submitOrder", { orderExternalID: id, mobile: MOBILE, amount: "7000" })).code).toBe(302);
    markMoviefanOrderReturned(app, id, 1);
    expect((await call("queryOrder", { orderExternalID: id })).orderdetail.ReturnedOrderStatus).toBe(1);
    expect((await call("queryOrder", { orderExternalID: "1" })).code).toBe(300);
  });

  it("slow issue: stays 10 with payState 1, then 30 after the configured simulated minutes", async () => {
    ctx.faults.update({ slowIssueMinutes: 5 });
    const id = (await lock("2_1")).order.OrderExternalID;
    expect((await call("submitOrder", { orderExternalID: id, mobile: MOBILE, amount: "3500" })).code).toBe("001");
    ctx.clock.advance(4 * MIN);
    const pending = (await call("queryOrder", { orderExternalID: id })).orderdetail;
    expect(pending).toMatchObject({ externalOrderStatus: 10, payState: 1, printCode: "" });
    // Paid orders outlive the 15-minute lock window and cannot be released.
    expect((await call("releaseSeats", { orderExternalID: id })).code).toBe(302);
    ctx.clock.advance(MIN);
    expect((await call("queryOrder", { orderExternalID: id })).orderdetail.externalOrderStatus).toBe(30);
  });

  it("slow issue failing ends in 40 and frees the seats", async () => {
    ctx.faults.update({ slowIssueMinutes: 3, slowIssueOutcome: "fail" });
    const id = (await lock("2_1")).order.OrderExternalID;
    await call("submitOrder", { orderExternalID: id, mobile: MOBILE, amount: "3500" });
    ctx.clock.advance(3 * MIN);
    const detail = (await call("queryOrder", { orderExternalID: id })).orderdetail;
    expect(detail).toMatchObject({ externalOrderStatus: 40, payState: 1, printCode: "", verifyCode: "" });
    expect(await seatStatus("2_1")).toBe(1);
  });

  it("refuses locks after the stop-selling time (201) and renders faults as code 100 / HTTP 503", async () => {
    ctx.faults.update({ calls: { queryOrder: { errorRate: 1 } } });
    expect(await call("queryOrder", { orderExternalID: "1" })).toEqual({ code: 100, msg: "系统错误" });
    ctx.faults.update({ calls: { queryShows: { down: true } } });
    const down = await app.inject({ method: "GET", url: `/api/queryShows.aspx?${signedQuery({ cinemaID: "5801" })}` });
    expect(down.statusCode).toBe(503);
    ctx.clock.advance(2 * 60 * MIN + 46 * MIN);
    expect((await lock("2_1")).code).toBe(201);
    expect((await call("lockSeats", { showtimeID: "100001" })).code).toBe(200);
  });
});
