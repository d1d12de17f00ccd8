import type { AdminRequest, AdminResponse } from "../../../api/admin";

/** The pricing-rule admin API's shapes, from the types generated from the server's route schemas. */
export type Rule = AdminResponse<"/admin/pricing-rules/{id}", "get">;
export type RuleInput = AdminRequest<"/admin/pricing-rules", "post">;
export type RuleScope = RuleInput["scope"];
export type PriceSpec = RuleInput["price"];
export type Preview = AdminResponse<"/admin/pricing-rules/preview", "post">;
export type PreviewRow = Preview["items"][number];
export type HistoryItem = AdminResponse<"/admin/pricing-rules/{id}/history", "get">["items"][number];
export type Explain = AdminResponse<"/admin/showtimes/{id}/price-explain", "get">;

/**
 * The `conflicts` extension of the 409 problem a tie is refused with (routes/admin/pricing-rules.ts):
 * problem extensions are not in the response schema, so this one shape is written here.
 */
export interface Conflict {
  ruleId: string;
  name: string;
  showtimes: Array<{ showtimeId: string; cinemaName: string; filmTitle: string; startsAt: string; channel: string }>;
}
