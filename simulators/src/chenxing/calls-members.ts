import type { MemberCard, MemberCardGrade } from "../core/dataset-types.js";
import { cinemaOf } from "./calls-catalogue.js";
import { chinaDateTime } from "./catalog.js";
import { Code, TspError } from "./codes.js";
import { type FlatOp, fenOf, type TspEnv, yuan } from "./env.js";
import { md5Hex } from "./signing.js";
import type { Tree } from "./soap.js";

/**
 * Member-card operations (public-refs §3.3 "Member cards", doc section 4.2.x) over the data set's
 * grades and cards. Parameter lists as the refs give them (after pAppCode, pCinemaCode); card
 * passwords arrive as the MD5 of the password (`pLmsPassword`). Balances change in this instance
 * only; a transaction number already used answers what it answered the first time.
 */
interface CardState {
  card: MemberCard;
  balanceFen: number;
}
interface Tx {
  transactionNo: string;
  cardNo: string;
  amountFen: number;
  kind: "consume" | "charge";
  cancelled?: boolean;
}

const states = new WeakMap<TspEnv, { cards: Map<string, CardState>; txs: Map<string, Tx> }>();

function stateOf(env: TspEnv) {
  let s = states.get(env);
  if (!s) {
    s = {
      cards: new Map(env.dataset().cards.map((c) => [c.cardNo, { card: c, balanceFen: c.balanceFen }])),
      txs: new Map(),
    };
    states.set(env, s);
  }
  return s;
}

function gradesOf(env: TspEnv, cinemaId: string): MemberCardGrade[] {
  return env.dataset().cardGrades.filter((g) => g.cinemaId === cinemaId);
}

/** The card, checked against its cinema and — unless empty (QueryMemberInfo allows it) — the password's MD5. */
function cardOf(env: TspEnv, p: Readonly<Record<string, string>>, passwordRequired: boolean): CardState {
  const cinema = cinemaOf(env, p.pCinemaCode ?? "");
  const state = stateOf(env).cards.get(p.pLoginNum ?? "");
  if (!state || state.card.cinemaId !== cinema.id) throw new TspError(Code.notFound, "会员卡不存在");
  const given = (p.pLmsPassword ?? "").toLowerCase();
  if ((passwordRequired || given !== "") && given !== md5Hex(state.card.password)) {
    throw new TspError(Code.badParam, "会员卡密码错误");
  }
  return state;
}

function cardFields(env: TspEnv, s: CardState): Tree {
  const grade = env.dataset().cardGrades.find((g) => g.id === s.card.gradeId);
  return {
    ID: s.card.cardNo,
    CardNum: s.card.cardNo,
    UserName: "",
    Sex: "",
    CreditNum: "",
    MobileNum: s.card.mobile,
    LevelCode: grade?.id ?? "",
    LevelName: grade?.name ?? "",
    Birthday: "",
    BusinessName: "",
    BusinessCode: "",
    RegistDate: "2024-01-01",
    BasicBalance: yuan(s.balanceFen),
    DonateBalance: yuan(0),
    IntegralBalance: "0",
    Lower: yuan(grade?.minRechargeFen ?? 0),
    Upper: yuan(10_000_000),
    IntegralToCashBasis: "0",
    IntegralToCashValue: "0",
    AllowConsumeType: "0",
    AllowIntegralType: "0",
    TicketProportion: String(Math.round((grade?.discount ?? 1) * 100)),
    GoodsProportion: "100",
    MemberStatus: "1",
    CardStatus: "1",
  };
}

const QueryMemberLevel: FlatOp = {
  kind: "flat",
  name: "QueryMemberLevel",
  params: ["pCinemaCode"],
  handle(p, env) {
    const cinema = cinemaOf(env, p.pCinemaCode ?? "");
    return {
      MemberLevels: {
        MemberLevel: gradesOf(env, cinema.id).map((g) => ({
          LevelCode: g.id,
          LevelName: g.name,
          OpenCardCost: yuan(0),
          ReissueCardCost: yuan(0),
          ChangeCardCost: yuan(0),
          CancellationCost: yuan(0),
          Lower: yuan(g.minRechargeFen),
          Upper: yuan(10_000_000),
          AllowConsumeType: "0",
          AllowIntegralType: "0",
          TicketProportion: String(Math.round(g.discount * 100)),
          GoodsProportion: "100",
          UpgradeNeedPoint: "0",
          IsIntegralCard: "0",
        })),
      },
    };
  },
};

const VerifyMemberLogin: FlatOp = {
  kind: "flat",
  name: "VerifyMemberLogin",
  params: ["pCinemaCode", "pLoginNum", "pLmsPassword"],
  handle: (p, env) => cardFields(env, cardOf(env, p, true)),
};

const QueryMemberInfo: FlatOp = {
  kind: "flat",
  name: "QueryMemberInfo",
  params: ["pCinemaCode", "pLoginNum", "pLmsPassword"],
  handle: (p, env) => cardFields(env, cardOf(env, p, false)),
};

