import type { SimContext } from "../core/context.js";
import type { Cinema, Hall, MemberCard, Showtime } from "../core/dataset-types.js";
import { seededRandom } from "../core/faults.js";
import type { Args } from "./envelope.js";
import { compactDate } from "./time.js";

/** Everything the ykse simulator remembers between calls. Lives inside one simulator instance. */

/** Seat locks live 15 minutes: the document gives no figure, this is the platform default (DESIGN.md). */
export const LOCK_TTL_MS = 15 * 60_000;
/** Seats per lock; the document leaves it to the cinema's ground system. */
export const MAX_SEATS_PER_LOCK = 6;
/** Reversal is allowed from 12 minutes after the confirm request (doc 002 §5.13 note 1). */
export const REVERSE_AFTER_MS = 12 * 60_000;
/** refundLimitCount reported by getCinemas and enforced per schedule. */
export const REFUND_LIMIT_PER_SCHEDULE = 100;

export interface Lock {
  lockOrderId: string;
  outLockId: string;
  channelCode: string;
  cinemaCode: string;
  scheduleId: string;
  seatIds: string[];
  createdAt: number;
  expiresAt: number;
  status: "locked" | "released" | "confirmed";
}

export interface TicketRec {
  ticketNo: string;
  seatId: string;
  seatCode: string;
  sectionId: string;
  sectionName: string;
  rowId: string;
  columnId: string;
  priceFen: number;
  feeFen: number;
  infoCode: string;
}

export interface GoodsLine {
  goodsId: string;
  name: string;
  salePriceFen: number;
  count: number;
  isPackage: boolean;
}

export type GoodsStatus =
  | "wait_goods"
  | "goods_success"
  | "goods_failed"
  | "refunding"
  | "refund_success"
  | "refund_failed";

export interface CardCharge {
  cardNumber: string;
  amountFen: number;
  seats: number;
  recordIndex: number;
}

export interface GoodsOrderRec {
  goodsOrderId: string;
  holdId: string;
  pickUpCode: string;
  cinemaCode: string;
  channelCode: string;
  thirdOrderId?: string;
  requestHash?: string;
  lines: GoodsLine[];
  totalFen: number;
  status: GoodsStatus;
  createdAt: number;
  charges: CardCharge[];
}

export type OrderStatus =
  | "wait_ticket"
  | "ticket_success"
  | "ticket_failed"
  | "refunding"
  | "refund_success"
  | "refund_failed"
  | "reverse_success";

export interface OrderRec {
  orderId: string;
  lockOrderId: string;
  kind: "ticket" | "mix";
  requestHash: string;
  cinemaCode: string;
  channelCode: string;
  scheduleId: string;
  showtimeId: string;
  mobile: string;
  bookingId: string;
  confirmationId: string;
  tickets: TicketRec[];
  goods?: GoodsOrderRec;
  status: OrderStatus;
  confirmAt: number;
  /** Slow issue: when the ground system answers, and how. */
  issueDueAt?: number;
  issueOutcome: "success" | "fail";
  issuedAt?: number;
  printedAt?: number;
  charges: CardCharge[];
  benefit?: { cardNumber: string; count: number; day: string };
}

export interface CardRecord {
  kind: "consume" | "recharge" | "points";
  at: number;
  cinemaCode: string;
  amountFen: number;
  refundFen: number;
  beforeFen: number;
  afterFen: number;
  seats: number;
  refundSeats: number;
  bookingId: string;
  filmCode: string;
  shortName: string;
  points: number;
  mode: string;
  description: string;
}

/** §7.7 cardStatus: N normal, R 挂失 (lost), G 换卡 (replaced), C 注销 (cancelled), T 过期 (expired), U 用完 (used up). */
export type CardStatusCode = "N" | "R" | "G" | "C" | "T" | "U";

export interface CardState {
  cardNumber: string;
  cinemaCode: string;
  gradeId: string;
  status: CardStatusCode;
  password: string;
  balanceFen: number;
  mobile: string;
  cardUserName: string;
  idCard: string;
  address: string;
  birthdate: string;
  email: string;
  gender: string;
  registerDate: string;
  validateDate: string;
  accumulationPoints: number;
  tradePoints: number;
  rechargeTimes: number;
  consumptionTimes: number;
  records: CardRecord[];
}

