import { ok, type Result } from "../../domain/errors.js";
import { type Fen, fenToYuan, yuanToFen } from "../../domain/money.js";
import type { CinemaRef } from "../../domain/trade.js";
import { str, type Wire } from "../wire/read.js";
import { items, obj } from "../wire/xml-document.js";
import type { M1905Client } from "./client.js";

/**
 * 1905's member-card calls (public-refs §8.2), typed by this module rather than the generic
 * MemberCardsConnector: 1905 asks for the card password on every read (MemberInfo, MemberPrice),
 * which that interface does not pass. The password travels as plain pCardPwd (no encryption in the
 * refs) and is masked in every recording.
 */
export interface M1905CardLevel {
  typeNo: string;
  typeName: string;
  levelNo: string;
  levelName: string;
  discountRate?: string;
  /** 初始金额 (InitalalAmount [sic]) — doc 000 §三.2: 1905 cards have a minimum recharge. */
  initialFen?: Fen;
  /** RechargeAmount: read as the minimum recharge (inferred from doc 000 §三.2 <1>). */
  minRechargeFen?: Fen;
  rechargeable: boolean;
}

export interface M1905Card {
  cardNumber: string;
  typeName?: string;
  levelNo?: string;
  levelName?: string;
  balanceFen?: Fen;
  /** As 1905 sends it; masked to 3 + 4 digits here whatever it sends. */
  mobile?: string;
  expiresAt?: number;
}

export interface M1905Cards {
  levels(cinema: CinemaRef): Promise<Result<M1905CardLevel[]>>;
  /** MemberInfo: the login check (微官网绑卡) and the balance. */
  login(cinema: CinemaRef, cardNumber: string, password: string): Promise<Result<M1905Card>>;
  /** MemberPrice: the card price of a session. */
  price(vendorShowtimeId: string, cardNumber: string, password: string): Promise<Result<{ priceFen: Fen }>>;
  /** RechargeMemberCard, idempotent by our pOrderID (outTradeNo). */
  recharge(
    cinema: CinemaRef,
    cardNumber: string,
    outTradeNo: string,
    amountFen: Fen,
  ): Promise<Result<{ balanceFen?: Fen }>>;
  /** MemberCardDeduct: card payment of an amount. */
  deduct(
    cinema: CinemaRef,
    cardNumber: string,
    password: string,
    outTradeNo: string,
    amountFen: Fen,
  ): Promise<Result<{ balanceFen?: Fen }>>;
}

const fen = (w: Wire | undefined, name: string): Fen | undefined => {
  const s = str(w, name);
  if (s === undefined) return undefined;
  try {
    return yuanToFen(s);
  } catch {
    return undefined;
  }
};

/** The password as typed and as it appears URL-encoded in the form: both are masked. */
const secret = (password: string) => [password, new URLSearchParams({ p: password }).toString().slice(2)];

const maskMobile = (m: string | undefined) => (m ? m.replace(/^(\d{3})\d{4}(\d{4})$/, "$1****$2") : undefined);

export function createM1905Cards(client: M1905Client): M1905Cards {
  return {
    async levels(cinema) {
      const res = await client.call("MemberTypeList", [["pCinemaID", cinema.vendorCinemaId]]);
      if (!res.ok) return res;
      const out: M1905CardLevel[] = [];
      for (const type of items(res.value.body, "Types", "Type")) {
        for (const level of items(type, "Levels", "Level")) {
          const initial = fen(level, "InitalalAmount");
          const min = fen(level, "RechargeAmount");
          const rate = str(level, "DiscountRate");
          out.push({
            typeNo: str(type, "TypeNo") ?? "",
            typeName: str(type, "TypeName") ?? "",
            levelNo: str(level, "LevelNo") ?? "",
            levelName: str(level, "LevelName") ?? "",
            ...(rate ? { discountRate: rate } : {}),
            ...(initial !== undefined ? { initialFen: initial } : {}),
            ...(min !== undefined ? { minRechargeFen: min } : {}),
            rechargeable: str(level, "Rechargeable") === "1",
          });
        }
      }
      return ok(out);
    },

    async login(cinema, cardNumber, password) {
      const res = await client.call(
        "MemberInfo",
        [
          ["pCinemaID", cinema.vendorCinemaId],
          ["pCardNo", cardNumber],
          ["pCardPwd", password],
        ],
        { mask: secret(password) },
      );
      if (!res.ok) return res;
      const info = obj(res.value.body, "CardInfo");
      const balance = fen(info, "Balance");
      const expire = str(info, "ExpireDate");
      const mobile = maskMobile(str(info, "Mobile"));
      return ok({
        cardNumber: str(info, "CardNo") ?? cardNumber,
        ...(str(info, "CardType") ? { typeName: str(info, "CardType") } : {}),
        ...(str(info, "CardLevelNo") ? { levelNo: str(info, "CardLevelNo") } : {}),
        ...(str(info, "CardLevel") ? { levelName: str(info, "CardLevel") } : {}),
        ...(balance !== undefined ? { balanceFen: balance } : {}),
        ...(mobile ? { mobile } : {}),
        ...(expire && /^\d+$/.test(expire) ? { expiresAt: Number(expire) * 1000 } : {}),
      });
    },

    async price(vendorShowtimeId, cardNumber, password) {
      const res = await client.call(
        "MemberPrice",
        [
          ["pSessionID", vendorShowtimeId],
          ["pCardNo", cardNumber],
          ["pCardPwd", password],
        ],
        { mask: secret(password) },
      );
      if (!res.ok) return res;
      const price = fen(obj(res.value.body, "SessionInfo"), "MemberPrice");
      return price === undefined
        ? {
            ok: false,
            error: { code: "vendor_unavailable", vendorCode: "bad_response", message: "MemberPrice without a price" },
          }
        : ok({ priceFen: price });
    },

    async recharge(cinema, cardNumber, outTradeNo, amountFen) {
      const res = await client.call(
        "RechargeMemberCard",
        [
          ["pCinemaID", cinema.vendorCinemaId],
          ["pCardNo", cardNumber],
          ["pOrderID", outTradeNo],
          ["pBalance", fenToYuan(amountFen)],
        ],
        { sideEffect: true },
      );
      if (!res.ok) return res;
      const total = fen(obj(res.value.body, "RechargeInfo"), "TotalBalance");
      return ok(total !== undefined ? { balanceFen: total } : {});
    },

    async deduct(cinema, cardNumber, password, outTradeNo, amountFen) {
      const res = await client.call(
        "MemberCardDeduct",
        [
          ["pCinemaID", cinema.vendorCinemaId],
          ["pCardNo", cardNumber],
          ["pCardPwd", password],
          ["pBalance", fenToYuan(amountFen)],
          ["pOrderID", outTradeNo],
        ],
        { sideEffect: true, mask: secret(password) },
      );
      if (!res.ok) return res;
      const balance = fen(obj(res.value.body, "CardInfo"), "Balance");
      return ok(balance !== undefined ? { balanceFen: balance } : {});
    },
  };
}
