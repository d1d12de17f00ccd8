import type { Cinema, City, Dataset } from "../core/dataset-types.js";

/**
 * Lingdong's own city and region codes over the data set. Cities are numbered "001", "002" … like the
 * example; a region is its city's code plus a 2-digit sequence ("00101"), built from the districts
 * named in cinema addresses. Cinemas are identified by their 8-digit national (广电) code, which is the
 * same whichever ticketing system the cinema runs.
 */
export interface LingdongCity {
  codeId: string;
  city: City;
  regions: LingdongRegion[];
}

export interface LingdongRegion {
  codeId: string;
  cityCodeId: string;
  name: string;
  cinemas: Cinema[];
}

export interface Geography {
  cities: LingdongCity[];
  cityById: Map<string, LingdongCity>;
  regionById: Map<string, LingdongRegion>;
  regionOfCinema: Map<string, LingdongRegion>;
  cinemaByNationalCode: Map<string, Cinema>;
}

/** "广州市天河区天河路88号" → "天河区"; addresses without a district fall in "市区". */
export function districtOf(address: string): string {
  return /([^\s\d市省]{1,5}?(?:新区|区|县))/.exec(address)?.[1] ?? "市区";
}

export function buildGeography(dataset: Dataset): Geography {
  const cities: LingdongCity[] = [];
  const cityById = new Map<string, LingdongCity>();
  const regionById = new Map<string, LingdongRegion>();
  const regionOfCinema = new Map<string, LingdongRegion>();
  const cinemaByNationalCode = new Map<string, Cinema>();
  const byCityCode = new Map<string, LingdongCity>();
  for (const city of dataset.cities) {
    if (!dataset.cinemas.some((c) => c.cityCode === city.code)) continue;
    const entry: LingdongCity = { codeId: String(cities.length + 1).padStart(3, "0"), city, regions: [] };
    cities.push(entry);
    cityById.set(entry.codeId, entry);
    byCityCode.set(city.code, entry);
  }
  for (const cinema of dataset.cinemas) {
    const city = byCityCode.get(cinema.cityCode);
    if (!city) continue;
    cinemaByNationalCode.set(cinema.nationalCode, cinema);
    const name = districtOf(cinema.address);
    let region = city.regions.find((r) => r.name === name);
    if (!region) {
      region = {
        codeId: city.codeId + String(city.regions.length + 1).padStart(2, "0"),
        cityCodeId: city.codeId,
        name,
        cinemas: [],
      };
      city.regions.push(region);
      regionById.set(region.codeId, region);
    }
    region.cinemas.push(cinema);
    regionOfCinema.set(cinema.id, region);
  }
  return { cities, cityById, regionById, regionOfCinema, cinemaByNationalCode };
}

/** Pinyin initials for the `remark` of the data set's cities (the example: 北京 → "bj"). */
export const cityInitials: Record<string, string> = {
  北京: "bj",
  上海: "sh",
  广州: "gz",
  深圳: "sz",
  成都: "cd",
  杭州: "hz",
  武汉: "wh",
  南京: "nj",
  西安: "xa",
  天津: "tj",
  重庆: "cq",
  苏州: "sz",
  长沙: "cs",
  郑州: "zz",
};
