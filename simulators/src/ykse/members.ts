import type { MemberCardGrade } from "../core/dataset-types.js";
import type { Call } from "./call.js";
import { requireCinema, requireSchedule, SECTION_ID } from "./catalogue.js";
import { type Args, BizError, type BizResult, ok, okList, optStr, str } from "./envelope.js";
import { parseYuan, yuan } from "./money.js";
import { checkPassword, decryptPassword } from "./payments.js";
import { type CardOrder, type CardState, canonical, type YkseState } from "./state.js";
import { DAY, dateStart, fmtDate, fmtDateTime, normaliseDate } from "./time.js";

/** Doc 002 §7: the 14 member-card calls. Passwords always arrive AES-encrypted (§3). */

const CARD_COST_FEN = 1000;
const MEMBER_FEE_FEN = 0;
const pts = (n: number) => n.toFixed(2);

function grades(state: YkseState, cinemaCode: string): MemberCardGrade[] {
  const cinema = state.cinemaByCode(cinemaCode);
  return cinema ? state.ctx.dataset.cardGrades.filter((g) => g.cinemaId === cinema.id) : [];
}

function gradeOf(state: YkseState, card: CardState): MemberCardGrade | undefined {
  return grades(state, card.cinemaCode).find((g) => g.id === card.gradeId);
}

const percent = (discount: number) => (discount * 100).toFixed(2);

export function getCardGradeList({ state, args }: Call): BizResult {
  const cinema = requireCinema(state, args);
  return okList(
    grades(state, cinema.internalCode).map((g) => ({
      cinemaLinkId: cinema.internalCode,
      gradeId: g.id,
      gradeDesc: g.name,
      gradeType: "V",
      goodsDiscount: percent(g.discount),
      maxDiscountTicketsPerDay: 10,
      maxDiscountTicketsPerShow: 4,
      minAmount: yuan(g.minRechargeFen),
      cardCostFee: yuan(CARD_COST_FEN),
      memberFee: yuan(MEMBER_FEE_FEN),
      firstRecharge: "0.00",
      transactValidityPeriod: 12,
      rechargeExtensionFlag: true,
      rechargeExtensionAmount: "0.00",
      hallDiscounts: ["N", "I", "Y"].map((hallType) => ({
        hallType,
        discount: percent(g.discount),
        discountType: "R",
      })),
    })),
  );
}

/** A card of the issuing cinema named by `cinemaLinkId`. */
function requireCard(state: YkseState, args: Args): CardState {
  const cinema = requireCinema(state, args);
  const card = state.card(str(args, "cardNumber"));
  if (!card || card.cinemaCode !== cinema.internalCode) throw new BizError("CARD_NOT_EXIST_ERROR");
  return card;
}

function tradeNo(args: Args): string {
  const no = str(args, "outTradeNo");
  if (no.length < 16 || no.length > 32) throw new BizError("ILLEGAL_ARGUMENT", "outTradeNo 长度必须在 16 到 32 位之间");
  return no;
}

/** Idempotent card orders: the same outTradeNo replays the first answer, different params are refused. */
function replay(state: YkseState, api: string, args: Args): { hash: string; result?: BizResult } {
  const hash = canonical({ api, ...args });
  const id = state.cardOrdersByTradeNo.get(String(args.outTradeNo));
  if (!id) return { hash };
  const order = state.cardOrders.get(id) as CardOrder;
  if (order.requestHash !== hash) throw new BizError("REQUEST_PARAM_INCONFORMITY_ERROR");
  return { hash, result: ok(order.result) };
}

function record(state: YkseState, o: Omit<CardOrder, "cardOrderId" | "createdAt">): CardOrder {
  const order: CardOrder = { ...o, cardOrderId: state.platformId(o.cinemaCode), createdAt: state.now() };
  order.result = { ...order.result, cardOrderId: order.cardOrderId };
  state.cardOrders.set(order.cardOrderId, order);
  state.cardOrdersByTradeNo.set(order.outTradeNo, order.cardOrderId);
  return order;
}

function newPassword(enc: string): string {
  const pw = decryptPassword(enc);
  if (pw === undefined || !/^\d{6}$/.test(pw)) throw new BizError("CARD_PASSWORD_ERROR", "密码须为加密的 6 位数字");
  return pw;
}

