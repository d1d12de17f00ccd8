import { describe, expect, it } from "vitest";
import type { PaymentState, RefundRecordState } from "../../src/domain/payment-states.js";
import type { PaymentError } from "../../src/payments/codes.js";
import type { RefundView, TradeState, TradeView } from "../../src/payments/provider.js";
import { compareRefund, compareTrade, type OurPayment } from "../../src/payments/reconcile/differences.js";

/** The comparison tables of payments/reconcile/differences.ts, case by case (no merchant needed). */
const ours = (state: PaymentState, over: Partial<OurPayment> = {}): OurPayment => ({
  outTradeNo: "cg0001",
  state,
  amountFen: 3500,
  paidFen: state === "CREATED" || state === "CLOSED" ? null : 3500,
  createdAtProvider: true,
  ...over,
});
const trade = (state: TradeState, over: Partial<TradeView> = {}) => ({
  ok: true as const,
  value: { outTradeNo: "cg0001", state, providerState: state.toUpperCase(), amountFen: 3500, ...over },
});
const err = (code: PaymentError["code"]) => ({ ok: false as const, error: { code, message: code } });
const kinds = (d: Array<{ kind: string }>) => d.map((x) => x.kind);

describe("compareTrade", () => {
  it.each<[PaymentState, TradeState, string[]]>([
    ["CREATED", "pending", []],
    ["CREATED", "paid", ["state_differs"]],
    ["CREATED", "closed", ["state_differs"]],
    ["CLOSED", "closed", []],
    ["CLOSED", "pending", []],
    ["CLOSED", "paid", ["state_differs"]],
    ["PAID", "paid", []],
    ["PAID", "refunded", ["state_differs"]],
    ["REFUNDING", "paid", []],
    ["REFUNDING", "refunded", []],
    ["REFUNDED", "refunded", []],
    ["REFUNDED", "paid", ["state_differs"]],
  ])("ours %s, merchant %s → %j", (state, theirs, expected) => {
    const paid = theirs === "paid" || theirs === "refunded" ? { paidFen: 3500 } : {};
    expect(kinds(compareTrade(ours(state), trade(theirs, paid)))).toEqual(expected);
  });

  it("amounts: the order amount, then what was paid", () => {
    expect(kinds(compareTrade(ours("PAID"), trade("paid", { amountFen: 3400, paidFen: 3500 })))).toEqual([
      "amount_differs",
    ]);
    const paidLess = compareTrade(ours("PAID"), trade("paid", { paidFen: 3000 }));
    expect(kinds(paidLess)).toEqual(["amount_differs"]);
    expect(paidLess[0]!.message.en).toBe("trade cg0001 amount differs: 3500 fen here, 3000 fen at the merchant");
  });

  it("unknown at the merchant: a difference once money is said to have moved, or the provider made it", () => {
    expect(kinds(compareTrade(ours("PAID"), err("not_found")))).toEqual(["missing_at_merchant"]);
    expect(kinds(compareTrade(ours("CLOSED"), err("not_found")))).toEqual(["missing_at_merchant"]);
    expect(compareTrade(ours("CLOSED", { createdAtProvider: false }), err("not_found"))).toEqual([]);
    expect(kinds(compareTrade(ours("REFUNDED", { createdAtProvider: false }), err("not_found")))).toEqual([
      "missing_at_merchant",
    ]);
  });

  it("a failed query is query_failed, never clean", () => {
    const d = compareTrade(ours("PAID"), err("provider_unavailable"));
    expect(kinds(d)).toEqual(["query_failed"]);
    expect(d[0]!.theirs).toEqual({ error: "provider_unavailable" });
  });
});

describe("compareRefund", () => {
  const refund = (state: RefundRecordState) => ({
    outRefundNo: "cg0001R",
    outTradeNo: "cg0001",
    state,
    amountFen: 3500,
  });
  const view = (state: RefundView["state"], refundFen = 3500) => ({
    ok: true as const,
    value: { outRefundNo: "cg0001R", outTradeNo: "cg0001", state, providerState: state, refundFen, totalFen: 3500 },
  });

  it.each<[RefundRecordState, RefundView["state"], string[]]>([
    ["SUCCEEDED", "succeeded", []],
    ["SUCCEEDED", "processing", ["refund_state_differs"]],
    ["PROCESSING", "processing", []],
    ["PROCESSING", "succeeded", ["refund_state_differs"]],
    ["PENDING", "succeeded", ["refund_state_differs"]],
    ["FLAGGED", "abnormal", []],
    ["FLAGGED", "succeeded", ["refund_state_differs"]],
  ])("ours %s, merchant %s → %j", (state, theirs, expected) => {
    expect(kinds(compareRefund(refund(state), view(theirs)))).toEqual(expected);
  });

  it("unknown at the merchant: listed unless it was never accepted (PENDING, FLAGGED)", () => {
    expect(kinds(compareRefund(refund("SUCCEEDED"), err("not_found")))).toEqual(["refund_missing_at_merchant"]);
    expect(kinds(compareRefund(refund("PROCESSING"), err("not_found")))).toEqual(["refund_missing_at_merchant"]);
    expect(compareRefund(refund("PENDING"), err("not_found"))).toEqual([]);
    expect(compareRefund(refund("FLAGGED"), err("not_found"))).toEqual([]);
  });

  it("a different refund amount is refund_amount_differs", () => {
    expect(kinds(compareRefund(refund("SUCCEEDED"), view("succeeded", 3000)))).toEqual(["refund_amount_differs"]);
  });
});
