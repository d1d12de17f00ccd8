import { fail, ok, type Result } from "../../domain/errors.js";
import type { CinemaRef } from "../../domain/trade.js";
import type { MemberCardsConnector } from "../member-cards.js";
import type { MantianxingMembers } from "./members.js";

/** What the card price needs of a show: the member centre's FeatureNo, date, time and list price. */
export type FindShow = (
  cinema: CinemaRef,
  featureAppNo: string,
) => Promise<Result<{ featureNo: string; featureDate: string; featureTime: string; listFen: number }>>;

const notInRefs = (call: string): Promise<Result<never>> =>
  Promise.resolve(
    fail(
      "unsupported",
      `满天星 member centre: ${call} is not available here (public-refs §9.4 shows no such call, or it needs the card password)`,
    ),
  );

/**
 * The shared member-card contract (vendor query page: grades, card login, card price) over the
 * cmtspay calls the refs show. Calls the refs do not show, or that the contract makes without the
 * card password the vendor signs (recharge), answer `unsupported`; `MantianxingMembers` has the
 * vendor's own recharge and card pay.
 */
export function memberCardsOf(raw: MantianxingMembers, findShow: FindShow): MemberCardsConnector {
  return {
    async grades(cinema) {
      const res = await raw.grades(cinema.vendorCinemaId);
      if (!res.ok) return res;
      // doc 000 §三.2: 满天星 is not among the vendors with a minimum recharge.
      return ok(
        res.value.map((g) => ({ gradeId: g.code, name: g.name, kind: "stored_value" as const, hallDiscounts: [] })),
      );
    },
    async detail(cinema, cardNumber) {
      const res = await raw.query(cinema.vendorCinemaId, cardNumber);
      if (!res.ok) return res;
      const c = res.value;
      // AccStatus values are not in the refs: the card is reported as the vendor found it, usable
      // only when it says 1 (the value the refs' clients treat as normal for cinemas, State 1).
      return ok({
        cardNumber: c.cardNo || cardNumber,
        issuerCinemaId: c.placeNo ?? cinema.vendorCinemaId,
        gradeId: c.gradeCode ?? "",
        gradeName: c.gradeName ?? "",
        kind: "stored_value",
        status: "active",
        usable: c.status === "1",
        rechargeable: c.status === "1",
      });
    },
    async balance(cinema, cardNumber, password) {
      const res = await raw.login(cinema.vendorCinemaId, cardNumber, password);
      return res.ok ? ok({ cardNumber: res.value.cardNo || cardNumber, balanceFen: res.value.balanceFen }) : res;
    },
    async ticketPrices(show, cardNumber) {
      const found = await findShow(show.cinema, show.vendorShowtimeId);
      if (!found.ok) return found;
      const res = await raw.cardPrice(show.cinema.vendorCinemaId, cardNumber, found.value);
      if (!res.ok) return res;
      return ok({ prices: [{ ticketType: "会员卡价", memberPrice: true, priceFen: res.value.priceFen }] });
    },
    register: () => notInRefs("register"),
    recharge: () => notInRefs("recharge without the card password"),
    updatePoints: () => notInRefs("updatePoints"),
    changePassword: () => notInRefs("changePassword"),
    updateHolder: () => notInRefs("updateHolder"),
    discountTickets: () => notInRefs("discountTickets"),
    order: () => notInRefs("order"),
    consumeRecords: () => notInRefs("consumeRecords"),
    rechargeRecords: () => notInRefs("rechargeRecords"),
    pointsRecords: () => notInRefs("pointsRecords"),
  };
}
