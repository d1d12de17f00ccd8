import { type Fen, yuanToFen } from "../../domain/money.js";
import { parseChinaLocal } from "../../domain/time.js";
import type { Voucher, VoucherCinema, VoucherCity, VoucherKind, VoucherRegion } from "../vouchers.js";
import { cardStatuses } from "./codes.js";

type W = Record<string, unknown>;

export const list = (data: W, name: string): W[] => {
  const v = data[name];
  if (Array.isArray(v)) return v.filter((x): x is W => !!x && typeof x === "object");
  // A one-element list sent as an object.
  return v && typeof v === "object" ? [v as W] : [];
};

const str = (w: W, name: string): string | undefined => {
  const v = w[name];
  if (v === undefined || v === null || typeof v === "object") return undefined;
  const s = String(v).trim();
  return s === "" ? undefined : s;
};

/** Money is yuan with two decimals ("35.00"); undefined when absent or not an amount. */
const fen = (w: W, name: string): Fen | undefined => {
  const s = str(w, name);
  if (s === undefined) return undefined;
  try {
    return yuanToFen(s);
  } catch {
    return undefined;
  }
};

const int = (w: W, name: string): number | undefined => {
  const s = str(w, name);
  return s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;
};

/** `Y-m-d H:i:s` China time; empty for "not yet". */
const time = (w: W, name: string): number | undefined => {
  const s = str(w, name);
  if (s === undefined || s.startsWith("0000")) return undefined;
  try {
    return parseChinaLocal(s);
  } catch {
    return undefined;
  }
};

/** cities: code_id, parent_id, code_name, remark (doc 004 example). */
export const toCity = (w: W): VoucherCity => ({
  cityId: str(w, "code_id") ?? "",
  parentId: str(w, "parent_id"),
  name: str(w, "code_name") ?? "",
  abbreviation: str(w, "remark"),
});

/** regionsByCity: the same shape as cities (our definition). */
export const toRegion = (w: W, cityId: string): VoucherRegion => ({
  regionId: str(w, "code_id") ?? "",
  cityId: str(w, "parent_id") ?? cityId,
  name: str(w, "code_name") ?? "",
});

export function toCinema(w: W): VoucherCinema | undefined {
  const priceFen = fen(w, "price");
  const id = str(w, "cinema_id");
  if (priceFen === undefined || id === undefined) return undefined;
  const lat = Number(str(w, "latitude"));
  const lng = Number(str(w, "longitude"));
  return {
    vendorCinemaId: id,
    name: str(w, "cinema_name") ?? "",
    address: str(w, "address"),
    phone: str(w, "tel"),
    cityId: str(w, "city_id"),
    regionId: str(w, "region_id"),
    ...(lat && lng ? { location: { lat, lng } } : {}),
    priceFen,
    marketPriceFen: fen(w, "market_price"),
  };
}

export function toKind(w: W): VoucherKind | undefined {
  const priceFen = fen(w, "price");
  const id = str(w, "kind_id");
  if (priceFen === undefined || id === undefined) return undefined;
  return {
    kindId: id,
    name: str(w, "kind_name") ?? "",
    priceFen,
    marketPriceFen: fen(w, "market_price"),
    validDays: int(w, "valid_days"),
  };
}

/** `card` (our definition): card_no, status, kind_id | cinema_id, num, used_num, price, total_price, times. */
export function toVoucher(w: W): Voucher | undefined {
  const cardNo = str(w, "card_no");
  const vendorStatus = str(w, "status") ?? "";
  const known = cardStatuses[vendorStatus as keyof typeof cardStatuses];
  const unit = fen(w, "price");
  const count = int(w, "num");
  if (!cardNo || !known || unit === undefined || count === undefined) return undefined;
  return {
    cardNo,
    status: known.status,
    vendorStatus,
    kindId: str(w, "kind_id"),
    vendorCinemaId: str(w, "cinema_id"),
    count,
    usedCount: int(w, "used_num") ?? 0,
    unitPriceFen: unit,
    totalFen: fen(w, "total_price") ?? unit * count,
    createdAt: time(w, "create_time"),
    activatedAt: time(w, "active_time"),
    expiresAt: time(w, "expire_time"),
    bannedAt: time(w, "ban_time"),
  };
}
