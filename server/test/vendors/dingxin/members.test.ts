import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulators } from "../../../../simulators/src/all.js";
import { createSimClock } from "../../../../simulators/src/core/clock.js";
import type { Dataset } from "../../../../simulators/src/core/dataset-types.js";
import { FaultController } from "../../../../simulators/src/core/faults.js";
import { generateDataset } from "../../../../simulators/src/dataset/generate.js";
import { createDingxinSimulator } from "../../../../simulators/src/dingxin/index.js";
import type { CinemaRef } from "../../../src/domain/trade.js";
import { cardRefusal } from "../../../src/members/card-refusals.js";
import { RingCallRecorder } from "../../../src/vendors/call-recorder.js";
import { CARD_AUTH_REFUSED } from "../../../src/vendors/dingxin/codes.js";
import { createDingxinConnector, type DingxinConnector } from "../../../src/vendors/dingxin/index.js";

const clock = createSimClock();
const recorder = new RingCallRecorder(500);
let app: FastifyInstance;
let dataset: Dataset;
let dx: DingxinConnector;
let cinema: CinemaRef;
let cinemaDatasetId: string;

beforeAll(async () => {
  dataset = generateDataset({ seed: 5, cinemas: 10, days: 2, vendors: simulators.filter((s) => "cinemas" in s) });
  app = await createDingxinSimulator({ dataset, clock, faults: new FaultController(1) });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const account = simulators.find((s) => s.id === "dingxin")!.demoAccount as { pid: string; authCode: string };
  dx = createDingxinConnector({
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    accountId: "dx-members",
    credentials: account,
    clock,
    recorder,
  });
  const c = dataset.cinemas.find((x) => x.vendor === "dingxin")!;
  cinema = { vendorCinemaId: c.internalCode };
  cinemaDatasetId = c.id;
});
afterAll(async () => {
  await dx.close();
  await app.close();
});

/** The data set's cards of the cinema, by the grade type the simulator gives (1st grade stored-value, 2nd discount). */
function cardsByKind() {
  const grades = dataset.cardGrades.filter((g) => g.cinemaId === cinemaDatasetId);
  const cards = dataset.cards.filter((c) => c.cinemaId === cinemaDatasetId);
  const of = (i: number) => cards.find((c) => c.gradeId === grades[i]?.id);
  return { stored: of(0), discount: of(1), storedGrade: grades[0]! };
}

describe("鼎新 member cards (public-refs §4.4, doc 000 §三.2)", () => {
  it("lists grades as stored-value and discount cards with their minimum recharge", async () => {
    const res = await dx.members.grades(cinema);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.map((g) => g.kind)).toEqual(expect.arrayContaining(["stored_value", "benefit"]));
    for (const g of res.value) expect(g.minRechargeFen).toBeGreaterThan(0);
  });

  it("checks the password before giving the balance, and never records the password", async () => {
    const { stored } = cardsByKind();
    if (!stored) throw new Error("no stored-value card in the data set");
    const wrong = await dx.members.balance(cinema, stored.cardNo, "000000x");
    expect(wrong.ok).toBe(false);
    const res = await dx.members.balance(cinema, stored.cardNo, stored.password);
    expect(res.ok && res.value.balanceFen).toBe(stored.balanceFen);
    const said = recorder.recent((r) => r.call === "dingxin.card/auth", 10).map((r) => `${r.request} ${r.response}`);
    expect(said.length).toBe(2);
    for (const text of said) expect(text).not.toContain(`password=${stored.password}`);
  });

  it("a wrong password is card/auth's auth 0, read as MEMBER_CARD_PASSWORD_WRONG after exactly one call", async () => {
    const { stored } = cardsByKind();
    if (!stored) throw new Error("no stored-value card in the data set");
    const before = recorder.recent((r) => r.call === "dingxin.card/auth", 100).length;
    const wrong = await dx.members.balance(cinema, stored.cardNo, "999999x");
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.error.vendorCode).toBe(CARD_AUTH_REFUSED);
    const refusal = cardRefusal(wrong.error);
    expect(refusal.code).toBe("MEMBER_CARD_PASSWORD_WRONG");
    expect(refusal.message).not.toContain("999999x");
    // One card/auth, no card/detail retry around it: a card is never tried twice with a wrong password.
    const auths = recorder.recent((r) => r.call === "dingxin.card/auth", 100);
    expect(auths.length - before).toBe(1);
    expect(auths.at(-1)!.response).toMatch(/<auth>0<\/auth>/);
    expect(auths.at(-1)!.request).not.toContain("999999x");
  });

  it("gives the card price of a play, not below the play's floor", async () => {
    const { stored } = cardsByKind();
    const show = dataset.showtimes.find((s) => s.cinemaId === cinemaDatasetId)!;
    const playId = String(5000 + dataset.showtimes.indexOf(show) + 1);
    const res = await dx.members.ticketPrices({ cinema, vendorShowtimeId: playId }, stored!.cardNo);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.prices.length).toBe(1);
    expect(res.value.prices[0]!.priceFen).toBeGreaterThanOrEqual(show.lowestFen);
    expect(res.value.prices[0]!.priceFen).toBeLessThanOrEqual(show.listFen);
  });

  it("recharges a stored-value card from its minimum, refuses below it and refuses a discount card", async () => {
    const { stored, discount, storedGrade } = cardsByKind();
    const below = await dx.members.recharge({
      cinema,
      cardNumber: stored!.cardNo,
      outTradeNo: "dep0001",
      amountFen: storedGrade.minRechargeFen - 100,
    });
    expect(!below.ok && below.error.code).toBe("invalid_request");
    const okRes = await dx.members.recharge({
      cinema,
      cardNumber: stored!.cardNo,
      outTradeNo: "dep0002",
      amountFen: storedGrade.minRechargeFen,
    });
    expect(okRes.ok && okRes.value).toMatchObject({
      status: "success",
      balanceFen: stored!.balanceFen + storedGrade.minRechargeFen,
    });
    if (discount) {
      const refused = await dx.members.recharge({
        cinema,
        cardNumber: discount.cardNo,
        outTradeNo: "dep0003",
        amountFen: 100_000,
      });
      expect(!refused.ok && refused.error.code).toBe("invalid_request");
    }
  });

  it("answers unsupported for the calls the refs do not show", async () => {
    const res = await dx.members.changePassword(cinema, "1", "2", "3");
    expect(!res.ok && res.error.code).toBe("unsupported");
  });
});
