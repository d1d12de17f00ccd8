import { minutes, type RecoveryPolicy } from "../recovery.js";

/**
 * TODO: the vendor's documented timetable for an order whose issue is not known yet (DESIGN.md,
 * "recovery policy"). Until the document says otherwise: ask for the order each minute until the show.
 */
export const __id__Recovery: RecoveryPolicy = {
  source: "TODO: document and section",
  settle: [{ action: "query", fromMs: 0, untilMs: "showtime", everyMs: minutes(1) }],
  refund: [],
};
