import { fail, ok, type Result } from "../../domain/errors.js";
import { type Fen, fenToYuan } from "../../domain/money.js";
import { parseChinaLocal } from "../../domain/time.js";
import type { CinemaRef } from "../../domain/trade.js";
import type {
  HallDiscount,
  MemberCard,
  MemberCardBalance,
  MemberCardGrade,
  MemberCardHolder,
  MemberCardKind,
  MemberCardOrder,
  MemberCardRecord,
  MemberCardStatus,
  MemberCardsConnector,
  MemberTicketPrice,
  ShowRef,
} from "../member-cards.js";
import { encryptSensitive, isCardPassword } from "./aes.js";
import { opt, settledOrder } from "./card-answers.js";
import type { YkseCall, YkseClient } from "./client.js";
import { asArr, asObj, fen, num, str } from "./mapping.js";

/**
 * The 14 member-card calls of doc 002 §7. Passwords arrive in plain text (6 digits), are encrypted
 * per §3 and masked in every recording. Card orders (register / recharge / points) are idempotent
 * by outTradeNo (16–32 characters), so they may be resent after a timeout (§7.2–7.4).
 */
const KINDS: Record<string, MemberCardKind> = { V: "stored_value", A: "benefit", G: "gift", T: "count" };
const STATUSES: Record<string, MemberCardStatus> = {
  N: "active",
  R: "lost",
  G: "replaced",
  C: "cancelled",
  T: "expired",
  U: "used_up",
};
const DISCOUNTS: Record<string, HallDiscount["kind"]> = { R: "rate", A: "amount", B: "fixed", T: "count" };
const ORDER_STATUS: Record<string, MemberCardOrder["status"]> = { wait: "pending", success: "success", fail: "failed" };
const ORDER_KIND: Record<string, MemberCardOrder["kind"]> = {
  register: "register",
  recharge: "recharge",
  modifypoints: "points",
};

const points = (v: unknown) => num(v);
const when = (v: unknown) => {
  const s = str(v);
  if (!s) return undefined;
  try {
    return parseChinaLocal(s);
  } catch {
    return undefined;
  }
};

export class YkseMembers implements MemberCardsConnector {
  constructor(
    private readonly client: YkseClient,
    private readonly cardKey: string | undefined,
  ) {}

  /** Encrypts each password (§3) and calls; the plain and encrypted forms are masked. */
  private async secure(call: YkseCall, passwords: Record<string, string>): Promise<ReturnType<YkseClient["call"]>> {
    if (!this.cardKey) return fail("config_error", "no ykse card key configured: card passwords cannot be encrypted");
    const data = { ...(call.data ?? {}) };
    const mask = [...(call.mask ?? [])];
    for (const [field, plain] of Object.entries(passwords)) {
      if (!isCardPassword(plain)) return fail("invalid_request", "member-card passwords are 6 digits");
      const enc = encryptSensitive(plain, this.cardKey);
      data[field] = enc;
      mask.push(plain, enc);
    }
    return this.client.call({ ...call, data, mask });
  }

  // 7.1 ykse.partner.card.getCardGradeList
  async grades(cinema: CinemaRef): Promise<Result<MemberCardGrade[]>> {
    const res = await this.client.call({
      api: "ykse.partner.card.getCardGradeList",
      data: { cinemaLinkId: cinema.vendorCinemaId },
    });
    return res.ok ? ok((res.value.dataList ?? asArr(res.value.data)).map(mapGrade)) : res;
  }

