import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterEach, beforeEach } from "vitest";
import { demoAccounts } from "../../src/core/accounts.js";
import { createSimClock, type SimClock } from "../../src/core/clock.js";
import type { SimContext } from "../../src/core/context.js";
import type { Cinema, Dataset, Hall, Seat, Showtime } from "../../src/core/dataset-types.js";
import { FaultController } from "../../src/core/faults.js";
import { createVistaSimulator } from "../../src/vista/index.js";

/** 2026-03-01 10:00 China time. */
export const BASE = Date.UTC(2026, 2, 1, 2, 0, 0);
const H = 3600_000;

/**
 * Hall 1: 5 rows × 6 columns, row 1 nearest the screen, seats numbered right to left (as in the
 * document's 7排10座 / 7排9座 example). Row 5 (the back row, RowIndex 0) is the VIP area; row 1 has a
 * wheelchair seat at x=1 and a love-seat pair at x=5/6; seat (x=1, y=2) is broken.
 */
function hall(): Hall {
  const seats: Seat[] = [];
  for (let y = 1; y <= 5; y++) {
    for (let x = 1; x <= 6; x++) {
      const seat: Seat = { id: `r${y}c${x}`, rowLabel: String(y), colLabel: String(7 - x), x, y, type: "normal" };
      if (y === 5) seat.areaId = "vip";
      if (y === 1 && x === 1) seat.type = "wheelchair";
      if (y === 1 && x === 5) Object.assign(seat, { type: "loveLeft", pairSeatId: "r1c6" });
      if (y === 1 && x === 6) Object.assign(seat, { type: "loveRight", pairSeatId: "r1c5" });
      if (y === 2 && x === 1) seat.broken = true;
      seats.push(seat);
    }
  }
  return { id: "h1", name: "1号厅", type: "普通厅", rows: 5, cols: 6, seats, areas: [{ id: "vip", name: "VIP区" }] };
}

function cinema(id: string, vendor: Cinema["vendor"], internalCode: string, nationalCode: string): Cinema {
  return {
    id,
    vendor,
    internalCode,
    nationalCode,
    name: `${id} 影城`,
    address: "人民路1号",
    cityCode: "310100",
    phone: "021-12345678",
    lat: 31.2,
    lng: 121.4,
    halls: [hall()],
    refundBeforeMinutes: 60,
    shanghai: true,
  };
}

function showtime(id: string, cinemaId: string, startsAt: number, extra: Partial<Showtime> = {}): Showtime {
  return {
    id,
    cinemaId,
    hallId: "h1",
    filmId: "f1",
    startsAt,
    endsAt: startsAt + 2 * H,
    stopSellingMinutes: 15,
    language: "国语",
    version: "3D",
    listFen: 6000,
    settleFen: 3500,
    lowestFen: 3000,
    feeFen: 300,
    areaPrices: [{ areaId: "vip", settleFen: 4500 }],
    onSale: true,
    ...extra,
  };
}

export function tinyDataset(): Dataset {
  return {
    seed: 7,
    baseTime: BASE,
    cities: [{ code: "310100", name: "上海" }],
    cinemas: [
      cinema("c1", "vista", "0200", "31071201"),
      cinema("c2", "vista", "0300", "31071202"),
      cinema("c3", "ykse", "9999", "31079999"),
    ],
    films: [
      {
        id: "f1",
        nationalCode: "001200472015",
        title: "一万年以后",
        language: "国语",
        durationMinutes: 97,
        versions: ["3D"],
        director: "李An",
        cast: "甲, 乙",
        releaseDate: "2026-02-20",
      },
      {
        id: "f2",
        nationalCode: "001101852026",
        title: "重返20岁",
        language: "国语",
        durationMinutes: 120,
        versions: ["2D"],
        director: "陈",
        cast: "丙",
        releaseDate: "2026-02-01",
      },
    ],
    showtimes: [
      // index 0 → SessionId 10001: on sale, 3 h ahead
      showtime("s1", "c1", BASE + 3 * H),
      // 10002: starts in 10 min, stop-selling 15 min → closed
      showtime("s2", "c1", BASE + 10 * 60_000, { filmId: "f2", version: "2D" }),
      // 10003: cinema marked it sold out (包场)
      showtime("s3", "c1", BASE + 5 * H, { onSale: false }),
      // 10004: next day, other cinema
      showtime("s4", "c2", BASE + 24 * H),
      // 10005: ykse cinema, never served
      showtime("s5", "c3", BASE + 3 * H),
    ],
    cardGrades: [],
    cards: [],
    concessions: [],
  };
}

export interface Harness {
  app: FastifyInstance;
  ctx: SimContext;
  clock: SimClock;
  get(path: string, token?: string): Promise<LightMyRequestResponse>;
  post(path: string, body: unknown, token?: string): Promise<LightMyRequestResponse>;
}

export async function harness(): Promise<Harness> {
  const clock = createSimClock(BASE);
  const ctx: SimContext = { dataset: tinyDataset(), clock, faults: new FaultController(1), logger: false };
  const app = await createVistaSimulator(ctx);
  const token = demoAccounts.vista.token;
  return {
    app,
    ctx,
    clock,
    get: (path, t = token) => app.inject({ method: "GET", url: path, headers: { connectapitoken: t } }),
    post: (path, body, t = token) =>
      app.inject({
        method: "POST",
        url: path,
        headers: { connectapitoken: t, "content-type": "application/json" },
        payload: JSON.stringify(body),
      }),
  };
}

/**
 * A fresh simulator for every test of the file, started in its beforeEach and closed in its
 * afterEach; call it at the file's top level (its fields are there once beforeEach has run).
 */
export function harnessPerTest(): Harness {
  const h = {} as Harness;
  beforeEach(async () => {
    Object.assign(h, await harness());
  });
  afterEach(async () => {
    await h.app.close();
  });
  return h;
}

export const W = "/WSVistaWebClient";
export const CLIENT = {
  OptionalClientClass: "RSP",
  OptionalClientId: "111.111.111.111",
  OptionalClientName: "3rdParty",
};

/** An AddTickets body for channel tickets (0050, 3500 cents) in the default area. */
export function addTicketsBody(userSessionId: string, seats: [number, number][], extra: Record<string, unknown> = {}) {
  return {
    UserSessionId: userSessionId,
    CinemaId: "0200",
    SessionId: "10001",
    TicketTypes: [{ TicketTypeCode: "0050", Qty: seats.length, PriceInCents: 3500, BookingFeeOverride: null }],
    ReturnOrder: true,
    BookingFeeOverride: null,
    SelectedSeats: seats.map(([RowIndex, ColumnIndex]) => ({
      AreaCategoryCode: "0000000001",
      AreaNumber: 1,
      RowIndex,
      ColumnIndex,
    })),
    ...CLIENT,
    ...extra,
  };
}

export const PAYMENT = { CardNumber: "9999999999999999", CardType: "CreditCard", PaymentTenderCategory: "CreditCard" };

export function completeBody(userSessionId: string, cents: number) {
  return {
    UserSessionId: userSessionId,
    PaymentInfo: { ...PAYMENT, PaymentValueCents: cents },
    PerformPayment: false,
    CustomerPhone: "13800000000",
    CustomerEmail: "",
    CustomerName: "",
    ...CLIENT,
  };
}
