import { DomainError } from "./domain-error.js";
import { CHINA_OFFSET_MS, isValidDate } from "./time.js";

const DAY_MS = 86_400_000;

function dayStart(date: string, field: string): Date {
  if (!isValidDate(date)) {
    throw new DomainError("VALIDATION_FAILED", `${field} must be a date YYYY-MM-DD`, {
      errors: [{ path: `/${field}`, message: "must be a date YYYY-MM-DD" }],
    });
  }
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/**
 * The console's "from … to" filters: China calendar dates, both inclusive, as the instants
 * [from 00:00, the day after `to` 00:00) in China time. A date that is not one, or a `from` after
 * `to`, is a VALIDATION_FAILED naming the field (a 400, never a 500).
 */
export function chinaDayRange(r: { from?: string | undefined; to?: string | undefined }): {
  from?: Date;
  toExclusive?: Date;
} {
  const from = r.from ? dayStart(r.from, "from") : undefined;
  const toExclusive = r.to ? new Date(dayStart(r.to, "to").getTime() + DAY_MS) : undefined;
  if (from && toExclusive && from >= toExclusive) {
    throw new DomainError("VALIDATION_FAILED", "from must not be after to", {
      errors: [{ path: "/from", message: "must not be after to" }],
    });
  }
  return { ...(from ? { from } : {}), ...(toExclusive ? { toExclusive } : {}) };
}
