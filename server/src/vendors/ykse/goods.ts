import { fail, ok, type Result } from "../../domain/errors.js";
import { fenToYuan } from "../../domain/money.js";
import type { CinemaRef } from "../../domain/trade.js";
import type { ConcessionMenu, ConcessionOrder, ConcessionOrderStatus, ConcessionsConnector } from "../concessions.js";
import { encryptSensitive, isCardPassword } from "./aes.js";
import type { YkseClient } from "./client.js";
import { asArr, asObj, fen, num, str } from "./mapping.js";
import { buildGoodsList, type SimplePayment, type YkseGoodsLine } from "./trade.js";

/**
 * Concessions, doc 002 §6: goods list (§6.1), goods order (§6.2) and its multi-pay variant
 * (§6.3), order query (§6.4), refund (§6.5). Build → commit → parse → success/error.
 */
const STATUS: Record<string, ConcessionOrderStatus> = {
  wait_goods: "pending",
  goods_success: "done",
  goods_failed: "failed",
  refunding: "refunding",
  refund_success: "refunded",
  refund_failed: "refund_failed",
};

/** §6.2 thirdOrderId from our order id (digits, stable across retries). */
const thirdOrderIdOf = (orderId: string) => orderId.replace(/[^0-9A-Za-z]/g, "").slice(-32);

export class YkseGoods implements ConcessionsConnector {
  constructor(
    private readonly client: YkseClient,
    private readonly cardKey: string | undefined,
  ) {}

  // --- §6.1 --------------------------------------------------------------------------------------
  async listGoods(cinema: CinemaRef): Promise<Result<ConcessionMenu>> {
    const res = await this.client.call({
      api: "ykse.partner.goods.getGoods",
      data: { cinemaLinkId: cinema.vendorCinemaId },
    });
    if (!res.ok) return res;
    return ok(mapGoodsMenu(res.value.data));
  }

  // --- §6.2 / §6.3 -------------------------------------------------------------------------------
  async confirmGoodsOrder(req: {
    cinema: CinemaRef;
    orderId: string;
    mobile: string;
    lines: YkseGoodsLine[];
    payments?: SimplePayment[];
    /** Present → confirmGoodsOrderForMultiPay (each line carries its payments). */
    multiPay?: boolean;
  }): Promise<Result<ConcessionOrder>> {
    if (req.lines.length === 0) return fail("invalid_request", "a goods order needs at least one line");
    const masks: string[] = [req.mobile];
    const encrypt = (password: string): Result<string> => {
      if (!this.cardKey) return fail("config_error", "no ykse card key configured: card passwords cannot be encrypted");
      if (!isCardPassword(password)) return fail("invalid_request", "member-card passwords are 6 digits");
      const enc = encryptSensitive(password, this.cardKey);
      masks.push(password, enc);
      return ok(enc);
    };
    const goodsList = buildGoodsList(req.lines, req.multiPay === true, encrypt);
    if (!goodsList.ok) return goodsList;
    const data: Record<string, unknown> = {
      cinemaLinkId: req.cinema.vendorCinemaId,
      thirdOrderId: thirdOrderIdOf(req.orderId),
      goodsList: goodsList.value,
      mobile: req.mobile,
    };
    if (!req.multiPay && req.payments?.length) {
      const list: Record<string, unknown>[] = [];
      for (const p of req.payments) {
        if (p.method !== "MemberCard")
          return fail("invalid_request", "goods orders take member-card payments only (§6.2.3)");
        const info: Record<string, unknown> = { cardNumber: p.cardNumber };
        if (p.amountFen !== undefined) info.payAmount = fenToYuan(p.amountFen);
        if (p.issuerCinemaId) info.cinemaLinkId = p.issuerCinemaId;
        if (p.password !== undefined) {
          const enc = encrypt(p.password);
          if (!enc.ok) return enc;
          info.cardPassword = enc.value;
        }
        list.push({ paymentMethod: "MemberCard", payCardInfo: info });
      }
      data.paymentList = list;
    }
    const res = await this.client.call({
      api: req.multiPay ? "ykse.partner.order.confirmGoodsOrderForMultiPay" : "ykse.partner.order.confirmGoodsOrder",
      data,
      sideEffect: true,
      idempotent: true,
      mask: masks,
    });
    if (!res.ok) return res;
    return ok(mapGoodsOrder(res.value.data));
  }

