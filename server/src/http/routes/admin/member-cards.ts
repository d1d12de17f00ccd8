import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { cinemaMemberOverview, lookUpCard } from "../../../members/card-lookup.js";
import { maskCardNo } from "../../../members/card-refs.js";
import { requireCinemaInScope } from "../../plugins/admin-auth.js";
import { CinemaIdParams } from "./cinema-views.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors, ConflictError, VendorUnavailableError } from "./responses/common.js";
import { CardLookupSchema, MemberOverviewSchema } from "./responses/member-cards.js";

const CardParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  cardNo: Type.String({ pattern: "^[0-9A-Za-z]{4,32}$" }),
});
const RangeQuery = Type.Object({
  from: Type.Optional(Type.String({ format: "date" })),
  to: Type.Optional(Type.String({ format: "date" })),
});

/**
 * The console's 会员 look-up (MCS): a card at a cinema, live from the vendor, and the cinema's
 * grades and goods. Operators see only their cinemas (requireCinemaInScope: 404 otherwise); each
 * look-up is audited with the card number masked.
 */
export async function adminMemberCardRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  const lookupDeps = { db: deps.db, registry: deps.catalog.registry, clock: deps.catalog.clock };
  const failures = { ...AdminErrors, ...ConflictError, ...VendorUnavailableError };

  app.get(
    "/cinemas/:id/member-cards/:cardNo",
    {
      preHandler: [requireCinemaInScope],
      config: {
        audit: {
          action: "member_card.lookup",
          detail: (req) => ({ cardNo: maskCardNo((req.params as { cardNo: string }).cardNo) }),
        },
      },
      schema: {
        tags: ["admin"],
        summary: "One member card at a cinema, with its records (holder data masked)",
        params: CardParams,
        querystring: RangeQuery,
        response: { 200: CardLookupSchema, ...failures },
      },
    },
    async (req) => {
      const { id, cardNo } = req.params as typeof CardParams.static;
      return lookUpCard(lookupDeps, id, cardNo, req.query as typeof RangeQuery.static);
    },
  );

  app.get(
    "/cinemas/:id/member-overview",
    {
      preHandler: [requireCinemaInScope],
      schema: {
        tags: ["admin"],
        summary: "The cinema's member-card grades and goods",
        params: CinemaIdParams,
        response: { 200: MemberOverviewSchema, ...failures },
      },
    },
    async (req) => cinemaMemberOverview(lookupDeps, (req.params as { id: string }).id),
  );
}
