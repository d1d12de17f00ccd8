import { ok, type Result } from "../../domain/errors.js";
import { codeError, numberField, stringField, type VistaClient } from "./client.js";

/**
 * RestTicketing.svc wire calls (§3.5–§3.10), each: build body → commit → parse → success/error.
 * The order flow that strings them together lives in trade.ts; the §2.2 timetable in recovery.ts.
 */

type Json = Record<string, unknown>;
const BASE = "/RestTicketing.svc";

// --- §3.5 AddTickets ---------------------------------------------------------------------------------

export interface AddTicketsBody {
  UserSessionId: string;
  CinemaId: string;
  SessionId: string;
  TicketTypes: Array<{ TicketTypeCode: string; Qty: number; PriceInCents: number; BookingFeeOverride: number | null }>;
  ReturnOrder: true;
  BookingFeeOverride: null;
  SelectedSeats: Array<{ AreaCategoryCode: string; AreaNumber: number; RowIndex: number; ColumnIndex: number }>;
}

export interface AddedOrder {
  totalValueCents?: number;
  bookingFeeCents?: number;
}

export function addTickets(client: VistaClient, body: AddTicketsBody): Promise<Result<AddedOrder>> {
  return client.call(
    {
      call: "AddTickets",
      method: "POST",
      path: `${BASE}/order/tickets`,
      body: { ...body, ...client.clientFields },
      resultField: "Result",
      sideEffect: true,
    },
    (a) => {
      if (a.code === 0) {
        const order = (a.json["Order"] as Json | null) ?? undefined;
        const total = numberField(order?.["TotalValueCents"]);
        const fee = numberField(order?.["BookingFeeValueCents"]);
        return ok({
          ...(total !== undefined ? { totalValueCents: total } : {}),
          ...(fee !== undefined ? { bookingFeeCents: fee } : {}),
        });
      }
      // §3.5 补充说明 2: Result 4 "…ticket price overrides are not allowed. Either provide the correct price…"
      if (a.code === 4 && /price/i.test(a.description)) return codeError(4, a.description, "price_rejected");
      return codeError(a.code ?? -1, a.description);
    },
  );
}

// --- §3.6 GetOrder -----------------------------------------------------------------------------------

export interface OrderInfo {
  /**
   * Set: "AddTickets done, CompleteOrder not called" (the order is open). Null: CompleteOrder was
   * called (whatever its outcome) — or the order is gone.
   */
  cinemaId: string | null;
  sessionIds: string[];
  totalOrderCount: number;
  totalValueCents: number;
  bookingFeeCents: number;
}

export function getOrder(client: VistaClient, userSessionId: string): Promise<Result<OrderInfo>> {
  return client.call(
    {
      call: "GetOrder",
      method: "POST",
      path: `${BASE}/order`,
      body: { UserSessionId: userSessionId, ...client.clientFields },
      resultField: "Result",
      idempotent: true,
    },
    (a) => {
      if (a.code !== 0) return codeError(a.code ?? -1, a.description);
      const order = (a.json["Order"] as Json | null) ?? {};
      const sessions = Array.isArray(order["Sessions"]) ? (order["Sessions"] as Json[]) : [];
      return ok({
        cinemaId: stringField(order["CinemaId"] ?? order["CinemaID"]) ?? null,
        sessionIds: sessions.map((s) => String(s["SessionId"])),
        totalOrderCount: numberField(order["TotalOrderCount"]) ?? 0,
        totalValueCents: numberField(order["TotalValueCents"]) ?? 0,
        bookingFeeCents: numberField(order["BookingFeeValueCents"]) ?? 0,
      });
    },
  );
}

// --- §3.7 CancelOrder ----------------------------------------------------------------------------------

/** "cancelled": seats released (or already cancelled, 49); "gone": VISTA knows no such order (62). */
export function cancelOrder(client: VistaClient, userSessionId: string): Promise<Result<"cancelled" | "gone">> {
  return client.call(
    {
      call: "CancelOrder",
      method: "POST",
      path: `${BASE}/order/cancel`,
      body: { UserSessionId: userSessionId, ...client.clientFields },
      resultField: "Result",
      sideEffect: true,
    },
    (a) => {
      if (a.code === 0 || a.code === 49) return ok("cancelled" as const);
      if (a.code === 62) return ok("gone" as const);
      return codeError(a.code ?? -1, a.description);
    },
  );
}

