import type { Result } from "../domain/errors.js";
import type { Fen } from "../domain/money.js";
import type { CinemaRef } from "../domain/trade.js";

/**
 * Cinema member cards (会员卡) and co-branded benefit cards (联名卡) as vendors expose them.
 * Passwords are taken in plain text (6 digits) and encrypted by the connector as its vendor
 * requires; they are never stored or logged. Points are decimal numbers (two places).
 */
export type MemberCardKind = "stored_value" | "benefit" | "gift" | "count";
export type MemberCardStatus = "active" | "lost" | "replaced" | "cancelled" | "expired" | "used_up";

export interface HallDiscount {
  hallType: string;
  /** rate: percent of the price; amount: fen off; fixed: fen price; count: uses per ticket. */
  kind: "rate" | "amount" | "fixed" | "count";
  value: number;
}

export interface MemberCardGrade {
  gradeId: string;
  name: string;
  kind: MemberCardKind;
  goodsDiscountPercent?: number;
  maxDiscountTicketsPerDay?: number;
  maxDiscountTicketsPerShow?: number;
  minRechargeFen?: Fen;
  cardCostFen?: Fen;
  memberFeeFen?: Fen;
  firstRechargeFen?: Fen;
  validityMonths?: number;
  rechargeExtends?: boolean;
  rechargeExtensionFen?: Fen;
  hallDiscounts: HallDiscount[];
}

export interface MemberCardHolder {
  name?: string;
  mobile?: string;
  idCard?: string;
  address?: string;
  birthdate?: string;
  email?: string;
  gender?: string;
}

export interface MemberCard extends MemberCardHolder {
  cardNumber: string;
  issuerCinemaId: string;
  gradeId: string;
  gradeName: string;
  kind: MemberCardKind;
  status: MemberCardStatus;
  usable: boolean;
  rechargeable: boolean;
  minRechargeFen?: Fen;
  validUntil?: string;
  registeredOn?: string;
  rechargeCount?: number;
  consumptionCount?: number;
}

export interface MemberCardBalance {
  cardNumber: string;
  balanceFen?: Fen;
  remainingUses?: number;
  accumulatedPoints?: number;
  tradePoints?: number;
}

/** Result of a card order (register, recharge, points) — idempotent by our trade number. */
export interface MemberCardOrder {
  vendorOrderId: string;
  outTradeNo: string;
  cardNumber?: string;
  status: "pending" | "success" | "failed";
  kind?: "register" | "recharge" | "points";
  amountFen?: Fen;
  points?: number;
  balanceFen?: Fen;
  remainingUses?: number;
  accumulatedPoints?: number;
  tradePoints?: number;
  description?: string;
  createdAt?: number;
}

export interface MemberTicketPrice {
  ticketType: string;
  memberPrice: boolean;
  priceFen: Fen;
  maxTickets?: number;
  tradePoints?: number;
}

export interface MemberCardRecord {
  at: number;
  cinemaId?: string;
  kind: "consume" | "recharge" | "points";
  amountFen?: Fen;
  refundFen?: Fen;
  balanceBeforeFen?: Fen;
  balanceAfterFen?: Fen;
  points?: number;
  refundPoints?: number;
  seats?: number;
  refundSeats?: number;
  bookingId?: string;
  filmCode?: string;
  filmTitle?: string;
  description?: string;
}

export interface ShowRef {
  cinema: CinemaRef;
  vendorShowtimeId: string;
  versionKey?: string;
  /** Vendor section of the seats (ykse 场区). */
  sectionId?: string;
}

