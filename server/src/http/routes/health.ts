import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { migrationsApplied } from "../../db/database.js";

export interface Readiness {
  ready: boolean;
  status: "ready" | "migrations pending" | "database unreachable";
}

/** Ready when PostgreSQL answers and every migration is applied; shared by the API and the metrics listener. */
export async function readiness(db: Db): Promise<Readiness> {
  try {
    await sql`select 1`.execute(db);
    if (!(await migrationsApplied(db))) return { ready: false, status: "migrations pending" };
    return { ready: true, status: "ready" };
  } catch {
    return { ready: false, status: "database unreachable" };
  }
}

/** Liveness and readiness, unauthenticated (load balancers call them). */
export async function healthRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));

  app.get("/readyz", { schema: { hide: true } }, async (_req, reply) => {
    const r = await readiness(opts.db);
    return r.ready ? { status: r.status } : reply.code(503).send({ status: r.status });
  });
}
