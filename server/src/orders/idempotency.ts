import { createHash } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import { claimBatch, MicroBatcher } from "../db/micro-batch.js";
import type { Database } from "../db/schema.js";
import { DomainError, isDomainErrorCode, isTransient } from "../domain/domain-error.js";
import { canonicalJson } from "./canonical-json.js";

/**
 * Who an Idempotency-Key belongs to: a channel, or one buyer of the buyer site inside its channel
 * (identified by e.g. their openid). The same key of two owners names two different requests. A
 * bare string is a channel's id (the channel API's owner).
 */
export type IdempotencyOwner = string | { channelId: string; buyerId?: string };

/** The owner as the key's columns: `buyer_id` is '' for a channel's own keys. */
interface OwnerColumns {
  channel_id: string;
  buyer_id: string;
}

function ownerColumns(owner: IdempotencyOwner): OwnerColumns {
  return typeof owner === "string"
    ? { channel_id: owner, buyer_id: "" }
    : { channel_id: owner.channelId, buyer_id: owner.buyerId ?? "" };
}

interface ClaimRow extends OwnerColumns {
  scope: string;
  key: string;
  request_hash: string;
}

interface AnswerRow extends OwnerColumns {
  scope: string;
  key: string;
  statusCode: number;
  /** The answer's body, as JSON text. */
  response: string;
}

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/**
 * `status_code` of a stored refusal. Its HTTP status is the edge's to give, from the refusal's code
 * (http/problem.ts); the column only has to say "answered". Refusals stored before domain errors
 * existed carry their HTTP status instead; both replay the same, since replay reads the code.
 */
