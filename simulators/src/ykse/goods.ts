import type { Call } from "./call.js";
import { requireCinema } from "./catalogue.js";
import { type Args, BizError, type BizResult, bool, ok, str } from "./envelope.js";
import { parseYuan, yuan } from "./money.js";
import { type PaymentPlan, planMultiPayments, planSimplePayments } from "./payments.js";
import { canonical, type GoodsLine, type GoodsOrderRec, type YkseState } from "./state.js";

/** Doc 002 §6: concessions (卖品). */

export const MAX_GOODS_PER_ORDER = 10;

export function getGoods({ state, args }: Call): BizResult {
  const cinema = requireCinema(state, args);
  return ok({
    maxBuyCount: MAX_GOODS_PER_ORDER,
    cinemaLinkId: cinema.internalCode,
    goodsList: state.ctx.dataset.concessions
      .filter((c) => c.cinemaId === cinema.id)
      .map((c) => ({
        goodsId: c.id,
        name: c.name,
        isPackage: /套餐/.test(c.name),
        salePrice: yuan(c.priceFen),
        settlePrice: yuan(c.settleFen),
        goodsPicUrl: `http://ykse-sim.local/goods/${encodeURIComponent(c.id)}.png`,
        desc: "",
        isDiscount: "Y",
      })),
  });
}

export interface ParsedGoods {
  lines: GoodsLine[];
  totalFen: number;
  raw: Args[];
}

/** Validates a goodsList (doc 002 §5.5.3 / §6.2.3) against the cinema's concessions. */
export function parseGoodsList(state: YkseState, cinemaId: string, list: unknown, required: boolean): ParsedGoods {
  if (list === undefined || list === null || list === "" || (Array.isArray(list) && list.length === 0)) {
    if (required) throw new BizError("GOODS_INFO_NOT_NULL");
    return { lines: [], totalFen: 0, raw: [] };
  }
  if (!Array.isArray(list)) throw new BizError("GOODS_INFO_ERROR");
  const lines: GoodsLine[] = [];
  const raw: Args[] = [];
  let count = 0;
  for (const item of list) {
    if (!item || typeof item !== "object") throw new BizError("GOODS_INFO_ERROR");
    const g = item as Args;
    const goodsId = String(g.goodsId ?? g.id ?? "");
    const c = state.ctx.dataset.concessions.find((x) => x.id === goodsId && x.cinemaId === cinemaId);
    if (!c) throw new BizError("GOODS_NOT_FOUND");
    const n = Number(g.count);
    const price = parseYuan(g.salePrice);
    if (!Number.isInteger(n) || n <= 0 || price === undefined) throw new BizError("GOODS_PRICE_ERROR");
    if (price < c.settleFen) throw new BizError("GOODS_PRICE_LESS");
    count += n;
    lines.push({ goodsId, name: c.name, salePriceFen: price, count: n, isPackage: bool(g.isPackage) });
    raw.push(g);
  }
  if (count > MAX_GOODS_PER_ORDER) throw new BizError("GOODS_INFO_ERROR", `卖品最大购买数为 ${MAX_GOODS_PER_ORDER}`);
  return { lines, totalFen: lines.reduce((s, l) => s + l.salePriceFen * l.count, 0), raw };
}

/** Multi-pay: each goods line carries its own paymentList summing to salePrice × count. */
export function planGoodsMultiPay(state: YkseState, plan: PaymentPlan, cinemaCode: string, goods: ParsedGoods): void {
  goods.raw.forEach((g, i) => {
    const line = goods.lines[i] as GoodsLine;
    planMultiPayments(state, plan, cinemaCode, g.paymentList, line.salePriceFen * line.count, 0);
  });
}

