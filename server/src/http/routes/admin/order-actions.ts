import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { visibleCinemaIds } from "../../../ops/scope.js";
import { visibleOrder } from "../../../orders/admin/detail.js";
import { queryVendorNow, refundOrder, resolveOrder, resumeOrder } from "../../../orders/admin/repair.js";
import { requireRole } from "../../plugins/admin-auth.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors, ConflictError, VendorUnavailableError } from "./responses/common.js";
import { OrderRefundStarted, OrderResolved, OrderResumed, OrderVendorQuery } from "./responses/orders.js";

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Note = Type.String({ minLength: 1, maxLength: 500 });

const ResumeBody = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false });
const RefundBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
const ResolveBody = Type.Object(
  {
    note: Note,
    outcome: Type.Optional(
      Type.Union([Type.Literal("failed"), Type.Literal("refunded"), Type.Literal("refund_refused")]),
    ),
  },
  { additionalProperties: false },
);

/**
 * The order page's repair actions. Every one is audited with the console user as actor, its row
 * written before the action runs (http/plugins/audited-routes.ts), and the order's own event log
 * names the user too. Querying the vendor is open to every role that can
 * see the order; changing an order (resume, refund, resolve) is for admin and support.
 */
export async function adminOrderActionRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  const load = (req: FastifyRequest) =>
    visibleOrder(deps.db, (req.params as { id: string }).id, visibleCinemaIds(req.actor));
  const repairers = requireRole("admin", "support");

  app.post(
    "/orders/:id/vendor-query",
    {
      config: { audit: { action: "order.vendor-query" } },
      schema: {
        tags: ["admin"],
        params: Params,
        response: { 200: OrderVendorQuery, ...AdminErrors, ...ConflictError, ...VendorUnavailableError },
      },
    },
    async (req) => {
      const order = await load(req);
      const result = await queryVendorNow(deps.orders, order);
      req.audit?.note({
        ok: result.ok,
        ...(result.ok ? { state: result.answer?.state } : { error: result.error?.code }),
      });
      return result;
    },
  );

  app.post(
    "/orders/:id/resume",
    {
      preHandler: repairers,
      config: {
        audit: {
          action: "order.resume",
          detail: (req) => {
            const note = (req.body as typeof ResumeBody.static | undefined)?.note;
            return note ? { note } : {};
          },
        },
      },
      schema: {
        tags: ["admin"],
        params: Params,
        body: Type.Optional(ResumeBody),
        response: { 202: OrderResumed, ...AdminErrors, ...ConflictError },
      },
    },
    async (req, reply) => {
      const order = await load(req);
      const note = (req.body as typeof ResumeBody.static | undefined)?.note;
      req.audit?.note({ status: order.status });
      const result = await resumeOrder(deps.orders, order, req.actor!.id, note);
      req.audit?.note({ restartedTimetable: result.restartedTimetable });
      return reply.code(202).send(result);
    },
  );

  app.post(
    "/orders/:id/refund",
    {
      preHandler: repairers,
      config: { audit: { action: "order.refund", detail: (req) => ({ ...(req.body as typeof RefundBody.static) }) } },
      schema: {
        tags: ["admin"],
        params: Params,
        body: RefundBody,
        response: { 202: OrderRefundStarted, ...AdminErrors, ...ConflictError, ...VendorUnavailableError },
      },
    },
    async (req, reply) => {
      const order = await load(req);
      const { reason } = req.body as typeof RefundBody.static;
      const result = await refundOrder(deps.orders, order, req.actor!.id, reason);
      req.audit?.note({ started: result.started });
      return reply.code(202).send(result);
    },
  );

  app.post(
    "/orders/:id/resolve",
    {
      preHandler: repairers,
      config: {
        audit: {
          action: "order.resolve",
          detail: (req) => {
            const { note, outcome } = req.body as typeof ResolveBody.static;
            return { note, ...(outcome ? { resolution: outcome } : {}) };
          },
        },
      },
      schema: {
        tags: ["admin"],
        params: Params,
        body: ResolveBody,
        response: { 200: OrderResolved, ...AdminErrors, ...ConflictError },
      },
    },
    async (req) => {
      const order = await load(req);
      const { note, outcome } = req.body as typeof ResolveBody.static;
      req.audit?.note({ from: order.status });
      const result = await resolveOrder(deps.orders, order, req.actor!.id, note, outcome);
      req.audit?.note({ to: result.status });
      return result;
    },
  );
}
