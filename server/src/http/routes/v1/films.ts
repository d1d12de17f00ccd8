import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { CatalogReads } from "../../../catalog/read-queries.js";
import type { Clock } from "../../../domain/time.js";
import { ErrorResponses, PageOf, PageQuery } from "../../schemas.js";
import { FilmItem } from "./catalog-schemas.js";

/** GET /v1/films: films with upcoming showtimes in the channel's cinemas. */
export async function filmRoutes(app: FastifyInstance, opts: { reads: CatalogReads; clock: Clock }) {
  app.get(
    "/films",
    {
      schema: {
        tags: ["catalogue"],
        summary: "Films now showing in this channel's cinemas",
        querystring: Type.Intersect([
          PageQuery,
          Type.Object({
            cityCode: Type.Optional(Type.String({ pattern: "^\\d{6}$" })),
            cinemaId: Type.Optional(Type.String({ maxLength: 64 })),
          }),
        ]),
        response: { 200: PageOf(FilmItem), ...ErrorResponses },
      },
    },
    async (req) => {
      const q = req.query as { page?: number; pageSize?: number; cityCode?: string; cinemaId?: string };
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      const { rows, total } = await opts.reads.films(req.channel!.id, q, opts.clock.now(), page, pageSize);
      return {
        items: rows.map((f) => ({
          id: f.id,
          nationalCode: f.national_code,
          title: f.title,
          language: f.language,
          durationMinutes: f.duration_minutes,
          versions: f.versions,
          ...(f.poster ? { poster: f.poster } : {}),
          ...(f.director ? { director: f.director } : {}),
          ...(f.cast ? { cast: f.cast } : {}),
          ...(f.release_date ? { releaseDate: f.release_date } : {}),
        })),
        page,
        pageSize,
        total,
      };
    },
  );
}
