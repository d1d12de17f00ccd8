import { fail, ok, type Result } from "../../domain/errors.js";
import { yuanToFen } from "../../domain/money.js";
import type { CinemaRef } from "../../domain/trade.js";
import type {
  MemberCard,
  MemberCardBalance,
  MemberCardGrade,
  MemberCardKind,
  MemberCardOrder,
  MemberCardsConnector,
  MemberTicketPrice,
} from "../member-cards.js";
import { str, type Wire } from "../wire/read.js";
import type { DingxinClient } from "./client.js";
import { CARD_AUTH_REFUSED } from "./codes.js";
import { yuanText } from "./mapping.js";
import { list, obj } from "./wire.js";

/**
 * 鼎新 member cards (public-refs §4.4, member host `mapi.*`; field lists from compiled classes,
 * medium confidence). doc 000 §三.2: 鼎新 has stored-value cards (储值卡: recharge and pay for
 * tickets) and discount cards (折扣卡: a discount, then a third-party payment); recharges have a
 * minimum; whether a card may be sold online shows in the card-grade call. The refs show no
 * registration, password, points or record calls with their parameters (card/recharge-log and
 * card/buy-info are named without them): those answer `unsupported`.
 */
const money = (w: Wire | undefined, name: string): number | undefined => {
  const s = str(w, name);
  if (s === undefined) return undefined;
  try {
    return yuanToFen(s);
  } catch {
    return undefined;
  }
};

/** `type` / `typeDesc` → kind: a discount card is no stored-value card (the refs show no numeric table). */
export function cardKind(w: Wire | undefined, typeField: string, descField: string): MemberCardKind {
  const desc = str(w, descField) ?? "";
  if (/折扣/.test(desc)) return "benefit";
  if (/储值/.test(desc)) return "stored_value";
  return str(w, typeField) === "2" ? "benefit" : "stored_value";
}

export function toGrade(w: Wire): MemberCardGrade {
  const discount = Number(str(w, "ticketDiscount"));
  const min = money(w, "lowestDepositMoney") ?? money(w, "initMoney");
  const perDay = Number(str(w, "dayBuyLimit"));
  const perShow = Number(str(w, "showBuyLimit"));
  return {
    gradeId: str(w, "levelId") ?? "",
    name: str(w, "levelName") ?? "",
    kind: cardKind(w, "type", "typeDesc"),
    ...(min !== undefined ? { minRechargeFen: min } : {}),
    ...(Number.isFinite(perDay) && perDay > 0 ? { maxDiscountTicketsPerDay: perDay } : {}),
    ...(Number.isFinite(perShow) && perShow > 0 ? { maxDiscountTicketsPerShow: perShow } : {}),
    hallDiscounts:
      Number.isFinite(discount) && discount > 0 && discount <= 1
        ? [{ hallType: "全部", kind: "rate", value: Math.round(discount * 100) }]
        : [],
  };
}

export function toCard(w: Wire, cinema: CinemaRef): MemberCard {
  const kind = cardKind(w, "cardTypeId", "cardType");
  const min = money(w, "minAddMoney");
  return {
    cardNumber: str(w, "cardNumber") ?? "",
    issuerCinemaId: cinema.vendorCinemaId,
    gradeId: str(w, "cardLevelId") ?? "",
    gradeName: str(w, "cardLevel") ?? "",
    kind,
    status: "active",
    usable: str(w, "canUse") !== "0",
    rechargeable: str(w, "canRecharge") === "1",
    ...(min !== undefined ? { minRechargeFen: min } : {}),
    ...(str(w, "mobile") ? { mobile: str(w, "mobile") } : {}),
  };
}

const unsupported = (what: string): Promise<Result<never>> =>
  Promise.resolve(fail("unsupported", `鼎新: public references show no ${what} call`));

