import { createCache } from "async-cache-dedupe";
import { cityName } from "../catalog/city-names.js";
import type { Db } from "../db/database.js";
import { DomainError } from "../domain/domain-error.js";
import type { Result } from "../domain/errors.js";
import type { VoucherCinema, VoucherCity, VoucherConnector, VoucherKind } from "../vendors/vouchers.js";
import { productIdOf, type VoucherProductRef } from "./product-id.js";
import type { VoucherVendors } from "./voucher-vendors.js";

export interface VoucherProductCinema {
  nationalCode: string;
  name: string;
  address: string | null;
  /** Our cinema id, when this channel sells that cinema's seats too. */
  cinemaId: string | null;
}

export interface VoucherProduct {
  productId: string;
  type: "cinema" | "kind";
  name: string;
  /** What one ticket on the card costs (the vendor's `price`, yuan on the wire). */
  saleFen: number;
  /** The box-office price it stands against, when the vendor says (`market_price`). */
  marketFen: number | null;
  /** Days a card stays valid once activated, when the vendor says. */
  validDays: number | null;
  /** Most tickets one card (one order) may carry. */
  maxCount: number;
  /** Where the card is valid, in the asked city. */
  cinemas: VoucherProductCinema[];
}

/**
 * doc 004 接口列表: "1,2,5,6由于变化不大都可以采取定时更新的方式" — cities, regions, kinds and each kind's
 * cinemas change rarely and are kept for ten minutes; the per-cinema prices (3, cinemasByRegion) are
 * not in that list and are kept one minute. Per node, only an optimisation; failures are not kept.
 */
const SLOW_TTL_SECONDS = 600;
const PRICE_TTL_SECONDS = 60;

class VendorReadError extends Error {
  constructor(readonly detail: string) {
    super(detail);
  }
}

const unwrap = <T>(res: Result<T>): T => {
  if (!res.ok)
    throw new VendorReadError(`${res.error.message}${res.error.vendorCode ? ` (${res.error.vendorCode})` : ""}`);
  return res.value;
};

/** "北京市" and "北京" are one city: vendors differ on the suffix. */
const sameCity = (a: string, b: string) => a.replace(/市$/, "") === b.replace(/市$/, "");

type Key = { accountId: string; id?: string };
const serialize = (k: Key) => `${k.accountId}\n${k.id ?? ""}`;

/** GET /v1/voucher-products: every voucher vendor account's products valid in one of our cities. */
export class VoucherProducts {
  private readonly slow;
  private readonly prices;
  /** Names of the products listed on this node, for the orders that buy them. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly vendors: VoucherVendors,
  ) {
    const read =
      <T>(call: (c: VoucherConnector, id: string) => Promise<Result<T>>) =>
      async (k: Key): Promise<T> =>
        unwrap(await call(await this.vendors.forAccount(k.accountId), k.id ?? ""));
    this.slow = createCache({ ttl: SLOW_TTL_SECONDS, storage: { type: "memory" } })
      .define(
        "cities",
        { serialize },
        read<VoucherCity[]>((c) => c.listCities()),
      )
      .define(
        "regions",
        { serialize },
        read((c, id) => c.listRegions(id)),
      )
      .define(
        "kinds",
        { serialize },
        read<VoucherKind[]>((c) => c.listKinds()),
      )
      .define(
        "kindCinemas",
        { serialize },
        read<VoucherCinema[]>((c, id) => c.listCinemasByKind(id)),
      );
    this.prices = createCache({ ttl: PRICE_TTL_SECONDS, storage: { type: "memory" } }).define(
      "regionCinemas",
      { serialize },
      read<VoucherCinema[]>((c, id) => c.listCinemasByRegion(id)),
    );
  }

  /** A product's name, if this node has listed it (a voucher order shows it; absent otherwise). */
  nameOf(productId: string): string | undefined {
    return this.names.get(productId);
  }

