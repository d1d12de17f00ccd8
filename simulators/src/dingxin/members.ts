import type { MemberCard, MemberCardGrade } from "../core/dataset-types.js";
import type { DxLock } from "./book.js";
import { DxCode, DxError } from "./codes.js";
import type { DxCall, DxEnv, Params } from "./env.js";
import { chinaDateTime, fenOf, yuan } from "./wire.js";

/**
 * Member cards (public-refs §4.4; doc 000 §三.2): 鼎新 has stored-value cards (储值卡: recharge,
 * pay for tickets from the balance) and discount cards (折扣卡: only a discount, the buyer then pays
 * by a third party); recharges have a minimum (doc 000 §三.2 (1) <1>). The refs give field names
 * only: which data-set grade is which type, the type codes (1 储值卡, 2 折扣卡) and the card price
 * rule (list price × grade discount, never below the floor) are the simulator's choices.
 */
export const CARD_TYPE = { storedValue: 1, discount: 2 } as const;

/** The grade's type by its place in the cinema's grade list: 1st, 3rd … stored-value; 2nd, 4th … discount. */
export const gradeType = (index: number) => (index % 2 === 0 ? CARD_TYPE.storedValue : CARD_TYPE.discount);

export class MemberBook {
  private readonly balances = new Map<string, number>();
  private readonly deposits = new Map<string, { cardNo: string; fen: number }>();

  balance(card: MemberCard): number {
    return this.balances.get(card.cardNo) ?? card.balanceFen;
  }

  charge(card: MemberCard, fen: number): void {
    const left = this.balance(card) - fen;
    if (left < 0) {
      throw new DxError(
        DxCode.cardBalanceLow,
        `会员卡余额不足，需支付${yuan(fen)}元，余额${yuan(this.balance(card))}元`,
      );
    }
    this.balances.set(card.cardNo, left);
  }

  /** Idempotent by partner_deposit_id: the same id recharges once. */
  recharge(card: MemberCard, fen: number, depositId: string): void {
    const seen = this.deposits.get(depositId);
    if (seen) {
      if (seen.cardNo !== card.cardNo || seen.fen !== fen) throw new DxError(DxCode.duplicateOrder, "充值单号已存在");
      return;
    }
    this.deposits.set(depositId, { cardNo: card.cardNo, fen });
    this.balances.set(card.cardNo, this.balance(card) + fen);
  }
}

function gradesOf(env: DxEnv, cinemaId: string) {
  return env.dataset().cardGrades.filter((g) => g.cinemaId === cinemaId);
}

export function cardOf(env: DxEnv, p: Params): { card: MemberCard; grade: MemberCardGrade; type: number } {
  const cid = p.req("cid");
  const cinema = env.catalog().cinemaByCid.get(cid);
  if (!cinema) throw new DxError(DxCode.cinemaNotFound, "影院不存在或未授权");
  const card = env.dataset().cards.find((c) => c.cardNo === p.req("card") && c.cinemaId === cinema.id);
  if (!card) throw new DxError(DxCode.cardNotFound, "会员卡不存在");
  const grades = gradesOf(env, cinema.id);
  const index = grades.findIndex((g) => g.id === card.gradeId);
  const grade = grades[index]!;
  return { card, grade, type: gradeType(index) };
}

/** The card price of one seat: list price × discount, rounded to the yuan, never below the floor. */
export function cardPriceFen(lock: DxLock, grade: MemberCardGrade): number {
  const discounted = Math.round((lock.show.listFen * grade.discount) / 100) * 100;
  return Math.max(discounted, lock.show.lowestFen);
}

/**
 * card/detail with play_id: `priceinfo[]` for the play. `price` the play's list price, `preferPrice`
 * the card price (list × discount, never below the floor), `can` 1 — the simulator's reading of the
 * field names (public-refs §4.4 gives names only).
 */
function priceInfo(env: DxEnv, p: Params, grade: MemberCardGrade) {
  const show = env.catalog().showByPlayId.get(p.int("play_id"));
  if (!show) throw new DxError(DxCode.playNotFound, "场次不存在");
  const prefer = Math.max(Math.round((show.listFen * grade.discount) / 100) * 100, show.lowestFen);
  return [
    {
      global: 0,
      price: yuan(show.listFen),
      preferPrice: yuan(prefer),
      globalPreferPrice: yuan(prefer),
      can: 1,
      desc: `${grade.name}会员价`,
      maxBuyNum: 4,
      subsidyType: 0,
    },
  ];
}