export interface CardOrder {
  cardOrderId: string;
  outTradeNo: string;
  requestHash: string;
  cinemaCode: string;
  cardNumber: string;
  orderType: "register" | "recharge" | "modifypoints";
  amountFen?: number;
  points?: number;
  description: string;
  createdAt: number;
  /** The answer given the first time; replayed for the same outTradeNo (idempotency). */
  result: Record<string, unknown>;
}

export interface BenefitPolicy {
  code: string;
  name: string;
  description: string;
  dailyDiscountTickets?: number;
  eachShowDiscountTickets?: number;
  totalDiscountTickets?: number;
  registerFen: number;
  validDays: number;
  status: "enable" | "disable";
  renewFen?: number;
  addValidDays: number;
  renewDiscountTickets?: number;
  /** Cinema internal codes; empty = every ykse cinema. */
  cinemas: string[];
  /** Benefit pay price per ticket = list price × rate, floored at the lowest price. */
  priceRate: number;
}

export interface BenefitCard {
  number: string;
  policyCode: string;
  mobile: string;
  cardUserName: string;
  idcard: string;
  registerDate: string;
  startAt: number;
  endAt: number;
  status: "N" | "T" | "S";
  available?: number;
  /** business date → tickets used that day; scheduleId → tickets used on that show */
  usedByDay: Map<string, number>;
  usedByShow: Map<string, number>;
}

export interface BenefitOrder {
  benefitCardOrderId: string;
  outTradeNo: string;
  requestHash: string;
  cardNumber: string;
  orderType: "register" | "renew" | "consume";
  amountFen: number;
  description: string;
  createdAt: number;
  result: Record<string, unknown>;
}

