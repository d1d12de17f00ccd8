import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { OnboardingError, onboardCinema } from "../../../catalog/onboarding.js";
import type { CatalogServices } from "../../../catalog/services.js";
import { assertCinemaVisible, visibleCinemaIds } from "../../../ops/scope.js";
import { isDirectoryVendor } from "../../../vendors/all.js";
import { requireCinemaInScope, requireRole } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import { AdminErrors, ConflictError } from "./responses/common.js";
import { SyncRunList } from "./responses/operations.js";
import { OnboardedCinema, SyncQueued } from "./responses/vendor-accounts.js";

const Onboard = Type.Object(
  {
    vendorAccountId: Type.String({ minLength: 1, maxLength: 64 }),
    vendorCinemaId: Type.String({ minLength: 1, maxLength: 64 }),
    nationalCode: Type.Optional(Type.String({ pattern: "^\\d{8}$" })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    channels: Type.Array(Type.String({ maxLength: 32 }), { maxItems: 100, default: [] }),
  },
  { additionalProperties: false },
);

export function onboardingProblem(err: unknown): never {
  if (err instanceof OnboardingError) {
    throw new ApiError(
      err.kind === "not_found" ? "NOT_FOUND" : err.kind === "conflict" ? "CONFLICT" : "VALIDATION_FAILED",
      err.message,
    );
  }
  throw err;
}

/** Onboarding, "sync now" and sync history (API.md, Admin API). */
export async function adminCinemaRoutes(app: FastifyInstance, opts: { catalog: CatalogServices }) {
  const { catalog } = opts;

  app.post(
    "/cinemas",
    {
      preHandler: requireRole("admin", "support"),
      config: {
        audit: {
          action: "cinema.onboard",
          target: () => null,
          detail: (req) => {
            const body = req.body as typeof Onboard.static;
            return { vendorAccountId: body.vendorAccountId, vendorCinemaId: body.vendorCinemaId };
          },
        },
      },
      schema: { tags: ["admin"], body: Onboard, response: { 201: OnboardedCinema, ...AdminErrors, ...ConflictError } },
    },
    async (req, reply) => {
      const body = req.body as typeof Onboard.static;
      const cinema = await onboardCinema(
        { db: catalog.db, accounts: catalog.accounts, sync: catalog.sync },
        body,
      ).catch(onboardingProblem);
      req.audit?.retarget(cinema.id);
      req.audit?.note({ channels: cinema.channels });
      return reply.code(201).send(cinema);
    },
  );

  app.post(
    "/cinemas/:id/sync",
    {
      // Cinema operators may refresh their own cinemas; outside their list the cinema does not exist.
      preHandler: requireCinemaInScope,
      config: { audit: { action: "cinema.sync" } },
      schema: {
        tags: ["admin"],
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 202: SyncQueued, ...AdminErrors, ...ConflictError },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const exists = await catalog.db
        .selectFrom("cinemas")
        .select(["id", "vendor"])
        .where("id", "=", id)
        .executeTakeFirst();
      if (!exists) throw new ApiError("NOT_FOUND", `cinema ${id} not found`);
      if (isDirectoryVendor(exists.vendor))
        throw new ApiError(
          "CONFLICT",
          `cinema ${id} is a manual record of ${exists.vendor}, which is not connected (no public interface document): there is nothing to sync`,
        );
      const queued = await catalog.sync.request(id);
      req.audit?.note({ queued });
      return reply
        .code(202)
        .send({ queued, message: queued ? "sync queued" : "a sync of this cinema is already queued" });
    },
  );

  app.get(
    "/sync-runs",
    {
      schema: {
        tags: ["admin"],
        querystring: Type.Object({
          cinemaId: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: SyncRunList, ...AdminErrors },
      },
    },
    async (req) => {
      const { cinemaId, limit } = req.query as { cinemaId?: string; limit: number };
      const visible = visibleCinemaIds(req.actor);
      if (cinemaId) assertCinemaVisible(req.actor, cinemaId);
      if (visible && visible.length === 0) return { items: [] };
      let q = catalog.db.selectFrom("sync_runs").selectAll().orderBy("started_at", "desc").limit(limit);
      if (cinemaId) q = q.where("cinema_id", "=", cinemaId);
      else if (visible) q = q.where("cinema_id", "in", visible);
      const rows = await q.execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          cinemaId: r.cinema_id,
          entities: r.entities,
          status: r.status,
          startedAt: r.started_at,
          finishedAt: r.finished_at,
          durationMs: r.duration_ms,
          counts: r.counts,
          errors: r.errors,
        })),
      };
    },
  );
}
