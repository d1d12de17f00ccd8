/** The admin order and channel API as the console reads it (server/src/orders/admin, routes/admin/channels.ts). */
export type OrderStatus =
  | "LOCKING"
  | "LOCKED"
  | "CANCELLED"
  | "EXPIRED"
  | "CONFIRMING"
  | "ISSUED"
  | "FAILED"
  | "REFUNDING"
  | "REFUNDED"
  | "LOCK_FAILED";

export const ORDER_STATUSES: OrderStatus[] = [
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
];

export interface OrderListItem {
  id: string;
  status: OrderStatus;
  needsAttention: boolean;
  attentionReason: string | null;
  cinemaId: string;
  cinemaName: string;
  channel: string;
  filmTitle: string;
  startsAt: string;
  seats: Array<{ row: string; col: string }>;
  totalFen: number;
  mobile: string;
  pickup: Record<string, string>;
  vendorOrderId: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface VendorCall {
  id: string;
  call: string;
  startedAt: string;
  durationMs: number;
  outcome: string;
  httpStatus: number | null;
  vendorCode: string | null;
  request: string;
  response: string;
}

export interface ActionState {
  allowed: boolean;
  reason?: string;
}

export interface OrderDetail {
  order: {
    id: string;
    status: OrderStatus;
    needsAttention: boolean;
    attentionReason: string | null;
    channel: { id: string; code: string; name: string };
    channelRef: string | null;
    cinema: { id: string; name: string; vendor: string; vendorCinemaId: string; refundBeforeMinutes: number | null };
    showtime: { id: string; filmTitle: string; hallName: string; startsAt: string; businessDay: string };
    seats: Array<{ id: string; row: string; col: string; saleFen: number; serviceFeeFen: number; settleFen: number }>;
    totalFen: number;
    settleTotalFen: number;
    paidFen: number | null;
    payment: { method: string; tradeNo: string } | null;
    mobile: string;
    lockedUntil: string | null;
    vendorLockId: string | null;
    vendorOrderId: string | null;
    tickets: Array<{ seatId: string; ticketNo?: string }>;
    pickup: Record<string, string>;
    repaid: boolean;
    failureReason: string | null;
    refundReason: string | null;
    lastRefundError: string | null;
    recovery: { startedAt: string | null; nextAt: string | null; attempts: number[] };
    createdAt: string;
    updatedAt: string;
  };
  events: Array<{
    id: number;
    at: string;
    type: string;
    from: string | null;
    to: string | null;
    actor: string;
    detail: Record<string, unknown>;
  }>;
  steps: Array<{
    id: number;
    action: string;
    attempt: number;
    startedAt: string;
    finishedAt: string | null;
    outcome: string | null;
    vendorCode: string | null;
    callId: string | null;
    detail: string | null;
  }>;
  vendorCalls: VendorCall[];
  webhooks: Array<{
    id: string;
    url: string;
    status: string;
    orderStatus: string | null;
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    createdAt: string;
    deliveredAt: string | null;
  }>;
  actions: { vendorQuery: ActionState; resume: ActionState; refund: ActionState; resolve: ActionState };
}

export interface VendorQueryResult {
  ok: boolean;
  answer: ({ state: string } & Record<string, unknown>) | null;
  error: { code: string; message: string; vendorCode?: string } | null;
  durationMs: number;
  calls: VendorCall[];
}

export interface Channel {
  id: string;
  code: string;
  name: string;
  webhookUrl: string | null;
  active: boolean;
  cinemas: Array<{ id: string; name: string }>;
  orderCount: number;
  createdAt: string;
  rateLimits: ChannelRateLimits;
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** As GET /admin/channels gives them: `all` is the effective limit, the others null when not set. */
export interface ChannelRateLimits {
  all: RateLimit;
  seatMap: RateLimit | null;
  create: RateLimit | null;
}

export interface CinemaOption {
  id: string;
  name: string;
}
