import type { Fen } from "./money.js";

/** What a connector needs to know about the cinema it is trading for. */
export interface CinemaRef {
  vendorCinemaId: string;
  nationalCode?: string;
  /** Shanghai cinemas: ticket fee ≤ 12 yuan and ≤ 20 % of the ticket price. */
  shanghai?: boolean;
}

export interface ShowtimeRef {
  vendorShowtimeId: string;
  vendorHallId: string;
  startsAt: number;
  stopSellingAt: number;
  versionKey?: string;
  vendorData?: Record<string, unknown>;
}

export interface TradeSeat {
  vendorSeatId: string;
  rowLabel: string;
  colLabel: string;
  areaId?: string;
  /** Price declared to the vendor for this seat (settle price rules apply). */
  settleFen: Fen;
  /** Service fee per seat declared to the vendor. */
  serviceFeeFen: Fen;
  /** A member-card or benefit-card discount ticket: the vendor floors it by its lowest price only. */
  discount?: "card" | "benefit";
}

export interface LockRequest {
  cinema: CinemaRef;
  showtime: ShowtimeRef;
  seats: TradeSeat[];
  /** Buyer's mobile; connectors that must send it do, and never log it. */
  mobile: string;
  /** Our order id: vendor idempotency tokens are derived from it, so a retry is never a new booking. */
  orderId: string;
}

export interface LockResult {
  /** The vendor's reference for the lock (ykse lockOrderId, VISTA UserSessionId, Moviefan orderNo …). */
  vendorLockId: string;
  /** When the vendor will release the seats by itself. */
  lockedUntil: number;
  /** Extra data the connector needs back at confirm time. */
  vendorData?: Record<string, unknown>;
}

export interface ConfirmRequest extends LockRequest {
  vendorLockId: string;
  lockVendorData?: Record<string, unknown>;
  /** Sum the vendor will be told was paid (settle prices + fees), in fen. */
  totalFen: Fen;
  /** 1 for the first attempt; connectors may use it in idempotency tokens only where the vendor wants a new one. */
  attempt: number;
}

export interface Ticket {
  vendorSeatId: string;
  ticketNo?: string;
}

export interface Pickup {
  printCode?: string;
  verifyCode?: string;
  qrPayload?: string;
  instructions?: string;
}

/**
 * What the vendor says about an order. `pending` means "not final yet, ask again later";
 * `unknown` means the vendor has no record we can trust yet (e.g. lost request).
 */
export type VendorOrderState =
  | { state: "issued"; vendorOrderId: string; tickets: Ticket[]; pickup: Pickup; printed?: boolean }
  | { state: "pending"; vendorOrderId?: string }
  /**
   * The vendor still holds the lock but says the confirm never took effect (Moviefan: 锁座成功 and
   * 未支付): making the confirm again is safe, and nothing else will issue the ticket.
   */
  | { state: "not_submitted"; vendorOrderId?: string }
  | { state: "failed"; vendorOrderId?: string; reason: string }
  | { state: "reversed"; vendorOrderId?: string }
  | { state: "refunded"; vendorOrderId?: string }
  | { state: "not_found" };

export interface OrderRef {
  cinema: CinemaRef;
  showtime: ShowtimeRef;
  orderId: string;
  vendorLockId: string;
  vendorOrderId?: string;
  lockVendorData?: Record<string, unknown>;
  /** Data the connector stored on earlier steps (VISTA booking id, …). */
  vendorData?: Record<string, unknown>;
  totalFen: Fen;
}
