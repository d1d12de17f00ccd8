import { afterAll, beforeAll } from "vitest";
import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { type Json, type OrderWorld, orderWorld } from "../orders/harness.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";

/** One demo card as the ykse simulator's control API lists it. */
export interface DemoCard {
  cinemaLinkId: string;
  cardNo: string;
  password: string;
  gradeId: string;
  status: string;
  balanceFen: number;
  points: number;
}

export interface CardWorld extends OrderWorld {
  /** The onboarded ykse cinema's vendor code. */
  cinemaCode: string;
  /** Its demo cards, and a card of another ykse cinema. */
  cards: DemoCard[];
  foreignCard: DemoCard;
  ykseAccountId: string;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  control(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  /** How many times the ykse simulator was called with `api` so far. */
  callCount(api: string): number;
  /** A card's balance at the simulator now. */
  balanceAt(cardNo: string): Promise<number>;
}

/** The orders harness' ykse world, plus the simulator's demo cards and admin/control helpers. */
export function cardWorld(): CardWorld {
  const w = {} as CardWorld;
  beforeAll(async () => {
    const world = await orderWorld("ykse", 23);
    const call =
      (base: string, headers: Record<string, string>) => async (method: string, path: string, body?: unknown) => {
        const res = await fetch(new URL(path, base), {
          method,
          headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : undefined };
      };
    const control = call(world.sims.urls.ykse, {});
    const cinema = await world.t.db
      .selectFrom("cinemas")
      .select(["vendor_cinema_id", "vendor_account_id"])
      .where("id", "=", world.cinemaId)
      .executeTakeFirstOrThrow();
    const all = (await control("GET", "/_control/member-cards")).body.items as DemoCard[];
    Object.assign(w, world, {
      cinemaCode: cinema.vendor_cinema_id,
      ykseAccountId: cinema.vendor_account_id,
      cards: all.filter((c) => c.cinemaLinkId === cinema.vendor_cinema_id),
      foreignCard: all.find((c) => c.cinemaLinkId !== cinema.vendor_cinema_id),
      admin: call(world.t.baseUrl, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }),
      control,
      callCount: (api: string) => world.sims.faults.ykse.callCounts.get(api) ?? 0,
      balanceAt: async (cardNo: string) =>
        ((await control("GET", "/_control/member-cards")).body.items as DemoCard[]).find((c) => c.cardNo === cardNo)
          ?.balanceFen ?? Number.NaN,
    });
  }, 120_000);
  afterAll(async () => {
    await w.close?.();
  });
  return w;
}

export { demoAccounts };
