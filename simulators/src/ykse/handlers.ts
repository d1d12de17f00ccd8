import * as benefit from "./benefit.js";
import type { Handler } from "./call.js";
import * as cat from "./catalogue.js";
import * as goods from "./goods.js";
import * as members from "./members.js";
import * as trade from "./trade.js";

/** Every api name of doc 002 and the handler that answers it. */
export const HANDLERS: Record<string, Handler> = {
  "ykse.partner.cinema.getCinemas": ({ state }) => cat.getCinemas(state),
  "ykse.partner.schedule.getSchedules": ({ state, args }) => cat.getSchedules(state, args),
  "ykse.partner.seat.getSeats": ({ state, args }) => cat.getSeats(state, args),
  "ykse.partner.seat.getScheduleAreaSeats": ({ state, args }) => cat.getScheduleAreaSeats(state, args),
  "ykse.partner.seat.getScheduleSoldSeats": ({ state, args }) => cat.getScheduleSoldSeats(state, args),
  "ykse.partner.seat.lockSeats": trade.lockSeats,
  "ykse.partner.seat.releaseSeats": trade.releaseSeats,
  "ykse.partner.order.confirmOrder": trade.confirmOrder,
  "ykse.partner.order.confirmOrderForMultiPay": trade.confirmOrderForMultiPay,
  "ykse.partner.order.confirmMixOrder": trade.confirmMixOrder,
  "ykse.partner.order.confirmMixOrderForMultiPay": trade.confirmMixOrderForMultiPay,
  "ykse.partner.order.getOrderInfo": trade.getOrderInfo,
  "ykse.partner.order.getTicketInfo": trade.getTicketInfo,
  "ykse.partner.ticket.printTicket": trade.printTicket,
  "ykse.partner.ticket.getOrderPrintStatus": trade.getOrderPrintStatus,
  "ykse.partner.order.refundOrder": trade.refundOrder,
  "ykse.partner.order.refundMixOrder": trade.refundMixOrder,
  "ykse.partner.order.reverseOrder": trade.reverseOrder,
  "ykse.partner.order.reverseMixOrder": trade.reverseMixOrder,
  "ykse.partner.goods.getGoods": goods.getGoods,
  "ykse.partner.order.confirmGoodsOrder": goods.confirmGoodsOrder,
  "ykse.partner.order.confirmGoodsOrderForMultiPay": goods.confirmGoodsOrderForMultiPay,
  "ykse.partner.order.getGoodsOrderInfo": goods.getGoodsOrderInfo,
  "ykse.partner.order.refundGoodsOrder": goods.refundGoodsOrder,
  "ykse.partner.card.getCardGradeList": members.getCardGradeList,
  "ykse.partner.card.registerCard": members.registerCard,
  "ykse.partner.card.recharge": members.recharge,
  "ykse.partner.card.updatePoints": members.updatePoints,
  "ykse.partner.card.modifyPassword": members.modifyPassword,
  "ykse.partner.card.modifyInformation": members.modifyInformation,
  "ykse.partner.card.getCardDetail": members.getCardDetail,
  "ykse.partner.card.queryBalance": members.queryBalance,
  "ykse.partner.card.getCardDiscountTickets": members.getCardDiscountTickets,
  "ykse.partner.card.queryPrice": members.queryPrice,
  "ykse.partner.card.getCardOrderDetail": members.getCardOrderDetail,
  "ykse.partner.card.getCardConsumeRecords": members.getCardConsumeRecords,
  "ykse.partner.card.getCardRechargeRecords": members.getCardRechargeRecords,
  "ykse.partner.card.getCardPointsRecords": members.getCardPointsRecords,
  "ykse.partner.benefitCard.getPolicyList": benefit.getPolicyList,
  "ykse.partner.benefitCard.registerBenefitCard": benefit.registerBenefitCard,
  "ykse.partner.benefitCard.renewBenefitCard": benefit.renewBenefitCard,
  "ykse.partner.benefitCard.getCardDetail": benefit.getBenefitCardDetail,
  "ykse.partner.benefitCard.getCardOrderDetail": benefit.getBenefitCardOrderDetail,
};
