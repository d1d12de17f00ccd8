import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { migrationsApplied } from "../../db/database.js";

/** Liveness and readiness, unauthenticated (load balancers call them). */
export async function healthRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));

  app.get("/readyz", { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(opts.db);
      if (!(await migrationsApplied(opts.db))) return reply.code(503).send({ status: "migrations pending" });
      return { status: "ready" };
    } catch {
      return reply.code(503).send({ status: "database unreachable" });
    }
  });
}