const levelRule: DxCall = {
  action: "cinema/card-level-rule",
  handle(p, env) {
    const cinema = env.catalog().cinemaByCid.get(p.req("cid"));
    if (!cinema) throw new DxError(DxCode.cinemaNotFound, "影院不存在或未授权");
    return {
      cinemaNum: cinema.nationalCode,
      rule: gradesOf(env, cinema.id).map((g, i) => {
        const type = gradeType(i);
        return {
          levelId: g.id,
          levelName: g.name,
          initMoney: yuan(g.minRechargeFen),
          type,
          typeDesc: type === CARD_TYPE.storedValue ? "储值卡" : "折扣卡",
          allowRecharge: type === CARD_TYPE.storedValue ? 1 : 0,
          ticketDiscount: String(g.discount),
          dayBuyLimit: 8,
          showBuyLimit: 4,
          lowestDepositMoney: yuan(g.minRechargeFen),
          allowBuyTicketOnline: 1,
          interflowCinemas: "",
        };
      }),
    };
  },
};

const cardAuth: DxCall = {
  action: "card/auth",
  handle(p, env) {
    const { card } = cardOf(env, p);
    // public-refs §4.4: card/auth answers data `auth` and the refs know no error code for a wrong
    // password (§4.5, §13), so a wrong one is a successful answer with auth 0.
    return { auth: p.req("password") === card.password ? 1 : 0 };
  },
};

const cardDetail: DxCall = {
  action: "card/detail",
  handle(p, env) {
    const { card, grade, type } = cardOf(env, p);
    const playId = p.get("play_id");
    const mobile = card.mobile;
    return {
      cinemaNum: env.catalog().cinemaByCid.get(p.req("cid"))!.nationalCode,
      callerId: `C${card.cardNo.slice(-6)}`,
      cardNumber: card.cardNo,
      username: "",
      balance: yuan(env.members.balance(card)),
      availableJifen: "0",
      period: "",
      discount: String(grade.discount),
      goodsDiscount: "1",
      cardLevel: grade.name,
      cardLevelId: grade.id,
      cardTypeId: type,
      cardType: type === CARD_TYPE.storedValue ? "储值卡" : "折扣卡",
      cardStatus: 1,
      mobile: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`,
      minAddMoney: yuan(grade.minRechargeFen),
      canRecharge: type === CARD_TYPE.storedValue ? 1 : 0,
      canBuyWithOnlinePay: type === CARD_TYPE.discount ? 1 : 0,
      canUse: 1,
      maxBuyNum: 4,
      canBuyNum: 4,
      ...(playId !== undefined ? { priceinfo: priceInfo(env, p, grade) } : {}),
    };
  },
};

/** seat/price: the card price of a lock's seats (the lock code from the lock reply, doc 000 §三.2 (3) <3>). */
const seatPrice: DxCall = {
  action: "seat/price",
  handle(p, env) {
    const { grade } = cardOf(env, p);
    const lock = env.book.getLock(p.req("lock_flag"));
    const unit = cardPriceFen(lock, grade);
    return {
      totalPrice: yuan(unit * lock.seatIds.length),
      totalFee: yuan(lock.show.feeFen * lock.seatIds.length),
      totalServiceCharge: "0.00",
      totalButie: "0.00",
      ticketNum: lock.seatIds.length,
    };
  },
};

const cardRecharge: DxCall = {
  action: "card/recharge",
  handle(p, env) {
    const { card, grade, type } = cardOf(env, p);
    if (type !== CARD_TYPE.storedValue) throw new DxError(DxCode.rechargeTooLow, "折扣卡不能充值");
    const fen = fenOf(p.req("money"));
    if (fen === undefined || fen <= 0) throw new DxError(DxCode.missingParam, "参数money格式错误");
    if (fen < grade.minRechargeFen)
      throw new DxError(DxCode.rechargeTooLow, `充值金额不能低于${yuan(grade.minRechargeFen)}元`);
    env.members.recharge(card, fen, p.req("partner_deposit_id"));
    return { rechargeSuccess: true, balance: yuan(env.members.balance(card)), rechargeTime: chinaDateTime(env.now()) };
  },
};

export const memberCalls = [levelRule, cardAuth, cardDetail, seatPrice, cardRecharge];
