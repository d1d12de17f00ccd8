import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { DiagnosisRuns } from "../../../ops/diagnosis-runs.js";
import { canSeeCinema } from "../../../ops/scope.js";
import { requireCinemaInScope } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import { CinemaIdParams } from "./cinema-views.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors } from "./responses/common.js";
import { DiagnosisRunSchema } from "./responses/operations.js";

/**
 * "Why does this cinema show no showtimes": POST starts the checks and answers 202 with every check
 * pending; GET /admin/diagnosis/:runId shows them finishing one by one. `?wait=true` answers once
 * all checks are done (for scripts). Starting a diagnosis is audited: it calls the vendor.
 */
export async function adminDiagnosisRoutes(
  app: FastifyInstance,
  deps: AdminRouteDeps & { runs: DiagnosisRuns },
): Promise<void> {
  app.post(
    "/cinemas/:id/diagnosis",
    {
      preHandler: requireCinemaInScope,
      config: { audit: { action: "cinema.diagnose" } },
      schema: {
        tags: ["admin"],
        summary: "Start the no-showtimes diagnosis",
        params: CinemaIdParams,
        querystring: Type.Object({ wait: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        // 202: started, every check pending; 200 (?wait=true): every check done.
        response: { 200: DiagnosisRunSchema, 202: DiagnosisRunSchema, ...AdminErrors },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const { wait } = req.query as { wait: boolean };
      const exists = await deps.db.selectFrom("cinemas").select("id").where("id", "=", id).executeTakeFirst();
      if (!exists) throw new ApiError("NOT_FOUND", `cinema ${id} not found`);
      const { run, done } = await deps.runs.start(id, req.actor!.id);
      req.audit?.note({ runId: run.id });
      if (wait) return reply.code(200).send(await done);
      return reply.code(202).send(run);
    },
  );

  app.get(
    "/diagnosis/:runId",
    {
      schema: {
        tags: ["admin"],
        params: Type.Object({ runId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: DiagnosisRunSchema, ...AdminErrors },
      },
    },
    async (req) => {
      const { runId } = req.params as { runId: string };
      const run = await deps.runs.get(runId);
      if (!run || !canSeeCinema(req.actor, run.cinemaId))
        throw new ApiError("NOT_FOUND", `diagnosis ${runId} not found`);
      return run;
    },
  );
}