  // 7.2 ykse.partner.card.registerCard
  async register(req: {
    cinema: CinemaRef;
    gradeId: string;
    outTradeNo: string;
    password: string;
    cardCostFen: Fen;
    memberFeeFen: Fen;
    firstRechargeFen: Fen;
    holder: MemberCardHolder & { mobile: string };
  }): Promise<Result<MemberCardOrder>> {
    const bad = checkTradeNo(req.outTradeNo);
    if (bad) return bad;
    const h = req.holder;
    const res = await this.secure(
      {
        api: "ykse.partner.card.registerCard",
        sideEffect: true,
        idempotent: true,
        mask: [h.mobile, ...(h.idCard ? [h.idCard] : [])],
        data: {
          cinemaLinkId: req.cinema.vendorCinemaId,
          gradeId: req.gradeId,
          outTradeNo: req.outTradeNo,
          cardCostFee: fenToYuan(req.cardCostFen),
          memberFee: fenToYuan(req.memberFeeFen),
          // §7.2 note 1: first recharge is not implemented by the vendor; send 0.00 as it asks.
          firstRechargeAmount: fenToYuan(req.firstRechargeFen),
          mobile: h.mobile,
          ...opt("cardUserName", h.name),
          ...opt("idCard", h.idCard),
          ...opt("address", h.address),
          ...opt("birthdate", h.birthdate),
          ...opt("email", h.email),
        },
      },
      { cardPassword: req.password },
    );
    if (!res.ok) return res;
    const d = asObj(res.value.data);
    return ok({
      ...settledOrder(d, "cardOrderId", req.outTradeNo),
      kind: "register",
      ...opt("cardNumber", str(d.cardNumber)),
      ...opt("balanceFen", fen(d.balance)),
    });
  }

  // 7.3 ykse.partner.card.recharge
  async recharge(req: {
    cinema: CinemaRef;
    cardNumber: string;
    outTradeNo: string;
    amountFen: Fen;
    description?: string;
  }): Promise<Result<MemberCardOrder>> {
    const bad = checkTradeNo(req.outTradeNo);
    if (bad) return bad;
    if (req.amountFen < 0 && !req.description) {
      return fail("invalid_request", "a negative recharge must carry a description (§7.3 note 3)");
    }
    const res = await this.client.call({
      api: "ykse.partner.card.recharge",
      sideEffect: true,
      idempotent: true,
      data: {
        cinemaLinkId: req.cinema.vendorCinemaId,
        cardNumber: req.cardNumber,
        outTradeNo: req.outTradeNo,
        rechargeAmount: fenToYuan(req.amountFen),
        ...opt("description", req.description),
      },
    });
    if (!res.ok) return res;
    const d = asObj(res.value.data);
    return ok({
      ...settledOrder(d, "cardOrderId", req.outTradeNo),
      cardNumber: req.cardNumber,
      kind: "recharge",
      amountFen: req.amountFen,
      ...opt("balanceFen", fen(d.balance)),
      ...opt("remainingUses", num(d.availableTimes)),
    });
  }

  // 7.4 ykse.partner.card.updatePoints
  async updatePoints(req: {
    cinema: CinemaRef;
    cardNumber: string;
    outTradeNo: string;
    points: number;
    description?: string;
  }): Promise<Result<MemberCardOrder>> {
    const bad = checkTradeNo(req.outTradeNo);
    if (bad) return bad;
    if (!Number.isFinite(req.points)) return fail("invalid_request", "points must be a number");
    const res = await this.client.call({
      api: "ykse.partner.card.updatePoints",
      sideEffect: true,
      idempotent: true,
      data: {
        cinemaLinkId: req.cinema.vendorCinemaId,
        cardNumber: req.cardNumber,
        outTradeNo: req.outTradeNo,
        points: req.points.toFixed(2),
        ...opt("description", req.description),
      },
    });
    if (!res.ok) return res;
    const d = asObj(res.value.data);
    return ok({
      ...settledOrder(d, "cardOrderId", req.outTradeNo),
      cardNumber: req.cardNumber,
      kind: "points",
      points: req.points,
      ...opt("accumulatedPoints", points(d.accumulationPoints)),
      ...opt("tradePoints", points(d.tradePoints)),
    });
  }

  // 7.5 ykse.partner.card.modifyPassword
  async changePassword(cinema: CinemaRef, cardNumber: string, oldPassword: string, newPassword: string) {
    const res = await this.secure(
      {
        api: "ykse.partner.card.modifyPassword",
        sideEffect: true,
        data: { cinemaLinkId: cinema.vendorCinemaId, cardNumber },
      },
      { oldPassword, newPassword },
    );
    return res.ok ? ok(undefined) : res;
  }

