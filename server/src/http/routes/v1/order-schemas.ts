import { Type } from "@sinclair/typebox";

/** The order as channels see it (API.md, Orders). Fields not listed here are never serialised. */
export const OrderSchema = Type.Object({
  id: Type.String(),
  status: Type.String(),
  showtimeId: Type.String(),
  seats: Type.Array(
    Type.Object({
      id: Type.String(),
      row: Type.String(),
      col: Type.String(),
      saleFen: Type.Integer(),
      serviceFeeFen: Type.Integer(),
    }),
  ),
  goods: Type.Array(
    Type.Object({ goodsId: Type.String(), name: Type.String(), count: Type.Integer(), saleFen: Type.Integer() }),
  ),
  priceKind: Type.Union([Type.Literal("standard"), Type.Literal("member"), Type.Literal("benefit")]),
  totalFen: Type.Integer(),
  payments: Type.Optional(
    Type.Array(
      Type.Object({
        method: Type.String(),
        amountFen: Type.Integer(),
        tradeNo: Type.Optional(Type.String()),
        cardNoMasked: Type.Optional(Type.String()),
      }),
    ),
  ),
  lockedUntil: Type.Optional(Type.String()),
  paidFen: Type.Optional(Type.Integer()),
  tickets: Type.Optional(Type.Array(Type.Object({ seatId: Type.String(), ticketNo: Type.Optional(Type.String()) }))),
  pickup: Type.Optional(
    Type.Object({
      printCode: Type.Optional(Type.String()),
      verifyCode: Type.Optional(Type.String()),
      qrPayload: Type.Optional(Type.String()),
      instructions: Type.Optional(Type.String()),
    }),
  ),
  repaid: Type.Optional(Type.Boolean()),
  failureReason: Type.Optional(Type.String()),
  lastRefundError: Type.Optional(Type.String()),
  needsAttention: Type.Optional(Type.Boolean()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
