import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ORDER_STATUSES } from "../../../domain/order-states.js";
import { visibleCinemaIds } from "../../../ops/scope.js";
import { orderDetail } from "../../../orders/admin/detail.js";
import { searchOrders } from "../../../orders/admin/search.js";
import { PageQuery } from "../../schemas.js";
import type { AdminRouteDeps } from "./deps.js";
import { adminOrderActionRoutes } from "./order-actions.js";
import { AdminErrors } from "./responses/common.js";
import { OrderDetailSchema, OrderSearchPage } from "./responses/orders.js";

const Id = Type.String({ minLength: 1, maxLength: 64 });

export const OrderSearchQuery = Type.Composite(
  [
    PageQuery,
    Type.Object({
      q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
      orderId: Type.Optional(Id),
      channelRef: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      vendorOrderId: Type.Optional(Id),
      pickupCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      mobile: Type.Optional(Type.String({ pattern: "^(\\d{4}|1\\d{10})$" })),
      cinemaId: Type.Optional(Id),
      channel: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
      status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)))),
      from: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })),
      to: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })),
      // Text in a query string: the home page links /orders?needsAttention=1.
      needsAttention: Type.Optional(
        Type.Union([Type.Literal("1"), Type.Literal("0"), Type.Literal("true"), Type.Literal("false")]),
      ),
    }),
  ],
  { additionalProperties: false },
);

/**
 * Admin API for order search, the order page and its repair actions. Every role may search and
 * read; a cinema operator only sees orders of their cinemas (others answer 404 or do not match).
 */
export async function adminOrderRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  app.get(
    "/orders",
    { schema: { tags: ["admin"], querystring: OrderSearchQuery, response: { 200: OrderSearchPage, ...AdminErrors } } },
    async (req) => {
      const q = req.query as typeof OrderSearchQuery.static;
      const visible = visibleCinemaIds(req.actor);
      return searchOrders(
        deps.db,
        {
          ...q,
          needsAttention:
            q.needsAttention === undefined ? undefined : q.needsAttention === "1" || q.needsAttention === "true",
          page: q.page ?? 1,
          pageSize: q.pageSize ?? 20,
        },
        visible,
      );
    },
  );

  app.get(
    "/orders/:id",
    {
      schema: {
        tags: ["admin"],
        params: Type.Object({ id: Id }),
        response: { 200: OrderDetailSchema, ...AdminErrors },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      return orderDetail(deps.db, deps.catalog.calls, id, visibleCinemaIds(req.actor), deps.orders.deps.clock.now());
    },
  );

  await app.register(adminOrderActionRoutes, deps);
}
