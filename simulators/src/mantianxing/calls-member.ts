import type { MemberCard } from "../core/dataset-types.js";
import { fenOf, yuan } from "./catalog.js";
import { Code, MtxError } from "./codes.js";
import type { MtxEnv, Reply } from "./env.js";
import { verifies } from "./signing.js";
import { resultXml } from "./soap.js";

type Params = Record<string, string>;

/**
 * Member centre (`cmtspay` payapi, public-refs §9.4): validateKey over partnerCode + placeNo + the
 * op's values + partnerKey, same hashing and [8, 24) slice as the ticket centre, no token. The refs
 * list no member error codes: failures answer 100101 (validateKey) or 100500 with the reason text
 * (inferred).
 */
interface MemberOp {
  signed: readonly string[];
  handle(p: Params, env: MtxEnv): Reply;
}

/** The member-centre reply failure (no member code table in the refs). */
const refuse = (msg: string) => new MtxError(Code.system, msg);

function cardOf(env: MtxEnv, p: Params, withPassword: boolean): MemberCard {
  const cinema = env.catalog().cinemaByCode.get(p.placeNo ?? "");
  if (!cinema) throw new MtxError(Code.cinemaInfo, "影院信息错误");
  const id = (p.cardId ?? p.memoryId ?? "").replace(/^[*#]/, "");
  const card = env.dataset().cards.find((c) => c.cinemaId === cinema.id && c.cardNo === id);
  if (!card) throw refuse("会员卡不存在");
  if (withPassword && card.password !== p.passWord) throw refuse("会员卡密码错误");
  return card;
}

function grade(env: MtxEnv, card: MemberCard) {
  return env.dataset().cardGrades.find((g) => g.id === card.gradeId);
}

const cardFields = (env: MtxEnv, card: MemberCard) => {
  const g = grade(env, card);
  return {
    CardId: card.cardNo,
    AccLevelCode: card.gradeId,
    AccLevelName: g?.name ?? "",
    AccStatus: "1",
    AccBalance: yuan(card.balanceFen),
    PlaceNo: env.dataset().cinemas.find((c) => c.id === card.cinemaId)?.internalCode ?? "",
  };
};

const okXml = (root: string, fields: Record<string, string | object>): Reply => ({
  xml: resultXml(root, { ResultCode: Code.ok, ResultMsg: "成功", ...(fields as Record<string, never>) }),
});

export const memberOps: Record<string, MemberOp> = {
  loginCard: {
    signed: ["partnerId", "cardId", "mobilePhone", "passWord"],
    handle: (p, env) => okXml("LoginCardReturn", { ...cardFields(env, cardOf(env, p, true)), AccIntegral: "0" }),
  },
  queryCard: {
    signed: ["partnerId", "memoryId"],
    handle: (p, env) => okXml("QueryCardReturn", { ...cardFields(env, cardOf(env, p, false)), Score: "0" }),
  },
  getCardType: {
    signed: [],
    handle: (p, env) => {
      const cinema = env.catalog().cinemaByCode.get(p.placeNo ?? "");
      if (!cinema) throw new MtxError(Code.cinemaInfo, "影院信息错误");
      const grades = env.dataset().cardGrades.filter((g) => g.cinemaId === cinema.id);
      return okXml("GetCardTypeReturn", {
        MemberTypes: { MemberType: grades.map((g) => ({ MemberType: g.id, MemberTypeName: g.name })) },
      });
    },
  },
  getDiscount: {
    signed: ["partnerId", "cardId", "mobilePhone", "featureNo", "featureDate", "featureTime"],
    handle: (p, env) => {
      const card = cardOf(env, p, false);
      const show = env.catalog().showByFeatureNo.get(p.featureNo ?? "");
      if (!show) throw refuse("场次不存在");
      // DiscountType 1: a fixed card price (CEC reads 0 as a ratio of the standard price).
      const price = Math.round(show.listFen * (grade(env, card)?.discount ?? 1));
      return okXml("GetDiscountReturn", { DiscountType: "1", Price: yuan(Math.max(price, show.lowestFen)) });
    },
  },
  serialCardPay: {
    signed: [
      "partnerId",
      "cardId",
      "mobilePhone",
      "passWord",
      "traceTypeNo",
      "oldPrice",
      "tracePrice",
      "discount",
      "featureNo",
      "filmNo",
      "ticketNum",
    ],
    handle: (p, env) => {
      const card = cardOf(env, p, true);
      const amount = fenOf(p.oldPrice);
      if (amount === undefined) throw refuse("金额格式错误");
      if (p.traceTypeNo === "01") {
        if (card.balanceFen < amount) throw refuse("会员卡余额不足");
        card.balanceFen -= amount;
      }
      return {
        json: {
          resultCode: Code.ok,
          resultMsg: "成功",
          groundTradeNo: `MP${Date.now().toString(36)}${card.cardNo.slice(-4)}`,
          tradeResultStatus: "1",
          deductMoney: yuan(amount),
        },
      };
    },
  },
  serialCardRecharge: {
    signed: ["partnerId", "cardId", "mobilePhone", "passWord", "price"],
    handle: (p, env) => {
      const card = cardOf(env, p, true);
      const amount = fenOf(p.price);
      if (amount === undefined || amount <= 0) throw refuse("充值金额格式错误");
      const min = grade(env, card)?.minRechargeFen ?? 0;
      if (amount < min) throw refuse(`充值金额低于最低充值额 ${yuan(min)}`);
      card.balanceFen += amount;
      return { json: { resultCode: Code.ok, resultMsg: "成功", balance: yuan(card.balanceFen), score: "0" } };
    },
  },
};

export function authenticateMember(op: MemberOp, p: Params, env: MtxEnv): void {
  if (p.partnerCode !== env.partnerCode) throw new MtxError(Code.appUnknown, "合作商编码不存在");
  const values = [p.partnerCode ?? "", p.placeNo ?? "", ...op.signed.map((k) => p[k] ?? "")];
  if (!verifies(p.validateKey, values, env.partnerKey)) throw new MtxError(Code.badVerify, "验证信息错误");
}
