import type { VendorAccount, VendorAccountStore } from "../catalog/vendor-accounts.js";
import type { VendorId } from "../vendors/connector.js";
import type { FactoryDeps } from "../vendors/descriptor.js";
import type { VoucherConnectorFactory } from "../vendors/factories.js";
import type { VoucherConnector } from "../vendors/vouchers.js";

/**
 * The voucher-selling vendor accounts and one connector per account, created on first use and kept
 * (the connector owns the account's keep-alive pool, rate limiter and circuit breaker, which only
 * work if shared) — what vendors/registry.ts is for seat vendors.
 */
export class VoucherVendors {
  private readonly byAccount = new Map<string, Promise<VoucherConnector>>();

  constructor(
    private readonly accounts: VendorAccountStore,
    private readonly factories: Partial<Record<VendorId, VoucherConnectorFactory>>,
    private readonly deps: FactoryDeps,
  ) {}

  /** Every stored account of a voucher vendor, oldest first. */
  async list(): Promise<VendorAccount[]> {
    return (await this.accounts.list()).filter((a) => this.factories[a.vendor] !== undefined);
  }

  forAccount(accountId: string): Promise<VoucherConnector> {
    let pending = this.byAccount.get(accountId);
    if (!pending) {
      pending = this.create(accountId);
      this.byAccount.set(accountId, pending);
      pending.catch(() => this.byAccount.delete(accountId));
    }
    return pending;
  }

  async close(): Promise<void> {
    const all = [...this.byAccount.values()];
    this.byAccount.clear();
    await Promise.all(all.map(async (p) => (await p.catch(() => undefined))?.close()));
  }

  private async create(accountId: string): Promise<VoucherConnector> {
    const account = await this.accounts.getWithCredentials(accountId);
    if (!account) throw new Error(`vendor account ${accountId} not found`);
    const factory = this.factories[account.vendor];
    if (!factory) throw new Error(`${account.vendor} does not sell vouchers`);
    return factory(account, this.deps);
  }
}
