import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { chinaDate, isValidDate } from "../../../domain/time.js";
import { assertCinemaVisible, visibleCinemaIds } from "../../../ops/scope.js";
import type { Reconciler } from "../../../payments/reconcile/reconciler.js";
import { ApiError } from "../../problem.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors } from "./responses/common.js";
import { ReconciliationRun, ReconciliationRuns } from "./responses/payment-reconciliations.js";

export interface PaymentReconciliationRouteDeps extends AdminRouteDeps {
  reconciler: Reconciler;
}

const CinemaId = Type.String({ minLength: 1, maxLength: 64 });
const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
const RunBody = Type.Object({ cinemaId: CinemaId, date: Day }, { additionalProperties: false });
const ListQuery = Type.Object(
  { cinemaId: Type.Optional(CinemaId), date: Type.Optional(Day) },
  { additionalProperties: false },
);

/**
 * POST /admin/payments/reconciliations runs a reconciliation of a cinema's day now (the console
 * button); GET lists runs with their differences. Every role may use them, operators for their own
 * cinemas only (another cinema is a 404, as everywhere in the console). A run only queries the
 * merchant: it changes no payment, so it needs no stronger role than reading payments.
 */
export async function adminPaymentReconciliationRoutes(
  app: FastifyInstance,
  deps: PaymentReconciliationRouteDeps,
): Promise<void> {
  const validDay = (date: string) => {
    if (!isValidDate(date)) throw new ApiError("VALIDATION_FAILED", `${date} is not a calendar date`);
  };

  app.post(
    "/payments/reconciliations",
    {
      // It calls the merchant once per trade of the day: audited like the payment-config check.
      config: { audit: { action: "payments.reconciliation" } },
      schema: { tags: ["admin"], body: RunBody, response: { 201: ReconciliationRun, ...AdminErrors } },
    },
    async (req, reply) => {
      const { cinemaId, date } = req.body as { cinemaId: string; date: string };
      assertCinemaVisible(req.actor, cinemaId);
      validDay(date);
      const cinema = await deps.db.selectFrom("cinemas").select("id").where("id", "=", cinemaId).executeTakeFirst();
      if (!cinema) throw new ApiError("NOT_FOUND", `cinema ${cinemaId} not found`);
      if (date > chinaDate(deps.catalog.clock.now())) {
        throw new ApiError("VALIDATION_FAILED", `${date} has not begun yet in China: nothing to reconcile`);
      }
      const run = await deps.reconciler.run(cinemaId, date, "manual", req.actor?.id);
      // A manual run is never refused by the scheduled-run index, so it is always stored.
      req.audit?.note({ runId: run!.id, state: run!.state, differences: run!.differences.length });
      reply.code(201);
      return run!;
    },
  );

  app.get(
    "/payments/reconciliations",
    { schema: { tags: ["admin"], querystring: ListQuery, response: { 200: ReconciliationRuns, ...AdminErrors } } },
    async (req) => {
      const q = req.query as { cinemaId?: string; date?: string };
      if (q.cinemaId) assertCinemaVisible(req.actor, q.cinemaId);
      if (q.date) validDay(q.date);
      const scope = visibleCinemaIds(req.actor);
      const items = await deps.reconciler.runs.list({
        ...(scope ? { cinemaIds: scope } : {}),
        ...(q.cinemaId ? { cinemaId: q.cinemaId } : {}),
        ...(q.date ? { date: q.date } : {}),
      });
      return { items };
    },
  );
}
