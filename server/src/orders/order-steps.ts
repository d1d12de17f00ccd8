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
 * The step the channel's confirm (LOCKED → CONFIRMING) starts the runner at: the one after the
 * lock (the payment step, which passes straight on for a channel's own order; for the buyer site's
 * orders the runner starts there while the order is still LOCKED, waiting for the money). The steps before it run inside the channel's own requests (the create call answers with
 * the lock), and an unpaid order that ends undoes just those.
 */
export const CONFIRM_STARTS_AT = ORDER_STEPS[ORDER_STEPS.indexOf(lockSeats) + 1]!;
