import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelStore } from "../../src/channels/channels.js";
import type { Db } from "../../src/db/database.js";
import { canonicalJson } from "../../src/orders/canonical-json.js";
import { IdempotencyStore, type StoredResponse } from "../../src/orders/idempotency.js";
import { SecretBox } from "../../src/security/secret-box.js";
import { TEST_MASTER_KEY } from "../support/app.js";
import { createTestDatabase } from "../support/db.js";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let a: string;
let b: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const store = new ChannelStore(db, new SecretBox(TEST_MASTER_KEY));
  a = (await store.create({ code: "idem-a", name: "A" })).id;
  b = (await store.create({ code: "idem-b", name: "B" })).id;
});
afterAll(() => database.drop());

let n = 0;
const key = () => `key-${++n}`;
const answer = (body: unknown) => async (): Promise<StoredResponse> => ({ statusCode: 201, body });

describe("canonicalJson", () => {
  it("writes every object's keys in sorted order, at any depth, and keeps arrays in order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson(undefined)).toBe("null");
  });
});

describe("IdempotencyStore", () => {
  it("takes the same body with its keys in another order as the same request", async () => {
    const store = new IdempotencyStore(db);
    const k = key();
    let runs = 0;
    const work = async () => {
      runs++;
      return { statusCode: 201, body: { id: "ord_1" } };
    };
    const first = await store.run(a, "create", k, { showtimeId: "s", seatIds: ["1", "2"], mobile: "1" }, work);
    const again = await store.run(a, "create", k, { mobile: "1", seatIds: ["1", "2"], showtimeId: "s" }, work);
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ replayed: true, body: { id: "ord_1" } });
    expect(runs).toBe(1);
    // The seat order is part of the request: a different array is a different body.
    await expect(
      store.run(a, "create", k, { showtimeId: "s", seatIds: ["2", "1"], mobile: "1" }, work),
    ).rejects.toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
  });

  it("still recognises a claim hashed the old way (key order as sent), taken before the hash was canonical", async () => {
    const k = key();
    const body = { seatIds: ["1"], showtimeId: "s" };
    const legacy = createHash("sha256").update(JSON.stringify(body)).digest("hex");
    await db
      .insertInto("idempotency_keys")
      .values({ channel_id: a, scope: "create", key: k, request_hash: legacy, status_code: 201, response: "{}" })
      .execute();
    const res = await new IdempotencyStore(db).run(a, "create", k, body, answer({ id: "never" }));
    expect(res).toMatchObject({ replayed: true, statusCode: 201 });
  });

  it("fails only the request whose claim PostgreSQL cannot take; two channels' claims beside it go through", async () => {
    const store = new IdempotencyStore(db);
    const [poisoned, unknownChannel, fromA, fromB] = await Promise.allSettled([
      store.run(a, "confirm:ord_\u0000", key(), {}, answer({ id: "x" })),
      store.run("chn_does_not_exist", "create", key(), {}, answer({ id: "y" })),
      store.run(a, "create", key(), { n: 1 }, answer({ id: "ord_a" })),
      store.run(b, "create", key(), { n: 2 }, answer({ id: "ord_b" })),
    ]);
    expect(poisoned).toMatchObject({ status: "rejected", reason: { name: "UnstorableTextError", path: "/scope" } });
    expect(String((unknownChannel as PromiseRejectedResult).reason)).toMatch(/foreign key/);
    expect(fromA).toMatchObject({ status: "fulfilled", value: { replayed: false, body: { id: "ord_a" } } });
    expect(fromB).toMatchObject({ status: "fulfilled", value: { replayed: false, body: { id: "ord_b" } } });
  });

  it("fails only the request whose answer PostgreSQL refuses to store; answers stored beside it are kept", async () => {
    const store = new IdempotencyStore(db);
    const keys = [key(), key(), key()];
    const settled = await Promise.allSettled([
      // jsonb has no NUL: the escaped "\u0000" of this answer fails the shared UPDATE (SQLSTATE 22P05).
      store.run(a, "create", keys[0]!, {}, answer({ note: "nul \u0000 inside" })),
      store.run(a, "create", keys[1]!, {}, answer({ id: "ord_ok_a" })),
      store.run(b, "create", keys[2]!, {}, answer({ id: "ord_ok_b" })),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    const stored = await db
      .selectFrom("idempotency_keys")
      .select(["key", "status_code"])
      .where("key", "in", keys)
      .execute();
    // The failed request released its claim (so the channel may retry); the others hold their answer.
    expect(stored).toHaveLength(2);
    expect(stored).toEqual(
      expect.arrayContaining([
        { key: keys[1], status_code: 201 },
        { key: keys[2], status_code: 201 },
      ]),
    );
  });
});
