import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { MicroBatcher } from "../db/micro-batch.js";
import type { BucketName, Limit } from "./rate-limits.js";

export interface Take {
  channelId: string;
  /** Every bucket this request draws one token from (the channel-wide one and maybe its kind's). */
  buckets: Array<{ name: BucketName; limit: Limit }>;
  nowMs: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

interface BucketState {
  granted: number;
  tokens: number;
  perSecond: number;
}

/**
 * Token buckets kept in PostgreSQL, so every node draws on the same budget. The takes that arrive
 * while a statement is in flight share the next one (db/micro-batch.ts): they are counted per
 * bucket and each bucket row is refilled for the elapsed time and drawn down in a single
 * INSERT … ON CONFLICT DO UPDATE, which locks the row, so concurrent nodes serialise on it and
 * never grant more than the bucket holds. The row remembers how many it granted, read back with
 * RETURNING; within a batch the earliest requests get those tokens.
 * Time is the caller's clock (ms), so tests can step it; a row never goes back in time.
 */
export class RateBuckets {
  private readonly batcher: MicroBatcher<Take, TakeResult>;

  constructor(db: Db) {
    this.batcher = new MicroBatcher((batch) => drawBatch(db, batch));
  }

  take(take: Take): Promise<TakeResult> {
    return this.batcher.submit(take);
  }
}

const keyOf = (channelId: string, bucket: string) => `${channelId}\n${bucket}`;

async function drawBatch(db: Db, batch: Take[]): Promise<TakeResult[]> {
  const wanted = new Map<string, { channelId: string; name: string; limit: Limit; count: number; nowMs: number }>();
  for (const t of batch) {
    for (const b of t.buckets) {
      const key = keyOf(t.channelId, b.name);
      const w = wanted.get(key);
      if (w) {
        w.count++;
        w.nowMs = Math.max(w.nowMs, t.nowMs);
      } else wanted.set(key, { channelId: t.channelId, name: b.name, limit: b.limit, count: 1, nowMs: t.nowMs });
    }
  }
  // Rows in key order, so two nodes updating the same buckets lock them in the same order.
  const rows = [...wanted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, w]) => w);
  const col = <T>(f: (w: (typeof rows)[number]) => T) => rows.map(f);
  const asked = col((w) => Math.min(w.count, w.limit.burst));
  const result = await sql<{ channel_id: string; bucket: string; granted: number; tokens: number }>`
    insert into channel_rate_buckets as b (channel_id, bucket, per_second, burst, tokens, refilled_ms, granted)
    select v.channel_id, v.bucket, v.per_second, v.burst, v.burst - v.asked, v.now_ms, v.asked
    from unnest(${col((w) => w.channelId)}::text[], ${col((w) => w.name)}::text[],
                ${col((w) => w.limit.burst)}::float8[], ${col((w) => w.limit.perSecond)}::float8[],
                ${asked}::int[], ${col((w) => w.nowMs)}::bigint[])
      as v(channel_id, bucket, burst, per_second, asked, now_ms)
    on conflict (channel_id, bucket) do update set
      granted = least(excluded.granted, floor(${available}))::int,
      tokens = ${available} - least(excluded.granted, floor(${available})),
      refilled_ms = greatest(b.refilled_ms, excluded.refilled_ms),
      per_second = excluded.per_second,
      burst = excluded.burst
    returning channel_id, bucket, granted, tokens`.execute(db);
  const state = new Map<string, BucketState>();
  for (const r of result.rows) {
    const w = wanted.get(keyOf(r.channel_id, r.bucket))!;
    state.set(keyOf(r.channel_id, r.bucket), {
      granted: Number(r.granted),
      tokens: Number(r.tokens),
      perSecond: w.limit.perSecond,
    });
  }
  return batch.map((t) => {
    const own = t.buckets.map((b) => state.get(keyOf(t.channelId, b.name))!);
    // Every bucket's token is spent in order of arrival; a request refused by one bucket has still
    // used the other's (conservative, and what a client hammering one route deserves).
    const refusedBy = own.filter((s) => {
      const ok = s.granted > 0;
      s.granted--;
      return !ok;
    });
    if (refusedBy.length === 0) return { ok: true };
    const wait = Math.max(...refusedBy.map((s) => (1 - Math.max(0, s.tokens)) / s.perSecond));
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  });
}

/**
 * What the row holds after refilling for the time since its last update, capped at the burst.
 * In DO UPDATE every `b.` is the row as it was; the rate and burst come from the inserted values
 * (excluded), so a changed limit applies from the next request.
 */
const available = sql`least(
  excluded.burst,
  b.tokens + greatest(0, excluded.refilled_ms - b.refilled_ms) * excluded.per_second / 1000.0
)`;
