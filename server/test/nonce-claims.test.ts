import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChannelStore } from "../src/channels/channels.js";
import type { Db } from "../src/db/database.js";
import { NonceClaims } from "../src/http/plugins/nonce-claims.js";
import { SecretBox } from "../src/security/secret-box.js";
import { TEST_MASTER_KEY } from "./support/app.js";
import { createTestDatabase } from "./support/db.js";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let channelId: string;
let otherId: string;
const later = () => new Date(Date.now() + 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const store = new ChannelStore(db, new SecretBox(TEST_MASTER_KEY));
  channelId = (await store.create({ code: "a", name: "A" })).id;
  otherId = (await store.create({ code: "b", name: "B" })).id;
});
afterAll(() => database.drop());

describe("NonceClaims (batched replay protection)", () => {
  it("grants a nonce once, in the same batch and in later ones, per channel", async () => {
    const claims = new NonceClaims(db);
    const same = await Promise.all([
      claims.claim(channelId, "n-0000000000000001", later()),
      claims.claim(channelId, "n-0000000000000001", later()),
      claims.claim(otherId, "n-0000000000000001", later()),
      claims.claim(channelId, "n-0000000000000002", later()),
    ]);
    expect(same).toEqual([true, false, true, true]);
    expect(await claims.claim(channelId, "n-0000000000000001", later())).toBe(false);
  });

  it("agrees with another node's claimer: the primary key decides", async () => {
    const nodeA = new NonceClaims(db);
    const nodeB = new NonceClaims(db);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? nodeA : nodeB).claim(channelId, "n-shared-across-nodes", later())),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("splits large bursts into bounded batches and answers every claim", async () => {
    const claims = new NonceClaims(db, { maxBatch: 7, maxInFlight: 1 });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => claims.claim(channelId, `n-burst-${String(i).padStart(8, "0")}`, later())),
    );
    expect(results.every(Boolean)).toBe(true);
    const { n } = await db
      .selectFrom("request_nonces")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("nonce", "like", "n-burst-%")
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(100);
  });

  it("refuses a replay that lands in a later batch, or in a batch racing it, of the same claimer", async () => {
    // Batches of 3 with two in flight: the 1st and 9th claims (and the 2nd and 4th) are in different
    // batches, some written concurrently, so only the primary key can tell them apart.
    const claims = new NonceClaims(db, { maxBatch: 3, maxInFlight: 2 });
    const nonces = ["a", "b", "c", "b", "d", "e", "f", "g", "a", "h"].map((x) => `n-cross-batch-${x}-0000`);
    const results = await Promise.all(nonces.map((n) => claims.claim(channelId, n, later())));
    // Which of two racing batches wins a nonce is up to PostgreSQL; that exactly one does is not.
    expect([results[0], results[8]].filter(Boolean)).toHaveLength(1);
    expect([results[1], results[3]].filter(Boolean)).toHaveLength(1);
    expect(results.filter((_, i) => ![0, 8, 1, 3].includes(i)).every(Boolean)).toBe(true);
    const racing = new NonceClaims(db, { maxBatch: 1, maxInFlight: 4 });
    const raced = await Promise.all(
      Array.from({ length: 12 }, () => racing.claim(channelId, "n-raced-000000001", later())),
    );
    expect(raced.filter(Boolean)).toHaveLength(1);
  });

  it("fails only the claim whose row PostgreSQL refuses; the others of its batch are decided as usual", async () => {
    const claims = new NonceClaims(db);
    // A channel id that violates the foreign key makes the multi-row INSERT fail; the batch is then
    // sent again one claim at a time (issue 21: one caller's bad row failed other channels' requests).
    const settled = await Promise.allSettled([
      claims.claim("chn_does_not_exist", "n-orphan-000000001", later()),
      claims.claim(channelId, "n-beside-orphan-001", later()),
      claims.claim(otherId, "n-beside-orphan-002", later()),
      claims.claim(channelId, "n-beside-orphan-001", later()),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(String((settled[0] as PromiseRejectedResult).reason)).toMatch(/foreign key/);
    // Retried alone, the repeated nonce is still granted exactly once.
    const granted = settled.slice(1).map((s) => (s as PromiseFulfilledResult<boolean>).value);
    expect([granted[0], granted[2]].filter(Boolean)).toHaveLength(1);
    expect(granted[1]).toBe(true);
    expect(await claims.claim(channelId, "n-beside-orphan-001", later())).toBe(false);
  });

  it("refuses a nonce PostgreSQL cannot store without sending it, beside claims that go through", async () => {
    const claims = new NonceClaims(db);
    const settled = await Promise.allSettled([
      claims.claim(channelId, "n-nul-\u0000-000000001", later()),
      claims.claim(otherId, "n-beside-nul-000001", later()),
    ]);
    expect(settled[0]).toMatchObject({ status: "rejected", reason: { name: "UnstorableTextError" } });
    expect(settled[1]).toEqual({ status: "fulfilled", value: true });
  });
});
