import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type ConsoleSessions, csrfMatches, SESSION_COOKIE } from "../../console/sessions.js";
import { assertCinemaVisible } from "../../ops/scope.js";
import { ApiError } from "../problem.js";
import { rejectUnparsedBody } from "./raw-json-body.js";

export type AdminRole = "admin" | "support" | "cinema_operator";

export interface Actor {
  /** "token:admin" for the bootstrap token, "user:<username>" for console users. */
  id: string;
  role: AdminRole;
  /** Cinemas a cinema operator may see; undefined = all. */
  cinemaIds?: string[];
}

/** The console session behind a request (absent for bearer-token callers). */
export interface ConsoleSessionRef {
  token: string;
  csrfToken: string;
  username: string;
}

declare module "fastify" {
  interface FastifyRequest {
    actor?: Actor;
    consoleSession?: ConsoleSessionRef;
  }
}

export interface AdminAuthOptions {
  adminToken?: string;
  /** Console sessions; without them only the bearer token is accepted. */
  sessions?: ConsoleSessions;
}

/** Methods that change nothing; every other method needs the CSRF header when a cookie authenticates. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Authenticates every /admin route from one of two sources:
 * - `Authorization: Bearer <CINEGATE_ADMIN_TOKEN>` for automation. When the header is present it alone
 *   decides (a wrong token is 401 even with a cookie), so scripts never depend on browser state.
 * - the console session cookie (httpOnly, SameSite=Strict). Because a browser attaches cookies by
 *   itself, a mutating request must also carry the session's CSRF token in `X-CSRF-Token`; a page on
 *   another origin cannot read that token, so it cannot forge the header.
 */
export function applyAdminAuth(app: FastifyInstance, opts: AdminAuthOptions): void {
  app.addHook("onRequest", async (req) => {
    if (req.headers.authorization !== undefined) {
      const actor = bearerActor(req, opts.adminToken);
      if (!actor) throw new ApiError("UNAUTHENTICATED", "admin bearer token is not valid");
      req.actor = actor;
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    const session = token && opts.sessions ? await opts.sessions.lookup(token) : undefined;
    if (!token || !session) throw new ApiError("UNAUTHENTICATED", "admin bearer token or console session required");
    if (!SAFE_METHODS.has(req.method)) {
      const given = req.headers["x-csrf-token"];
      if (!csrfMatches(session.csrfToken, typeof given === "string" ? given : undefined))
        throw new ApiError("FORBIDDEN", "missing or wrong X-CSRF-Token header for this console session");
    }
    req.actor = {
      id: `user:${session.username}`,
      role: session.role,
      ...(session.role === "cinema_operator" ? { cinemaIds: session.cinemaIds } : {}),
    };
    req.consoleSession = { token, csrfToken: session.csrfToken, username: session.username };
  });
  app.addHook("preValidation", async (req) => rejectUnparsedBody(req));
}

function bearerActor(req: FastifyRequest, adminToken: string | undefined): Actor | null {
  const header = req.headers.authorization;
  if (!adminToken || !header?.startsWith("Bearer ")) return null;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(adminToken);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { id: "token:admin", role: "admin" }
    : null;
}

/**
 * Route guard for routes on one cinema (`:id`): outside an operator's cinemas the cinema does not
 * exist (404). A preHandler, so it refuses before an audited action's row is written.
 */
export async function requireCinemaInScope(req: FastifyRequest): Promise<void> {
  assertCinemaVisible(req.actor, (req.params as { id: string }).id);
}

/** Route guard: only these roles may call the route. */
export function requireRole(...roles: AdminRole[]) {
  return async (req: FastifyRequest) => {
    if (!req.actor || !roles.includes(req.actor.role))
      throw new ApiError("FORBIDDEN", `requires role ${roles.join(" or ")}`);
  };
}
