import { parseChinaLocal } from "../../src/domain/time.js";
import type { PricingRule, RuleInput } from "../../src/pricing/rule.js";
import type { ShowtimeFacts } from "../../src/pricing/showtime-facts.js";

/** A 19:30 Friday show, settle 35 yuan, list 45, fees 1 + 2 yuan: floor 38 yuan. */
export function facts(over: Partial<ShowtimeFacts> = {}): ShowtimeFacts {
  return {
    showtimeId: "sho_1",
    cinemaId: "cin_a",
    cityCode: "310000",
    vendor: "ykse",
    filmId: "flm_1",
    version: "2D",
    hallType: "normal",
    startsAt: parseChinaLocal("2026-12-04 19:30"),
    listFen: 4500,
    settleFen: 3500,
    lowestFen: 3000,
    vendorFeeFen: 100,
    cinemaServiceFeeFen: 200,
    shanghai: false,
    areas: [],
    ...over,
  };
}

let n = 0;
export function rule(over: Partial<RuleInput> & { id?: string } = {}): PricingRule {
  n++;
  return {
    id: over.id ?? `prr_${String(n).padStart(4, "0")}`,
    version: 1,
    name: `rule ${n}`,
    enabled: true,
    scope: {},
    price: { base: "list", op: "add", valueFen: 0 },
    ...over,
  };
}
