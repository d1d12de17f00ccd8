/**
 * One instance per key, created on first use and kept (a connector per vendor account: it owns the
 * account's keep-alive pool, rate limiter and circuit breaker, which only work if shared). A failed
 * creation is forgotten, so the next use tries again.
 */
export class KeptPerKey<T> {
  private readonly kept = new Map<string, Promise<T>>();

  constructor(private readonly create: (key: string) => Promise<T>) {}

  get(key: string): Promise<T> {
    let pending = this.kept.get(key);
    if (!pending) {
      pending = this.create(key);
      this.kept.set(key, pending);
      pending.catch(() => this.kept.delete(key));
    }
    return pending;
  }

  /** Forgets every instance and hands back those that were created. */
  async drain(): Promise<T[]> {
    const all = [...this.kept.values()];
    this.kept.clear();
    return (await Promise.allSettled(all)).flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  }
}
