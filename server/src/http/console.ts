import cookie from "@fastify/cookie";
import type { FastifyInstance } from "fastify";
import { LoginLimiter } from "../console/login-limiter.js";
import { ConsoleSessions } from "../console/sessions.js";
import { ConsoleUsers } from "../console/users.js";
import type { Db } from "../db/database.js";
import type { AuditLog } from "../security/audit.js";
import { adminAuditLogRoutes } from "./routes/admin/audit-log.js";
import { adminLoginRoutes, adminSessionRoutes } from "./routes/admin/session.js";
import { adminUserRoutes } from "./routes/admin/users.js";
import { consoleWebRoutes } from "./routes/console-web.js";

/** The console's server side, built once per app: users, sessions and the login limiter, all in PostgreSQL. */
export interface ConsoleServices {
  users: ConsoleUsers;
  sessions: ConsoleSessions;
  limiter: LoginLimiter;
  audit: AuditLog;
  db: Db;
}

export function createConsoleServices(db: Db, audit: AuditLog, now: () => number): ConsoleServices {
  return {
    users: new ConsoleUsers(db),
    sessions: new ConsoleSessions(db, now),
    limiter: new LoginLimiter(db, now),
    audit,
    db,
  };
}

/**
 * The unauthenticated part, registered on the root app before the /admin scope: cookie parsing (its
 * hook must exist before the admin scope loads), POST /admin/login, and the web app at /console.
 */
export async function registerConsolePublic(app: FastifyInstance, svc: ConsoleServices): Promise<void> {
  await app.register(cookie);
  await app.register(adminLoginRoutes, { ...svc, prefix: "/admin" });
  await app.register(consoleWebRoutes);
}

/** The authenticated part, registered inside the /admin scope: me, logout, users, audit log. */
export async function registerConsoleAdmin(admin: FastifyInstance, svc: ConsoleServices): Promise<void> {
  await admin.register(adminSessionRoutes, svc);
  await admin.register(adminUserRoutes, svc);
  await admin.register(adminAuditLogRoutes, svc);
}
