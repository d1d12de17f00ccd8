import { gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { demoAccounts } from "../../src/core/accounts.js";
import { createSimClock } from "../../src/core/clock.js";
import type { SimContext } from "../../src/core/context.js";
import type { Dataset, Seat } from "../../src/core/dataset-types.js";
import { FaultController } from "../../src/core/faults.js";
import { createYkseSimulator } from "../../src/ykse/index.js";
import { signParams } from "../../src/ykse/signing.js";

/** 2026-03-10 10:00 China time. */
export const BASE = Date.parse("2026-03-10T02:00:00Z");
export const MIN = 60_000;

function hallSeats(): Seat[] {
  const seats: Seat[] = [];
  for (let y = 1; y <= 3; y++) {
    for (let x = 1; x <= 4; x++) {
      const seat: Seat = {
        id: `r${y}c${x}`,
        rowLabel: String(y),
        colLabel: String(x).padStart(2, "0"),
        x,
        y,
        type: "normal",
      };
      if (y === 1 && x === 4) seat.broken = true;
      if (y === 2 && x === 3) Object.assign(seat, { type: "loveLeft", pairSeatId: "r2c4" });
      if (y === 2 && x === 4) Object.assign(seat, { type: "loveRight", pairSeatId: "r2c3" });
      if (y === 3) seat.areaId = "gold";
      seats.push(seat);
    }
  }
  return seats;
}

export function tinyDataset(): Dataset {
  const hall = {
    id: "1",
    name: "1号厅",
    type: "普通厅",
    rows: 3,
    cols: 4,
    seats: hallSeats(),
    areas: [{ id: "gold", name: "黄金区" }],
  };
  const cinema = {
    id: "c1",
    vendor: "ykse" as const,
    internalCode: "681",
    nationalCode: "44012345",
    name: "测试影城",
    address: "广州",
    cityCode: "440100",
    phone: "020-1",
    lat: 0,
    lng: 0,
    halls: [hall],
    refundBeforeMinutes: 60,
    shanghai: false,
  };
  const other = { ...cinema, id: "c2", vendor: "vista" as const, internalCode: "0001", name: "Vista 影城" };
  const show = (id: string, startsAt: number, areas: boolean) => ({
    id,
    cinemaId: "c1",
    hallId: "1",
    filmId: "f1",
    startsAt,
    endsAt: startsAt + 120 * MIN,
    stopSellingMinutes: 10,
    language: "国语",
    version: "3D",
    listFen: 5000,
    settleFen: 3000,
    lowestFen: 2500,
    feeFen: 200,
    areaPrices: areas ? [{ areaId: "gold", settleFen: 4000 }] : [],
    onSale: true,
  });
  return {
    seed: 7,
    baseTime: BASE,
    cities: [{ code: "440100", name: "广州" }],
    cinemas: [cinema, other],
    films: [
      {
        id: "f1",
        nationalCode: "001101852026",
        title: "测试电影",
        language: "国语",
        durationMinutes: 120,
        versions: ["3D"],
        director: "导演",
        cast: "演员",
        releaseDate: "2026-03-01",
      },
    ],
    showtimes: [show("9001", BASE + 180 * MIN, true), show("9002", BASE + 20 * MIN, false)],
    cardGrades: [{ id: "g1", cinemaId: "c1", name: "金卡", discount: 0.8, minRechargeFen: 10000 }],
    cards: [
      {
        cardNo: "6810000001",
        cinemaId: "c1",
        gradeId: "g1",
        password: "123456",
        balanceFen: 20000,
        mobile: "13800000000",
      },
    ],
    concessions: [{ id: "k1", cinemaId: "c1", name: "爆米花", priceFen: 2000, settleFen: 1500 }],
  };
}

export interface Sim {
  app: FastifyInstance;
  ctx: SimContext;
  call: (api: string, data?: Record<string, unknown>, opts?: CallOpts) => Promise<Envelope>;
}

export interface CallOpts {
  timestamp?: number;
  channelCode?: string;
  secret?: string;
  tamper?: boolean;
}

export interface Envelope {
  api: string;
  v: string;
  retCode: string;
  retMsg: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests walk arbitrary vendor JSON
  data?: { bizCode: string; bizMsg: string; data?: any; dataList?: any[] };
}

export function signedQuery(api: string, data: Record<string, unknown> | undefined, opts: CallOpts, now: number) {
  const params: Record<string, string> = {
    api,
    v: "1.0",
    channelCode: opts.channelCode ?? demoAccounts.ykse.channelCode,
    timestamp: String(opts.timestamp ?? now),
  };
  if (data) params.data = JSON.stringify(data);
  params.sign = signParams(params, opts.secret ?? demoAccounts.ykse.secret);
  if (opts.tamper && params.data) params.data = params.data.replace("}", ',"x":"1"}');
  return params;
}

export async function makeSim(): Promise<Sim> {
  const ctx: SimContext = { dataset: tinyDataset(), clock: createSimClock(BASE), faults: new FaultController(1) };
  const app = await createYkseSimulator(ctx);
  const call = async (api: string, data?: Record<string, unknown>, opts: CallOpts = {}) => {
    const query = signedQuery(api, data, opts, ctx.clock.now());
    const res = await app.inject({ method: "GET", url: "/route", query });
    return res.json() as Envelope;
  };
  return { app, ctx, call };
}

export const seat = (row: number, col: number) => `0000000000000001-${row}-${String(col).padStart(2, "0")}`;

export async function keyOf(sim: Sim, scheduleId: string): Promise<string> {
  const res = await sim.call("ykse.partner.schedule.getSchedules", { cinemaLinkId: "681" });
  return res.data?.dataList?.find((s) => s.scheduleId === scheduleId)?.scheduleKey;
}

let lockSeq = 0;
export async function lock(sim: Sim, scheduleId: string, seats: string[]): Promise<Envelope> {
  lockSeq += 1;
  return sim.call("ykse.partner.seat.lockSeats", {
    cinemaLinkId: "681",
    scheduleId,
    scheduleKey: await keyOf(sim, scheduleId),
    outLockId: `${Date.now()}${lockSeq}`.slice(-20),
    seatIdList: seats,
  });
}

export async function confirmBody(sim: Sim, lockOrderId: string, scheduleId: string, seats: string[], price = "30.00") {
  return {
    cinemaLinkId: "681",
    lockOrderId,
    scheduleId,
    scheduleKey: await keyOf(sim, scheduleId),
    ticketList: seats.map((seatId) => ({ seatId, ticketPrice: price, ticketFee: "2.00" })),
    mobile: "13800138000",
  };
}

export function gunzipJson(body: Buffer): unknown {
  return JSON.parse(gunzipSync(body).toString("utf8"));
}
