import { createHash } from "node:crypto";
import { fail, ok, type Result } from "../../domain/errors.js";
import type { Clock } from "../../domain/time.js";
import type { ConfirmRequest, LockRequest, LockResult, OrderRef, VendorOrderState } from "../../domain/trade.js";
import { getSingleBooking, refundBooking } from "./booking.js";
import type { VistaClient } from "./client.js";
import { chooseTicketTypes } from "./mapping.js";
import { toPickup } from "./pickup.js";
import { getSeatPlan, type PlanSeat, toSeatStatus } from "./seat-plan.js";
import {
  type AddTicketsBody,
  addTickets,
  cancelOrder,
  completeOrder,
  getOrder,
  type PaymentInfo,
  queryOrderBookingStatus,
  startExternalPayment,
} from "./ticketing.js";
import { getTicketsForSession } from "./tickets.js";

/**
 * The order flow of §2.2 over the RestTicketing / RestBooking calls: lock (AddTickets), release
 * (CancelOrder), confirm (StartExternalPayment → CompleteOrder), query (QueryOrderBookingStatus +
 * GetSingleBooking), cancel (§2.2 ⑬), refund (RefundBooking), print status.
 */

export interface TradeSettings {
  lockTtlMs: number;
  maxSeatsPerOrder: number;
  preferredTicketTypes: readonly string[];
  /** CompleteOrder PaymentInfo as the cinema told us (§3.9: default 9999…, CreditCard, CreditCard). */
  payment: { cardNumber: string; cardType: string; tenderCategory: string };
  /** Refund the booking fee too when there is one (§3.12 RefundBookingFee). */
  refundBookingFee: boolean;
  /** Pass the buyer's mobile as CustomerPhone (§3.9: 根据影城要求传值). */
  sendCustomerPhone: boolean;
}

/** What a lock carries to confirm/refund (LockResult.vendorData). */
export interface VistaLockData {
  userSessionId: string;
  sessionId: string;
  /** AddTickets Order.TotalValueCents: CompleteOrder must pay exactly this (§3.5 note 3). */
  totalValueCents: number;
  bookingFeeCents: number;
  seatIds: string[];
}

/**
 * UserSessionId (≤ 32 chars, one per order, §3.5) derived from our order id, so a retried lock or
 * confirm always names the same VISTA order and never opens a second booking.
 */
export function userSessionIdFor(orderId: string): string {
  if (/^[A-Za-z0-9_-]{1,32}$/.test(orderId)) return orderId;
  return `CG${createHash("sha256").update(orderId).digest("hex").slice(0, 30)}`;
}

const lockData = (v: Record<string, unknown> | undefined) => v as Partial<VistaLockData> | undefined;

export class VistaTrade {
  constructor(
    private readonly client: VistaClient,
    private readonly clock: Clock,
    private readonly settings: TradeSettings,
  ) {}

  // --- lock: §2.2 ① validate → ② AddTickets → ③ result ------------------------------------------------

