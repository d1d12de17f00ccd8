import { demoAccounts } from "../core/accounts.js";
import { decryptSensitive } from "./aes.js";
import { type Args, BizError, optStr, str } from "./envelope.js";
import { parseYuan } from "./money.js";
import type { BenefitCard, CardCharge, CardState, YkseState } from "./state.js";
import { businessDate } from "./time.js";

/**
 * Payment lists of the confirm calls (doc 002 §5.3–5.6, §6.2–6.3): member-card debits (password
 * AES-encrypted per §3) and co-branded benefit-card tickets. Everything is validated first and only
 * applied once the whole order is known to succeed.
 */

export const MULTI_PAY_METHODS = ["Ali", "WeChat", "MemberCard", "Cash", "Corp", "CinemaPay"];

export function cardKey(): string {
  return demoAccounts.ykse.cardKey;
}

/** Decrypts an encrypted card password; undefined when it does not decrypt or verify. */
export function decryptPassword(enc: string): string | undefined {
  return decryptSensitive(enc, cardKey());
}

export function checkPassword(card: CardState, enc: string, code = "CARD_PASSWORD_ERROR"): void {
  // A lost, cancelled or expired card is refused whatever the password (§9.2.9 CARD_NOT_USE_ERROR).
  if (card.status !== "N") throw new BizError("CARD_NOT_USE_ERROR");
  if (decryptPassword(enc) !== card.password) throw new BizError(code);
}

/** Finds the card a payment names; `cinemaLinkId` in payCardInfo is the issuing cinema (异地卡). */
export function payingCard(state: YkseState, orderCinema: string, info: Args, passwordRequired: boolean): CardState {
  const cardNumber = str(info, "cardNumber");
  const card = state.card(cardNumber);
  const issuer = optStr(info, "cinemaLinkId") ?? orderCinema;
  if (!card || card.cinemaCode !== issuer) throw new BizError("CARD_NOT_EXIST_ERROR");
  const pw = optStr(info, "cardPassword");
  if (pw === undefined) {
    if (passwordRequired) throw new BizError("NULL_ARGUMENT", "cardPassword 参数为空");
  } else checkPassword(card, pw);
  return card;
}

export interface BookingInfo {
  cinemaCode: string;
  bookingId: string;
  filmCode: string;
  shortName: string;
  scheduleId: string;
}

export class PaymentPlan {
  readonly debits = new Map<string, { card: CardState; amountFen: number; seats: number }>();
  benefit?: { card: BenefitCard; count: number };

  addDebit(card: CardState, amountFen: number, seats: number): void {
    const d = this.debits.get(card.cardNumber) ?? { card, amountFen: 0, seats: 0 };
    d.amountFen += amountFen;
    d.seats += seats;
    this.debits.set(card.cardNumber, d);
  }

  verify(): void {
    for (const d of this.debits.values()) {
      if (d.card.balanceFen < d.amountFen) throw new BizError("PAYMENT_AMOUNT_ERROR", "会员卡余额不足");
    }
  }

  apply(
    state: YkseState,
    info: BookingInfo,
  ): { charges: CardCharge[]; benefit?: { cardNumber: string; count: number; day: string } } {
    const now = state.now();
    const charges: CardCharge[] = [];
    for (const d of this.debits.values()) {
      const before = d.card.balanceFen;
      d.card.balanceFen -= d.amountFen;
      d.card.consumptionTimes += 1;
      d.card.records.push({
        kind: "consume",
        at: now,
        cinemaCode: info.cinemaCode,
        amountFen: d.amountFen,
        refundFen: 0,
        beforeFen: before,
        afterFen: d.card.balanceFen,
        seats: d.seats,
        refundSeats: 0,
        bookingId: info.bookingId,
        filmCode: info.filmCode,
        shortName: info.shortName,
        points: 0,
        mode: "消费",
        description: "",
      });
      charges.push({
        cardNumber: d.card.cardNumber,
        amountFen: d.amountFen,
        seats: d.seats,
        recordIndex: d.card.records.length - 1,
      });
    }
    if (!this.benefit) return { charges };
    const { card, count } = this.benefit;
    const day = businessDate(now);
    if (card.available !== undefined) card.available -= count;
    card.usedByDay.set(day, (card.usedByDay.get(day) ?? 0) + count);
    card.usedByShow.set(info.scheduleId, (card.usedByShow.get(info.scheduleId) ?? 0) + count);
    return { charges, benefit: { cardNumber: card.number, count, day } };
  }
}

const asObject = (v: unknown): Args | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Args) : undefined;

/**
 * Single-method payment list of confirmOrder / confirmMixOrder / confirmGoodsOrder. `totalFen` is what
 * the card pays when payAmount is empty ("为空则自动根据票价和数量进行计算").
 */
