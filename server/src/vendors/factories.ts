import type { VendorId } from "./connector.js";
import type { ConnectorFactory } from "./registry.js";

/**
 * The seat-selling connectors, by vendor. Each entry adapts a stored vendor account (with its
 * decrypted credentials) to the connector's own options. Lingdong sells vouchers, not seats, and
 * has its own connector type.
 */
export async function loadConnectorFactories(): Promise<Partial<Record<VendorId, ConnectorFactory>>> {
  const factories: Partial<Record<VendorId, ConnectorFactory>> = {};
  const { createMoviefanConnector } = await import("./moviefan/index.js");
  factories.moviefan = (account, deps) =>
    createMoviefanConnector({
      baseUrl: account.baseUrl,
      accountId: account.id,
      credentials: { channelCode: account.credentials.channelCode ?? "", secret: account.credentials.secret ?? "" },
      ratePerSecond: account.ratePerSecond,
      ...deps,
    });
  return factories;
}
