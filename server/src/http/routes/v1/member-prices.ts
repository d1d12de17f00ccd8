import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { DomainError } from "../../../domain/domain-error.js";
import { cardForCinema, memberPricesFor } from "../../../members/card-prices.js";
import type { OrderDeps } from "../../../orders/deps.js";
import { ErrorResponses } from "../../schemas.js";
import { IdParam } from "./catalog-schemas.js";

const MemberPrices = Type.Object({
  areas: Type.Array(
    Type.Object({
      areaId: Type.Optional(Type.String()),
      cardPriceFen: Type.Integer(),
      serviceFeeFen: Type.Integer(),
    }),
  ),
  discountTicketsLeft: Type.Optional(Type.Integer()),
});

/** GET /v1/showtimes/{id}/member-prices?cardRef= (API.md, member cards): live from the vendor. */
export async function memberPriceRoutes(app: FastifyInstance, opts: { deps: OrderDeps }) {
  const { deps } = opts;
  app.get(
    "/showtimes/:id/member-prices",
    {
      schema: {
        tags: ["member-cards"],
        summary: "What a member card pays per seat of a showtime",
        params: IdParam,
        querystring: Type.Object({ cardRef: Type.String({ minLength: 1, maxLength: 128 }) }),
        response: {
          200: MemberPrices,
          ...ErrorResponses,
          409: Type.Ref("Problem"),
          422: Type.Ref("Problem"),
          503: Type.Ref("Problem"),
        },
      },
    },
    async (req) => {
      const showtimeId = (req.params as { id: string }).id;
      const channelId = req.channel!.id;
      const ctx = await deps.createReads.sellable(channelId, showtimeId);
      if (!ctx) throw new DomainError("NOT_FOUND", `showtime ${showtimeId} not found`);
      const card = await cardForCinema(deps.db, channelId, (req.query as { cardRef: string }).cardRef, ctx.cinemaId);
      return memberPricesFor(ctx, card.cardNo);
    },
  );
}