  async lock(req: LockRequest): Promise<Result<LockResult>> {
    const ids = req.seats.map((s) => s.vendorSeatId);
    // ① Never send empty seats: VISTA would then choose and lock seats itself (§2.2, §3.5).
    if (ids.length === 0) return fail("invalid_request", "no seats: VISTA would allocate seats itself");
    if (new Set(ids).size !== ids.length) return fail("invalid_request", "a seat is listed twice");
    if (ids.length > this.settings.maxSeatsPerOrder) {
      return fail("invalid_request", `at most ${this.settings.maxSeatsPerOrder} seats per order`);
    }
    if (this.clock.now() >= req.showtime.stopSellingAt) return fail("showtime_closed", "past the stop-selling time");
    const cinemaId = req.cinema.vendorCinemaId;
    const sessionId = req.showtime.vendorShowtimeId;
    const usid = userSessionIdFor(req.orderId);

    // §2.1: every lock reads the ticket types and the seat plan fresh.
    const [types, plan] = await Promise.all([
      getTicketsForSession(this.client, cinemaId, sessionId),
      getSeatPlan(this.client, cinemaId, sessionId),
    ]);
    if (!plan.ok) return plan;
    if (!types.ok) return types;
    const chosen = chooseTicketTypes(types.value, this.client.clientClass, this.settings.preferredTicketTypes);
    const byId = new Map(plan.value.seats.map((s) => [s.vendorSeatId, s]));

    const picked: { seat: PlanSeat; code: string; price: number; fee: number }[] = [];
    for (const s of req.seats) {
      const seat = byId.get(s.vendorSeatId);
      if (!seat) return fail("invalid_request", `seat ${s.vendorSeatId} is not in the session's seat plan`);
      const group = plan.value.sofaGroups.get(seat.vendorSeatId);
      if (group && !group.every((id) => ids.includes(id))) {
        return fail(
          "invalid_request",
          `sofa seat ${seat.rowLabel}排${seat.colLabel}座 must be sold with its whole sofa`,
        );
      }
      // AreaCategoryCode of the seat must match the ticket type's (§3.4 note 2).
      const type = chosen.get(seat.areaCategoryCode);
      if (!type) {
        return fail("config_error", `no ticket type for our channel in area category ${seat.areaCategoryCode}`);
      }
      // PriceInCents exactly as GetTicketsForSession returned (§3.5 note 2).
      if (s.settleFen !== type.priceInCents) {
        return fail(
          "price_rejected",
          `VISTA price for ticket type ${type.code} (area ${seat.areaCategoryCode}) is ${type.priceInCents}; declared ${s.settleFen}`,
        );
      }
      if (req.cinema.shanghai && (s.serviceFeeFen > 1200 || s.serviceFeeFen * 5 > type.priceInCents)) {
        return fail("price_rejected", "Shanghai: the ticket fee must be ≤ 12 yuan and ≤ 20 % of the ticket price");
      }
      picked.push({ seat, code: type.code, price: type.priceInCents, fee: s.serviceFeeFen });
    }

    const taken = picked.filter((p) => toSeatStatus(p.seat.status) !== "available");
    if (taken.length > 0) {
      // A retried lock of this very order finds its own seats held: answer the open order again.
      const existing = await getOrder(this.client, usid);
      if (
        existing.ok &&
        existing.value.cinemaId !== null &&
        existing.value.sessionIds.includes(sessionId) &&
        existing.value.totalOrderCount === picked.length
      ) {
        return ok(
          this.lockResult(usid, sessionId, ids, existing.value.totalValueCents, existing.value.bookingFeeCents),
        );
      }
      const t = taken[0]!.seat;
      return fail("seat_unavailable", `seat ${t.rowLabel}排${t.colLabel}座 is not available`, "8");
    }

    // ② AddTickets
    const lines = new Map<string, AddTicketsBody["TicketTypes"][number]>();
    for (const p of picked) {
      const key = `${p.code}/${p.fee}`;
      const line = lines.get(key);
      if (line) line.Qty++;
      // BookingFeeOverride: null = the cinema's default fee (0 in mainland cinemas, §3.5 table).
      else
        lines.set(key, {
          TicketTypeCode: p.code,
          Qty: 1,
          PriceInCents: p.price,
          BookingFeeOverride: p.fee > 0 ? p.fee : null,
        });
    }
    const body: AddTicketsBody = {
      UserSessionId: usid,
      CinemaId: cinemaId,
      SessionId: sessionId,
      TicketTypes: [...lines.values()],
      ReturnOrder: true,
      BookingFeeOverride: null,
      SelectedSeats: picked.map((p) => ({
        AreaCategoryCode: p.seat.areaCategoryCode,
        AreaNumber: p.seat.areaNumber,
        RowIndex: p.seat.rowIndex,
        ColumnIndex: p.seat.columnIndex,
      })),
    };
    const added = await addTickets(this.client, body);
    // ③ Result 8 → ④ past the stop-selling time? → ⑤ reload the seat plan.
    if (!added.ok) return added.error.vendorCode === "8" ? this.afterResult8(req, ids, added) : added;
    const fee = added.value.bookingFeeCents ?? picked.reduce((s, p) => s + p.fee, 0);
    const total = added.value.totalValueCents ?? picked.reduce((s, p) => s + p.price + p.fee, 0);
    return ok(this.lockResult(usid, sessionId, ids, total, fee));
  }

  private lockResult(usid: string, sessionId: string, seatIds: string[], total: number, fee: number): LockResult {
    const data: VistaLockData = {
      userSessionId: usid,
      sessionId,
      totalValueCents: total,
      bookingFeeCents: fee,
      seatIds,
    };
    return {
      vendorLockId: usid,
      lockedUntil: this.clock.now() + this.settings.lockTtlMs,
      vendorData: data as unknown as Record<string, unknown>,
    };
  }

