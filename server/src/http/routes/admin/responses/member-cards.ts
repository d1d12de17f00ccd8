import { Type } from "@sinclair/typebox";
import { GoodsList, Grade, Transactions } from "../../v1/member-card-schemas.js";

/** The console's 会员 look-up (members/card-lookup.ts): the channel API's pieces plus what support staff see. */
export const CardLookupSchema = Type.Object({
  cardNoMasked: Type.String(),
  gradeId: Type.String(),
  gradeName: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  usable: Type.Boolean(),
  expiresAt: Type.Optional(Type.String()),
  registeredOn: Type.Optional(Type.String()),
  rechargeCount: Type.Optional(Type.Integer()),
  consumptionCount: Type.Optional(Type.Integer()),
  holder: Type.Object({ name: Type.Optional(Type.String()), mobile: Type.Optional(Type.String()) }),
  lastBalance: Type.Optional(Type.Object({ fen: Type.Integer(), at: Type.String() })),
  records: Transactions,
});

export const MemberOverviewSchema = Type.Object({
  memberCards: Type.Boolean(),
  concessions: Type.Boolean(),
  grades: Type.Optional(Type.Array(Grade)),
  goods: Type.Optional(GoodsList.properties.items),
});