  // 7.6 ykse.partner.card.modifyInformation
  async updateHolder(cinema: CinemaRef, cardNumber: string, password: string, holder: MemberCardHolder) {
    const res = await this.secure(
      {
        api: "ykse.partner.card.modifyInformation",
        sideEffect: true,
        mask: [holder.mobile ?? "", holder.idCard ?? ""],
        data: {
          cinemaLinkId: cinema.vendorCinemaId,
          cardNumber,
          ...opt("mobile", holder.mobile),
          ...opt("cardUserName", holder.name),
          ...opt("idCard", holder.idCard),
          ...opt("address", holder.address),
          ...opt("birthdate", holder.birthdate),
          ...opt("email", holder.email),
          ...opt("gender", holder.gender),
        },
      },
      { cardPassword: password },
    );
    return res.ok ? ok(undefined) : res;
  }

  // 7.7 ykse.partner.card.getCardDetail
  async detail(cinema: CinemaRef, cardNumber: string): Promise<Result<MemberCard>> {
    const res = await this.client.call({
      api: "ykse.partner.card.getCardDetail",
      data: { cardNumber, cinemaLinkId: cinema.vendorCinemaId },
    });
    return res.ok ? ok(mapCard(res.value.data)) : res;
  }

  // 7.8 ykse.partner.card.queryBalance
  async balance(cinema: CinemaRef, cardNumber: string, password: string): Promise<Result<MemberCardBalance>> {
    const res = await this.secure(
      { api: "ykse.partner.card.queryBalance", data: { cardNumber, cinemaLinkId: cinema.vendorCinemaId } },
      { cardPassword: password },
    );
    if (!res.ok) return res;
    const d = asObj(res.value.data);
    return ok({
      cardNumber: str(d.cardNumber) ?? cardNumber,
      ...opt("balanceFen", fen(d.balance)),
      ...opt("remainingUses", num(d.availableTimes)),
      ...opt("accumulatedPoints", points(d.accumulationPoints)),
      ...opt("tradePoints", points(d.tradePoints)),
    });
  }

  // 7.9 ykse.partner.card.getCardDiscountTickets (data is a one-element array, as documented)
  async discountTickets(show: ShowRef, cardNumber: string) {
    const res = await this.client.call({
      api: "ykse.partner.card.getCardDiscountTickets",
      data: showData(show, cardNumber),
    });
    if (!res.ok) return res;
    const d = firstOf(res.value.data);
    return ok({
      maxDiscountTickets: num(d.maxDiscountTickets) ?? 9999,
      ...opt("usesPerTicket", num(d.calculatePerTicketTimes)),
    });
  }

  // 7.10 ykse.partner.card.queryPrice
  async ticketPrices(show: ShowRef, cardNumber: string) {
    const res = await this.client.call({ api: "ykse.partner.card.queryPrice", data: showData(show, cardNumber) });
    if (!res.ok) return res;
    const d = firstOf(res.value.data);
    const prices: MemberTicketPrice[] = asArr(d.tickets).map((t) => {
      const o = asObj(t);
      return {
        ticketType: str(o.ticketType) ?? "",
        memberPrice: o.isCardDiscount === true || o.isCardDiscount === "true",
        priceFen: fen(o.price) ?? 0,
        ...opt("maxTickets", num(o.maxTickets)),
        ...opt("tradePoints", points(o.tradePoints)),
      };
    });
    return ok({
      ...opt("maxDiscountTickets", num(d.maxDiscountTickets)),
      ...opt("usesPerTicket", num(d.calculatePerTicketTimes)),
      prices,
    });
  }

  // 7.11 ykse.partner.card.getCardOrderDetail
  async order(ref: { vendorOrderId?: string; outTradeNo?: string }): Promise<Result<MemberCardOrder>> {
    if (!ref.vendorOrderId && !ref.outTradeNo) return fail("invalid_request", "cardOrderId or outTradeNo is required");
    const res = await this.client.call({
      api: "ykse.partner.card.getCardOrderDetail",
      data: { ...opt("cardOrderId", ref.vendorOrderId), ...opt("outTradeNo", ref.outTradeNo) },
    });
    return res.ok ? ok(mapCardOrder(res.value.data)) : res;
  }

