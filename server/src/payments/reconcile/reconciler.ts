import type { CinemaSettings } from "../../cinemas/settings.js";
import type { Db } from "../../db/database.js";
import { addDays, type Clock, chinaDate, isValidDate, parseChinaLocal } from "../../domain/time.js";
import type { SecretBox } from "../../security/secret-box.js";
import { alipayProvider, openAlipay, openWechat, storedOf, wechatProvider } from "../config.js";
import type { PaymentProvider, PaymentProviderKind } from "../provider.js";
import { compareRefund, compareTrade, type Difference } from "./differences.js";
import { ReconciliationStore, type RunView } from "./run-store.js";

export interface ReconcilerDeps {
  db: Db;
  clock: Clock;
  settings: CinemaSettings;
  box: SecretBox;
  /** The real WeChat Pay API root for cinemas that name no `apiBaseUrl`. */
  wechatPayBaseUrl?: string;
  /** The real Alipay gateway for cinemas that name no `gatewayUrl`. */
  alipayGatewayUrl?: string;
}

/**
 * How the merchant's view is read. Neither the protocol notes (vendor-docs/payments.md) nor the
 * simulators document a trade bill, so every trade and refund we hold is queried one by one: this
 * finds every disagreement about what we hold, but not a trade only the merchant has (`missing_here`).
 */
export const MECHANISM = "per_trade_query";

/**
 * The merchant's day is the China calendar day, 00:00 to 24:00 (a trade bill covers exactly that),
 * not the cinemas' 06:00 business day: the runs must line up with what the merchant will show.
 */
export function paymentDayRange(date: string): { start: number; end: number } {
  if (!isValidDate(date)) throw new RangeError(`not a date: ${JSON.stringify(date)}`);
  const start = parseChinaLocal(`${date} 00:00:00`);
  return { start, end: start + 24 * 3600_000 };
}

/** The day before the clock's China calendar day: what the daily job reconciles. */
export const previousPaymentDay = (now: number): string => addDays(chinaDate(now), -1);

/**
 * Compares one cinema's payments and refunds of one day with what its merchant says (issue 15 §4):
 * every trade made that day and every refund asked that day is queried at the provider it was made
 * with, and each disagreement is stored as a difference of the run. A query that fails is itself a
 * difference (`query_failed`): an unchecked trade is never reported as clean.
 */
export class Reconciler {
  readonly runs: ReconciliationStore;

  constructor(private readonly deps: ReconcilerDeps) {
    this.runs = new ReconciliationStore(deps.db);
  }

  /** Cinemas with a payment merchant configured (WeChat or Alipay): the daily job's list. */
  async cinemasWithMerchant(): Promise<string[]> {
    const rows = await this.deps.db
      .selectFrom("cinema_settings")
      .innerJoin("cinemas", "cinemas.id", "cinema_settings.cinema_id")
      .select(["cinema_settings.cinema_id", "cinema_settings.document"])
      .where("cinemas.active", "=", true)
      .orderBy("cinema_settings.cinema_id")
      .execute();
    return rows
      .filter((r) => {
        const doc = (typeof r.document === "string" ? JSON.parse(r.document) : r.document) as Record<string, unknown>;
        const stored = storedOf(doc as never);
        return Boolean(stored?.wechat || stored?.alipay);
      })
      .map((r) => r.cinema_id);
  }

