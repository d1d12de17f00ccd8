import type { FastifyInstance } from "fastify";
import type { VoucherOrderStatus } from "../../../domain/voucher-states.js";
import type { VoucherService } from "../../../vouchers/voucher-service.js";
import { IdempotencyHeaders, idempotencyKeyOf as keyOf } from "../../idempotency-key.js";
import { ErrorResponses, PageOf } from "../../schemas.js";
import { IdParam } from "./catalog-schemas.js";
import { Confirm, Conflict, channelOf } from "./orders.js";
import {
  CreateVoucherOrder,
  OptionalIdempotencyHeaders,
  VoucherListQuery,
  VoucherOrderQuery,
  VoucherOrderSchema,
  VoucherProductList,
  VoucherProductsQuery,
} from "./voucher-schemas.js";

/** Electronic exchange vouchers in the channel API (API.md "Vouchers", vendor-docs 004). */
export async function voucherRoutes(app: FastifyInstance, opts: { vouchers: VoucherService }) {
  const { vouchers } = opts;
  const tags = ["vouchers"];
  const idOf = (params: unknown) => (params as { id: string }).id;

  app.get(
    "/voucher-products",
    {
      schema: {
        tags,
        summary: "Vouchers on sale in a city: by cinema, or by card kind, with saleFen per ticket",
        querystring: VoucherProductsQuery,
        response: { 200: VoucherProductList, ...ErrorResponses, 503: Conflict[503] },
      },
    },
    async (req) => ({ items: await vouchers.products(channelOf(req), (req.query as { cityCode: string }).cityCode) }),
  );

  app.post(
    "/voucher-orders",
    {
      schema: {
        tags,
        summary: "Buy: the vendor creates the (inactive) card and its total; pay, then confirm",
        headers: IdempotencyHeaders,
        body: CreateVoucherOrder,
        response: { 200: VoucherOrderSchema, 201: VoucherOrderSchema, ...ErrorResponses, ...Conflict },
      },
    },
    async (req, reply) => {
      const res = await vouchers.create(channelOf(req), keyOf(req), req.body as typeof CreateVoucherOrder.static);
      return reply.code(res.replayed ? 200 : 201).send(res.body as never);
    },
  );

  app.get(
    "/voucher-orders",
    {
      schema: {
        tags,
        summary: "This channel's voucher orders",
        querystring: VoucherListQuery,
        response: { 200: PageOf(VoucherOrderSchema), ...ErrorResponses },
      },
    },
    async (req) => {
      const q = req.query as { status?: VoucherOrderStatus; page?: number; pageSize?: number };
      return vouchers.list(channelOf(req), { status: q.status, page: q.page ?? 1, pageSize: q.pageSize ?? 50 });
    },
  );

  app.get(
    "/voucher-orders/:id",
    {
      schema: {
        tags,
        summary: "One voucher order with its card codes and status (refresh=true asks the vendor)",
        params: IdParam,
        querystring: VoucherOrderQuery,
        response: { 200: VoucherOrderSchema, ...ErrorResponses, ...Conflict },
      },
    },
    async (req) => vouchers.get(channelOf(req), idOf(req.params), (req.query as { refresh?: boolean }).refresh),
  );

  app.post(
    "/voucher-orders/:id/confirm",
    {
      schema: {
        tags,
        summary: "The buyer paid (paidFen = totalFen): activate the card at the vendor (202 ACTIVATING)",
        params: IdParam,
        headers: OptionalIdempotencyHeaders,
        body: Confirm,
        response: { 202: VoucherOrderSchema, ...ErrorResponses, ...Conflict },
      },
    },
    async (req, reply) => {
      const key = req.headers["idempotency-key"];
      const res = await vouchers.confirm(
        channelOf(req),
        idOf(req.params),
        typeof key === "string" ? key : undefined,
        req.body as typeof Confirm.static,
      );
      return reply.code(202).send(res.body as never);
    },
  );

  app.post(
    "/voucher-orders/:id/cancel",
    {
      schema: {
        tags,
        summary: "Void the card (the vendor's ban): an unpaid order, or a paid one with no ticket used",
        params: IdParam,
        response: { 200: VoucherOrderSchema, ...ErrorResponses, ...Conflict },
      },
    },
    async (req) => vouchers.cancel(channelOf(req), idOf(req.params)),
  );
}
