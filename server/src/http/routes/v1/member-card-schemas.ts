import { Type } from "@sinclair/typebox";

/**
 * Schemas of API.md's "Member cards, concessions, benefit cards", each with the example the
 * OpenAPI document shows. A card password is a write-only field: it appears in request bodies
 * only, never in a response schema.
 */
const Fen = (description?: string) =>
  Type.Integer({ minimum: 0, maximum: 100_000_000, ...(description ? { description } : {}) });
const Mobile = Type.String({ pattern: "^1[3-9]\\d{9}$", description: "11-digit mainland China mobile" });
const Password = Type.String({
  pattern: "^\\d{6}$",
  description: "the card's 6-digit password; sent to the vendor encrypted, never stored, logged or echoed",
});
const CardKind = Type.Union(["stored_value", "discount", "benefit", "count"].map((k) => Type.Literal(k)));
const CardStatus = Type.Union(
  ["active", "lost", "replaced", "cancelled", "expired", "used_up"].map((k) => Type.Literal(k)),
);

export const Payment = Type.Object(
  {
    method: Type.Union([Type.Literal("wechat"), Type.Literal("alipay"), Type.Literal("other")]),
    tradeNo: Type.String({ minLength: 1, maxLength: 64, description: "the channel's own payment number" }),
  },
  { additionalProperties: false, description: "the payment the channel already took" },
);

export const CinemaIdParam = Type.Object({ cinemaId: Type.String({ minLength: 1, maxLength: 64 }) });
export const CardRefParam = Type.Object({ cardRef: Type.String({ minLength: 1, maxLength: 64 }) });
export const CardNoParam = Type.Object({ cardNo: Type.String({ pattern: "^[0-9A-Za-z]{1,32}$" }) });

export const Grade = Type.Object({
  gradeId: Type.String(),
  name: Type.String(),
  kind: CardKind,
  onlineSale: Type.Boolean(),
  minRechargeFen: Type.Optional(Type.Integer()),
  cardCostFen: Type.Optional(Type.Integer()),
  memberFeeFen: Type.Optional(Type.Integer()),
  validityMonths: Type.Optional(Type.Integer()),
  note: Type.Optional(Type.String()),
});

export const GradeList = Type.Object(
  { items: Type.Array(Grade) },
  {
    examples: [
      {
        items: [
          {
            gradeId: "01",
            name: "金卡",
            kind: "stored_value",
            onlineSale: true,
            minRechargeFen: 10000,
            cardCostFen: 1000,
            memberFeeFen: 0,
            validityMonths: 12,
          },
        ],
      },
    ],
  },
);

const cardExample = {
  cardRef: "mc_3q2Xw0S9dJ1sKp7xYb2cVw",
  cardNoMasked: "******1230",
  gradeId: "01",
  gradeName: "金卡",
  kind: "stored_value",
  status: "active",
  balanceFen: 50000,
  points: 120,
  expiresAt: "2027-12-03",
};

export const Card = Type.Object(
  {
    cardRef: Type.String({ description: "opaque handle of this card for this channel and cinema" }),
    cardNoMasked: Type.String(),
    gradeId: Type.String(),
    gradeName: Type.String(),
    kind: CardKind,
    status: CardStatus,
    balanceFen: Type.Optional(
      Type.Integer({ description: "present when the vendor answered it (ykse only to a call with the password)" }),
    ),
    points: Type.Optional(Type.Number()),
    expiresAt: Type.Optional(Type.String({ description: "last valid day, YYYY-MM-DD (China time)" })),
  },
  { examples: [cardExample] },
);

export const VerifyBody = Type.Object(
  {
    cinemaId: Type.String({ minLength: 1, maxLength: 64 }),
    cardNo: Type.String({ pattern: "^[0-9A-Za-z]{1,32}$" }),
    password: Password,
  },
  { additionalProperties: false, examples: [{ cinemaId: "cin_1", cardNo: "1000001230", password: "123456" }] },
);

export const RegisterBody = Type.Object(
  {
    cinemaId: Type.String({ minLength: 1, maxLength: 64 }),
    gradeId: Type.String({ minLength: 1, maxLength: 32 }),
    holder: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 40 }),
        mobile: Mobile,
        idCard: Type.Optional(Type.String({ pattern: "^\\d{17}[\\dXx]$" })),
        birthday: Type.Optional(Type.String({ format: "date" })),
      },
      { additionalProperties: false },
    ),
    password: Password,
    initialRechargeFen: Fen("0 or at least the grade's minRechargeFen"),
    payment: Payment,
  },
  {
    additionalProperties: false,
    examples: [
      {
        cinemaId: "cin_1",
        gradeId: "01",
        holder: { name: "张三", mobile: "13800138000" },
        password: "654321",
        initialRechargeFen: 10000,
        payment: { method: "wechat", tradeNo: "4200001234202612030000000001" },
      },
    ],
  },
);

export const RechargeBody = Type.Object(
  { amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }), payment: Payment },
  {
    additionalProperties: false,
    examples: [{ amountFen: 20000, payment: { method: "alipay", tradeNo: "2026120322001400000000000001" } }],
  },
);

