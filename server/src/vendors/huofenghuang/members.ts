import { fail, ok, type Result } from "../../domain/errors.js";
import type { ConfirmRequest, VendorOrderState } from "../../domain/trade.js";
import type { HuofenghuangClient } from "./client.js";
import { fenOf, type ShowKey, saleState, showKeyOf, yuanText } from "./mapping.js";
import { child, list, type Node, str } from "./wire.js";

/**
 * 火凤凰 member-card calls (public-refs §5.2, CEC "火凤凰特供0.4"): form POSTs in the member order
 * (method params + randKey under checkValue, userId / userPass after it), to the member URL when the
 * account has one. The card password travels in plain text (`cardPass`) and is masked in every
 * recording; a holder's mobile comes back masked. Not behind the generic member-card capability:
 * the calls take the card password on reads, as 1905's do.
 */
export interface HfhCardInfo {
  cardNo: string;
  balanceFen?: number;
  gradeId?: string;
  gradeName?: string;
  /** `avaiFlg` Y (inferred: usable). */
  usable: boolean;
  state?: string;
  mobile?: string;
  expiresOn?: string;
}

export interface HfhCardPrice {
  sectionId: string;
  name: string;
  priceFen: number;
  /** `maxTkts`: 0 = unlimited (known). */
  maxTickets: number;
}

export interface HfhCardSale {
  order: VendorOrderState;
  balanceFen?: number;
}

export interface HuofenghuangMembers {
  cardInfo(cinemaId: string, cardNo: string, password: string): Promise<Result<HfhCardInfo>>;
  /** The card's ticket prices for a showtime's section (qryPrice). */
  cardPrice(
    cinemaId: string,
    show: { vendorData?: Record<string, unknown> },
    sectionId: string,
    cardNo: string,
  ): Promise<Result<HfhCardPrice[]>>;
  /** Sells a locked order paid by the card (fixMemberCardOrder): a lost answer is outcome_unknown. */
  cardSale(
    cinemaId: string,
    req: ConfirmRequest,
    orderNo: string,
    card: { cardNo: string; password: string },
  ): Promise<Result<HfhCardSale>>;
  /** Tops a card up (getToken, then modifyMemberCardBalance); the new balance. */
  recharge(
    card: { cardNo: string; password: string },
    amountFen: number,
    payment: string,
    payOrderNo: string,
  ): Promise<Result<{ balanceFen?: number }>>;
}

const maskMobile = (m: string | undefined) => (m && m.length >= 7 ? `${m.slice(0, 3)}****${m.slice(-4)}` : undefined);

export function toCardInfo(card: Node | undefined, cardNo: string): HfhCardInfo {
  const mobile = maskMobile(str(card, "mobilePhone"));
  const balanceFen = fenOf(str(card, "balance"));
  return {
    cardNo: str(card, "@cardFacadeCd") ?? cardNo,
    ...(balanceFen !== undefined ? { balanceFen } : {}),
    ...(str(card, "gradeId") ? { gradeId: str(card, "gradeId") } : {}),
    ...(str(card, "gradeDesc") ? { gradeName: str(card, "gradeDesc") } : {}),
    usable: str(card, "avaiFlg") === "Y",
    ...(str(card, "state") ? { state: str(card, "state") } : {}),
    ...(mobile ? { mobile } : {}),
    ...(str(card, "invalidationDate") ? { expiresOn: str(card, "invalidationDate") } : {}),
  };
}

export function huofenghuangMembers(client: HuofenghuangClient): HuofenghuangMembers {
  const key = (vendorData: Record<string, unknown> | undefined): ShowKey | undefined => showKeyOf(vendorData);
  return {
    async cardInfo(cinemaId, cardNo, password) {
      const res = await client.call({
        method: "qryMemberCardInfo",
        member: true,
        params: [
          ["cinemaId", cinemaId],
          ["cardFacadeCd", cardNo],
          ["cardPass", password],
        ],
        mask: [password],
      });
      return res.ok ? ok(toCardInfo(child(res.value.reply.body, "card"), cardNo)) : res;
    },

    async cardPrice(cinemaId, show, sectionId, cardNo) {
      const k = key(show.vendorData);
      if (!k) return fail("invalid_request", "火凤凰 card price without the showtime's show key");
      const res = await client.call({
        method: "qryPrice",
        member: true,
        params: [
          ["cinemaId", cinemaId],
          ["showDate", k.showDate],
          ["filmId", k.filmId],
          ["showTime", k.showTime],
          ["hallId", k.hallId],
          ["sectionId", sectionId],
          ["throughFlg", "N"],
          ["throughSeq", "1"],
          ["soldBySystem", "WEB"],
          ["cardNum", cardNo],
        ],
      });
      if (!res.ok) return res;
      const sections = list(res.value.reply.body, "section");
      return ok(
        sections.flatMap((sec) =>
          list(sec, "ticket").flatMap((t) => {
            const priceFen = fenOf(str(t, "@price"));
            if (priceFen === undefined) return [];
            return [
              {
                sectionId: str(sec, "@id") ?? sectionId,
                name: str(t, "@name") ?? "",
                priceFen,
                maxTickets: Number(str(t, "@maxTkts") ?? "0") || 0,
              },
            ];
          }),
        ),
      );
    },

    async cardSale(cinemaId, req, orderNo, card) {
      const k = key(req.showtime.vendorData);
      if (!k) return fail("invalid_request", "火凤凰 card sale without the showtime's show key");
      const res = await client.call({
        method: "fixMemberCardOrder",
        member: true,
        sideEffect: true,
        params: [
          ["orderNo", orderNo],
          ["ticketCount", String(req.seats.length)],
          ["cinemaId", cinemaId],
          ["hallId", k.hallId],
          ["filmId", k.filmId],
          ["showSeqNo", k.showSeqNo],
          ["showDate", k.showDate],
          ["showTime", k.showTime],
          ["ticketTypeList", req.seats.map(() => "会员票").join("|")],
          ["priceList", req.seats.map((s) => yuanText(s.settleFen)).join("|")],
          ["feeList", req.seats.map((s) => yuanText(s.serviceFeeFen)).join("|")],
          ["cardFacadeCd", card.cardNo],
          ["cardPass", card.password],
          ["disTicketCount", String(req.seats.length)],
        ],
        mask: [card.password],
      });
      if (!res.ok) return res;
      const balanceFen = fenOf(str(child(res.value.reply.body, "card"), "balance"));
      return ok({
        order: saleState(res.value.reply.body, orderNo),
        ...(balanceFen !== undefined ? { balanceFen } : {}),
      });
    },

    async recharge(card, amountFen, payment, payOrderNo) {
      const token = await client.call({ method: "getToken", member: true });
      if (!token.ok) return token;
      const value = str(child(token.value.reply.body, "card"), "token");
      if (!value) return fail("vendor_unavailable", "火凤凰 getToken answered without a token", "no_token");
      const res = await client.call({
        method: "modifyMemberCardBalance",
        member: true,
        sideEffect: true,
        params: [
          ["cardFacadeCd", card.cardNo],
          ["cardPass", card.password],
          ["token", value],
          ["balance", yuanText(amountFen)],
          ["payment", payment],
          ["aliOrderNo", payOrderNo],
        ],
        mask: [card.password, value],
      });
      if (!res.ok) return res;
      const balanceFen = fenOf(str(child(res.value.reply.body, "card"), "balance"));
      return ok(balanceFen !== undefined ? { balanceFen } : {});
    },
  };
}
