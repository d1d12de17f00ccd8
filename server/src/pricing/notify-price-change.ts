import { webhooksFor } from "../channels/webhooks.js";
import type { Db } from "../db/database.js";
import type { PricingRule, RuleScope } from "./rule.js";
import type { PricingService } from "./service.js";

export interface RuleChange {
  /** The live rules just before the change and just after it (this change alone applied). */
  before: readonly PricingRule[];
  after: readonly PricingRule[];
  ruleIds: string[];
  /** Set when one rule's scope bounds every showtime the change can reprice. */
  scope?: RuleScope;
  at: number;
}

/**
 * After a rule change commits: tells each channel with a webhook URL which of its showtimes
 * changed price (`showtime.price_changed`). Runs after the change, not inside its transaction (the
 * rule store owns that one, and pricing the window there would hold the rule's row lock for the
 * whole evaluation). Never throws: a webhook that could not be queued must not fail the admin
 * request, which has already changed the rules; it is logged instead.
 */
export async function notifyPriceChange(
  db: Db,
  pricing: PricingService,
  change: RuleChange,
  log: (msg: string) => void,
): Promise<number> {
  const webhooks = webhooksFor(db);
  if (!webhooks) return 0;
  try {
    const listening = await db
      .selectFrom("channels")
      .select("code")
      .where("active", "=", true)
      .where("webhook_url", "is not", null)
      .execute();
    if (listening.length === 0) return 0;
    const byChannel = await pricing.priceChanges(
      change.before,
      change.after,
      new Set(listening.map((c) => c.code)),
      change.scope,
    );
    const ids = await webhooks.priceChanged({ changedAt: change.at, ruleIds: change.ruleIds, byChannel });
    return ids.length;
  } catch (err) {
    log(`showtime.price_changed for ${change.ruleIds.join(", ")} not queued: ${(err as Error).message}`);
    return 0;
  }
}