export function dingxinMembers(client: DingxinClient): MemberCardsConnector {
  const detail = async (cinema: CinemaRef, card: string, playId?: string) => {
    const res = await client.call({
      action: "card/detail",
      member: true,
      params: { cid: cinema.vendorCinemaId, card, ...(playId ? { play_id: playId, max_num: "4" } : {}) },
    });
    return res.ok ? ok(obj(res.value.data) ?? {}) : res;
  };

  return {
    async grades(cinema) {
      const res = await client.call({
        action: "cinema/card-level-rule",
        member: true,
        params: { cid: cinema.vendorCinemaId },
      });
      return res.ok ? ok(list(obj(res.value.data)?.rule).map(toGrade)) : res;
    },

    async detail(cinema, cardNumber) {
      const res = await detail(cinema, cardNumber);
      return res.ok ? ok(toCard(res.value, cinema)) : res;
    },

    /** card/auth checks the password (masked in every recording), then card/detail gives the balance. */
    async balance(cinema, cardNumber, password): Promise<Result<MemberCardBalance>> {
      const auth = await client.call({
        action: "card/auth",
        member: true,
        params: { cid: cinema.vendorCinemaId, card: cardNumber, password },
        mask: [password],
      });
      if (!auth.ok) return auth;
      if (str(obj(auth.value.data), "auth") !== "1" && str(obj(auth.value.data), "auth") !== "true") {
        return fail("auth_failed", "鼎新 card/auth refused the card password", CARD_AUTH_REFUSED);
      }
      const res = await detail(cinema, cardNumber);
      if (!res.ok) return res;
      const balance = money(res.value, "balance");
      return ok({ cardNumber, ...(balance !== undefined ? { balanceFen: balance } : {}) });
    },

    async discountTickets(show, cardNumber) {
      const res = await detail(show.cinema, cardNumber, show.vendorShowtimeId);
      if (!res.ok) return res;
      const n = Number(str(res.value, "canBuyNum") ?? str(res.value, "maxBuyNum"));
      return ok({ maxDiscountTickets: Number.isFinite(n) ? n : 0 });
    },

    /**
     * card/detail with play_id: `priceinfo[]`. We read `preferPrice` (else `price`) as the card
     * price and `can` 0 as "not for this card" — meanings inferred from the names (public-refs §4.4).
     */
    async ticketPrices(show, cardNumber) {
      const res = await detail(show.cinema, cardNumber, show.vendorShowtimeId);
      if (!res.ok) return res;
      const prices: MemberTicketPrice[] = [];
      for (const p of list(res.value.priceinfo)) {
        if (str(p, "can") === "0") continue;
        const fen = money(p, "preferPrice") ?? money(p, "price");
        if (fen === undefined) continue;
        const max = Number(str(p, "maxBuyNum"));
        prices.push({
          ticketType: str(p, "desc") ?? "会员价",
          memberPrice: true,
          priceFen: fen,
          ...(Number.isFinite(max) && max > 0 ? { maxTickets: max } : {}),
        });
      }
      const max = Number(str(res.value, "maxBuyNum"));
      return ok({ ...(Number.isFinite(max) && max > 0 ? { maxDiscountTickets: max } : {}), prices });
    },

    /**
     * card/recharge under our trade number (partner_deposit_id). Only a stored-value card that says
     * canRecharge is recharged, and never below its minAddMoney (doc 000 §三.2: 鼎新 has a minimum):
     * both are checked before the call.
     */
    async recharge(req): Promise<Result<MemberCardOrder>> {
      const card = await detail(req.cinema, req.cardNumber);
      if (!card.ok) return card;
      if (cardKind(card.value, "cardTypeId", "cardType") !== "stored_value" || str(card.value, "canRecharge") === "0") {
        return fail("invalid_request", "鼎新: only stored-value cards (储值卡) can be recharged");
      }
      const min = money(card.value, "minAddMoney");
      if (min !== undefined && req.amountFen < min) {
        return fail("invalid_request", `鼎新: the least recharge for this card is ${yuanText(min)} yuan`);
      }
      const res = await client.call({
        action: "card/recharge",
        member: true,
        sideEffect: true,
        params: {
          cid: req.cinema.vendorCinemaId,
          card: req.cardNumber,
          money: yuanText(req.amountFen),
          partner_deposit_id: req.outTradeNo,
        },
      });
      if (!res.ok) return res;
      const done = str(obj(res.value.data), "rechargeSuccess");
      const balance = money(obj(res.value.data), "balance");
      return ok({
        vendorOrderId: req.outTradeNo,
        outTradeNo: req.outTradeNo,
        cardNumber: req.cardNumber,
        status: done === "true" || done === "1" ? "success" : "failed",
        kind: "recharge",
        amountFen: req.amountFen,
        ...(balance !== undefined ? { balanceFen: balance } : {}),
      });
    },

    register: () => unsupported("card registration"),
    updatePoints: () => unsupported("points"),
    changePassword: () => unsupported("password change"),
    updateHolder: () => unsupported("holder update"),
    order: () => unsupported("card order query"),
    consumeRecords: () => unsupported("consumption record (card/buy-info parameters unknown)"),
    rechargeRecords: () => unsupported("recharge record (card/recharge-log parameters unknown)"),
    pointsRecords: () => unsupported("points record"),
  };
}
