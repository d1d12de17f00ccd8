import { Type } from "@sinclair/typebox";
import { ItemsOf, Literals, Text } from "./common.js";

/** Response schemas of the vendor directory (routes/admin/vendor-directory.ts, ops/vendor-directory.ts). */

const Str = Type.String();

const Health = Type.Object({
  accountId: Str,
  vendor: Str,
  calls: Type.Integer(),
  errors: Type.Integer(),
  errorRate: Type.Number(),
  p95Ms: Type.Number(),
  topErrors: Type.Array(Type.Tuple([Str, Type.Integer()])),
  status: Literals(["ok", "errors", "slow", "quiet"]),
});

export const VendorDirectoryList = ItemsOf(
  Type.Object({
    id: Str,
    names: Text,
    kind: Literals(["seats", "vouchers", "directory"]),
    status: Literals(["connected", "directory"]),
    statusText: Text,
    contact: Type.Object({ phone: Type.Optional(Str), group: Type.Optional(Str) }),
    quirks: Type.Object({
      internalCodeIsNational: Type.Boolean(),
      showtimeDateOffsetDays: Type.Integer(),
      noShowtimesFix: Type.Optional(Text),
      notOnSaleFix: Type.Optional(Text),
    }),
    documents: Type.Array(Type.Object({ file: Str, section: Type.Optional(Str), url: Str })),
    accounts: Type.Integer(),
    cinemas: Type.Integer(),
    health: Type.Array(Health),
  }),
);

/** A vendor document's text (text/plain or text/markdown). */
export const VendorDocText = Type.String();
