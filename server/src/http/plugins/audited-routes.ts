import type { FastifyInstance, FastifyRequest, onSendHookHandler, preHandlerHookHandler } from "fastify";
import type { AuditEntry, AuditLog } from "../../security/audit.js";

/** What a route declares to be audited: the action's name, and what is known before it runs. */
export interface AuditSpec {
  action: string;
  /** What the action is on; defaults to the route's `:id` or `:code` parameter. */
  target?: (req: FastifyRequest) => string | null;
  /** Request facts worth keeping (never a secret or password). */
  detail?: (req: FastifyRequest) => Record<string, unknown>;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** Every mutating admin route says how it is audited, or `false` with a reason in a comment. */
    audit?: AuditSpec | false;
  }
  interface FastifyRequest {
    /** The audit row of this request's action, written before the handler ran. */
    audit?: AuditEntry;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function defaultTarget(req: FastifyRequest): string | null {
  const params = (req.params ?? {}) as Record<string, unknown>;
  const value = params.id ?? params.code;
  return typeof value === "string" ? value : null;
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The audit trail as part of the route lifecycle instead of a line each handler must remember
 * (and could run after its effect). For a route with `config.audit`:
 * - its last preHandler writes the audit row — after authentication, validation and every guard
 *   (a refused request did nothing worth auditing), before the handler (the effect). When the row
 *   cannot be written, the handler never runs and the caller gets the error;
 * - the handler adds what it learned with `req.audit.note(...)`;
 * - onSend stores the outcome (status, problem code) in the same row before the answer leaves.
 * A mutating route without `config.audit` is refused at start-up, so a new action cannot be
 * added unaudited by forgetting.
 */
export function auditAdminRoutes(app: FastifyInstance, audit: AuditLog): void {
  app.addHook("onRoute", (route) => {
    const methods = asArray(route.method);
    const spec = route.config?.audit;
    if (spec === undefined && methods.some((m) => !SAFE_METHODS.has(m)))
      throw new Error(`${methods.join(",")} ${route.url}: a mutating admin route must declare config.audit`);
    if (!spec) return;

    const begin: preHandlerHookHandler = async (req) => {
      if (!req.actor) throw new Error(`${route.url}: audited route reached without an actor`);
      req.audit = await audit.begin(req.actor.id, spec.action, (spec.target ?? defaultTarget)(req), {
        ...spec.detail?.(req),
      });
    };
    const finish: onSendHookHandler = async (req, reply, payload) => {
      if (!req.audit) return payload;
      const failed = reply.statusCode >= 400;
      try {
        await req.audit.finish({
          status: reply.statusCode,
          ...(failed ? { error: problemCodeOf(payload) ?? "UNKNOWN" } : {}),
        });
      } catch (err) {
        // The action already ran and its row exists; only the outcome is missing, which reads as
        // "began, end unknown". Say so in the log rather than turn a done action into an error.
        req.log.error({ err, auditId: req.audit.id }, "audit outcome not recorded");
      }
      return payload;
    };
    route.preHandler = [...asArray(route.preHandler), begin];
    route.onSend = [...asArray(route.onSend), finish];
  });
}

/** The `code` of a problem+json answer, read back from the serialised payload. */
function problemCodeOf(payload: unknown): string | undefined {
  if (typeof payload !== "string") return undefined;
  try {
    const body = JSON.parse(payload) as { code?: unknown };
    return typeof body.code === "string" ? body.code : undefined;
  } catch {
    return undefined;
  }
}
