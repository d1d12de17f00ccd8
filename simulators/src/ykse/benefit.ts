import type { Call } from "./call.js";
import { type Args, BizError, type BizResult, ok, okList, optStr, str } from "./envelope.js";
import { parseYuan, yuan } from "./money.js";
import { type BenefitCard, type BenefitOrder, type BenefitPolicy, canonical, type YkseState } from "./state.js";
import { businessDate, DAY, dateStart, fmtDate, fmtDateTime } from "./time.js";

/** Doc 002 §8: co-branded benefit cards (联名卡). Policies are the simulator's own two (see README). */

const opt = <K extends string>(key: K, v: number | undefined) => (v === undefined ? {} : { [key]: v });

export function getPolicyList({ state }: Call): BizResult {
  const codes = state.ykseCinemas().map((c) => c.internalCode);
  return okList(
    state.policies.map((p) => ({
      benefitPolicyCode: p.code,
      benefitPolicyName: p.name,
      policyDescription: p.description,
      ...opt("dailyDiscountTickets", p.dailyDiscountTickets),
      ...opt("eachShowDiscountTickets", p.eachShowDiscountTickets),
      ...opt("totalDiscountTickets", p.totalDiscountTickets),
      registerAmount: yuan(p.registerFen),
      validDays: p.validDays,
      policyStatus: p.status,
      ...(p.renewFen !== undefined ? { renewAmount: yuan(p.renewFen), addValidDays: p.addValidDays } : {}),
      ...opt("renewDiscountTickets", p.renewDiscountTickets),
      cinemas: (p.cinemas.length > 0 ? p.cinemas : codes).map((cinemaLinkId) => ({ cinemaLinkId })),
    })),
  );
}

function replay(state: YkseState, api: string, args: Args): { hash: string; result?: BizResult } {
  const outTradeNo = str(args, "outTradeNo");
  if (outTradeNo.length > 32) throw new BizError("ILLEGAL_ARGUMENT", "outTradeNo 长度不能超过 32 位");
  const hash = canonical({ api, ...args });
  const id = state.benefitOrdersByTradeNo.get(outTradeNo);
  if (!id) return { hash };
  const order = state.benefitOrders.get(id) as BenefitOrder;
  if (order.requestHash !== hash) throw new BizError("REQUEST_PARAM_INCONFORMITY_ERROR");
  return { hash, result: ok(order.result) };
}

function saveOrder(state: YkseState, o: Omit<BenefitOrder, "benefitCardOrderId" | "createdAt">): BenefitOrder {
  const order: BenefitOrder = { ...o, benefitCardOrderId: state.platformId("BC"), createdAt: state.now() };
  order.result = { ...order.result, benefitCardOrderId: order.benefitCardOrderId };
  state.benefitOrders.set(order.benefitCardOrderId, order);
  state.benefitOrdersByTradeNo.set(order.outTradeNo, order.benefitCardOrderId);
  return order;
}

const endDateOf = (c: BenefitCard) => fmtDate(c.endAt - 1);
const statusOf = (state: YkseState, c: BenefitCard) => (c.status === "N" && state.now() >= c.endAt ? "T" : c.status);

function policyOf(state: YkseState, c: BenefitCard): BenefitPolicy {
  const p = state.policies.find((x) => x.code === c.policyCode);
  if (!p) throw new BizError("BCARD_POLICY_NOT_EXIST");
  return p;
}

function cardView(state: YkseState, c: BenefitCard) {
  const p = policyOf(state, c);
  return {
    benefitCardNumber: c.number,
    mobile: c.mobile,
    benefitPolicyCode: p.code,
    benefitPolicyName: p.name,
    cardStatus: statusOf(state, c),
    cardUserName: c.cardUserName,
    idcard: c.idcard,
    endDate: endDateOf(c),
    ...opt("dailyDiscountTickets", p.dailyDiscountTickets),
    ...opt("eachShowDiscountTickets", p.eachShowDiscountTickets),
    ...opt("totalDiscountTickets", p.totalDiscountTickets),
  };
}

