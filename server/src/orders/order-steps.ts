import type { OrderStep } from "./order-step.js";
import { confirmAtVendor } from "./steps/confirm-at-vendor.js";
import { lockSeats } from "./steps/lock-seats.js";
import { takePayment } from "./steps/take-payment.js";

/**
 * An order's steps, in the order they run; compensation runs them backwards. "Take payment ↔ refund
 * payment" sits between the lock and the vendor confirm; it acts only for orders whose money the
 * platform takes (steps/take-payment.ts). Nothing else names a step: the runner (workflow.ts) only
 * walks this list.
 */
export const ORDER_STEPS: readonly OrderStep[] = [lockSeats, takePayment, confirmAtVendor];

/**
 * Where the runner starts after the lock: the payment step. The steps before it run inside the
 * channel's own requests (the create call answers with the lock), and an unpaid order that ends
 * undoes just those.
 */
export const CONFIRM_STARTS_AT = ORDER_STEPS[ORDER_STEPS.indexOf(lockSeats) + 1]!;

/**
 * The step an order's forward run starts at when no cursor is recorded yet. The buyer site's orders
 * start at the payment step while still LOCKED; a channel's own order (it took the money itself and
 * called confirm) starts right after it, at the vendor confirm, with the progress the confirm wrote
 * (a pass through the payment step would start the vendor step's progress afresh).
 */
export function firstForwardStep(order: { takes_payment: boolean }): OrderStep {
  return order.takes_payment ? CONFIRM_STARTS_AT : ORDER_STEPS[ORDER_STEPS.indexOf(takePayment) + 1]!;
}
