import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { PAYMENT_STATES, REFUND_RECORD_STATES } from "../../../domain/payment-states.js";
import { assertCinemaVisible, visibleCinemaIds } from "../../../ops/scope.js";
import { searchPayments } from "../../../payments/payment-search.js";
import { retryFlaggedRefund } from "../../../payments/refund-retry.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { PageQuery } from "../../schemas.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors, ConflictError, Literals } from "./responses/common.js";
import { PaymentSearchPage, RefundRetried } from "./responses/payments.js";

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });

export const PaymentSearchQuery = Type.Composite(
  [
    PageQuery,
    Type.Object({
      cinemaId: Type.Optional(Id),
      state: Type.Optional(Literals(PAYMENT_STATES)),
      refundState: Type.Optional(Literals(REFUND_RECORD_STATES)),
      from: Type.Optional(Day),
      to: Type.Optional(Day),
      /** out_trade_no, the provider's transaction id, or our order id. */
      q: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    }),
  ],
  { additionalProperties: false },
);

/**
 * GET /admin/payments: the buyer site's payments for the console (every role; an operator sees
 * their cinemas only, another cinema is a 404 as everywhere). POST
 * /admin/payments/refunds/{outRefundNo}/retry: re-queue a refund flagged for a person (admin and
 * support; audited, and the order's events name the person).
 */
export async function adminPaymentRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  app.get(
    "/payments",
    {
      schema: {
        tags: ["admin"],
        querystring: PaymentSearchQuery,
        response: { 200: PaymentSearchPage, ...AdminErrors },
      },
    },
    async (req) => {
      const q = req.query as typeof PaymentSearchQuery.static;
      if (q.cinemaId) assertCinemaVisible(req.actor, q.cinemaId);
      return searchPayments(
        deps.db,
        { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 20 },
        visibleCinemaIds(req.actor),
      );
    },
  );

  app.post(
    "/payments/refunds/:outRefundNo/retry",
    {
      preHandler: requireRole("admin", "support"),
      config: { audit: { action: "payments.refund.retry" } },
      schema: {
        tags: ["admin"],
        params: Type.Object({ outRefundNo: Id }),
        response: { 200: RefundRetried, ...AdminErrors, ...ConflictError },
      },
    },
    async (req) => {
      const { outRefundNo } = req.params as { outRefundNo: string };
      const result = await retryFlaggedRefund(deps.orders, outRefundNo, req.actor!.id, visibleCinemaIds(req.actor));
      req.audit?.note({ orderId: result.orderId, state: result.state, orderResumed: result.orderResumed });
      return result;
    },
  );
}