  async forCity(channelId: string, cityCode: string): Promise<VoucherProduct[]> {
    const name = await this.cityNameOf(cityCode);
    const accounts = await this.vendors.list();
    try {
      const products = (await Promise.all(accounts.map((a) => this.ofAccount(a.id, name)))).flat();
      for (const p of products) this.names.set(p.productId, p.name);
      return this.withOurCinemas(channelId, products);
    } catch (err) {
      if (err instanceof VendorReadError) {
        throw new DomainError("VENDOR_UNAVAILABLE", `the voucher vendor cannot list its products now: ${err.detail}`);
      }
      throw err;
    }
  }

  private async ofAccount(accountId: string, cityName: string): Promise<VoucherProduct[]> {
    const connector = await this.vendors.forAccount(accountId);
    const maxCount = connector.capabilities.maxTicketsPerCard;
    const city = (await this.slow.cities({ accountId })).find((c) => sameCity(c.name, cityName));
    if (!city) return [];
    const out: VoucherProduct[] = [];
    if (connector.capabilities.buyByCinema) {
      const regions = await this.slow.regions({ accountId, id: city.cityId });
      const byRegion = await Promise.all(regions.map((r) => this.prices.regionCinemas({ accountId, id: r.regionId })));
      for (const c of byRegion.flat()) {
        const ref = { accountId, type: "cinema", vendorCinemaId: c.vendorCinemaId } as const;
        out.push(product(ref, c, maxCount, [c]));
      }
    }
    if (connector.capabilities.buyByKind) {
      for (const kind of await this.slow.kinds({ accountId })) {
        const cinemas = (await this.slow.kindCinemas({ accountId, id: kind.kindId })).filter(
          (c) => c.cityId === city.cityId,
        );
        if (cinemas.length > 0)
          out.push(product({ accountId, type: "kind", kindId: kind.kindId }, kind, maxCount, cinemas));
      }
    }
    return out;
  }

  /** Our city's name: the catalogue's, else the national statistics table's; NOT_FOUND for neither. */
  private async cityNameOf(cityCode: string): Promise<string> {
    const row = await this.db.selectFrom("cities").select("name").where("code", "=", cityCode).executeTakeFirst();
    const name = row?.name ?? cityName(cityCode);
    if (!name) throw new DomainError("NOT_FOUND", `city ${cityCode} not found`);
    return name;
  }

  /** Links each cinema to ours by national code, where this channel sells that cinema. */
  private async withOurCinemas(channelId: string, products: VoucherProduct[]): Promise<VoucherProduct[]> {
    const codes = [...new Set(products.flatMap((p) => p.cinemas.map((c) => c.nationalCode)))];
    if (codes.length === 0) return products;
    const rows = await this.db
      .selectFrom("cinemas")
      .innerJoin("channel_cinemas", "channel_cinemas.cinema_id", "cinemas.id")
      .select(["cinemas.id", "cinemas.national_code"])
      .where("channel_cinemas.channel_id", "=", channelId)
      .where("cinemas.national_code", "in", codes)
      .execute();
    const ours = new Map(rows.map((r) => [r.national_code, r.id]));
    for (const p of products) for (const c of p.cinemas) c.cinemaId = ours.get(c.nationalCode) ?? null;
    return products;
  }
}

/** One product: what a card of this cinema or kind costs per ticket, and where it is valid. */
function product(
  ref: VoucherProductRef,
  priced: { name: string; priceFen: number; marketPriceFen?: number; validDays?: number },
  maxCount: number,
  cinemas: VoucherCinema[],
): VoucherProduct {
  return {
    productId: productIdOf(ref),
    type: ref.type,
    name: priced.name,
    saleFen: priced.priceFen,
    marketFen: priced.marketPriceFen ?? null,
    validDays: priced.validDays ?? null,
    maxCount,
    cinemas: cinemas.map(cinemaOf),
  };
}

const cinemaOf = (c: VoucherCinema): VoucherProductCinema => ({
  nationalCode: c.vendorCinemaId,
  name: c.name,
  address: c.address ?? null,
  cinemaId: null,
});
