import type { Transaction } from "kysely";
import { publicSeatId, vendorSeatIdOf } from "../catalog/seat-ids.js";
import { readJson } from "../db/json-column.js";
import type { Database, OrderSeat } from "../db/schema.js";
import { DomainError } from "../domain/domain-error.js";
import { INITIAL_ORDER_STATUS } from "../domain/order-states.js";
import { cardForCinema, memberPricesFor, priceSeatsForCard } from "../members/card-prices.js";
import { pricingFor } from "../pricing/service.js";
import { newId } from "../security/ids.js";
import type { OrderDeps } from "./deps.js";
import { mixedConnector, priceGoods } from "./order-goods.js";
import { orderStepRun } from "./order-step.js";
import type { OrderRow } from "./order-store.js";
import { seatRuleRefusal, vendorRefusal } from "./refusals.js";
import { releaseHolds, takeHolds } from "./seat-holds.js";
import { checkSeatSelection } from "./seat-rules.js";
import { lockSeats, lockTtlMs } from "./steps/lock-seats.js";
import type { TradeContext } from "./trade-context.js";

export interface CreateOrderInput {
  channelId: string;
  channelCode: string;
  showtimeId: string;
  seatIds: string[];
  mobile: string;
  expectedTotalFen?: number;
  /** Concessions sold with the seats (a mixed order). */
  goods?: Array<{ goodsId: string; count: number }>;
  /** Prices the seats at this card's price (`priceKind: "member"`). */
  memberCard?: { cardRef: string };
}

/** Seats nobody else can buy now: our live holds plus what the vendor reports sold or locked. */
async function takenSeats(deps: OrderDeps, ctx: TradeContext, held: ReadonlySet<string>): Promise<Set<string>> {
  const taken = new Set(held);
  const live = await deps.liveSeatStatus?.(ctx);
  for (const [seatId, status] of Object.entries(live ?? {})) if (status !== "available") taken.add(seatId);
  return taken;
}

const seatsHeld = (vendorSeatIds: string[]) =>
  new DomainError("SEAT_UNAVAILABLE", "seat already held by another order", {
    seatIds: vendorSeatIds.map(publicSeatId),
  });

/**
 * POST /v1/orders: every rule is checked from our own store first (on sale, stop-selling time,
 * seat rules, price), then the seats are held in PostgreSQL together with a durable LOCKING order,
 * and only then is the vendor asked to lock. A crash after the hold leaves a LOCKING order that
 * the sweeper clears; a vendor refusal releases the hold at once.
 */
