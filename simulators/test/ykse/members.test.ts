import { afterEach, describe, expect, it } from "vitest";
import { demoAccounts } from "../../src/core/accounts.js";
import { encryptSensitive } from "../../src/ykse/aes.js";
import { confirmBody, lock, makeSim, type Sim, seat } from "./helpers.js";

let sim: Sim;
afterEach(async () => sim?.app.close());

const enc = (pw: string) => encryptSensitive(pw, demoAccounts.ykse.cardKey);
const CARD = { cinemaLinkId: "681", cardNumber: "6810000001" };

describe("ykse member cards (§7)", () => {
  it("logs in (queryBalance) with an AES-encrypted password and refuses a wrong one", async () => {
    sim = await makeSim();
    const good = await sim.call("ykse.partner.card.queryBalance", { ...CARD, cardPassword: enc("123456") });
    expect(good.data).toMatchObject({ bizCode: "SUCCESS", data: { balance: "200.00", cardNumber: "6810000001" } });
    const bad = await sim.call("ykse.partner.card.queryBalance", { ...CARD, cardPassword: enc("654321") });
    expect(bad.data?.bizCode).toBe("CARD_PASSWORD_ERROR");
    const plain = await sim.call("ykse.partner.card.queryBalance", { ...CARD, cardPassword: "123456" });
    expect(plain.data?.bizCode).toBe("CARD_PASSWORD_ERROR");
    const none = await sim.call("ykse.partner.card.queryBalance", {
      ...CARD,
      cardNumber: "999",
      cardPassword: enc("1"),
    });
    expect(none.data?.bizCode).toBe("CARD_NOT_EXIST_ERROR");
  });

  it("lists grades, recharges idempotently, and records it", async () => {
    sim = await makeSim();
    const grades = await sim.call("ykse.partner.card.getCardGradeList", { cinemaLinkId: "681" });
    expect(grades.data?.dataList?.[0]).toMatchObject({ gradeId: "g1", gradeDesc: "金卡", minAmount: "100.00" });
    const body = { ...CARD, outTradeNo: "R000000000000001", rechargeAmount: "100.00" };
    const first = await sim.call("ykse.partner.card.recharge", body);
    expect(first.data?.data).toMatchObject({ balance: "300.00", outTradeNo: body.outTradeNo });
    expect((await sim.call("ykse.partner.card.recharge", body)).data?.data).toEqual(first.data?.data);
    expect((await sim.call("ykse.partner.card.recharge", { ...body, rechargeAmount: "1.00" })).data?.bizCode).toBe(
      "REQUEST_PARAM_INCONFORMITY_ERROR",
    );
    const detail = await sim.call("ykse.partner.card.getCardOrderDetail", { outTradeNo: body.outTradeNo });
    expect(detail.data?.data).toMatchObject({ orderType: "recharge", orderStatus: "success", amount: "100.00" });
    const recs = await sim.call("ykse.partner.card.getCardRechargeRecords", {
      ...CARD,
      startDate: "2026-03-10",
      endDate: "2026-03-10",
    });
    expect(recs.data?.dataList?.[0]).toMatchObject({
      rechargeAmount: "100.00",
      beforeBalance: "200.00",
      afterBalance: "300.00",
    });
  });

  it("registers a card, changes its password, and uses the new one", async () => {
    sim = await makeSim();
    const reg = await sim.call("ykse.partner.card.registerCard", {
      cinemaLinkId: "681",
      gradeId: "g1",
      outTradeNo: "REG0000000000001",
      cardPassword: enc("111111"),
      cardCostFee: "10.00",
      memberFee: "0.00",
      firstRechargeAmount: "0.00",
      mobile: "13700000000",
    });
    expect(reg.data?.bizCode).toBe("SUCCESS");
    const cardNumber = reg.data?.data.cardNumber;
    const mod = await sim.call("ykse.partner.card.modifyPassword", {
      cinemaLinkId: "681",
      cardNumber,
      oldPassword: enc("000000"),
      newPassword: enc("222222"),
    });
    expect(mod.data?.bizCode).toBe("CARD_OLD_PASSWORD_ERROR");
    await sim.call("ykse.partner.card.modifyPassword", {
      cinemaLinkId: "681",
      cardNumber,
      oldPassword: enc("111111"),
      newPassword: enc("222222"),
    });
    const bal = await sim.call("ykse.partner.card.queryBalance", {
      cinemaLinkId: "681",
      cardNumber,
      cardPassword: enc("222222"),
    });
    expect(bal.data?.data.balance).toBe("0.00");
    const fee = await sim.call("ykse.partner.card.registerCard", {
      cinemaLinkId: "681",
      gradeId: "g1",
      outTradeNo: "REG0000000000002",
      cardPassword: enc("111111"),
      cardCostFee: "1.00",
      memberFee: "0.00",
      firstRechargeAmount: "0.00",
      mobile: "13700000000",
    });
    expect(fee.data?.bizCode).toBe("CARD_REGISTER_FEE_ERROR");
  });

  it("pays a ticket with the member card, refunds it back, and lists the consumption", async () => {
    sim = await makeSim();
    const l = await lock(sim, "9001", [seat(1, 1)]);
    const body = {
      ...(await confirmBody(sim, l.data?.data.lockOrderId, "9001", [seat(1, 1)])),
      paymentList: [
        { paymentMethod: "MemberCard", payCardInfo: { ...CARD, payAmount: "32.00", cardPassword: enc("123456") } },
      ],
    };
    const res = await sim.call("ykse.partner.order.confirmOrder", body);
    expect(res.data?.bizCode).toBe("SUCCESS");
    const pw = { ...CARD, cardPassword: enc("123456") };
    expect((await sim.call("ykse.partner.card.queryBalance", pw)).data?.data.balance).toBe("168.00");
    await sim.call("ykse.partner.order.refundOrder", { cinemaLinkId: "681", orderId: res.data?.data.orderId });
    expect((await sim.call("ykse.partner.card.queryBalance", pw)).data?.data.balance).toBe("200.00");
    const recs = await sim.call("ykse.partner.card.getCardConsumeRecords", {
      ...CARD,
      startDate: "2026-03-10",
      endDate: "2026-03-10",
    });
    expect(recs.data?.dataList?.[0]).toMatchObject({
      consumeAmount: "32.00",
      refundAmount: "32.00",
      seats: 1,
      refundSeats: 1,
    });
  });

  it("multi-pay: per-ticket payment lists must add up and the card password is required", async () => {
    sim = await makeSim();
    const l = await lock(sim, "9001", [seat(1, 1)]);
    const base = await confirmBody(sim, l.data?.data.lockOrderId, "9001", [seat(1, 1)]);
    const pay = (amount: string) => [
      {
        paymentMethod: "MemberCard",
        payAmount: "16.00",
        payCardInfo: { cardNumber: "6810000001", cardPassword: enc("123456") },
      },
      { paymentMethod: "Corp", payAmount: amount },
    ];
    const ticket = (amount: string) => [
      { seatId: seat(1, 1), ticketPrice: "30.00", ticketFee: "2.00", paymentList: pay(amount) },
    ];
    const bad = await sim.call("ykse.partner.order.confirmOrderForMultiPay", { ...base, ticketList: ticket("15.00") });
    expect(bad.data?.bizCode).toBe("PAYMENT_AMOUNT_ERROR");
    const wrongMethod = [
      {
        seatId: seat(1, 1),
        ticketPrice: "30.00",
        ticketFee: "2.00",
        paymentList: [{ paymentMethod: "alipay", payAmount: "32.00" }],
      },
    ];
    expect(
      (await sim.call("ykse.partner.order.confirmOrderForMultiPay", { ...base, ticketList: wrongMethod })).data
        ?.bizCode,
    ).toBe("PAYMENT_METHOD_ERROR");
    const ok = await sim.call("ykse.partner.order.confirmOrderForMultiPay", { ...base, ticketList: ticket("16.00") });
    expect(ok.data?.bizCode).toBe("SUCCESS");
    const bal = await sim.call("ykse.partner.card.queryBalance", { ...CARD, cardPassword: enc("123456") });
    expect(bal.data?.data.balance).toBe("184.00");
  });

  it("multi-pay: a card entry with totalDisTickets 1 makes the ticket a discount ticket, floored by lowestPrice only", async () => {
    sim = await makeSim();
    const l = await lock(sim, "9001", [seat(1, 2)]);
    const base = await confirmBody(sim, l.data?.data.lockOrderId, "9001", [seat(1, 2)]);
    // 26.00 is below the settle price (30.00) and above the lowest price (25.00): §5.4.3 totalDisTickets.
    const ticket = (totalDisTickets: string) => [
      {
        seatId: seat(1, 2),
        ticketPrice: "26.00",
        ticketFee: "2.00",
        paymentList: [
          {
            paymentMethod: "MemberCard",
            payAmount: "28.00",
            payCardInfo: { cardNumber: "6810000001", cardPassword: enc("123456"), totalDisTickets },
          },
        ],
      },
    ];
    const plain = await sim.call("ykse.partner.order.confirmOrderForMultiPay", { ...base, ticketList: ticket("0") });
    expect(plain.data?.bizCode).toBe("LOW_THAN_SETTLE_PRICE_ERROR");
    const discounted = await sim.call("ykse.partner.order.confirmOrderForMultiPay", {
      ...base,
      ticketList: ticket("1"),
    });
    expect(discounted.data?.bizCode).toBe("SUCCESS");
  });

  it("queryPrice and getCardDiscountTickets answer data as a one-element array", async () => {
    sim = await makeSim();
    const key = (await sim.call("ykse.partner.schedule.getSchedules", { cinemaLinkId: "681" })).data?.dataList?.[0]
      .scheduleKey;
    const q = { ...CARD, sectionId: "0000000000000001", scheduleId: "9002", scheduleKey: key };
    const price = await sim.call("ykse.partner.card.queryPrice", q);
    expect(price.data?.data[0].tickets[0]).toMatchObject({ price: "40.00", isCardDiscount: true });
    expect((await sim.call("ykse.partner.card.getCardDiscountTickets", q)).data?.data[0].maxDiscountTickets).toBe(4);
  });
});

