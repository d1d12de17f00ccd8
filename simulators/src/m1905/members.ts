import type { MemberCard } from "../core/dataset-types.js";
import type { Form, M1905Call, M1905Env } from "./calls.js";
import { M1905SimCode, M1905SimError } from "./codes.js";
import { parseYuan, yuan } from "./xml.js";

/**
 * Member-card calls of public-refs §8.2 (MemberInfo, MemberTypeList, MemberPrice, MemberCardDeduct,
 * RechargeMemberCard, SellTicketCustom/member). The card password travels as plain `pCardPwd`
 * (no encryption is shown in the refs). Balances change in memory per simulator instance.
 */
const balances = new WeakMap<M1905Env, Map<string, number>>();

function balanceOf(env: M1905Env, card: MemberCard): number {
  let m = balances.get(env);
  if (!m) {
    m = new Map();
    balances.set(env, m);
  }
  if (!m.has(card.cardNo)) m.set(card.cardNo, card.balanceFen);
  return m.get(card.cardNo)!;
}

function setBalance(env: M1905Env, card: MemberCard, fen: number): void {
  balanceOf(env, card);
  balances.get(env)!.set(card.cardNo, fen);
}

/** The card of this cinema, checked against its password when one is asked for. */
function cardOf(f: Form, env: M1905Env, cinemaId: string, withPassword = true): MemberCard {
  const card = env.dataset.cards.find((c) => c.cardNo === f.req("pCardNo") && c.cinemaId === cinemaId);
  if (!card || (withPassword && card.password !== f.get("pCardPwd"))) throw new M1905SimError(M1905SimCode.cardRefused);
  return card;
}

function cinemaIdOf(f: Form, env: M1905Env): string {
  const c = env.catalog.cinemaByNo.get(f.req("pCinemaID"));
  if (!c) throw new M1905SimError(M1905SimCode.badParam, "影院不存在");
  return c.id;
}

const gradeOf = (env: M1905Env, card: MemberCard) => env.dataset.cardGrades.find((g) => g.id === card.gradeId);

function amount(f: Form, name: string): number {
  const fen = parseYuan(f.req(name));
  if (fen === undefined || fen <= 0) throw new M1905SimError(M1905SimCode.badParam, `${name}格式不正确`);
  return fen;
}

/** The card price of a session: the grade's discount on the standard price, never under the floor. */
export function memberPriceFen(env: M1905Env, card: MemberCard, listFen: number, lowestFen: number): number {
  const discount = gradeOf(env, card)?.discount ?? 1;
  return Math.max(lowestFen, Math.round((listFen * discount) / 100) * 100);
}

function cardInfo(env: M1905Env, card: MemberCard) {
  const grade = gradeOf(env, card);
  return {
    CardTypeNo: "1",
    CardType: "储值卡",
    CardLevelNo: card.gradeId,
    CardLevel: grade?.name ?? "",
    CardNo: card.cardNo,
    Balance: yuan(balanceOf(env, card)),
    Username: "会员",
    // Masked the way a cinema system shows it; the full number is never needed by the partner.
    Mobile: `${card.mobile.slice(0, 3)}****${card.mobile.slice(7)}`,
    ExpireDate: String(Math.floor(env.dataset.baseTime / 1000) + 365 * 86_400),
    CardLocation: "",
    CardChannel: "",
  };
}

const memberInfo: M1905Call = {
  name: "MemberInfo",
  params: ["pCinemaID", "pCardNo", "pCardPwd"],
  root: "MemberInfoResult",
  handle: (f, env) => ({
    ResultCode: "0",
    ResultMsg: "成功",
    CardInfo: cardInfo(env, cardOf(f, env, cinemaIdOf(f, env))),
  }),
};

const memberTypeList: M1905Call = {
  name: "MemberTypeList",
  params: ["pCinemaID"],
  root: "MemberTypeListResult",
  handle: (f, env) => {
    const cinemaId = cinemaIdOf(f, env);
    const cinema = env.catalog.cinemaById.get(cinemaId)!;
    const grades = env.dataset.cardGrades.filter((g) => g.cinemaId === cinemaId);
    return {
      ResultCode: "0",
      Types: {
        Type: [
          {
            TypeNo: "1",
            TypeName: "储值卡",
            Levels: {
              Level: grades.map((g) => ({
                LevelNo: g.id,
                LevelName: g.name,
                DiscountRate: String(g.discount),
                InitalalAmount: yuan(g.minRechargeFen),
                RechargeAmount: yuan(g.minRechargeFen),
                Rechargeable: "1",
                Levelup: "0",
                ScoreRatio: "1",
                ValidityMonths: "12",
                ActiveFee: yuan(0),
                RenewalAmount: yuan(0),
                RenewalMonths: "12",
                UseCinemas: { CinemaId: [cinema.internalCode] },
              })),
            },
          },
        ],
      },
    };
  },
};

const memberPrice: M1905Call = {
  name: "MemberPrice",
  params: ["pSessionID", "pCardNo", "pCardPwd"],
  root: "MemberPriceResult",
  handle: (f, env) => {
    const show = env.catalog.sessionByNo.get(f.req("pSessionID"));
    if (!show) throw new M1905SimError(M1905SimCode.sessionClosed);
    const card = cardOf(f, env, show.cinemaId);
    return {
      ResultCode: "0",
      SessionInfo: { MemberPrice: yuan(memberPriceFen(env, card, show.listFen, show.lowestFen)) },
    };
  },
};

const memberCardDeduct: M1905Call = {
  name: "MemberCardDeduct",
  params: ["pCinemaID", "pCardNo", "pCardPwd", "pBalance", "pOrderID"],
  root: "MemberCardDeductResult",
  handle: (f, env) => {
    const card = cardOf(f, env, cinemaIdOf(f, env));
    const fen = amount(f, "pBalance");
    const before = balanceOf(env, card);
    if (before < fen) throw new M1905SimError(M1905SimCode.balanceShort);
    setBalance(env, card, before - fen);
    return {
      ResultCode: "0",
      CardInfo: {
        CardNo: card.cardNo,
        Balance: yuan(before - fen),
        AcBalance: yuan(before - fen),
        CreateTime: String(Math.floor(env.now() / 1000)),
      },
    };
  },
};

const rechargeMemberCard: M1905Call = {
  name: "RechargeMemberCard",
  params: ["pCinemaID", "pCardNo", "pOrderID", "pBalance"],
  root: "RechargeMemberCardResult",
  handle: (f, env) => {
    const card = cardOf(f, env, cinemaIdOf(f, env), false);
    const fen = amount(f, "pBalance");
    // Doc 000 §三.2 (1): 1905 has a minimum recharge amount (the grade's).
    const min = gradeOf(env, card)?.minRechargeFen ?? 0;
    if (fen < min) throw new M1905SimError(M1905SimCode.badParam, `充值金额不能低于${yuan(min)}元`);
    const total = balanceOf(env, card) + fen;
    setBalance(env, card, total);
    return {
      ResultCode: "0",
      RechargeInfo: { CardNo: card.cardNo, RechargeBalance: yuan(fen), TotalBalance: yuan(total) },
    };
  },
};

export const cardCalls: M1905Call[] = [memberInfo, memberTypeList, memberPrice, memberCardDeduct, rechargeMemberCard];