export function registerCard({ state, args, api }: Call): BizResult {
  const cinema = requireCinema(state, args);
  const outTradeNo = tradeNo(args);
  const { hash, result } = replay(state, api, args);
  if (result) return result;
  const grade = grades(state, cinema.internalCode).find((g) => g.id === str(args, "gradeId"));
  if (!grade) throw new BizError("CARD_GRADE_NOT_EXIST_ERROR");
  const password = newPassword(str(args, "cardPassword"));
  if (parseYuan(str(args, "cardCostFee")) !== CARD_COST_FEN || parseYuan(str(args, "memberFee")) !== MEMBER_FEE_FEN) {
    throw new BizError("CARD_REGISTER_FEE_ERROR");
  }
  const first = parseYuan(str(args, "firstRechargeAmount"));
  if (first === undefined || first < 0) throw new BizError("ILLEGAL_ARGUMENT");
  const mobile = str(args, "mobile");
  const now = state.now();
  const cardNumber = `${cinema.internalCode}${state.digits(8)}`;
  const card: CardState = {
    cardNumber,
    cinemaCode: cinema.internalCode,
    gradeId: grade.id,
    status: "N",
    password,
    // "首次充值" is not implemented by the vendor (§7.2 note 1): the amount is accepted and ignored.
    balanceFen: 0,
    mobile,
    cardUserName: optStr(args, "cardUserName") ?? mobile,
    idCard: optStr(args, "idCard") ?? "",
    address: optStr(args, "address") ?? "",
    birthdate: optStr(args, "birthdate") ?? "",
    email: optStr(args, "email") ?? "",
    gender: "",
    registerDate: fmtDate(now),
    validateDate: fmtDate(now + 365 * DAY),
    accumulationPoints: 0,
    tradePoints: 0,
    rechargeTimes: 0,
    consumptionTimes: 0,
    records: [],
  };
  state.cards.set(cardNumber, card);
  const order = record(state, {
    outTradeNo,
    requestHash: hash,
    cinemaCode: cinema.internalCode,
    cardNumber,
    orderType: "register",
    amountFen: CARD_COST_FEN + MEMBER_FEE_FEN,
    description: "注册会员卡",
    result: { outTradeNo, cardNumber, balance: yuan(card.balanceFen) },
  });
  return ok(order.result);
}

export function recharge({ state, args, api }: Call): BizResult {
  const cinema = requireCinema(state, args);
  const outTradeNo = tradeNo(args);
  const { hash, result } = replay(state, api, args);
  if (result) return result;
  const card = state.card(str(args, "cardNumber"));
  if (!card) throw new BizError("CARD_NOT_EXIST_ERROR");
  const amount = parseYuan(str(args, "rechargeAmount"));
  if (amount === undefined || amount === 0) throw new BizError("ILLEGAL_ARGUMENT");
  if (card.balanceFen + amount < 0) throw new BizError("ILLEGAL_ARGUMENT", "扣减金额超过余额");
  const before = card.balanceFen;
  card.balanceFen += amount;
  card.rechargeTimes += 1;
  const description = optStr(args, "description") ?? "";
  card.records.push({
    kind: "recharge",
    at: state.now(),
    cinemaCode: cinema.internalCode,
    amountFen: amount,
    refundFen: 0,
    beforeFen: before,
    afterFen: card.balanceFen,
    seats: 0,
    refundSeats: 0,
    bookingId: `${cinema.internalCode}${state.digits(10)}`,
    filmCode: "",
    shortName: "",
    points: 0,
    mode: "充值",
    description,
  });
  const order = record(state, {
    outTradeNo,
    requestHash: hash,
    cinemaCode: cinema.internalCode,
    cardNumber: card.cardNumber,
    orderType: "recharge",
    amountFen: amount,
    description,
    result: { outTradeNo, balance: yuan(card.balanceFen) },
  });
  return ok(order.result);
}

