import type { Db } from "../../db/database.js";

interface Claim {
  channelId: string;
  nonce: string;
  expiresAt: Date;
  resolve(claimed: boolean): void;
  reject(err: unknown): void;
}

/**
 * Claims request nonces in batches. Every claim is still decided by the request_nonces primary key
 * (so a replay fails on every node), but the claims that arrive while a batch is being written
 * share the next INSERT … ON CONFLICT DO NOTHING RETURNING: one round trip and one commit for many
 * requests instead of one each. Within a batch the first claim of a nonce wins and any repeat of
 * it is refused without asking the database.
 */
export class NonceClaims {
  private pending: Claim[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly opts: { maxBatch?: number; maxInFlight?: number } = {},
  ) {}

  /** True when this request is the first to use the nonce within its window. */
  claim(channelId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({ channelId, nonce, expiresAt, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0 || this.inFlight >= (this.opts.maxInFlight ?? 2)) return;
    this.scheduled = true;
    // setImmediate lets the requests parsed in the same I/O turn join this batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending.splice(0, this.opts.maxBatch ?? 500);
    if (batch.length === 0) return;
    this.inFlight++;
    // A burst larger than one batch goes out as up to maxInFlight concurrent INSERTs.
    this.schedule();
    try {
      const first = new Map<string, Claim>();
      const repeats: Claim[] = [];
      for (const c of batch) {
        const key = `${c.channelId}\n${c.nonce}`;
        if (first.has(key)) repeats.push(c);
        else first.set(key, c);
      }
      for (const c of repeats) c.resolve(false);
      const rows = [...first.values()].map((c) => ({
        channel_id: c.channelId,
        nonce: c.nonce,
        expires_at: c.expiresAt,
      }));
      try {
        const inserted = await this.db
          .insertInto("request_nonces")
          .values(rows)
          .onConflict((oc) => oc.doNothing())
          .returning(["channel_id", "nonce"])
          .execute();
        const won = new Set(inserted.map((r) => `${r.channel_id}\n${r.nonce}`));
        for (const [key, c] of first) c.resolve(won.has(key));
      } catch (err) {
        for (const c of first.values()) c.reject(err);
      }
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}
