/**
 * The read calls of the Vendor query page (doc 000 §三 系统商查询模块), in the page's order.
 * `needs` lists the inputs each call takes; `ykseOnly` calls exist only on connectors with member
 * cards or ykse's extra trade calls.
 */
export const VENDOR_QUERY_CALLS = {
  cinemas: { needs: [] },
  cinema: { needs: [] },
  halls: { needs: [] },
  hallSeats: { needs: ["hallId"] },
  showtimes: { needs: ["date"] },
  seatStatus: { needs: ["showtimeId"] },
  orderDetail: { needs: ["orderId"] },
  ticketInfo: { needs: ["orderId"] },
  cardGrades: { needs: [], memberCards: true },
  cardLogin: { needs: ["cardNumber", "cardPassword"], memberCards: true },
  cardPrice: { needs: ["cardNumber", "showtimeId"], memberCards: true },
} as const satisfies Record<string, { needs: readonly string[]; memberCards?: boolean }>;

export type VendorQueryCall = keyof typeof VENDOR_QUERY_CALLS;
export const VENDOR_QUERY_CALL_NAMES = Object.keys(VENDOR_QUERY_CALLS) as VendorQueryCall[];

export interface VendorQueryParams {
  hallId?: string;
  date?: string;
  days?: number;
  showtimeId?: string;
  orderId?: string;
  /** ykse ticket info: the vendor's confirmation id, when known without an order of ours. */
  confirmationId?: string;
  cardNumber?: string;
  cardPassword?: string;
}