export function updatePoints({ state, args, api }: Call): BizResult {
  const card = requireCard(state, args);
  const outTradeNo = tradeNo(args);
  const { hash, result } = replay(state, api, args);
  if (result) return result;
  const raw = str(args, "points");
  const points = Number(raw);
  if (!Number.isFinite(points) || !/^-?\d+(\.\d{1,2})?$/.test(raw)) throw new BizError("FORMAT_ERROR");
  if (card.tradePoints + points < 0) throw new BizError("ILLEGAL_ARGUMENT", "积分不足");
  card.tradePoints += points;
  if (points > 0) card.accumulationPoints += points;
  const description = optStr(args, "description") ?? "";
  card.records.push({
    kind: "points",
    at: state.now(),
    cinemaCode: card.cinemaCode,
    amountFen: 0,
    refundFen: 0,
    beforeFen: card.balanceFen,
    afterFen: card.balanceFen,
    seats: 0,
    refundSeats: 0,
    bookingId: "",
    filmCode: "",
    shortName: "",
    points,
    mode: "积分消费",
    description,
  });
  const order = record(state, {
    outTradeNo,
    requestHash: hash,
    cinemaCode: card.cinemaCode,
    cardNumber: card.cardNumber,
    orderType: "modifypoints",
    points,
    description,
    result: { outTradeNo, accumulationPoints: pts(card.accumulationPoints), tradePoints: pts(card.tradePoints) },
  });
  return ok(order.result);
}

export function modifyPassword({ state, args }: Call): BizResult {
  const card = requireCard(state, args);
  checkPassword(card, str(args, "oldPassword"), "CARD_OLD_PASSWORD_ERROR");
  card.password = newPassword(str(args, "newPassword"));
  return ok();
}

export function modifyInformation({ state, args }: Call): BizResult {
  const card = requireCard(state, args);
  checkPassword(card, str(args, "cardPassword"));
  for (const f of ["mobile", "cardUserName", "idCard", "address", "birthdate", "email", "gender"] as const) {
    const v = optStr(args, f);
    if (v !== undefined) card[f] = v;
  }
  return ok();
}

export function getCardDetail({ state, args }: Call): BizResult {
  const card = requireCard(state, args);
  const grade = gradeOf(state, card);
  return ok({
    cardNumber: card.cardNumber,
    cinemaLinkId: card.cinemaCode,
    gradeId: card.gradeId,
    gradeDesc: grade?.name ?? "",
    gradeType: "V",
    cardStatus: card.status,
    chargeType: "C",
    minAmount: yuan(grade?.minRechargeFen ?? 0),
    validateDate: card.validateDate,
    cardUserName: card.cardUserName,
    mobile: card.mobile,
    idCard: card.idCard,
    idType: "身份证",
    address: card.address,
    avaiFlag: card.status === "N",
    birthdate: card.birthdate,
    email: card.email,
    registerDate: card.registerDate,
    gender: card.gender,
    rechargeTimes: card.rechargeTimes,
    consumptionTimes: card.consumptionTimes,
  });
}

/** "Member card login": balance query with the encrypted password. */
export function queryBalance({ state, args }: Call): BizResult {
  const card = requireCard(state, args);
  checkPassword(card, str(args, "cardPassword"));
  return ok({
    cardNumber: card.cardNumber,
    cinemaLinkId: card.cinemaCode,
    balance: yuan(card.balanceFen),
    availableTimes: 0,
    accumulationPoints: pts(card.accumulationPoints),
    tradePoints: pts(card.tradePoints),
  });
}

/** Card + schedule shared by getCardDiscountTickets and queryPrice (cinemaLinkId = consuming cinema). */
function cardAndSchedule(state: YkseState, args: Args) {
  const cinema = requireCinema(state, args);
  const card = state.card(str(args, "cardNumber"));
  if (!card) throw new BizError("CARD_NOT_EXIST_ERROR");
  if (str(args, "sectionId") !== SECTION_ID) throw new BizError("DATA_NOT_EXIST", "场区不存在");
  const ref = requireSchedule(state, cinema, str(args, "scheduleId"), str(args, "scheduleKey"));
  return { card, ref, grade: gradeOf(state, card) };
}

export function getCardDiscountTickets({ state, args }: Call): BizResult {
  cardAndSchedule(state, args);
  return ok([{ maxDiscountTickets: 4, calculatePerTicketTimes: 1 }]);
}

