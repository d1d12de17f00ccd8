import { createHash } from "node:crypto";
import { DomainError } from "../domain/domain-error.js";
import type { Result } from "../domain/errors.js";
import { cardRefusal } from "./card-refusals.js";

/** What register, recharge and renew answer at every vendor that documents them (member-cards.ts). */
interface CardOrderLike {
  status: "pending" | "success" | "failed";
}

/**
 * The vendor trade number of one channel request: derived from its Idempotency-Key, so a retry of
 * the same request names the same card order (ykse §7.2–7.4 and §8.3–8.4 are idempotent by
 * outTradeNo, 16–32 characters). `part` tells apart the calls one request makes (register, then
 * its first recharge).
 */
export function tradeNoOf(channelId: string, scope: string, key: string, part = ""): string {
  const digest = createHash("sha256").update(`${channelId}\n${scope}\n${key}\n${part}`).digest("hex");
  return `cg${digest.slice(0, 30)}`;
}

/**
 * Runs one card order so that it is never sent twice. First the vendor's order query is asked
 * whether an earlier attempt of this very request (same trade number) already landed — then its
 * answer is used. Otherwise the order is sent once; when its answer is lost (`outcome_unknown`)
 * the query resolves it (ykse §7.3 note 4 points to getCardOrderDetail). An order still unknown
 * after that is a 503: the channel retries with the same Idempotency-Key, and that retry starts
 * with the query again.
 */
export async function placeCardOrder<T extends CardOrderLike>(
  send: () => Promise<Result<T>>,
  query: () => Promise<Result<T>>,
): Promise<T> {
  const before = await query();
  if (before.ok) return settled(before.value);
  // Only "no such order" means nothing landed; any other failure of the query leaves it unknown.
  if (before.error.code !== "not_found") throw cardRefusal(before.error);
  const sent = await send();
  if (sent.ok) return settled(sent.value);
  if (sent.error.code !== "outcome_unknown") throw cardRefusal(sent.error);
  const after = await query();
  if (after.ok) return settled(after.value);
  throw stillUnknown();
}

const stillUnknown = () =>
  new DomainError(
    "VENDOR_UNAVAILABLE",
    "the cinema's system has not confirmed this card order yet; retry with the same Idempotency-Key",
  );

function settled<T extends CardOrderLike>(order: T): T {
  if (order.status === "success") return order;
  if (order.status === "pending") throw stillUnknown();
  throw new DomainError("CONFLICT", "the cinema's system reports this card order failed", { reason: "vendor_failed" });
}
