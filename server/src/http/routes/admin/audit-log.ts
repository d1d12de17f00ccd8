import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import type { Db } from "../../../db/database.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { PageOf, PageQuery } from "../../schemas.js";
import { AdminErrors } from "./responses/common.js";

const AuditQuery = Type.Composite([
  PageQuery,
  Type.Object({
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  }),
]);

const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: "date-time" }),
  actor: Type.String(),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

/** GET /admin/audit-log: newest first, paged, filterable by exact actor and action. Admins only. */
export async function adminAuditLogRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  app.get(
    "/audit-log",
    {
      preHandler: requireRole("admin"),
      schema: { tags: ["admin"], querystring: AuditQuery, response: { 200: PageOf(AuditEntry), ...AdminErrors } },
    },
    async (req) => {
      const q = req.query as typeof AuditQuery.static;
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 50;
      let base = opts.db.selectFrom("audit_log");
      if (q.actor) base = base.where("actor", "=", q.actor);
      if (q.action) base = base.where("action", "=", q.action);
      const [rows, total] = await Promise.all([
        base
          .select(["id", "at", "actor", "action", "target", "detail"])
          .orderBy("id", "desc")
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({ ...r, at: r.at.toISOString(), detail: (r.detail ?? {}) as Record<string, unknown> })),
        page,
        pageSize,
        total: Number(total.n),
      };
    },
  );
}
