import type { ConsoleRole } from "../db/schema.js";

/** The console's roles (DESIGN.md "Security"). Cinema operators are scoped to listed cinemas. */
export const CONSOLE_ROLES: readonly ConsoleRole[] = ["admin", "support", "cinema_operator"];

export function isConsoleRole(value: string): value is ConsoleRole {
  return (CONSOLE_ROLES as readonly string[]).includes(value);
}

/** Lower-case, 3–32 chars, starts with a letter or digit: safe in URLs, logs and the audit log. */
export const USERNAME_PATTERN = "^[a-z0-9][a-z0-9._-]{2,31}$";

/** Long enough to resist guessing; capped so a huge body cannot make argon2 burn CPU. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
