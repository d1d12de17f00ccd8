import { readJson } from "../db/json-column.js";
import type { OrderSeat, RecoveryState } from "../db/schema.js";
import type { Result, VendorErrorCode } from "../domain/errors.js";
import { isInFlight } from "../domain/order-states.js";
import type { OrderRef, VendorOrderState } from "../domain/trade.js";
import { choosePhase, type RecoveryAction, type RecoveryPhase } from "../vendors/recovery.js";
import type { OrderDeps } from "./deps.js";
import { withOrderCalls } from "./order-calls.js";
import type { OrderRow } from "./order-store.js";
import { releaseHolds } from "./seat-holds.js";
import { StepJournal } from "./step-journal.js";
import { loadTradeContext, lockRequestOf, type TradeContext } from "./trade-context.js";

/** Vendor answers to a confirm that mean "no ticket was issued, and none will be". */
const REFUSALS: readonly VendorErrorCode[] = [
  "seat_unavailable",
  "showtime_closed",
  "price_rejected",
  "invalid_request",
];

/** Transport verdicts that prove a call never reached the vendor (vendors/transport.ts). */
const NOT_SENT: readonly string[] = ["circuit_open", "never_sent"];
/** How long the order's own confirm / refund is re-made while it cannot be sent (then recovery runs). */
const RESEND_MS = 15 * 60_000;
/** When a recovery call that could not be sent is made again. */
const RESEND_EVERY_MS = 60_000;

export interface StepOutcome {
  /** Epoch ms (on the workflow clock) when the next step is due; null when nothing is left to do automatically. */
  nextAt: number | null;
}

/**
 * Drives CONFIRMING and REFUNDING orders to a final state by executing their connector's
 * recovery policy, one vendor call per step. Each step writes its intent (journal row and the
 * attempt count) before the call and its outcome after, so a crash at any point resumes at the
 * right place on any node: an interrupted call simply counts as "no answer". Unknown outcomes are
 * settled by asking the vendor, never by guessing; past the timetable an order goes to
 * needsAttention with its whole history.
 */
export class OrderWorkflow {
  private readonly journal: StepJournal;

  constructor(private readonly deps: OrderDeps) {
    this.journal = new StepJournal(deps.db, () => deps.clock.now());
  }

  async step(orderId: string): Promise<StepOutcome> {
    const order = await this.deps.orders.get(orderId);
    if (!order || order.needs_attention) return { nextAt: null };
    if (!isInFlight(order.status)) return { nextAt: null };
    // A duplicate or early job (a retried orphan, the sweeper's re-queue) must not call the vendor
    // ahead of its timetable: it only re-arms the step for when it is due.
    const due = readJson<RecoveryState>(order.recovery).nextAt;
    if (due !== undefined && due > this.deps.clock.now()) return { nextAt: due };
    await this.journal.closeInterrupted(orderId);
    const ctx = await loadTradeContext(this.deps.db, this.deps.registry, order.showtime_id);
    if (!ctx) return this.attention(order, "the order's showtime no longer exists in the catalogue");
    return this.settle(order, ctx, order.status === "CONFIRMING" ? "confirm" : "refund");
  }

  /**
   * One step of settling a confirm or a refund: the order's own call first, then the connector's
   * recovery phases for that kind. Returns when the next step is due.
   */
  private async settle(order: OrderRow, ctx: TradeContext, kind: "confirm" | "refund"): Promise<StepOutcome> {
    const policy = kind === "confirm" ? ctx.connector.recovery.settle : ctx.connector.recovery.refund;
    const rec = readJson<RecoveryState>(order.recovery);
    const initial: RecoveryPhase = { action: kind, fromMs: 0, untilMs: 0, everyMs: 60_000 };
    const choice = !rec.initialDone
      ? ({ kind: "run", index: -1, phase: initial } as const)
      : choosePhase(policy, this.elapsed(rec), ctx.showtimeRef.startsAt - this.deps.clock.now(), rec.attempts ?? []);
    if (choice.kind === "exhausted")
      return this.attention(order, `the vendor's ${kind} timetable ended without a final answer`);
    if (choice.kind === "wait") return this.later(order, rec, (rec.startedAt ?? this.deps.clock.now()) + choice.atMs);

    const result = await this.perform(order, ctx, choice.phase.action, choice.index, rec);
    if (!result.ok && NOT_SENT.includes(result.error.vendorCode ?? "")) {
      // Our breaker (or a refused connection) kept the call from the vendor: nothing happened there.
      if (choice.index < 0 && this.elapsed(rec) < RESEND_MS) {
        // The order's own call: recovery (which only asks) would never make it. Make it again.
        return this.later(order, { ...rec, initialDone: false }, this.deps.clock.now() + initial.everyMs);
      }
      if (choice.index >= 0) {
        // A timetable counts the calls the vendor received (VISTA §2.2 makes its confirm once): this
        // one does not count, and is made again within the phase's window.
        const attempts = [...(rec.attempts ?? [])];
        attempts[choice.index] = Math.max(0, (attempts[choice.index] ?? 1) - 1);
        return this.later(order, { ...rec, attempts }, this.deps.clock.now() + RESEND_EVERY_MS);
      }
    }
    if (kind === "confirm" && result.ok && result.value.state === "not_submitted") {
      // The vendor holds the lock but the confirm never took effect there: make it again (the
      // vendor's lock lifetime bounds this; a lapsed unpaid lock answers "failed").
      return this.later(order, { ...rec, initialDone: false }, this.deps.clock.now() + initial.everyMs);
    }
    if (await this.apply(order, ctx, kind, choice.phase, result)) return { nextAt: null };
    if (!result.ok && result.error.code === "order_state" && choice.phase.onIncorrectState) {
      // ykse §10: a reversal refused for the order's state means "ask what the state is".
      const asked = await this.perform(order, ctx, choice.phase.onIncorrectState, choice.index, rec, false);
      if (await this.apply(order, ctx, kind, { ...choice.phase, action: choice.phase.onIncorrectState }, asked))
        return { nextAt: null };
    }
    return this.later(order, rec, this.deps.clock.now() + choice.phase.everyMs);
  }

