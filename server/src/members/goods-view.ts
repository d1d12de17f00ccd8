import type { ConcessionItem } from "../vendors/concessions.js";

/**
 * Our id of a concession: single items and packages are separate id spaces at ykse (§6.1 lists
 * both, each order line says `isPackage`), so the kind is part of the id. Orders decode it with
 * `parseGoodsId`.
 */
export const goodsIdOf = (item: Pick<ConcessionItem, "vendorGoodsId" | "isPackage">) =>
  `${item.isPackage ? "p" : "g"}_${item.vendorGoodsId}`;

export function parseGoodsId(id: string): { vendorGoodsId: string; isPackage: boolean } | undefined {
  const m = /^([gp])_(.+)$/.exec(id);
  return m ? { vendorGoodsId: m[2] as string, isPackage: m[1] === "p" } : undefined;
}

/**
 * One concession as API.md shows it; what the vendor lists is what it sells now. An item the
 * vendor gives no price for cannot be sold, so it is not shown (undefined) rather than shown free.
 */
export function goodsView(item: ConcessionItem) {
  const saleFen = item.listFen ?? item.settleFen;
  if (saleFen === undefined) return undefined;
  return {
    id: goodsIdOf(item),
    name: item.name,
    kind: item.isPackage ? ("package" as const) : ("single" as const),
    saleFen,
    ...(item.description ? { description: item.description } : {}),
    ...(item.imageUrl ? { imageUrl: item.imageUrl } : {}),
    available: true,
  };
}
