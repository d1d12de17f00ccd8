import type { Bilingual } from "../../domain/bilingual.js";

/**
 * The brands that speak this protocol (public-refs §1, §7): 火烈鸟 v5.0 itself ("NGC"), the cinemas
 * CEC routes to its "YXT" adapter (大地 1.0, 洲立 1.71, 金逸 1.02, 微影 V5) and 天河, whose replies
 * are CEC-style. `yxt` switches on the YXT differences of §7.2 (cinemaCode on every trading call,
 * hallCode on seat status, mobile and lockPrice on lock, the status re-check after submitOrder).
 * 天河 is only known from one CEC-style error reply: its call shape is unknown, so it takes the NGC
 * shape that the refs document best (docs/vendors/huolieniao5.md).
 */
export interface Brand {
  id: string;
  name: Bilingual;
  yxt: boolean;
}

export const BRANDS = [
  { id: "huolieniao", name: { zh: "火烈鸟", en: "Huolieniao (Flamingo)" }, yxt: false },
  { id: "dadi", name: { zh: "大地", en: "Dadi" }, yxt: true },
  { id: "zhouli", name: { zh: "洲立", en: "Zhouli" }, yxt: true },
  { id: "jinyi", name: { zh: "金逸", en: "Jinyi" }, yxt: true },
  { id: "weiying", name: { zh: "微影", en: "Weiying" }, yxt: true },
  { id: "tianhe", name: { zh: "天河", en: "Tianhe" }, yxt: false },
] as const satisfies readonly Brand[];

export type BrandId = (typeof BRANDS)[number]["id"];

export const brandIds = BRANDS.map((b) => b.id) as [BrandId, ...BrandId[]];

/** No brand set: plain 火烈鸟 v5.0. */
export const brandOf = (id: string | undefined): Brand => BRANDS.find((b) => b.id === id) ?? BRANDS[0];

/** The name support sees: "大地（火烈鸟 5.0 / YXT）", or "火烈鸟 5.0" without a brand. */
export function brandLabel(id: string | undefined): Bilingual {
  const b = brandOf(id);
  if (b.id === "huolieniao") return { zh: "火烈鸟 5.0", en: "Huolieniao 5.0" };
  const family = b.yxt ? "火烈鸟 5.0 / YXT" : "火烈鸟 5.0";
  const familyEn = b.yxt ? "Huolieniao 5.0 / YXT" : "Huolieniao 5.0";
  return { zh: `${b.name.zh}（${family}）`, en: `${b.name.en} (${familyEn})` };
}
