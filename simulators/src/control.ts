import type { FastifyInstance, FastifyReply } from "fastify";
import type { SimContext } from "./core/context.js";
import { checkFaultPatch } from "./core/fault-patch.js";

/**
 * The test and demo back door every simulator carries under /_control: fault injection, the
 * simulated clock and call statistics. It is not part of any vendor protocol, so it speaks plain
 * JSON whatever the vendor's wire format is.
 *
 * Note that the clock is normally shared by all simulators (see index.ts): moving it through one
 * simulator moves it for all of them, as real time would.
 */
export function registerControl(app: FastifyInstance, ctx: SimContext): void {
  app.register(
    async (scope) => {
      // A vendor may have replaced the JSON parser on its root instance (e.g. to read raw bodies for
      // signing); the control API still needs plain JSON.
      if (!scope.hasContentTypeParser("application/json")) {
        scope.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
          try {
            done(null, body === "" ? undefined : JSON.parse(body as string));
          } catch {
            done(Object.assign(new Error("the body is not valid JSON"), { statusCode: 400 }), undefined);
          }
        });
      }
      // Vendors render errors in their own envelope; control errors stay plain JSON with their status.
      scope.setErrorHandler((error: { statusCode?: number; message: string }, _req, reply) => {
        const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
        return reply
          .code(status)
          .send({ error: status < 500 ? "bad_request" : "internal_error", message: error.message });
      });

      scope.get("/faults", async () => ctx.faults.config);

      scope.put("/faults", async (req, reply) => {
        const checked = checkFaultPatch(req.body);
        if (!checked.ok) return badRequest(reply, checked.error);
        return ctx.faults.update(checked.value);
      });

      scope.post("/faults/reset", async () => {
        ctx.faults.reset();
        return ctx.faults.config;
      });

      scope.get("/clock", async () => clockView(ctx));

      scope.post("/clock/advance", async (req, reply) => {
        const ms = advanceMs(req.body);
        if (typeof ms === "string") return badRequest(reply, ms);
        ctx.clock.advance(ms);
        return clockView(ctx);
      });

      scope.post("/clock/set", async (req, reply) => {
        const body = req.body as { epochMs?: unknown } | undefined;
        const epochMs = body?.epochMs;
        if (!isObject(body) || !Number.isSafeInteger(epochMs) || (epochMs as number) <= 0) {
          return badRequest(reply, "body must be {epochMs} with a positive integer epoch in milliseconds");
        }
        ctx.clock.set(epochMs as number);
        return clockView(ctx);
      });

      // Read-only: the data set's cinemas (every vendor's), so a platform in another process can
      // onboard the demo cinemas without knowing the seed.
      scope.get("/cinemas", async () => ({
        cinemas: ctx.dataset.cinemas.map((c) => ({
          vendor: c.vendor,
          internalCode: c.internalCode,
          nationalCode: c.nationalCode,
          name: c.name,
        })),
      }));

      // Read-only: every lock this simulator took and what became of it (see core/bookings.ts).
      scope.get("/bookings", async () => ({ bookings: ctx.bookings?.() ?? [] }));

      scope.get("/stats", async () => {
        const calls = Object.fromEntries(ctx.faults.callCounts);
        const totalCalls = Object.values(calls).reduce((a, b) => a + b, 0);
        return { calls, totalCalls, rateLimited: ctx.faults.rateLimitedCount };
      });
    },
    { prefix: "/_control" },
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function clockView(ctx: SimContext) {
  const now = ctx.clock.now();
  return { now, iso: new Date(now).toISOString(), offsetMs: now - Date.now() };
}

/**
 * `{ms}` or `{minutes}`, exactly one, finite and not negative: simulated time only moves forward
 * through `advance` (use `set` to go anywhere), so locks and timers never see time run backwards
 * by accident.
 */
function advanceMs(body: unknown): number | string {
  const usage = "body must be {ms} or {minutes}: one finite number ≥ 0";
  if (!isObject(body)) return usage;
  const keys = Object.keys(body);
  if (keys.length !== 1) return usage;
  const value = body.ms ?? body.minutes;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return usage;
  return keys[0] === "minutes" ? value * 60_000 : value;
}

function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).send({ error: "bad_request", message });
}
