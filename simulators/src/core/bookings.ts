/**
 * A vendor-neutral, read-only view of every seat lock a simulator has taken and what became of
 * it, served at `GET /_control/bookings`. Chaos runs compare it with the platform's own records
 * ("no vendor booking without an order", "no seat sold twice"); it is not part of any vendor
 * protocol and changes nothing.
 */
export type BookingState =
  /** Seats held, not confirmed, lock still live. */
  | "locked"
  /** Lock released by the partner, or cancelled. */
  | "released"
  /** Lock lapsed without a confirm. */
  | "expired"
  /** Confirm accepted, the cinema has not answered yet (slow issue): the seats are taken. */
  | "pending"
  /** Ticket issued: the seats are sold. */
  | "issued"
  /** The issue failed: no ticket, seats free. */
  | "failed"
  /** Issued, then refunded: seats free again. */
  | "refunded"
  /** Issued (or pending), then reversed: no ticket, seats free. */
  | "reversed";

export interface BookingView {
  /** The id the vendor answered the lock with (what a platform keeps as its lock id). */
  lockId: string;
  /** The vendor's order or booking id, once confirmed. */
  orderId?: string;
  /** Data-set showtime id. */
  showtimeId: string;
  /**
   * Seat ids, consistent within one vendor (what "no seat sold twice" compares): ykse's wire seat
   * ids, VISTA's `AreaNumber:RowIndex:ColumnIndex`, Moviefan's data-set seat ids.
   */
  seatIds: string[];
  state: BookingState;
}

/** States in which the vendor counts the seats as sold (or about to be). */
export const SEAT_TAKING_STATES: readonly BookingState[] = ["locked", "pending", "issued"];
