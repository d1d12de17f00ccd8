import { minutes, type RecoveryPolicy } from "../recovery.js";

/**
 * Doc 002 §10 (关键接口调用流程示例), with §5.3 note 2 (confirm is idempotent) and §5.13/§5.14
 * (reversal allowed from 12 minutes after the confirm request until the show starts):
 *
 * 1. within 12 minutes (inclusive) call confirm again every minute until the state is known;
 * 2. minutes 13–15 (inclusive) reverse every minute; on REVERSE_TICKET_STATUS_INCORRECT (standard
 *    code `order_state`) query the order to learn its state;
 * 3. from minute 16, reverse every 30 minutes until the show starts.
 *
 * Refunds (§5.11/§5.12 note 2): with no clear answer, query the order no sooner than 60 seconds
 * after the call, then on the gradient the document suggests for getOrderInfo (1 min, then 3 min),
 * then every 30 minutes until the show.
 */
export const ykseRecoveryPolicy: RecoveryPolicy = {
  source: "doc 002 §10 (confirm 1/min ≤ 12 min, reverse 1/min minutes 13–15, then every 30 min); §5.11 note 2",
  settle: [
    { action: "confirm", fromMs: minutes(1), untilMs: minutes(12), everyMs: minutes(1), maxAttempts: 12 },
    {
      action: "reverse",
      fromMs: minutes(13),
      untilMs: minutes(15),
      everyMs: minutes(1),
      maxAttempts: 3,
      onIncorrectState: "query",
    },
    {
      action: "reverse",
      fromMs: minutes(16),
      untilMs: "showtime",
      everyMs: minutes(30),
      onIncorrectState: "query",
    },
  ],
  refund: [
    // Open until the next phase: a step that runs a little late (the job queue polls) must still ask.
    { action: "query", fromMs: minutes(1), untilMs: minutes(4), everyMs: minutes(3), maxAttempts: 1 },
    { action: "query", fromMs: minutes(4), untilMs: minutes(30), everyMs: minutes(3) },
    { action: "query", fromMs: minutes(30), untilMs: "showtime", everyMs: minutes(30) },
  ],
};