export async function createOrder(
  deps: OrderDeps,
  input: CreateOrderInput,
  /** Called inside the transaction that holds the seats (the idempotency claim notes the order). */
  onHeld?: (trx: Transaction<Database>, orderId: string) => Promise<void>,
): Promise<OrderRow> {
  const now = deps.clock.now();
  const ctx = await deps.createReads.sellable(input.channelId, input.showtimeId);
  if (!ctx) throw new DomainError("NOT_FOUND", `showtime ${input.showtimeId} not found`);
  if (!ctx.showtime.on_sale || ctx.showtime.stop_selling_at.getTime() <= now) {
    throw new DomainError("SHOWTIME_CLOSED", "the showtime is not on sale or past its stop-selling time");
  }
  if (!ctx.layout)
    throw new DomainError("VENDOR_UNAVAILABLE", "the hall's seat layout is not synced yet; retry shortly");
  // Without the showtime's area seats a seat in a priced area would be sold and declared at the plain price.
  if (ctx.areasError) {
    throw new DomainError("VENDOR_UNAVAILABLE", `the showtime's area seats are unavailable: ${ctx.areasError.message}`);
  }

  const vendorSeatIds = input.seatIds.map((id) => vendorSeatIdOf(id));
  const bad = input.seatIds.filter((_, i) => vendorSeatIds[i] === undefined);
  if (bad.length) {
    throw new DomainError("VALIDATION_FAILED", "unknown seat ids", {
      errors: bad.map((id) => ({ path: "/seatIds", message: `${id}: not a seat id` })),
    });
  }
  const ids = vendorSeatIds as string[];
  const caps = ctx.connector.capabilities;
  const forbidSingleGap = ctx.forbidSingleGap;
  const held = await deps.createReads.held(input.showtimeId);
  const taken = forbidSingleGap ? await takenSeats(deps, ctx, held) : undefined;
  const violation = checkSeatSelection(ctx.layout, ids, { maxSeats: caps.maxSeatsPerOrder, forbidSingleGap, taken });
  if (violation) throw seatRuleRefusal(violation, publicSeatId);
  // Most losers of a contested seat are answered here, without a write transaction; the hold's
  // primary key below still decides every race this shared read did not see.
  const alreadyHeld = ids.filter((id) => held.has(id));
  if (alreadyHeld.length) throw seatsHeld(alreadyHeld);

  // A member card prices the seats at the card's price; otherwise the channel's price now (pricing
  // rules), snapshotted into the order, with the declared price untouched. Goods are priced from the
  // cinema's menu now. Either refusal comes before anything is held.
  const card = input.memberCard
    ? await cardForCinema(deps.db, input.channelId, input.memberCard.cardRef, ctx.cinemaId)
    : undefined;
  if (card) mixedConnector(ctx, "member-card orders");
  const seats = card
    ? priceSeatsForCard(priceSeats(ctx, ids), await memberPricesFor(ctx, card.cardNo))
    : await pricingFor(deps.db, deps.clock).priceOrderSeats(input.channelCode, input.showtimeId, priceSeats(ctx, ids));
  const goods = await priceGoods(ctx, input.goods ?? []);
  const goodsFen = goods.reduce((s, g) => s + g.saleFen * g.count, 0);
  const totalFen = seats.reduce((s, x) => s + x.saleFen, 0) + goodsFen;
  if (input.expectedTotalFen !== undefined && input.expectedTotalFen !== totalFen) {
    throw new DomainError("PRICE_CHANGED", `the total is now ${totalFen} fen, not ${input.expectedTotalFen}`, {
      totalFen,
    });
  }

  const orderId = newId("ord");
  const ttl = lockTtlMs(ctx);
  const settleTotal = seats.reduce((s, x) => s + x.settleFen + x.vendorFeeFen, 0) + goodsFen;
  const order = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("orders")
      .values({
        id: orderId,
        channel_id: input.channelId,
        cinema_id: ctx.cinemaId,
        showtime_id: input.showtimeId,
        status: INITIAL_ORDER_STATUS,
        mobile: input.mobile,
        seats: JSON.stringify(seats),
        total_fen: totalFen,
        settle_total_fen: settleTotal,
        goods: JSON.stringify(goods),
        price_kind: card ? "member" : "standard",
        member_card: card ? JSON.stringify({ cardRef: input.memberCard!.cardRef, cardNo: card.cardNo }) : null,
        // ykse keeps separate refund / reversal calls for mixed orders (§5.12, §5.14): say which to use.
        ...(goods.length ? { vendor_data: JSON.stringify({ ykseKind: "mix" }) } : {}),
        created_at: new Date(now),
        updated_at: new Date(now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const hold = await takeHolds(trx, {
      showtimeId: input.showtimeId,
      vendorSeatIds: ids,
      orderId,
      expiresAt: new Date(now + ttl),
      now: new Date(now),
    });
    // Throwing rolls back the order row too: a refused hold leaves nothing behind.
    if (!hold.ok) throw seatsHeld(hold.taken);
    await onHeld?.(trx, orderId);
    await deps.orders.event(
      trx,
      orderId,
      "hold.taken",
      `channel:${input.channelCode}`,
      { seats: ids.length },
      null,
      INITIAL_ORDER_STATUS,
    );
    return row;
  });

  const lockRun = orderStepRun(deps, order, ctx, `channel:${input.channelCode}`, { step: lockSeats.name, undo: false });
  const lock = await lockSeats.invoke(lockRun);

  if (lock.kind === "refused") {
    await deps.db.transaction().execute(async (trx) => {
      await deps.orders.transition(
        orderId,
        {
          from: "LOCKING",
          to: "LOCK_FAILED",
          actor: "workflow",
          event: lock.facts.event,
          set: lock.facts.set,
          detail: { ...lock.facts.error },
        },
        trx,
      );
      await releaseHolds(trx, orderId);
    });
    throw vendorRefusal(lock.facts.error, { seatIds: input.seatIds });
  }

  const locked = await deps.db.transaction().execute(async (trx) => {
    const row = await deps.orders.transition(
      orderId,
      {
        from: "LOCKING",
        to: "LOCKED",
        actor: "workflow",
        event: lock.facts.event,
        set: lock.facts.set,
      },
      trx,
    );
    await trx
      .updateTable("seat_holds")
      .set({ expires_at: lock.facts.set.locked_until })
      .where("order_id", "=", orderId)
      .execute();
    return row;
  });
  if (!locked) throw new Error(`order ${orderId} left LOCKING while its lock was being taken`);
  deps.orders.notify(locked);
  return locked;
}

/** Per-seat prices from the synced showtime: the area's price inside a priced area, else the showtime's. */
function priceSeats(ctx: TradeContext, vendorSeatIds: string[]): OrderSeat[] {
  const areas = readJson<Array<{ areaId: string; saleFen: number; settleFen: number }>>(ctx.showtime.area_prices);
  const byId = new Map(ctx.layout!.seats.map((s) => [s.vendorSeatId, s]));
  return vendorSeatIds.map((id) => {
    const seat = byId.get(id)!;
    const area = seat.areaId ? areas.find((a) => a.areaId === seat.areaId) : undefined;
    return {
      seatId: publicSeatId(id),
      vendorSeatId: id,
      row: seat.rowLabel,
      col: seat.colLabel,
      ...(seat.areaId ? { areaId: seat.areaId } : {}),
      saleFen: area?.saleFen ?? ctx.showtime.sale_fen,
      serviceFeeFen: ctx.showtime.service_fee_fen,
      settleFen: area?.settleFen ?? ctx.showtime.settle_fen,
      vendorFeeFen: ctx.showtime.vendor_fee_fen,
    };
  });
}
