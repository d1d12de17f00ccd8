import { afterEach, describe, expect, it } from "vitest";
import { confirmBody, keyOf, lock, MIN, makeSim, type Sim, seat } from "./helpers.js";

let sim: Sim;
afterEach(async () => sim?.app.close());

const CONFIRM = "ykse.partner.order.confirmOrder";
const INFO = "ykse.partner.order.getOrderInfo";

async function buy(s: Sim, seats = [seat(1, 1)], scheduleId = "9001") {
  const locked = await lock(s, scheduleId, seats);
  expect(locked.data?.bizCode).toBe("SUCCESS");
  const lockOrderId = locked.data?.data.lockOrderId as string;
  const body = await confirmBody(s, lockOrderId, scheduleId, seats);
  return { lockOrderId, body, res: await s.call(CONFIRM, body) };
}

describe("ykse lock / confirm / query (§5.1–5.7)", () => {
  it("lock → confirm → getOrderInfo ticket_success; confirm is idempotent", async () => {
    sim = await makeSim();
    const { lockOrderId, body, res } = await buy(sim);
    expect(res.data?.bizCode).toBe("SUCCESS");
    const order = res.data?.data;
    expect(order.tickets[0]).toMatchObject({ seatId: seat(1, 1), rowId: "1", columnId: "01", serviceFee: "2.00" });
    expect(order.confirmationId).toMatch(/^\d{16}$/);
    const again = await sim.call(CONFIRM, body);
    expect(again.data?.data).toEqual(order);
    const changed = await sim.call(CONFIRM, { ...body, mobile: "13900000000" });
    expect(changed.data?.bizCode).toBe("REQUEST_PARAM_INCONFORMITY_ERROR");
    const info = await sim.call(INFO, { cinemaLinkId: "681", lockOrderId });
    expect(info.data?.data).toMatchObject({
      orderId: order.orderId,
      status: "ticket_success",
      showDateTime: "2026-03-10 13:00:00",
      tickets: [{ ticketPrice: "30.00", ticketFee: "2.00", printStatus: "N", refundStatus: "N" }],
    });
  });

  it("a seat locked by one client cannot be locked by another; release frees it", async () => {
    sim = await makeSim();
    const first = await lock(sim, "9001", [seat(1, 2)]);
    expect(first.data?.bizCode).toBe("SUCCESS");
    expect((await lock(sim, "9001", [seat(1, 2), seat(1, 3)])).data?.bizCode).toBe("LOCK_SEAT_ERROR");
    expect((await lock(sim, "9001", [seat(1, 4)])).data?.bizCode).toBe("LOCK_SEAT_ERROR"); // damaged
    expect((await lock(sim, "9001", [seat(2, 3)])).data?.bizCode).toBe("LOCK_SEAT_ERROR"); // love seat alone
    const released = await sim.call("ykse.partner.seat.releaseSeats", {
      cinemaLinkId: "681",
      lockOrderId: first.data?.data.lockOrderId,
    });
    expect(released.data?.bizCode).toBe("SUCCESS");
    expect((await lock(sim, "9001", [seat(1, 2)])).data?.bizCode).toBe("SUCCESS");
  });

  it("a lock expires after 15 minutes on the simulated clock; confirm then gets ORDER_SEAT_ERROR", async () => {
    sim = await makeSim();
    const first = await lock(sim, "9001", [seat(1, 1)]);
    sim.ctx.clock.advance(14 * MIN);
    expect((await lock(sim, "9001", [seat(1, 1)])).data?.bizCode).toBe("LOCK_SEAT_ERROR");
    sim.ctx.clock.advance(1 * MIN + 1);
    const body = await confirmBody(sim, first.data?.data.lockOrderId, "9001", [seat(1, 1)]);
    expect((await sim.call(CONFIRM, body)).data?.bizCode).toBe("ORDER_SEAT_ERROR");
    expect((await lock(sim, "9001", [seat(1, 1)])).data?.bizCode).toBe("SUCCESS");
  });

  it("validates prices per §5.3 note 3 (area settle price, settle price, lowest price) and the fee", async () => {
    sim = await makeSim();
    const l = await lock(sim, "9001", [seat(1, 1)]);
    const body = await confirmBody(sim, l.data?.data.lockOrderId, "9001", [seat(1, 1)], "29.99");
    expect((await sim.call(CONFIRM, body)).data?.bizCode).toBe("LOW_THAN_SETTLE_PRICE_ERROR");
    const badFee = { ...body, ticketList: [{ seatId: seat(1, 1), ticketPrice: "30.00", ticketFee: "1.00" }] };
    expect((await sim.call(CONFIRM, badFee)).data?.bizCode).toBe("TICKET_FEE_ERROR");
    const area = await lock(sim, "9001", [seat(3, 1)]);
    const areaBody = await confirmBody(sim, area.data?.data.lockOrderId, "9001", [seat(3, 1)], "35.00");
    expect((await sim.call(CONFIRM, areaBody)).data?.bizCode).toBe("AREA_SEAT_LOW_THAN_AREA_SETTLE_PRICE_ERROR");
    const ok = await sim.call(CONFIRM, {
      ...areaBody,
      ticketList: [{ seatId: seat(3, 1), ticketPrice: "40.00", ticketFee: "2.00" }],
    });
    expect(ok.data?.bizCode).toBe("SUCCESS");
    const show = sim.ctx.dataset.showtimes.find((s) => s.id === "9002");
    if (show) show.settleFen = 0; // no settle price published: lowestPrice is the floor
    const low = await lock(sim, "9002", [seat(1, 1)]);
    const lowBody = await confirmBody(sim, low.data?.data.lockOrderId, "9002", [seat(1, 1)], "24.00");
    expect((await sim.call(CONFIRM, lowBody)).data?.bizCode).toBe("LOW_THAN_LEAST_PRICE_ERROR");
  });

  it("refuses a stale scheduleKey and a confirm after stopSellingTime", async () => {
    sim = await makeSim();
    const l = await lock(sim, "9002", [seat(1, 1)]);
    const body = await confirmBody(sim, l.data?.data.lockOrderId, "9002", [seat(1, 1)]);
    expect((await sim.call(CONFIRM, { ...body, scheduleKey: "0".repeat(32) })).data?.bizCode).toBe(
      "SCHEDULE_HAS_CHANGED",
    );
    sim.ctx.clock.advance(11 * MIN); // the show starts at +20 min and stops selling 10 min before
    expect((await sim.call(CONFIRM, body)).data?.bizCode).toBe("ORDER_TICKET_TIME_END");
  });
});