  /** Applies a vendor answer; true when the order reached a final state. */
  private async apply(
    order: OrderRow,
    ctx: TradeContext,
    kind: "confirm" | "refund",
    phase: RecoveryPhase,
    res: Result<VendorOrderState>,
  ): Promise<boolean> {
    if (kind === "confirm") {
      if (res.ok) return this.applyConfirmState(order, ctx, res.value);
      if (phase.action === "confirm" && REFUSALS.includes(res.error.code)) {
        await this.fail(order, ctx, `vendor refused to issue: ${res.error.message}`);
        return true;
      }
      return false;
    }
    if (res.ok && res.value.state === "refunded") {
      const row = await this.deps.db.transaction().execute(async (trx) => {
        const r = await this.deps.orders.transition(
          order.id,
          { from: "REFUNDING", to: "REFUNDED", actor: "workflow", event: "vendor.refund.ok" },
          trx,
        );
        if (r) await releaseHolds(trx, order.id);
        return r;
      });
      if (row) this.deps.orders.notify(row);
      return true;
    }
    if (!res.ok && res.error.code === "refund_refused") {
      await this.refundEnded(order, "vendor.refund.refused", res.error.message, { ...res.error });
      return true;
    }
    if (res.ok && res.value.state === "issued" && phase.action === "query") {
      // A refund that reached the vendor shows there as under way or done (ykse §5.7: 退票中 from the
      // moment the request arrives). Still issued when asked (ykse: no sooner than the §5.11 60 s)
      // means the request never arrived or the cinema refused it: no refund is coming.
      await this.refundEnded(
        order,
        "vendor.refund.not_taken",
        "供应商显示票仍为已出票, 退票未生效, 可重新申请 / the vendor still shows the tickets issued; the refund did not take effect and may be requested again",
        { state: "issued" },
      );
      return true;
    }
    return false;
  }

  /** REFUNDING → back to ISSUED with lastRefundError: the tickets stay valid. */
  private async refundEnded(order: OrderRow, event: string, message: string, detail: Record<string, unknown>) {
    await this.deps.orders.transition(order.id, {
      from: "REFUNDING",
      to: "ISSUED",
      actor: "workflow",
      event,
      set: { last_refund_error: message, recovery: JSON.stringify({}) },
      detail,
    });
  }

  /** One vendor call with its journal entry; the attempt is counted before the call. */
  private async perform(
    order: OrderRow,
    ctx: TradeContext,
    action: RecoveryAction,
    phaseIndex: number,
    rec: RecoveryState,
    count = true,
  ): Promise<Result<VendorOrderState>> {
    const attempts = [...(rec.attempts ?? [])];
    if (count) {
      if (phaseIndex < 0) rec.initialDone = true;
      else attempts[phaseIndex] = (attempts[phaseIndex] ?? 0) + 1;
      rec.attempts = attempts;
      rec.startedAt ??= this.deps.clock.now();
      await this.deps.orders.update(order.id, { recovery: JSON.stringify(rec) });
    }
    const totalAttempts = 1 + attempts.reduce((s, n) => s + (n ?? 0), 0);
    const stepId = await this.journal.begin(order.id, action, totalAttempts);
    const res = await withOrderCalls(this.deps.db, order.id, () => this.call(order, ctx, action, totalAttempts));
    await this.journal.finish(
      stepId,
      res.ok ? res.value.state : res.error.code,
      res.ok ? {} : { vendorCode: res.error.vendorCode, callId: res.error.callId, detail: res.error.message },
    );
    await this.deps.orders.event(
      this.deps.db,
      order.id,
      `vendor.${action}`,
      "workflow",
      res.ok ? { state: res.value.state } : { ...res.error },
    );
    if (
      res.ok &&
      "vendorOrderId" in res.value &&
      res.value.vendorOrderId &&
      res.value.vendorOrderId !== order.vendor_order_id
    ) {
      await this.deps.orders.update(order.id, { vendor_order_id: res.value.vendorOrderId });
      order.vendor_order_id = res.value.vendorOrderId;
    }
    return res;
  }

