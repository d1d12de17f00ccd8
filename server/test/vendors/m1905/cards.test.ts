import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "../../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../../simulators/src/index.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { createM1905Connector, type M1905Connector } from "../../../src/vendors/m1905/index.js";

// 1905's member-card calls (public-refs §8.2) against the simulator over HTTP.
let sims: RunningSimulators;
let c: M1905Connector;
const recorder = new RingCallRecorder(200);

beforeAll(async () => {
  // Two days: with one, late at night (China time) no show of the day is still ahead of the clock.
  sims = await startSimulators({ seed: 11, cinemas: 10, days: 2 });
  c = createM1905Connector({
    baseUrl: sims.urls.m1905,
    accountId: "cards",
    credentials: demoAccounts.m1905,
    clock: sims.clocks.m1905,
    recorder,
    timeoutMs: 3000,
  });
});
afterAll(async () => {
  await c?.close();
  await sims?.close();
});

const setup = () => {
  const cinema = sims.dataset.cinemas.find((x) => x.vendor === "m1905")!;
  const card = sims.dataset.cards.find((x) => x.cinemaId === cinema.id)!;
  const grade = sims.dataset.cardGrades.find((g) => g.id === card.gradeId)!;
  return { ref: { vendorCinemaId: cinema.internalCode }, cinema, card, grade };
};

describe("1905 member cards", () => {
  it("lists card levels with their minimum recharge", async () => {
    const { ref, grade } = setup();
    const res = await c.cards.levels(ref);
    expect(res.ok).toBe(true);
    if (res.ok)
      expect(res.value.find((l) => l.levelNo === grade.id)).toMatchObject({ minRechargeFen: grade.minRechargeFen });
  });

  it("logs a card in with its password and shows the balance, the mobile masked; a wrong password is refused", async () => {
    const { ref, card } = setup();
    const res = await c.cards.login(ref, card.cardNo, card.password);
    expect(res.ok && res.value).toMatchObject({ cardNumber: card.cardNo, balanceFen: card.balanceFen });
    if (res.ok) expect(res.value.mobile).toMatch(/^\d{3}\*{4}\d{4}$/);
    const bad = await c.cards.login(ref, card.cardNo, "000000x");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.vendorCode).toBeDefined();
  });

  it("prices a session for the card, never under the floor", async () => {
    const { cinema, card } = setup();
    const show = sims.dataset.showtimes.find((s) => s.cinemaId === cinema.id && s.startsAt > sims.clocks.m1905.now())!;
    const sessions = await c.listShowtimes({
      cinema: { vendorCinemaId: cinema.internalCode },
      fromDate: "2000-01-01",
      toDate: "2100-01-01",
    });
    if (!sessions.ok) throw new Error(sessions.error.message);
    const session = sessions.value.find((s) => s.startsAt === show.startsAt)!;
    const res = await c.cards.price(session.vendorShowtimeId, card.cardNo, card.password);
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.value.priceFen).toBeGreaterThanOrEqual(show.lowestFen);
  });

  it("recharges by at least the minimum and deducts a payment; the password never reaches a recording", async () => {
    const { ref, card, grade } = setup();
    const before = await c.cards.login(ref, card.cardNo, card.password);
    if (!before.ok) throw new Error(before.error.message);
    const up = await c.cards.recharge(ref, card.cardNo, "RC1", grade.minRechargeFen);
    expect(up.ok && up.value.balanceFen).toBe((before.value.balanceFen ?? 0) + grade.minRechargeFen);
    const down = await c.cards.deduct(ref, card.cardNo, card.password, "DD1", 100);
    expect(down.ok && down.value.balanceFen).toBe((before.value.balanceFen ?? 0) + grade.minRechargeFen - 100);
    const tooLittle = await c.cards.recharge(ref, card.cardNo, "RC2", 1);
    expect(tooLittle.ok).toBe(false);
    for (const call of recorder.recent(() => true, 200)) {
      expect(`${call.request} ${call.response}`).not.toContain(`pCardPwd=${card.password}`);
      expect(call.response).not.toContain(card.mobile);
    }
  });
});
