import { chenxing } from "./chenxing/descriptor.js";
import type { SeatVendorDescriptor, VendorDescriptor, VoucherVendorDescriptor } from "./descriptor.js";
import { dingxin } from "./dingxin/descriptor.js";
import { huofenghuang } from "./huofenghuang/descriptor.js";
import { huolieniao } from "./huolieniao/descriptor.js";
import { huolieniao5 } from "./huolieniao5/descriptor.js";
import { kuaigouyun } from "./kuaigouyun/descriptor.js";
import { lingdong } from "./lingdong/descriptor.js";
import { m1905 } from "./m1905/descriptor.js";
import { mantianxing } from "./mantianxing/descriptor.js";
import { moviefan } from "./moviefan/descriptor.js";
import { vista } from "./vista/descriptor.js";
import { weiyun } from "./weiyun/descriptor.js";
import { ykse } from "./ykse/descriptor.js";
import { yunzhi } from "./yunzhi/descriptor.js";

/**
 * Every vendor Cinegate speaks to: the one registration. The `VendorId` union, the connector
 * factories, the Admin API's credential schemas (and through the OpenAPI document the console's
 * onboarding form), the diagnosis texts and the demo ports all read this list. Adding a vendor is
 * one line here once its folder is ready (docs/adding-a-vendor.md); the order is the console's.
 */
export const vendors = [
  ykse,
  vista,
  moviefan,
  lingdong,
  chenxing,
  dingxin,
  mantianxing,
  m1905,
  huolieniao,
  huolieniao5,
  yunzhi,
  huofenghuang,
  // Directory-only (no public protocol): listed, manual cinema records, never synced.
  kuaigouyun,
  weiyun,
] as const;

export type VendorId = (typeof vendors)[number]["id"];

export const vendorIds: readonly VendorId[] = vendors.map((v) => v.id);

export const isVendorId = (id: string): id is VendorId => vendorIds.includes(id as VendorId);

/** The descriptor of a known vendor; undefined for an id no descriptor claims (e.g. an old row). */
export function vendorOf(id: string): VendorDescriptor | undefined {
  return vendors.find((v) => v.id === id);
}

/** The vendors that sell seats (every one but the voucher sellers). */
export const seatVendors: readonly SeatVendorDescriptor[] = vendors.filter(
  (v): v is Extract<(typeof vendors)[number], { kind: "seats" }> => v.kind === "seats",
);

/** The vendors that sell electronic exchange vouchers (vouchers/). */
export const voucherVendors: readonly VoucherVendorDescriptor[] = vendors.filter(
  (v): v is Extract<(typeof vendors)[number], { kind: "vouchers" }> => v.kind === "vouchers",
);

/** The vendors Cinegate talks to (seats and vouchers): each has a connector, a simulator and a demo port. */
export const connectedVendors = vendors.filter(
  (v): v is Exclude<(typeof vendors)[number], { kind: "directory" }> => v.kind !== "directory",
);

/** The vendors Cinegate only lists (no usable public protocol): their cinemas are never synced. */
export const isDirectoryVendor = (id: string): boolean => vendorOf(id)?.kind === "directory";
