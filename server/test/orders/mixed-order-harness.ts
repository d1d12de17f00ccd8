import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { issueCardRef } from "../../src/members/card-refs.js";
import { RingCallRecorder } from "../../src/vendors/call-recorder.js";
import { createYkseConnector } from "../../src/vendors/ykse/index.js";
import { type Json, newKey, type OrderWorld } from "./harness.js";

/** The ykse cinema of an order world as the data set knows it (its cards, its goods). */
export async function ykseCinemaOf(w: OrderWorld) {
  const row = await w.t.db
    .selectFrom("cinemas")
    .select("vendor_cinema_id")
    .where("id", "=", w.cinemaId)
    .executeTakeFirstOrThrow();
  return w.sims.dataset.cinemas.find((c) => c.vendor === "ykse" && c.internalCode === row.vendor_cinema_id)!;
}

/** A card of the world's cinema (k = 0 is the demo card: password 123456, 500.00 yuan) and the demo channel's cardRef for it. */
export async function cardOf(w: OrderWorld, k = 0) {
  const cinema = await ykseCinemaOf(w);
  const card = w.sims.dataset.cards.filter((c) => c.cinemaId === cinema.id)[k]!;
  const channel = await w.t.db.selectFrom("channels").select("id").where("code", "=", "demo").executeTakeFirstOrThrow();
  const cardRef = await issueCardRef(w.t.db, channel.id, { cinemaId: w.cinemaId, cardNo: card.cardNo });
  return { ...card, cardRef, vendorCinemaId: cinema.internalCode };
}

/** The card's balance as the vendor (the ykse simulator) reports it, asked over HTTP with our own client. */
export async function balanceAtVendor(
  w: OrderWorld,
  card: { cardNo: string; password: string; vendorCinemaId: string },
) {
  const connector = createYkseConnector({
    baseUrl: w.sims.urls.ykse,
    accountId: "test-balance",
    credentials: demoAccounts.ykse,
    clock: { now: () => w.sims.clocks.ykse.now() },
    recorder: new RingCallRecorder(),
    timeoutMs: 5_000,
  });
  try {
    const res = await connector.members.balance({ vendorCinemaId: card.vendorCinemaId }, card.cardNo, card.password);
    if (!res.ok) throw new Error(`queryBalance: ${res.error.message}`);
    return res.value.balanceFen!;
  } finally {
    await connector.close();
  }
}

/** The cinema's first goods item as the channel's goods list shows it (`id`, `name`, `saleFen`). */
export async function firstGoods(w: OrderWorld): Promise<{ id: string; name: string; saleFen: number }> {
  const res = await w.api.get<Json>(`/v1/cinemas/${w.cinemaId}/goods`);
  if (res.status !== 200) throw new Error(`goods list: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items[0];
}

export async function confirmSplit(w: OrderWorld, order: Json, payments: Json[], key = newKey()) {
  return w.api.post<Json>(`/v1/orders/${order.id}/confirm`, { payments }, { "idempotency-key": key });
}

/** Every vendor call recorded with the order, as one text (masked records, as stored). */
export async function vendorCallsText(w: OrderWorld, orderId: string): Promise<string> {
  const calls = await w.t.db
    .selectFrom("order_vendor_calls")
    .select("record")
    .where("order_id", "=", orderId)
    .execute();
  return JSON.stringify(calls);
}
