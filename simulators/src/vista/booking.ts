import type { FastifyInstance } from "fastify";
import type { SimContext } from "../core/context.js";
import { runWithFaults } from "../core/fault-http.js";
import type { Catalog } from "./catalog.js";
import { failure, restFaultRenderer, VistaCode } from "./codes.js";
import { type Booking, bookingFeeCents, totalValueCents, type VistaState } from "./state.js";
import { shortLocal, wcfDate } from "./wire.js";

/** RestBooking.svc: GetSingleBooking (§3.11) and RefundBooking (§3.12). */

export const BOOKING_BASE = "/WSVistaWebClient/RestBooking.svc";

type Body = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : undefined;

function maskCard(card: string): string {
  if (card.length <= 10) return card;
  return `${card.slice(0, 6)}..${card.slice(-4)}`;
}

/** Finds a booking by BookingId or a non-zero BookingNumber, within the cinema. */
export function findBooking(state: VistaState, b: Body): Booking | "invalid" | undefined {
  const cinemaId = str(b["CinemaId"]);
  const bookingId = str(b["BookingId"]);
  const numberRaw = b["BookingNumber"];
  const number = typeof numberRaw === "number" ? numberRaw : typeof numberRaw === "string" ? Number(numberRaw) : 0;
  if (!cinemaId || (!bookingId && !(number > 0))) return "invalid";
  const booking = bookingId ? state.bookingsById.get(bookingId.toUpperCase()) : state.bookingsByNumber.get(number);
  if (!booking || booking.order.cinema.internalCode !== cinemaId) return undefined;
  if (bookingId && number > 0 && booking.bookingNumber !== number) return undefined;
  return booking;
}

function bookingJson(booking: Booking): Record<string, unknown> {
  const order = booking.order;
  const collected = booking.collected ? "1" : "0";
  const refunded = booking.refunded ? "1" : "0";
  return {
    BookingDate: wcfDate(booking.bookedAt),
    BookingId: booking.bookingId,
    BookingNumber: booking.bookingNumber,
    BookingRef: `${order.cinema.name}-${booking.bookingNumber}, ${shortLocal(booking.bookedAt)}`,
    CancelledStatus: refunded,
    CinemaId: order.cinema.internalCode,
    CinemaName: order.cinema.name,
    ClientId: order.clientId,
    Email: order.customer?.email ?? "",
    MaskedBookingCardNumber: maskCard(order.payment?.CardNumber ?? ""),
    Payments: order.payment ? [{ ...order.payment }] : [],
    Phone: order.customer?.phone ?? "",
    PickupName: order.customer?.name ?? "",
    Tickets: order.lines.map((line, i) => ({
      AreaCategoryCode: line.seat.area.areaCategoryCode,
      CollectedStatus: collected,
      Description: line.ticketType.Description,
      DescriptionAlt: "",
      MovieName: line.session.film.title,
      MovieNameAlt: "",
      PriceInCents: line.priceCents,
      RefundedStatus: refunded,
      SeatNumber: line.seat.seat.colLabel,
      SeatRowId: line.seat.seat.rowLabel,
      SessionDateTime: wcfDate(line.session.showtime.startsAt),
      SessionId: Number(line.session.sessionId),
      TicketSequenceNumber: i + 1,
      TicketTypeCode: line.ticketType.TicketTypeCode,
    })),
    TotalBookingFeeValueCents: bookingFeeCents(order),
    TotalValueCents: totalValueCents(order),
    UserSessionId: order.userSessionId,
    VistaTransactionId: booking.transNumber,
  };
}

export function registerBooking(app: FastifyInstance, ctx: SimContext, _catalog: Catalog, state: VistaState) {
  const route = (path: string, call: string, handler: (body: Body) => unknown) => {
    app.post(`${BOOKING_BASE}${path}`, async (req, reply) =>
      runWithFaults(ctx.faults, call, reply, restFaultRenderer(call), () => {
        state.tick();
        const body = (req.body && typeof req.body === "object" ? req.body : {}) as Body;
        return handler(body);
      }),
    );
  };

  route("/booking", "GetSingleBooking", (b) => {
    const found = findBooking(state, b);
    if (found === "invalid") {
      return {
        Booking: null,
        ...failure(
          "GetSingleBooking",
          VistaCode.InvalidRequestData,
          "CinemaId and BookingId or BookingNumber are required",
        ),
      };
    }
    if (!found)
      return { Booking: null, ...failure("GetSingleBooking", VistaCode.BookingDoesNotExist, "Booking does not exist") };
    return { Booking: bookingJson(found), ErrorDescription: null, ResultCode: VistaCode.OK };
  });

  route("/booking/refund", "RefundBooking", (b) => {
    const fail = (code: number, msg: string) => failure("RefundBooking", code, msg);
    const found = findBooking(state, b);
    if (found === "invalid")
      return fail(VistaCode.InvalidRequestData, "CinemaId and BookingId or BookingNumber are required");
    if (!found) return fail(VistaCode.BookingDoesNotExist, "Booking does not exist");
    const booking = found;
    const order = booking.order;
    if (booking.refunded) return fail(VistaCode.OrderHasBeenRefunded, "The order has been refunded");
    if (b["MarkAsRefundedOnly"] !== true) {
      return fail(
        VistaCode.RefundBookingFailed,
        "Refunding of booking failed: the booking was paid externally, so third parties must pass MarkAsRefundedOnly=true",
      );
    }
    if (booking.collected) {
      return fail(
        VistaCode.RefundBookingFailed,
        "Refunding of booking failed: the tickets have been printed; refund at the cinema",
      );
    }
    const now = ctx.clock.now();
    const firstShow = Math.min(...order.lines.map((l) => l.session.showtime.startsAt));
    if (now > firstShow - order.cinema.refundBeforeMinutes * 60_000) {
      return fail(
        VistaCode.RefundBookingFailed,
        "Refunding of booking failed: the refund deadline for this session has passed",
      );
    }
    const amount = b["RefundAmount"];
    const refundFee = b["RefundBookingFee"];
    if (typeof amount !== "number" || !Number.isInteger(amount) || typeof refundFee !== "boolean") {
      return fail(VistaCode.InvalidRequestData, "RefundAmount (cents) and RefundBookingFee are required");
    }
    const total = totalValueCents(order);
    const expected = refundFee ? total : total - bookingFeeCents(order);
    if (amount !== expected) {
      return fail(
        VistaCode.InvalidRequestData,
        `RefundAmount ${amount} must be ${expected} (order total ${total}${refundFee ? "" : " less the booking fee"})`,
      );
    }
    const p = b["PaymentInfo"] as Body | undefined;
    const paid = order.payment;
    if (
      !p ||
      typeof p !== "object" ||
      !paid ||
      p["PaymentValueCents"] !== paid.PaymentValueCents ||
      (str(p["CardNumber"]) ?? "") !== paid.CardNumber ||
      (str(p["CardType"]) ?? "") !== paid.CardType ||
      (str(p["PaymentTenderCategory"]) ?? "") !== paid.PaymentTenderCategory
    ) {
      return fail(VistaCode.InvalidRequestData, "PaymentInfo must repeat the CompleteOrder payment exactly");
    }
    booking.refunded = true;
    booking.refundedAt = now;
    booking.refundReason = str(b["RefundReason"]) ?? "";
    state.releaseBooked(order);
    return { ErrorDescription: null, ResultCode: VistaCode.OK };
  });
}
