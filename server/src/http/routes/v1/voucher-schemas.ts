import { Type } from "@sinclair/typebox";
import { CHANNEL_VOUCHER_STATUSES } from "../../../domain/voucher-states.js";
import { PageQuery } from "../../schemas.js";

/** Schemas of the voucher routes (API.md "Vouchers"), with the examples the OpenAPI document shows. */

const productExample = {
  productId: "vac_3k9q2m7x1b4d8f0h:cinema:44010101",
  type: "cinema",
  name: "星光影城（天河店）",
  saleFen: 3500,
  marketFen: 6000,
  validDays: null,
  maxCount: 10,
  cinemas: [
    { nationalCode: "44010101", name: "星光影城（天河店）", address: "广州市天河区天河路88号", cinemaId: null },
  ],
};

export const VoucherProductSchema = Type.Object(
  {
    productId: Type.String({ description: "Pass to POST /v1/voucher-orders" }),
    type: Type.Union([Type.Literal("cinema"), Type.Literal("kind")], {
      description: "cinema: valid at one cinema; kind: valid at every cinema of a card kind",
    }),
    name: Type.String(),
    saleFen: Type.Integer({ description: "Price of one ticket on the card, fen" }),
    marketFen: Type.Union([Type.Integer(), Type.Null()], { description: "Box-office price it stands against" }),
    validDays: Type.Union([Type.Integer(), Type.Null()], { description: "Days valid once activated" }),
    maxCount: Type.Integer({ description: "Most tickets one order may carry" }),
    cinemas: Type.Array(
      Type.Object({
        nationalCode: Type.String(),
        name: Type.String(),
        address: Type.Union([Type.String(), Type.Null()]),
        cinemaId: Type.Union([Type.String(), Type.Null()], {
          description: "Our cinema id, when this channel also sells the cinema's seats",
        }),
      }),
      { description: "Where the card is valid, in the asked city" },
    ),
  },
  { examples: [productExample] },
);

export const VoucherProductsQuery = Type.Object({
  cityCode: Type.String({ minLength: 1, maxLength: 16, pattern: "^[0-9A-Za-z]+$", examples: ["440100"] }),
});

export const VoucherProductList = Type.Object({ items: Type.Array(VoucherProductSchema) });

export const CreateVoucherOrder = Type.Object(
  {
    productId: Type.String({ minLength: 1, maxLength: 140 }),
    count: Type.Integer({
      minimum: 1,
      maximum: 100,
      description: "Tickets on the card (at most the product's maxCount)",
    }),
    mobile: Type.String({
      pattern: "^1[3-9]\\d{9}$",
      description: "11-digit mainland China mobile: the vendor texts the card and its password to it",
    }),
  },
  {
    additionalProperties: false,
    examples: [{ productId: productExample.productId, count: 2, mobile: "13800138000" }],
  },
);

export const VoucherOrderSchema = Type.Object(
  {
    id: Type.String(),
    status: Type.Union(CHANNEL_VOUCHER_STATUSES.map((s) => Type.Literal(s))),
    productId: Type.String(),
    productName: Type.Optional(Type.String()),
    count: Type.Integer(),
    mobile: Type.String({ description: "Masked: 138****8000" }),
    unitFen: Type.Optional(Type.Integer()),
    totalFen: Type.Optional(Type.Integer({ description: "What the buyer pays: confirm with exactly this paidFen" })),
    paidFen: Type.Optional(Type.Integer()),
    payment: Type.Optional(Type.Object({ method: Type.String(), tradeNo: Type.String() })),
    vouchers: Type.Array(
      Type.Object({
        code: Type.String({ description: "The card number (its password only reaches the buyer by SMS)" }),
        tickets: Type.Integer(),
        usedTickets: Type.Integer(),
        vendorStatus: Type.Optional(Type.String()),
        expiresAt: Type.Optional(Type.String()),
      }),
    ),
    failure: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    needsAttention: Type.Optional(Type.Boolean()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    activatedAt: Type.Optional(Type.String()),
    bannedAt: Type.Optional(Type.String()),
  },
  {
    examples: [
      {
        id: "vou_7d2kq9x0m3b8c1f5",
        status: "ACTIVE",
        productId: productExample.productId,
        productName: productExample.name,
        count: 2,
        mobile: "138****8000",
        unitFen: 3500,
        totalFen: 7000,
        paidFen: 7000,
        payment: { method: "wechat", tradeNo: "4200001234202612031234567890" },
        vouchers: [
          {
            code: "8800000011234567",
            tickets: 2,
            usedTickets: 0,
            vendorStatus: "1",
            expiresAt: "2027-12-03T20:15:00+08:00",
          },
        ],
        createdAt: "2026-12-03T20:14:02+08:00",
        updatedAt: "2026-12-03T20:15:00+08:00",
        activatedAt: "2026-12-03T20:15:00+08:00",
      },
    ],
  },
);

export const VoucherOrderQuery = Type.Object({
  refresh: Type.Optional(Type.Boolean({ description: "Ask the vendor for the card's state first (used tickets)" })),
});

export const VoucherListQuery = Type.Intersect([
  PageQuery,
  Type.Object({ status: Type.Optional(Type.Union(CHANNEL_VOUCHER_STATUSES.map((s) => Type.Literal(s)))) }),
]);

/** Confirm's Idempotency-Key is optional: confirming again with the same payment is harmless anyway. */
export const OptionalIdempotencyHeaders = Type.Object({
  "idempotency-key": Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: "^[\\x21-\\x7e]+$" })),
});
