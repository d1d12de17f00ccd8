import { type Static, Type } from "@sinclair/typebox";
import { PAYMENT_STATES, REFUND_RECORD_STATES } from "../../../../domain/payment-states.js";
import type { searchPayments } from "../../../../payments/payment-search.js";
import type { retryFlaggedRefund } from "../../../../payments/refund-retry.js";
import { sameShape } from "../../../same-shape.js";
import { PageOf } from "../../../schemas.js";
import { Literals, Nullable } from "./common.js";

/** Response schemas of the payments list and the refund retry (payments/payment-search.ts, refund-retry.ts). */

const Str = Type.String();
const PaymentState = Literals(PAYMENT_STATES);
const RefundState = Literals(REFUND_RECORD_STATES);

export const PaymentListItem = Type.Object({
  outTradeNo: Str,
  orderId: Str,
  cinemaId: Str,
  cinemaName: Str,
  provider: Literals(["wechat_v3", "wechat_v2", "alipay"] as const),
  state: PaymentState,
  amountFen: Type.Integer(),
  paidFen: Nullable(Type.Integer()),
  /** The provider's transaction id (WeChat transaction_id, Alipay trade_no) once paid. */
  transactionId: Nullable(Str),
  /** Masked (oUpF****eS6o): never a whole openid or buyer id. */
  payer: Nullable(Str),
  paidAt: Nullable(Str),
  createdAt: Str,
  refund: Nullable(
    Type.Object({
      outRefundNo: Str,
      state: RefundState,
      reason: Str,
      attempts: Type.Integer(),
      lastError: Nullable(Str),
    }),
  ),
});

export const PaymentSearchPage = PageOf(PaymentListItem);
sameShape<Static<typeof PaymentSearchPage>, Awaited<ReturnType<typeof searchPayments>>>(true);

export const RefundRetried = Type.Object({
  outRefundNo: Str,
  orderId: Str,
  /** Where the refund stands after the immediate attempt (SUCCEEDED, PROCESSING, or PENDING when refused again). */
  state: RefundState,
  attempts: Type.Integer(),
  lastError: Nullable(Str),
  /** The order was waiting for a person because of this refund, and its saga was resumed. */
  orderResumed: Type.Boolean(),
});
sameShape<Static<typeof RefundRetried>, Awaited<ReturnType<typeof retryFlaggedRefund>>>(true);
