import { type Fen, fenToYuan } from "../../domain/money.js";
import type { TradeSeat } from "../../domain/trade.js";
import type { YkseScheduleData } from "./mapping.js";

/**
 * The price rules checked BEFORE any ykse call, so a price the vendor would refuse never leaves
 * Cinegate (doc 002 §5.3 note 3, note 4 and the ticketList description):
 *
 * 1. a seat in a priced area (分区) is declared at its area settle price;
 * 2. otherwise, when the schedule has a settlePrice, at that settlePrice;
 * 3. otherwise at any negotiated price ≥ lowestPrice.
 *    Member-card / benefit-card discounted tickets declare the discounted price, ≥ lowestPrice.
 * Always: price > 0; the fee is the schedule's ticketFee (per ticket, or once per order when
 * feeType is "order"); Shanghai cinemas: fee ≤ 12 yuan and ≤ 20 % of the ticket price.
 */
export const SHANGHAI_FEE_CAP_FEN = 1200;

export interface PricedSeat extends TradeSeat {
  /** The ticket uses a member-card or benefit-card discount (isCardDiscount / isBenefit). */
  discounted?: boolean;
}

/** What the vendor requires us to declare for this seat, or undefined when the price is negotiated. */
export function requiredSettleFen(schedule: YkseScheduleData, areaId: string | undefined): Fen | undefined {
  if (areaId !== undefined && schedule.areaSettleFen[areaId] !== undefined) return schedule.areaSettleFen[areaId];
  return schedule.settleFen;
}

/** Returns a clear message for the first rule broken, or undefined when every seat is fine. */
export function checkTicketPrices(
  schedule: YkseScheduleData,
  seats: readonly PricedSeat[],
  opts: { shanghai?: boolean; benefit?: boolean } = {},
): string | undefined {
  const y = (f: Fen) => `${fenToYuan(f)} 元`;
  for (const seat of seats) {
    const where = `seat ${seat.rowLabel}排${seat.colLabel}座 (${seat.vendorSeatId})`;
    const price = seat.settleFen;
    if (!Number.isSafeInteger(price) || price <= 0) return `${where}: ticket price must be above zero`;
    const inArea = seat.areaId !== undefined && schedule.areaSettleFen[seat.areaId] !== undefined;
    if (opts.benefit && inArea) {
      return `${where}: seats in a priced area (${seat.areaId}) cannot use a benefit card (§5.3 note 7)`;
    }
    const required = requiredSettleFen(schedule, seat.areaId);
    if (seat.discounted || opts.benefit || required === undefined) {
      if (schedule.lowestFen !== undefined && price < schedule.lowestFen) {
        return `${where}: declared ${y(price)} is below the schedule's lowest price ${y(schedule.lowestFen)}`;
      }
    } else if (price !== required) {
      const which = inArea ? `area "${seat.areaId}" settle price` : "schedule settle price";
      return `${where}: declared ${y(price)} but the ${which} is ${y(required)} (§5.3 note 3)`;
    }
  }
  const fees = seats.map((s) => s.serviceFeeFen);
  if (fees.some((f) => !Number.isSafeInteger(f) || f < 0)) return "ticket fee must be a non-negative amount";
  if (schedule.feeType === "ticket") {
    const wrong = seats.find((s) => s.serviceFeeFen !== schedule.ticketFeeFen);
    if (wrong) {
      return `seat ${wrong.vendorSeatId}: ticket fee ${y(wrong.serviceFeeFen)} differs from the schedule's ticketFee ${y(schedule.ticketFeeFen)}`;
    }
  } else {
    const total = fees.reduce((a, b) => a + b, 0);
    if (total !== schedule.ticketFeeFen) {
      return `order fee ${y(total)} differs from the schedule's per-order ticketFee ${y(schedule.ticketFeeFen)}`;
    }
  }
  if (opts.shanghai) {
    for (const seat of seats) {
      if (seat.serviceFeeFen > SHANGHAI_FEE_CAP_FEN) {
        return `Shanghai cinema: ticket fee ${y(seat.serviceFeeFen)} exceeds 12.00 元 (§5.3 note 4)`;
      }
      if (seat.serviceFeeFen * 5 > seat.settleFen) {
        return `Shanghai cinema: ticket fee ${y(seat.serviceFeeFen)} exceeds 20% of the ticket price ${y(seat.settleFen)} (§5.3 note 4)`;
      }
    }
  }
  return undefined;
}

/**
 * How an order-level fee (feeType "order") is spread over the tickets of one order: all of it on
 * the first ticket, zero on the rest. The document gives no rule; this keeps the sum exact.
 */
export function spreadFees(schedule: YkseScheduleData, count: number): Fen[] {
  if (schedule.feeType === "ticket") return Array.from({ length: count }, () => schedule.ticketFeeFen);
  return Array.from({ length: count }, (_, i) => (i === 0 ? schedule.ticketFeeFen : 0));
}