describe("ykse co-branded benefit cards (§8)", () => {
  it("registers, renews, and pays benefit tickets within the per-show limit; area seats refused", async () => {
    sim = await makeSim();
    const policies = await sim.call("ykse.partner.benefitCard.getPolicyList");
    expect(policies.data?.dataList?.[0]).toMatchObject({ benefitPolicyCode: "100001", policyStatus: "enable" });
    const reg = await sim.call("ykse.partner.benefitCard.registerBenefitCard", {
      benefitPolicyId: "100001",
      outTradeNo: "B1",
      mobile: "13600000000",
      registerAmount: "10.00",
    });
    expect(reg.data?.data).toMatchObject({ benefitPolicyCode: "100001", cardStatus: "N", totalDiscountTickets: 50 });
    const number = reg.data?.data.benefitCardNumber;
    const dup = await sim.call("ykse.partner.benefitCard.registerBenefitCard", {
      benefitPolicyId: "100001",
      outTradeNo: "B2",
      mobile: "13600000000",
      registerAmount: "10.00",
    });
    expect(dup.data?.bizCode).toBe("BCARD_MOBILE_EXIST");
    const renew = await sim.call("ykse.partner.benefitCard.renewBenefitCard", {
      benefitCardNumber: number,
      outTradeNo: "B3",
      mobile: "13600000000",
      renewAmount: "10.00",
    });
    expect(renew.data?.data).toMatchObject({ oldAvailableDiscountTickets: 50, availableDiscountTickets: 60 });

    const pay = [{ paymentMethod: "BenefitCard", payCardInfo: { benefitCardNumber: number } }];
    const three = [seat(1, 1), seat(1, 2), seat(1, 3)];
    const l = await lock(sim, "9001", three);
    const body = await confirmBody(sim, l.data?.data.lockOrderId, "9001", three, "40.00");
    const tickets = body.ticketList.map((t) => ({ ...t, isBenefit: true }));
    expect(
      (await sim.call("ykse.partner.order.confirmOrder", { ...body, ticketList: tickets, paymentList: pay })).data
        ?.bizCode,
    ).toBe("BCARD_TICKET_OVER_LIMIT");
    const two = tickets.map((t, i) => (i === 2 ? { ...t, isBenefit: false } : t));
    expect(
      (await sim.call("ykse.partner.order.confirmOrder", { ...body, ticketList: two, paymentList: pay })).data?.bizCode,
    ).toBe("SUCCESS");
    const detail = await sim.call("ykse.partner.benefitCard.getCardDetail", { benefitCardNumber: number });
    expect(detail.data?.data).toMatchObject({ availableDiscountTickets: 58, availableDailyDiscountTickets: 2 });

    const a = await lock(sim, "9001", [seat(3, 1)]);
    const areaBody = await confirmBody(sim, a.data?.data.lockOrderId, "9001", [seat(3, 1)], "40.00");
    const areaTickets = areaBody.ticketList.map((t) => ({ ...t, isBenefit: true }));
    const refused = await sim.call("ykse.partner.order.confirmOrder", {
      ...areaBody,
      ticketList: areaTickets,
      paymentList: pay,
    });
    expect(refused.data?.bizCode).toBe("AREA_SEAT_NOT_SUPPORT_BENEFIT");
    const order = await sim.call("ykse.partner.benefitCard.getCardOrderDetail", { outTradeNo: "B1" });
    expect(order.data?.data).toMatchObject({ orderType: "register", amount: "10.00", orderStatus: "success" });
  });
});
