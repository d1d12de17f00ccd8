import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/domain-error.js";
import { IdempotencyStore } from "../../src/orders/idempotency.js";
import { databaseWithChannel } from "../support/channel-db.js";

const w = databaseWithChannel("idem-r");

const body = { showtimeId: "s", seatIds: ["1"], mobile: "1" };
const never = async () => {
  throw new Error("must not run again");
};

describe("IdempotencyStore and domain refusals", () => {
  it("stores a final refusal and replays it as the same domain error", async () => {
    const store = new IdempotencyStore(w.db);
    const refusal = new DomainError("SEAT_UNAVAILABLE", "seat already held by another order", { seatIds: ["a"] });
    await expect(
      store.run(w.channelId, "create", "r-1", body, async () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    const replayed = await store.run(w.channelId, "create", "r-1", body, never).catch((e: unknown) => e);
    expect(replayed).toBeInstanceOf(DomainError);
    expect(replayed).toMatchObject({ code: refusal.code, detail: refusal.detail, extra: refusal.extra });
  });

  it("replays a refusal stored before domain errors existed (HTTP status and API code in the row)", async () => {
    await w.db
      .insertInto("idempotency_keys")
      .values({
        channel_id: w.channelId,
        scope: "create",
        key: "r-legacy",
        request_hash: IdempotencyStore.hash(body),
        status_code: 409,
        response: JSON.stringify({
          __problem: "PRICE_CHANGED",
          detail: "the total is now 100 fen",
          extra: { totalFen: 100 },
        }),
      })
      .execute();
    const replayed = await new IdempotencyStore(w.db)
      .run(w.channelId, "create", "r-legacy", body, never)
      .catch((e) => e);
    expect(replayed).toBeInstanceOf(DomainError);
    expect(replayed).toMatchObject({
      code: "PRICE_CHANGED",
      detail: "the total is now 100 fen",
      extra: { totalFen: 100 },
    });
  });

  it("releases the key after a transient refusal, so the same key may try again", async () => {
    const store = new IdempotencyStore(w.db);
    await expect(
      store.run(w.channelId, "create", "r-2", body, async () => {
        throw new DomainError("VENDOR_UNAVAILABLE", "down");
      }),
    ).rejects.toMatchObject({ code: "VENDOR_UNAVAILABLE" });
    const again = await store.run(w.channelId, "create", "r-2", body, async () => ({
      statusCode: 201,
      body: { id: "o" },
    }));
    expect(again).toMatchObject({ replayed: false, statusCode: 201 });
  });
});
