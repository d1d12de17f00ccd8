import type { FastifyInstance } from "fastify";
import type { SimContext } from "../core/context.js";
import { runWithFaults } from "../core/fault-http.js";
import {
  type Catalog,
  salesClosed,
  type TicketType,
  ticketTypesFor,
  type VistaSeat,
  type VistaSession,
} from "./catalog.js";
import { failure, restFaultRenderer, VistaCode } from "./codes.js";
import { isSellable, seatAt, seatStatus, sofaGroup } from "./seat-plan.js";
import {
  bookingFeeCents,
  type Order,
  type OrderLine,
  type PaymentInfo,
  totalValueCents,
  type VistaState,
} from "./state.js";
import { wcfDate } from "./wire.js";

/**
 * RestTicketing.svc: AddTickets (§3.5), GetOrder (§3.6), CancelOrder (§3.7),
 * StartExternalPayment (§3.8), CompleteOrder (§3.9), QueryOrderBookingStatus (§3.10).
 */

export const TICKETING_BASE = "/WSVistaWebClient/RestTicketing.svc";

type Body = Record<string, unknown>;

const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : undefined;
const int = (v: unknown): number | undefined => (typeof v === "number" && Number.isInteger(v) ? v : undefined);
const intOrNull = (v: unknown): number | null | undefined => (v === null || v === undefined ? null : int(v));

function ticketJson(line: OrderLine) {
  const vs = line.seat;
  return {
    AreaCategoryCode: vs.area.areaCategoryCode,
    BookingFeeCents: line.bookingFeeCents,
    Description: line.ticketType.Description,
    PriceCents: line.priceCents,
    SeatAreaNumber: vs.area.number,
    SeatColumnIndex: vs.columnIndex,
    SeatData: `${vs.seat.rowLabel}排${vs.seat.colLabel}座`,
    SeatNumber: vs.seat.colLabel,
    SeatRowId: vs.seat.rowLabel,
    SeatRowIndex: vs.rowIndex,
    TicketTypeCode: line.ticketType.TicketTypeCode,
  };
}

/** The Order object of AddTickets / GetOrder. */
export function orderJson(order: Order): Record<string, unknown> {
  const bySession = new Map<string, { session: VistaSession; lines: OrderLine[] }>();
  for (const line of order.lines) {
    const g = bySession.get(line.session.sessionId) ?? { session: line.session, lines: [] };
    g.lines.push(line);
    bySession.set(line.session.sessionId, g);
  }
  return {
    BookingFeeValueCents: bookingFeeCents(order),
    CinemaId: order.cinema.internalCode,
    LastUpdated: wcfDate(order.lastUpdated),
    Sessions: [...bySession.values()].map(({ session, lines }) => ({
      AllocatedSeating: true,
      AltFilmTitle: session.film.title,
      CinemaId: session.cinema.internalCode,
      FilmClassification: "G",
      FilmTitle: session.film.title,
      SeatsAllocated: true,
      SessionId: Number(session.sessionId),
      ShowingRealDateTime: wcfDate(session.showtime.startsAt),
      Tickets: lines.map(ticketJson),
    })),
    TotalOrderCount: order.lines.length,
    TotalTicketFeeValueInCents: null,
    TotalValueCents: totalValueCents(order),
    UserSessionId: order.userSessionId,
    VistaBookingNumber: 0,
    VistaTransactionNumber: 0,
  };
}

/** What GetOrder shows once the order left the open state (CompleteOrder called, or gone). */
function clearedOrderJson(userSessionId: string, lastUpdated: number): Record<string, unknown> {
  return {
    BookingFeeValueCents: 0,
    CinemaId: null,
    LastUpdated: wcfDate(lastUpdated),
    Sessions: null,
    TotalOrderCount: 0,
    TotalTicketFeeValueInCents: null,
    TotalValueCents: 0,
    UserSessionId: userSessionId,
  };
}

type SeatRequest = { AreaCategoryCode?: unknown; AreaNumber?: unknown; RowIndex?: unknown; ColumnIndex?: unknown };

/**
 * VISTA's own allocation when SelectedSeats is null/empty (§2.2 warns about it): per area category,
 * the contiguous run of free non-sofa seats in one row closest to the middle of the hall.
 */
