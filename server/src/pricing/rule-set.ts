import { ruleOrder } from "./evaluate.js";
import type { PricingRule } from "./rule.js";
import type { PricingRuleStore } from "./rule-store.js";

export interface RuleSnapshot {
  revision: string;
  /** Enabled rules in the order they are tried (evaluate.ts `ruleOrder`). */
  ordered: readonly PricingRule[];
}

/**
 * This node's copy of the enabled rules. The catalogue read must not wait on the database per
 * request, so it prices from this copy: loaded once, then checked against the store's revision at
 * most every `refreshMs` in the background (a read never waits for that check). A change made on
 * this node reloads at once (`reload`); one made on another node arrives within `refreshMs` of
 * the next read.
 */
export class RuleSet {
  private snapshot: RuleSnapshot | undefined;
  private loading: Promise<RuleSnapshot> | undefined;
  private checkedAt = 0;

  constructor(
    private readonly store: PricingRuleStore,
    private readonly refreshMs = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current rules; waits only for the very first load. */
  async current(): Promise<RuleSnapshot> {
    if (!this.snapshot) return this.reload();
    if (this.now() - this.checkedAt >= this.refreshMs && !this.loading) {
      this.checkedAt = this.now();
      void this.refreshIfChanged().catch(() => {
        // A failed check keeps the rules we have; the next read tries again.
        this.checkedAt = 0;
      });
    }
    return this.snapshot;
  }

  /** Loads the rules now (after a change on this node). */
  reload(): Promise<RuleSnapshot> {
    const p = (async () => {
      const revision = await this.store.revision();
      const ordered = ruleOrder(await this.store.all());
      const snap = { revision, ordered };
      this.snapshot = snap;
      this.checkedAt = this.now();
      return snap;
    })();
    this.loading = p;
    p.finally(() => {
      if (this.loading === p) this.loading = undefined;
    }).catch(() => {});
    return p;
  }

  private async refreshIfChanged(): Promise<void> {
    const rev = await this.store.revision();
    if (rev !== this.snapshot?.revision) await this.reload();
  }
}
