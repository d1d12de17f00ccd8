import { createHash } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { Db } from "../db/database.js";
import type { Database } from "../db/schema.js";
import { ApiError } from "../http/problem.js";

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/**
 * A claim with no answer this long after it was taken belongs to a request whose process died
 * (found by the chaos run: every retry got 409 CONFLICT forever). Longer than any request runs.
 */
const STALE_CLAIM_SECONDS = 60;

/**
 * What became of a request that recorded its order on the claim (`notePending`) and never
 * answered: its answer from the order's state now, "retry" to run it again, or "wait".
 */
export type ResumeFn = (orderId: string) => Promise<StoredResponse | "retry" | "wait">;

/**
 * `Idempotency-Key` for create, confirm and refund (API.md). The key is claimed with an INSERT
 * before any side effect, so concurrent duplicates can never both act: the loser sees the claim
 * and gets the stored answer, or a 409 while the first is still working. A different body under
 * the same key is IDEMPOTENCY_KEY_REUSED. Only final answers are stored; when the first attempt
 * failed with a retryable error the claim is dropped so the channel may retry with the same key.
 */
export class IdempotencyStore {
  constructor(private readonly db: Db) {}

  static hash(body: unknown): string {
    return createHash("sha256")
      .update(JSON.stringify(body ?? null))
      .digest("hex");
  }

  async run(
    channelId: string,
    scope: string,
    key: string,
    body: unknown,
    work: () => Promise<StoredResponse>,
    resume?: ResumeFn,
  ): Promise<StoredResponse & { replayed: boolean }> {
    const requestHash = IdempotencyStore.hash(body);
    const claimed = await this.db
      .insertInto("idempotency_keys")
      .values({ channel_id: channelId, scope, key, request_hash: requestHash })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
      const prior = await this.db
        .selectFrom("idempotency_keys")
        .selectAll()
        .where("channel_id", "=", channelId)
        .where("scope", "=", scope)
        .where("key", "=", key)
        .executeTakeFirst();
      if (!prior) return this.run(channelId, scope, key, body, work, resume);
      if (prior.request_hash !== requestHash) {
        throw new ApiError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used with a different request body");
      }
      if (prior.status_code === null) {
        const pendingId = (parseJson(prior.response) as { id?: string } | null)?.id;
        const resumed = pendingId && resume ? await resume(pendingId) : undefined;
        if (resumed && resumed !== "retry" && resumed !== "wait") {
          await this.store(channelId, scope, key, resumed);
          return { ...resumed, replayed: true };
        }
        // Run it again when the first attempt is known to have failed, or when its process must
        // have died before it changed anything that answers for it (a stale claim).
        const dropped =
          resumed === "retry"
            ? await this.dropClaim(channelId, scope, key, pendingId)
            : resumed === undefined && (await this.dropClaim(channelId, scope, key));
        if (dropped) return this.run(channelId, scope, key, body, work, resume);
        throw new ApiError("CONFLICT", "a request with this Idempotency-Key is still being processed; retry shortly");
      }
      return { ...replay({ statusCode: prior.status_code, body: prior.response }), replayed: true };
    }
    try {
      const res = await work();
      await this.store(channelId, scope, key, res);
      return { ...res, replayed: false };
    } catch (err) {
      // Business refusals (4xx) are final answers too: the same request would get the same one.
      if (err instanceof ApiError && err.status < 500 && err.code !== "RATE_LIMITED") {
        await this.store(channelId, scope, key, {
          statusCode: err.status,
          body: { __problem: err.code, detail: err.detail, extra: err.extra },
        });
      } else {
        await this.release(channelId, scope, key);
      }
      throw err;
    }
  }

  /**
   * Records, in the transaction that creates it, which order a claimed request made, so a retry
   * after a crash can answer from that order (see `run`). `id` is also what console search reads.
   */
  async notePending(
    trx: Transaction<Database>,
    channelId: string,
    scope: string,
    key: string,
    orderId: string,
  ): Promise<void> {
    await trx
      .updateTable("idempotency_keys")
      .set({ response: JSON.stringify({ id: orderId, pending: true }) })
      .where("channel_id", "=", channelId)
      .where("scope", "=", scope)
      .where("key", "=", key)
      .where("status_code", "is", null)
      .execute();
  }

  /**
   * Drops an unanswered claim so the request can run again: the one that recorded `pendingId`, or
   * else one that recorded nothing and is older than STALE_CLAIM_SECONDS. True if this call
   * dropped it (of concurrent retries, one does).
   */
  private async dropClaim(channelId: string, scope: string, key: string, pendingId?: string): Promise<boolean> {
    let q = this.db
      .deleteFrom("idempotency_keys")
      .where("channel_id", "=", channelId)
      .where("scope", "=", scope)
      .where("key", "=", key)
      .where("status_code", "is", null);
    q = pendingId
      ? q.where(sql<string>`response->>'id'`, "=", pendingId)
      : q
          .where("response", "is", null)
          .where("created_at", "<", sql<Date>`now() - make_interval(secs => ${STALE_CLAIM_SECONDS})`);
    const res = await q.executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  private async store(channelId: string, scope: string, key: string, res: StoredResponse): Promise<void> {
    await this.db
      .updateTable("idempotency_keys")
      .set({ status_code: res.statusCode, response: JSON.stringify(res.body) })
      .where("channel_id", "=", channelId)
      .where("scope", "=", scope)
      .where("key", "=", key)
      .execute();
  }

  private async release(channelId: string, scope: string, key: string): Promise<void> {
    await this.db
      .deleteFrom("idempotency_keys")
      .where("channel_id", "=", channelId)
      .where("scope", "=", scope)
      .where("key", "=", key)
      .where("status_code", "is", null)
      .execute();
  }
}

const parseJson = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);

/** Re-raises a stored business refusal so a replay answers exactly like the first time. */
function replay(res: StoredResponse): StoredResponse {
  const body = res.body as { __problem?: string; detail?: string; extra?: Record<string, unknown> } | null;
  if (body?.__problem) throw new ApiError(body.__problem as never, body.detail, body.extra ?? {});
  return res;
}