  // --- §6.4 --------------------------------------------------------------------------------------
  async queryGoodsOrder(cinema: CinemaRef, vendorOrderId: string): Promise<Result<ConcessionOrder>> {
    const res = await this.client.call({
      api: "ykse.partner.order.getGoodsOrderInfo",
      data: { cinemaLinkId: cinema.vendorCinemaId, goodsOrderId: vendorOrderId },
    });
    if (!res.ok) return res;
    return ok(mapGoodsOrder(res.value.data));
  }

  // --- §6.5 --------------------------------------------------------------------------------------
  async refundGoodsOrder(cinema: CinemaRef, vendorOrderId: string): Promise<Result<void>> {
    const res = await this.client.call({
      api: "ykse.partner.order.refundGoodsOrder",
      data: { cinemaLinkId: cinema.vendorCinemaId, goodsOrderId: vendorOrderId },
      sideEffect: true,
    });
    return res.ok ? ok(undefined) : res;
  }
}

/** §6.1: 1.2.8 renamed standardPrice → salePrice; the example still shows standardPrice/settleprice. */
export function mapGoodsMenu(data: unknown): ConcessionMenu {
  const d = asObj(data);
  const max = num(d.maxBuyCount);
  return {
    ...(max !== undefined ? { maxPerOrder: max } : {}),
    items: asArr(d.goodsList).map((g) => {
      const o = asObj(g);
      const list = fen(o.salePrice ?? o.standardPrice);
      const settle = fen(o.settlePrice ?? o.settleprice);
      return {
        vendorGoodsId: str(o.goodsId) ?? "",
        name: str(o.name) ?? "",
        isPackage: o.isPackage === true || o.isPackage === "true",
        ...(list !== undefined ? { listFen: list } : {}),
        ...(settle !== undefined ? { settleFen: settle } : {}),
        ...(str(o.goodsPicUrl) ? { imageUrl: str(o.goodsPicUrl) } : {}),
        ...(str(o.desc) ? { description: str(o.desc) } : {}),
        ...(str(o.isDiscount) ? { memberDiscount: str(o.isDiscount) === "Y" } : {}),
      };
    }),
  };
}

/** §6.2.4 / §6.4.4 (the §6.4.5 example prints "goods success" for goods_success). */
export function mapGoodsOrder(data: unknown): ConcessionOrder {
  const d = asObj(data);
  const status = (str(d.orderStatus) ?? "").replace(" ", "_");
  const total = fen(d.totalGoodsPrice);
  const fee = fen(d.totalGoodsFee);
  return {
    vendorOrderId: str(d.goodsOrderId) ?? "",
    status: STATUS[status] ?? "pending",
    ...(str(d.holdId) ? { counterOrderId: str(d.holdId) } : {}),
    ...(str(d.pickUpCode) ? { pickupCode: str(d.pickUpCode) } : {}),
    ...(total !== undefined ? { totalFen: total } : {}),
    ...(fee !== undefined ? { feeFen: fee } : {}),
    lines: asArr(d.goodsList ?? d.goods).map((g) => {
      const o = asObj(g);
      const unit = fen(o.salePrice);
      return {
        vendorGoodsId: str(o.goodsId) ?? "",
        ...(str(o.name) ? { name: str(o.name) } : {}),
        ...(unit !== undefined ? { unitFen: unit } : {}),
        count: num(o.count) ?? 0,
        isPackage: o.isPackage === true || o.isPackage === "true",
      };
    }),
  };
}
