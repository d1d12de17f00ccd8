import { readJson } from "../../db/json-column.js";
import type { OrderSeat, RecoveryState } from "../../db/schema.js";
import type { Result, VendorErrorCode } from "../../domain/errors.js";
import type { VendorOrderState } from "../../domain/trade.js";
import { choosePhase, type RecoveryAction, type RecoveryPhase } from "../../vendors/recovery.js";
import { withOrderCalls } from "../order-calls.js";
import type { OrderStep, OrderStepRun, OrderVerdict } from "../order-step.js";
import { goodsLines, paysByCard, vendorPaymentLists } from "../split-payment.js";
import { lockRequestOf, orderRefOf } from "../trade-context.js";

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

type Kind = "confirm" | "refund";

/** Chinese first, then English, like the other texts a channel's support staff read. */
const CARD_CONFIRM_NOT_SENT =
  "会员卡支付的确认未送达影院, 未扣款, 请重新下单支付 / the card-paid confirm never reached the vendor (nothing was charged); create and confirm a new order";

/**
 * Confirm at the vendor ↔ reverse / refund at the vendor. Both directions execute the connector's
 * recovery policy (vendors/recovery.ts and each vendor's recovery.ts), one vendor call per attempt:
 * the order's own call first, then the timetable's phases. Each attempt writes its intent (attempt
 * count, journal row) before the call and its outcome after, so a crash at any point resumes at the
 * right place on any node: an interrupted call simply counts as "no answer". Unknown outcomes are
 * settled by asking the vendor, never by guessing; past the timetable the order needs a person.
 */
export const confirmAtVendor: OrderStep = {
  name: "confirm-at-vendor",
  invoke: (run) => settle(run, "confirm"),
  compensate: (run) => settle(run, "refund"),
};

async function settle(run: OrderStepRun, kind: Kind): Promise<OrderVerdict> {
  const { ctx, deps } = run;
  const policy = kind === "confirm" ? ctx.connector.recovery.settle : ctx.connector.recovery.refund;
  const rec = run.state;
  const initial: RecoveryPhase = { action: kind, fromMs: 0, untilMs: 0, everyMs: 60_000 };
  const choice = !rec.initialDone
    ? ({ kind: "run", index: -1, phase: initial } as const)
    : choosePhase(policy, elapsed(run, rec), ctx.showtimeRef.startsAt - deps.clock.now(), rec.attempts ?? []);
  if (choice.kind === "exhausted")
    return { kind: "attention", reason: `the vendor's ${kind} timetable ended without a final answer` };
  if (choice.kind === "wait") return later(run, rec, (rec.startedAt ?? deps.clock.now()) + choice.atMs);

  // A card-paid order's confirm carries the card password, which only the confirm request's own run
  // holds (orders/confirm.ts). Without it: the first call never made means the request died before
  // it — nothing reached the vendor, so the order fails and the buyer confirms a new one; a repeat
  // of a call that was made becomes the vendor's order query, so the card is never charged twice.
  let action = choice.phase.action;
  if (kind === "confirm" && action === "confirm" && run.cardPassword === undefined && paysByCard(run.order)) {
    if (choice.index < 0) return { kind: "refused", reason: CARD_CONFIRM_NOT_SENT };
    action = "query";
  }
  const phase = { ...choice.phase, action };
  const result = await perform(run, action, choice.index, rec);
  if (!result.ok && NOT_SENT.includes(result.error.vendorCode ?? "")) {
    // Our breaker (or a refused connection) kept the call from the vendor: nothing happened there.
    if (choice.index < 0 && elapsed(run, rec) < RESEND_MS) {
      // The order's own call: recovery (which only asks) would never make it. Make it again.
      return later(run, { ...rec, initialDone: false }, deps.clock.now() + initial.everyMs);
    }
    if (choice.index >= 0) {
      // A timetable counts the calls the vendor received (VISTA §2.2 makes its confirm once): this
      // one does not count, and is made again within the phase's window.
      const attempts = [...(rec.attempts ?? [])];
      attempts[choice.index] = Math.max(0, (attempts[choice.index] ?? 1) - 1);
      return later(run, { ...rec, attempts }, deps.clock.now() + RESEND_EVERY_MS);
    }
  }
  if (kind === "confirm" && result.ok && result.value.state === "not_submitted") {
    // The vendor holds the lock but the confirm never took effect there: make it again (the
    // vendor's lock lifetime bounds this; a lapsed unpaid lock answers "failed").
    return later(run, { ...rec, initialDone: false }, deps.clock.now() + initial.everyMs);
  }
  const verdict = interpret(run, kind, phase, result);
  if (verdict) return verdict;
  if (!result.ok && result.error.code === "order_state" && phase.onIncorrectState) {
    // ykse §10: a reversal refused for the order's state means "ask what the state is".
    const asking = phase.onIncorrectState;
    const asked = await perform(run, asking, choice.index, rec, false);
    const after = interpret(run, kind, { ...phase, action: asking }, asked);
    if (after) return after;
  }
  return later(run, rec, deps.clock.now() + phase.everyMs);
}

