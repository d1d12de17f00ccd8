import { createHash } from "node:crypto";

/**
 * A short hash of a record's content, with object keys sorted so property order never makes a
 * change. The sync writes a row only when this differs from the stored one.
 */
export function contentHash(value: unknown): string {
  return createHash("sha1").update(stableJson(value)).digest("base64url").slice(0, 20);
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  // A Date has no own enumerable keys: read as an object it hashed as "{}", so a moved start or
  // stop-selling time never changed a showtime's hash and was never written.
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
}
