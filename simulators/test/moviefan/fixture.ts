import { createHash } from "node:crypto";
import iconv from "iconv-lite";
import { demoAccounts } from "../../src/core/accounts.js";
import { createSimClock } from "../../src/core/clock.js";
import type { SimContext } from "../../src/core/context.js";
import type { Cinema, Dataset, Hall, Seat } from "../../src/core/dataset-types.js";
import { FaultController } from "../../src/core/faults.js";

/** 2026-03-04 10:00 China time. */
export const BASE = Date.parse("2026-03-04T10:00:00+08:00");

/**
 * A 3-row hall: rows 1–2 have seats 1–2, an aisle (grid column 3), seats 3–4; row 3 is two love-seat
 * pairs (grid 1+2 and 4+5). Seat r1c1 is broken.
 */
function hall(): Hall {
  const seats: Seat[] = [];
  for (let y = 1; y <= 2; y++) {
    let n = 0;
    for (const x of [1, 2, 4, 5]) {
      n++;
      seats.push({ id: `r${y}c${x}`, rowLabel: String(y), colLabel: String(n), x, y, type: "normal" });
    }
  }
  seats[0]!.broken = true;
  seats.push(
    { id: "r3c1", rowLabel: "3", colLabel: "1", x: 1, y: 3, type: "loveLeft", pairSeatId: "r3c2" },
    { id: "r3c2", rowLabel: "3", colLabel: "2", x: 2, y: 3, type: "loveRight", pairSeatId: "r3c1" },
    { id: "r3c4", rowLabel: "3", colLabel: "3", x: 4, y: 3, type: "loveLeft", pairSeatId: "r3c5" },
    { id: "r3c5", rowLabel: "3", colLabel: "4", x: 5, y: 3, type: "loveRight", pairSeatId: "r3c4" },
  );
  return { id: "h1", name: "1号厅", type: "普通厅", rows: 3, cols: 5, seats, areas: [] };
}

function cinema(i: number, vendor: Cinema["vendor"], halls: Hall[]): Cinema {
  return {
    id: `c${i}`,
    vendor,
    internalCode: String(5800 + i),
    nationalCode: String(44010000 + i),
    name: `测试影城${i}`,
    address: `天河区天河路${i}号`,
    cityCode: "440100",
    phone: "020-12345678",
    lat: 23.1,
    lng: 113.3,
    halls,
    refundBeforeMinutes: 60,
    shanghai: false,
  };
}

export function tinyDataset(): Dataset {
  const h = hall();
  const cinemas: Cinema[] = [cinema(1, "moviefan", [h])];
  for (let i = 2; i <= 230; i++) cinemas.push(cinema(i, "moviefan", [h]));
  cinemas.push(cinema(999, "ykse", [h]));
  const show = (id: string, cinemaId: string, startsAt: number) => ({
    id,
    cinemaId,
    hallId: "h1",
    filmId: "f1",
    startsAt,
    endsAt: startsAt + 109 * 60_000,
    stopSellingMinutes: 15,
    language: "英语",
    version: "3D",
    listFen: 6000,
    settleFen: 3500,
    lowestFen: 3000,
    feeFen: 200,
    areaPrices: [],
    onSale: true,
  });
  return {
    seed: 7,
    baseTime: BASE,
    cities: [{ code: "440100", name: "广州" }],
    cinemas,
    films: [
      {
        id: "f1",
        nationalCode: "051101852016",
        title: "疯狂动物城",
        language: "英语",
        durationMinutes: 109,
        versions: ["2D", "3D"],
        director: "拜伦·霍华德",
        cast: "金妮弗·古德温,杰森·贝特曼",
        releaseDate: "2016-03-04",
      },
    ],
    showtimes: [
      show("s1", "c1", BASE + 3 * 3600_000),
      show("s2", "c1", BASE + 5 * 3600_000),
      show("s3", "c999", BASE + 3 * 3600_000),
    ],
    cardGrades: [],
    cards: [],
    concessions: [],
  };
}

export function testContext(): SimContext {
  return { dataset: tinyDataset(), clock: createSimClock(BASE), faults: new FaultController(1) };
}

/** Independent reference signature: case-insensitive a–z, lowercase first on ties; GB2312 MD5. */
export function referenceSign(params: Record<string, string>, secret = demoAccounts.moviefan.secret): string {
  const keys = Object.keys(params)
    .filter((k) => k !== "sign")
    .sort((a, b) => {
      const c = a.toLowerCase().localeCompare(b.toLowerCase(), "en");
      if (c !== 0) return c;
      return new Intl.Collator("en", { caseFirst: "lower" }).compare(a, b);
    });
  const plain = keys.map((k) => `${k}=${params[k]}`).join("&") + secret;
  return createHash("md5").update(iconv.encode(plain, "gb2312")).digest("hex");
}

/** Adds channelCode and sign, returns the query string (URL-encoded after signing). */
export function signedQuery(params: Record<string, string>): string {
  const all = { channelCode: demoAccounts.moviefan.channelCode, ...params };
  return new URLSearchParams({ ...all, sign: referenceSign(all) }).toString();
}
