import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Showtime } from "../../../simulators/src/core/dataset-types.js";
import { runSync } from "../../src/catalog/sync/run.js";
import { type Json, type OrderWorld, orderWorld } from "../orders/harness.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";

/**
 * Issue 13 §4: a unit slip (yuan read as fen, as the Moviefan connector once did) must never reach
 * buyers silently. A showtime whose sale price lies outside the sane band, or whose settle price
 * exceeds its list price, is kept off sale; the sync run and the console say which showtime and what
 * the vendor sent; and it goes back on sale when the vendor's answer is sane again.
 */
let w: OrderWorld;
let cheap: Showtime;
let inverted: Showtime;

const admin = async (path: string) =>
  (await (
    await fetch(new URL(path, w.t.baseUrl), { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
  ).json()) as Json;
const sync = () =>
  runSync({ db: w.t.db, registry: w.t.catalog.registry, clock: w.t.catalog.clock, days: 2 }, w.cinemaId, ["showtimes"]);
/** Our row of a data-set showtime (picked with a start time no other show of the cinema shares). */
const stored = (s: Showtime) =>
  w.t.db
    .selectFrom("showtimes")
    .select(["id", "vendor_showtime_id", "on_sale", "price_warning"])
    .where("cinema_id", "=", w.cinemaId)
    .where("starts_at", "=", new Date(s.startsAt))
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  w = await orderWorld("moviefan");
  const dataCinema = w.sims.dataset.cinemas.find((c) => c.vendor === "moviefan")!;
  const later = w.sims.clocks.moviefan.now() + 3 * 3600_000;
  const own = w.sims.dataset.showtimes.filter((s) => s.cinemaId === dataCinema.id);
  const unique = own.filter(
    (s) => s.startsAt > later && s.onSale && own.filter((o) => o.startsAt === s.startsAt).length === 1,
  );
  [cheap, inverted] = unique as [Showtime, Showtime];
});
afterAll(() => w?.close());

describe("price sanity at sync (every vendor)", () => {
  it("keeps a showtime priced outside ¥5–¥500 or settled above its list price off sale, naming it and the vendor's value", async () => {
    const original = { cheap: cheap.settleFen, list: inverted.listFen };
    cheap.settleFen = 30; // the simulator now answers price 0.3: ¥0.30 a seat
    inverted.listFen = inverted.settleFen - 100;
    try {
      const run = await sync();
      expect(run.status).toBe("succeeded");
      const [cheapId, invertedId] = [
        (await stored(cheap)).vendor_showtime_id,
        (await stored(inverted)).vendor_showtime_id,
      ];
      const byShow = new Map(run.warnings.map((x) => [x.vendorShowtimeId, x]));
      expect(byShow.get(cheapId)).toMatchObject({
        code: "price_out_of_band",
        message: expect.stringMatching(
          /^showtime \d+ at [\d-]+ [\d:]+: sale price ¥0\.30 is outside ¥5\.00–¥500\.00 \(vendor sent: price="0\.3" retailPrice="\d+"\); kept off sale$/,
        ),
      });
      expect(byShow.get(invertedId)?.code).toBe("settle_above_list");
      for (const s of [cheap, inverted]) {
        const row = await stored(s);
        expect(row.on_sale).toBe(false);
        expect(row.price_warning).toContain(`showtime ${row.vendor_showtime_id}`);
      }

      const order = await w.api.post<Json>(
        "/v1/orders",
        { showtimeId: (await stored(cheap)).id, seatIds: ["st_eA"], mobile: "13912345678" },
        { "idempotency-key": `held-${Date.now()}` },
      );
      expect(order.status).toBe(409);
      expect(order.body.code).toBe("SHOWTIME_CLOSED");

      const home = await admin("/admin/home");
      expect(home.priceHolds.count).toBe(2);
      expect(home.priceHolds.items.map((h: Json) => h.vendorShowtimeId).sort()).toEqual([cheapId, invertedId].sort());
      const detail = await admin(`/admin/cinemas/${w.cinemaId}`);
      const held = detail.showtimeDays.flatMap((d: Json) => d.showtimes).filter((s: Json) => s.priceWarning);
      expect(held).toHaveLength(2);
      expect(detail.syncRuns[0].warnings).toHaveLength(2);
    } finally {
      cheap.settleFen = original.cheap;
      inverted.listFen = original.list;
    }
    const healed = await sync();
    expect(healed.warnings).toEqual([]);
    expect(await stored(cheap)).toMatchObject({ on_sale: true, price_warning: null });
    expect((await admin("/admin/home")).priceHolds.count).toBe(0);
  });
});
