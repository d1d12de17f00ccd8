import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptSensitive } from "../../../src/vendors/ykse/aes.js";
import { CannedYkse, CREDENTIALS } from "./canned.js";
import * as doc from "./doc-examples.js";

const y = new CannedYkse();
beforeAll(() => y.start());
afterAll(() => y.stop());
beforeEach(() => y.reset());
const cinema = { vendorCinemaId: "58" };
const dec = (v: unknown) => decryptSensitive(String(v), CREDENTIALS.cardKey);

describe("§7 member cards (14 calls)", () => {
  it("7.1 grade list", async () => {
    y.biz("ykse.partner.card.getCardGradeList", {
      bizCode: "SUCCESS",
      dataList: [
        {
          hallDiscounts: [{ hallType: "I", discount: "85.0", discountType: "R" }],
          cardCostFee: "100.0",
          memberFee: "100.0",
          firstRecharge: "0.0",
          minAmount: "1.0",
          gradeId: "1",
          rechargeExtensionFlag: false,
          rechargeExtensionAmount: "0.0",
          goodsDiscount: "100.0",
          maxDiscountTicketsPerDay: 100,
          cinemaLinkId: "58",
          maxDiscountTicketsPerShow: 3,
          gradeType: "V",
          gradeDesc: "0001...85 折卡",
          transactValidityPeriod: 12,
        },
      ],
    });
    const res = await y.connector.members.grades(cinema);
    expect(res.ok && res.value[0]).toEqual({
      gradeId: "1",
      name: "0001...85 折卡",
      kind: "stored_value",
      goodsDiscountPercent: 100,
      maxDiscountTicketsPerDay: 100,
      maxDiscountTicketsPerShow: 3,
      minRechargeFen: 100,
      cardCostFen: 10000,
      memberFeeFen: 10000,
      firstRechargeFen: 0,
      validityMonths: 12,
      rechargeExtends: false,
      rechargeExtensionFen: 0,
      hallDiscounts: [{ hallType: "I", kind: "rate", value: 85 }],
    });
  });

  it("7.2 register: encrypted password, fees in yuan, outTradeNo checked; idempotent answer mapped", async () => {
    y.ok("ykse.partner.card.registerCard", {
      cardOrderId: "20160513XXXX580000015776",
      balance: "0.0",
      outTradeNo: "1463103041475123456789123",
      cardNumber: "5816000007",
    });
    const res = await y.connector.members.register({
      cinema,
      gradeId: "2829",
      outTradeNo: "1463103041475123456789123",
      password: "000000",
      cardCostFen: 10000,
      memberFeeFen: 10000,
      firstRechargeFen: 0,
      holder: { mobile: "15618171111", name: "username000000", birthdate: "1992-01-01" },
    });
    const data = y.last().data;
    expect(data).toMatchObject({
      cinemaLinkId: "58",
      gradeId: "2829",
      outTradeNo: "1463103041475123456789123",
      cardCostFee: "100.00",
      memberFee: "100.00",
      firstRechargeAmount: "0.00",
      mobile: "15618171111",
      cardUserName: "username000000",
      birthdate: "1992-01-01",
    });
    expect(dec(data.cardPassword)).toBe("000000");
    expect(res.ok && res.value).toEqual({
      vendorOrderId: "20160513XXXX580000015776",
      outTradeNo: "1463103041475123456789123",
      status: "success",
      kind: "register",
      cardNumber: "5816000007",
      balanceFen: 0,
    });
    y.reset();
    const short = await y.connector.members.register({
      cinema,
      gradeId: "1",
      outTradeNo: "short",
      password: "000000",
      cardCostFen: 0,
      memberFeeFen: 0,
      firstRechargeFen: 0,
      holder: { mobile: "15618171111" },
    });
    expect(!short.ok && short.error.code).toBe("invalid_request");
    expect(y.seen).toHaveLength(0);
  });

  it("7.3 recharge, 7.4 points", async () => {
    y.ok("ykse.partner.card.recharge", {
      cardOrderId: "20160513XXXX580000024298",
      balance: "10990.0",
      outTradeNo: "1463103141561123456789123",
      availableTimes: 0,
    });
    const r = await y.connector.members.recharge({
      cinema,
      cardNumber: "5816100001",
      outTradeNo: "1463103141561123456789123",
      amountFen: 10000,
      description: "充值描述",
    });
    expect(y.last().data).toEqual({
      cinemaLinkId: "58",
      cardNumber: "5816100001",
      outTradeNo: "1463103141561123456789123",
      rechargeAmount: "100.00",
      description: "充值描述",
    });
    expect(r.ok && r.value).toMatchObject({ balanceFen: 1099000, remainingUses: 0, status: "success" });
    y.ok("ykse.partner.card.updatePoints", {
      cardOrderId: "20160513XXX580000032124",
      accumulationPoints: 1410,
      outTradeNo: "1463103231105123456789123",
      tradePoints: 4760,
    });
    const p = await y.connector.members.updatePoints({
      cinema,
      cardNumber: "5816100001",
      outTradeNo: "1463103231105123456789123",
      points: 100,
      description: "更新积分描述",
    });
    expect(y.last().data.points).toBe("100.00");
    expect(p.ok && p.value).toMatchObject({ accumulatedPoints: 1410, tradePoints: 4760 });
    const neg = await y.connector.members.recharge({
      cinema,
      cardNumber: "1",
      outTradeNo: "1463103141561123456789124",
      amountFen: -100,
    });
    expect(!neg.ok && neg.error.code).toBe("invalid_request");
  });

  it("7.5 password change and 7.6 information change encrypt every password", async () => {
    y.biz("ykse.partner.card.modifyPassword", { bizCode: "SUCCESS", bizMsg: "操作成功" });
    expect((await y.connector.members.changePassword(cinema, "5816100001", "111111", "222222")).ok).toBe(true);
    expect(dec(y.last().data.oldPassword)).toBe("111111");
    expect(dec(y.last().data.newPassword)).toBe("222222");
    y.reset();
    y.biz("ykse.partner.card.modifyPassword", { bizCode: "CARD_OLD_PASSWORD_ERROR", bizMsg: "旧密码错误" });
    const wrong = await y.connector.members.changePassword(cinema, "5816100001", "111111", "222222");
    expect(!wrong.ok && wrong.error.vendorCode).toBe("CARD_OLD_PASSWORD_ERROR");
    y.biz("ykse.partner.card.modifyInformation", { bizCode: "SUCCESS", bizMsg: "操作成功" });
    await y.connector.members.updateHolder(cinema, "5816100001", "333333", { gender: "女", address: "新地" });
    expect(y.last().data).toMatchObject({
      cinemaLinkId: "58",
      cardNumber: "5816100001",
      gender: "女",
      address: "新地",
    });
    expect(dec(y.last().data.cardPassword)).toBe("333333");
    const bad = await y.connector.members.balance(cinema, "5816100001", "12ab56");
    expect(!bad.ok && bad.error.code).toBe("invalid_request");
  });

  it("7.7 detail, 7.8 balance", async () => {
    y.ok("ykse.partner.card.getCardDetail", {
      minAmount: "0.0",
      birthdate: "1989-01-02",
      gender: "女",
      chargeType: "C",
      avaiFlag: true,
      validateDate: "2017-05-13",
      cinemaLinkId: "58",
      gradeType: "V",
      gradeDesc: "75 折",
      cardUserName: "杜拉拉",
      cardStatus: "N",
      registerDate: "2016-05-04",
      gradeId: "9",
      mobile: "15618170000",
      rechargeTimes: 16,
      consumptionTimes: 0,
      cardNumber: "5816100001",
    });
    const d = await y.connector.members.detail(cinema, "5816100001");
    expect(d.ok && d.value).toMatchObject({
      cardNumber: "5816100001",
      issuerCinemaId: "58",
      kind: "stored_value",
      status: "active",
      usable: true,
      rechargeable: true,
      validUntil: "2017-05-13",
      rechargeCount: 16,
      name: "杜拉拉",
    });
    y.ok("ykse.partner.card.queryBalance", {
      accumulationPoints: "1510.0",
      availableTimes: 0,
      cinemaLinkId: "58",
      balance: "10990.0",
      tradePoints: "4760.0",
      cardNumber: "5816100001",
    });
    const b = await y.connector.members.balance(cinema, "5816100001", "123456");
    expect(b.ok && b.value).toEqual({
      cardNumber: "5816100001",
      balanceFen: 1099000,
      remainingUses: 0,
      accumulatedPoints: 1510,
      tradePoints: 4760,
    });
  });

  it("7.9 discount tickets and 7.10 prices (data is an array)", async () => {
    const show = { cinema, vendorShowtimeId: "18206", versionKey: "2594671FA3E64BBD40BA51CC2EE75AB9" };
    y.ok("ykse.partner.card.getCardDiscountTickets", [{ maxDiscountTickets: 6, calculatePerTicketTimes: 1 }]);
    expect(await y.connector.members.discountTickets(show, "5816100001")).toEqual({
      ok: true,
      value: { maxDiscountTickets: 6, usesPerTicket: 1 },
    });
    expect(y.last().data).toEqual({
      cinemaLinkId: "58",
      cardNumber: "5816100001",
      sectionId: "0000000000000001",
      scheduleId: "18206",
      scheduleKey: "2594671FA3E64BBD40BA51CC2EE75AB9",
    });
    y.ok("ykse.partner.card.queryPrice", [
      {
        maxDiscountTickets: 6,
        calculatePerTicketTimes: 1,
        tickets: [
          { ticketType: "成人票", isCardDiscount: true, price: "100.00", maxTickets: 9999, tradePoints: "100.00" },
          { ticketType: "学生票", isCardDiscount: true, price: "50.00", maxTickets: 9999, tradePoints: "100.00" },
        ],
      },
    ]);
    const p = await y.connector.members.ticketPrices(show, "5816100001");
    expect(p.ok && p.value.prices.map((x) => [x.ticketType, x.priceFen])).toEqual([
      ["成人票", 10000],
      ["学生票", 5000],
    ]);
  });

  it("7.11 order detail and 7.12–7.14 records", async () => {
    y.ok("ykse.partner.card.getCardOrderDetail", {
      cardOrderId: "20160513XXX58000056307",
      cinemaLinkId: "58",
      orderType: "modifypoints",
      amount: "0.0",
      outTradeNo: "1463103320397123456789123",
      orderStatus: "success",
      description: "更新积分描述",
      cardNumber: "5816100001",
      createDateTime: "2016-05-13 09:34:31",
      points: "-100.0",
    });
    const o = await y.connector.members.order({ vendorOrderId: "20160513XXX58000056307" });
    expect(o.ok && o.value).toMatchObject({ status: "success", kind: "points", points: -100, amountFen: 0 });
    y.biz("ykse.partner.card.getCardConsumeRecords", {
      bizCode: "SUCCESS",
      dataList: [
        {
          filmCode: "05120038201301",
          consumeAmount: "30.0",
          refundSeats: 0,
          consumeDateTime: "2016-05-05 17:07:49",
          seats: 1,
          bookingId: "5801605050051049",
          consumeCinemaLinkId: "58",
          beforeBalance: "10020.0",
          afterBalance: "9990.0",
          shortName: "钢铁侠 3 (数字 3D)",
          refundAmount: "0.0",
        },
      ],
    });
    const c = await y.connector.members.consumeRecords(cinema, "5816100001", "2016-05-05", "2016-05-05");
    expect(y.last().data).toEqual({
      cinemaLinkId: "58",
      cardNumber: "5816100001",
      startDate: "2016-05-05",
      endDate: "2016-05-05",
    });
    expect(c.ok && c.value[0]).toMatchObject({ kind: "consume", amountFen: 3000, balanceAfterFen: 999000, seats: 1 });
    y.biz("ykse.partner.card.getCardRechargeRecords", {
      bizCode: "SUCCESS",
      dataList: [
        { rechargeAmount: "100.0", rechargeDateTime: "2016-05-05 17:21:42", rechargeBookingId: "582016050504276" },
      ],
    });
    const r = await y.connector.members.rechargeRecords(cinema, "5816100001", "2016-05-05", "2016-05-05");
    expect(r.ok && r.value[0]).toMatchObject({ kind: "recharge", amountFen: 10000, bookingId: "582016050504276" });
    y.biz("ykse.partner.card.getCardPointsRecords", {
      bizCode: "SUCCESS",
      dataList: [
        {
          getPointsCinemaLinkId: "58",
          getPointsDateTime: "2016-05-05 17:21:42",
          getPoints: "0.0",
          getPointsMode: "充值",
        },
      ],
    });
    const pts = await y.connector.members.pointsRecords(cinema, "5816100001", "2016-05-05", "2016-05-05");
    expect(pts.ok && pts.value[0]).toMatchObject({ kind: "points", points: 0, description: "充值" });
  });
});