// --- §3.8 StartExternalPayment ---------------------------------------------------------------------------

/** "already_paid": 56 PaymentsProcessed — CompleteOrder was already accepted for this order. */
export function startExternalPayment(
  client: VistaClient,
  userSessionId: string,
): Promise<Result<"started" | "already_paid">> {
  return client.call(
    {
      call: "StartExternalPayment",
      method: "POST",
      path: `${BASE}/order/startexternalpayment`,
      body: { UserSessionId: userSessionId, ...client.clientFields },
      resultField: "Result",
      sideEffect: true,
    },
    (a) => {
      if (a.code === 0) return ok("started" as const);
      if (a.code === 56) return ok("already_paid" as const);
      return codeError(a.code ?? -1, a.description);
    },
  );
}

// --- §3.9 CompleteOrder ------------------------------------------------------------------------------------

export interface PaymentInfo {
  CardNumber: string;
  CardType: string;
  PaymentValueCents: number;
  PaymentTenderCategory: string;
}

export interface Booked {
  bookingId: string;
  bookingNumber: string;
  transNumber?: string;
}

/**
 * Result 0 → booked. Any other Result is an answer too: §2.2 sends every CompleteOrder failure into
 * the GetOrder / QueryOrderBookingStatus flow, so it comes back as `{ code }` rather than an error.
 */
export function completeOrder(
  client: VistaClient,
  userSessionId: string,
  payment: PaymentInfo,
  customer: { phone: string; email: string; name: string },
  mask: readonly string[],
): Promise<Result<Booked | { code: number; description: string }>> {
  return client.call<Booked | { code: number; description: string }>(
    {
      call: "CompleteOrder",
      method: "POST",
      path: `${BASE}/order/payment`,
      body: {
        UserSessionId: userSessionId,
        PaymentInfo: payment,
        PerformPayment: false,
        CustomerPhone: customer.phone,
        CustomerEmail: customer.email,
        CustomerName: customer.name,
        ...client.clientFields,
      },
      resultField: "Result",
      sideEffect: true,
      mask,
    },
    (a) => {
      if (a.code !== 0) return ok({ code: a.code ?? -1, description: a.description });
      const bookingId = stringField(a.json["VistaBookingId"]);
      const bookingNumber = stringField(a.json["VistaBookingNumber"]);
      if (!bookingId || !bookingNumber) return ok({ code: 0, description: "Result 0 without booking id/number" });
      const trans = stringField(a.json["VistaTransNumber"]);
      return ok({ bookingId, bookingNumber, ...(trans ? { transNumber: trans } : {}) });
    },
  );
}

// --- §3.10 QueryOrderBookingStatus -----------------------------------------------------------------------

export type BookingStatus = { exists: true; bookingId: string; bookingNumber: string } | { exists: false };

/** 0 → the booking exists at the cinema; 47 → not (yet); 4 / 61 and others are errors. */
export function queryOrderBookingStatus(client: VistaClient, userSessionId: string): Promise<Result<BookingStatus>> {
  return client.call<BookingStatus>(
    {
      call: "QueryOrderBookingStatus",
      method: "POST",
      path: `${BASE}/order/query-booking-status`,
      body: { UserSessionId: userSessionId, ClientId: client.clientId },
      resultField: "ResponseCode",
      idempotent: true,
    },
    (a) => {
      if (a.code === 47) return ok({ exists: false as const });
      if (a.code !== 0) return codeError(a.code ?? -1, a.description);
      const summary = (a.json["OrderSummary"] as Json | null) ?? {};
      const bookingId = stringField(summary["VistaBookingId"]);
      const bookingNumber = stringField(summary["VistaBookingNumber"]);
      if (!bookingId || !bookingNumber) return codeError(0, "booking exists but OrderSummary has no booking id/number");
      return ok({ exists: true as const, bookingId, bookingNumber });
    },
  );
}
