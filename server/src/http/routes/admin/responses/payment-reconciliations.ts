import { Type } from "@sinclair/typebox";
import { DIFFERENCE_KINDS } from "../../../../payments/reconcile/differences.js";
import { ItemsOf, Literals, Nullable, Text } from "./common.js";

/** A reconciliation run and the differences it found (payments/reconcile/run-store.ts RunView). */
export const ReconciliationRun = Type.Object({
  id: Type.String(),
  cinemaId: Type.String(),
  /** The China calendar day reconciled, "YYYY-MM-DD". */
  date: Type.String(),
  trigger: Literals(["scheduled", "manual"] as const),
  requestedBy: Nullable(Type.String()),
  /** DONE: every trade was compared; FAILED: the merchant could not be asked at all (see error). */
  state: Literals(["DONE", "FAILED"] as const),
  /** How the merchant's view was read: per_trade_query (no trade bill is available). */
  mechanism: Type.String(),
  paymentsChecked: Type.Integer(),
  refundsChecked: Type.Integer(),
  error: Nullable(Type.String()),
  startedAt: Type.String(),
  finishedAt: Type.String(),
  differences: Type.Array(
    Type.Object({
      kind: Literals(DIFFERENCE_KINDS),
      outTradeNo: Type.String(),
      outRefundNo: Nullable(Type.String()),
      ours: Type.Record(Type.String(), Type.Unknown()),
      theirs: Type.Record(Type.String(), Type.Unknown()),
      message: Text,
    }),
  ),
});

export const ReconciliationRuns = ItemsOf(ReconciliationRun);