  // 7.12 ykse.partner.card.getCardConsumeRecords
  async consumeRecords(cinema: CinemaRef, cardNumber: string, fromDate: string, toDate: string) {
    return this.records("ykse.partner.card.getCardConsumeRecords", cinema, cardNumber, fromDate, toDate, mapConsume);
  }

  // 7.13 ykse.partner.card.getCardRechargeRecords
  async rechargeRecords(cinema: CinemaRef, cardNumber: string, fromDate: string, toDate: string) {
    return this.records("ykse.partner.card.getCardRechargeRecords", cinema, cardNumber, fromDate, toDate, mapRecharge);
  }

  // 7.14 ykse.partner.card.getCardPointsRecords
  async pointsRecords(cinema: CinemaRef, cardNumber: string, fromDate: string, toDate: string) {
    return this.records("ykse.partner.card.getCardPointsRecords", cinema, cardNumber, fromDate, toDate, mapPoints);
  }

  private async records(
    api: string,
    cinema: CinemaRef,
    cardNumber: string,
    startDate: string,
    endDate: string,
    map: (raw: unknown) => MemberCardRecord,
  ): Promise<Result<MemberCardRecord[]>> {
    const res = await this.client.call({
      api,
      data: { cinemaLinkId: cinema.vendorCinemaId, cardNumber, startDate, endDate },
    });
    return res.ok ? ok((res.value.dataList ?? asArr(res.value.data)).map(map)) : res;
  }
}

/** §7.2–7.4: outTradeNo is the idempotency token, 16–32 characters. */
function checkTradeNo(outTradeNo: string): Result<never> | undefined {
  return outTradeNo.length >= 16 && outTradeNo.length <= 32
    ? undefined
    : fail("invalid_request", "outTradeNo must be 16–32 characters (§7.2)");
}

const showData = (show: ShowRef, cardNumber: string) => ({
  cinemaLinkId: show.cinema.vendorCinemaId,
  cardNumber,
  sectionId: show.sectionId ?? "0000000000000001",
  scheduleId: show.vendorShowtimeId,
  scheduleKey: show.versionKey ?? "",
});

const firstOf = (data: unknown) => asObj(Array.isArray(data) ? data[0] : data);

export function mapGrade(raw: unknown): MemberCardGrade {
  const g = asObj(raw);
  return {
    gradeId: str(g.gradeId) ?? "",
    name: str(g.gradeDesc) ?? "",
    kind: KINDS[str(g.gradeType) ?? ""] ?? "stored_value",
    ...opt("goodsDiscountPercent", num(g.goodsDiscount)),
    ...opt("maxDiscountTicketsPerDay", num(g.maxDiscountTicketsPerDay)),
    ...opt("maxDiscountTicketsPerShow", num(g.maxDiscountTicketsPerShow)),
    ...opt("minRechargeFen", fen(g.minAmount)),
    ...opt("cardCostFen", fen(g.cardCostFee)),
    ...opt("memberFeeFen", fen(g.memberFee)),
    ...opt("firstRechargeFen", fen(g.firstRecharge)),
    ...opt("validityMonths", num(g.transactValidityPeriod)),
    ...(typeof g.rechargeExtensionFlag === "boolean" ? { rechargeExtends: g.rechargeExtensionFlag } : {}),
    ...opt("rechargeExtensionFen", fen(g.rechargeExtensionAmount)),
    hallDiscounts: asArr(g.hallDiscounts).map((h) => {
      const o = asObj(h);
      const kind = DISCOUNTS[str(o.discountType) ?? ""] ?? "rate";
      const value = kind === "amount" || kind === "fixed" ? (fen(o.discount) ?? 0) : (num(o.discount) ?? 0);
      return { hallType: str(o.hallType) ?? "", kind, value };
    }),
  };
}