export function newGoodsOrder(
  state: YkseState,
  cinemaCode: string,
  channelCode: string,
  goods: ParsedGoods,
): GoodsOrderRec {
  const id = state.platformId(cinemaCode);
  return {
    goodsOrderId: id,
    holdId: `${cinemaCode}1${state.groundNo().slice(0, 12)}`,
    pickUpCode: state.digits(8),
    cinemaCode,
    channelCode,
    lines: goods.lines,
    totalFen: goods.totalFen,
    status: "goods_success",
    createdAt: state.now(),
    charges: [],
  };
}

export const renderGoodsLines = (lines: GoodsLine[]) =>
  lines.map((l) => ({
    goodsId: l.goodsId,
    name: l.name,
    salePrice: yuan(l.salePriceFen),
    count: l.count,
    isPackage: l.isPackage,
  }));

function renderGoodsOrder(o: GoodsOrderRec) {
  return {
    goodsOrderId: o.goodsOrderId,
    holdId: o.holdId,
    pickUpCode: o.pickUpCode,
    totalGoodsPrice: yuan(o.totalFen),
    totalGoodsFee: "0.00",
    orderStatus: o.status,
    goodsList: renderGoodsLines(o.lines),
  };
}

function confirmGoods(call: Call, multiPay: boolean): BizResult {
  const { state, args, channelCode, api } = call;
  const cinema = requireCinema(state, args);
  const thirdOrderId = str(args, "thirdOrderId");
  const hash = canonical({ api, ...args });
  const key = `${channelCode}|${cinema.internalCode}|${thirdOrderId}`;
  const existingId = state.goodsByThirdId.get(key);
  if (existingId) {
    const existing = state.goodsOrders.get(existingId) as GoodsOrderRec;
    if (existing.requestHash !== hash) throw new BizError("REQUEST_PARAM_INCONFORMITY_ERROR");
    return ok(renderGoodsOrder(existing));
  }
  const mobile = str(args, "mobile");
  if (!/^1\d{10}$/.test(mobile)) throw new BizError("ILLEGAL_ARGUMENT", "手机号格式不正确");
  const goods = parseGoodsList(state, cinema.id, args.goodsList, true);
  let plan: PaymentPlan;
  if (multiPay) {
    plan = planSimplePayments(state, cinema.internalCode, undefined, 0, 0, 0);
    planGoodsMultiPay(state, plan, cinema.internalCode, goods);
    plan.verify();
  } else {
    plan = planSimplePayments(state, cinema.internalCode, args.paymentList, goods.totalFen, 0, 0);
  }
  const order = newGoodsOrder(state, cinema.internalCode, channelCode, goods);
  order.thirdOrderId = thirdOrderId;
  order.requestHash = hash;
  order.charges = plan.apply(state, {
    cinemaCode: cinema.internalCode,
    bookingId: order.holdId,
    filmCode: "",
    shortName: "卖品",
    scheduleId: "",
  }).charges;
  state.goodsOrders.set(order.goodsOrderId, order);
  state.goodsByThirdId.set(key, order.goodsOrderId);
  return ok(renderGoodsOrder(order));
}

export const confirmGoodsOrder = (call: Call) => confirmGoods(call, false);
export const confirmGoodsOrderForMultiPay = (call: Call) => confirmGoods(call, true);

function findGoodsOrder({ state, args }: Call): GoodsOrderRec {
  const cinema = requireCinema(state, args);
  const order = state.goodsOrders.get(str(args, "goodsOrderId"));
  // Goods bought inside a mixed order are refunded with refundMixOrder, not here.
  if (!order || order.cinemaCode !== cinema.internalCode || !order.thirdOrderId) throw new BizError("ORDER_NOT_FOUND");
  return order;
}

export function getGoodsOrderInfo(call: Call): BizResult {
  return ok(renderGoodsOrder(findGoodsOrder(call)));
}

export function refundGoodsOrder(call: Call): BizResult {
  const order = findGoodsOrder(call);
  if (order.status !== "goods_success") throw new BizError("GOODS_REFUND_FAILED");
  order.status = "refund_success";
  call.state.refundCharges(order.charges);
  return ok({ cinemaLinkId: order.cinemaCode, goodsOrderId: order.goodsOrderId });
}
