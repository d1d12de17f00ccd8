import { fail, ok, type Result } from "../../domain/errors.js";
import { type Fen, fenToYuan } from "../../domain/money.js";
import { parseChinaLocal } from "../../domain/time.js";
import type { BenefitCard, BenefitCardOrder, BenefitCardsConnector, BenefitPolicy } from "../member-cards.js";
import { opt, settledOrder } from "./card-answers.js";
import type { YkseClient } from "./client.js";
import { asArr, asObj, fen, num, str } from "./mapping.js";

/**
 * Co-branded benefit cards (联名卡), doc 002 §8 — separate from member cards (§8.1). Register and
 * renew are idempotent by outTradeNo (≤ 32 characters). Build → commit → parse → success/error.
 */
const CARD_STATUS: Record<string, BenefitCard["status"]> = { N: "active", T: "expired", S: "disabled" };
const ORDER_STATUS: Record<string, BenefitCardOrder["status"]> = {
  wait: "pending",
  success: "success",
  fail: "failed",
};
const ORDER_KIND: Record<string, BenefitCardOrder["kind"]> = {
  register: "register",
  renew: "renew",
  consume: "consume",
};

export class YkseBenefitCards implements BenefitCardsConnector {
  constructor(private readonly client: YkseClient) {}

  // 8.2 ykse.partner.benefitCard.getPolicyList
  async policies(): Promise<Result<BenefitPolicy[]>> {
    const res = await this.client.call({ api: "ykse.partner.benefitCard.getPolicyList" });
    return res.ok ? ok((res.value.dataList ?? asArr(res.value.data)).map(mapPolicy)) : res;
  }

  // 8.3 ykse.partner.benefitCard.registerBenefitCard
  async register(req: {
    policyCode: string;
    outTradeNo: string;
    mobile: string;
    registerFen: Fen;
    holderName?: string;
    idCard?: string;
  }): Promise<Result<BenefitCardOrder>> {
    if (!req.outTradeNo || req.outTradeNo.length > 32)
      return fail("invalid_request", "outTradeNo must be 1–32 characters (§8.3)");
    const res = await this.client.call({
      api: "ykse.partner.benefitCard.registerBenefitCard",
      sideEffect: true,
      idempotent: true,
      mask: [req.mobile, req.idCard ?? ""],
      data: {
        // §8.3.3: benefitPolicyId is the policy code
        benefitPolicyId: req.policyCode,
        outTradeNo: req.outTradeNo,
        mobile: req.mobile,
        registerAmount: fenToYuan(req.registerFen),
        ...opt("cardUserName", req.holderName),
        ...opt("idcard", req.idCard),
      },
    });
    if (!res.ok) return res;
    const card = mapBenefitCard(res.value.data);
    const d = asObj(res.value.data);
    return ok({
      ...settledOrder(d, "benefitCardOrderId", req.outTradeNo),
      cardNumber: card.cardNumber,
      kind: "register",
      amountFen: req.registerFen,
      card,
    });
  }

  // 8.4 ykse.partner.benefitCard.renewBenefitCard
  async renew(req: {
    cardNumber: string;
    outTradeNo: string;
    mobile: string;
    renewFen: Fen;
  }): Promise<Result<BenefitCardOrder>> {
    if (!req.outTradeNo || req.outTradeNo.length > 32)
      return fail("invalid_request", "outTradeNo must be 1–32 characters (§8.4)");
    const res = await this.client.call({
      api: "ykse.partner.benefitCard.renewBenefitCard",
      sideEffect: true,
      idempotent: true,
      mask: [req.mobile],
      data: {
        benefitCardNumber: req.cardNumber,
        outTradeNo: req.outTradeNo,
        mobile: req.mobile,
        renewAmount: fenToYuan(req.renewFen),
      },
    });
    if (!res.ok) return res;
    const d = asObj(res.value.data);
    return ok({
      ...settledOrder(d, "benefitCardOrderId", req.outTradeNo),
      cardNumber: req.cardNumber,
      kind: "renew",
      amountFen: req.renewFen,
      ...opt("validUntil", str(d.endDate)),
      ...opt("remainingTickets", num(d.availableDiscountTickets)),
    });
  }

