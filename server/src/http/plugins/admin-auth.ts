import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
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

declare module "fastify" {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export interface AdminAuthOptions {
  adminToken?: string;
}

/**
 * Authenticates every /admin route: `Authorization: Bearer <CINEGATE_ADMIN_TOKEN>` for automation.
 * Console sessions (cookie + CSRF token) plug in here as a second source of an Actor.
 */
export function applyAdminAuth(app: FastifyInstance, opts: AdminAuthOptions): void {
  app.addHook("onRequest", async (req) => {
    const actor = bearerActor(req, opts.adminToken);
    if (!actor) throw new ApiError("UNAUTHENTICATED", "admin bearer token or console session required");
    req.actor = actor;
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

/** Route guard: only these roles may call the route. */
export function requireRole(...roles: AdminRole[]) {
  return async (req: FastifyRequest) => {
    if (!req.actor || !roles.includes(req.actor.role))
      throw new ApiError("FORBIDDEN", `requires role ${roles.join(" or ")}`);
  };
}
