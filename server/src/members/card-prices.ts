import type { Db } from "../db/database.js";
import { readJson } from "../db/json-column.js";
import type { OrderSeat } from "../db/schema.js";
import { DomainError } from "../domain/domain-error.js";
import type { VendorError } from "../domain/errors.js";
import type { Fen } from "../domain/money.js";
import type { TradeContext } from "../orders/trade-context.js";
import type { CinemaConnector } from "../vendors/connector.js";
import type { MemberCardsConnector } from "../vendors/member-cards.js";
import { type CardRefTarget, resolveCardRef } from "./card-refs.js";

/** What one card pays per seat of a showtime (API.md `GET /v1/showtimes/{id}/member-prices`). */
export interface MemberPrices {
  /** One entry for the seats outside priced areas (no areaId), one per priced area. */
  areas: Array<{ areaId?: string; cardPriceFen: Fen; serviceFeeFen: Fen }>;
  /** Discount tickets this card may still buy for the showtime; absent when the vendor sets no limit. */
  discountTicketsLeft?: number;
}

/** ykse §7.9 / §7.10: `maxDiscountTickets` defaults to 9999, which means "no limit". */
const NO_LIMIT = 9999;

export const hasMemberCards = (c: CinemaConnector): c is CinemaConnector & { members: MemberCardsConnector } =>
  c.capabilities.memberCards && "members" in c;

/** The 409 for a cinema whose connector does not sell what was asked for (API.md: no pretend support). */
export function notSupported(what: string, vendor: string): DomainError {
  return new DomainError("CONFLICT", `${vendor} cinemas do not support ${what} through the channel API`, {
    reason: "not_supported",
  });
}

/** The card a channel's `cardRef` names, checked to belong to the cinema it is used at. */
export async function cardForCinema(
  db: Db,
  channelId: string,
  cardRef: string,
  cinemaId: string,
): Promise<CardRefTarget> {
  const card = await resolveCardRef(db, channelId, cardRef);
  if (!card) throw new DomainError("MEMBER_CARD_INVALID", "unknown cardRef", { reason: "unknown" });
  if (card.cinemaId !== cinemaId) {
    throw new DomainError("MEMBER_CARD_INVALID", "the card belongs to another cinema", { reason: "other_cinema" });
  }
  return card;
}

/** A vendor's refusal of a card call in API.md's card vocabulary. */
export function cardRefusal(error: VendorError): DomainError {
  if (error.code === "not_found") return new DomainError("MEMBER_CARD_INVALID", error.message, { reason: "unknown" });
  if (error.vendorCode === "CARD_PASSWORD_ERROR") return new DomainError("MEMBER_CARD_PASSWORD_WRONG", error.message);
  if (error.vendorCode === "CARD_NOT_USE_ERROR") {
    return new DomainError("MEMBER_CARD_INVALID", error.message, { reason: "not_usable" });
  }
  if (error.code === "rate_limited") return new DomainError("RATE_LIMITED", error.message);
  return new DomainError("VENDOR_UNAVAILABLE", error.message);
}

/**
 * The card's price for each seat of the showtime, live from the vendor (ykse §7.10 queryPrice and
 * §7.9 getCardDiscountTickets). The vendor prices a card per schedule — so per hall type, through
 * the grade's hall discounts — and not per area: a seat in a priced area takes the same card price,
 * since a discounted ticket is floored only by the schedule's lowest price (§5.3 ticketList), which
 * is applied here as the document says ("低于最低票价请以最低票价为结算价"). Prices are yuan strings on
 * the wire; the connector turns them into fen. The service fee is the vendor's ticket fee, which the
 * vendor checks to the fen.
 */
export async function memberPricesFor(ctx: TradeContext, cardNo: string): Promise<MemberPrices> {
  const c = ctx.connector;
  if (!hasMemberCards(c)) throw notSupported("member-card prices", c.vendor);
  const show = {
    cinema: ctx.cinema,
    vendorShowtimeId: ctx.showtimeRef.vendorShowtimeId,
    versionKey: ctx.showtimeRef.versionKey,
  };
  const [priced, tickets] = await Promise.all([
    c.members.ticketPrices(show, cardNo),
    c.members.discountTickets(show, cardNo),
  ]);
  if (!priced.ok) throw cardRefusal(priced.error);
  if (!tickets.ok) throw cardRefusal(tickets.error);
  const price = priced.value.prices.find((p) => p.memberPrice) ?? priced.value.prices[0];
  if (!price)
    throw new DomainError("CONFLICT", "the vendor offers this card no price for the showtime", {
      reason: "no_card_price",
    });
  const cardPriceFen = Math.max(price.priceFen, ctx.showtime.lowest_fen);
  const serviceFeeFen = ctx.showtime.vendor_fee_fen;
  const areas = readJson<Array<{ areaId: string }>>(ctx.showtime.area_prices);
  const limits = [priced.value.maxDiscountTickets, tickets.value.maxDiscountTickets].filter(
    (n): n is number => n !== undefined && n < NO_LIMIT,
  );
  return {
    areas: [{ cardPriceFen, serviceFeeFen }, ...areas.map((a) => ({ areaId: a.areaId, cardPriceFen, serviceFeeFen }))],
    ...(limits.length ? { discountTicketsLeft: Math.min(...limits) } : {}),
  };
}

/**
 * Seats priced at the card's price (`priceKind: "member"`): the buyer pays card price + the vendor's
 * ticket fee, and exactly that is declared as a discount ticket (ykse isCardDiscount / totalDisTickets),
 * so the split payment's per-seat lists add up to what the buyer paid. More seats than the card's
 * discount tickets left for the showtime (§7.9) is refused before anything is held.
 */
export function priceSeatsForCard(seats: OrderSeat[], prices: MemberPrices): OrderSeat[] {
  if (prices.discountTicketsLeft !== undefined && seats.length > prices.discountTicketsLeft) {
    throw new DomainError(
      "CONFLICT",
      `the card may buy ${prices.discountTicketsLeft} more discount tickets for this showtime`,
      {
        reason: "discount_tickets_exhausted",
        discountTicketsLeft: prices.discountTicketsLeft,
      },
    );
  }
  const plain = prices.areas.find((a) => a.areaId === undefined)!;
  return seats.map((s) => {
    const p = prices.areas.find((a) => a.areaId !== undefined && a.areaId === s.areaId) ?? plain;
    return {
      ...s,
      saleFen: p.cardPriceFen + p.serviceFeeFen,
      serviceFeeFen: p.serviceFeeFen,
      settleFen: p.cardPriceFen,
      vendorFeeFen: p.serviceFeeFen,
      discount: "card" as const,
    };
  });
}
