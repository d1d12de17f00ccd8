import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CannedYkse, CREDENTIALS } from "./canned.js";
import * as doc from "./doc-examples.js";

/** Secrets, card passwords (plain and encrypted) and mobiles never reach a recorded call. */
const y = new CannedYkse();
beforeAll(() => y.start());
afterAll(() => y.stop());

describe("ykse recordings", () => {
  it("contain no secret, card key, card password, encrypted password or mobile", async () => {
    const password = "908172";
    const mobile = "13912345678";
    y.ok("ykse.partner.card.queryBalance", { balance: "1.00", cardNumber: "5816100001" });
    y.biz("ykse.partner.card.modifyPassword", { bizCode: "CARD_OLD_PASSWORD_ERROR", bizMsg: "旧密码错误" });
    y.ok("ykse.partner.card.registerCard", {
      cardOrderId: "1",
      cardNumber: "2",
      outTradeNo: "1463103041475123456789123",
    });
    y.answer("ykse.partner.order.confirmOrderForMultiPay", doc.confirmOrder);
    const cinema = { vendorCinemaId: "58" };
    await y.connector.members.balance(cinema, "5816100001", password);
    await y.connector.members.changePassword(cinema, "5816100001", password, "564738");
    await y.connector.members.register({
      cinema,
      gradeId: "1",
      outTradeNo: "1463103041475123456789123",
      password,
      cardCostFen: 0,
      memberFeeFen: 0,
      firstRechargeFen: 0,
      holder: { mobile, idCard: "440102199001011234" },
    });
    const sched = {
      scheduleKey: "K",
      feeType: "ticket",
      ticketFeeFen: 0,
      settleFen: 3000,
      areaSettleFen: {},
      benefitPrices: [],
      through: false,
    };
    await y.connector.trade.confirm({
      cinema,
      showtime: {
        vendorShowtimeId: "1",
        vendorHallId: "1",
        startsAt: y.clock.now() + 1e7,
        stopSellingAt: y.clock.now() + 1e6,
        vendorData: { ykse: sched },
      },
      seats: [{ vendorSeatId: "S-1-1", rowLabel: "1", colLabel: "1", settleFen: 3000, serviceFeeFen: 0 }],
      ticketPayments: [[{ method: "MemberCard", amountFen: 3000, card: { cardNumber: "5816100001", password } }]],
      mobile,
      orderId: "o",
      vendorLockId: "L",
      totalFen: 3000,
      attempt: 1,
    });

    const encrypted = y.seen.flatMap((r) => [
      ...r.raw.matchAll(/(?:cardPassword|oldPassword|newPassword)%22%3A%22([^%]+(?:%2[BF][^%]+)*)/g),
    ]);
    const ciphertexts = y.seen.flatMap((r) => {
      const found: string[] = [];
      JSON.stringify(r.data, (k, v) => {
        if (/password/i.test(k) && typeof v === "string") found.push(v);
        return v;
      });
      return found;
    });
    expect(ciphertexts.length).toBe(5);
    expect(encrypted.length).toBeGreaterThan(0);

    const records = y.recorder.recent(() => true, 100);
    expect(records.length).toBe(4);
    const text = JSON.stringify(records);
    const forbidden = [CREDENTIALS.secret, CREDENTIALS.cardKey, password, "564738", mobile, "440102199001011234"];
    for (const c of ciphertexts)
      forbidden.push(c, encodeURIComponent(c), new URLSearchParams({ x: c }).toString().slice(2));
    for (const f of forbidden) expect(text, `recording leaks ${f}`).not.toContain(f);
    // …while the rest of the request stays readable for support staff
    expect(records.some((r) => r.request.includes("ykse.partner.card.queryBalance"))).toBe(true);
    expect(records.find((r) => r.call === "ykse.partner.card.modifyPassword")?.vendorCode).toBe(
      "CARD_OLD_PASSWORD_ERROR",
    );
  });
});
