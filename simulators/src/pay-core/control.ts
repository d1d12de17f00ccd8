import type { FastifyInstance, FastifyReply } from "fastify";
import type { SimContext } from "../core/context.js";
import { checkFaultPatch } from "../core/fault-patch.js";

/**
 * What the payment simulators' /_control back doors share (plain JSON, not a provider's protocol).
 * Their root instances read raw string bodies (signatures are over the exact text), so the
 * control routes parse JSON themselves.
 */

/** A control body as a JSON object: `{}` when empty, undefined when it is not a JSON object. */
export function controlBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== "string" || body === "") return {};
  try {
    const v = JSON.parse(body);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function controlError(reply: FastifyReply, message: string, status = 400) {
  return reply
    .code(status)
    .send({ error: status === 404 ? "not_found" : status === 409 ? "conflict" : "bad_request", message });
}

/** One payment fault's check: the accepted value, or the message of the 400. */
export type FaultRule = (v: unknown, key: string) => { ok: true; value: unknown } | { ok: false; error: string };

export const faultRules = {
  /** A share between 0 and 1. */
  rate: (): FaultRule => (v, k) =>
    typeof v === "number" && v >= 0 && v <= 1
      ? { ok: true, value: v }
      : { ok: false, error: `${k} must be between 0 and 1` },
  /** Simulated milliseconds, ≥ 0. */
  ms: (): FaultRule => (v, k) =>
    typeof v === "number" && Number.isFinite(v) && v >= 0
      ? { ok: true, value: v }
      : { ok: false, error: `${k} must be a number ≥ 0` },
  /** One of a fixed set of words. */
  oneOf:
    (words: readonly string[], error?: string): FaultRule =>
    (v, k) =>
      typeof v === "string" && words.includes(v)
        ? { ok: true, value: v }
        : { ok: false, error: error ?? `${k} must be one of ${words.join(", ")}` },
  /** A provider's refusal code matching `pattern`, or null for "no refusal". */
  codeOrNull:
    (pattern: RegExp, error: string): FaultRule =>
    (v) =>
      v === null || (typeof v === "string" && pattern.test(v)) ? { ok: true, value: v } : { ok: false, error },
};

/** Hand-checked like core/fault-patch.ts: a typo must be a 400, never a silent no-op. */
export function checkPaymentFaults<F extends object>(
  b: Record<string, unknown>,
  rules: { [K in keyof F]: FaultRule },
): Partial<F> | string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) {
    const rule = (rules as Record<string, FaultRule>)[k];
    if (!rule) return `${k} is not a payment fault (${Object.keys(rules).join(", ")})`;
    const checked = rule(v, k);
    if (!checked.ok) return checked.error;
    out[k] = checked.value;
  }
  return out as Partial<F>;
}

/**
 * The routes every payment simulator's back door has alike: its payment faults (`s.paymentFaults`,
 * checked by `rules`), the shared FaultController's faults, one reset for both, and the clock.
 */
export function registerPaymentControlBasics<F extends object>(
  scope: FastifyInstance,
  s: { ctx: Pick<SimContext, "clock" | "faults">; paymentFaults: F },
  defaults: () => F,
  rules: { [K in keyof F]: FaultRule },
): void {
  const ctx = s.ctx;
  const clockView = () => ({ now: ctx.clock.now(), iso: new Date(ctx.clock.now()).toISOString() });

  scope.get("/payment-faults", async () => s.paymentFaults);
  scope.put("/payment-faults", async (req, reply) => {
    const b = controlBody(req.body);
    const checked = b ? checkPaymentFaults<F>(b, rules) : "body must be a JSON object";
    if (typeof checked === "string") return controlError(reply, checked);
    s.paymentFaults = { ...s.paymentFaults, ...checked };
    return s.paymentFaults;
  });

  scope.get("/faults", async () => ctx.faults.config);
  scope.put("/faults", async (req, reply) => {
    const checked = checkFaultPatch(controlBody(req.body));
    if (!checked.ok) return controlError(reply, checked.error);
    return ctx.faults.update(checked.value);
  });
  scope.post("/faults/reset", async () => {
    ctx.faults.reset();
    s.paymentFaults = defaults();
    return { faults: ctx.faults.config, paymentFaults: s.paymentFaults };
  });

  scope.get("/clock", async () => clockView());
  scope.post("/clock/advance", async (req, reply) => {
    const b = controlBody(req.body);
    const ms = typeof b?.ms === "number" ? b.ms : typeof b?.minutes === "number" ? b.minutes * 60_000 : Number.NaN;
    if (!Number.isFinite(ms) || ms < 0) {
      return controlError(reply, "body must be {ms} or {minutes}: a finite number ≥ 0");
    }
    ctx.clock.advance(ms);
    return clockView();
  });
}
