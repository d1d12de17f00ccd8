import type { VendorAccountStore, VendorAccountWithCredentials } from "../catalog/vendor-accounts.js";
import type { Clock } from "../domain/time.js";
import type { CallRecorder } from "./call-recorder.js";
import type { CinemaConnector, VendorId } from "./connector.js";

export interface ConnectorDeps {
  clock: Clock;
  recorder: CallRecorder;
}

/** Builds a connector for one vendor account. One per vendor; see vendors/factories.ts. */
export type ConnectorFactory = (account: VendorAccountWithCredentials, deps: ConnectorDeps) => CinemaConnector;

/**
 * One connector instance per vendor account, created on first use and kept: the instance owns
 * the account's keep-alive pool, rate limiter and circuit breaker, which only work if shared.
 */
export class ConnectorRegistry {
  private readonly byAccount = new Map<string, Promise<CinemaConnector>>();

  constructor(
    private readonly accounts: VendorAccountStore,
    private readonly factories: Partial<Record<VendorId, ConnectorFactory>>,
    private readonly deps: ConnectorDeps,
  ) {}

  forAccount(accountId: string): Promise<CinemaConnector> {
    let pending = this.byAccount.get(accountId);
    if (!pending) {
      pending = this.create(accountId);
      this.byAccount.set(accountId, pending);
      pending.catch(() => this.byAccount.delete(accountId));
    }
    return pending;
  }

  supports(vendor: VendorId): boolean {
    return this.factories[vendor] !== undefined;
  }

  private async create(accountId: string): Promise<CinemaConnector> {
    const account = await this.accounts.getWithCredentials(accountId);
    if (!account) throw new Error(`vendor account ${accountId} not found`);
    const factory = this.factories[account.vendor];
    if (!factory) throw new Error(`no seat connector for vendor ${account.vendor}`);
    return factory(account, this.deps);
  }
}