/** Card price per seat: the grade's ticket proportion of the standard price, never below the floor. */
const QueryDiscountActivity: FlatOp = {
  kind: "flat",
  name: "QueryDiscountActivity",
  params: ["pCinemaCode", "pFacts"],
  handle(p, env) {
    const cinema = cinemaOf(env, p.pCinemaCode ?? "");
    let facts: { cardLevelCode?: string; planInfos?: Array<{ featureAppNo?: string }> };
    try {
      facts = JSON.parse(p.pFacts ?? "");
    } catch {
      throw new TspError(Code.badParam, "参数错误: pFacts 不是有效的JSON");
    }
    const grade = gradesOf(env, cinema.id).find((g) => g.id === facts.cardLevelCode);
    if (!grade) throw new TspError(Code.notFound, "会员卡等级不存在");
    const results = (facts.planInfos ?? []).map((plan, i) => {
      const show = env.catalog().showByFeatureAppNo(cinema, plan.featureAppNo ?? "");
      if (!show) throw new TspError(Code.notFound, `场次不存在: ${plan.featureAppNo}`);
      const price = Math.max(show.lowestFen, Math.round((show.settleFen * grade.discount) / 100) * 100);
      return {
        cardLevelCode: grade.id,
        cardLevelName: grade.name,
        featureAppNo: plan.featureAppNo,
        price: yuan(price),
        ruleId: `R${i + 1}`,
        cinemaPayAmount: yuan(price),
        ruleGroupName: "会员价",
        ruleName: `${grade.name}${Math.round(grade.discount * 100)}折`,
      };
    });
    return { Rule: JSON.stringify({ results }) };
  },
};

function amount(text: string | undefined, name: string): number {
  const fen = fenOf(text ?? "");
  if (fen === undefined || fen <= 0) throw new TspError(Code.badParam, `参数错误: ${name}`);
  return fen;
}

const MemberConsume: FlatOp = {
  kind: "flat",
  name: "MemberConsume",
  params: [
    "pCinemaCode",
    "pLoginNum",
    "pLmsPassword",
    "pChannelType",
    "pAmount",
    "pOrderCode",
    "pTransactionNo",
    "pTicketAmount",
    "pGoodsAmount",
    "pIntegralAmount",
    "pIntegralMultiple",
    "pGoods",
  ],
  handle(p, env) {
    const s = cardOf(env, p, true);
    const txs = stateOf(env).txs;
    const txNo = p.pTransactionNo ?? "";
    if (!txNo) throw new TspError(Code.badParam, "参数错误: pTransactionNo");
    const seen = txs.get(txNo);
    if (seen) return { TransactionNo: seen.transactionNo, GiveAmount: yuan(0) };
    const fen = amount(p.pAmount, "pAmount");
    if (s.balanceFen < fen) throw new TspError(Code.gateway, "网络代售系统异常: 会员卡余额不足");
    s.balanceFen -= fen;
    txs.set(txNo, { transactionNo: txNo, cardNo: s.card.cardNo, amountFen: fen, kind: "consume" });
    return { TransactionNo: txNo, GiveAmount: yuan(0) };
  },
};

const MemberTransactionCancel: FlatOp = {
  kind: "flat",
  name: "MemberTransactionCancel",
  params: ["pCinemaCode", "pOldTransactionNo", "pTransactionNo", "pChannelType"],
  handle(p, env) {
    cinemaOf(env, p.pCinemaCode ?? "");
    const { txs, cards } = stateOf(env);
    const old = txs.get(p.pOldTransactionNo ?? "");
    if (old?.kind !== "consume") throw new TspError(Code.orderNotFound, "原交易不存在");
    if (!old.cancelled) {
      old.cancelled = true;
      const s = cards.get(old.cardNo)!;
      s.balanceFen += old.amountFen;
    }
    return { TransactionNo: p.pTransactionNo ?? "" };
  },
};

const MemberCharge: FlatOp = {
  kind: "flat",
  name: "MemberCharge",
  params: [
    "pCinemaCode",
    "pLoginNum",
    "pChargeType",
    "pChargeTypeName",
    "pChannelType",
    "pAccountType",
    "pChargeAmount",
    "pChargeActivityId",
    "pChargeClass",
    "pOrderCode",
    "pTransactionNo",
  ],
  handle(p, env) {
    const s = cardOf(env, { ...p, pLmsPassword: "" }, false);
    const txs = stateOf(env).txs;
    const txNo = p.pTransactionNo ?? "";
    if (!txNo) throw new TspError(Code.badParam, "参数错误: pTransactionNo");
    if (txs.has(txNo)) return { TransactionNo: txNo };
    const fen = amount(p.pChargeAmount, "pChargeAmount");
    const grade = env.dataset().cardGrades.find((g) => g.id === s.card.gradeId);
    // doc 000 §三.2: 晨星 cards have a minimum recharge (the grade's Lower).
    if (grade && fen < grade.minRechargeFen) {
      throw new TspError(Code.gateway, `网络代售系统异常: 充值金额低于最低充值额${yuan(grade.minRechargeFen)}元`);
    }
    s.balanceFen += fen;
    txs.set(txNo, { transactionNo: txNo, cardNo: s.card.cardNo, amountFen: fen, kind: "charge" });
    return { TransactionNo: txNo, ChargeTime: chinaDateTime(env.now()) };
  },
};

export const memberOps = [
  QueryMemberLevel,
  VerifyMemberLogin,
  QueryMemberInfo,
  QueryDiscountActivity,
  MemberConsume,
  MemberTransactionCancel,
  MemberCharge,
];