describe("§8 benefit cards", () => {
  it("policies, register, renew, detail, order", async () => {
    y.biz("ykse.partner.benefitCard.getPolicyList", {
      bizCode: "SUCCESS",
      dataList: [
        {
          policyDescription: "测试政策 2",
          registerAmount: "120.0",
          benefitPolicyCode: "100016",
          eachShowDiscountTickets: 10,
          policyStatus: "enable",
          benefitPolicyName: "测试 2",
          validDays: 180,
          cinemas: [{ cinemaLinkId: "681" }],
        },
      ],
    });
    const pol = await y.connector.benefitCards.policies();
    expect(pol.ok && pol.value[0]).toMatchObject({
      policyCode: "100016",
      enabled: true,
      registerFen: 12000,
      eachShowDiscountTickets: 10,
      cinemaIds: ["681"],
    });
    y.ok("ykse.partner.benefitCard.registerBenefitCard", {
      benefitPolicyCode: "100016",
      endDate: "2016-11-23",
      outTradeNo: "20160527231546423654",
      benefitCardNumber: "160527947000000002",
      benefitCardOrderId: "160527XXXXXX0000002792",
      startDate: "2016-05-27",
      cardStatus: "N",
      totalDiscountTickets: 100,
    });
    const reg = await y.connector.benefitCards.register({
      policyCode: "100016",
      outTradeNo: "20160527231546423654",
      mobile: "18922370000",
      registerFen: 12000,
      holderName: "测试",
    });
    expect(y.last().data).toEqual({
      benefitPolicyId: "100016",
      outTradeNo: "20160527231546423654",
      mobile: "18922370000",
      registerAmount: "120.00",
      cardUserName: "测试",
    });
    expect(reg.ok && reg.value).toMatchObject({
      vendorOrderId: "160527XXXXXX0000002792",
      cardNumber: "160527947000000002",
      card: { status: "active", validUntil: "2016-11-23", totalDiscountTickets: 100 },
    });
    y.ok("ykse.partner.benefitCard.renewBenefitCard", {
      endDate: "2018-05-19",
      outTradeNo: "20160527231546423655",
      benefitCardOrderId: "160516XXXX580000021654",
      totalDiscountTickets: 100,
      renewDate: "2016-05-16",
    });
    const renew = await y.connector.benefitCards.renew({
      cardNumber: "160527947000000002",
      outTradeNo: "20160527231546423655",
      mobile: "18922370000",
      renewFen: 10000,
    });
    expect(y.last().data.renewAmount).toBe("100.00");
    expect(renew.ok && renew.value.validUntil).toBe("2018-05-19");
    y.biz("ykse.partner.benefitCard.getCardDetail", { bizCode: "BCARD_NOT_EXIST", bizMsg: "联名卡不存在" });
    const none = await y.connector.benefitCards.detail("1");
    expect(!none.ok && none.error).toMatchObject({ code: "not_found", vendorCode: "BCARD_NOT_EXIST" });
    y.ok("ykse.partner.benefitCard.getCardOrderDetail", {
      orderType: "register",
      amount: "120.0",
      outTradeNo: "20160527231546423654",
      benefitCardNumber: "160527947000000002",
      orderStatus: "success",
      benefitCardOrderId: "160527XXXXXX0000002792",
      createDateTime: "2016-05-27 14:30:50",
    });
    const ord = await y.connector.benefitCards.order({ vendorOrderId: "160527XXXXXX0000002792" });
    expect(ord.ok && ord.value).toMatchObject({ status: "success", kind: "register", amountFen: 12000 });
  });
});

