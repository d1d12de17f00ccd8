import type { VendorAccountStore, VendorAccountWithCredentials } from "../catalog/vendor-accounts.js";
import type { CinemaSettings } from "../cinemas/settings.js";
import type { Clock } from "../domain/time.js";
import type { CallRecorder } from "./call-recorder.js";
import type { CinemaConnector, VendorId } from "./connector.js";
import { KeptPerKey } from "./kept-per-key.js";

export interface ConnectorDeps {
  clock: Clock;
  recorder: CallRecorder;
}

/** Builds a connector for one vendor account. One per vendor; see vendors/factories.ts. */
export type ConnectorFactory = (account: VendorAccountWithCredentials, deps: ConnectorDeps) => CinemaConnector;

/** What the registry needs of a cinema to give it its connector. */
export interface CinemaOfAccount {
  id: string;
  vendorAccountId: string;
}

/**
 * One connector instance per vendor account, created on first use and kept: the instance owns
 * the account's keep-alive pool, rate limiter and circuit breaker, which only work if shared.
 *
 * Settings belong to a cinema, connectors to an account (a VISTA account serves a whole circuit).
 * `forCinema` therefore answers the account's connector itself when the cinema stored no vendor
 * settings (exactly today's defaults), and otherwise the account connector's `withCinemaSettings`
 * view: the same transport, the cinema's rules. Views are kept per cinema and rebuilt when the
 * record's version changes. Paths that act for one cinema (sync, seat map, orders) use `forCinema`;
 * account-wide calls (test connection, discovery) and live seat status use `forAccount`.
 */
export class ConnectorRegistry {
  private readonly byAccount = new KeptPerKey<CinemaConnector>((id) => this.create(id));
  private readonly byCinema = new Map<string, { version: number; base: CinemaConnector; view: CinemaConnector }>();

  constructor(
    private readonly accounts: VendorAccountStore,
    private readonly factories: Partial<Record<VendorId, ConnectorFactory>>,
    private readonly deps: ConnectorDeps,
    private readonly settings: Pick<CinemaSettings, "cached">,
  ) {}

  async forCinema(cinema: CinemaOfAccount): Promise<CinemaConnector> {
    const base = await this.forAccount(cinema.vendorAccountId);
    if (!base.withCinemaSettings) return base;
    const record = await this.settings.cached(cinema.id);
    const vendorSettings = record.document.vendor;
    if (!vendorSettings) return base;
    const kept = this.byCinema.get(cinema.id);
    if (kept && kept.version === record.version && kept.base === base) return kept.view;
    const view = base.withCinemaSettings(vendorSettings);
    this.byCinema.set(cinema.id, { version: record.version, base, view });
    return view;
  }

  forAccount(accountId: string): Promise<CinemaConnector> {
    return this.byAccount.get(accountId);
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
