import type { OrderStep } from "./order-step.js";
import { confirmAtVendor } from "./steps/confirm-at-vendor.js";
import { lockSeats } from "./steps/lock-seats.js";

/**
 * An order's steps, in the order they run; compensation runs them backwards. The payments issue
 * adds "take payment ↔ refund payment" as one more entry here, between the lock and the vendor
 * confirm. Nothing else names a step: the runner (workflow.ts) only walks this list.
 */
export const ORDER_STEPS: readonly OrderStep[] = [lockSeats, confirmAtVendor];

/**
 * The step the channel's confirm (LOCKED → CONFIRMING) starts the runner at: the one after the
 * lock. The steps before it run inside the channel's own requests (the create call answers with
 * the lock), and an unpaid order that ends undoes just those.
 */
export const CONFIRM_STARTS_AT = ORDER_STEPS[ORDER_STEPS.indexOf(lockSeats) + 1]!;
