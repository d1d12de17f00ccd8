import type { OrderGoodsLine } from "../db/schema.js";
import { DomainError } from "../domain/domain-error.js";
import { notSupported } from "../members/card-prices.js";
import { goodsView } from "../members/goods-view.js";
import type { CinemaConnector } from "../vendors/connector.js";
import type { YkseConnector } from "../vendors/ykse/index.js";
import type { TradeContext } from "./trade-context.js";

/**
 * Connectors that sell goods inside a seat order and take split payments (ykse §5.4–5.6 multi-pay and
 * mixed confirms, and the protocols that share ykse's implementation). Others answer 409 not_supported.
 */
export type MixedOrderConnector = CinemaConnector<string> & Pick<YkseConnector<string>, "goods" | "trade" | "members">;

export const sellsMixedOrders = (c: CinemaConnector<string>): c is MixedOrderConnector =>
  c.capabilities.concessions && c.capabilities.memberCards && "goods" in c && "trade" in c && "members" in c;

export function mixedConnector(ctx: TradeContext, what: string): MixedOrderConnector {
  const c = ctx.connector;
  if (!sellsMixedOrders(c)) throw notSupported(what, c.vendor);
  return c;
}

/**
 * The goods asked for, priced from the cinema's menu now (live from the vendor, ykse §6.1): an item
 * off the menu (off sale, sold out, or unknown) is GOODS_UNAVAILABLE, and nothing is held. The unit
 * price is the goods list's sale price, which is also what is declared (≥ the settle price, §6.2).
 */
export async function priceGoods(
  ctx: TradeContext,
  asked: ReadonlyArray<{ goodsId: string; count: number }>,
): Promise<OrderGoodsLine[]> {
  if (asked.length === 0) return [];
  const c = mixedConnector(ctx, "concessions");
  const menu = await c.goods.listGoods(ctx.cinema);
  if (!menu.ok)
    throw new DomainError("VENDOR_UNAVAILABLE", `the cinema's goods menu is unavailable: ${menu.error.message}`);
  // Priced and named exactly as the goods list shows them (members/goods-view.ts), ids included.
  const byId = new Map(
    menu.value.items.flatMap((item) => {
      const view = goodsView(item);
      return view ? [[view.id, { item, saleFen: view.saleFen }] as const] : [];
    }),
  );
  const missing = asked.filter((a) => !byId.has(a.goodsId));
  if (missing.length) {
    throw new DomainError("GOODS_UNAVAILABLE", "goods not on sale at this cinema now", {
      goodsIds: missing.map((m) => m.goodsId),
    });
  }
  const count = asked.reduce((s, a) => s + a.count, 0);
  const max = menu.value.maxPerOrder;
  if (max !== undefined && count > max) {
    throw new DomainError("VALIDATION_FAILED", `at most ${max} goods per order`, {
      errors: [{ path: "/goods", message: `at most ${max} items per order (the cinema's maxBuyCount)` }],
    });
  }
  return asked.map((a) => {
    const { item, saleFen } = byId.get(a.goodsId)!;
    return {
      goodsId: a.goodsId,
      vendorGoodsId: item.vendorGoodsId,
      name: item.name,
      isPackage: item.isPackage,
      count: a.count,
      saleFen,
    };
  });
}
