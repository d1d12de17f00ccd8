import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { cinemaDetail } from "../../../ops/cinema-detail.js";
import { listCinemas } from "../../../ops/cinema-list.js";
import { homeView } from "../../../ops/home.js";
import { assertCinemaVisible, visibleCinemaIds } from "../../../ops/scope.js";
import { ApiError } from "../../problem.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors } from "./responses/common.js";
import { CinemaDetailSchema, CinemaList, HomeViewSchema } from "./responses/operations.js";

export const CinemaIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** GET /admin/home, /admin/cinemas, /admin/cinemas/:id — read-only views from our own store, every role, scoped. */
export async function adminCinemaViewRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  const now = () => deps.catalog.clock.now();

  app.get(
    "/home",
    {
      schema: { tags: ["admin"], summary: "What needs a human now", response: { 200: HomeViewSchema, ...AdminErrors } },
    },
    async (req) => homeView(deps.db, deps.catalog.calls, now(), visibleCinemaIds(req.actor)),
  );

  app.get(
    "/cinemas",
    {
      schema: {
        tags: ["admin"],
        summary: "Onboarded cinemas with sync health",
        querystring: Type.Object(
          { q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: CinemaList, ...AdminErrors },
      },
    },
    async (req) => {
      const { q } = req.query as { q?: string };
      return { items: await listCinemas(deps.db, now(), { ids: visibleCinemaIds(req.actor), q }) };
    },
  );

  app.get(
    "/cinemas/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "Cinema page: halls with layouts, showtimes by day, sync history",
        params: CinemaIdParams,
        response: { 200: CinemaDetailSchema, ...AdminErrors },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      assertCinemaVisible(req.actor, id);
      const detail = await cinemaDetail(deps.db, id, now());
      if (!detail) throw new ApiError("NOT_FOUND", `cinema ${id} not found`);
      const site = detail.buyerSite;
      if (site?.url.startsWith("/")) site.url = `${req.protocol}://${req.host}${site.url}`;
      return detail;
    },
  );
}