export const TransactionsQuery = Type.Object({
  from: Type.Optional(Type.String({ format: "date", description: "first day, YYYY-MM-DD (default: to − 89 days)" })),
  to: Type.Optional(Type.String({ format: "date", description: "last day, YYYY-MM-DD (default: today)" })),
});

export const Transactions = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    items: Type.Array(
      Type.Object({
        kind: Type.Union([Type.Literal("consume"), Type.Literal("recharge"), Type.Literal("points")]),
        at: Type.String({ format: "date-time" }),
        amountFen: Type.Optional(Type.Integer()),
        refundFen: Type.Optional(Type.Integer()),
        balanceAfterFen: Type.Optional(Type.Integer()),
        points: Type.Optional(Type.Number()),
        refundPoints: Type.Optional(Type.Number()),
        seats: Type.Optional(Type.Integer()),
        filmTitle: Type.Optional(Type.String()),
        description: Type.Optional(Type.String()),
      }),
    ),
  },
  {
    examples: [
      {
        from: "2026-09-05",
        to: "2026-12-03",
        items: [
          { kind: "recharge", at: "2026-12-03T02:15:00.000Z", amountFen: 20000, balanceAfterFen: 70000 },
          { kind: "consume", at: "2026-11-28T11:02:00.000Z", amountFen: 7000, seats: 2, filmTitle: "流浪地球" },
        ],
      },
    ],
  },
);

export const GoodsList = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        id: Type.String({ description: "g_… a single item, p_… a package" }),
        name: Type.String(),
        kind: Type.Union([Type.Literal("single"), Type.Literal("package")]),
        saleFen: Type.Integer(),
        memberSaleFen: Type.Optional(Type.Integer()),
        description: Type.Optional(Type.String()),
        imageUrl: Type.Optional(Type.String()),
        available: Type.Boolean(),
      }),
    ),
    maxPerOrder: Type.Optional(Type.Integer()),
  },
  {
    examples: [
      { items: [{ id: "p_8160812223149", name: "爆米花可乐套餐", kind: "package", saleFen: 3500, available: true }] },
    ],
  },
);

export const PoliciesQuery = Type.Object({ cinemaId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) });
export const BenefitCinemaQuery = Type.Object({ cinemaId: Type.String({ minLength: 1, maxLength: 64 }) });

export const PolicyList = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        policyCode: Type.String(),
        name: Type.String(),
        description: Type.Optional(Type.String()),
        enabled: Type.Boolean(),
        registerFen: Type.Optional(Type.Integer()),
        validDays: Type.Optional(Type.Integer()),
        renewFen: Type.Optional(Type.Integer()),
        renewAddsDays: Type.Optional(Type.Integer()),
        renewAddsTickets: Type.Optional(Type.Integer()),
        dailyDiscountTickets: Type.Optional(Type.Integer()),
        eachShowDiscountTickets: Type.Optional(Type.Integer()),
        totalDiscountTickets: Type.Optional(Type.Integer()),
        cinemaIds: Type.Array(Type.String(), { description: "the channel's cinemas the policy applies to" }),
      }),
    ),
  },
  {
    examples: [
      {
        items: [
          {
            policyCode: "BP001",
            name: "银行联名卡",
            enabled: true,
            registerFen: 990,
            validDays: 365,
            dailyDiscountTickets: 2,
            cinemaIds: ["cin_1"],
          },
        ],
      },
    ],
  },
);

export const BenefitCard = Type.Object(
  {
    cardNo: Type.String(),
    policyCode: Type.Optional(Type.String()),
    policyName: Type.Optional(Type.String()),
    status: Type.Union([Type.Literal("active"), Type.Literal("expired"), Type.Literal("disabled")]),
    mobileMasked: Type.Optional(Type.String()),
    validFrom: Type.Optional(Type.String()),
    validUntil: Type.Optional(Type.String()),
    remainingTickets: Type.Optional(Type.Integer()),
    remainingTodayTickets: Type.Optional(Type.Integer()),
  },
  {
    examples: [
      {
        cardNo: "B20261203000001",
        policyCode: "BP001",
        policyName: "银行联名卡",
        status: "active",
        mobileMasked: "138****8000",
        validUntil: "2027-12-03",
        remainingTickets: 24,
      },
    ],
  },
);

export const BenefitRegisterBody = Type.Object(
  {
    cinemaId: Type.String({ minLength: 1, maxLength: 64, description: "one of the channel's cinemas of that system" }),
    policyCode: Type.String({ minLength: 1, maxLength: 32 }),
    mobile: Mobile,
    holderName: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    idCard: Type.Optional(Type.String({ pattern: "^\\d{17}[\\dXx]$" })),
    payment: Payment,
  },
  {
    additionalProperties: false,
    examples: [
      {
        cinemaId: "cin_1",
        policyCode: "BP001",
        mobile: "13800138000",
        payment: { method: "wechat", tradeNo: "wx0001" },
      },
    ],
  },
);

export const BenefitRenewBody = Type.Object(
  { cinemaId: Type.String({ minLength: 1, maxLength: 64 }), mobile: Mobile, payment: Payment },
  {
    additionalProperties: false,
    examples: [{ cinemaId: "cin_1", mobile: "13800138000", payment: { method: "wechat", tradeNo: "wx0002" } }],
  },
);
