import type { Result } from "../domain/errors.js";
import type { Fen } from "../domain/money.js";
import type { CinemaRef } from "../domain/trade.js";

/**
 * Concessions (卖品) as any vendor that sells them exposes them: a menu per cinema, a goods-only
 * order, its query and refund. Vendor-specific extras (mixed ticket + goods orders, multi-pay)
 * live on the vendor's connector.
 */
export interface ConcessionItem {
  vendorGoodsId: string;
  name: string;
  isPackage: boolean;
  /** Price the cinema sells it at (标准价). */
  listFen?: Fen;
  /** Floor the vendor requires us to declare (结算价), when it says. */
  settleFen?: Fen;
  imageUrl?: string;
  description?: string;
  /** Member cards may discount it. */
  memberDiscount?: boolean;
}

export interface ConcessionMenu {
  /** Most items one order may hold, when the vendor says. */
  maxPerOrder?: number;
  items: ConcessionItem[];
}

export interface ConcessionLine {
  vendorGoodsId: string;
  isPackage: boolean;
  count: number;
  /** Unit price declared to the vendor. */
  unitFen: Fen;
  /** Use the buyer's member-card discount on this line. */
  cardDiscount?: boolean;
}

export type ConcessionOrderStatus = "pending" | "done" | "failed" | "refunding" | "refunded" | "refund_failed";

export interface ConcessionOrder {
  vendorOrderId: string;
  status: ConcessionOrderStatus;
  /** Order number at the cinema's counter system. */
  counterOrderId?: string;
  pickupCode?: string;
  totalFen?: Fen;
  feeFen?: Fen;
  lines: Array<{ vendorGoodsId: string; name?: string; unitFen?: Fen; count: number; isPackage?: boolean }>;
}

export interface ConcessionsConnector {
  listGoods(cinema: CinemaRef): Promise<Result<ConcessionMenu>>;
  /** `orderId` is ours; the vendor's idempotency token is derived from it. */
  confirmGoodsOrder(req: {
    cinema: CinemaRef;
    orderId: string;
    mobile: string;
    lines: ConcessionLine[];
  }): Promise<Result<ConcessionOrder>>;
  queryGoodsOrder(cinema: CinemaRef, vendorOrderId: string): Promise<Result<ConcessionOrder>>;
  refundGoodsOrder(cinema: CinemaRef, vendorOrderId: string): Promise<Result<void>>;
}