function autoAllocate(
  state: VistaState,
  session: VistaSession,
  areaCategoryCode: string,
  count: number,
  taken: Set<string>,
): VistaSeat[] | "unavailable" | "notContiguous" {
  const area = session.hall.areas.find((a) => a.areaCategoryCode === areaCategoryCode);
  if (!area) return "unavailable";
  const free = area.seats
    .map((s) => session.hall.seatsById.get(s.id)!)
    .filter((vs) => !taken.has(vs.seat.id) && isSellable(seatStatus(state, session, vs)) && !vs.seat.pairSeatId);
  if (free.length < count) return "unavailable";
  const rows = session.hall.hall.rows;
  const midRow = (rows - 1) * 0.4;
  const midCol = (session.hall.hall.cols - 1) / 2;
  let best: { seats: VistaSeat[]; score: number } | undefined;
  const byRow = new Map<number, VistaSeat[]>();
  for (const vs of free) byRow.set(vs.rowIndex, [...(byRow.get(vs.rowIndex) ?? []), vs]);
  for (const [rowIndex, seats] of byRow) {
    seats.sort((a, b) => a.columnIndex - b.columnIndex);
    for (let i = 0; i + count <= seats.length; i++) {
      const run = seats.slice(i, i + count);
      if (run[run.length - 1]!.columnIndex - run[0]!.columnIndex !== count - 1) continue;
      const center = (run[0]!.columnIndex + run[run.length - 1]!.columnIndex) / 2;
      const score = Math.abs(rowIndex - midRow) * 10 + Math.abs(center - midCol);
      if (!best || score < best.score) best = { seats: run, score };
    }
  }
  return best ? best.seats : "notContiguous";
}

export function registerTicketing(app: FastifyInstance, ctx: SimContext, catalog: Catalog, state: VistaState) {
  const route = (path: string, call: string, handler: (body: Body) => unknown) => {
    app.post(`${TICKETING_BASE}${path}`, async (req, reply) =>
      runWithFaults(ctx.faults, call, reply, restFaultRenderer(call), () => {
        state.tick();
        const body = (req.body && typeof req.body === "object" ? req.body : {}) as Body;
        return handler(body);
      }),
    );
  };

  route("/order/tickets", "AddTickets", (b) => addTickets(ctx, catalog, state, b));

  route("/order", "GetOrder", (b) => {
    const id = str(b["UserSessionId"]);
    if (!id) return { ...failure("GetOrder", VistaCode.InvalidRequestData, "UserSessionId is required"), Order: null };
    const order = state.orders.get(id);
    if (order && order.state === "open")
      return { ErrorDescription: null, Order: orderJson(order), Result: VistaCode.OK };
    return {
      ErrorDescription: null,
      Order: clearedOrderJson(id, order?.lastUpdated ?? ctx.clock.now()),
      Result: VistaCode.OK,
    };
  });

  route("/order/cancel", "CancelOrder", (b) => {
    const id = str(b["UserSessionId"]);
    if (!id) return failure("CancelOrder", VistaCode.InvalidRequestData, "UserSessionId is required");
    const order = state.orders.get(id);
    if (!order)
      return failure("CancelOrder", VistaCode.OrderDoesNotExist, "Order does not exist matching the search criteria");
    if (order.state === "completed") {
      return failure(
        "CancelOrder",
        VistaCode.PaymentsProcessed,
        "Unable to edit the order as payments for the order have already been made",
      );
    }
    // open: release the held seats; committing: void the commit still in progress at the cinema.
    if (order.state === "open" || order.state === "committing") state.release(order, "cancelled");
    return { ErrorDescription: null, Result: VistaCode.OK };
  });

  route("/order/startexternalpayment", "StartExternalPayment", (b) => {
    const id = str(b["UserSessionId"]);
    const base = { ExtendedResultCode: 0, PaymentRedirectUrl: null };
    if (!id)
      return { ...failure("StartExternalPayment", VistaCode.InvalidRequestData, "UserSessionId is required"), ...base };
    const order = state.orders.get(id);
    if (order?.state === "committing" || order?.state === "completed") {
      return {
        ...failure(
          "StartExternalPayment",
          VistaCode.PaymentsProcessed,
          "Payments for the order have already been made",
        ),
        ...base,
      };
    }
    if (order?.state !== "open") {
      return {
        ...failure(
          "StartExternalPayment",
          VistaCode.OrderDoesNotExist,
          "Order does not exist matching the search criteria",
        ),
        ...base,
      };
    }
    order.paymentStarted = true;
    order.lastUpdated = ctx.clock.now();
    return { ErrorDescription: null, Result: VistaCode.OK, ...base };
  });

  route("/order/payment", "CompleteOrder", (b) => completeOrder(ctx, state, b));

  route("/order/query-booking-status", "QueryOrderBookingStatus", (b) => {
    const id = str(b["UserSessionId"]);
    const clientId = str(b["ClientId"]);
    if (!id || !clientId) {
      return {
        OrderSummary: null,
        ResponseCode: VistaCode.InvalidRequestData,
        ResponseDescription: "The UserSessionId and ClientId parameters are required",
      };
    }
    const order = state.orders.get(id);
    const booking = order?.state === "completed" ? order.booking : undefined;
    if (!order || !booking) {
      return {
        OrderSummary: null,
        ResponseCode: VistaCode.BookingDoesNotExist,
        ResponseDescription: "Booking does not exist at Cinema",
      };
    }
    return {
      OrderSummary: {
        CinemaId: order.cinema.internalCode,
        TotalValueCents: totalValueCents(order),
        UserSessionId: order.userSessionId,
        VistaBookingId: booking.bookingId,
        VistaBookingNumber: booking.bookingNumber,
      },
      ResponseCode: VistaCode.OK,
      ResponseDescription: "Booking exists at Cinema",
    };
  });
}

