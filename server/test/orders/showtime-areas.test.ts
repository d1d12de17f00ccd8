import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendorSeatIdOf } from "../../src/catalog/seat-ids.js";
import { readJson } from "../../src/db/json-column.js";
import type { SeatLayout } from "../../src/domain/catalog.js";
import { confirm, createOrder, driveUntilNot, type Json, type OrderWorld, orderWorld } from "./harness.js";

/**
 * Area seats belong to a showtime, not a hall (ykse doc 002 §4.4 takes scheduleId + scheduleKey; §11).
 * The data set's morning shows in a hall with a VIP area are not area-priced, so one hall has a plain
 * showtime and an area-priced one. Whichever of them the hall's layout was read through, each sells its
 * seats with its own areas, and an area seat is declared at the area settle price (§5.3 note 1: the
 * vendor refuses a lower one with AREA_SEAT_LOW_THAN_AREA_SETTLE_PRICE_ERROR).
 */
let w: OrderWorld;
let plain: Json;
let priced: Json;

beforeAll(async () => {
  w = await orderWorld("ykse");
  const soon = new Date(w.sims.clocks.ykse.now() + 3600_000);
  const rows = await w.t.db
    .selectFrom("showtimes")
    .select(["id", "hall_id", "area_prices", "sale_fen", "settle_fen"])
    .where("cinema_id", "=", w.cinemaId)
    .where("on_sale", "=", true)
    .where("stop_selling_at", ">", soon)
    .orderBy("starts_at")
    .execute();
  const isPriced = (r: (typeof rows)[number]) => readJson<unknown[]>(r.area_prices).length > 0;
  priced = rows.find(isPriced);
  plain = rows.find((r) => !isPriced(r) && r.hall_id === priced?.hall_id);
  if (!priced || !plain) throw new Error("the data set has no hall with both a plain and an area-priced showtime");
});
afterAll(() => w?.close());

const seatMap = async (showtimeId: string) => (await w.api.get<Json>(`/v1/showtimes/${showtimeId}/seats`)).body;

/** Stores the hall's layout as if it had been read through `areaSeatIds`' showtime (the old per-hall behaviour). */
async function hallLayoutWithAreas(areaSeatIds: Map<string, string>) {
  const hall = await w.t.db
    .selectFrom("halls")
    .select("layout")
    .where("id", "=", plain.hall_id)
    .executeTakeFirstOrThrow();
  const layout = readJson<SeatLayout>(hall.layout);
  const seats = layout.seats.map((s) => {
    const { areaId: _old, ...rest } = s;
    const areaId = areaSeatIds.get(s.vendorSeatId);
    return areaId ? { ...rest, areaId } : rest;
  });
  const areas = [...new Set(areaSeatIds.values())].map((id) => ({ id, name: id }));
  await w.t.db
    .updateTable("halls")
    .set({ layout: JSON.stringify({ ...layout, seats, areas }) })
    .where("id", "=", plain.hall_id)
    .execute();
}

describe("area seats are the showtime's own (ykse §4.4, §11)", () => {
  it.each([
    ["the hall's layout read through the plain showtime", false],
    ["the hall's layout read through the area-priced showtime", true],
  ])("%s: each showtime's map carries its own areas and prices", async (_, layoutFromPriced) => {
    const pricedMap = await seatMap(priced.id);
    const areaSeats = pricedMap.seats.filter((s: Json) => s.areaId);
    expect(areaSeats.length).toBeGreaterThan(0);
    await hallLayoutWithAreas(
      layoutFromPriced ? new Map(areaSeats.map((s: Json) => [vendorSeatIdOf(s.id)!, s.areaId as string])) : new Map(),
    );
    const [p, q] = await Promise.all([seatMap(plain.id), seatMap(priced.id)]);
    expect(p.seats.filter((s: Json) => s.areaId)).toEqual([]);
    expect(p.areas).toEqual([]);
    expect(q.seats.filter((s: Json) => s.areaId).map((s: Json) => s.id)).toEqual(areaSeats.map((s: Json) => s.id));
    const area = readJson<Array<{ areaId: string; saleFen: number }>>(priced.area_prices)[0]!;
    expect(q.areas).toEqual([expect.objectContaining({ id: area.areaId, saleFen: area.saleFen })]);
    expect(area.saleFen).toBeGreaterThan(priced.sale_fen);
  });

  it("an area seat is sold at the area price and declared at the area settle price; the vendor issues", async () => {
    await hallLayoutWithAreas(new Map()); // as if the hall's layout came through the plain showtime
    const map = await seatMap(priced.id);
    const seat = map.seats.find((s: Json) => s.areaId && s.type === "normal" && s.status === "available");
    const area = readJson<Array<{ areaId: string; saleFen: number; settleFen: number }>>(priced.area_prices).find(
      (a) => a.areaId === seat.areaId,
    )!;
    const created = await createOrder(w, priced.id, [seat.id]);
    expect(created.status).toBe(201);
    expect(created.body.totalFen).toBe(area.saleFen);
    const row = await w.t.db
      .selectFrom("orders")
      .select("seats")
      .where("id", "=", created.body.id)
      .executeTakeFirstOrThrow();
    expect(readJson<Json[]>(row.seats)[0]).toMatchObject({ areaId: area.areaId, settleFen: area.settleFen });
    expect((await confirm(w, created.body)).status).toBe(202);
    const done = await driveUntilNot(w, created.body.id, "CONFIRMING");
    expect(done.status).toBe("ISSUED");
  });

  it("reads a showtime's area seats from the vendor once per scheduleKey", async () => {
    const calls = () => w.t.catalog.calls.recent((c) => c.call.includes("getScheduleAreaSeats"), 10_000);
    const before = calls().length;
    expect(before).toBeGreaterThan(0); // the first map of the priced showtime asked
    await seatMap(priced.id);
    await seatMap(priced.id);
    expect(calls().length).toBe(before);
    const stored = await w.t.db
      .selectFrom("showtimes")
      .select(["seat_areas_key", "version_key"])
      .where("id", "=", priced.id)
      .executeTakeFirstOrThrow();
    expect(stored.seat_areas_key).toContain(stored.version_key);
  });
});