  /**
   * §2.2 ④⑤. Past the stop-selling time → showtime_closed. Otherwise reload the seat plan: 67 →
   * closed; seats now taken → seat_unavailable (the caller refreshes its seat map); seats that still
   * look free were refused because the session is not selling → showtime_closed.
   */
  private async afterResult8(req: LockRequest, ids: string[], added: Result<never>): Promise<Result<never>> {
    if (added.ok) return added;
    if (this.clock.now() >= req.showtime.stopSellingAt) {
      return fail("showtime_closed", `past the stop-selling time: ${added.error.message}`, "8");
    }
    const plan = await getSeatPlan(this.client, req.cinema.vendorCinemaId, req.showtime.vendorShowtimeId);
    if (!plan.ok) return plan.error.code === "showtime_closed" ? plan : added;
    const statuses = new Map(plan.value.seats.map((s) => [s.vendorSeatId, toSeatStatus(s.status)]));
    if (ids.every((id) => statuses.get(id) === "available")) {
      return fail(
        "showtime_closed",
        `VISTA refused free seats: the session is not selling (${added.error.message})`,
        "8",
      );
    }
    return added;
  }

  // --- release: CancelOrder (§3.7) ------------------------------------------------------------------------

  async release(order: OrderRef): Promise<Result<void>> {
    const res = await cancelOrder(this.client, order.vendorLockId);
    return res.ok ? ok(undefined) : res;
  }

  // --- confirm: StartExternalPayment (§3.8) → CompleteOrder (§3.9) -----------------------------------------

  async confirm(req: ConfirmRequest): Promise<Result<VendorOrderState>> {
    const usid = req.vendorLockId;
    const data = lockData(req.lockVendorData);
    const total = data?.totalValueCents ?? req.totalFen;
    // CompleteOrder pays exactly the AddTickets total (§3.5 note 3); a different figure is our bug.
    if (total !== req.totalFen) {
      return fail("price_rejected", `order total ${req.totalFen} differs from the AddTickets total ${total}`);
    }
    const pending: VendorOrderState = { state: "pending" };
    if (req.attempt > 1) {
      // §2.2 ⑩⑪: CompleteOrder again only while GetOrder shows the order open (CinemaId set).
      const order = await getOrder(this.client, usid);
      if (!order.ok) return order;
      if (order.value.cinemaId === null) return ok(pending);
    }
    const started = await startExternalPayment(this.client, usid);
    // An unanswered StartExternalPayment has no money effect; CompleteOrder tells whether it took.
    if (!started.ok && started.error.vendorCode === "62") {
      // The order is gone (lock expired or cancelled) and CompleteOrder was never sent: not issued.
      return ok({ state: "failed", reason: `VISTA order ${usid} no longer exists: ${started.error.message}` });
    }
    if (!started.ok && started.error.code !== "outcome_unknown") return started;
    if (started.ok && started.value === "already_paid") return ok(pending);
    const mobile = this.settings.sendCustomerPhone ? req.mobile : "";
    const done = await completeOrder(
      this.client,
      usid,
      this.payment(total),
      { phone: mobile, email: "", name: "" },
      req.mobile ? [req.mobile] : [],
    );
    if (!done.ok) return done;
    // §2.2 2.2: any Result ≠ 0 → the GetOrder / QueryOrderBookingStatus flow (recovery policy).
    if (!("bookingId" in done.value)) return ok(pending);
    return ok(
      this.issued(
        done.value.bookingId,
        done.value.bookingNumber,
        data?.seatIds ?? req.seats.map((s) => s.vendorSeatId),
      ),
    );
  }

  private payment(totalCents: number): PaymentInfo {
    const p = this.settings.payment;
    return {
      CardNumber: p.cardNumber,
      CardType: p.cardType,
      PaymentValueCents: totalCents,
      PaymentTenderCategory: p.tenderCategory,
    };
  }

  private issued(bookingId: string, bookingNumber: string, seatIds: string[], printed?: boolean): VendorOrderState {
    return {
      state: "issued",
      vendorOrderId: bookingId,
      tickets: seatIds.map((vendorSeatId) => ({ vendorSeatId })),
      pickup: toPickup(bookingId, bookingNumber),
      ...(printed !== undefined ? { printed } : {}),
    };
  }

  // --- query: QueryOrderBookingStatus (§3.10) + GetSingleBooking (§3.11) --------------------------------------