export function mapCard(raw: unknown): MemberCard {
  const c = asObj(raw);
  const status = STATUSES[str(c.cardStatus) ?? ""] ?? "active";
  return {
    cardNumber: str(c.cardNumber) ?? "",
    issuerCinemaId: str(c.cinemaLinkId) ?? "",
    gradeId: str(c.gradeId) ?? "",
    gradeName: str(c.gradeDesc) ?? "",
    kind: KINDS[str(c.gradeType) ?? ""] ?? "stored_value",
    status,
    usable: c.avaiFlag === undefined ? status === "active" : c.avaiFlag === true || c.avaiFlag === "true",
    rechargeable: str(c.chargeType) === "C",
    ...opt("minRechargeFen", fen(c.minAmount)),
    ...opt("validUntil", str(c.validateDate)),
    ...opt("registeredOn", str(c.registerDate)),
    ...opt("rechargeCount", num(c.rechargeTimes)),
    ...opt("consumptionCount", num(c.consumptionTimes)),
    ...opt("name", str(c.cardUserName)),
    ...opt("mobile", str(c.mobile)),
    ...opt("idCard", str(c.idCard)),
    ...opt("address", str(c.address)),
    ...opt("birthdate", str(c.birthdate)),
    ...opt("email", str(c.email)),
    ...opt("gender", str(c.gender)),
  };
}

export function mapCardOrder(raw: unknown): MemberCardOrder {
  const o = asObj(raw);
  return {
    vendorOrderId: str(o.cardOrderId) ?? "",
    outTradeNo: str(o.outTradeNo) ?? "",
    status: ORDER_STATUS[str(o.orderStatus) ?? ""] ?? "pending",
    ...opt("kind", ORDER_KIND[str(o.orderType) ?? ""]),
    ...opt("cardNumber", str(o.cardNumber)),
    ...opt("amountFen", fen(o.amount)),
    ...opt("points", points(o.points)),
    ...opt("description", str(o.description)),
    ...opt("createdAt", when(o.createDateTime)),
  };
}

function mapConsume(raw: unknown): MemberCardRecord {
  const r = asObj(raw);
  return {
    kind: "consume",
    at: when(r.consumeDateTime) ?? 0,
    ...opt("cinemaId", str(r.consumeCinemaLinkId)),
    ...opt("amountFen", fen(r.consumeAmount)),
    ...opt("refundFen", fen(r.refundAmount)),
    ...opt("balanceBeforeFen", fen(r.beforeBalance)),
    ...opt("balanceAfterFen", fen(r.afterBalance)),
    ...opt("points", points(r.getPoints)),
    ...opt("refundPoints", points(r.refundPoints)),
    ...opt("seats", num(r.seats)),
    ...opt("refundSeats", num(r.refundSeats)),
    ...opt("bookingId", str(r.bookingId)),
    ...opt("filmCode", str(r.filmCode)),
    ...opt("filmTitle", str(r.shortName)),
    ...opt("description", str(r.description)),
  };
}

function mapRecharge(raw: unknown): MemberCardRecord {
  const r = asObj(raw);
  return {
    kind: "recharge",
    at: when(r.rechargeDateTime) ?? 0,
    ...opt("cinemaId", str(r.rechargeCinemaLinkId)),
    ...opt("amountFen", fen(r.rechargeAmount)),
    ...opt("balanceBeforeFen", fen(r.beforeBalance)),
    ...opt("balanceAfterFen", fen(r.afterBalance)),
    ...opt("points", points(r.getPoints)),
    ...opt("bookingId", str(r.rechargeBookingId)),
  };
}

function mapPoints(raw: unknown): MemberCardRecord {
  const r = asObj(raw);
  return {
    kind: "points",
    at: when(r.getPointsDateTime) ?? 0,
    ...opt("cinemaId", str(r.getPointsCinemaLinkId)),
    ...opt("points", points(r.getPoints)),
    ...opt("refundPoints", points(r.refundPoints)),
    ...opt("description", str(r.getPointsMode)),
  };
}
