import type { FastifyInstance } from "fastify";
import type { CatalogReads } from "../../../catalog/read-queries.js";
import { ErrorResponses, PageOf, PageQuery } from "../../schemas.js";
import { CityItem } from "./catalog-schemas.js";

/** GET /v1/cities: cities with at least one cinema this channel may sell. */
export async function cityRoutes(app: FastifyInstance, opts: { reads: CatalogReads }): Promise<void> {
  app.get(
    "/cities",
    {
      schema: {
        tags: ["catalogue"],
        summary: "Cities with at least one cinema this channel may sell",
        querystring: PageQuery,
        response: { 200: PageOf(CityItem), ...ErrorResponses },
      },
    },
    async (req) => {
      const { page = 1, pageSize = 50 } = req.query as { page?: number; pageSize?: number };
      const { items, total } = await opts.reads.cities(req.channel!.id, page, pageSize);
      return { items, page, pageSize, total };
    },
  );
}
