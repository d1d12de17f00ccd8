import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseChinaLocal } from "../../../src/domain/time.js";
import type { OrderRef, ShowtimeRef } from "../../../src/domain/trade.js";
import { currentPhase, minutes } from "../../../src/vendors/recovery.js";
import { decryptSensitive } from "../../../src/vendors/ykse/aes.js";
import type { YkseScheduleData } from "../../../src/vendors/ykse/mapping.js";
import { outLockIdOf, type YkseConfirmRequest } from "../../../src/vendors/ykse/trade.js";
import { CannedYkse, CREDENTIALS, NOW } from "./canned.js";
import * as doc from "./doc-examples.js";

const y = new CannedYkse();
beforeAll(() => y.start());
afterAll(() => y.stop());
beforeEach(() => y.reset());

const cinema = { vendorCinemaId: "681" };
const schedule = (over: Partial<YkseScheduleData> = {}): YkseScheduleData => ({
  scheduleKey: "2594671FA3E64BBD40BA51CC2EE75AB9",
  feeType: "ticket",
  ticketFeeFen: 200,
  lowestFen: 2500,
  settleFen: 4000,
  standardFen: 9000,
  areaSettleFen: { 黄金区: 5000 },
  benefitPrices: [],
  through: false,
  ...over,
});
const showtime = (data = schedule()): ShowtimeRef => ({
  vendorShowtimeId: "18206",
  vendorHallId: "14",
  startsAt: NOW + 3 * 3600_000,
  stopSellingAt: NOW + 3 * 3600_000 - 20 * 60_000,
  versionKey: data.scheduleKey,
  vendorData: { ykse: data },
});
const seat = (col: string, settleFen = 4000, serviceFeeFen = 200, areaId?: string) => ({
  vendorSeatId: `0000000000000001-A-${col}`,
  rowLabel: "A",
  colLabel: col,
  settleFen,
  serviceFeeFen,
  ...(areaId ? { areaId } : {}),
});
const confirmReq = (over: Partial<YkseConfirmRequest> = {}): YkseConfirmRequest => ({
  cinema,
  showtime: showtime(),
  seats: [seat("05"), seat("06")],
  mobile: "13800000000",
  orderId: "ord_1",
  vendorLockId: "20160114XXX68100000031",
  totalFen: 8400,
  attempt: 1,
  ...over,
});
const ref = (over: Partial<OrderRef> = {}): OrderRef => ({
  cinema,
  showtime: showtime(),
  orderId: "ord_1",
  vendorLockId: "20160114XXX68100000031",
  totalFen: 8400,
  ...over,
});

describe("§5.1 lock / §5.2 release", () => {
  it("sends scheduleKey, seatIdList and an outLockId (≤ 20 chars) derived from our order id", async () => {
    y.answer("ykse.partner.seat.lockSeats", doc.lockSeats);
    const res = await y.connector.lock(confirmReq());
    expect(res).toEqual({
      ok: true,
      value: {
        vendorLockId: "20160114XXX68100000031",
        lockedUntil: NOW + 15 * 60_000,
        vendorData: { outLockId: outLockIdOf("ord_1"), scheduleKey: "2594671FA3E64BBD40BA51CC2EE75AB9" },
      },
    });
    expect(y.last().data).toEqual({
      cinemaLinkId: "681",
      scheduleId: "18206",
      scheduleKey: "2594671FA3E64BBD40BA51CC2EE75AB9",
      outLockId: outLockIdOf("ord_1"),
      seatIdList: ["0000000000000001-A-05", "0000000000000001-A-06"],
    });
    expect(outLockIdOf("ord_1")).toMatch(/^\d{20}$/);
    expect(outLockIdOf("ord_1")).toBe(outLockIdOf("ord_1"));
  });

  it("maps LOCK_SEAT_ERROR to seat_unavailable and refuses after stopSellingTime without calling", async () => {
    y.biz("ykse.partner.seat.lockSeats", { bizCode: "LOCK_SEAT_ERROR", bizMsg: "座位无效或已被锁定" });
    const taken = await y.connector.lock(confirmReq());
    expect(!taken.ok && taken.error).toMatchObject({ code: "seat_unavailable", vendorCode: "LOCK_SEAT_ERROR" });
    y.reset();
    const late = await y.connector.lock(confirmReq({ showtime: { ...showtime(), stopSellingAt: NOW - 1 } }));
    expect(!late.ok && late.error.code).toBe("showtime_closed");
    expect(y.seen).toHaveLength(0);
  });

  it("releases by lockOrderId", async () => {
    y.answer("ykse.partner.seat.releaseSeats", doc.releaseSeats);
    const res = await y.connector.release(ref({ vendorLockId: "20160114XXX68100000032" }));
    expect(res.ok).toBe(true);
    expect(y.last().data).toEqual({ cinemaLinkId: "681", lockOrderId: "20160114XXX68100000032" });
  });
});

