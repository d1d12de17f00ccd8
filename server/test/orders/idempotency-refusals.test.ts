import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelStore } from "../../src/channels/channels.js";
import type { Db } from "../../src/db/database.js";
import { DomainError } from "../../src/domain/domain-error.js";
import { IdempotencyStore } from "../../src/orders/idempotency.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { TEST_MASTER_KEY } from "../support/app.js";
import { createTestDatabase } from "../support/db.js";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let channel: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  channel = (await new ChannelStore(db, new SecretBox(TEST_MASTER_KEY)).create({ code: "idem-r", name: "R" })).id;
});
afterAll(() => database.drop());

const body = { showtimeId: "s", seatIds: ["1"], mobile: "1" };
const never = async () => {
  throw new Error("must not run again");
};

describe("IdempotencyStore and domain refusals", () => {
  it("stores a final refusal and replays it as the same domain error", async () => {
    const store = new IdempotencyStore(db);
    const refusal = new DomainError("SEAT_UNAVAILABLE", "seat already held by another order", { seatIds: ["a"] });
    await expect(
      store.run(channel, "create", "r-1", body, async () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    const replayed = await store.run(channel, "create", "r-1", body, never).catch((e: unknown) => e);
    expect(replayed).toBeInstanceOf(DomainError);
    expect(replayed).toMatchObject({ code: refusal.code, detail: refusal.detail, extra: refusal.extra });
  });

  it("replays a refusal stored before domain errors existed (HTTP status and API code in the row)", async () => {
    await db
      .insertInto("idempotency_keys")
      .values({
        channel_id: channel,
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
    const replayed = await new IdempotencyStore(db).run(channel, "create", "r-legacy", body, never).catch((e) => e);
    expect(replayed).toBeInstanceOf(DomainError);
    expect(replayed).toMatchObject({
      code: "PRICE_CHANGED",
      detail: "the total is now 100 fen",
      extra: { totalFen: 100 },
    });
  });

  it("releases the key after a transient refusal, so the same key may try again", async () => {
    const store = new IdempotencyStore(db);
    await expect(
      store.run(channel, "create", "r-2", body, async () => {
        throw new DomainError("VENDOR_UNAVAILABLE", "down");
      }),
    ).rejects.toMatchObject({ code: "VENDOR_UNAVAILABLE" });
    const again = await store.run(channel, "create", "r-2", body, async () => ({ statusCode: 201, body: { id: "o" } }));
    expect(again).toMatchObject({ replayed: false, statusCode: 201 });
  });
});