  private async call(
    order: OrderRow,
    ctx: TradeContext,
    action: RecoveryAction,
    attempt: number,
  ): Promise<Result<VendorOrderState>> {
    const c = ctx.connector;
    const ref = this.orderRef(order, ctx);
    const unsupported = {
      ok: false as const,
      error: { code: "unsupported" as const, message: `${c.vendor} has no ${action} call` },
    };
    switch (action) {
      case "confirm":
        return c.confirm({
          ...this.lockRequest(order, ctx),
          vendorLockId: order.vendor_lock_id ?? "",
          lockVendorData: ref.lockVendorData,
          totalFen: order.settle_total_fen,
          attempt,
        });
      case "query":
        return c.queryOrder(ref);
      case "reverse":
        return c.reverse ? c.reverse(ref) : unsupported;
      case "cancel":
        return c.cancel ? c.cancel(ref) : unsupported;
      case "refund":
        return c.refund ? c.refund(ref, order.refund_reason ?? "") : unsupported;
    }
  }

  /** Final confirm answers: issued → ISSUED; failed / reversed / refunded → FAILED. Anything else: keep going. */
  private async applyConfirmState(order: OrderRow, ctx: TradeContext, state: VendorOrderState): Promise<boolean> {
    if (state.state === "issued") {
      const seats = readJson<OrderSeat[]>(order.seats);
      const ticketNo = new Map(state.tickets.map((t) => [t.vendorSeatId, t.ticketNo]));
      const tickets = seats.map((s) => ({
        seatId: s.seatId,
        ...(ticketNo.get(s.vendorSeatId) ? { ticketNo: ticketNo.get(s.vendorSeatId) } : {}),
      }));
      const pickup = Object.fromEntries(Object.entries(state.pickup).filter(([, v]) => v !== undefined && v !== ""));
      await this.deps.orders.transition(order.id, {
        from: "CONFIRMING",
        to: "ISSUED",
        actor: "workflow",
        event: "vendor.issued",
        set: { vendor_order_id: state.vendorOrderId, tickets: JSON.stringify(tickets), pickup: JSON.stringify(pickup) },
      });
      return true;
    }
    if (state.state === "failed" || state.state === "reversed" || state.state === "refunded") {
      await this.fail(
        order,
        ctx,
        state.state === "failed"
          ? `vendor reports the issue failed: ${state.reason}`
          : `vendor order ${state.state}; no ticket`,
      );
      return true;
    }
    return false;
  }

  /** FAILED: no ticket; seats released here and (best effort) at the vendor; the channel must repay. */
  private async fail(order: OrderRow, ctx: TradeContext, reason: string): Promise<void> {
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const r = await this.deps.orders.transition(
        order.id,
        {
          from: "CONFIRMING",
          to: "FAILED",
          actor: "workflow",
          event: "order.failed",
          set: { failure_reason: reason, repaid: false },
        },
        trx,
      );
      if (r) await releaseHolds(trx, order.id);
      return r;
    });
    if (!row) return;
    this.deps.orders.notify(row);
    if (order.vendor_lock_id) {
      const release = () => ctx.connector.release(this.orderRef(order, ctx));
      await withOrderCalls(this.deps.db, order.id, release).catch(() => undefined);
    }
  }

  private async later(order: OrderRow, rec: RecoveryState, at: number): Promise<StepOutcome> {
    await this.deps.orders.update(order.id, { recovery: JSON.stringify({ ...rec, nextAt: at }) });
    return { nextAt: at };
  }

  private async attention(order: OrderRow, reason: string): Promise<StepOutcome> {
    await this.deps.orders.update(order.id, { needs_attention: true, attention_reason: reason });
    await this.deps.orders.event(this.deps.db, order.id, "order.needs_attention", "workflow", { reason });
    const row = await this.deps.orders.get(order.id);
    if (row) this.deps.orders.notify(row);
    return { nextAt: null };
  }

  private elapsed(rec: RecoveryState): number {
    return this.deps.clock.now() - (rec.startedAt ?? this.deps.clock.now());
  }

  private lockRequest(order: OrderRow, ctx: TradeContext) {
    return lockRequestOf(ctx, readJson<OrderSeat[]>(order.seats), order.mobile, order.id);
  }

  orderRef(order: OrderRow, ctx: TradeContext): OrderRef {
    return {
      cinema: ctx.cinema,
      showtime: ctx.showtimeRef,
      orderId: order.id,
      vendorLockId: order.vendor_lock_id ?? "",
      vendorOrderId: order.vendor_order_id ?? undefined,
      lockVendorData: readJson<Record<string, unknown>>(order.lock_vendor_data),
      vendorData: readJson<Record<string, unknown>>(order.vendor_data),
      totalFen: order.settle_total_fen,
    };
  }
}