describe("§5.3 note 3/4 price rules, enforced before any call", () => {
  const rejected = async (req: YkseConfirmRequest, message: RegExp) => {
    const res = await y.connector.trade.confirm(req);
    expect(!res.ok && res.error.code).toBe("price_rejected");
    expect(!res.ok && res.error.message).toMatch(message);
    expect(y.seen).toHaveLength(0);
  };

  it("a seat in a priced area must be declared at its area settle price", async () => {
    await rejected(confirmReq({ seats: [seat("05", 4000, 200, "黄金区")] }), /area "黄金区" settle price is 50.00/);
  });
  it("otherwise at the schedule's settlePrice", async () => {
    await rejected(confirmReq({ seats: [seat("05", 3900)] }), /schedule settle price is 40.00/);
  });
  it("otherwise at or above lowestPrice", async () => {
    const st = showtime(schedule({ settleFen: undefined }));
    await rejected(confirmReq({ showtime: st, seats: [seat("05", 2499)] }), /below the schedule's lowest price 25.00/);
    y.answer("ykse.partner.order.confirmOrder", doc.confirmOrder);
    const ok = await y.connector.trade.confirm(confirmReq({ showtime: st, seats: [seat("05", 2500)] }));
    expect(ok.ok).toBe(true);
  });
  it("the fee must be the schedule's ticketFee", async () => {
    await rejected(confirmReq({ seats: [seat("05", 4000, 100)] }), /differs from the schedule's ticketFee 2.00/);
  });
  it("Shanghai: fee ≤ 12 yuan and ≤ 20 % of the ticket price", async () => {
    const sh = { vendorCinemaId: "681", shanghai: true };
    const big = showtime(schedule({ ticketFeeFen: 1300, settleFen: 9000 }));
    await rejected(confirmReq({ cinema: sh, showtime: big, seats: [seat("05", 9000, 1300)] }), /exceeds 12.00/);
    const pct = showtime(schedule({ ticketFeeFen: 900, settleFen: 4000 }));
    await rejected(confirmReq({ cinema: sh, showtime: pct, seats: [seat("05", 4000, 900)] }), /exceeds 20% of/);
    await rejected({ ...confirmReq({ cinema: sh, showtime: pct, seats: [seat("05", 4000, 900)] }) }, /Shanghai/);
  });
  it("discounted (member-card) tickets only need ≥ lowestPrice; benefit cards are refused on area seats", async () => {
    y.answer("ykse.partner.order.confirmOrder", doc.confirmOrder);
    const ok = await y.connector.trade.confirm(confirmReq({ seats: [{ ...seat("05", 3000), discount: "card" }] }));
    expect(ok.ok).toBe(true);
    expect(y.last().data.ticketList).toEqual([
      { seatId: "0000000000000001-A-05", ticketPrice: "30.00", ticketFee: "2.00", isCardDiscount: true },
    ]);
    y.reset();
    await rejected(
      confirmReq({
        seats: [{ ...seat("05", 5000, 200, "黄金区"), discount: "benefit" }],
        payments: [{ method: "BenefitCard", benefitCardNumber: "6810000001" }],
      }),
      /cannot use a benefit card/,
    );
  });
});

describe("§5.3–5.6 confirm", () => {
  it("confirmOrder: ticketList in yuan, mobile, idempotent; SUCCESS → issued with pickup code", async () => {
    y.answer("ykse.partner.order.confirmOrder", doc.confirmOrder);
    const res = await y.connector.trade.confirm(confirmReq());
    expect(y.last().params.api).toBe("ykse.partner.order.confirmOrder");
    expect(y.last().data).toEqual({
      cinemaLinkId: "681",
      lockOrderId: "20160114XXX68100000031",
      scheduleId: "18206",
      scheduleKey: "2594671FA3E64BBD40BA51CC2EE75AB9",
      ticketList: [
        { seatId: "0000000000000001-A-05", ticketPrice: "40.00", ticketFee: "2.00" },
        { seatId: "0000000000000001-A-06", ticketPrice: "40.00", ticketFee: "2.00" },
      ],
      mobile: "13800000000",
    });
    expect(res).toEqual({
      ok: true,
      value: {
        state: "issued",
        vendorOrderId: "20160114XXX68100000033",
        tickets: [{ vendorSeatId: "0000000000000001-2-21", ticketNo: "6811601140112256" }],
        pickup: { printCode: "2016011541719556", instructions: "凭取票号 2016011541719556 在影院自助机取票" },
      },
    });
  });

  it("member-card payment: payCardInfo with the §3-encrypted password", async () => {
    y.answer("ykse.partner.order.confirmOrder", doc.confirmOrder);
    await y.connector.trade.confirm(
      confirmReq({
        payments: [
          { method: "MemberCard", cardNumber: "6810000001", password: "135790", amountFen: 8400, issuerCinemaId: "92" },
        ],
      }),
    );
    const [payment] = y.last().data.paymentList as Array<{
      paymentMethod: string;
      payCardInfo: Record<string, string>;
    }>;
    expect(payment?.paymentMethod).toBe("MemberCard");
    expect(payment?.payCardInfo).toMatchObject({ payAmount: "84.00", cinemaLinkId: "92", cardNumber: "6810000001" });
    expect(decryptSensitive(payment!.payCardInfo.cardPassword!, CREDENTIALS.cardKey)).toBe("135790");
  });

  it("ORDER_PROCESSING → pending; an ambiguous answer → outcome_unknown; a refusal → its standard code", async () => {
    y.biz("ykse.partner.order.confirmOrder", { bizCode: "ORDER_PROCESSING", bizMsg: "订单正在处理中" });
    expect(await y.connector.trade.confirm(confirmReq())).toEqual({ ok: true, value: { state: "pending" } });
    y.reset();
    y.biz("ykse.partner.order.confirmOrder", { bizCode: "CINEMA_CONNECTION_ERROR", bizMsg: "请求本地系统超时" });
    const unknown = await y.connector.trade.confirm(confirmReq());
    expect(!unknown.ok && unknown.error).toMatchObject({
      code: "outcome_unknown",
      vendorCode: "CINEMA_CONNECTION_ERROR",
    });
    y.reset();
    y.answer("ykse.partner.order.confirmOrder", { api: "x", v: "1.0", retCode: "40002", retMsg: "remote timeout" });
    const timeout = await y.connector.trade.confirm(confirmReq());
    expect(!timeout.ok && timeout.error).toMatchObject({ code: "outcome_unknown", vendorCode: "40002" });
    y.reset();
    y.biz("ykse.partner.order.confirmOrder", { bizCode: "LOW_THAN_SETTLE_PRICE_ERROR", bizMsg: "影票价格低于结算价" });
    const low = await y.connector.trade.confirm(confirmReq());
    expect(!low.ok && low.error).toMatchObject({ code: "price_rejected", vendorCode: "LOW_THAN_SETTLE_PRICE_ERROR" });
  });

  it("confirmMixOrderForMultiPay: per-ticket and per-goods payment lists that must add up", async () => {
    y.answer("ykse.partner.order.confirmMixOrderForMultiPay", doc.confirmMixOrderForMultiPay);
    const card = { cardNumber: "112345", password: "246810", issuerCinemaId: "92", discounted: true };
    const req = confirmReq({
      seats: [seat("05")],
      ticketPayments: [
        [
          { method: "MemberCard", amountFen: 2100, card },
          { method: "Corp", amountFen: 2100 },
        ],
      ],
      goods: [
        {
          vendorGoodsId: "8160812223149",
          isPackage: true,
          count: 1,
          unitFen: 5000,
          payments: [{ method: "WeChat", amountFen: 5000, thirdTradeNo: "wx42", outTradeNo: "ord_1" }],
        },
      ],
    });
    const res = await y.connector.trade.confirm(req);
    expect(y.last().params.api).toBe("ykse.partner.order.confirmMixOrderForMultiPay");
    const data = y.last().data as Record<string, Array<Record<string, unknown>>>;
    expect(data.ticketList?.[0]).toMatchObject({
      seatId: "0000000000000001-A-05",
      ticketPrice: "40.00",
      ticketFee: "2.00",
      paymentList: [
        {
          paymentMethod: "MemberCard",
          payAmount: "21.00",
          payCardInfo: { cardNumber: "112345", cinemaLinkId: "92", totalDisTickets: "1" },
        },
        { paymentMethod: "Corp", payAmount: "21.00" },
      ],
    });
    expect(data.goodsList?.[0]).toEqual({
      goodsId: "8160812223149",
      isPackage: true,
      count: "1",
      salePrice: "50.00",
      paymentList: [
        {
          paymentMethod: "WeChat",
          payAmount: "50.00",
          thirdPartPayment: { thirdTradeNo: "wx42", outTradeNo: "ord_1" },
        },
      ],
    });
    expect(res.ok && res.value.state === "issued" && res.value.pickup.instructions).toBe(
      "取票号 2016011538739620；卖品取货码 5251",
    );
    y.reset();
    const short = await y.connector.trade.confirm({
      ...req,
      ticketPayments: [[{ method: "Corp", amountFen: 4000 }]],
    });
    expect(!short.ok && short.error.code).toBe("price_rejected");
    expect(y.seen).toHaveLength(0);
  });

  it("confirmMixOrder and confirmOrderForMultiPay pick their api names", async () => {
    y.answer("ykse.partner.order.confirmMixOrder", doc.confirmOrder);
    await y.connector.trade.confirm(
      confirmReq({ goods: [{ vendorGoodsId: "1235", isPackage: false, count: 1, unitFen: 2000 }] }),
    );
    expect(y.last().params.api).toBe("ykse.partner.order.confirmMixOrder");
    expect(y.last().data.goodsList).toEqual([{ goodsId: "1235", isPackage: false, count: "1", salePrice: "20.00" }]);
    y.answer("ykse.partner.order.confirmOrderForMultiPay", doc.confirmOrder);
    await y.connector.trade.confirm(
      confirmReq({ seats: [seat("05")], ticketPayments: [[{ method: "CinemaPay", amountFen: 4200 }]] }),
    );
    expect(y.last().params.api).toBe("ykse.partner.order.confirmOrderForMultiPay");
  });
});

describe("§5.7 order query — the 7 statuses", () => {
  it.each([
    ["wait_ticket", "pending"],
    ["ticket_success", "issued"],
    ["ticket_failed", "failed"],
    ["refunding", "pending"],
    ["refund_success", "refunded"],
    ["refund_failed", "issued"],
    ["reverse_success", "reversed"],
  ])("%s → %s", async (status, state) => {
    y.answer("ykse.partner.order.getOrderInfo", doc.getOrderInfo(status));
    const res = await y.connector.queryOrder(ref());
    expect(res.ok && res.value.state).toBe(state);
    expect(y.last().data).toEqual({ cinemaLinkId: "681", lockOrderId: "20160114XXX68100000031" });
  });

  it("asks by orderId when known; an issued order carries tickets, pickup and print state; ORDER_NOT_FOUND → not_found", async () => {
    y.answer("ykse.partner.order.getOrderInfo", doc.getOrderInfo("ticket_success"));
    const res = await y.connector.queryOrder(ref({ vendorOrderId: "20160114XXX68100000109" }));
    expect(y.last().data).toEqual({ cinemaLinkId: "681", orderId: "20160114XXX68100000109" });
    expect(res.ok && res.value).toEqual({
      state: "issued",
      vendorOrderId: "20160114XXX68100000109",
      tickets: [{ vendorSeatId: "0000000000000001-3-22", ticketNo: "6811601140112320" }],
      pickup: { printCode: "2016011538739620", instructions: "取票号 2016011538739620；卖品取货码 5251" },
      printed: false,
    });
    y.reset();
    y.biz("ykse.partner.order.getOrderInfo", { bizCode: "ORDER_NOT_FOUND", bizMsg: "订单不存在" });
    expect(await y.connector.queryOrder(ref())).toEqual({ ok: true, value: { state: "not_found" } });
  });
});

describe("§5.8–5.10 pickup info and printing", () => {
  it("getTicketInfo maps printId and the QR payloads", async () => {
    y.answer("ykse.partner.order.getTicketInfo", doc.getTicketInfo);
    const res = await y.connector.trade.ticketInfo(cinema, "2016011555589557");
    expect(y.last().data).toEqual({ cinemaLinkId: "681", confirmationId: "2016011555589557" });
    expect(res.ok && res.value).toMatchObject({
      printId: "6810160114002149",
      hallName: "Super LS",
      showsAt: parseChinaLocal("2016-01-15 09:55:00"),
      tickets: [{ ticketNo: "6811601140112257", sectionName: "普通区", priceFen: 9900, feeFen: 100, printed: false }],
    });
  });

  it("printStatus follows getOrderInfo → getTicketInfo", async () => {
    y.answer("ykse.partner.order.getOrderInfo", doc.getOrderInfo("ticket_success"));
    y.answer("ykse.partner.order.getTicketInfo", doc.getTicketInfo);
    expect(await y.connector.printStatus!(ref())).toEqual({ ok: true, value: { printed: false } });
    expect(y.seen.map((r) => r.params.api)).toEqual([
      "ykse.partner.order.getOrderInfo",
      "ykse.partner.order.getTicketInfo",
    ]);
  });

  it("printTicket's PRINT_TICKET_NOT_ALLOW is an error; getOrderPrintStatus's codes are answers", async () => {
    y.answer("ykse.partner.ticket.printTicket", doc.printTicket);
    const printed = await y.connector.trade.printTicket(cinema, "6810160114002150");
    expect(!printed.ok && printed.error).toMatchObject({ code: "order_state", vendorCode: "PRINT_TICKET_NOT_ALLOW" });
    y.answer("ykse.partner.ticket.getOrderPrintStatus", doc.getOrderPrintStatus);
    expect(await y.connector.trade.orderPrintStatus(cinema, "6810160114002150")).toEqual({
      ok: true,
      value: { printable: true },
    });
  });
});

describe("§5.11–5.14 refunds and reversals", () => {
  it("refundOrder → refunded; TICKET_HAS_REFUND is also refunded; refusals are refund_refused", async () => {
    y.answer("ykse.partner.order.refundOrder", doc.refundOrder);
    expect(await y.connector.refund!(ref({ vendorOrderId: "20160114XXX68100000037" }), "buyer")).toEqual({
      ok: true,
      value: { state: "refunded", vendorOrderId: "20160114XXX68100000037" },
    });
    expect(y.last().data).toEqual({ cinemaLinkId: "681", orderId: "20160114XXX68100000037" });
    y.reset();
    y.biz("ykse.partner.order.refundOrder", { bizCode: "TICKET_HAS_REFUND", bizMsg: "已退票" });
    expect((await y.connector.refund!(ref({ vendorOrderId: "1" }), "again")).ok).toBe(true);
    y.reset();
    y.biz("ykse.partner.order.refundOrder", { bizCode: "CANCEL_TIME_ERROR", bizMsg: "退票时间错误" });
    const late = await y.connector.refund!(ref({ vendorOrderId: "1" }), "late");
    expect(!late.ok && late.error).toMatchObject({ code: "refund_refused", vendorCode: "CANCEL_TIME_ERROR" });
  });

  it("falls back to refundMixOrder on REFUND_ORDER_TYPE_NOT_MATCH", async () => {
    y.biz("ykse.partner.order.refundOrder", { bizCode: "REFUND_ORDER_TYPE_NOT_MATCH", bizMsg: "类型不匹配" });
    y.answer("ykse.partner.order.refundMixOrder", { ...doc.refundOrder, api: "ykse.partner.order.refundMixOrder" });
    const res = await y.connector.refund!(ref({ vendorOrderId: "16021706814918000007" }), "x");
    expect(res.ok && res.value.state).toBe("refunded");
    expect(y.seen.map((r) => r.params.api)).toEqual([
      "ykse.partner.order.refundOrder",
      "ykse.partner.order.refundMixOrder",
    ]);
  });

  it("reverse looks the orderId up when needed; REVERSE_TICKET_STATUS_INCORRECT → order_state", async () => {
    y.answer("ykse.partner.order.getOrderInfo", doc.getOrderInfo("wait_ticket"));
    y.answer("ykse.partner.order.reverseOrder", doc.reverseOrder);
    const res = await y.connector.reverse!(ref());
    expect(res).toEqual({ ok: true, value: { state: "reversed", vendorOrderId: "20160114XXX68100000109" } });
    expect(y.last().data).toEqual({ cinemaLinkId: "681", orderId: "20160114XXX68100000109" });
    y.reset();
    y.biz("ykse.partner.order.reverseMixOrder", { bizCode: "REVERSE_TICKET_STATUS_INCORRECT", bizMsg: "非可冲正状态" });
    const wrong = await y.connector.trade.reverse(ref({ vendorOrderId: "9" }), "mix");
    expect(!wrong.ok && wrong.error.code).toBe("order_state");
    y.reset();
    y.biz("ykse.partner.order.getOrderInfo", { bizCode: "ORDER_NOT_FOUND", bizMsg: "订单不存在" });
    expect(await y.connector.reverse!(ref())).toEqual({ ok: true, value: { state: "not_found" } });
  });
});

describe("§10 recovery policy", () => {
  const policy = () => y.connector.recovery;
  const at = (m: number, used: number[] = []) => currentPhase(policy().settle, minutes(m), minutes(600), used)?.phase;
  it("confirms each minute up to 12 minutes, reverses minutes 13–15 then every 30 minutes", () => {
    expect(at(1)).toMatchObject({ action: "confirm", everyMs: 60_000 });
    expect(at(12)).toMatchObject({ action: "confirm" });
    expect(at(13)).toMatchObject({ action: "reverse", everyMs: 60_000, onIncorrectState: "query" });
    expect(at(15)).toMatchObject({ action: "reverse", untilMs: minutes(15) });
    expect(at(16)).toMatchObject({
      action: "reverse",
      everyMs: minutes(30),
      untilMs: "showtime",
      onIncorrectState: "query",
    });
    expect(currentPhase(policy().settle, minutes(20), 0, [])?.phase.untilMs).toBe("showtime");
    expect(currentPhase(policy().settle, minutes(20), -1, [])).toBeNull();
    expect(policy().source).toMatch(/§10/);
  });
});
