import { type Static, Type } from "@sinclair/typebox";
import { ORDER_STATUSES } from "../../../../domain/order-states.js";
import { PAYMENT_STATES, REFUND_RECORD_STATES } from "../../../../domain/payment-states.js";
import type { orderDetail } from "../../../../orders/admin/detail.js";
import type { searchOrders } from "../../../../orders/admin/search.js";
import { sameShape } from "../../../same-shape.js";
import { PageOf } from "../../../schemas.js";
import { CallOutcome, Literals, Nullable, VendorError } from "./common.js";

/** Response schemas of order search, the order page and its repair actions (orders/admin/*). */

const Str = Type.String();
const Fen = Type.Integer();
const OrderStatus = Literals(ORDER_STATUSES);

export const OrderListItem = Type.Object({
  id: Str,
  status: OrderStatus,
  needsAttention: Type.Boolean(),
  attentionReason: Nullable(Str),
  cinemaId: Str,
  cinemaName: Str,
  channel: Str,
  filmTitle: Str,
  startsAt: Str,
  seats: Type.Array(Type.Object({ row: Str, col: Str })),
  totalFen: Fen,
  /** Last four digits only. */
  mobile: Str,
  pickup: Type.Record(Str, Str),
  vendorOrderId: Nullable(Str),
  createdAt: Str,
  updatedAt: Str,
});

export const OrderSearchPage = PageOf(OrderListItem);
sameShape<Static<typeof OrderSearchPage>, Awaited<ReturnType<typeof searchOrders>>>(true);

/** One vendor call as the order page shows it (China time; masked). */
export const OrderVendorCall = Type.Object({
  id: Str,
  call: Str,
  startedAt: Str,
  durationMs: Type.Number(),
  outcome: CallOutcome,
  httpStatus: Nullable(Type.Integer()),
  vendorCode: Nullable(Str),
  request: Str,
  response: Str,
});

/** Whether a repair action makes sense now, and the reason when not. */
const ActionState = Type.Object({ allowed: Type.Boolean(), reason: Type.Optional(Str) });

