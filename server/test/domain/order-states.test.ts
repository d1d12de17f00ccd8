import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/database.js";
import {
  awaitsVendor,
  CHANNEL_ORDER_STATUSES,
  canMove,
  IllegalOrderMove,
  isFinal,
  isHiddenFromChannel,
  isInFlight,
  ORDER_MOVES,
  ORDER_STATUSES,
  type OrderStatus,
  wasConfirmed,
} from "../../src/domain/order-states.js";
import { OrderStore } from "../../src/orders/order-store.js";
import { createTestDatabase } from "../support/db.js";

const statusesWhere = (p: (s: OrderStatus) => boolean) => ORDER_STATUSES.filter(p);

describe("the order state table", () => {
  it("moves only between known statuses, each move once, each with a reason", () => {
    const seen = new Set<string>();
    for (const m of ORDER_MOVES) {
      expect(ORDER_STATUSES).toContain(m.from);
      expect(ORDER_STATUSES).toContain(m.to);
      expect(m.reason.length).toBeGreaterThan(0);
      expect(seen.has(`${m.from}>${m.to}`)).toBe(false);
      seen.add(`${m.from}>${m.to}`);
    }
  });

  it("names the final, in-flight, confirmed and channel-hidden statuses the order code relies on", () => {
    expect(statusesWhere(isFinal)).toEqual(["CANCELLED", "EXPIRED", "FAILED", "REFUNDED", "LOCK_FAILED"]);
    expect(statusesWhere(isInFlight)).toEqual(["CONFIRMING", "REFUNDING"]);
    expect(statusesWhere(awaitsVendor)).toEqual(["LOCKING", "CONFIRMING", "REFUNDING"]);
    expect(statusesWhere(wasConfirmed)).toEqual(["CONFIRMING", "ISSUED", "FAILED", "REFUNDING", "REFUNDED"]);
    expect(statusesWhere(isHiddenFromChannel)).toEqual(["LOCKING", "LOCK_FAILED"]);
    expect(CHANNEL_ORDER_STATUSES).toEqual([
      "LOCKED",
      "CANCELLED",
      "EXPIRED",
      "CONFIRMING",
      "ISSUED",
      "FAILED",
      "REFUNDING",
      "REFUNDED",
    ]);
  });

  it("never leaves a final status", () => {
    for (const from of statusesWhere(isFinal)) for (const to of ORDER_STATUSES) expect(canMove(from, to)).toBe(false);
  });
});

describe("OrderStore against the state table", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let store: OrderStore;
  let n = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    store = new OrderStore(db, () => Date.now());
    // This file is about the status column: the order's channel, cinema and showtime are not needed,
    // so this private database drops the orders table's foreign keys instead of building a catalogue.
    const fks = await sql<{ conname: string }>`
      select conname from pg_constraint where conrelid = 'orders'::regclass and contype = 'f'`.execute(db);
    for (const { conname } of fks.rows) await sql`alter table orders drop constraint ${sql.id(conname)}`.execute(db);
  });
  afterAll(() => database?.drop());

  async function orderIn(status: OrderStatus): Promise<string> {
    const id = `ord_states_${++n}`;
    await db
      .insertInto("orders")
      .values({
        id,
        channel_id: "ch",
        cinema_id: "ci",
        showtime_id: "st",
        status,
        mobile: "13800000000",
        seats: "[]",
        total_fen: 0,
        settle_total_fen: 0,
      })
      .execute();
    return id;
  }

  it("has the database CHECK accept exactly the domain's statuses", async () => {
    const check = await sql<{ def: string }>`
      select pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = 'orders'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%status%'`.execute(db);
    expect(check.rows).toHaveLength(1);
    const listed = [...check.rows[0]!.def.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it("accepts every legal move, with its event row", async () => {
    for (const move of ORDER_MOVES) {
      const id = await orderIn(move.from);
      const row = await store.transition(id, { from: move.from, to: move.to, actor: "test", event: "test.move" });
      expect(row?.status, `${move.from} → ${move.to}`).toBe(move.to);
      const events = await db.selectFrom("order_events").selectAll().where("order_id", "=", id).execute();
      expect(events).toMatchObject([{ from_status: move.from, to_status: move.to, type: "test.move" }]);
    }
  });

  it("refuses illegal moves with IllegalOrderMove and changes nothing", async () => {
    const illegal: Array<[OrderStatus, OrderStatus]> = [
      ["LOCKING", "ISSUED"],
      ["LOCKING", "CONFIRMING"],
      ["LOCKED", "ISSUED"],
      ["LOCKED", "REFUNDING"],
      ["CONFIRMING", "REFUNDING"],
      ["CONFIRMING", "LOCKED"],
      ["ISSUED", "REFUNDED"],
      ["ISSUED", "FAILED"],
      ["FAILED", "ISSUED"],
      ["REFUNDED", "ISSUED"],
      ["EXPIRED", "LOCKED"],
      ["CANCELLED", "CONFIRMING"],
      ["LOCK_FAILED", "LOCKED"],
      ["ISSUED", "ISSUED"],
    ];
    for (const [from, to] of illegal) {
      expect(canMove(from, to)).toBe(false);
      const id = await orderIn(from);
      const err = await store
        .transition(id, { from, to, actor: "test", event: "test.illegal" })
        .catch((e: unknown) => e);
      expect(err, `${from} → ${to}`).toBeInstanceOf(IllegalOrderMove);
      expect(err).toMatchObject({ from, to });
      expect((await store.get(id))?.status).toBe(from);
      expect(await db.selectFrom("order_events").select("id").where("order_id", "=", id).execute()).toEqual([]);
    }
  });

  it("refuses a move whose list of starting states holds one illegal entry", async () => {
    const id = await orderIn("CONFIRMING");
    await expect(
      store.transition(id, { from: ["CONFIRMING", "ISSUED"], to: "FAILED", actor: "test", event: "test.illegal" }),
    ).rejects.toBeInstanceOf(IllegalOrderMove);
    expect((await store.get(id))?.status).toBe("CONFIRMING");
  });

  it("still answers undefined, not an error, when a legal move loses its compare-and-set", async () => {
    const id = await orderIn("ISSUED");
    expect(await store.transition(id, { from: "LOCKED", to: "CANCELLED", actor: "test", event: "x" })).toBeUndefined();
    expect((await store.get(id))?.status).toBe("ISSUED");
  });
});