export function queryPrice({ state, args }: Call): BizResult {
  const { ref, grade } = cardAndSchedule(state, args);
  const s = ref.showtime;
  const price = Math.max(s.lowestFen, Math.round(s.listFen * (grade?.discount ?? 1)));
  return ok([
    {
      maxDiscountTickets: 4,
      calculatePerTicketTimes: 1,
      tickets: [
        { ticketType: "成人票", isCardDiscount: true, price: yuan(price), maxTickets: 9999, tradePoints: "0.00" },
      ],
    },
  ]);
}

export function getCardOrderDetail({ state, args }: Call): BizResult {
  const cardOrderId = optStr(args, "cardOrderId");
  const outTradeNo = optStr(args, "outTradeNo");
  if (!cardOrderId && !outTradeNo) throw new BizError("NULL_ARGUMENT");
  const id = cardOrderId ?? state.cardOrdersByTradeNo.get(outTradeNo ?? "");
  const o = id ? state.cardOrders.get(id) : undefined;
  if (!o) throw new BizError("ORDER_NOT_FOUND");
  return ok({
    cardOrderId: o.cardOrderId,
    outTradeNo: o.outTradeNo,
    cinemaLinkId: o.cinemaCode,
    cardNumber: o.cardNumber,
    orderStatus: "success",
    ...(o.amountFen !== undefined ? { amount: yuan(o.amountFen) } : {}),
    ...(o.points !== undefined ? { points: pts(o.points) } : {}),
    orderType: o.orderType,
    description: o.description,
    createDateTime: fmtDateTime(o.createdAt),
  });
}

/** startDate/endDate: not after today, at most 90 days apart (§7.12.2). */
function recordsIn(state: YkseState, args: Args, kind: "consume" | "recharge" | "points") {
  const card = requireCard(state, args);
  const start = normaliseDate(str(args, "startDate"));
  const end = normaliseDate(str(args, "endDate"));
  if (!start || !end) throw new BizError("FORMAT_ERROR");
  const today = fmtDate(state.now());
  if (start > today || end > today || start > end) throw new BizError("ILLEGAL_ARGUMENT", "日期不正确");
  const from = Math.max(dateStart(start), dateStart(end) - 89 * DAY);
  const to = dateStart(end) + DAY;
  return card.records.filter((r) => (kind === "points" || r.kind === kind) && r.at >= from && r.at < to).reverse();
}

export function getCardConsumeRecords({ state, args }: Call): BizResult {
  return okList(
    recordsIn(state, args, "consume").map((r) => ({
      bookingId: r.bookingId,
      consumeCinemaLinkId: r.cinemaCode,
      consumeAmount: yuan(r.amountFen),
      refundAmount: yuan(r.refundFen),
      beforeBalance: yuan(r.beforeFen),
      afterBalance: yuan(r.afterFen),
      seats: r.seats,
      refundSeats: r.refundSeats,
      calculatePerTicketTimes: 1,
      description: r.description,
      consumeDateTime: fmtDateTime(r.at),
      filmCode: r.filmCode,
      shortName: r.shortName,
      getPoints: "0.00",
      refundPoints: "0.00",
    })),
  );
}

export function getCardRechargeRecords({ state, args }: Call): BizResult {
  return okList(
    recordsIn(state, args, "recharge").map((r) => ({
      rechargeBookingId: r.bookingId,
      rechargeCinemaLinkId: r.cinemaCode,
      rechargeAmount: yuan(r.amountFen),
      afterBalance: yuan(r.afterFen),
      beforeBalance: yuan(r.beforeFen),
      getPoints: "0.00",
      rechargeDateTime: fmtDateTime(r.at),
    })),
  );
}

export function getCardPointsRecords({ state, args }: Call): BizResult {
  return okList(
    recordsIn(state, args, "points").map((r) => ({
      getPointsCinemaLinkId: r.cinemaCode,
      getPoints: pts(Math.max(0, r.points)),
      getPointsMode: r.mode,
      refundPoints: pts(Math.max(0, -r.points)),
      getPointsDateTime: fmtDateTime(r.at),
    })),
  );
}
