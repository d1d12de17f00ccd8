import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import { addDays, businessDayOf, type Clock, toChinaIso } from "../../../src/domain/time.js";
import type { CinemaRef } from "../../../src/domain/trade.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { type ChenxingConnector, createChenxingConnector } from "../../../src/vendors/chenxing/index.js";
import { md5Lower } from "../../../src/vendors/chenxing/signing.js";

/** 辰星 member-card calls (public-refs §3.3) against the simulator over loopback HTTP. */
let sims: RunningSimulators;
let cx: ChenxingConnector;
let cinema: CinemaRef;
let card: { cardNo: string; password: string; mobile: string; balanceFen: number };
const recorder = new RingCallRecorder(500);
const clock: Clock = { now: () => sims.clocks.chenxing.now() };

beforeAll(async () => {
  sims = await startSimulators({ seed: 11, cinemas: 10, days: 2 });
  cx = createChenxingConnector({
    baseUrl: sims.urls.chenxing,
    accountId: "cx-members",
    credentials: { appCode: "CINEGATE", verifyKey: "chenxing-demo-verify-key" },
    clock,
    recorder,
  });
  const c = sims.dataset.cinemas.find(
    (x) => x.vendor === "chenxing" && sims.dataset.cards.some((k) => k.cinemaId === x.id),
  )!;
  cinema = { vendorCinemaId: c.internalCode };
  card = sims.dataset.cards.find((k) => k.cinemaId === c.id)!;
});
afterAll(async () => {
  await cx.close();
  await sims.close();
});

describe("辰星 member cards", () => {
  it("lists grades with their minimum recharge (Lower)", async () => {
    const res = await cx.cards.grades(cinema);
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.value.length).toBeGreaterThan(0);
      expect(res.value.every((g) => (g.minRechargeFen ?? 0) > 0)).toBe(true);
    }
  });

  it("logs in with the password (sent as its MD5), refuses a wrong one, and masks the mobile", async () => {
    const res = await cx.cards.login(cinema, card.cardNo, card.password);
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.value).toMatchObject({ cardNumber: card.cardNo, balanceFen: card.balanceFen });
      expect(res.value.mobile).toBe(`${card.mobile.slice(0, 3)}****${card.mobile.slice(-4)}`);
    }
    const wrong = await cx.cards.login(cinema, card.cardNo, "000000");
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toContain("密码错误");
  });

  it("prices a plan for the card's level, at or above the floor", async () => {
    const today = businessDayOf(clock.now());
    const shows = await cx.listShowtimes({ cinema, fromDate: today, toDate: addDays(today, 1) });
    if (!shows.ok) throw new Error(shows.error.message);
    const s = shows.value.find((x) => x.onSale)!;
    const login = await cx.cards.login(cinema, card.cardNo, card.password);
    if (!login.ok) throw new Error(login.error.message);
    const res = await cx.cards.cardPrices(cinema, login.value.levelCode, [
      {
        featureAppNo: s.vendorShowtimeId,
        startTime: toChinaIso(s.startsAt).slice(0, 19).replace("T", " "),
        filmCode: s.vendorFilmId,
        listingPrice: "0.00",
        lowestPrice: "0.00",
      },
    ]);
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.value[0]!.featureAppNo).toBe(s.vendorShowtimeId);
      expect(res.value[0]!.priceFen).toBeGreaterThanOrEqual(s.price.lowestFen!);
      expect(res.value[0]!.priceFen).toBeLessThanOrEqual(s.price.settleFen!);
    }
  });

  it("pays from the card once per transaction number, and a cancel gives it back", async () => {
    const pay = {
      cinema,
      cardNumber: card.cardNo,
      password: card.password,
      amountFen: 3000,
      ticketAmountFen: 3000,
      orderCode: "O1",
      transactionNo: "T-pay-1",
    };
    expect((await cx.cards.pay(pay)).ok).toBe(true);
    expect((await cx.cards.pay(pay)).ok).toBe(true);
    const after = await cx.cards.info(cinema, card.cardNo);
    expect(after.ok && after.value.balanceFen).toBe(card.balanceFen - 3000);
    expect((await cx.cards.cancelPayment(cinema, "T-pay-1", "T-cancel-1")).ok).toBe(true);
    const back = await cx.cards.info(cinema, card.cardNo, card.password);
    expect(back.ok && back.value.balanceFen).toBe(card.balanceFen);
  });

  it("recharges at or above the minimum; below it is refused (by us, and by the vendor)", async () => {
    const info = await cx.cards.info(cinema, card.cardNo);
    if (!info.ok) throw new Error(info.error.message);
    const min = info.value.minRechargeFen!;
    const ours = await cx.cards.recharge({
      cinema,
      cardNumber: card.cardNo,
      amountFen: min - 100,
      orderCode: "R0",
      transactionNo: "T-r0",
      minRechargeFen: min,
    });
    expect(!ours.ok && ours.error.code).toBe("invalid_request");
    const theirs = await cx.cards.recharge({
      cinema,
      cardNumber: card.cardNo,
      amountFen: min - 100,
      orderCode: "R1",
      transactionNo: "T-r1",
    });
    expect(theirs.ok).toBe(false);
    if (!theirs.ok) expect(theirs.error.message).toContain("最低充值");
    const done = await cx.cards.recharge({
      cinema,
      cardNumber: card.cardNo,
      amountFen: min,
      orderCode: "R2",
      transactionNo: "T-r2",
    });
    expect(done.ok).toBe(true);
    const after = await cx.cards.info(cinema, card.cardNo);
    expect(after.ok && after.value.balanceFen).toBe(info.value.balanceFen + min);
  });

  it("never records the card password, its MD5 or the full mobile", () => {
    const text = recorder
      .recent(() => true, 500)
      .map((c) => `${c.request}\n${c.response}`)
      .join("\n");
    expect(text).toContain("VerifyMemberLogin");
    expect(text).not.toContain(md5Lower(card.password));
    expect(text).not.toMatch(new RegExp(`<pLmsPassword>${card.password}</pLmsPassword>`));
    expect(text).not.toContain(card.mobile);
  });
});