  async queryOrder(order: OrderRef): Promise<Result<VendorOrderState>> {
    const status = await queryOrderBookingStatus(this.client, order.vendorLockId);
    if (!status.ok) return status;
    if (!status.value.exists)
      return ok({ state: "pending", ...(order.vendorOrderId ? { vendorOrderId: order.vendorOrderId } : {}) });
    const { bookingId, bookingNumber } = status.value;
    const seatIds = lockData(order.lockVendorData)?.seatIds ?? [];
    const info = await getSingleBooking(this.client, order.cinema.vendorCinemaId, { bookingId, bookingNumber });
    if (info.ok && info.value.refunded) return ok({ state: "refunded", vendorOrderId: bookingId });
    return ok(this.issued(bookingId, bookingNumber, seatIds, info.ok ? info.value.collected : undefined));
  }

  // --- cancel: §2.2 ⑬⑭ -------------------------------------------------------------------------------------

  async cancel(order: OrderRef): Promise<Result<VendorOrderState>> {
    const res = await cancelOrder(this.client, order.vendorLockId);
    if (!res.ok) return res;
    return ok(res.value === "cancelled" ? { state: "reversed" } : { state: "not_found" });
  }

  // --- refund: RefundBooking (§2.4, §3.12) --------------------------------------------------------------------

  async refund(order: OrderRef, reason: string): Promise<Result<VendorOrderState>> {
    const cinemaId = order.cinema.vendorCinemaId;
    const data = lockData(order.lockVendorData);
    const stored = order.vendorData as { bookingId?: string; bookingNumber?: string } | undefined;
    let bookingId = order.vendorOrderId ?? stored?.bookingId;
    let bookingNumber = stored?.bookingNumber;
    if (!bookingId && !bookingNumber) {
      const status = await queryOrderBookingStatus(this.client, order.vendorLockId);
      if (!status.ok) return status;
      if (!status.value.exists) return ok({ state: "not_found" });
      ({ bookingId, bookingNumber } = status.value);
    }
    // Ask first (§3.12: refund and query): a retry after a lost answer must not refund twice.
    const info = await getSingleBooking(this.client, cinemaId, {
      ...(bookingId ? { bookingId } : {}),
      ...(bookingNumber ? { bookingNumber } : {}),
    });
    if (!info.ok) return info.error.code === "not_found" ? ok({ state: "not_found" }) : info;
    const booking = info.value;
    if (booking.refunded) return ok({ state: "refunded", vendorOrderId: booking.bookingId });
    if (booking.collected) {
      return fail("refund_refused", "tickets already printed: refund at the cinema's front desk (§2.4)");
    }
    const paid = data?.totalValueCents ?? booking.totalValueCents ?? order.totalFen;
    const fee = data?.bookingFeeCents ?? 0;
    // §3.12: RefundBookingFee false when there is no fee or it is kept; amount = total − kept fee.
    const refundFee = fee > 0 && this.settings.refundBookingFee;
    const res = await refundBooking(this.client, {
      CinemaId: cinemaId,
      BookingId: booking.bookingId,
      BookingNumber: Number(booking.bookingNumber),
      RefundReason: reason.slice(0, 400),
      RefundAmount: fee > 0 && !refundFee ? paid - fee : paid,
      RefundBookingFee: refundFee,
      RefundConcessions: true,
      // §3.12 table: third parties always pass true (the sample's false is wrong, see docs/vendors/vista.md).
      MarkAsRefundedOnly: true,
      PaymentInfo: this.payment(paid),
    });
    if (!res.ok) return res;
    return ok({ state: "refunded", vendorOrderId: booking.bookingId });
  }

  // --- print status: GetSingleBooking CollectedStatus (§3.11) ----------------------------------------------------

  async printStatus(order: OrderRef): Promise<Result<{ printed: boolean }>> {
    const stored = order.vendorData as { bookingNumber?: string } | undefined;
    let bookingId = order.vendorOrderId;
    let bookingNumber = stored?.bookingNumber;
    if (!bookingId && !bookingNumber) {
      const status = await queryOrderBookingStatus(this.client, order.vendorLockId);
      if (!status.ok) return status;
      if (!status.value.exists) return fail("not_found", "no booking for this order");
      ({ bookingId, bookingNumber } = status.value);
    }
    const info = await getSingleBooking(this.client, order.cinema.vendorCinemaId, {
      ...(bookingId ? { bookingId } : {}),
      ...(bookingNumber ? { bookingNumber } : {}),
    });
    return info.ok ? ok({ printed: info.value.collected === true }) : info;
  }
}