  // 8.5 ykse.partner.benefitCard.getCardDetail
  async detail(cardNumber: string): Promise<Result<BenefitCard>> {
    const res = await this.client.call({
      api: "ykse.partner.benefitCard.getCardDetail",
      data: { benefitCardNumber: cardNumber },
    });
    return res.ok ? ok(mapBenefitCard(res.value.data)) : res;
  }

  // 8.6 ykse.partner.benefitCard.getCardOrderDetail
  async order(ref: { vendorOrderId?: string; outTradeNo?: string }): Promise<Result<BenefitCardOrder>> {
    if (!ref.vendorOrderId && !ref.outTradeNo)
      return fail("invalid_request", "benefitCardOrderId or outTradeNo is required");
    const res = await this.client.call({
      api: "ykse.partner.benefitCard.getCardOrderDetail",
      data: { ...opt("benefitCardOrderId", ref.vendorOrderId), ...opt("outTradeNo", ref.outTradeNo) },
    });
    if (!res.ok) return res;
    const o = asObj(res.value.data);
    const created = str(o.createDateTime);
    return ok({
      vendorOrderId: str(o.benefitCardOrderId) ?? "",
      ...opt("outTradeNo", str(o.outTradeNo)),
      ...opt("cardNumber", str(o.benefitCardNumber)),
      status: ORDER_STATUS[str(o.orderStatus) ?? ""] ?? "pending",
      ...opt("kind", ORDER_KIND[str(o.orderType) ?? ""]),
      ...opt("amountFen", fen(o.amount)),
      ...opt("description", str(o.description)),
      ...(created ? { createdAt: parseChinaLocal(created) } : {}),
    });
  }
}

export function mapPolicy(raw: unknown): BenefitPolicy {
  const p = asObj(raw);
  return {
    policyCode: str(p.benefitPolicyCode) ?? "",
    name: str(p.benefitPolicyName) ?? "",
    ...opt("description", str(p.policyDescription)),
    enabled: str(p.policyStatus) === "enable",
    ...opt("dailyDiscountTickets", num(p.dailyDiscountTickets)),
    ...opt("eachShowDiscountTickets", num(p.eachShowDiscountTickets)),
    ...opt("totalDiscountTickets", num(p.totalDiscountTickets)),
    ...opt("registerFen", fen(p.registerAmount)),
    ...opt("validDays", num(p.validDays)),
    ...opt("renewFen", fen(p.renewAmount)),
    ...opt("renewAddsDays", num(p.addValidDays)),
    ...opt("renewAddsTickets", num(p.renewDiscountTickets)),
    cinemaIds: asArr(p.cinemas).flatMap((c) => {
      const id = str(asObj(c).cinemaLinkId);
      return id ? [id] : [];
    }),
  };
}

export function mapBenefitCard(raw: unknown): BenefitCard {
  const c = asObj(raw);
  return {
    cardNumber: str(c.benefitCardNumber) ?? "",
    ...opt("policyCode", str(c.benefitPolicyCode)),
    ...opt("policyName", str(c.benefitPolicyName)),
    status: CARD_STATUS[str(c.cardStatus) ?? ""] ?? "active",
    ...opt("mobile", str(c.mobile)),
    ...opt("holderName", str(c.cardUserName)),
    ...opt("idCard", str(c.idcard)),
    ...opt("validFrom", str(c.startDate ?? c.registerDate)),
    ...opt("validUntil", str(c.endDate)),
    ...opt("dailyDiscountTickets", num(c.dailyDiscountTickets)),
    ...opt("eachShowDiscountTickets", num(c.eachShowDiscountTickets)),
    ...opt("totalDiscountTickets", num(c.totalDiscountTickets)),
    ...opt("remainingTickets", num(c.availableDiscountTickets)),
    ...opt("remainingTodayTickets", num(c.availableDailyDiscountTickets)),
  };
}