export function planSimplePayments(
  state: YkseState,
  cinemaCode: string,
  paymentList: unknown,
  totalFen: number,
  seats: number,
  benefitTickets: number,
  scheduleId?: string,
): PaymentPlan {
  const plan = new PaymentPlan();
  if (paymentList === undefined || paymentList === null || paymentList === "") {
    if (benefitTickets > 0) throw new BizError("PAYMENT_METHOD_ERROR", "使用联名卡优惠须传联名卡支付信息");
    return plan;
  }
  if (!Array.isArray(paymentList)) throw new BizError("FORMAT_ERROR", "paymentList 参数格式错误");
  const methods = new Set(paymentList.map((p) => asObject(p)?.paymentMethod));
  if (methods.size > 1) throw new BizError("PAYMENT_METHOD_ERROR", "暂不支持混合支付方式");
  for (const raw of paymentList) {
    const p = asObject(raw);
    const info = asObject(p?.payCardInfo);
    if (!p || !info) throw new BizError("NULL_ARGUMENT", "payCardInfo 参数为空");
    if (p.paymentMethod === "MemberCard") {
      const card = payingCard(state, cinemaCode, info, false);
      const given = info.payAmount ?? p.payAmount;
      const amount = given === undefined || given === "" ? totalFen : parseYuan(given);
      if (amount === undefined || amount < 0) throw new BizError("PAYMENT_AMOUNT_ERROR");
      plan.addDebit(card, amount, seats);
    } else if (p.paymentMethod === "BenefitCard") {
      if (!scheduleId) throw new BizError("PAYMENT_METHOD_ERROR");
      plan.benefit = planBenefit(state, cinemaCode, str(info, "benefitCardNumber"), benefitTickets, scheduleId);
    } else throw new BizError("PAYMENT_METHOD_ERROR");
  }
  if (benefitTickets > 0 && !plan.benefit)
    throw new BizError("PAYMENT_METHOD_ERROR", "使用联名卡优惠须传联名卡支付信息");
  plan.verify();
  return plan;
}

/** Per-ticket / per-goods payment list of the *ForMultiPay calls: amounts must add up to `dueFen`. */
export function planMultiPayments(
  state: YkseState,
  plan: PaymentPlan,
  cinemaCode: string,
  paymentList: unknown,
  dueFen: number,
  seats: number,
): void {
  if (!Array.isArray(paymentList) || paymentList.length === 0)
    throw new BizError("NULL_ARGUMENT", "paymentList 参数为空");
  let sum = 0;
  for (const raw of paymentList) {
    const p = asObject(raw);
    if (!p || typeof p.paymentMethod !== "string" || !MULTI_PAY_METHODS.includes(p.paymentMethod)) {
      throw new BizError("PAYMENT_METHOD_ERROR");
    }
    const amount = parseYuan(p.payAmount);
    if (amount === undefined || amount < 0) throw new BizError("PAYMENT_AMOUNT_ERROR");
    sum += amount;
    if (p.paymentMethod === "MemberCard") {
      const info = asObject(p.payCardInfo);
      if (!info) throw new BizError("NULL_ARGUMENT", "payCardInfo 参数为空");
      plan.addDebit(payingCard(state, cinemaCode, info, true), amount, seats);
    }
  }
  if (sum !== dueFen) throw new BizError("PAYMENT_AMOUNT_ERROR", "支付金额总和与应付金额不一致");
}

/** Checks a co-branded card can cover `count` benefit tickets on this schedule (doc 002 §5.3 note 7). */
export function planBenefit(
  state: YkseState,
  cinemaCode: string,
  cardNumber: string,
  count: number,
  scheduleId: string,
): { card: BenefitCard; count: number } {
  const card = state.benefitCards.get(cardNumber);
  if (!card) throw new BizError("BCARD_NOT_EXIST");
  if (card.status === "S") throw new BizError("BCARD_DISABLED");
  const now = state.now();
  if (now >= card.endAt) throw new BizError("BCARD_EXPIRED");
  const policy = state.policies.find((p) => p.code === card.policyCode);
  if (!policy) throw new BizError("BCARD_POLICY_NOT_EXIST");
  if (policy.cinemas.length > 0 && !policy.cinemas.includes(cinemaCode)) throw new BizError("BCARD_SCHEDULE_NOT_MATCH");
  if (count <= 0) throw new BizError("BCARD_TICKET_COUNT_ZERO_ERROR");
  const day = businessDate(now);
  const over =
    (card.available !== undefined && count > card.available) ||
    (policy.dailyDiscountTickets !== undefined &&
      (card.usedByDay.get(day) ?? 0) + count > policy.dailyDiscountTickets) ||
    (policy.eachShowDiscountTickets !== undefined &&
      (card.usedByShow.get(scheduleId) ?? 0) + count > policy.eachShowDiscountTickets);
  if (over) throw new BizError("BCARD_TICKET_OVER_LIMIT");
  return { card, count };
}
