import type { AdminResponse } from "../../../api/admin";
import type { CinemaItem } from "../operations/types";

/** The admin order and channel API as the console reads it, from the generated API types. */
export type OrderPage = AdminResponse<"/admin/orders", "get">;
export type OrderListItem = OrderPage["items"][number];
export type OrderStatus = OrderListItem["status"];

/** The status filter's order (the lifecycle's, not the alphabet's). */
export const ORDER_STATUSES = [
  "LOCKING",
  "LOCKED",
  "CONFIRMING",
  "ISSUED",
  "REFUNDING",
  "REFUNDED",
  "FAILED",
  "CANCELLED",
  "EXPIRED",
  "LOCK_FAILED",
] as const satisfies readonly OrderStatus[];
// A status the server adds must be placed in the filter above: this line stops compiling until it is.
const everyStatusListed: Exclude<OrderStatus, (typeof ORDER_STATUSES)[number]> extends never ? true : never = true;
void everyStatusListed;

export type OrderDetail = AdminResponse<"/admin/orders/{id}", "get">;
export type VendorCall = OrderDetail["vendorCalls"][number];
export type ActionState = OrderDetail["actions"]["resume"];
export type VendorQueryResult = AdminResponse<"/admin/orders/{id}/vendor-query", "post">;
export type OrderResumed = AdminResponse<"/admin/orders/{id}/resume", "post", 202>;
export type OrderRefundStarted = AdminResponse<"/admin/orders/{id}/refund", "post", 202>;
export type OrderResolved = AdminResponse<"/admin/orders/{id}/resolve", "post">;

export type ChannelList = AdminResponse<"/admin/channels", "get">;
export type Channel = ChannelList["items"][number];
export type ChannelRateLimits = Channel["rateLimits"];
export type RateLimit = ChannelRateLimits["all"];
export type ChannelCreated = AdminResponse<"/admin/channels", "post", 201>;
export type ChannelSecret = AdminResponse<"/admin/channels/{code}/rotate-secret", "post">;

export type CinemaOption = Pick<CinemaItem, "id" | "name">;

export type PaymentPage = AdminResponse<"/admin/payments", "get">;
export type PaymentListItem = PaymentPage["items"][number];
export type PaymentState = PaymentListItem["state"];
export type RefundState = NonNullable<PaymentListItem["refund"]>["state"];
export type PaymentProvider = PaymentListItem["provider"];
export type RefundRetried = AdminResponse<"/admin/payments/refunds/{outRefundNo}/retry", "post">;
