/**
 * Login throttling per username + client IP: after MAX_FAILURES failed attempts within WINDOW_MS the
 * pair is locked until the oldest failure leaves the window; a successful login clears it.
 *
 * Kept in memory per API node, deliberately: it costs no database write for unauthenticated traffic
 * (an attacker cannot make us fill a table), needs no schema change, and every attempt already pays an
 * argon2id verification. The trade-off: with N nodes behind a balancer an attacker gets up to N × 5
 * guesses per window, and a restart clears the counters — still a handful of guesses per 15 minutes
 * against passwords of 10+ characters. Move it to PostgreSQL if the console ever faces the internet
 * from many nodes.
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
/** Bounds memory when someone sprays many usernames or addresses. */
const MAX_KEYS = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private key(username: string, ip: string): string {
    return `${username.trim().toLowerCase()}\n${ip}`;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const times = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  retryAfterMs(username: string, ip: string): number {
    const times = this.recent(this.key(username, ip));
    if (times.length < MAX_FAILURES) return 0;
    return times[times.length - MAX_FAILURES]! + WINDOW_MS - this.now();
  }

  recordFailure(username: string, ip: string): void {
    const key = this.key(username, ip);
    const times = this.recent(key);
    if (!this.failures.has(key) && this.failures.size >= MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    this.failures.set(key, [...times, this.now()]);
  }

  recordSuccess(username: string, ip: string): void {
    this.failures.delete(this.key(username, ip));
  }
}
