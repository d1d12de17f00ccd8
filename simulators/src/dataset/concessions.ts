import type { Cinema, Concession } from "../core/dataset-types.js";

const menu = [
  { name: "爆米花（大）", priceFen: 3_800 },
  { name: "可乐（中杯）", priceFen: 1_500 },
  { name: "爆米花可乐套餐", priceFen: 4_500 },
  { name: "矿泉水", priceFen: 500 },
] as const;

/** The same menu everywhere; the cinema keeps 40 % (settle price is 60 % of the sale price). */
export function buildConcessions(cinema: Cinema): Concession[] {
  return menu.map((item, i) => ({
    id: `${cinema.id}-p${i + 1}`,
    cinemaId: cinema.id,
    name: item.name,
    priceFen: item.priceFen,
    settleFen: Math.round((item.priceFen * 0.6) / 100) * 100,
  }));
}
