import type { Db } from "../db/database.js";
import { hashToken } from "./sessions.js";

/**
 * Login throttling per username + client IP: after MAX_FAILURES failed attempts within WINDOW_MS the
 * pair is locked until the oldest of those failures leaves the window; a successful login clears it.
 *
 * Kept in PostgreSQL (`console_login_failures`, migration 0019) so every API node sees the same
 * count: behind a round-robin balancer N nodes no longer grant N × the guesses. The cost is one
 * small write per *failed* attempt (a success deletes, a throttled attempt writes nothing), and each
 * failure has already paid an argon2id verification, which bounds how fast anyone can fill the table;
 * rows older than the window are deleted as failures arrive, so it holds at most one window's worth.
 *
 * The check and the count are separate statements (as the in-memory version's were separate
 * steps around the asynchronous password check): attempts racing in parallel may each pass the check,
 * so a burst can exceed MAX_FAILURES by the number of attempts in flight at once — not a multiple per node.
 * Time is the injected clock's, so tests step it.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

export class LoginLimiter {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Hashed so the table holds neither the address nor a typed username (sometimes a password) in clear. */
  private key(username: string, ip: string): string {
    return hashToken(`${username.trim().toLowerCase()}\n${ip}`);
  }

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  async retryAfterMs(username: string, ip: string): Promise<number> {
    const now = this.now();
    // The MAX_FAILURES most recent failures in the window: the lock ends when the oldest of them leaves it.
    const recent = await this.db
      .selectFrom("console_login_failures")
      .select("failed_at")
      .where("key_hash", "=", this.key(username, ip))
      .where("failed_at", ">", new Date(now - WINDOW_MS))
      .orderBy("failed_at", "desc")
      .limit(MAX_FAILURES)
      .execute();
    if (recent.length < MAX_FAILURES) return 0;
    return Math.max(0, recent[MAX_FAILURES - 1]!.failed_at.getTime() + WINDOW_MS - now);
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    const now = this.now();
    await this.db
      .insertInto("console_login_failures")
      .values({ key_hash: this.key(username, ip), failed_at: new Date(now) })
      .execute();
    // Whatever left the window no longer counts for anyone (indexed range delete).
    await this.db
      .deleteFrom("console_login_failures")
      .where("failed_at", "<=", new Date(now - WINDOW_MS))
      .execute();
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.db.deleteFrom("console_login_failures").where("key_hash", "=", this.key(username, ip)).execute();
  }
}
