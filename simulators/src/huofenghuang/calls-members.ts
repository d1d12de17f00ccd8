import type { Dataset, MemberCard, MemberCardGrade } from "../core/dataset-types.js";
import { showOf } from "./calls-catalogue.js";
import { HfhCode, HfhError } from "./codes.js";
import type { HfhCall, HfhEnv, Params } from "./env.js";
import { chinaDateTime, dataOk, fenOf, yuan } from "./wire.js";

/** getToken's validity: the refs' sample shows 30 minutes between startDate and endDate. */
const TOKEN_MS = 30 * 60_000;

/** Member-card state of one simulator instance: balances move, tokens expire. */
export class HfhMembers {
  private readonly balances = new Map<string, number>();
  private readonly tokens = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly dataset: () => Dataset,
    private readonly now: () => number,
  ) {}

  /** A card of a 火凤凰 cinema and its grade; with a password, checked against it. */
  card(cardNo: string, password?: string): { card: MemberCard; grade: MemberCardGrade | undefined } {
    const d = this.dataset();
    const owners = new Set(d.cinemas.filter((c) => c.vendor === "huofenghuang").map((c) => c.id));
    const card = d.cards.find((c) => c.cardNo === cardNo && owners.has(c.cinemaId));
    if (!card) throw new HfhError(HfhCode.cardNotFound, "会员卡不存在");
    if (password !== undefined && card.password !== password)
      throw new HfhError(HfhCode.cardPassword, "会员卡密码错误");
    return { card, grade: d.cardGrades.find((g) => g.id === card.gradeId) };
  }

  balance(card: MemberCard): number {
    return this.balances.get(card.cardNo) ?? card.balanceFen;
  }

  move(card: MemberCard, deltaFen: number): number {
    const next = this.balance(card) + deltaFen;
    if (next < 0) throw new HfhError(HfhCode.cardBalanceLow, "会员卡余额不足");
    this.balances.set(card.cardNo, next);
    return next;
  }

  token(): { token: string; from: number; until: number } {
    const from = this.now();
    const token = `T${from.toString(36)}${++this.seq}`;
    this.tokens.set(token, from + TOKEN_MS);
    return { token, from, until: from + TOKEN_MS };
  }

  useToken(token: string): void {
    const until = this.tokens.get(token);
    if (until === undefined || this.now() >= until) throw new HfhError(HfhCode.badToken, "token无效或已过期");
    this.tokens.delete(token);
  }
}

const cardXml = (m: HfhMembers, card: MemberCard, grade: MemberCardGrade | undefined) => ({
  "@cardFacadeCd": card.cardNo,
  mobilePhone: card.mobile,
  balance: yuan(m.balance(card)),
  type: "1",
  avaiFlg: "Y",
  state: "1",
  gradeId: card.gradeId,
  gradeDesc: grade?.name ?? "",
  invalidationDate: "2099-12-31",
});

/** The card price of a seat: the grade's discount rate on the show's price, never below the floor. */
const cardPriceFen = (standardFen: number, lowestFen: number, grade: MemberCardGrade | undefined) =>
  Math.max(lowestFen, Math.round(standardFen * (grade?.discount ?? 1)));

function cinemaOfParam(env: HfhEnv, p: Params) {
  const cinema = env.catalog().cinemas.find((c) => c.nationalCode === p.req("cinemaId"));
  if (!cinema) throw new HfhError(HfhCode.cinemaNotFound, "影院不存在");
  return cinema;
}

const getToken: HfhCall = {
  method: "getToken",
  cinema: "none",
  handle(_p, env) {
    const t = env.members.token();
    return dataOk({ card: { token: t.token, startDate: chinaDateTime(t.from), endDate: chinaDateTime(t.until) } });
  },
};

const qryMemberCardInfo: HfhCall = {
  method: "qryMemberCardInfo",
  cinema: "none",
  handle(p, env) {
    cinemaOfParam(env, p);
    const { card, grade } = env.members.card(p.req("cardFacadeCd"), p.req("cardPass"));
    return dataOk({ card: cardXml(env.members, card, grade) });
  },
};

