import { readJson } from "../db/json-column.js";
import type { RecoveryState } from "../db/schema.js";
import { isFinal, isInFlight } from "../domain/order-states.js";
import type { OrderRef } from "../domain/trade.js";
import type { OrderDeps } from "./deps.js";
import { type OrderFacts, type OrderStepRun, orderStepRun } from "./order-step.js";
import { CONFIRM_STARTS_AT, firstForwardStep, ORDER_STEPS } from "./order-steps.js";
import type { OrderRow, Transition } from "./order-store.js";
import { runSaga, type SagaCursor, type SagaEnd, type SagaMove } from "./saga.js";
import { releaseHolds } from "./seat-holds.js";
import { loadTradeContext, orderRefOf, type TradeContext } from "./trade-context.js";

/** The order's recovery column: the current step's progress, and where the saga stands. */
type OrderRecovery = RecoveryState & { saga?: SagaCursor };

export interface StepOutcome {
  /** Epoch ms (on the workflow clock) when the next step is due; null when nothing is left to do automatically. */
  nextAt: number | null;
}

/**
 * Runs an order's steps (order-steps.ts) with compensation (saga.ts) while the order is in flight:
 * CONFIRMING runs them forward from the confirm (and, after a refusal, undoes the completed ones
 * backwards), REFUNDING undoes them from the last. Where it stands is kept in the order's recovery
 * column and every move is recorded before the next step runs, so a crash resumes at the right
 * step on any node. The saga's ends are the order's final moves, each freeing the seat holds in
 * its transaction: completed → ISSUED, undone after a refusal → FAILED (the channel must repay),
 * undone on request → REFUNDED, an undo refused → back to ISSUED with lastRefundError.
 */
export class OrderWorkflow {
  constructor(private readonly deps: OrderDeps) {}

  /**
   * `cardPassword`: the confirm request's own run of a card-paid order (orders/confirm.ts), which
   * alone may make the vendor call that carries the password; it runs before the step's `nextAt`.
   */
  async step(orderId: string, secrets: { cardPassword?: string } = {}): Promise<StepOutcome> {
    const order = await this.deps.orders.get(orderId);
    if (!order || order.needs_attention) return { nextAt: null };
    // A LOCKED order of the buyer site runs its payment step while it waits for the money.
    const awaitsMoney = order.status === "LOCKED" && order.takes_payment;
    if (!isInFlight(order.status) && !awaitsMoney) return { nextAt: null };
    // A duplicate or early job (a retried orphan, the sweeper's re-queue) must not call the vendor
    // ahead of its timetable: it only re-arms the step for when it is due.
    const rec = readJson<OrderRecovery>(order.recovery);
    const early = rec.nextAt !== undefined && rec.nextAt > this.deps.clock.now();
    if (early && secrets.cardPassword === undefined) return { nextAt: rec.nextAt! };
    await this.deps.journal.closeInterrupted(orderId);
    const ctx = await loadTradeContext(this.deps.db, this.deps.registry, order.showtime_id);
    if (!ctx) {
      await this.attention(order, "the order's showtime no longer exists in the catalogue");
      return { nextAt: null };
    }
    // `record` moves the run's cursor as the saga advances.
    const run = orderStepRun(this.deps, order, ctx, "workflow", this.cursorOf(order, rec), rec);
    if (secrets.cardPassword !== undefined) run.cardPassword = secrets.cardPassword;
    const last = await runSaga(ORDER_STEPS, run.cursor, run, (move) => this.record(run, move));
    return { nextAt: last.kind === "wait" ? last.at : null };
  }

  /**
   * Undoes, newest first, the steps an unpaid order completed inside the channel's requests (those
   * before CONFIRM_STARTS_AT), after its final move (CANCELLED / EXPIRED) was recorded. These
   * compensations finish in one attempt: nothing durable is left to run for a final order.
   */
  async compensateUnpaid(order: OrderRow, actor: string): Promise<void> {
    const ctx = await loadTradeContext(this.deps.db, this.deps.registry, order.showtime_id);
    if (!ctx) return;
    const done = ORDER_STEPS.slice(0, ORDER_STEPS.indexOf(CONFIRM_STARTS_AT)).reverse();
    for (const step of done) {
      await step.compensate(orderStepRun(this.deps, order, ctx, actor, { step: step.name, undo: true }));
    }
    // The buyer site's open trade is closed with the order (a payment that still arrives goes back).
    if (order.takes_payment && this.deps.payments) {
      await this.deps.payments.closeOpen(order.id).catch(() => undefined);
      if (await this.deps.payments.repaid(order.id)) await this.deps.orders.update(order.id, { repaid: true });
    }
  }

