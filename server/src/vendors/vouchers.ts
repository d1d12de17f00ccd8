import type { Result } from "../domain/errors.js";
import type { Fen } from "../domain/money.js";
import type { VendorId } from "./connector.js";

/**
 * Electronic exchange vouchers (电子兑换券, e.g. 灵动创展 doc 004): a product of its own, not a seat
 * ticket. The buyer pays for a card worth N tickets, valid at one cinema or at every cinema of a
 * card kind; the vendor activates it and sends its number and password by SMS after payment, and the
 * buyer exchanges it at the cinema. Flow: list → buy (card created, inactive, with the total to pay)
 * → take the buyer's payment → activate → status / ban.
 */
export interface VoucherCity {
  cityId: string;
  parentId?: string;
  name: string;
  /** Pinyin initials ("bj"). */
  abbreviation?: string;
}

export interface VoucherRegion {
  regionId: string;
  cityId: string;
  name: string;
}

export interface VoucherCinema {
  /** The vendor's cinema id (Lingdong: the 8-digit national code). */
  vendorCinemaId: string;
  name: string;
  address?: string;
  phone?: string;
  cityId?: string;
  regionId?: string;
  location?: { lat: number; lng: number };
  /** Per-ticket price of a voucher for this cinema (or of the kind, in a by-kind list). */
  priceFen: Fen;
  /** The price it stands against (box-office price), when the vendor says. */
  marketPriceFen?: Fen;
}

export interface VoucherKind {
  kindId: string;
  name: string;
  priceFen: Fen;
  marketPriceFen?: Fen;
  validDays?: number;
}

export type VoucherStatus = "inactive" | "active" | "used" | "banned";

export interface Voucher {
  cardNo: string;
  status: VoucherStatus;
  /** The vendor's own status code, for support staff. */
  vendorStatus: string;
  kindId?: string;
  vendorCinemaId?: string;
  /** Tickets on the card, and how many were exchanged. */
  count: number;
  usedCount: number;
  unitPriceFen: Fen;
  /** What the buyer must pay for the card (unit price × count). */
  totalFen: Fen;
  createdAt?: number;
  activatedAt?: number;
  expiresAt?: number;
  bannedAt?: number;
}

/** A buy is a side effect: `orderId` + `attempt` derive the vendor request id, so a retry is recognisable. */
export interface VoucherBuyBase {
  /** Our voucher order id. */
  orderId: string;
  /** 1 for the first attempt; a new attempt only after the previous one is known not to have happened. */
  attempt?: number;
  /** Tickets on the card. */
  count: number;
  /** The buyer's mobile: the vendor texts the card number and password to it. Never logged. */
  mobile: string;
}

export interface VoucherBuyByCinema extends VoucherBuyBase {
  vendorCinemaId: string;
}

export interface VoucherBuyByKind extends VoucherBuyBase {
  kindId: string;
}

export interface VoucherCardAction {
  cardNo: string;
  /** Our voucher order id and attempt, as for buys. */
  orderId: string;
  attempt?: number;
}

export interface VoucherCapabilities {
  buyByCinema: boolean;
  buyByKind: boolean;
  /** The vendor can report a card's state (Lingdong lists status as 暂不可用). */
  status: boolean;
  ban: boolean;
  /** Most tickets one card may carry. */
  maxTicketsPerCard: number;
}

export interface VoucherConnector {
  readonly vendor: VendorId;
  readonly capabilities: VoucherCapabilities;
  /** Cheap authenticated call for "test connection". */
  ping(): Promise<Result<{ cityCount: number }>>;
  listCities(): Promise<Result<VoucherCity[]>>;
  listRegions(cityId: string): Promise<Result<VoucherRegion[]>>;
  /** Cinemas of a region with the voucher price at each. */
  listCinemasByRegion(regionId: string): Promise<Result<VoucherCinema[]>>;
  listKinds(): Promise<Result<VoucherKind[]>>;
  listCinemasByKind(kindId: string): Promise<Result<VoucherCinema[]>>;
  /** Creates an inactive card for one cinema, with the total to charge the buyer. */
  buyByCinema(req: VoucherBuyByCinema): Promise<Result<Voucher>>;
  /** Creates an inactive card of a kind, with the total to charge the buyer. */
  buyByKind(req: VoucherBuyByKind): Promise<Result<Voucher>>;
  /** After the buyer paid: activates the card; the vendor texts it to the buyer. */
  activate(req: VoucherCardAction): Promise<Result<Voucher>>;
  /** The card's state; `not_found` when the vendor does not know it. */
  status(cardNo: string): Promise<Result<Voucher>>;
  /** Voids a card (before it was used). */
  ban(req: VoucherCardAction): Promise<Result<Voucher>>;
  close(): Promise<void>;
}
