import { maskMobiles } from "../http/logger.js";
import type { BenefitCard, BenefitPolicy } from "../vendors/member-cards.js";

/** A policy as API.md shows it, with the vendor's cinema codes turned into the channel's cinema ids. */
export function policyView(p: BenefitPolicy, cinemaIds: string[]) {
  return {
    policyCode: p.policyCode,
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    enabled: p.enabled,
    ...(p.registerFen !== undefined ? { registerFen: p.registerFen } : {}),
    ...(p.validDays !== undefined ? { validDays: p.validDays } : {}),
    ...(p.renewFen !== undefined ? { renewFen: p.renewFen } : {}),
    ...(p.renewAddsDays !== undefined ? { renewAddsDays: p.renewAddsDays } : {}),
    ...(p.renewAddsTickets !== undefined ? { renewAddsTickets: p.renewAddsTickets } : {}),
    ...(p.dailyDiscountTickets !== undefined ? { dailyDiscountTickets: p.dailyDiscountTickets } : {}),
    ...(p.eachShowDiscountTickets !== undefined ? { eachShowDiscountTickets: p.eachShowDiscountTickets } : {}),
    ...(p.totalDiscountTickets !== undefined ? { totalDiscountTickets: p.totalDiscountTickets } : {}),
    cinemaIds,
  };
}

/** A benefit card: its number is the caller's own handle (API.md addresses it by number); the holder's mobile masked. */
export function benefitCardView(c: BenefitCard) {
  return {
    cardNo: c.cardNumber,
    ...(c.policyCode ? { policyCode: c.policyCode } : {}),
    ...(c.policyName ? { policyName: c.policyName } : {}),
    status: c.status,
    ...(c.mobile ? { mobileMasked: maskMobiles(c.mobile) } : {}),
    ...(c.validFrom ? { validFrom: c.validFrom } : {}),
    ...(c.validUntil ? { validUntil: c.validUntil } : {}),
    ...(c.remainingTickets !== undefined ? { remainingTickets: c.remainingTickets } : {}),
    ...(c.remainingTodayTickets !== undefined ? { remainingTodayTickets: c.remainingTodayTickets } : {}),
  };
}