  orderRef(order: OrderRow, ctx: TradeContext): OrderRef {
    return orderRefOf(order, ctx);
  }

  /** Without a recorded cursor, a forward run starts at firstForwardStep and a refund undoes from the last step. */
  private cursorOf(order: OrderRow, rec: OrderRecovery): SagaCursor {
    if (rec.saga) return rec.saga;
    if (order.status === "REFUNDING") return { step: ORDER_STEPS.at(-1)!.name, undo: true };
    return { step: firstForwardStep(order).name, undo: false };
  }

  /** The durable record of one move of the saga. */
  private async record(run: OrderStepRun, move: SagaMove<OrderFacts>): Promise<void> {
    const { order } = run;
    switch (move.kind) {
      case "next": {
        // The next step starts with fresh progress of its own.
        run.cursor = move.cursor;
        run.state = { startedAt: this.deps.clock.now() };
        const set = move.facts?.set ?? {};
        await this.deps.orders.update(order.id, {
          ...set,
          recovery: JSON.stringify({ ...run.state, saga: run.cursor }),
        });
        Object.assign(order, set);
        if (move.facts?.event)
          await this.deps.orders.event(this.deps.db, order.id, move.facts.event, "workflow", move.facts.detail);
        return;
      }
      case "wait":
        return; // the step saved its progress and when it is next due
      case "attention":
        return this.attention(order, move.reason);
      case "end":
        return this.end(order, move.end);
    }
  }

  /** The order's final move for how the saga ended; the seat holds go with it, unless the tickets stay. */
  private async end(order: OrderRow, end: SagaEnd<OrderFacts>): Promise<void> {
    const facts = end.facts ?? {};
    const from = order.status;
    const move: Transition =
      end.kind === "completed"
        ? { from, to: "ISSUED", actor: "workflow", event: facts.event ?? "order.issued", set: facts.set }
        : end.kind === "kept"
          ? {
              from,
              to: "ISSUED",
              actor: "workflow",
              event: facts.event ?? "order.undo.refused",
              set: { last_refund_error: end.reason, recovery: JSON.stringify({}) },
              detail: facts.detail,
            }
          : from === "REFUNDING"
            ? { from, to: "REFUNDED", actor: "workflow", event: "vendor.refund.ok" }
            : from === "LOCKED"
              ? // Only the buyer site's orders run steps while LOCKED: the lock ended before the money came.
                {
                  from,
                  to: "EXPIRED",
                  actor: "workflow",
                  event: "order.expire",
                  // A payment of the wrong amount may already be back with the buyer.
                  set: { repaid: await this.repaidByUs(order) },
                  detail: { reason: end.reason },
                }
              : {
                  from,
                  to: "FAILED",
                  actor: "workflow",
                  event: "order.failed",
                  // A channel repays its own buyer; the platform's payment step says whether it did.
                  set: { failure_reason: end.reason ?? null, repaid: await this.repaidByUs(order) },
                };
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const r = await this.deps.orders.transition(order.id, move, trx);
      if (r && isFinal(move.to)) await releaseHolds(trx, order.id);
      return r;
    });
    if (row) this.deps.orders.notify(row);
  }

  private async repaidByUs(order: OrderRow): Promise<boolean> {
    return order.takes_payment && this.deps.payments ? this.deps.payments.repaid(order.id) : false;
  }

  private async attention(order: OrderRow, reason: string): Promise<void> {
    await this.deps.orders.update(order.id, { needs_attention: true, attention_reason: reason });
    await this.deps.orders.event(this.deps.db, order.id, "order.needs_attention", "workflow", { reason });
    const row = await this.deps.orders.get(order.id);
    if (row) this.deps.orders.notify(row);
  }
}
