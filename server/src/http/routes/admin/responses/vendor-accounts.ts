import { Type } from "@sinclair/typebox";
import { vendors } from "../../../../vendors/all.js";
import { ItemsOf, Literals, VendorError } from "./common.js";

/** Response schemas of vendor accounts and onboarding (routes/admin/vendor-accounts.ts, cinemas.ts). */

const Str = Type.String();

/** A vendor account; its credentials are never answered. */
export const VendorAccountView = Type.Object({
  id: Str,
  vendor: Literals(vendors.map((v) => v.id)),
  name: Str,
  baseUrl: Str,
  ratePerSecond: Type.Integer(),
  createdAt: Type.String({ format: "date-time" }),
});
export const VendorAccountList = ItemsOf(VendorAccountView);

/** "Test connection": the vendor's ping answer, or its error. */
export const ConnectionTest = Type.Object({
  ok: Type.Boolean(),
  cinemaCount: Type.Optional(Type.Integer()),
  error: Type.Optional(VendorError),
});

export const DiscoveredCinemas = Type.Object({
  supported: Type.Boolean(),
  /** Said when the vendor cannot list cinemas or listed none: use the code from its onboarding email. */
  message: Type.Optional(Str),
  items: Type.Array(
    Type.Object({
      vendorCinemaId: Str,
      name: Str,
      nationalCode: Type.Optional(Str),
      city: Type.Optional(Str),
    }),
  ),
});

export const OnboardedCinema = Type.Object({
  id: Str,
  vendor: Str,
  vendorCinemaId: Str,
  name: Str,
  channels: Type.Array(Str),
});

export const SyncQueued = Type.Object({ queued: Type.Boolean(), message: Str });
