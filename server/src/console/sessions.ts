import { createHash, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/database.js";
import type { ConsoleRole } from "../db/schema.js";
import { randomToken } from "../security/ids.js";

/** Absolute lifetime: a working day plus margin; staff log in again the next morning. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;
export const SESSION_COOKIE = "cinegate_session";

export interface SessionUser {
  userId: string;
  username: string;
  role: ConsoleRole;
  cinemaIds: string[];
  csrfToken: string;
  expiresAt: Date;
}

/** Only the hash is stored, so a leaked database dump holds no usable session. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Console sessions in PostgreSQL: any API node can check any session, and logging out or disabling a
 * user takes effect everywhere at once. The opaque token goes to the browser in an httpOnly cookie;
 * the CSRF token is per session and must come back in a header on every mutating request.
 */
export class ConsoleSessions {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async create(userId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomToken(32);
    const csrfToken = randomToken(24);
    const now = this.now();
    const expiresAt = new Date(now + SESSION_TTL_MS);
    // Housekeeping on the user's own rows keeps the table small without a background job.
    await this.db
      .deleteFrom("console_sessions")
      .where("user_id", "=", userId)
      .where("expires_at", "<=", new Date(now))
      .execute();
    await this.db
      .insertInto("console_sessions")
      .values({ token_hash: hashToken(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt })
      .execute();
    return { token, csrfToken, expiresAt };
  }

  /** The session's user when the token is known, unexpired and the user still enabled. */
  async lookup(token: string): Promise<SessionUser | undefined> {
    if (token.length < 20 || token.length > 100) return undefined;
    const row = await this.db
      .selectFrom("console_sessions as s")
      .innerJoin("console_users as u", "u.id", "s.user_id")
      .select(["u.id", "u.username", "u.role", "u.cinema_ids", "u.disabled", "s.csrf_token", "s.expires_at"])
      .where("s.token_hash", "=", hashToken(token))
      .executeTakeFirst();
    if (!row || row.disabled || row.expires_at.getTime() <= this.now()) return undefined;
    return {
      userId: row.id,
      username: row.username,
      role: row.role,
      cinemaIds: row.cinema_ids,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
    };
  }

  async destroy(token: string): Promise<void> {
    await this.db.deleteFrom("console_sessions").where("token_hash", "=", hashToken(token)).execute();
  }
}