export function registerBenefitCard({ state, args, api }: Call): BizResult {
  const { hash, result } = replay(state, api, args);
  if (result) return result;
  const policy = state.policies.find((p) => p.code === str(args, "benefitPolicyId"));
  if (!policy) throw new BizError("BCARD_POLICY_NOT_EXIST");
  if (policy.status !== "enable") throw new BizError("BCARD_POLICY_DISABLED");
  const mobile = str(args, "mobile");
  if (!/^1\d{10}$/.test(mobile)) throw new BizError("BCARD_MOBILE_INVALID");
  for (const c of state.benefitCards.values()) {
    if (c.policyCode === policy.code && c.mobile === mobile) throw new BizError("BCARD_MOBILE_EXIST");
  }
  if (parseYuan(str(args, "registerAmount")) !== policy.registerFen) throw new BizError("BCARD_REGISTER_FEE_INVALID");
  const now = state.now();
  const startAt = dateStart(businessDate(now));
  const card: BenefitCard = {
    number: `${fmtDate(now).replaceAll("-", "").slice(2)}947${state.digits(9)}`,
    policyCode: policy.code,
    mobile,
    cardUserName: optStr(args, "cardUserName") ?? mobile,
    idcard: optStr(args, "idcard") ?? "",
    registerDate: fmtDate(now),
    startAt,
    // "开卡起 N 日(不含当天)内有效"
    endAt: startAt + (policy.validDays + 1) * DAY,
    status: "N",
    available: policy.totalDiscountTickets,
    usedByDay: new Map(),
    usedByShow: new Map(),
  };
  state.benefitCards.set(card.number, card);
  const view = cardView(state, card);
  const order = saveOrder(state, {
    outTradeNo: str(args, "outTradeNo"),
    requestHash: hash,
    cardNumber: card.number,
    orderType: "register",
    amountFen: policy.registerFen,
    description: "注册联名卡",
    result: { ...view, outTradeNo: str(args, "outTradeNo"), startDate: fmtDate(card.startAt) },
  });
  return ok(order.result);
}

export function renewBenefitCard({ state, args, api }: Call): BizResult {
  const { hash, result } = replay(state, api, args);
  if (result) return result;
  const card = state.benefitCards.get(str(args, "benefitCardNumber"));
  if (!card) throw new BizError("BCARD_NOT_EXIST");
  if (card.mobile !== str(args, "mobile")) throw new BizError("BCARD_MOBILE_INVALID", "手机号码跟卡号不匹配");
  if (card.status === "S") throw new BizError("BCARD_DISABLED");
  const policy = policyOf(state, card);
  if (policy.status !== "enable") throw new BizError("BCARD_POLICY_DISABLED");
  if (policy.renewFen === undefined) throw new BizError("BCARD_NOT_ALLOW_RENEW");
  if (parseYuan(str(args, "renewAmount")) !== policy.renewFen) throw new BizError("BCARD_RENEW_FEE_INVALID");
  const now = state.now();
  const today = dateStart(businessDate(now));
  card.endAt = (card.endAt <= now ? today + DAY : card.endAt) + policy.addValidDays * DAY;
  const old = card.available;
  if (card.available !== undefined && policy.renewDiscountTickets !== undefined)
    card.available += policy.renewDiscountTickets;
  const order = saveOrder(state, {
    outTradeNo: str(args, "outTradeNo"),
    requestHash: hash,
    cardNumber: card.number,
    orderType: "renew",
    amountFen: policy.renewFen,
    description: "联名卡续费",
    result: {
      outTradeNo: str(args, "outTradeNo"),
      endDate: endDateOf(card),
      ...opt("totalDiscountTickets", policy.totalDiscountTickets),
      ...opt("renewDiscountTickets", policy.renewDiscountTickets),
      ...opt("oldAvailableDiscountTickets", old),
      ...opt("availableDiscountTickets", card.available),
      renewDate: fmtDate(now),
    },
  });
  return ok(order.result);
}

export function getBenefitCardDetail({ state, args }: Call): BizResult {
  const card = state.benefitCards.get(str(args, "benefitCardNumber"));
  if (!card) throw new BizError("BCARD_NOT_EXIST");
  const p = policyOf(state, card);
  const usedToday = card.usedByDay.get(businessDate(state.now())) ?? 0;
  return ok({
    ...cardView(state, card),
    registerDate: card.registerDate,
    ...opt("availableDiscountTickets", card.available),
    ...opt(
      "availableDailyDiscountTickets",
      p.dailyDiscountTickets === undefined ? undefined : Math.max(0, p.dailyDiscountTickets - usedToday),
    ),
  });
}

export function getBenefitCardOrderDetail({ state, args }: Call): BizResult {
  const orderId = optStr(args, "benefitCardOrderId");
  const outTradeNo = optStr(args, "outTradeNo");
  if (!orderId && !outTradeNo) throw new BizError("NULL_ARGUMENT");
  const id = orderId ?? state.benefitOrdersByTradeNo.get(outTradeNo ?? "");
  const o = id ? state.benefitOrders.get(id) : undefined;
  if (!o) throw new BizError("BCARD_ORDER_NOT_EXIST");
  return ok({
    benefitCardOrderId: o.benefitCardOrderId,
    outTradeNo: o.outTradeNo,
    benefitCardNumber: o.cardNumber,
    orderStatus: "success",
    amount: yuan(o.amountFen),
    orderType: o.orderType,
    description: o.description,
    createDateTime: fmtDateTime(o.createdAt),
  });
}
