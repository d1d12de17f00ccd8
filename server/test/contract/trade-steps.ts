import type { LayoutSeat, SeatLayout, VendorShowtime } from "../../src/domain/catalog.js";
import type { Result } from "../../src/domain/errors.js";
import type {
  CinemaRef,
  LockRequest,
  LockResult,
  OrderRef,
  ShowtimeRef,
  VendorOrderState,
} from "../../src/domain/trade.js";
import type { CinemaConnector } from "../../src/vendors/connector.js";

/**
 * Trade steps the seat connectors' own tests take against their simulators in the same way (pick
 * seats, build the lock request, lock and issue, refer to the order afterwards), so each test file
 * keeps only what its vendor makes different: the fee it declares, the total it confirms with.
 */

/** `n` sellable normal seats from the `skip`th on; `withoutAreas` leaves out seats priced by area. */
export const normalSeats = (layout: SeatLayout, n: number, skip: number, withoutAreas = false): LayoutSeat[] =>
  layout.seats.filter((s) => s.kind === "normal" && !s.broken && !(withoutAreas && s.areaId)).slice(skip, skip + n);

/** The showtime as an order refers to it: only the reference's fields, not the listing's. */
export const showtimeRefOf = (show: VendorShowtime): ShowtimeRef => ({
  vendorShowtimeId: show.vendorShowtimeId,
  vendorHallId: show.vendorHallId,
  startsAt: show.startsAt,
  stopSellingAt: show.stopSellingAt,
  versionKey: show.versionKey,
  vendorData: show.vendorData,
});

export interface SeatLockOrder {
  cinema: CinemaRef;
  showtime: ShowtimeRef;
  seats: readonly LayoutSeat[];
  /** Declared per seat. */
  settleFen: number;
  serviceFeeFen: number;
  mobile: string;
  orderId: string;
}

/** A lock request for layout seats, each declared at the same settle price and fee. */
export const seatLockRequest = (o: SeatLockOrder): LockRequest => ({
  cinema: o.cinema,
  showtime: o.showtime,
  seats: o.seats.map((s) => ({
    vendorSeatId: s.vendorSeatId,
    rowLabel: s.rowLabel,
    colLabel: s.colLabel,
    settleFen: o.settleFen,
    serviceFeeFen: o.serviceFeeFen,
  })),
  mobile: o.mobile,
  orderId: o.orderId,
});

/** The order a lock stands for, as release and query take it (nothing paid yet). */
export const orderRefOf = (req: LockRequest, lockId: string, data?: Record<string, unknown>): OrderRef => ({
  cinema: req.cinema,
  showtime: req.showtime,
  orderId: req.orderId,
  vendorLockId: lockId,
  lockVendorData: data,
  totalFen: 0,
});

/** An issued order as refund, print status and query take it: the lock's ids, the vendor's order id, the total paid. */
export const issuedOrderRef = (
  req: LockRequest,
  lock: LockResult,
  vendorOrderId: string,
  totalFen: number,
): OrderRef => ({
  cinema: req.cinema,
  showtime: req.showtime,
  orderId: req.orderId,
  vendorLockId: lock.vendorLockId,
  lockVendorData: lock.vendorData,
  vendorOrderId,
  totalFen,
});

/** Confirms a lock, first attempt, with the lock's own id and data, declaring `totalFen` paid. */
export const confirmLock = (
  connector: Pick<CinemaConnector, "confirm">,
  req: LockRequest,
  lock: LockResult,
  totalFen: number,
): Promise<Result<VendorOrderState>> =>
  connector.confirm({ ...req, vendorLockId: lock.vendorLockId, lockVendorData: lock.vendorData, totalFen, attempt: 1 });

/** Locks and confirms (first attempt) at `totalFen`; throws unless the vendor says issued. */
export async function lockAndIssue(
  connector: Pick<CinemaConnector, "lock" | "confirm">,
  req: LockRequest,
  totalFen: number,
): Promise<{ lock: LockResult; issued: Extract<VendorOrderState, { state: "issued" }> }> {
  const lock = await connector.lock(req);
  if (!lock.ok) throw new Error(lock.error.message);
  const done = await confirmLock(connector, req, lock.value, totalFen);
  if (!done.ok || done.value.state !== "issued") throw new Error(`not issued: ${JSON.stringify(done)}`);
  return { lock: lock.value, issued: done.value };
}

/** Locks and issues; the order as `issuedOrderRef` gives it, beside the request it was locked with. */
export async function issueOrderRef(
  connector: Pick<CinemaConnector, "lock" | "confirm">,
  req: LockRequest,
  totalFen: number,
): Promise<OrderRef> {
  const { lock, issued } = await lockAndIssue(connector, req, totalFen);
  return { ...req, ...issuedOrderRef(req, lock, issued.vendorOrderId, totalFen) };
}