describe("§6 goods", () => {
  it("maps the goods list (standardPrice/settleprice spelling of the example) and a goods order", async () => {
    y.answer("ykse.partner.goods.getGoods", doc.getGoods);
    const menu = await y.connector.goods.listGoods({ vendorCinemaId: "681" });
    expect(menu.ok && menu.value).toEqual({
      maxPerOrder: 10,
      items: [
        {
          vendorGoodsId: "1728",
          name: "爆米花",
          isPackage: false,
          listFen: 1000,
          settleFen: 1000,
          imageUrl: "http://ykse-test.oss-cn-hangzhou.aliyuncs.com/goods/service/9280000000010RYTFVGzq.png",
          description: "爽口",
        },
      ],
    });
    y.ok("ykse.partner.order.confirmGoodsOrder", {
      goodsOrderId: "16021706814624000101",
      pickUpCode: "1484",
      totalGoodsPrice: "11.00",
      totalGoodsFee: "0.00",
      goodsList: [
        { salePrice: "11.00", goodsId: "80000000003", count: 1, name: "A 圣诞巧克力 (热饮)", isPackage: false },
      ],
      orderStatus: "goods_success",
      holdId: "16021706814624000101",
    });
    const order = await y.connector.goods.confirmGoodsOrder({
      cinema: { vendorCinemaId: "92" },
      orderId: "ord_goods_1",
      mobile: "13800000000",
      lines: [{ vendorGoodsId: "1728", isPackage: false, count: 1, unitFen: 1000 }],
    });
    expect(y.last().data).toEqual({
      cinemaLinkId: "92",
      thirdOrderId: "ordgoods1",
      goodsList: [{ goodsId: "1728", isPackage: false, count: "1", salePrice: "10.00" }],
      mobile: "13800000000",
    });
    expect(order.ok && order.value).toMatchObject({ status: "done", pickupCode: "1484", totalFen: 1100 });
    y.answer("ykse.partner.order.getGoodsOrderInfo", doc.getGoodsOrderInfo);
    const q = await y.connector.goods.queryGoodsOrder({ vendorCinemaId: "114" }, "16021706814125000102");
    expect(q.ok && q.value.status).toBe("done"); // the example prints "goods success"
    y.biz("ykse.partner.order.refundGoodsOrder", { bizCode: "GOODS_REFUND_FAILED", bizMsg: "退货失败" });
    const refund = await y.connector.goods.refundGoodsOrder({ vendorCinemaId: "114" }, "1");
    expect(!refund.ok && refund.error.code).toBe("refund_refused");
  });
});
