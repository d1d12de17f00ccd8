import { DomainError } from "../domain/domain-error.js";
import { addDays, type Clock, chinaDate, isValidDate } from "../domain/time.js";
import type { MemberCardRecord, MemberCardsConnector } from "../vendors/member-cards.js";
import { unwrap } from "./card-refusals.js";
import { recordView } from "./card-view.js";
import type { ChannelCinema } from "./cinema-access.js";

/** ykse §7.12.2: record queries span at most 90 days and end no later than today. */
export const MAX_RECORD_DAYS = 90;

/**
 * A card's consumption, recharge and points records, newest first, over `from`–`to` (China dates;
 * default the last 90 days). A range the vendor would refuse is a 400 here, before it is asked.
 */
export async function cardRecords(
  members: MemberCardsConnector,
  cinema: ChannelCinema,
  cardNo: string,
  range: { from?: string; to?: string },
  clock: Clock,
) {
  const today = chinaDate(clock.now());
  const to = range.to ?? today;
  const from = range.from ?? addDays(to, -(MAX_RECORD_DAYS - 1));
  for (const [path, date] of [
    ["/from", from],
    ["/to", to],
  ] as const)
    if (!isValidDate(date))
      throw new DomainError("VALIDATION_FAILED", `${path.slice(1)} must be a date YYYY-MM-DD`, {
        errors: [{ path, message: "YYYY-MM-DD" }],
      });
  if (from > to || to > today || from < addDays(to, -(MAX_RECORD_DAYS - 1)))
    throw new DomainError(
      "VALIDATION_FAILED",
      `from ≤ to ≤ today (${today}), at most ${MAX_RECORD_DAYS} days (the vendor's limit)`,
      { errors: [{ path: "/from", message: "out of range" }] },
    );
  const lists = await Promise.all([
    members.consumeRecords(cinema.ref, cardNo, from, to),
    members.rechargeRecords(cinema.ref, cardNo, from, to),
    members.pointsRecords(cinema.ref, cardNo, from, to),
  ]);
  const [consume, recharge, points] = lists.map(unwrap) as [MemberCardRecord[], MemberCardRecord[], MemberCardRecord[]];
  // A points record that moved no points says nothing the other two lists don't.
  const moved = points.filter((r) => r.points || r.refundPoints);
  const items = [...consume, ...recharge, ...moved].sort((a, b) => b.at - a.at).map(recordView);
  return { from, to, items };
}
