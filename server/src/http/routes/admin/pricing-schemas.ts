import { Type } from "@sinclair/typebox";
import { Text } from "./responses/common.js";

/** TypeBox shapes of the pricing-rule admin API (shared/API.md "Pricing rules"), requests and answers. */

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Ids = Type.Array(Id, { minItems: 1, maxItems: 500 });
const Label = Type.String({ minLength: 1, maxLength: 32 });

export const RuleScopeSchema = Type.Object(
  {
    channels: Type.Optional(Ids),
    cinemaIds: Type.Optional(Ids),
    cityCodes: Type.Optional(Type.Array(Type.String({ pattern: "^\\d{6}$" }), { minItems: 1, maxItems: 500 })),
    vendors: Type.Optional(Type.Array(Label, { minItems: 1, maxItems: 50 })),
    filmIds: Type.Optional(Ids),
    versions: Type.Optional(Type.Array(Label, { minItems: 1, maxItems: 50 })),
    hallTypes: Type.Optional(Type.Array(Label, { minItems: 1, maxItems: 50 })),
    weekdays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 })),
    timeFrom: Type.Optional(Type.String({ pattern: "^([01]\\d|2[0-3]):[0-5]\\d$", description: "HH:mm China time" })),
    timeTo: Type.Optional(
      Type.String({ pattern: "^([01]\\d|2[0-3]):[0-5]\\d$", description: "HH:mm; before timeFrom wraps midnight" }),
    ),
    dateFrom: Type.Optional(Type.String({ format: "date" })),
    dateTo: Type.Optional(Type.String({ format: "date" })),
  },
  { additionalProperties: false },
);

export const PriceSpecSchema = Type.Object(
  {
    base: Type.Union([Type.Literal("list"), Type.Literal("settle"), Type.Literal("lowest")]),
    op: Type.Union([Type.Literal("fixed"), Type.Literal("add"), Type.Literal("percent")]),
    /** fixed: 0.01–10 000 yuan; add: ±1 000 yuan. */
    valueFen: Type.Optional(Type.Integer({ minimum: -100_000, maximum: 1_000_000 })),
    percent: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, multipleOf: 0.01 })),
    roundToFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

export const RuleInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    enabled: Type.Boolean(),
    priority: Type.Optional(Type.Integer({ minimum: -1000, maximum: 1000 })),
    scope: RuleScopeSchema,
    price: PriceSpecSchema,
    serviceFeeFen: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    subsidy: Type.Optional(
      Type.Boolean({ description: "sell below the vendor's floor; the platform pays the difference" }),
    ),
  },
  { additionalProperties: false },
);

export const RuleSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  enabled: Type.Boolean(),
  priority: Type.Integer(),
  scope: RuleScopeSchema,
  price: PriceSpecSchema,
  serviceFeeFen: Type.Optional(Type.Integer()),
  subsidy: Type.Boolean(),
  specificity: Type.Integer(),
  /** The caller may change it (operators: only rules scoped to their own cinemas). */
  editable: Type.Boolean(),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
  updatedBy: Type.String(),
});

export const RuleInputAnswer = Type.Object({
  name: Type.String(),
  enabled: Type.Boolean(),
  priority: Type.Optional(Type.Integer()),
  scope: RuleScopeSchema,
  price: PriceSpecSchema,
  serviceFeeFen: Type.Optional(Type.Integer()),
  subsidy: Type.Optional(Type.Boolean()),
});

export const HistoryItemSchema = Type.Object({
  id: Type.String(),
  ruleId: Type.String(),
  version: Type.Integer(),
  action: Type.Union([
    Type.Literal("create"),
    Type.Literal("update"),
    Type.Literal("enable"),
    Type.Literal("disable"),
    Type.Literal("delete"),
  ]),
  actor: Type.String(),
  at: Type.String({ format: "date-time" }),
  before: Type.Union([RuleInputAnswer, Type.Null()]),
  after: Type.Union([RuleInputAnswer, Type.Null()]),
});

export const PreviewSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      showtimeId: Type.String(),
      cinemaId: Type.String(),
      cinemaName: Type.String(),
      filmTitle: Type.String(),
      hallName: Type.String(),
      startsAt: Type.String(),
      channel: Type.String(),
      oldSaleFen: Type.Integer(),
      newSaleFen: Type.Integer(),
      clamped: Type.Boolean(),
      subsidyFen: Type.Integer(),
      areas: Type.Array(
        Type.Object({
          areaId: Type.String(),
          areaName: Type.Optional(Type.String()),
          oldSaleFen: Type.Integer(),
          newSaleFen: Type.Integer(),
          clamped: Type.Boolean(),
        }),
      ),
    }),
  ),
  total: Type.Integer(),
  clampedCount: Type.Integer(),
  subsidyFen: Type.Integer(),
  truncated: Type.Boolean(),
});

const SeatPriceSchema = Type.Object({
  saleFen: Type.Integer(),
  serviceFeeFen: Type.Integer(),
  clamped: Type.Boolean(),
  subsidyFen: Type.Integer(),
});

export const ExplainSchema = Type.Object({
  showtimeId: Type.String(),
  channel: Type.String(),
  /** The channel sells this showtime's cinema (otherwise the answer is what it would pay). */
  channelSells: Type.Boolean(),
  showtime: Type.Object({
    cinemaId: Type.String(),
    cinemaName: Type.String(),
    filmTitle: Type.String(),
    hallName: Type.String(),
    startsAt: Type.String(),
    version: Type.String(),
    hallType: Type.String(),
    listFen: Type.Integer(),
    settleFen: Type.Integer(),
    floorFen: Type.Integer(),
  }),
  considered: Type.Array(
    Type.Object({
      ruleId: Type.String(),
      name: Type.String(),
      specificity: Type.Integer(),
      priority: Type.Integer(),
      matched: Type.Boolean(),
      field: Type.Optional(Type.String()),
      reason: Type.Optional(Text),
      chosen: Type.Boolean(),
    }),
  ),
  ruleId: Type.Optional(Type.String()),
  steps: Type.Array(Type.Object({ step: Type.String(), fen: Type.Integer(), note: Text })),
  price: Type.Intersect([
    SeatPriceSchema,
    Type.Object({
      ruleId: Type.Optional(Type.String()),
      areas: Type.Array(
        Type.Intersect([
          SeatPriceSchema,
          Type.Object({ areaId: Type.String(), areaName: Type.Optional(Type.String()) }),
        ]),
      ),
    }),
  ]),
});

export const BulkSchema = Type.Object(
  { ids: Type.Array(Id, { minItems: 1, maxItems: 500 }), enabled: Type.Boolean() },
  { additionalProperties: false },
);

export const BulkAnswer = Type.Object({
  updated: Type.Array(Type.String()),
  /** Rules left as they were, each with why (not found, not yours, would conflict). */
  refused: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), message: Type.String() })),
});
