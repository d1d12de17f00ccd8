import type { Db } from "../db/database.js";
import type { AuditLog } from "../security/audit.js";
import { ConsoleUserError, ConsoleUsers } from "./users.js";

/**
 * Demo bootstrap: when no console user exists yet, create `admin` with a generated password and hand
 * it back once for the start-up banner. Later starts find a user and return nothing, so the password
 * is printed exactly once and never stored in clear anywhere.
 */
export async function ensureFirstAdmin(
  db: Db,
  audit: AuditLog,
): Promise<{ username: string; password: string } | undefined> {
  const users = new ConsoleUsers(db);
  if ((await users.count()) > 0) return undefined;
  try {
    const { user, generatedPassword } = await audit.run(
      "system",
      "user.create",
      "admin",
      { role: "admin", reason: "first start" },
      () => users.create({ username: "admin", role: "admin" }),
    );
    return { username: user.username, password: generatedPassword! };
  } catch (err) {
    // Another node created it in the meantime: it printed the password, we stay quiet.
    if (err instanceof ConsoleUserError && err.kind === "taken") return undefined;
    throw err;
  }
}
