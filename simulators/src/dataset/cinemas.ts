import { cinemaSimulators } from "../all.js";
import type { Cinema, Hall } from "../core/dataset-types.js";
import type { SimulatorDescriptor } from "../core/descriptor.js";
import { type CityProfile, SHANGHAI_CODE } from "./cities.js";
import type { LayoutKey } from "./hall-layout.js";
import type { Rng } from "./random.js";

/**
 * Vendors that own cinemas, from the simulators' list (Lingdong sells vouchers valid at the others').
 * Each names its own cinema code (doc 000 §三: some vendors use the national code, others their own
 * numbering; the data set makes them differ wherever the vendor does).
 */
export const cinemaVendors: readonly SimulatorDescriptor[] = cinemaSimulators();

const brands = [
  "万达影城",
  "CGV影城",
  "博纳国际影城",
  "金逸影城",
  "UME影城",
  "大地影院",
  "横店电影城",
  "百老汇影城",
  "星轶影城",
  "中影国际影城",
];
const malls = [
  "大悦城",
  "万象城",
  "万达广场",
  "龙湖天街",
  "吾悦广场",
  "印象城",
  "来福士",
  "凯德广场",
  "银泰城",
  "太古里",
];

/** 8 digits: the province prefix of the city code + a 6-digit serial unique across the data set. */
export function nationalCodeFor(city: CityProfile, index: number): string {
  return city.code.slice(0, 2) + String(11_000 + index).padStart(6, "0");
}

/**
 * Which halls a cinema has, front to back: the flagship hall (IMAX or laser), then a mix of
 * medium and small halls.
 */
export function hallPlan(rng: Rng): LayoutKey[] {
  const count = rng.int(4, 7);
  const plan: LayoutKey[] = [rng.chance(0.4) ? "imax" : "laser"];
  for (let n = 2; n <= count; n++) plan.push(n <= 3 || rng.chance(0.5) ? "medium" : "small");
  return plan;
}

export interface CinemaBuildContext {
  cities: readonly CityProfile[];
  /** The cinema-owning vendors, dealt round-robin (default `cinemaVendors`). */
  vendors: readonly SimulatorDescriptor[];
  /** Next index per vendor (same order as `vendors`), advanced as cinemas are built. */
  vendorCounters: number[];
  /** Digits in the cinema id, so ids sort and stay the same width. */
  idWidth: number;
  hallFor: (key: LayoutKey, hallNo: number) => Hall;
}

/**
 * Cinema i gets city i mod cities and vendor i mod vendors; because the counts are coprime, every
 * vendor appears in every city once there are enough cinemas, and Shanghai (city 1) is in the
 * default twelve.
 */
export function buildCinema(rng: Rng, index: number, ctx: CinemaBuildContext): Cinema {
  const city = ctx.cities[index % ctx.cities.length]!;
  const vendorSlot = index % ctx.vendors.length;
  const vendor = ctx.vendors[vendorSlot]!;
  const indexInVendor = ctx.vendorCounters[vendorSlot]!;
  ctx.vendorCounters[vendorSlot] = indexInVendor + 1;
  const nationalCode = nationalCodeFor(city, index);
  const district = rng.pick(city.districts);
  const mall = rng.pick(malls);
  const brand = brands[(index * 7 + rng.int(0, brands.length - 1)) % brands.length]!;
  // Big data sets reuse brand + district + mall combinations; a branch number makes repeats rare.
  const branch = index >= 60 ? `${Math.floor(index / 60) + 1}号` : "";
  return {
    id: `c${String(index + 1).padStart(ctx.idWidth, "0")}`,
    vendor: vendor.id,
    internalCode: vendor.cinemas!.internalCode(nationalCode, indexInVendor),
    nationalCode,
    name: `${brand}（${district.replace(/新?区$/, "")}${mall}${branch}店）`,
    address: `${city.name}市${district}${rng.pick(city.roads)}${rng.int(1, 399)}号${mall}${rng.int(3, 7)}层`,
    cityCode: city.code,
    phone: `${city.areaCode}-${rng.int(5, 8)}${rng.digits(7)}`,
    lat: round6(city.lat + (rng.next() - 0.5) * 0.2),
    lng: round6(city.lng + (rng.next() - 0.5) * 0.2),
    halls: hallPlan(rng).map((key, i) => ctx.hallFor(key, i + 1)),
    refundBeforeMinutes: rng.pick([30, 60, 60, 120]),
    shanghai: city.code === SHANGHAI_CODE,
  };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
