import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { CHANNEL_ORDER_STATUSES } from "../../../domain/order-states.js";
import type { OrderService } from "../../../orders/order-service.js";
import { IdempotencyHeaders, idempotencyKeyOf } from "../../idempotency-key.js";
import { ErrorResponses, PageOf, PageQuery } from "../../schemas.js";
import { IdParam } from "./catalog-schemas.js";
import { OrderSchema } from "./order-schemas.js";

export const Conflict = { 409: Type.Ref("Problem"), 422: Type.Ref("Problem"), 503: Type.Ref("Problem") };

const CreateOrder = Type.Object(
  {
    showtimeId: Type.String({ minLength: 1, maxLength: 64 }),
    seatIds: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { minItems: 1, maxItems: 20 }),
    mobile: Type.String({ pattern: "^1[3-9]\\d{9}$", description: "11-digit mainland China mobile" }),
    expectedTotalFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    goods: Type.Optional(
      Type.Array(
        Type.Object(
          {
            goodsId: Type.String({ minLength: 1, maxLength: 64 }),
            count: Type.Integer({ minimum: 1, maximum: 99 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20, description: "Concessions sold with the seats (the cinema's goods list ids)" },
      ),
    ),
    memberCard: Type.Optional(
      Type.Object(
        { cardRef: Type.String({ minLength: 1, maxLength: 128 }) },
        { additionalProperties: false, description: "Prices the seats at this card's price" },
      ),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        showtimeId: "st_8Jk2",
        seatIds: ["0000000000000001-6-19", "0000000000000001-6-20"],
        mobile: "13800138000",
        goods: [{ goodsId: "8160812223149", count: 1 }],
        memberCard: { cardRef: "mc_3q2-Xv9LrB0sWQ1bS8r0Xg" },
      },
    ],
  },
);

const PaymentPart = Type.Object(
  {
    method: Type.Union([
      Type.Literal("wechat"),
      Type.Literal("alipay"),
      Type.Literal("member_card"),
      Type.Literal("other"),
    ]),
    amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
    tradeNo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    cardRef: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    password: Type.Optional(
      Type.String({ pattern: "^\\d{6}$", description: "The card's 6-digit password: used once, never stored" }),
    ),
  },
  { additionalProperties: false },
);

export const Confirm = Type.Object(
  {
    paidFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
    payment: Type.Optional(
      Type.Object(
        {
          method: Type.Union([Type.Literal("wechat"), Type.Literal("alipay"), Type.Literal("other")]),
          tradeNo: Type.String({ minLength: 1, maxLength: 64 }),
        },
        { additionalProperties: false },
      ),
    ),
    payments: Type.Optional(
      Type.Array(PaymentPart, {
        minItems: 1,
        maxItems: 4,
        description: "A split payment instead of paidFen + payment; the amounts add up to totalFen",
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      { paidFen: 7600, payment: { method: "wechat", tradeNo: "4200001234202603100000000001" } },
      {
        payments: [
          { method: "member_card", amountFen: 6600, cardRef: "mc_3q2-Xv9LrB0sWQ1bS8r0Xg", password: "123456" },
          { method: "wechat", amountFen: 1000, tradeNo: "4200001234202603100000000002" },
        ],
      },
    ],
  },
);

const Refund = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

const ListQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    status: Type.Optional(Type.Union(CHANNEL_ORDER_STATUSES.map((s) => Type.Literal(s)))),
    from: Type.Optional(Type.String({ format: "date-time" })),
    to: Type.Optional(Type.String({ format: "date-time" })),
  }),
]);

export function channelOf(req: FastifyRequest) {
  return { id: req.channel!.id, code: req.channel!.code };
}

const keyOf = idempotencyKeyOf;

/** The channel trade API of shared/API.md. */
export async function orderRoutes(app: FastifyInstance, opts: { orders: OrderService }) {
  const { orders } = opts;
  const tags = ["orders"];

  app.post(
    "/orders",
    {
      schema: {
        tags,
        summary: "Lock seats: creates an order in LOCKED",
        headers: IdempotencyHeaders,
        body: CreateOrder,
        response: { 200: OrderSchema, 201: OrderSchema, ...ErrorResponses, ...Conflict },
      },
    },
    async (req, reply) => {
      const res = await orders.create(channelOf(req), keyOf(req), req.body as typeof CreateOrder.static);
      return reply.code(res.replayed ? 200 : 201).send(res.body as never);
    },
  );

  app.get(
    "/orders",
    {
      schema: {
        tags,
        summary: "This channel's orders",
        querystring: ListQuery,
        response: { 200: PageOf(OrderSchema), ...ErrorResponses },
      },
    },
    async (req) => {
      const q = req.query as { status?: string; from?: string; to?: string; page?: number; pageSize?: number };
      return orders.list(channelOf(req), {
        status: q.status,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 50,
      });
    },
  );

  app.get(
    "/orders/:id",
    {
      schema: {
        tags,
        summary: "One order, with tickets and pickup codes once ISSUED",
        params: IdParam,
        response: { 200: OrderSchema, ...ErrorResponses },
      },
    },
    async (req) => {
      return orders.get(channelOf(req), (req.params as { id: string }).id);
    },
  );

  app.post(
    "/orders/:id/cancel",
    {
      schema: {
        tags,
        summary: "Release the seats of a LOCKED order",
        params: IdParam,
        response: { 200: OrderSchema, ...ErrorResponses, ...Conflict },
      },
    },
    async (req) => {
      return orders.cancel(channelOf(req), (req.params as { id: string }).id);
    },
  );

  app.post(
    "/orders/:id/confirm",
    {
      schema: {
        tags,
        summary: "The buyer paid: drive the vendor to issue (202)",
        params: IdParam,
        headers: IdempotencyHeaders,
        body: Confirm,
        response: { 202: OrderSchema, ...ErrorResponses, ...Conflict },
      },
    },
    async (req, reply) => {
      const res = await orders.confirm(
        channelOf(req),
        (req.params as { id: string }).id,
        keyOf(req),
        req.body as typeof Confirm.static,
      );
      return reply.code(202).send(res.body as never);
    },
  );

  app.post(
    "/orders/:id/refund",
    {
      schema: {
        tags,
        summary: "Refund an ISSUED order (202 REFUNDING)",
        params: IdParam,
        headers: IdempotencyHeaders,
        body: Refund,
        response: { 202: OrderSchema, ...ErrorResponses, ...Conflict },
      },
    },
    async (req, reply) => {
      const res = await orders.refund(
        channelOf(req),
        (req.params as { id: string }).id,
        keyOf(req),
        req.body as typeof Refund.static,
      );
      return reply.code(202).send(res.body as never);
    },
  );
}