export interface MemberCardsConnector {
  grades(cinema: CinemaRef): Promise<Result<MemberCardGrade[]>>;
  register(req: {
    cinema: CinemaRef;
    gradeId: string;
    outTradeNo: string;
    password: string;
    cardCostFen: Fen;
    memberFeeFen: Fen;
    firstRechargeFen: Fen;
    holder: MemberCardHolder & { mobile: string };
  }): Promise<Result<MemberCardOrder>>;
  recharge(req: {
    cinema: CinemaRef;
    cardNumber: string;
    outTradeNo: string;
    amountFen: Fen;
    description?: string;
  }): Promise<Result<MemberCardOrder>>;
  updatePoints(req: {
    cinema: CinemaRef;
    cardNumber: string;
    outTradeNo: string;
    points: number;
    description?: string;
  }): Promise<Result<MemberCardOrder>>;
  changePassword(
    cinema: CinemaRef,
    cardNumber: string,
    oldPassword: string,
    newPassword: string,
  ): Promise<Result<void>>;
  updateHolder(
    cinema: CinemaRef,
    cardNumber: string,
    password: string,
    holder: MemberCardHolder,
  ): Promise<Result<void>>;
  detail(cinema: CinemaRef, cardNumber: string): Promise<Result<MemberCard>>;
  balance(cinema: CinemaRef, cardNumber: string, password: string): Promise<Result<MemberCardBalance>>;
  discountTickets(
    show: ShowRef,
    cardNumber: string,
  ): Promise<Result<{ maxDiscountTickets: number; usesPerTicket?: number }>>;
  ticketPrices(
    show: ShowRef,
    cardNumber: string,
  ): Promise<Result<{ maxDiscountTickets?: number; usesPerTicket?: number; prices: MemberTicketPrice[] }>>;
  order(ref: { vendorOrderId?: string; outTradeNo?: string }): Promise<Result<MemberCardOrder>>;
  consumeRecords(
    cinema: CinemaRef,
    cardNumber: string,
    fromDate: string,
    toDate: string,
  ): Promise<Result<MemberCardRecord[]>>;
  rechargeRecords(
    cinema: CinemaRef,
    cardNumber: string,
    fromDate: string,
    toDate: string,
  ): Promise<Result<MemberCardRecord[]>>;
  pointsRecords(
    cinema: CinemaRef,
    cardNumber: string,
    fromDate: string,
    toDate: string,
  ): Promise<Result<MemberCardRecord[]>>;
}

// --- co-branded benefit cards (联名卡) ------------------------------------------------------------

export interface BenefitPolicy {
  policyCode: string;
  name: string;
  description?: string;
  enabled: boolean;
  dailyDiscountTickets?: number;
  eachShowDiscountTickets?: number;
  totalDiscountTickets?: number;
  registerFen?: Fen;
  validDays?: number;
  renewFen?: Fen;
  renewAddsDays?: number;
  renewAddsTickets?: number;
  cinemaIds: string[];
}

export interface BenefitCard {
  cardNumber: string;
  policyCode?: string;
  policyName?: string;
  status: "active" | "expired" | "disabled";
  mobile?: string;
  holderName?: string;
  idCard?: string;
  validFrom?: string;
  validUntil?: string;
  dailyDiscountTickets?: number;
  eachShowDiscountTickets?: number;
  totalDiscountTickets?: number;
  remainingTickets?: number;
  remainingTodayTickets?: number;
}

export interface BenefitCardOrder {
  vendorOrderId: string;
  outTradeNo?: string;
  cardNumber?: string;
  status: "pending" | "success" | "failed";
  kind?: "register" | "renew" | "consume";
  amountFen?: Fen;
  description?: string;
  createdAt?: number;
  card?: BenefitCard;
  validUntil?: string;
  remainingTickets?: number;
}

export interface BenefitCardsConnector {
  policies(): Promise<Result<BenefitPolicy[]>>;
  register(req: {
    policyCode: string;
    outTradeNo: string;
    mobile: string;
    registerFen: Fen;
    holderName?: string;
    idCard?: string;
  }): Promise<Result<BenefitCardOrder>>;
  renew(req: {
    cardNumber: string;
    outTradeNo: string;
    mobile: string;
    renewFen: Fen;
  }): Promise<Result<BenefitCardOrder>>;
  detail(cardNumber: string): Promise<Result<BenefitCard>>;
  order(ref: { vendorOrderId?: string; outTradeNo?: string }): Promise<Result<BenefitCardOrder>>;
}
