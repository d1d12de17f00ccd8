import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { ErrorResponses, PageOf, PageQuery } from "../../schemas.js";

const City = Type.Object({
  cityCode: Type.String({ description: "国家统计局 6-digit city code" }),
  name: Type.String(),
  cinemaCount: Type.Integer(),
});

/**
 * GET /v1/cities. The catalogue tables arrive with the catalogue sync; until then the list is
 * empty, which is the truthful answer for a platform with no onboarded cinema.
 */
export async function cityRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    "/cities",
    {
      schema: {
        tags: ["catalogue"],
        summary: "Cities with at least one cinema this channel may sell",
        querystring: PageQuery,
        response: { 200: PageOf(City), ...ErrorResponses },
      },
    },
    async (req) => {
      const { page = 1, pageSize = 50 } = req.query as { page?: number; pageSize?: number };
      return { items: [], page, pageSize, total: 0 };
    },
  );
}
