import { type Static, Type } from "@sinclair/typebox";

const label = (zh: string, en: string) => ({ "x-label": { zh, en } });

/**
 * Per-cinema business settings doc 003 leaves to "影城商务通知"; all optional, an absent one is the
 * connector's default (createVistaConnector). One schema for the Admin API (400 naming the field),
 * the console's form (`x-label`) and the connector's input type. Bounds are what VISTA and our
 * order path can honour, not the document's (it states none).
 */
export const VistaCinemaSettingsSchema = Type.Object(
  {
    /**
     * Minutes before the show when selling stops. VISTA publishes no per-session stop-selling time
     * (§2.2 ④ names the cinema setting ATMTimeShowMovieAfterStart); default 0 = the start time.
     */
    stopSellingMinutes: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 240,
        ...label("停售时间（开场前分钟）", "Stop selling (minutes before start)"),
      }),
    ),
    /** Ticket type codes the cinema told us to sell, in preference order. */
    preferredTicketTypes: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 32 }), {
        maxItems: 20,
        ...label("优先票类代码", "Preferred ticket type codes"),
      }),
    ),
    /** CompleteOrder PaymentInfo (§3.9: 以影城通知为准; default 9999…, CreditCard, CreditCard). */
    payment: Type.Optional(
      Type.Object(
        {
          cardNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 32, ...label("卡号", "Card number") })),
          cardType: Type.Optional(Type.String({ minLength: 1, maxLength: 32, ...label("卡类型", "Card type") })),
          tenderCategory: Type.Optional(
            Type.String({ minLength: 1, maxLength: 32, ...label("支付类别", "Tender category") }),
          ),
        },
        { additionalProperties: false, ...label("支付信息", "Payment info") },
      ),
    ),
    /** §3.12 RefundBookingFee; default true. */
    refundBookingFee: Type.Optional(Type.Boolean(label("退票时退手续费", "Refund the booking fee"))),
    /** §3.9 CustomerPhone 根据影城要求传值; default false. */
    sendCustomerPhone: Type.Optional(Type.Boolean(label("传顾客手机号", "Send the customer's phone"))),
    /** Default 15 (vistaCapabilities.lockTtlMs). */
    lockTtlMinutes: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 60, ...label("锁座时长（分钟）", "Lock TTL (minutes)") }),
    ),
    /** Default 10 (vistaCapabilities.maxSeatsPerOrder). */
    maxSeatsPerOrder: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10, ...label("每单最多座位", "Max seats per order") }),
    ),
  },
  { additionalProperties: false },
);

export type VistaSettings = Static<typeof VistaCinemaSettingsSchema>;
