import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { assertCinemaVisible } from "../../../ops/scope.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors } from "./responses/common.js";

const SeatRules = Type.Object(
  {
    /** "No single empty seat left between" (API.md SEAT_RULE_VIOLATION with rule single_gap). */
    forbidSingleGap: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** PUT/GET /admin/cinemas/{id}/seat-rules: the per-cinema seat rules support staff switch on request. */
export async function adminCinemaSeatRuleRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  const params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

  app.get(
    "/cinemas/:id/seat-rules",
    { schema: { tags: ["admin"], params, response: { 200: SeatRules, ...AdminErrors } } },
    async (req) => {
      const { id } = req.params as { id: string };
      const row = await deps.db
        .selectFrom("cinemas")
        .select("forbid_single_gap")
        .where("id", "=", id)
        .executeTakeFirst();
      assertCinemaVisible(req.actor, id);
      if (!row) throw new ApiError("NOT_FOUND", `cinema ${id} not found`);
      return { forbidSingleGap: row.forbid_single_gap };
    },
  );

  app.put(
    "/cinemas/:id/seat-rules",
    {
      preHandler: requireRole("admin", "support"),
      config: {
        audit: { action: "cinema.seat_rules", detail: (req) => ({ ...(req.body as typeof SeatRules.static) }) },
      },
      schema: { tags: ["admin"], params, body: SeatRules, response: { 200: SeatRules, ...AdminErrors } },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const body = req.body as { forbidSingleGap: boolean };
      const row = await deps.db
        .updateTable("cinemas")
        .set({ forbid_single_gap: body.forbidSingleGap })
        .where("id", "=", id)
        .returning("forbid_single_gap")
        .executeTakeFirst();
      if (!row) throw new ApiError("NOT_FOUND", `cinema ${id} not found`);
      return { forbidSingleGap: row.forbid_single_gap };
    },
  );
}
