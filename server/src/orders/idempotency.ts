import { createHash } from "node:crypto";
import type { Db } from "../db/database.js";
import { ApiError } from "../http/problem.js";

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

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
      if (!prior) return this.run(channelId, scope, key, body, work);
      if (prior.request_hash !== requestHash) {
        throw new ApiError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used with a different request body");
      }
      if (prior.status_code === null) {
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

/** Re-raises a stored business refusal so a replay answers exactly like the first time. */
function replay(res: StoredResponse): StoredResponse {
  const body = res.body as { __problem?: string; detail?: string; extra?: Record<string, unknown> } | null;
  if (body?.__problem) throw new ApiError(body.__problem as never, body.detail, body.extra ?? {});
  return res;
}
