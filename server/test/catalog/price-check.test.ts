import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_BAND, parsePriceBand, priceWarningOf } from "../../src/catalog/sync/price-check.js";
import type { VendorShowtime } from "../../src/domain/catalog.js";
import { parseChinaLocal } from "../../src/domain/time.js";

const show = (over: Partial<VendorShowtime> = {}): VendorShowtime => ({
  vendorShowtimeId: "124",
  vendorHallId: "515",
  vendorFilmId: "151",
  startsAt: parseChinaLocal("2015-07-23 03:05:00"),
  stopSellingAt: parseChinaLocal("2015-07-23 03:05:00"),
  onSale: true,
  price: { settleFen: 5100, listFen: 6000 },
  ...over,
});
const sane = { saleFen: 5100, areaSaleFen: [] };

describe("price sanity (catalog/sync/price-check.ts)", () => {
  it("passes a sane price and reads the band setting in yuan", () => {
    expect(priceWarningOf(show(), sane, DEFAULT_PRICE_BAND)).toBeUndefined();
    expect(parsePriceBand("5-500")).toEqual(DEFAULT_PRICE_BAND);
    expect(parsePriceBand("0.5-1000.5")).toEqual({ minFen: 50, maxFen: 100_050 });
    expect(() => parsePriceBand("500-5")).toThrow(/minimum must be below/);
  });

  it("flags the doc 001 example read as fen (¥0.51), quoting the vendor's raw value", () => {
    const w = priceWarningOf(
      show({ price: { settleFen: 51, listFen: 51 }, rawPrice: 'price="51"' }),
      { saleFen: 51, areaSaleFen: [] },
      DEFAULT_PRICE_BAND,
    );
    expect(w).toEqual({
      entity: "showtimes",
      code: "price_out_of_band",
      vendorShowtimeId: "124",
      message:
        'showtime 124 at 2015-07-23 03:05: sale price ¥0.51 is outside ¥5.00–¥500.00 (vendor sent: price="51"); kept off sale',
    });
  });

  it("flags an unreadable price, a missing price, a settle above list and an insane area price", () => {
    const band = DEFAULT_PRICE_BAND;
    expect(priceWarningOf(show({ priceIssue: 'price "abc" is not a yuan amount' }), sane, band)?.code).toBe(
      "price_unreadable",
    );
    expect(priceWarningOf(show({ price: {} }), { saleFen: 0, areaSaleFen: [] }, band)?.code).toBe("price_unreadable");
    const inverted = priceWarningOf(show({ price: { settleFen: 7000, listFen: 6000 } }), sane, band);
    expect(inverted?.code).toBe("settle_above_list");
    expect(inverted?.message).toContain("vendor sent: settle ¥70.00, list ¥60.00");
    expect(priceWarningOf(show(), { saleFen: 5100, areaSaleFen: [60_000] }, band)?.message).toContain("¥600.00");
  });
});