/** The card's price for a section of a show (qryPrice names the show without showSeqNo: the first that fits). */
const qryPrice: HfhCall = {
  method: "qryPrice",
  cinema: "none",
  handle(p, env) {
    const cinema = cinemaOfParam(env, p);
    const { grade } = env.members.card(p.req("cardNum"));
    const show = env
      .catalog()
      .shows(cinema)
      .find(
        (s) =>
          s.hallNo === p.req("hallId") &&
          s.filmId === p.req("filmId") &&
          s.showDate === p.req("showDate") &&
          s.showTime === String(Number(p.req("showTime"))),
      );
    if (!show) throw new HfhError(HfhCode.showNotFound, "场次不存在");
    const section = env
      .catalog()
      .sections(show.hall)
      .find((s) => s.id === p.req("sectionId"));
    if (!section) throw new HfhError(HfhCode.seatNotFound, "区域不存在");
    const standard = show.show.areaPrices.find((a) => a.areaId === section.areaId)?.settleFen ?? show.show.settleFen;
    return dataOk({
      section: {
        "@id": section.id,
        "@name": section.name,
        "@maxDisTkts": "0",
        ticket: {
          "@name": "会员票",
          "@price": yuan(cardPriceFen(standard, show.show.lowestFen, grade)),
          "@favorableFlg": "Y",
          "@maxTkts": "0",
          "@marketPriceFlg": "N",
          "@isAllowPayCountCard": "N",
          "@consumeTimes": "0",
        },
      },
    });
  },
};

/** A locked order sold against the card: its balance pays prices and fees. */
const fixMemberCardOrder: HfhCall = {
  method: "fixMemberCardOrder",
  cinema: "none",
  handle(p, env) {
    const cinema = cinemaOfParam(env, p);
    const { card } = env.members.card(p.req("cardFacadeCd"), p.req("cardPass"));
    const order = env.book.order(p.req("orderNo"));
    if (order.show.cinema.id !== cinema.id) throw new HfhError(HfhCode.orderNotFound, "订单不存在");
    const show = showOf(env, cinema, p);
    if (show.show.id !== order.show.show.id) throw new HfhError(HfhCode.showNotFound, "场次与锁座不符");
    const prices = p.list("priceList").map(fenOf);
    const fees = p.list("feeList").map(fenOf);
    if (prices.length !== order.seats.length || p.int("ticketCount") !== order.seats.length) {
      throw new HfhError(HfhCode.seatCountMismatch, "座位数不符");
    }
    if (prices.some((x) => x === undefined) || fees.some((x) => x === undefined) || fees.length !== prices.length) {
      throw new HfhError(HfhCode.missingParam, "价格格式错误");
    }
    const lines = prices.map((priceFen, i) => ({ priceFen: priceFen!, feeFen: fees[i]! }));
    if (lines.some((l) => l.priceFen < show.show.lowestFen)) throw new HfhError(HfhCode.priceTooLow, "票价低于最低价");
    const total = lines.reduce((s, l) => s + l.priceFen + l.feeFen, 0);
    if (env.members.balance(card) < total) throw new HfhError(HfhCode.cardBalanceLow, "会员卡余额不足");
    env.book.sell(order, lines);
    const balance = env.members.move(card, -total);
    const sale = order.sale!;
    return dataOk({
      bookingId: sale.bookingId,
      confirmationId: sale.confirmationId,
      card: { balance: yuan(balance), cumulationMarking: "0", tradeMarking: "0", availableTimes: "0" },
    });
  },
};

/** Recharge: a fresh token, at least the grade's minimum (doc 000: 火凤凰 cards have a minimum recharge). */
const modifyMemberCardBalance: HfhCall = {
  method: "modifyMemberCardBalance",
  cinema: "none",
  handle(p, env) {
    env.members.useToken(p.req("token"));
    const { card, grade } = env.members.card(p.req("cardFacadeCd"), p.req("cardPass"));
    const amount = fenOf(p.req("balance"));
    if (amount === undefined || amount <= 0) throw new HfhError(HfhCode.missingParam, "充值金额格式错误");
    if (grade && amount < grade.minRechargeFen) {
      throw new HfhError(HfhCode.rechargeTooLow, `充值金额不能低于${yuan(grade.minRechargeFen)}元`);
    }
    p.req("aliOrderNo");
    return dataOk({ card: { balance: yuan(env.members.move(card, amount)) } });
  },
};

export const memberCalls: HfhCall[] = [
  getToken,
  qryMemberCardInfo,
  qryPrice,
  fixMemberCardOrder,
  modifyMemberCardBalance,
];
