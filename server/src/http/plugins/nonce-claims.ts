import type { Db } from "../../db/database.js";
import { claimBatch, MicroBatcher } from "../../db/micro-batch.js";

interface Claim {
  channelId: string;
  nonce: string;
  expiresAt: Date;
}

const keyOf = (channelId: string, nonce: string) => `${channelId}\n${nonce}`;

/**
 * Claims request nonces in batches. Every claim is still decided by the request_nonces primary key
 * (so a replay fails on every node), but the claims that arrive while a batch is being written
 * share the next INSERT … ON CONFLICT DO NOTHING RETURNING. Within a batch the first claim of a
 * nonce wins and any repeat of it is refused without asking the database.
 */
export class NonceClaims {
  private readonly batcher: MicroBatcher<Claim, boolean>;

  constructor(db: Db, opts: { maxBatch?: number; maxInFlight?: number } = {}) {
    this.batcher = new MicroBatcher(
      claimBatch<Claim>(
        (c) => keyOf(c.channelId, c.nonce),
        async (firsts) => {
          const inserted = await db
            .insertInto("request_nonces")
            .values(firsts.map((c) => ({ channel_id: c.channelId, nonce: c.nonce, expires_at: c.expiresAt })))
            .onConflict((oc) => oc.doNothing())
            .returning(["channel_id", "nonce"])
            .execute();
          return inserted.map((r) => keyOf(r.channel_id, r.nonce));
        },
      ),
      opts,
    );
  }

  /** True when this request is the first to use the nonce within its window. */
  claim(channelId: string, nonce: string, expiresAt: Date): Promise<boolean> {
    return this.batcher.submit({ channelId, nonce, expiresAt });
  }
}
