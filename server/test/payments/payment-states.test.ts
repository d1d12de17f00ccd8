import { describe, expect, it } from "vitest";
import {
  canMovePayment,
  canMoveRefund,
  PAYMENT_MOVES,
  PAYMENT_STATES,
  REFUND_MOVES,
  REFUND_RECORD_STATES,
  wasPaid,
} from "../../src/domain/payment-states.js";
import { maskPayer } from "../../src/payments/payment-store.js";
import { nextRefundAttempt, nextTradeQueryAt, REFUND_RETRY, TRADE_QUERY } from "../../src/payments/timetables.js";

describe("payment and refund state tables (domain/payment-states.ts)", () => {
  it("every move names states of its table, and the moves the saga relies on are the only ways out", () => {
    for (const m of PAYMENT_MOVES) expect(PAYMENT_STATES).toEqual(expect.arrayContaining([m.from, m.to]));
    for (const m of REFUND_MOVES) expect(REFUND_RECORD_STATES).toEqual(expect.arrayContaining([m.from, m.to]));
    expect(canMovePayment("CREATED", "PAID")).toBe(true);
    expect(canMovePayment("CLOSED", "PAID")).toBe(true); // a close that lost the race with the buyer
    expect(canMovePayment("PAID", "CREATED")).toBe(false);
    expect(canMovePayment("REFUNDED", "PAID")).toBe(false);
    expect(canMovePayment("CREATED", "REFUNDING")).toBe(false); // nothing to refund before it is paid
    expect(canMoveRefund("SUCCEEDED", "PENDING")).toBe(false);
    expect(canMoveRefund("FLAGGED", "PENDING")).toBe(true);
    expect(PAYMENT_STATES.filter(wasPaid)).toEqual(["PAID", "REFUNDING", "REFUNDED"]);
  });

  it("never keeps a whole openid for support: four characters each end", () => {
    expect(maskPayer("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")).toBe("oUpF****eS6o");
    expect(maskPayer("short")).toBe("****");
    expect(maskPayer(undefined)).toBeNull();
  });
});

describe("timetables as data (payments/timetables.ts)", () => {
  const t0 = 1_800_000_000_000;
  it("queries the trade often at first, then every few minutes", () => {
    expect(nextTradeQueryAt(t0, t0)).toBe(t0 + TRADE_QUERY.offsetsMs[0]);
    expect(nextTradeQueryAt(t0, t0 + TRADE_QUERY.offsetsMs[0])).toBe(t0 + TRADE_QUERY.offsetsMs[1]);
    const last = t0 + TRADE_QUERY.offsetsMs.at(-1)!;
    expect(nextTradeQueryAt(t0, last)).toBe(last + TRADE_QUERY.thenEveryMs);
    expect(nextTradeQueryAt(t0, last + 1)).toBe(last + TRADE_QUERY.thenEveryMs);
  });

  it("retries a refused refund after each wait, then flags it", () => {
    const now = t0;
    REFUND_RETRY.retryAfterMs.forEach((wait, i) => {
      expect(nextRefundAttempt(i + 1, now)).toBe(now + wait);
    });
    expect(nextRefundAttempt(REFUND_RETRY.retryAfterMs.length + 1, now)).toBe("flag");
  });
});