export const OrderDetailSchema = Type.Object({
  order: Type.Object({
    id: Str,
    status: OrderStatus,
    needsAttention: Type.Boolean(),
    attentionReason: Nullable(Str),
    channel: Type.Object({ id: Str, code: Str, name: Str }),
    channelRef: Nullable(Str),
    cinema: Type.Object({
      id: Str,
      name: Str,
      vendor: Str,
      vendorCinemaId: Str,
      refundBeforeMinutes: Nullable(Type.Integer()),
    }),
    showtime: Type.Object({ id: Str, filmTitle: Str, hallName: Str, startsAt: Str, businessDay: Str }),
    seats: Type.Array(Type.Object({ id: Str, row: Str, col: Str, saleFen: Fen, serviceFeeFen: Fen, settleFen: Fen })),
    /** Concession lines as snapshotted when the order was made; `saleFen` is the unit price. */
    goods: Type.Array(
      Type.Object({
        goodsId: Str,
        vendorGoodsId: Str,
        name: Str,
        isPackage: Type.Boolean(),
        count: Type.Integer(),
        saleFen: Fen,
      }),
    ),
    /** standard: channel pricing rules; member: the card's price; benefit: a benefit card's. */
    priceKind: Literals(["standard", "member", "benefit"] as const),
    /** The card that priced the seats, by its last four digits. */
    memberCard: Nullable(Type.Object({ cardNoMasked: Str })),
    /** A split confirm's parts as paid (null: one payment, see `payment`); a card by its last four digits. */
    paymentParts: Nullable(
      Type.Array(
        Type.Object({
          method: Literals(["wechat", "alipay", "member_card", "other"] as const),
          amountFen: Fen,
          tradeNo: Type.Optional(Str),
          cardNoMasked: Type.Optional(Str),
        }),
      ),
    ),
    totalFen: Fen,
    settleTotalFen: Fen,
    paidFen: Nullable(Fen),
    payment: Nullable(Type.Object({ method: Str, tradeNo: Str })),
    mobile: Str,
    lockedUntil: Nullable(Str),
    vendorLockId: Nullable(Str),
    vendorOrderId: Nullable(Str),
    tickets: Type.Array(Type.Object({ seatId: Str, ticketNo: Type.Optional(Str) })),
    pickup: Type.Record(Str, Str),
    repaid: Type.Boolean(),
    failureReason: Nullable(Str),
    refundReason: Nullable(Str),
    lastRefundError: Nullable(Str),
    recovery: Type.Object({ startedAt: Nullable(Str), nextAt: Nullable(Str), attempts: Type.Array(Type.Number()) }),
    createdAt: Str,
    updatedAt: Str,
  }),
  events: Type.Array(
    Type.Object({
      id: Type.Integer(),
      at: Str,
      type: Str,
      from: Nullable(Str),
      to: Nullable(Str),
      actor: Str,
      detail: Type.Record(Str, Type.Unknown()),
    }),
  ),
  steps: Type.Array(
    Type.Object({
      id: Type.Integer(),
      action: Str,
      attempt: Type.Integer(),
      startedAt: Str,
      finishedAt: Nullable(Str),
      outcome: Nullable(Str),
      vendorCode: Nullable(Str),
      callId: Nullable(Str),
      detail: Nullable(Str),
    }),
  ),
  vendorCalls: Type.Array(OrderVendorCall),
  /** The platform's payments for the order (the buyer site's orders; empty otherwise), payer masked. */
  payments: Type.Array(
    Type.Object({
      outTradeNo: Str,
      provider: Literals(["wechat_v3", "wechat_v2", "alipay"] as const),
      state: Literals(PAYMENT_STATES),
      amountFen: Fen,
      paidFen: Nullable(Fen),
      paidAt: Nullable(Str),
      transactionId: Nullable(Str),
      payer: Nullable(Str),
      expiresAt: Str,
      lastError: Nullable(Str),
      createdAt: Str,
    }),
  ),
  /** Their refunds: why, how often tried, and whether one waits for a person (flagged). */
  refunds: Type.Array(
    Type.Object({
      outTradeNo: Str,
      outRefundNo: Str,
      amountFen: Fen,
      reason: Str,
      state: Literals(REFUND_RECORD_STATES),
      attempts: Type.Integer(),
      flagged: Type.Boolean(),
      lastError: Nullable(Str),
      nextAt: Nullable(Str),
      succeededAt: Nullable(Str),
      createdAt: Str,
    }),
  ),
  webhooks: Type.Array(
    Type.Object({
      id: Str,
      url: Str,
      status: Literals(["pending", "delivered", "failed"]),
      /** The order status the delivery carried. */
      orderStatus: Nullable(Str),
      attempts: Type.Integer(),
      lastStatusCode: Nullable(Type.Integer()),
      lastError: Nullable(Str),
      createdAt: Str,
      deliveredAt: Nullable(Str),
    }),
  ),
  actions: Type.Object({ vendorQuery: ActionState, resume: ActionState, refund: ActionState, resolve: ActionState }),
});
type OrderDetail = Awaited<ReturnType<typeof orderDetail>>;
sameShape<Omit<Static<typeof OrderDetailSchema>, "actions">, Omit<OrderDetail, "actions">>(true);
// The actions are unions of literals as written ({ allowed: true } | { allowed: false, reason }):
// the same JSON as ActionState, so they are only required to fit it.
({}) as OrderDetail["actions"] satisfies Static<typeof OrderDetailSchema>["actions"];

/** "Query the vendor now": the decoded answer (its `state` and the vendor's fields) and the raw exchange. */
export const OrderVendorQuery = Type.Object({
  ok: Type.Boolean(),
  answer: Nullable(Type.Object({ state: Str }, { additionalProperties: true })),
  error: Nullable(VendorError),
  durationMs: Type.Number(),
  calls: Type.Array(OrderVendorCall),
});

export const OrderResumed = Type.Object({ queued: Type.Boolean(), restartedTimetable: Type.Boolean() });
export const OrderRefundStarted = Type.Object({ status: OrderStatus, started: Type.Boolean() });
export const OrderResolved = Type.Object({ status: OrderStatus });