const REFUSED = 0;

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
  /** Claims and answers of concurrent requests share statements (a flash sale is thousands at once). */
  private readonly claims: MicroBatcher<ClaimRow, boolean>;
  private readonly answers: MicroBatcher<AnswerRow, void>;

  constructor(private readonly db: Db) {
    const id = (r: OwnerColumns & { scope: string; key: string }) =>
      `${r.channel_id}\n${r.buyer_id}\n${r.scope}\n${r.key}`;
    this.claims = new MicroBatcher(
      claimBatch<ClaimRow>(id, async (firsts) => {
        const inserted = await db
          .insertInto("idempotency_keys")
          .values(firsts)
          .onConflict((oc) => oc.doNothing())
          .returning(["channel_id", "buyer_id", "scope", "key"])
          .execute();
        return inserted.map(id);
      }),
    );
    this.answers = new MicroBatcher(async (rows) => {
      const values = rows.map(
        (r) =>
          sql`(${r.channel_id}, ${r.buyer_id}, ${r.scope}, ${r.key}, ${r.statusCode}::integer, ${r.response}::jsonb)`,
      );
      await sql`update idempotency_keys as k set status_code = v.status_code, response = v.response
        from (values ${sql.join(values)}) as v(channel_id, buyer_id, scope, key, status_code, response)
        where k.channel_id = v.channel_id and k.buyer_id = v.buyer_id and k.scope = v.scope and k.key = v.key`.execute(
        db,
      );
      return rows.map(() => undefined);
    });
  }

  /** Over the body's canonical JSON: the same body with its keys in another order is the same request. */
  static hash(body: unknown): string {
    return createHash("sha256").update(canonicalJson(body)).digest("hex");
  }

  /**
   * The hash as it was before it was canonical (key order as sent). Claims taken before that change
   * still carry it, so a retry of such a request is recognised; claims outlive no retry window long.
   */
  private static legacyHash(body: unknown): string {
    return createHash("sha256")
      .update(JSON.stringify(body ?? null))
      .digest("hex");
  }

  async run(
    owner: IdempotencyOwner,
    scope: string,
    key: string,
    body: unknown,
    work: () => Promise<StoredResponse>,
    resume?: ResumeFn,
  ): Promise<StoredResponse & { replayed: boolean }> {
    const ref: KeyRef = { ...ownerColumns(owner), scope, key };
    const requestHash = IdempotencyStore.hash(body);
    const claimed = await this.claims.submit({ ...ref, request_hash: requestHash });
    if (!claimed) {
      const prior = await this.db
        .selectFrom("idempotency_keys")
        .selectAll()
        .where((eb) => eb.and(ref))
        .executeTakeFirst();
      if (!prior) return this.run(owner, scope, key, body, work, resume);
      if (prior.request_hash !== requestHash && prior.request_hash !== IdempotencyStore.legacyHash(body)) {
        throw new DomainError("IDEMPOTENCY_KEY_REUSED", "this Idempotency-Key was used with a different request body");
      }
      if (prior.status_code === null) {
        const pendingId = readJson<{ id?: string } | null>(prior.response)?.id;
        const resumed = pendingId && resume ? await resume(pendingId) : undefined;
        if (resumed && resumed !== "retry" && resumed !== "wait") {
          await this.store(ref, resumed);
          return { ...resumed, replayed: true };
        }
        // Run it again when the first attempt is known to have failed, or when its process must
        // have died before it changed anything that answers for it (a stale claim).
        const dropped =
          resumed === "retry"
            ? await this.dropClaim(ref, pendingId)
            : resumed === undefined && (await this.dropClaim(ref));
        if (dropped) return this.run(owner, scope, key, body, work, resume);
        throw new DomainError(
          "CONFLICT",
          "a request with this Idempotency-Key is still being processed; retry shortly",
        );
      }
      return { ...replay({ statusCode: prior.status_code, body: prior.response }), replayed: true };
    }
    try {
      const res = await work();
      await this.store(ref, res);
      return { ...res, replayed: false };
    } catch (err) {
      // Business refusals are final answers too: the same request would get the same one.
      if (err instanceof DomainError && !isTransient(err.code)) {
        await this.store(ref, {
          statusCode: REFUSED,
          body: { __problem: err.code, detail: err.detail, extra: err.extra },
        });
      } else {
        await this.release(ref);
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
    owner: IdempotencyOwner,
    scope: string,
    key: string,
    orderId: string,
  ): Promise<void> {
    const ref: KeyRef = { ...ownerColumns(owner), scope, key };
    await trx
      .updateTable("idempotency_keys")
      .set({ response: JSON.stringify({ id: orderId, pending: true }) })
      .where((eb) => eb.and(ref))
      .where("status_code", "is", null)
      .execute();
  }

  /**
   * Drops an unanswered claim so the request can run again: the one that recorded `pendingId`, or
   * else one that recorded nothing and is older than STALE_CLAIM_SECONDS. True if this call
   * dropped it (of concurrent retries, one does).
   */
  private async dropClaim(ref: KeyRef, pendingId?: string): Promise<boolean> {
    let q = this.db
      .deleteFrom("idempotency_keys")
      .where((eb) => eb.and(ref))
      .where("status_code", "is", null);
    q = pendingId
      ? q.where(sql<string>`response->>'id'`, "=", pendingId)
      : q
          .where("response", "is", null)
          .where("created_at", "<", sql<Date>`now() - make_interval(secs => ${STALE_CLAIM_SECONDS})`);
    const res = await q.executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  private async store(ref: KeyRef, res: StoredResponse): Promise<void> {
    await this.answers.submit({ ...ref, statusCode: res.statusCode, response: JSON.stringify(res.body) });
  }

  private async release(ref: KeyRef): Promise<void> {
    await this.db
      .deleteFrom("idempotency_keys")
      .where((eb) => eb.and(ref))
      .where("status_code", "is", null)
      .execute();
  }
}

/** One key of one owner: the table's primary key, as a filter (`where((eb) => eb.and(ref))`). */
type KeyRef = OwnerColumns & { scope: string; key: string };

/**
 * Re-raises a stored business refusal so a replay answers exactly like the first time. `__problem`
 * holds the domain code, which is the API.md code of the same name (domain/domain-error.ts), so
 * rows stored before domain errors existed replay unchanged.
 */
function replay(res: StoredResponse): StoredResponse {
  const body = res.body as { __problem?: string; detail?: string; extra?: Record<string, unknown> } | null;
  if (body?.__problem === undefined) return res;
  if (!isDomainErrorCode(body.__problem)) throw new Error(`stored refusal with an unknown code: ${body.__problem}`);
  throw new DomainError(body.__problem, body.detail, body.extra ?? {});
}
