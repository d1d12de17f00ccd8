import type { VendorShowtime } from "../../domain/catalog.js";
import { fail, ok, type Result } from "../../domain/errors.js";
import { type Fen, fenToYuan, yuanToFen } from "../../domain/money.js";
import { toChinaIso } from "../../domain/time.js";
import type { CinemaRef } from "../../domain/trade.js";
import { list, str, type Wire } from "../wire/read.js";
import type { ChenxingClient } from "./client.js";
import { md5Lower } from "./signing.js";

/**
 * 辰星 member cards (public-refs §3.3 "Member cards", doc section 4.2.x): grades, login, card
 * information and balance, the card price of a plan, card payment and its cancellation, recharge.
 * Typed by this module (the shared MemberCardsConnector is ykse-shaped; 辰星 shows no calls for
 * most of it). Card passwords go out only as `pLmsPassword` = lowercase MD5 of the password and
 * are masked (plain and hashed) in every recording; mobiles come back masked.
 */
export interface ChenxingGrade {
  levelCode: string;
  name: string;
  /** Lower / Upper: a single recharge's limits (doc 000 §三.2: 晨星 cards have a minimum recharge). */
  minRechargeFen?: Fen;
  maxRechargeFen?: Fen;
  openCardCostFen?: Fen;
  /** Percent of the price paid with the card for tickets / goods. */
  ticketProportion?: number;
  goodsProportion?: number;
}

export interface ChenxingCard {
  cardNumber: string;
  levelCode: string;
  levelName: string;
  balanceFen: Fen;
  /** DonateBalance: the gift balance, spent by the vendor's own rules (GiveAmount). */
  giftBalanceFen: Fen;
  points?: number;
  minRechargeFen?: Fen;
  maxRechargeFen?: Fen;
  /** Masked: 138****8000. */
  mobile?: string;
  memberStatus?: string;
  cardStatus?: string;
}

export interface ChenxingCardPrice {
  featureAppNo: string;
  priceFen: Fen;
  ruleId?: string;
  ruleName?: string;
}

/** doc section 4.2 pChannelType: the hubs send a free-text channel name such as `手机APP`. */
export const CHANNEL_TYPE = "手机APP";

const fenOf = (w: Wire, name: string): Fen | undefined => {
  const t = str(w, name);
  if (t === undefined) return undefined;
  try {
    return yuanToFen(t);
  } catch {
    return undefined;
  }
};
const intOf = (w: Wire, name: string) => {
  const n = Number(str(w, name));
  return Number.isFinite(n) ? n : undefined;
};
const maskMobile = (m: string | undefined) => (m && m.length >= 7 ? `${m.slice(0, 3)}****${m.slice(-4)}` : undefined);

function toCard(w: Wire): ChenxingCard {
  return {
    cardNumber: str(w, "CardNum") ?? "",
    levelCode: str(w, "LevelCode") ?? "",
    levelName: str(w, "LevelName") ?? "",
    balanceFen: fenOf(w, "BasicBalance") ?? 0,
    giftBalanceFen: fenOf(w, "DonateBalance") ?? 0,
    points: intOf(w, "IntegralBalance"),
    minRechargeFen: fenOf(w, "Lower"),
    maxRechargeFen: fenOf(w, "Upper"),
    mobile: maskMobile(str(w, "MobileNum")),
    memberStatus: str(w, "MemberStatus"),
    cardStatus: str(w, "CardStatus"),
  };
}