function addTickets(ctx: SimContext, catalog: Catalog, state: VistaState, b: Body): unknown {
  const fail = (code: number, msg: string) => ({
    ...failure("AddTickets", code, msg),
    ExtendedResultCode: 0,
    Order: null,
  });
  const id = str(b["UserSessionId"]);
  const cinemaId = str(b["CinemaId"]);
  const sessionId = str(b["SessionId"]);
  const ticketTypes = b["TicketTypes"];
  if (!id || !cinemaId || !sessionId || !Array.isArray(ticketTypes) || ticketTypes.length === 0) {
    return fail(VistaCode.InvalidRequestData, "UserSessionId, CinemaId, SessionId and TicketTypes are required");
  }
  if (id.length > 32) return fail(VistaCode.InvalidRequestData, "UserSessionId must be at most 32 characters");

  const existing = state.orders.get(id);
  if (existing && (existing.state === "committing" || existing.state === "completed")) {
    return fail(
      VistaCode.PaymentsProcessed,
      "Unable to edit the order as payments for the order have already been made",
    );
  }
  const cinema = catalog.cinemaByCode.get(cinemaId);
  const session = catalog.sessionById.get(sessionId);
  if (!cinema || !session || session.cinema !== cinema) {
    return fail(VistaCode.InvalidRequestData, `Invalid CinemaId ${cinemaId} or SessionId ${sessionId}`);
  }
  if (existing?.state === "open" && existing.cinema !== cinema) {
    return fail(VistaCode.InvalidRequestData, "An order can only contain sessions of one cinema");
  }

  // Ticket types: code known for the session and price exactly as GetTicketsForSession quotes it.
  const available = new Map(ticketTypesFor(session).map((t) => [t.TicketTypeCode, t]));
  const wanted: { type: TicketType; qty: number; fee: number }[] = [];
  for (const raw of ticketTypes as Body[]) {
    const code = str(raw?.["TicketTypeCode"]);
    const qty = int(raw?.["Qty"]);
    const price = int(raw?.["PriceInCents"]);
    const fee = intOrNull(raw?.["BookingFeeOverride"]);
    if (
      !code ||
      qty === undefined ||
      qty < 1 ||
      price === undefined ||
      fee === undefined ||
      (fee !== null && fee < 0)
    ) {
      return fail(VistaCode.InvalidRequestData, "Each ticket type needs TicketTypeCode, Qty >= 1 and PriceInCents");
    }
    const type = available.get(code);
    if (!type)
      return fail(VistaCode.InvalidRequestData, `Ticket type ${code} is not available for session ${sessionId}`);
    if (price !== type.PriceInCents) {
      return fail(
        VistaCode.InvalidRequestData,
        `Ticket type ${code} could not be added to the order because ticket price overrides are not allowed. ` +
          `Either provide the correct price in cents, ${type.PriceInCents}, or enable the AllowTicketPriceOverride security behaviour for your profile.`,
      );
    }
    wanted.push({ type, qty, fee: fee ?? 0 });
  }
  const orderFee = intOrNull(b["BookingFeeOverride"]);
  if (orderFee === undefined || (orderFee !== null && orderFee < 0)) {
    return fail(VistaCode.InvalidRequestData, "BookingFeeOverride must be an integer number of cents or null");
  }

  const now = ctx.clock.now();
  if (salesClosed(session, now)) {
    return fail(
      VistaCode.SeatsUnavailable,
      "The session is sold out or no longer on sale; the seats could not be added",
    );
  }

  // Seats per area category, either chosen by the caller or allocated by VISTA.
  const needByArea = new Map<string, number>();
  for (const w of wanted)
    needByArea.set(w.type.AreaCategoryCode, (needByArea.get(w.type.AreaCategoryCode) ?? 0) + w.qty);
  const seatsByArea = new Map<string, VistaSeat[]>();
  const selected = b["SelectedSeats"];
  if (Array.isArray(selected) && selected.length > 0) {
    const seen = new Set<string>();
    for (const raw of selected as SeatRequest[]) {
      const area = int(raw?.AreaNumber);
      const row = int(raw?.RowIndex);
      const col = int(raw?.ColumnIndex);
      const cat = str(raw?.AreaCategoryCode);
      if (area === undefined || row === undefined || col === undefined || !cat) {
        return fail(
          VistaCode.InvalidRequestData,
          "Each selected seat needs AreaCategoryCode, AreaNumber, RowIndex and ColumnIndex",
        );
      }
      const vs = seatAt(session, area, row, col);
      if (!vs) return fail(VistaCode.InvalidRequestData, `No seat at area ${area}, row ${row}, column ${col}`);
      if (vs.area.areaCategoryCode !== cat) {
        return fail(
          VistaCode.InvalidRequestData,
          `Seat area category ${cat} does not match the seat's area category ${vs.area.areaCategoryCode}`,
        );
      }
      if (seen.has(vs.seat.id)) return fail(VistaCode.InvalidRequestData, "A seat was selected twice");
      seen.add(vs.seat.id);
      seatsByArea.set(cat, [...(seatsByArea.get(cat) ?? []), vs]);
    }
    for (const [cat, seats] of seatsByArea) {
      if (needByArea.get(cat) !== seats.length) {
        return fail(
          VistaCode.InvalidRequestData,
          `The selected seats of area category ${cat} do not match the ticket types' area category and quantity`,
        );
      }
    }
    for (const [cat, qty] of needByArea) {
      if ((seatsByArea.get(cat)?.length ?? 0) !== qty) {
        return fail(
          VistaCode.InvalidRequestData,
          `${qty} seat(s) of area category ${cat} are required by the ticket types`,
        );
      }
    }
    for (const vs of [...seatsByArea.values()].flat()) {
      if (!isSellable(seatStatus(state, session, vs))) {
        return fail(VistaCode.SeatsUnavailable, `Seat ${vs.seat.rowLabel}排${vs.seat.colLabel}座 is not available`);
      }
      for (const mate of sofaGroup(session, vs)) {
        if (!seen.has(mate.seat.id)) {
          return fail(VistaCode.InvalidRequestData, "Sofa seats must be booked as a whole group");
        }
      }
    }
  } else {
    const taken = new Set<string>();
    for (const [cat, qty] of needByArea) {
      const got = autoAllocate(state, session, cat, qty, taken);
      if (got === "unavailable") return fail(VistaCode.SeatsUnavailable, "Not enough seats available");
      if (got === "notContiguous") {
        return fail(
          VistaCode.CouldNotAllocateContiguousSeats,
          "The selected seats could not be automatically allocated in a single row",
        );
      }
      for (const vs of got) taken.add(vs.seat.id);
      seatsByArea.set(cat, got);
    }
  }

  const lines: OrderLine[] = [];
  const cursor = new Map<string, number>();
  for (const w of wanted) {
    const seats = seatsByArea.get(w.type.AreaCategoryCode)!;
    for (let i = 0; i < w.qty; i++) {
      const at = cursor.get(w.type.AreaCategoryCode) ?? 0;
      cursor.set(w.type.AreaCategoryCode, at + 1);
      lines.push({
        session,
        seat: seats[at]!,
        ticketType: w.type,
        priceCents: w.type.PriceInCents,
        bookingFeeCents: w.fee,
      });
    }
  }

  const order: Order =
    existing?.state === "open"
      ? existing
      : {
          userSessionId: id,
          cinema,
          clientId: str(b["OptionalClientId"]) ?? "",
          lines: [],
          orderBookingFeeCents: null,
          state: "open",
          createdAt: now,
          lastUpdated: now,
          expiresAt: now,
          paymentStarted: false,
        };
  if (orderFee !== null) order.orderBookingFeeCents = orderFee;
  state.hold(order, lines);
  return {
    ErrorDescription: null,
    Result: VistaCode.OK,
    AvailableSeats: Math.max(0, session.hall.sellableCount - state.occupiedCount(session.sessionId)),
    ExtendedResultCode: 0,
    Order: b["ReturnOrder"] === false ? null : orderJson(order),
  };
}

