import type { VendorAccountWithCredentials } from "../catalog/vendor-accounts.js";
import type { VendorId } from "./connector.js";
import type { ConnectorDeps, ConnectorFactory } from "./registry.js";

/** The account's common connector options; each factory adds its vendor's credentials. */
const common = (account: VendorAccountWithCredentials, deps: ConnectorDeps) => ({
  baseUrl: account.baseUrl,
  accountId: account.id,
  ratePerSecond: account.ratePerSecond,
  ...deps,
});

/** A credential the Admin API's per-vendor schema already required. */
const cred = (account: VendorAccountWithCredentials, key: string): string => account.credentials[key] ?? "";

/**
 * The seat-selling connectors, by vendor. Each entry adapts a stored vendor account (with its
 * decrypted credentials) to the connector's own options. Lingdong sells vouchers, not seats, and
 * has its own connector type. Loaded lazily so a process that never trades loads none of them.
 */
export async function loadConnectorFactories(): Promise<Partial<Record<VendorId, ConnectorFactory>>> {
  const [{ createYkseConnector }, { createMoviefanConnector }, { createVistaConnector }] = await Promise.all([
    import("./ykse/index.js"),
    import("./moviefan/index.js"),
    import("./vista/index.js"),
  ]);
  return {
    ykse: (account, deps) =>
      createYkseConnector({
        ...common(account, deps),
        credentials: {
          channelCode: cred(account, "channelCode"),
          secret: cred(account, "secret"),
          cardKey: account.credentials.cardKey,
        },
      }),
    vista: (account, deps) =>
      createVistaConnector({
        ...common(account, deps),
        credentials: {
          token: cred(account, "token"),
          clientId: cred(account, "clientId"),
          clientClass: account.credentials.clientClass,
          clientName: account.credentials.clientName,
        },
      }),
    moviefan: (account, deps) =>
      createMoviefanConnector({
        ...common(account, deps),
        credentials: { channelCode: cred(account, "channelCode"), secret: cred(account, "secret") },
      }),
  };
}
