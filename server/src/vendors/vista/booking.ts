import { ok, type Result } from "../../domain/errors.js";
import { codeError, numberField, stringField, type VistaClient } from "./client.js";
import type { PaymentInfo } from "./ticketing.js";

/** RestBooking.svc wire calls: GetSingleBooking (§3.11) and RefundBooking (§3.12). */

type Json = Record<string, unknown>;
const BASE = "/RestBooking.svc";

export interface BookingInfo {
  bookingId: string;
  bookingNumber: string;
  totalValueCents?: number;
  /** Every ticket CollectedStatus "1"; undefined when any is "2" (unknown). */
  collected?: boolean;
  /** Every ticket RefundedStatus "1"; undefined when any is "2" (unknown). */
  refunded?: boolean;
  ticketCount: number;
}

function allFlag(tickets: Json[], field: string): boolean | undefined {
  const values = tickets.map((t) => String(t[field] ?? "2"));
  if (values.length === 0 || values.includes("2")) return undefined;
  return values.every((v) => v === "1");
}

export function getSingleBooking(
  client: VistaClient,
  cinemaId: string,
  ref: { bookingId?: string; bookingNumber?: string },
): Promise<Result<BookingInfo>> {
  return client.call(
    {
      call: "GetSingleBooking",
      method: "POST",
      path: `${BASE}/booking`,
      body: {
        ReturnTransactionStatusInfoIfSingleBookingMatch: true,
        BookingId: ref.bookingId ?? "",
        BookingNumber: ref.bookingNumber ? Number(ref.bookingNumber) : 0,
        CinemaId: cinemaId,
        OptionalClientId: client.clientId,
      },
      resultField: "ResultCode",
      idempotent: true,
    },
    (a) => {
      if (a.code !== 0) return codeError(a.code ?? -1, a.description);
      const b = (a.json["Booking"] as Json | null) ?? {};
      const tickets = Array.isArray(b["Tickets"]) ? (b["Tickets"] as Json[]) : [];
      const total = numberField(b["TotalValueCents"]);
      const collected = allFlag(tickets, "CollectedStatus");
      const refunded = String(b["CancelledStatus"] ?? "") === "1" ? true : allFlag(tickets, "RefundedStatus");
      return ok({
        bookingId: stringField(b["BookingId"]) ?? ref.bookingId ?? "",
        bookingNumber: stringField(b["BookingNumber"]) ?? ref.bookingNumber ?? "",
        ...(total !== undefined ? { totalValueCents: total } : {}),
        ...(collected !== undefined ? { collected } : {}),
        ...(refunded !== undefined ? { refunded } : {}),
        ticketCount: tickets.length,
      });
    },
  );
}

export interface RefundBody {
  CinemaId: string;
  BookingId: string;
  BookingNumber: number;
  RefundReason: string;
  RefundAmount: number;
  RefundBookingFee: boolean;
  RefundConcessions: true;
  MarkAsRefundedOnly: true;
  PaymentInfo: PaymentInfo;
}

/**
 * ResultCode 0 → refunded; 63 OrderHasBeenRefunded → it already was. Anything else is an error;
 * a missing answer is outcome_unknown, settled by the refund timetable (§3.12: retry and query up
 * to 10 times, one minute apart).
 */
export function refundBooking(client: VistaClient, body: RefundBody): Promise<Result<"refunded" | "already_refunded">> {
  return client.call(
    {
      call: "RefundBooking",
      method: "POST",
      path: `${BASE}/booking/refund`,
      body: { ...body, OptionalClientId: client.clientId },
      resultField: "ResultCode",
      sideEffect: true,
    },
    (a) => {
      if (a.code === 0) return ok("refunded" as const);
      if (a.code === 63) return ok("already_refunded" as const);
      return codeError(a.code ?? -1, a.description);
    },
  );
}
