import { createHash } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import type { FastifyInstance } from "fastify";
import { demoAccounts } from "../../src/core/accounts.js";
import { createSimClock } from "../../src/core/clock.js";
import type { SimContext } from "../../src/core/context.js";
import type { Cinema, Dataset, Hall, Showtime } from "../../src/core/dataset-types.js";
import { FaultController } from "../../src/core/faults.js";

export const BASE = Date.parse("2026-03-04T10:00:00+08:00");

const hall = (id: string, type: string): Hall => ({ id, name: id, type, rows: 1, cols: 1, seats: [], areas: [] });

function cinema(i: number, vendor: Cinema["vendor"], cityCode: string, address: string, halls: Hall[]): Cinema {
  return {
    id: `c${i}`,
    vendor,
    internalCode: String(i),
    nationalCode: String(44010000 + i),
    name: `影城${i}`,
    address,
    cityCode,
    phone: "020-1234567",
    lat: 23.1,
    lng: 113.3,
    halls,
    refundBeforeMinutes: 60,
    shanghai: false,
  };
}

function show(id: string, cinemaId: string, version: string, settleFen: number, listFen: number): Showtime {
  return {
    id,
    cinemaId,
    hallId: "h1",
    filmId: "f1",
    startsAt: BASE + 3600_000,
    endsAt: BASE + 7200_000,
    stopSellingMinutes: 15,
    language: "国语",
    version,
    listFen,
    settleFen,
    lowestFen: 2000,
    feeFen: 0,
    areaPrices: [],
    onSale: true,
  };
}

/** Two cities; Guangzhou has cinemas in two districts (one with an IMAX hall), Beijing one cinema. */
export function tinyDataset(): Dataset {
  return {
    seed: 11,
    baseTime: BASE,
    cities: [
      { code: "110100", name: "北京" },
      { code: "440100", name: "广州" },
      { code: "310100", name: "上海" },
    ],
    cinemas: [
      cinema(1, "ykse", "440100", "广州市天河区天河路1号", [hall("h1", "普通厅"), hall("h2", "IMAX厅")]),
      cinema(2, "moviefan", "440100", "广州市天河区体育西路2号", [hall("h1", "普通厅")]),
      cinema(3, "vista", "440100", "广州市海珠区新港中路3号", [hall("h1", "普通厅")]),
      cinema(4, "moviefan", "110100", "北京市朝阳区建国路4号", [hall("h1", "普通厅")]),
    ],
    films: [],
    showtimes: [
      show("s1", "c1", "2D", 3320, 5800),
      show("s2", "c1", "3D", 4500, 7000),
      show("s3", "c2", "2D", 2900, 4500),
    ],
    cardGrades: [],
    cards: [],
    concessions: [],
  };
}

export function testContext(): SimContext {
  return { dataset: tinyDataset(), clock: createSimClock(BASE), faults: new FaultController(1) };
}

let reqSeq = 0;
export const nextReqId = () => `T${Date.now().toString(36)}${(++reqSeq).toString().padStart(4, "0")}`;

/** The documented common parameters, hashcode computed here independently. */
export function common(overrides: Record<string, string> = {}): Record<string, string> {
  const a = demoAccounts.lingdong;
  const p: Record<string, string> = {
    partner_id: a.partnerId,
    sec_id: a.secId,
    bus_id: a.busId,
    req_id: nextReqId(),
    ver: "1000",
    timestamp: "20260304100000",
    ...overrides,
  };
  p["hashcode"] = createHash("md5")
    .update(`${p["partner_id"]}${p["bus_id"]}${p["req_id"]}${p["timestamp"]}${a.md5Key}`)
    .digest("hex");
  return p;
}

export type Format = "xml" | "json";

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === "item" });

/** POSTs a form and parses the answer (XML or JSON) into `{code, data?, error?}` with string leaves. */
export async function post(
  app: FastifyInstance,
  call: string,
  params: Record<string, string>,
  format: Format,
  commonParams: Record<string, string> = common(),
): Promise<{ code: number; data?: Record<string, unknown>; error?: { message: string; type: string }; raw: string }> {
  const res = await app.inject({
    method: "POST",
    url: `/movTicket/${call}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ ...commonParams, ...params, format }).toString(),
  });
  if (format === "json") {
    const body = res.json();
    return { ...body, code: Number(body.code), raw: res.body };
  }
  const doc = xml.parse(res.body).response;
  const unwrap = (v: unknown): unknown => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (Object.keys(o).length === 1 && Array.isArray(o["item"])) return o["item"].map(unwrap);
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, unwrap(x)]));
    }
    return v;
  };
  return { code: Number(doc.code), data: unwrap(doc.data) as Record<string, unknown>, error: doc.error, raw: res.body };
}
