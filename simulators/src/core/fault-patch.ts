import type { FaultConfig } from "./faults.js";

/**
 * Validates a partial FaultConfig arriving from outside (the control API, SIM_FAULTS). Hand-written
 * rather than left to Fastify's Ajv because the vendor simulators own their instances' Ajv settings,
 * whose defaults silently drop unknown keys and coerce types — a typo in a chaos test must be a 400,
 * not a no-op.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const ruleKeys = {
  latencyMs: "ms",
  jitterMs: "ms",
  errorRate: "rate",
  timeoutRate: "rate",
  lostResponseRate: "rate",
  down: "boolean",
} as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isNonNegative = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

function checkRule(v: unknown, where: string): string | undefined {
  if (!isObject(v)) return `${where} must be an object`;
  for (const [key, value] of Object.entries(v)) {
    const kind = ruleKeys[key as keyof typeof ruleKeys];
    if (!kind) return `${where}.${key} is not a fault rule field (${Object.keys(ruleKeys).join(", ")})`;
    if (kind === "boolean" && typeof value !== "boolean") return `${where}.${key} must be a boolean`;
    if (kind === "ms" && !isNonNegative(value)) return `${where}.${key} must be a number ≥ 0`;
    if (kind === "rate" && !(isNonNegative(value) && value <= 1)) return `${where}.${key} must be between 0 and 1`;
  }
  return undefined;
}

function checkField(key: string, value: unknown): string | undefined {
  switch (key) {
    case "default":
      return checkRule(value, "default");
    case "calls":
      if (!isObject(value)) return "calls must be an object of call name → fault rule";
      for (const [name, rule] of Object.entries(value)) {
        const error = checkRule(rule, `calls.${name}`);
        if (error) return error;
      }
      return undefined;
    case "rateLimitPerSecond":
    case "hangMs":
      return Number.isInteger(value) && (value as number) >= 0 ? undefined : `${key} must be an integer ≥ 0`;
    case "slowIssueMinutes":
      return isNonNegative(value) ? undefined : `${key} must be a number ≥ 0`;
    case "slowIssueOutcome":
      return value === "success" || value === "fail" ? undefined : `${key} must be "success" or "fail"`;
    case "hideShowtimesFor":
      return Array.isArray(value) && value.every((c) => typeof c === "string")
        ? undefined
        : `${key} must be an array of cinema internal codes`;
    default:
      return `${key} is not a fault setting`;
  }
}

export function checkFaultPatch(input: unknown): Checked<Partial<FaultConfig>> {
  if (!isObject(input)) return { ok: false, error: "the body must be a JSON object (a partial fault config)" };
  for (const [key, value] of Object.entries(input)) {
    const error = checkField(key, value);
    if (error) return { ok: false, error };
  }
  return { ok: true, value: input as Partial<FaultConfig> };
}
