import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrder as createOrderDirect } from "../../src/orders/create-order.js";
import { IdempotencyStore } from "../../src/orders/idempotency.js";
import { confirm, createOrder, freeNormalSeats, newKey, sellableWorld } from "./harness.js";

// Found by the chaos run (bench/orders/chaos.ts): when the node died while a request held its
// Idempotency-Key claim, every retry with that key answered 409 CONFLICT forever.

let channelId: string;

const w = sellableWorld("moviefan");
beforeAll(async () => {
  channelId = (await w.t.db.selectFrom("channels").select("id").where("code", "=", "demo").executeTakeFirstOrThrow())
    .id;
});

const MOBILE = "13912345678";

/** The claim a request takes before any side effect, left behind as by a node that died. */
async function deadClaim(scope: string, key: string, body: unknown, ageSeconds = 0) {
  await w.t.db
    .insertInto("idempotency_keys")
    .values({ channel_id: channelId, scope, key, request_hash: IdempotencyStore.hash(body) })
    .execute();
  await sql`update idempotency_keys set created_at = now() - make_interval(secs => ${ageSeconds}) where key = ${key}`.execute(
    w.t.db,
  );
}

/** What the dead request got done: the order created and locked, noted on the claim. */
async function lockedUnderClaim(key: string, seatId: string) {
  const store = new IdempotencyStore(w.t.db);
  return createOrderDirect(
    w.t.orders.deps,
    { channelId, channelCode: "demo", showtimeId: w.showtime.id, seatIds: [seatId], mobile: MOBILE },
    (trx, id) => store.notePending(trx, channelId, "create", key, id),
  );
}

describe("an Idempotency-Key whose request died with its node", () => {
  it("answers a create that had locked the seats with that order, not a second one or 409 forever", async () => {
    const seat = freeNormalSeats(w.seats, 1, 0)[0];
    const key = newKey();
    await deadClaim("create", key, { showtimeId: w.showtime.id, seatIds: [seat.id], mobile: MOBILE });
    const order = await lockedUnderClaim(key, seat.id);
    const retry = await createOrder(w, w.showtime.id, [seat.id], key);
    expect(retry.status).toBe(200); // a replay: the order was created by the first attempt
    expect(retry.body.id).toBe(order.id);
    expect(retry.body.status).toBe("LOCKED");
    // From then on it replays like any answered key.
    const again = await createOrder(w, w.showtime.id, [seat.id], key);
    expect(again.body.id).toBe(order.id);
    const orders = await w.t.db.selectFrom("orders").select("id").where("showtime_id", "=", w.showtime.id).execute();
    expect(orders.filter((o) => o.id === order.id)).toHaveLength(1);
    await w.api.post(`/v1/orders/${order.id}/cancel`, {});
  });

  it("runs a create again when the dead attempt's lock had failed", async () => {
    const seat = freeNormalSeats(w.seats, 1, 1)[0];
    const key = newKey();
    await deadClaim("create", key, { showtimeId: w.showtime.id, seatIds: [seat.id], mobile: MOBILE });
    // The dead attempt held the seats, the vendor refused the lock (LOCK_FAILED, holds released),
    // and the node died before it could answer.
    w.sims.faults.moviefan.update({ calls: { lockSeats: { errorRate: 1 } } });
    await expect(lockedUnderClaim(key, seat.id)).rejects.toThrow();
    w.sims.faults.moviefan.update({ calls: {} });
    const retry = await createOrder(w, w.showtime.id, [seat.id], key);
    expect(retry.status).toBe(201);
    expect(retry.body.status).toBe("LOCKED");
    const attempts = await w.t.db
      .selectFrom("orders")
      .select(["id", "status"])
      .where("showtime_id", "=", w.showtime.id)
      .where(sql<boolean>`seats @> ${JSON.stringify([{ seatId: seat.id }])}::jsonb`)
      .execute();
    expect(attempts.map((o) => o.status).sort()).toEqual(["LOCKED", "LOCK_FAILED"]);
    await w.api.post(`/v1/orders/${retry.body.id}/cancel`, {});
  });

  it("keeps answering 409 while the dead attempt is still LOCKING (the sweeper ends it)", async () => {
    const seat = freeNormalSeats(w.seats, 1, 3)[0];
    const key = newKey();
    await deadClaim("create", key, { showtimeId: w.showtime.id, seatIds: [seat.id], mobile: MOBILE });
    const dead = await lockedUnderClaim(key, seat.id);
    await w.t.db.updateTable("orders").set({ status: "LOCKING" }).where("id", "=", dead.id).execute();
    const retry = await createOrder(w, w.showtime.id, [seat.id], key);
    expect(retry.status).toBe(409);
    expect(retry.body.code).toBe("CONFLICT");
    await w.t.db.updateTable("orders").set({ status: "LOCKED" }).where("id", "=", dead.id).execute();
    await w.api.post(`/v1/orders/${dead.id}/cancel`, {});
  });

  it("runs a request again once its claim is stale and recorded nothing (the node died first)", async () => {
    const seat = freeNormalSeats(w.seats, 1, 4)[0];
    const key = newKey();
    const body = { showtimeId: w.showtime.id, seatIds: [seat.id], mobile: MOBILE };
    await deadClaim("create", key, body, 10);
    expect((await createOrder(w, w.showtime.id, [seat.id], key)).body.code).toBe("CONFLICT");
    await sql`update idempotency_keys set created_at = now() - interval '2 minutes' where key = ${key}`.execute(w.t.db);
    const retry = await createOrder(w, w.showtime.id, [seat.id], key);
    expect(retry.status).toBe(201);
    expect(retry.body.status).toBe("LOCKED");

    // A confirm whose node died before or after it recorded the payment: the retry confirms once.
    const confirmKey = newKey();
    const payBody = { paidFen: retry.body.totalFen, payment: { method: "wechat", tradeNo: `wx${retry.body.id}` } };
    await deadClaim(`confirm:${retry.body.id}`, confirmKey, payBody, 120);
    const paid = await confirm(w, retry.body, confirmKey);
    expect(paid.status).toBe(202);
    expect(paid.body.status).toBe("CONFIRMING");
  });
});