/** A vendor answer as a verdict; undefined while it is not final. */
function interpret(
  run: OrderStepRun,
  kind: Kind,
  phase: RecoveryPhase,
  res: Result<VendorOrderState>,
): OrderVerdict | undefined {
  if (kind === "confirm") {
    // A card-paid order the vendor does not know when the timetable reverses it never reached the
    // vendor (its confirm is never repeated, and the seat lock has lapsed by then): nothing was charged.
    if (res.ok && res.value.state === "not_found" && phase.action === "reverse" && paysByCard(run.order))
      return { kind: "refused", reason: "the vendor never received the card-paid confirm; nothing was charged" };
    if (res.ok) return confirmVerdict(run, res.value);
    if (phase.action === "confirm" && REFUSALS.includes(res.error.code))
      return { kind: "refused", reason: `vendor refused to issue: ${res.error.message}` };
    return undefined;
  }
  if (res.ok && res.value.state === "refunded") return { kind: "done" };
  if (!res.ok && res.error.code === "refund_refused") {
    return {
      kind: "refused",
      reason: res.error.message,
      facts: { event: "vendor.refund.refused", detail: { ...res.error } },
    };
  }
  if (res.ok && res.value.state === "issued" && phase.action === "query") {
    // A refund that reached the vendor shows there as under way or done (ykse §5.7: 退票中 from the
    // moment the request arrives). Still issued when asked (ykse: no sooner than the §5.11 60 s)
    // means the request never arrived or the cinema refused it: no refund is coming.
    return {
      kind: "refused",
      reason:
        "供应商显示票仍为已出票, 退票未生效, 可重新申请 / the vendor still shows the tickets issued; the refund did not take effect and may be requested again",
      facts: { event: "vendor.refund.not_taken", detail: { state: "issued" } },
    };
  }
  return undefined;
}

/** Final confirm answers: issued → done, with the tickets; failed / reversed / refunded → refused. */
function confirmVerdict(run: OrderStepRun, state: VendorOrderState): OrderVerdict | undefined {
  if (state.state === "issued") {
    const seats = readJson<OrderSeat[]>(run.order.seats);
    const ticketNo = new Map(state.tickets.map((t) => [t.vendorSeatId, t.ticketNo]));
    const tickets = seats.map((s) => ({
      seatId: s.seatId,
      ...(ticketNo.get(s.vendorSeatId) ? { ticketNo: ticketNo.get(s.vendorSeatId) } : {}),
    }));
    const pickup = Object.fromEntries(Object.entries(state.pickup).filter(([, v]) => v !== undefined && v !== ""));
    return {
      kind: "done",
      facts: {
        event: "vendor.issued",
        set: { vendor_order_id: state.vendorOrderId, tickets: JSON.stringify(tickets), pickup: JSON.stringify(pickup) },
      },
    };
  }
  if (state.state === "failed") return { kind: "refused", reason: `vendor reports the issue failed: ${state.reason}` };
  if (state.state === "reversed" || state.state === "refunded")
    return { kind: "refused", reason: `vendor order ${state.state}; no ticket` };
  return undefined;
}

/** One vendor call with its journal entry; the attempt is counted before the call. */
async function perform(
  run: OrderStepRun,
  action: RecoveryAction,
  phaseIndex: number,
  rec: RecoveryState,
  count = true,
): Promise<Result<VendorOrderState>> {
  const { deps, order } = run;
  const attempts = [...(rec.attempts ?? [])];
  if (count) {
    if (phaseIndex < 0) rec.initialDone = true;
    else attempts[phaseIndex] = (attempts[phaseIndex] ?? 0) + 1;
    rec.attempts = attempts;
    rec.startedAt ??= deps.clock.now();
    await run.save(rec);
  }
  const totalAttempts = 1 + attempts.reduce((s, n) => s + (n ?? 0), 0);
  const stepId = await deps.journal.begin(order.id, run.cursor, action, totalAttempts);
  const res = await withOrderCalls(deps.db, order.id, () => call(run, action, totalAttempts));
  await deps.journal.finish(
    stepId,
    res.ok ? res.value.state : res.error.code,
    res.ok ? {} : { vendorCode: res.error.vendorCode, callId: res.error.callId, detail: res.error.message },
  );
  await deps.orders.event(
    deps.db,
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
    await deps.orders.update(order.id, { vendor_order_id: res.value.vendorOrderId });
    order.vendor_order_id = res.value.vendorOrderId;
  }
  return res;
}

async function call(run: OrderStepRun, action: RecoveryAction, attempt: number): Promise<Result<VendorOrderState>> {
  const { ctx, order } = run;
  const c = ctx.connector;
  const ref = orderRefOf(order, ctx);
  const unsupported = {
    ok: false as const,
    error: { code: "unsupported" as const, message: `${c.vendor} has no ${action} call` },
  };
  switch (action) {
    case "confirm": {
      const req = {
        ...lockRequestOf(ctx, readJson<OrderSeat[]>(order.seats), order.mobile, order.id),
        vendorLockId: order.vendor_lock_id ?? "",
        lockVendorData: ref.lockVendorData,
        totalFen: order.settle_total_fen,
        attempt,
        // Goods and the card's split: the mixed / multi-pay confirms (ykse §5.4–5.6).
        ...(run.cardPassword !== undefined && paysByCard(order)
          ? vendorPaymentLists(order, run.cardPassword)
          : { goods: goodsLines(order) }),
      };
      return c.confirm(req);
    }
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

/** Saves the timetable's progress with when it is next due, and waits until then. */
async function later(run: OrderStepRun, rec: RecoveryState, at: number): Promise<OrderVerdict> {
  await run.save({ ...rec, nextAt: at });
  return { kind: "later", at };
}

function elapsed(run: OrderStepRun, rec: RecoveryState): number {
  return run.deps.clock.now() - (rec.startedAt ?? run.deps.clock.now());
}