function completeOrder(ctx: SimContext, state: VistaState, b: Body): unknown {
  const fail = (code: number, msg: string) => ({
    ...failure("CompleteOrder", code, msg),
    ExtendedResultCode: 0,
    VistaBookingId: null,
    VistaBookingNumber: null,
    VistaTransNumber: null,
  });
  const id = str(b["UserSessionId"]);
  if (!id) return fail(VistaCode.InvalidRequestData, "UserSessionId is required");
  const order = state.orders.get(id);
  if (order?.state === "committing") {
    return fail(VistaCode.CinemaConnectError, "The booking is still being committed at the cinema");
  }
  if (order?.state === "completed") {
    return fail(
      VistaCode.PaymentsProcessed,
      "Unable to edit the order as payments for the order have already been made",
    );
  }
  if (order?.state !== "open") {
    return fail(VistaCode.OrderDoesNotExist, "Order does not exist matching the search criteria");
  }
  const p = b["PaymentInfo"] as Body | undefined;
  const value = int(p?.["PaymentValueCents"]);
  if (!p || typeof p !== "object" || value === undefined) {
    return fail(VistaCode.InvalidRequestData, "PaymentInfo with PaymentValueCents is required");
  }
  if (!order.paymentStarted) {
    return fail(
      VistaCode.PaymentErrorPreCommit,
      "StartExternalPayment must be called before CompleteOrder; retries are allowed",
    );
  }
  if (b["PerformPayment"] === true) {
    return fail(
      VistaCode.PaymentSystemError,
      "This cinema processes no payments; third parties must pass PerformPayment=false",
    );
  }
  const total = totalValueCents(order);
  if (value !== total) {
    return fail(
      VistaCode.PaymentVoidSuccessPayTotalMismatch,
      `The payment total ${value} does not match the order total ${total}. Payments have been voided to allow a retry.`,
    );
  }
  const payment: PaymentInfo = {
    CardNumber: str(p["CardNumber"]) ?? "",
    CardType: str(p["CardType"]) ?? "",
    PaymentValueCents: value,
    PaymentTenderCategory: str(p["PaymentTenderCategory"]) ?? "",
  };
  order.payment = payment;
  order.customer = {
    phone: str(b["CustomerPhone"]) ?? "",
    email: str(b["CustomerEmail"]) ?? "",
    name: str(b["CustomerName"]) ?? "",
  };
  if (str(b["OptionalClientId"])) order.clientId = str(b["OptionalClientId"])!;
  const slow = ctx.faults.config.slowIssueMinutes;
  if (slow > 0) {
    state.startCommit(order, ctx.clock.now() + slow * 60_000, ctx.faults.config.slowIssueOutcome);
    return fail(VistaCode.CinemaConnectError, "The service could not access the requested Cinema server system.");
  }
  const booking = state.book(order);
  return {
    BalanceList: null,
    CinemaID: order.cinema.internalCode,
    ErrorDescription: null,
    ExtendedResultCode: 0,
    HistoryID: booking.historyId,
    PassCollection: null,
    PaymentInfoCollection: [{ ...payment, PaymentStatus: "P" }],
    PrintStream: "",
    PrintStreamCollection: null,
    Result: VistaCode.OK,
    VistaBookingId: booking.bookingId,
    VistaBookingNumber: String(booking.bookingNumber),
    VistaTransNumber: String(booking.transNumber),
  };
}
