import { describe, expect, it } from "vitest";
import { IdempotencyStore, type StoredResponse } from "../../src/orders/idempotency.js";
import { databaseWithChannel } from "../support/channel-db.js";

/** Idempotency keys belong to an owner: a channel, or one buyer of the buyer site inside its channel. */

const w = databaseWithChannel("idem-own");

const answer = (id: string) => async (): Promise<StoredResponse> => ({ statusCode: 201, body: { id } });

describe("idempotency owners", () => {
  it("keeps the same key of the channel and of two buyers in it apart, each replaying its own answer", async () => {
    const store = new IdempotencyStore(w.db);
    const body = { showtimeId: "s", seatIds: ["1"] };
    const alice = { channelId: w.channelId, buyerId: "openid-alice" };
    const bob = { channelId: w.channelId, buyerId: "openid-bob" };
    expect((await store.run(w.channelId, "create", "k-1", body, answer("ord_channel"))).body).toEqual({
      id: "ord_channel",
    });
    expect((await store.run(alice, "create", "k-1", body, answer("ord_alice"))).body).toEqual({ id: "ord_alice" });
    // Another body under the same key is a different request only for the owner who sent the first.
    const bobsOwn = await store.run(bob, "create", "k-1", { other: true }, answer("ord_bob"));
    expect(bobsOwn).toMatchObject({ body: { id: "ord_bob" }, replayed: false });

    const again = await store.run(alice, "create", "k-1", body, answer("never"));
    expect(again).toMatchObject({ body: { id: "ord_alice" }, replayed: true });
    await expect(store.run(alice, "create", "k-1", { other: true }, answer("never"))).rejects.toMatchObject({
      code: "IDEMPOTENCY_KEY_REUSED",
    });
    // A channel's own key is the same whether named by its id or as an owner without a buyer.
    const channelAgain = await store.run({ channelId: w.channelId }, "create", "k-1", body, answer("never"));
    expect(channelAgain).toMatchObject({ body: { id: "ord_channel" }, replayed: true });
  });

  it("keeps a key stored before owners existed (no buyer) the channel's", async () => {
    const body = { n: 1 };
    await w.db
      .insertInto("idempotency_keys")
      .values({
        channel_id: w.channelId,
        scope: "create",
        key: "k-old",
        request_hash: IdempotencyStore.hash(body),
        status_code: 201,
        response: JSON.stringify({ id: "ord_old" }),
      })
      .execute();
    const row = await w.db
      .selectFrom("idempotency_keys")
      .select("buyer_id")
      .where("key", "=", "k-old")
      .executeTakeFirstOrThrow();
    expect(row.buyer_id).toBe("");
    const replay = await new IdempotencyStore(w.db).run(w.channelId, "create", "k-old", body, answer("never"));
    expect(replay).toMatchObject({ body: { id: "ord_old" }, replayed: true });
  });
});
