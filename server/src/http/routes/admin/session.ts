import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { LoginLimiter } from "../../../console/login-limiter.js";
import { CONSOLE_ROLES, PASSWORD_MAX } from "../../../console/roles.js";
import { type ConsoleSessions, SESSION_COOKIE, SESSION_TTL_MS } from "../../../console/sessions.js";
import type { ConsoleUsers } from "../../../console/users.js";
import type { AuditLog } from "../../../security/audit.js";
import { rejectUnparsedBody } from "../../plugins/raw-json-body.js";
import { ApiError } from "../../problem.js";
import { AdminErrors, Literals, RateLimitedError } from "./responses/common.js";

const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
  },
  { additionalProperties: false },
);

const SessionView = Type.Object({
  user: Type.Object({
    username: Type.String(),
    role: Literals(CONSOLE_ROLES),
    cinemaIds: Type.Array(Type.String()),
  }),
  csrfToken: Type.Union([Type.String(), Type.Null()]),
});

// The cookie only needs to reach the API; the console's static files never see it.
const COOKIE_OPTIONS = {
  path: "/admin",
  httpOnly: true,
  sameSite: "strict",
  secure: "auto",
} as const;

export interface LoginRouteOptions {
  users: ConsoleUsers;
  sessions: ConsoleSessions;
  limiter: LoginLimiter;
  audit: AuditLog;
}

/**
 * POST /admin/login (API.md). Registered outside the authenticated /admin scope: it is how a session
 * begins. Wrong username and wrong password get the same answer, and the limiter is consulted before
 * the password is checked, so a locked pair cannot be probed further.
 */
export async function adminLoginRoutes(app: FastifyInstance, opts: LoginRouteOptions): Promise<void> {
  app.addHook("preValidation", async (req) => rejectUnparsedBody(req));
  app.post(
    "/login",
    {
      schema: {
        tags: ["admin"],
        summary: "Console login",
        body: LoginBody,
        response: { 200: SessionView, ...AdminErrors, ...RateLimitedError },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body as typeof LoginBody.static;
      const waitMs = await opts.limiter.retryAfterMs(username, req.ip);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        reply.header("retry-after", String(seconds));
        req.log.warn({ username, ip: req.ip }, "console login throttled");
        throw new ApiError("RATE_LIMITED", `too many failed logins; try again in ${Math.ceil(seconds / 60)} min`, {
          retryAfterSeconds: seconds,
        });
      }
      const user = await opts.users.verify(username, password);
      if (!user) {
        await opts.limiter.recordFailure(username, req.ip);
        throw new ApiError("UNAUTHENTICATED", "wrong username or password, or the user is disabled");
      }
      await opts.limiter.recordSuccess(username, req.ip);
      // The login is audited before the session exists: no session without its audit row.
      const session = await opts.audit.run(
        `user:${user.username}`,
        "console.login",
        user.username,
        { ip: req.ip },
        () => opts.sessions.create(user.id),
      );
      reply.setCookie(SESSION_COOKIE, session.token, { ...COOKIE_OPTIONS, maxAge: SESSION_TTL_MS / 1000 });
      return {
        user: { username: user.username, role: user.role, cinemaIds: user.cinemaIds },
        csrfToken: session.csrfToken,
      };
    },
  );
}

/** GET /admin/me and POST /admin/logout, inside the authenticated scope (logout needs the CSRF header). */
export async function adminSessionRoutes(app: FastifyInstance, opts: { sessions: ConsoleSessions }): Promise<void> {
  app.get("/me", { schema: { tags: ["admin"], response: { 200: SessionView, ...AdminErrors } } }, async (req) => {
    const actor = req.actor!;
    const session = req.consoleSession;
    return {
      user: { username: session?.username ?? actor.id, role: actor.role, cinemaIds: actor.cinemaIds ?? [] },
      csrfToken: session?.csrfToken ?? null,
    };
  });

  // Ending a session is audited like any action; a bearer caller has no session to end.
  const logoutAudit = {
    action: "console.logout",
    target: (req: FastifyRequest) => req.consoleSession?.username ?? null,
  };
  app.post(
    "/logout",
    { config: { audit: logoutAudit }, schema: { tags: ["admin"], response: { 204: Type.Null(), ...AdminErrors } } },
    async (req, reply) => {
      const session = req.consoleSession;
      if (session) await opts.sessions.destroy(session.token);
      reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS);
      return reply.code(204).send();
    },
  );
}
