import type { Updateable } from "kysely";
import type { OrdersTable, RecoveryState } from "../db/schema.js";
import type { VendorError } from "../domain/errors.js";
import type { OrderDeps } from "./deps.js";
import type { OrderRow } from "./order-store.js";
import type { SagaCursor, SagaStep, StepVerdict } from "./saga.js";
import type { TradeContext } from "./trade-context.js";

/** What an order step hands back to be recorded with its move (saga.ts `facts`). */
export interface OrderFacts {
  /** Order columns written together with the move (vendor ids, tickets, pickup codes). */
  set?: Omit<Updateable<OrdersTable>, "status" | "id">;
  /** The order event recorded for the move, with its detail (the console's timeline reads them). */
  event?: string;
  detail?: Record<string, unknown>;
  /** A vendor's refusal, for the answer of a request that waits for the step (the create call). */
  error?: VendorError;
}

/** One attempt of one order step: the order as it is now and what the step may use. */
export interface OrderStepRun {
  deps: OrderDeps;
  order: OrderRow;
  ctx: TradeContext;
  /** Who the step acts for in the event log ("workflow", "channel:<code>", "sweeper"). */
  actor: string;
  /** Where the saga stands; the step journal tags each vendor call with it. */
  cursor: SagaCursor;
  /** The step's own durable progress (its vendor timetable), kept in the order's recovery column. */
  state: RecoveryState;
  /** Saves the step's progress, with the cursor, so a crash resumes the same step at the same point. */
  save(state: RecoveryState): Promise<void>;
  /**
   * The member-card password of a split payment, held in memory for the confirm request's own run
   * only: never saved, so any later run has none (docs/mixed-orders.md, the password rule).
   */
  cardPassword?: string;
}

export function orderStepRun(
  deps: OrderDeps,
  order: OrderRow,
  ctx: TradeContext,
  actor: string,
  cursor: SagaCursor,
  state: RecoveryState = {},
): OrderStepRun {
  const run: OrderStepRun = {
    deps,
    order,
    ctx,
    actor,
    cursor,
    state,
    save: async (s) => {
      run.state = s;
      await deps.orders.update(order.id, { recovery: JSON.stringify({ ...s, saga: run.cursor }) });
    },
  };
  return run;
}

export type OrderStep = SagaStep<OrderStepRun, OrderFacts>;
export type OrderVerdict = StepVerdict<OrderFacts>;
