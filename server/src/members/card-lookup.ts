import type { Db } from "../db/database.js";
import type { Clock } from "../domain/time.js";
import { maskMobiles } from "../http/logger.js";
import type { MemberCard } from "../vendors/member-cards.js";
import type { ConnectorRegistry } from "../vendors/registry.js";
import { cardRecords } from "./card-records.js";
import { unwrap } from "./card-refusals.js";
import { cardView } from "./card-view.js";
import { cinemaById, concessionsOf, memberCardsOf } from "./cinema-access.js";
import { goodsView } from "./goods-view.js";
import { gradeView } from "./grade-view.js";

interface LookupDeps {
  db: Db;
  registry: ConnectorRegistry;
  clock: Clock;
}

/** The holder as support staff may see them: the family name and a masked mobile; never the ID card. */
function holderView(card: MemberCard) {
  return {
    ...(card.name ? { name: `${card.name.slice(0, 1)}${"*".repeat(Math.max(1, card.name.length - 1))}` } : {}),
    ...(card.mobile ? { mobile: maskMobiles(card.mobile) } : {}),
  };
}

/**
 * The console's 会员 look-up (MCS handbook, doc 000 §三.2): one card at one cinema, whatever its
 * status, with its records. The caller has checked the operator's cinema scope. Without the card's
 * password the vendor gives no balance (ykse §7.8), so the balance shown is the one after the newest
 * record, with that record's time — never a guess.
 */
export async function lookUpCard(
  deps: LookupDeps,
  cinemaId: string,
  cardNo: string,
  range: { from?: string; to?: string },
) {
  const cinema = await cinemaById(deps, cinemaId);
  const members = memberCardsOf(cinema);
  const card = unwrap(await members.detail(cinema.ref, cardNo));
  const records = await cardRecords(members, cinema, cardNo, range, deps.clock);
  const latest = records.items.find((r) => r.balanceAfterFen !== undefined);
  return {
    ...cardView(card),
    usable: card.usable,
    ...(card.registeredOn ? { registeredOn: card.registeredOn } : {}),
    ...(card.rechargeCount !== undefined ? { rechargeCount: card.rechargeCount } : {}),
    ...(card.consumptionCount !== undefined ? { consumptionCount: card.consumptionCount } : {}),
    holder: holderView(card),
    ...(latest ? { lastBalance: { fen: latest.balanceAfterFen as number, at: latest.at } } : {}),
    records,
  };
}

/** The cinema's grades and goods for the same page; a system without one of them says so instead of failing. */
export async function cinemaMemberOverview(deps: LookupDeps, cinemaId: string) {
  const cinema = await cinemaById(deps, cinemaId);
  const caps = cinema.connector.capabilities;
  const grades = caps.memberCards ? unwrap(await memberCardsOf(cinema).grades(cinema.ref)).map(gradeView) : undefined;
  const goods = caps.concessions
    ? unwrap(await concessionsOf(cinema).listGoods(cinema.ref))
        .items.map(goodsView)
        .filter((g) => g !== undefined)
    : undefined;
  return {
    memberCards: caps.memberCards,
    concessions: caps.concessions,
    ...(grades ? { grades } : {}),
    ...(goods ? { goods } : {}),
  };
}