export function chenxingMembers(client: ChenxingClient) {
  const code = (c: CinemaRef) => c.vendorCinemaId;

  const api = {
    async grades(cinema: CinemaRef): Promise<Result<ChenxingGrade[]>> {
      const res = await client.flat("QueryMemberLevel", [["pCinemaCode", code(cinema)]]);
      if (!res.ok) return res;
      return ok(
        list(res.value.result, "MemberLevels", "MemberLevel").map((w) => ({
          levelCode: str(w, "LevelCode") ?? "",
          name: str(w, "LevelName") ?? "",
          minRechargeFen: fenOf(w, "Lower"),
          maxRechargeFen: fenOf(w, "Upper"),
          openCardCostFen: fenOf(w, "OpenCardCost"),
          ticketProportion: intOf(w, "TicketProportion"),
          goodsProportion: intOf(w, "GoodsProportion"),
        })),
      );
    },

    /** VerifyMemberLogin (微官网绑卡): the card with its balance, when the password is right. */
    async login(cinema: CinemaRef, cardNumber: string, password: string): Promise<Result<ChenxingCard>> {
      const hashed = md5Lower(password);
      const res = await client.flat(
        "VerifyMemberLogin",
        [
          ["pCinemaCode", code(cinema)],
          ["pLoginNum", cardNumber],
          ["pLmsPassword", hashed],
        ],
        "read",
        [password, hashed],
      );
      return res.ok ? ok(toCard(res.value.result)) : res;
    },

    /** QueryMemberInfo: balance and limits; an empty password asks without checking it (refs). */
    async info(cinema: CinemaRef, cardNumber: string, password = ""): Promise<Result<ChenxingCard>> {
      const hashed = password ? md5Lower(password) : "";
      const res = await client.flat(
        "QueryMemberInfo",
        [
          ["pCinemaCode", code(cinema)],
          ["pLoginNum", cardNumber],
          ["pLmsPassword", hashed],
        ],
        "read",
        password ? [password, hashed] : [],
      );
      return res.ok ? ok(toCard(res.value.result)) : res;
    },

    /** QueryDiscountActivity: the card price per seat of plans, for a card level (pFacts JSON, consumeWayCode T). */
    async cardPrices(
      cinema: CinemaRef,
      levelCode: string,
      plans: Array<{
        featureAppNo: string;
        startTime: string;
        filmCode: string;
        hallType?: string;
        listingPrice: string;
        lowestPrice: string;
      }>,
    ): Promise<Result<ChenxingCardPrice[]>> {
      const facts = JSON.stringify({
        cardLevelCode: levelCode,
        planInfos: plans.map((p) => ({
          featureAppNo: p.featureAppNo,
          startTime: p.startTime,
          filmCode: p.filmCode,
          hallType: p.hallType ?? "",
          listingPrice: p.listingPrice,
          lowestPrice: p.lowestPrice,
        })),
        consumeWayCode: "T",
      });
      const res = await client.flat("QueryDiscountActivity", [
        ["pCinemaCode", code(cinema)],
        ["pFacts", facts],
      ]);
      if (!res.ok) return res;
      let rule: { results?: Array<Record<string, unknown>> };
      try {
        rule = JSON.parse(str(res.value.result, "Rule") ?? "{}");
      } catch {
        return fail("vendor_unavailable", "QueryDiscountActivity Rule is not JSON", "bad_rule");
      }
      const out: ChenxingCardPrice[] = [];
      for (const r of rule.results ?? []) {
        try {
          out.push({
            featureAppNo: String(r.featureAppNo ?? ""),
            priceFen: yuanToFen(String(r.price ?? "")),
            ...(r.ruleId ? { ruleId: String(r.ruleId) } : {}),
            ...(r.ruleName ? { ruleName: String(r.ruleName) } : {}),
          });
        } catch {
          return fail(
            "vendor_unavailable",
            `QueryDiscountActivity price ${JSON.stringify(r.price)} is not money`,
            "bad_price",
          );
        }
      }
      return ok(out);
    },

    /** The card price of one showtime for a card: its level from QueryMemberInfo, then QueryDiscountActivity. */
    async showtimePrice(
      cinema: CinemaRef,
      cardNumber: string,
      show: VendorShowtime,
    ): Promise<Result<ChenxingCardPrice>> {
      const card = await api.info(cinema, cardNumber);
      if (!card.ok) return card;
      const prices = await api.cardPrices(cinema, card.value.levelCode, [
        {
          featureAppNo: show.vendorShowtimeId,
          startTime: toChinaIso(show.startsAt).slice(0, 19).replace("T", " "),
          filmCode: show.vendorFilmId,
          listingPrice: fenToYuan(show.price.listFen ?? show.price.settleFen ?? 0),
          lowestPrice: fenToYuan(show.price.lowestFen ?? 0),
        },
      ]);
      if (!prices.ok) return prices;
      const price = prices.value.find((p) => p.featureAppNo === show.vendorShowtimeId);
      return price ? ok(price) : fail("not_found", `辰星 gave no card price for ${show.vendorShowtimeId}`, "no_rule");
    },

    /**
     * MemberConsume: pays `amountFen` from the card. `transactionNo` must be unique per payment and
     * is reused on a retry; a lost answer is outcome_unknown (the card may have been charged): ask
     * with info() and, if charged, cancel with cancelPayment().
     */
    async pay(req: {
      cinema: CinemaRef;
      cardNumber: string;
      password: string;
      amountFen: Fen;
      ticketAmountFen: Fen;
      goodsAmountFen?: Fen;
      orderCode: string;
      transactionNo: string;
    }): Promise<Result<{ transactionNo: string; giftAmountFen: Fen }>> {
      const hashed = md5Lower(req.password);
      const res = await client.flat(
        "MemberConsume",
        [
          ["pCinemaCode", code(req.cinema)],
          ["pLoginNum", req.cardNumber],
          ["pLmsPassword", hashed],
          ["pChannelType", CHANNEL_TYPE],
          ["pAmount", fenToYuan(req.amountFen)],
          ["pOrderCode", req.orderCode],
          ["pTransactionNo", req.transactionNo],
          ["pTicketAmount", fenToYuan(req.ticketAmountFen)],
          ["pGoodsAmount", fenToYuan(req.goodsAmountFen ?? 0)],
          ["pIntegralAmount", "0"],
          ["pIntegralMultiple", "0"],
          ["pGoods", ""],
        ],
        "money",
        [req.password, hashed],
      );
      if (!res.ok) return res;
      return ok({
        transactionNo: str(res.value.result, "TransactionNo") ?? req.transactionNo,
        giftAmountFen: fenOf(res.value.result, "GiveAmount") ?? 0,
      });
    },

    /** MemberTransactionCancel: undoes a card payment by its transaction number. */
    async cancelPayment(cinema: CinemaRef, oldTransactionNo: string, transactionNo: string): Promise<Result<void>> {
      const res = await client.flat(
        "MemberTransactionCancel",
        [
          ["pCinemaCode", code(cinema)],
          ["pOldTransactionNo", oldTransactionNo],
          ["pTransactionNo", transactionNo],
          ["pChannelType", CHANNEL_TYPE],
        ],
        "money",
      );
      return res.ok ? ok(undefined) : res;
    },

    /**
     * MemberCharge (recharge). The refs name pChargeType / pChargeTypeName / pChargeActivityId /
     * pChargeClass without their values: we send `1` / `网络充值` / empty / empty (inferred) and
     * pAccountType `0` (known). A recharge below the grade's minimum is refused before any call.
     */
    async recharge(req: {
      cinema: CinemaRef;
      cardNumber: string;
      amountFen: Fen;
      orderCode: string;
      transactionNo: string;
      minRechargeFen?: Fen;
    }): Promise<Result<{ transactionNo: string }>> {
      if (req.minRechargeFen !== undefined && req.amountFen < req.minRechargeFen) {
        return fail(
          "invalid_request",
          `最低充值 ${fenToYuan(req.minRechargeFen)} 元 / minimum recharge ${fenToYuan(req.minRechargeFen)} yuan`,
        );
      }
      const res = await client.flat(
        "MemberCharge",
        [
          ["pCinemaCode", code(req.cinema)],
          ["pLoginNum", req.cardNumber],
          ["pChargeType", "1"],
          ["pChargeTypeName", "网络充值"],
          ["pChannelType", CHANNEL_TYPE],
          ["pAccountType", "0"],
          ["pChargeAmount", fenToYuan(req.amountFen)],
          ["pChargeActivityId", ""],
          ["pChargeClass", ""],
          ["pOrderCode", req.orderCode],
          ["pTransactionNo", req.transactionNo],
        ],
        "money",
      );
      return res.ok ? ok({ transactionNo: str(res.value.result, "TransactionNo") ?? req.transactionNo }) : res;
    },
  };
  return api;
}

export type ChenxingMembers = ReturnType<typeof chenxingMembers>;