describe("ykse tickets, printing, refunds and reversals (§5.8–5.14)", () => {
  it("refund works before printing and is refused after printing", async () => {
    sim = await makeSim();
    const a = (await buy(sim, [seat(1, 1)])).res.data?.data;
    const refund = await sim.call("ykse.partner.order.refundOrder", { cinemaLinkId: "681", orderId: a.orderId });
    expect(refund.data?.bizCode).toBe("SUCCESS");
    const again = await sim.call("ykse.partner.order.refundOrder", { cinemaLinkId: "681", orderId: a.orderId });
    expect(again.data?.bizCode).toBe("TICKET_HAS_REFUND");
    expect((await sim.call(INFO, { cinemaLinkId: "681", orderId: a.orderId })).data?.data.status).toBe(
      "refund_success",
    );

    const b = (await buy(sim, [seat(1, 2)])).res.data?.data;
    const ticket = await sim.call("ykse.partner.order.getTicketInfo", {
      cinemaLinkId: "681",
      confirmationId: b.confirmationId,
    });
    const printId = ticket.data?.data.printId;
    expect(ticket.data?.data.tickets[0].infoCode).toBeTruthy();
    const status = { cinemaLinkId: "681", printId };
    expect((await sim.call("ykse.partner.ticket.getOrderPrintStatus", status)).data?.bizCode).toBe(
      "PRINT_TICKET_ALLOW",
    );
    expect((await sim.call("ykse.partner.ticket.printTicket", status)).data?.bizCode).toBe("SUCCESS");
    expect((await sim.call("ykse.partner.ticket.printTicket", status)).data?.bizCode).toBe("PRINT_TICKET_NOT_ALLOW");
    expect((await sim.call("ykse.partner.ticket.getOrderPrintStatus", status)).data?.bizCode).toBe(
      "PRINT_TICKET_NOT_ALLOW",
    );
    const refused = await sim.call("ykse.partner.order.refundOrder", { cinemaLinkId: "681", orderId: b.orderId });
    expect(refused.data?.bizCode).toBe("TICKET_HAS_PRINT");
    const wrong = await sim.call("ykse.partner.order.getTicketInfo", { cinemaLinkId: "681", confirmationId: "1" });
    expect(wrong.data?.bizCode).toBe("CONFIRMATIONID_WRONG");
  });

  it("refund is refused past refundBeforeTime", async () => {
    sim = await makeSim();
    const a = (await buy(sim, [seat(1, 1)])).res.data?.data;
    sim.ctx.clock.advance(121 * MIN); // show at +180 min, refunds until 60 min before
    const res = await sim.call("ykse.partner.order.refundOrder", { cinemaLinkId: "681", orderId: a.orderId });
    expect(res.data?.bizCode).toBe("CANCEL_TIME_ERROR");
  });

  it("slow issue: confirm answers ORDER_PROCESSING (wait_ticket) and settles after the configured minutes", async () => {
    sim = await makeSim();
    sim.ctx.faults.update({ slowIssueMinutes: 5 });
    const { body, res, lockOrderId } = await buy(sim);
    expect(res.data?.bizCode).toBe("ORDER_PROCESSING");
    expect((await sim.call(INFO, { cinemaLinkId: "681", lockOrderId })).data?.data.status).toBe("wait_ticket");
    sim.ctx.clock.advance(5 * MIN);
    expect((await sim.call(INFO, { cinemaLinkId: "681", lockOrderId })).data?.data.status).toBe("ticket_success");
    expect((await sim.call(CONFIRM, body)).data?.bizCode).toBe("SUCCESS");
  });

  it("slow issue with outcome fail ends in ticket_failed and frees the seats", async () => {
    sim = await makeSim();
    sim.ctx.faults.update({ slowIssueMinutes: 3, slowIssueOutcome: "fail" });
    const { lockOrderId } = await buy(sim);
    sim.ctx.clock.advance(3 * MIN);
    expect((await sim.call(INFO, { cinemaLinkId: "681", lockOrderId })).data?.data.status).toBe("ticket_failed");
    sim.ctx.faults.update({ slowIssueMinutes: 0 });
    expect((await lock(sim, "9001", [seat(1, 1)])).data?.bizCode).toBe("SUCCESS");
  });

  it("reversal: not before 12 minutes, allowed for a pending order, idempotent; refused for a prompt success", async () => {
    sim = await makeSim();
    sim.ctx.faults.update({ slowIssueMinutes: 30 });
    const { res, lockOrderId } = await buy(sim);
    expect(res.data?.bizCode).toBe("ORDER_PROCESSING");
    const orderId = (await sim.call(INFO, { cinemaLinkId: "681", lockOrderId })).data?.data.orderId;
    const rev = { cinemaLinkId: "681", orderId };
    sim.ctx.clock.advance(11 * MIN);
    expect((await sim.call("ykse.partner.order.reverseOrder", rev)).data?.bizCode).toBe("REVERSE_TICKET_NO_TIME_YET");
    sim.ctx.clock.advance(2 * MIN);
    expect((await sim.call("ykse.partner.order.reverseMixOrder", rev)).data?.bizCode).toBe(
      "REVERSE_ORDER_TYPE_UNMATCH",
    );
    expect((await sim.call("ykse.partner.order.reverseOrder", rev)).data?.bizCode).toBe("SUCCESS");
    expect((await sim.call("ykse.partner.order.reverseOrder", rev)).data?.bizCode).toBe("SUCCESS");
    sim.ctx.clock.advance(30 * MIN); // the pending issue never lands after a reversal
    expect((await sim.call(INFO, rev)).data?.data.status).toBe("reverse_success");

    sim.ctx.faults.update({ slowIssueMinutes: 0 });
    const prompt = (await buy(sim, [seat(1, 2)])).res.data?.data;
    sim.ctx.clock.advance(13 * MIN);
    const refused = await sim.call("ykse.partner.order.reverseOrder", { cinemaLinkId: "681", orderId: prompt.orderId });
    expect(refused.data?.bizCode).toBe("REVERSE_TICKET_STATUS_INCORRECT");
  });

  it("an order issued 12+ minutes after the request can be reversed", async () => {
    sim = await makeSim();
    sim.ctx.faults.update({ slowIssueMinutes: 12 });
    const { lockOrderId } = await buy(sim);
    sim.ctx.clock.advance(13 * MIN);
    const info = await sim.call(INFO, { cinemaLinkId: "681", lockOrderId });
    expect(info.data?.data.status).toBe("ticket_success");
    const rev = await sim.call("ykse.partner.order.reverseOrder", {
      cinemaLinkId: "681",
      orderId: info.data?.data.orderId,
    });
    expect(rev.data?.bizCode).toBe("SUCCESS");
  });

  it("mixed order with concessions: confirmMixOrder, getOrderInfo goodsOrder, refundMixOrder", async () => {
    sim = await makeSim();
    const l = await lock(sim, "9001", [seat(1, 3)]);
    const body = {
      ...(await confirmBody(sim, l.data?.data.lockOrderId, "9001", [seat(1, 3)])),
      goodsList: [{ goodsId: "k1", isPackage: false, count: 2, salePrice: "15.00" }],
    };
    const res = await sim.call("ykse.partner.order.confirmMixOrder", body);
    expect(res.data?.bizCode).toBe("SUCCESS");
    expect(res.data?.data.goodsOrder).toMatchObject({ totalGoodsPrice: "30.00", goods: [{ goodsId: "k1", count: 2 }] });
    expect(res.data?.data.goodsOrder.pickUpCode).toMatch(/^\d{8}$/);
    const orderId = res.data?.data.orderId;
    expect((await sim.call("ykse.partner.order.refundOrder", { cinemaLinkId: "681", orderId })).data?.bizCode).toBe(
      "REFUND_ORDER_TYPE_NOT_MATCH",
    );
    expect((await sim.call("ykse.partner.order.refundMixOrder", { cinemaLinkId: "681", orderId })).data?.bizCode).toBe(
      "SUCCESS",
    );
    const cheap = await lock(sim, "9001", [seat(1, 1)]);
    const cheapBody = {
      ...(await confirmBody(sim, cheap.data?.data.lockOrderId, "9001", [seat(1, 1)])),
      goodsList: [{ goodsId: "k1", isPackage: false, count: 1, salePrice: "14.00" }],
    };
    expect((await sim.call("ykse.partner.order.confirmMixOrder", cheapBody)).data?.bizCode).toBe("GOODS_PRICE_LESS");
  });

  it("standalone goods orders are idempotent by thirdOrderId and refundable once", async () => {
    sim = await makeSim();
    const body = {
      cinemaLinkId: "681",
      thirdOrderId: "G1",
      mobile: "13800138000",
      goodsList: [{ goodsId: "k1", count: "1", isPackage: "false", salePrice: "20.00" }],
    };
    const first = await sim.call("ykse.partner.order.confirmGoodsOrder", body);
    expect(first.data?.data).toMatchObject({ orderStatus: "goods_success", totalGoodsPrice: "20.00" });
    expect((await sim.call("ykse.partner.order.confirmGoodsOrder", body)).data?.data).toEqual(first.data?.data);
    const q = { cinemaLinkId: "681", goodsOrderId: first.data?.data.goodsOrderId };
    expect((await sim.call("ykse.partner.order.refundGoodsOrder", q)).data?.bizCode).toBe("SUCCESS");
    expect((await sim.call("ykse.partner.order.refundGoodsOrder", q)).data?.bizCode).toBe("GOODS_REFUND_FAILED");
    expect((await sim.call("ykse.partner.order.getGoodsOrderInfo", q)).data?.data.orderStatus).toBe("refund_success");
    expect(await keyOf(sim, "9001")).toBeTruthy();
  });
});
