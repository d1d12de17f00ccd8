import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { runVendorQuery } from "../../../ops/vendor-query.js";
import { VENDOR_QUERY_CALL_NAMES, VENDOR_QUERY_CALLS, type VendorQueryCall } from "../../../ops/vendor-query-calls.js";
import { requireCinemaInScope } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import { CinemaIdParams } from "./cinema-views.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors, VendorUnavailableError } from "./responses/common.js";
import { VendorQueryCallList, VendorQueryResultSchema } from "./responses/operations.js";

const Id = Type.String({ minLength: 1, maxLength: 64 });
const VendorQueryBody = Type.Object(
  {
    call: Type.Union(VENDOR_QUERY_CALL_NAMES.map((c) => Type.Literal(c))),
    params: Type.Optional(
      Type.Object(
        {
          hallId: Type.Optional(Id),
          date: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" })),
          days: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
          showtimeId: Type.Optional(Id),
          orderId: Type.Optional(Id),
          confirmationId: Type.Optional(Id),
          cardNumber: Type.Optional(Type.String({ pattern: "^[0-9A-Za-z]{4,32}$" })),
          cardPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The vendor's cinema list names every cinema of the account, far beyond an operator's own. */
async function operatorsNotOnAccountWide(req: FastifyRequest): Promise<void> {
  if ((req.body as typeof VendorQueryBody.static).call === "cinemas" && req.actor?.role === "cinema_operator")
    throw new ApiError("FORBIDDEN", "the vendor's cinema list is for admins and support");
}

/**
 * The Vendor query page (doc 000 §三 系统商查询模块): GET the list of calls, POST one call to a
 * cinema's vendor live. Read calls only; every query is audited (without the card password), and
 * its audit row is written before the vendor is called.
 */
export async function adminVendorQueryRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  app.get(
    "/vendor-query/calls",
    { schema: { tags: ["admin"], response: { 200: VendorQueryCallList, ...AdminErrors } } },
    async () => ({
      items: VENDOR_QUERY_CALL_NAMES.map((name) => ({
        name,
        needs: VENDOR_QUERY_CALLS[name].needs,
        memberCards: "memberCards" in VENDOR_QUERY_CALLS[name],
      })),
    }),
  );

  app.post(
    "/cinemas/:id/vendor-query",
    {
      preHandler: [requireCinemaInScope, operatorsNotOnAccountWide],
      config: {
        audit: {
          action: "vendor.query",
          detail: (req) => {
            const { call, params = {} } = req.body as typeof VendorQueryBody.static;
            const { cardPassword, ...audited } = params;
            return { call, params: { ...audited, ...(cardPassword ? { cardPassword: "***" } : {}) } };
          },
        },
      },
      schema: {
        tags: ["admin"],
        summary: "Run one vendor read call live",
        params: CinemaIdParams,
        body: VendorQueryBody,
        response: { 200: VendorQueryResultSchema, ...AdminErrors, ...VendorUnavailableError },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const body = req.body as typeof VendorQueryBody.static;
      const result = await runVendorQuery(
        { catalog: deps.catalog, workflow: deps.orders.workflow },
        id,
        body.call as VendorQueryCall,
        body.params ?? {},
      );
      req.audit?.note({
        ok: result.ok,
        ...(result.vendorCode ? { vendorCode: result.vendorCode } : {}),
        durationMs: result.durationMs,
      });
      return result;
    },
  );
}
