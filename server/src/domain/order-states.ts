/**
 * An order's states and the one table of legal moves between them. The order store refuses any move
 * not listed here (orders/order-store.ts), so this file is the whole state machine: a new status or
 * move is added here first, then in the migration's CHECK (db/migrations/0003-orders.ts lists the
 * same statuses).
 */

/** In the order of the database CHECK; the API enums list them in this order too. */
export const ORDER_STATUSES = [
  "LOCKING",
  "LOCKED",
  "CANCELLED",
  "EXPIRED",
  "CONFIRMING",
  "ISSUED",
  "FAILED",
  "REFUNDING",
  "REFUNDED",
  "LOCK_FAILED",
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Every order starts here: seats held in our database, the vendor not yet asked to lock. */
export const INITIAL_ORDER_STATUS = "LOCKING" satisfies OrderStatus;

export interface OrderMove {
  from: OrderStatus;
  to: OrderStatus;
  /** Why the move happens, for readers of this table and of an illegal-move error. */
  reason: string;
}

/** Every legal move. Derived from what the order code does; nothing else may change a status. */
export const ORDER_MOVES: readonly OrderMove[] = [
  { from: "LOCKING", to: "LOCKED", reason: "the vendor locked the seats" },
  { from: "LOCKING", to: "LOCK_FAILED", reason: "the vendor refused the lock, or the attempt was abandoned" },
  { from: "LOCKED", to: "CONFIRMING", reason: "the channel confirmed payment before the lock lapsed" },
  { from: "LOCKED", to: "CANCELLED", reason: "the channel cancelled the unpaid order" },
  { from: "LOCKED", to: "EXPIRED", reason: "the unpaid lock ran out (sweeper)" },
  { from: "CONFIRMING", to: "ISSUED", reason: "the vendor issued the tickets" },
  { from: "CONFIRMING", to: "FAILED", reason: "the vendor refused or failed the issue, or support settled it so" },
  { from: "ISSUED", to: "REFUNDING", reason: "a refund was requested within the cinema's rules" },
  { from: "REFUNDING", to: "REFUNDED", reason: "the vendor refunded, or support settled it so" },
  { from: "REFUNDING", to: "ISSUED", reason: "the refund was refused or never took effect: the tickets stay valid" },
];

const moveKey = (from: OrderStatus, to: OrderStatus) => `${from}>${to}`;
const legal = new Set(ORDER_MOVES.map((m) => moveKey(m.from, m.to)));
const hasWayOut = new Set<OrderStatus>(ORDER_MOVES.map((m) => m.from));

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return legal.has(moveKey(from, to));
}

/** No move leads out of it. Final orders hold no seats: every move into a final state frees them. */
export function isFinal(status: OrderStatus): boolean {
  return !hasWayOut.has(status);
}

/**
 * Paid and waiting for the vendor's final answer: the workflow has steps to run (the vendor's
 * recovery timetable), the sweeper re-queues it when overdue, support may resume or settle it.
 * (As a list for SQL `in`.)
 */
export const IN_FLIGHT_STATUSES = ["CONFIRMING", "REFUNDING"] as const satisfies readonly OrderStatus[];

export type InFlightStatus = (typeof IN_FLIGHT_STATUSES)[number];

export function isInFlight(status: OrderStatus): status is InFlightStatus {
  return (IN_FLIGHT_STATUSES as readonly OrderStatus[]).includes(status);
}

/** Its next move depends on a vendor answer still to come: the lock attempt, or an in-flight order. */
export function awaitsVendor(status: OrderStatus): boolean {
  return status === INITIAL_ORDER_STATUS || isInFlight(status);
}

/** Statuses reachable from `start` (itself included) through legal moves. */
function reachableFrom(start: OrderStatus): ReadonlySet<OrderStatus> {
  const seen = new Set<OrderStatus>([start]);
  for (const s of seen) for (const m of ORDER_MOVES) if (m.from === s) seen.add(m.to);
  return seen;
}

const CONFIRMED = reachableFrom("CONFIRMING");

/** The channel's confirm (with its payment) was accepted: the order is CONFIRMING or beyond. */
export function wasConfirmed(status: OrderStatus): boolean {
  return CONFIRMED.has(status);
}

/**
 * A lock attempt that never became an order the channel holds: the create call that made it
 * answered with an error (or has not answered yet). Channels never see these, nor hear of them.
 * (As a list for SQL `not in`.)
 */
export const CHANNEL_HIDDEN_STATUSES = ["LOCKING", "LOCK_FAILED"] as const satisfies readonly OrderStatus[];

export function isHiddenFromChannel(status: OrderStatus): boolean {
  return (CHANNEL_HIDDEN_STATUSES as readonly OrderStatus[]).includes(status);
}

/** What a channel may see and filter by (API.md, Orders), in table order. */
export const CHANNEL_ORDER_STATUSES = ORDER_STATUSES.filter((s) => !isHiddenFromChannel(s));

/** Tickets were issued and are still valid (a refund under way has not taken them yet). */
export function hasValidTickets(status: OrderStatus): boolean {
  return status === "ISSUED" || status === "REFUNDING";
}

/** A move the table does not list: a bug in the caller, never a race (a race fails the compare-and-set). */
export class IllegalOrderMove extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`illegal order move ${from} → ${to}: not in domain/order-states.ts`);
    this.name = "IllegalOrderMove";
  }
}

export function assertMove(from: OrderStatus, to: OrderStatus): void {
  if (!canMove(from, to)) throw new IllegalOrderMove(from, to);
}
