import type { VendorAccount, VendorAccountStore } from "../catalog/vendor-accounts.js";
import type { VendorId } from "../vendors/connector.js";
import type { FactoryDeps } from "../vendors/descriptor.js";
import type { VoucherConnectorFactory } from "../vendors/factories.js";
import { KeptPerKey } from "../vendors/kept-per-key.js";
import type { VoucherConnector } from "../vendors/vouchers.js";

/**
 * The voucher-selling vendor accounts and one connector per account, created on first use and kept
 * (the connector owns the account's keep-alive pool, rate limiter and circuit breaker, which only
 * work if shared) — what vendors/registry.ts is for seat vendors.
 */
export class VoucherVendors {
  private readonly byAccount = new KeptPerKey<VoucherConnector>((id) => this.create(id));

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
    return this.byAccount.get(accountId);
  }

  async close(): Promise<void> {
    await Promise.all((await this.byAccount.drain()).map((c) => c.close()));
  }

  private async create(accountId: string): Promise<VoucherConnector> {
    const account = await this.accounts.getWithCredentials(accountId);
    if (!account) throw new Error(`vendor account ${accountId} not found`);
    const factory = this.factories[account.vendor];
    if (!factory) throw new Error(`${account.vendor} does not sell vouchers`);
    return factory(account, this.deps);
  }
}