/** Canonical JSON (sorted keys) used to compare a retried request with the first one. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Args;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

export class YkseState {
  readonly locks = new Map<string, Lock>();
  readonly orders = new Map<string, OrderRec>();
  readonly ordersByLock = new Map<string, string>();
  readonly goodsOrders = new Map<string, GoodsOrderRec>();
  readonly goodsByThirdId = new Map<string, string>();
  readonly cards = new Map<string, CardState>();
  readonly cardOrders = new Map<string, CardOrder>();
  readonly cardOrdersByTradeNo = new Map<string, string>();
  readonly benefitCards = new Map<string, BenefitCard>();
  readonly benefitOrders = new Map<string, BenefitOrder>();
  readonly benefitOrdersByTradeNo = new Map<string, string>();
  readonly refundsBySchedule = new Map<string, number>();
  readonly policies: BenefitPolicy[] = defaultPolicies();
  private seq = 0;
  private readonly random: () => number;

  /** `vendor`: whose cinemas of the data set this gateway serves (ykse, or yunzhi's lark gateway). */
  constructor(
    readonly ctx: SimContext,
    readonly vendor: string = "ykse",
  ) {
    this.random = seededRandom(ctx.dataset.seed ^ 0x79_6b_73_65);
  }

  now(): number {
    return this.ctx.clock.now();
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += Math.floor(this.random() * 10);
    return s;
  }

  /** "20160114XXX68100000031"-shaped ids (lockOrderId, orderId, cardOrderId …). */
  platformId(cinemaCode: string): string {
    return `${compactDate(this.now())}XXX${cinemaCode}${String(this.nextSeq()).padStart(8, "0")}`;
  }

  /** 16-digit ground-system numbers (bookingId, confirmationId, ticketNo). */
  groundNo(): string {
    return compactDate(this.now()).slice(2) + String(this.nextSeq()).padStart(4, "0").slice(-4) + this.digits(6);
  }

  // --- data set look-ups ------------------------------------------------------------------------

  ykseCinemas(): Cinema[] {
    return this.ctx.dataset.cinemas.filter((c) => c.vendor === this.vendor);
  }

  cinemaByCode(code: string): Cinema | undefined {
    return this.ykseCinemas().find((c) => c.internalCode === code);
  }

  showtime(id: string): Showtime | undefined {
    return this.ctx.dataset.showtimes.find((s) => s.id === id);
  }

  hallOf(cinema: Cinema, hallId: string): Hall | undefined {
    return cinema.halls.find((h) => h.id === hallId);
  }

  /** Member cards are copied from the data set on first use, then mutated here only. */
  card(cardNumber: string): CardState | undefined {
    const have = this.cards.get(cardNumber);
    if (have) return have;
    const src: MemberCard | undefined = this.ctx.dataset.cards.find((c) => c.cardNo === cardNumber);
    if (!src) return undefined;
    const cinema = this.ctx.dataset.cinemas.find((c) => c.id === src.cinemaId);
    if (cinema?.vendor !== this.vendor) return undefined;
    const base = this.ctx.dataset.baseTime;
    const state: CardState = {
      cardNumber: src.cardNo,
      cinemaCode: cinema.internalCode,
      gradeId: src.gradeId,
      status: "N",
      password: src.password,
      balanceFen: src.balanceFen,
      mobile: src.mobile,
      cardUserName: `会员${src.cardNo.slice(-4)}`,
      idCard: "",
      address: "",
      birthdate: "",
      email: "",
      gender: "",
      registerDate: new Date(base - 180 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10),
      validateDate: new Date(base + 365 * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10),
      accumulationPoints: 0,
      tradePoints: 0,
      rechargeTimes: 0,
      consumptionTimes: 0,
      records: [],
    };
    this.cards.set(cardNumber, state);
    return state;
  }

  // --- seats -------------------------------------------------------------------------------------

  /** Lazily applies time: slow issues that are due settle now. */
  settle(order: OrderRec): OrderRec {
    if (order.status === "wait_ticket" && order.issueDueAt !== undefined && this.now() >= order.issueDueAt) {
      if (order.issueOutcome === "success") {
        order.status = "ticket_success";
        order.issuedAt = order.issueDueAt;
        if (order.goods) order.goods.status = "goods_success";
      } else {
        order.status = "ticket_failed";
        if (order.goods) order.goods.status = "goods_failed";
        this.refundCharges(order.charges);
        this.releaseBenefit(order);
      }
    }
    return order;
  }

  /** Seats of a schedule that cannot be sold now, except those held by `exceptLock`. */
  unavailableSeats(scheduleId: string, exceptLock?: string): Set<string> {
    const now = this.now();
    const out = new Set<string>();
    for (const lock of this.locks.values()) {
      if (lock.scheduleId !== scheduleId || lock.lockOrderId === exceptLock) continue;
      if (lock.status === "locked" && lock.expiresAt > now) for (const s of lock.seatIds) out.add(s);
    }
    for (const order of this.orders.values()) {
      if (order.scheduleId !== scheduleId) continue;
      this.settle(order);
      if (order.status === "wait_ticket" || order.status === "ticket_success" || order.status === "refund_failed") {
        for (const t of order.tickets) out.add(t.seatId);
      }
    }
    return out;
  }

  refundCharges(charges: CardCharge[]): void {
    for (const ch of charges) {
      const card = this.card(ch.cardNumber);
      if (!card) continue;
      card.balanceFen += ch.amountFen;
      const rec = card.records[ch.recordIndex];
      if (rec) {
        rec.refundFen += ch.amountFen;
        rec.refundSeats += ch.seats;
      }
    }
  }

  releaseBenefit(order: OrderRec): void {
    if (!order.benefit) return;
    const card = this.benefitCards.get(order.benefit.cardNumber);
    if (!card) return;
    const n = order.benefit.count;
    if (card.available !== undefined) card.available += n;
    const show = card.usedByShow.get(order.scheduleId) ?? 0;
    card.usedByShow.set(order.scheduleId, Math.max(0, show - n));
    const day = card.usedByDay.get(order.benefit.day) ?? 0;
    card.usedByDay.set(order.benefit.day, Math.max(0, day - n));
    order.benefit = undefined;
  }
}

function defaultPolicies(): BenefitPolicy[] {
  return [
    {
      code: "100001",
      name: "联名卡金卡",
      description: "每场 2 张、每天 4 张、共 50 张优惠票",
      dailyDiscountTickets: 4,
      eachShowDiscountTickets: 2,
      totalDiscountTickets: 50,
      registerFen: 1000,
      validDays: 60,
      status: "enable",
      renewFen: 1000,
      addValidDays: 30,
      renewDiscountTickets: 10,
      cinemas: [],
      priceRate: 0.8,
    },
    {
      code: "100002",
      name: "联名卡停用政策",
      description: "已停用",
      registerFen: 0,
      validDays: 30,
      status: "disable",
      addValidDays: 0,
      cinemas: [],
      priceRate: 0.9,
    },
  ];
}