  /**
   * Runs and stores one reconciliation. A scheduled run already made for the cinema and day
   * (another node was first) answers undefined.
   */
  async run(
    cinemaId: string,
    date: string,
    trigger: "scheduled" | "manual",
    requestedBy?: string,
  ): Promise<RunView | undefined> {
    const startedAt = this.deps.clock.now();
    const { start, end } = paymentDayRange(date);
    const payments = await this.deps.db
      .selectFrom("payments")
      .select(["id", "provider", "out_trade_no", "state", "amount_fen", "paid_fen", "pay_params"])
      .where("cinema_id", "=", cinemaId)
      .where("created_at", ">=", new Date(start))
      .where("created_at", "<", new Date(end))
      .orderBy("id")
      .execute();
    const refunds = await this.deps.db
      .selectFrom("payment_refunds")
      .innerJoin("payments", "payments.id", "payment_refunds.payment_id")
      .select([
        "payment_refunds.out_refund_no",
        "payment_refunds.state",
        "payment_refunds.amount_fen",
        "payments.out_trade_no",
        "payments.provider",
      ])
      .where("payments.cinema_id", "=", cinemaId)
      .where("payment_refunds.created_at", ">=", new Date(start))
      .where("payment_refunds.created_at", "<", new Date(end))
      .orderBy("payment_refunds.id")
      .execute();

    const providers = new Map<PaymentProviderKind, PaymentProvider | string>();
    const differences: Difference[] = [];
    const base = { cinemaId, businessDate: date, trigger, mechanism: MECHANISM, startedAt };
    const by = requestedBy ? { requestedBy } : {};
    try {
      for (const kind of new Set([...payments.map((p) => p.provider), ...refunds.map((r) => r.provider)])) {
        providers.set(kind, await this.provider(cinemaId, kind));
      }
      const missing = [...providers.entries()].filter(([, p]) => typeof p === "string");
      if (missing.length > 0) {
        return this.runs.save(
          {
            ...base,
            ...by,
            state: "FAILED",
            paymentsChecked: 0,
            refundsChecked: 0,
            error: missing.map(([k, why]) => `${k}: ${why as string}`).join("; "),
            finishedAt: this.deps.clock.now(),
          },
          [],
        );
      }
      const use = (kind: PaymentProviderKind) => providers.get(kind) as PaymentProvider;
      // One at a time: a merchant's query API is rate limited (payments.md §1.10 FREQUENCY_LIMITED).
      for (const p of payments) {
        const answer = await use(p.provider).query(p.out_trade_no);
        differences.push(
          ...compareTrade(
            {
              outTradeNo: p.out_trade_no,
              state: p.state,
              amountFen: p.amount_fen,
              paidFen: p.paid_fen,
              createdAtProvider: p.pay_params !== null,
            },
            answer,
          ),
        );
      }
      for (const r of refunds) {
        const answer = await use(r.provider).queryRefund(r.out_refund_no, r.out_trade_no);
        differences.push(
          ...compareRefund(
            {
              outRefundNo: r.out_refund_no,
              outTradeNo: r.out_trade_no,
              state: r.state,
              amountFen: r.amount_fen,
            },
            answer,
          ),
        );
      }
    } finally {
      for (const p of providers.values()) if (typeof p !== "string") await p.dispose();
    }
    return this.runs.save(
      {
        ...base,
        ...by,
        state: "DONE",
        paymentsChecked: payments.length,
        refundsChecked: refunds.length,
        finishedAt: this.deps.clock.now(),
      },
      differences,
    );
  }

  /** The cinema's provider of `kind`, or why there is none (never thrown: a FAILED run says it). */
  private async provider(cinemaId: string, kind: PaymentProviderKind): Promise<PaymentProvider | string> {
    const stored = storedOf((await this.deps.settings.get(cinemaId)).document);
    try {
      if (kind === "alipay") {
        const opened = openAlipay(stored, this.deps.box);
        if (!opened) return "no Alipay app is configured";
        const built = alipayProvider(opened, {
          clock: this.deps.clock,
          timeoutMs: 5000,
          ...(this.deps.alipayGatewayUrl ? { defaultGatewayUrl: this.deps.alipayGatewayUrl } : {}),
        });
        return built.ok
          ? built.provider
          : (built.reason ?? `the Alipay configuration lacks ${built.missing.join(", ")}`);
      }
      const opened = openWechat(stored, this.deps.box);
      if (!opened) return "no WeChat merchant is configured";
      // wechat_v3 and wechat_v2 trades belong to the one merchant (商户号), not to an API version:
      // whichever version the cinema speaks now can query both.
      const built = wechatProvider(opened, {
        clock: this.deps.clock,
        timeoutMs: 5000,
        ...(this.deps.wechatPayBaseUrl ? { defaultBaseUrl: this.deps.wechatPayBaseUrl } : {}),
      });
      return built.ok ? built.provider : (built.reason ?? `the WeChat configuration lacks ${built.missing.join(", ")}`);
    } catch (err) {
      return `the stored secrets cannot be opened: ${(err as Error).message}`;
    }
  }
}
