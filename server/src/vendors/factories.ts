import type { VendorAccountWithCredentials } from "../catalog/vendor-accounts.js";
import { seatVendors } from "./all.js";
import type { VendorId } from "./connector.js";
import { credentialProblems } from "./credentials.js";
import type { ConnectorFactory } from "./registry.js";

/**
 * The seat-selling connectors, by vendor, from the one list of descriptors (vendors/all.ts). Each
 * adapts a stored vendor account to its connector after checking the decrypted credentials against
 * the vendor's schema, so an account stored without a credential fails here, naming it. Loaded
 * lazily so a process that never trades loads none of them.
 */
export async function loadConnectorFactories(): Promise<Partial<Record<VendorId, ConnectorFactory>>> {
  const entries = await Promise.all(
    seatVendors.map(async (d) => {
      const make = await d.loadFactory();
      const factory: ConnectorFactory = (account: VendorAccountWithCredentials, deps) => {
        const problems = credentialProblems(d.credentials, account.credentials);
        if (problems.length > 0) {
          throw new Error(
            `vendor account ${account.id} (${d.id}): ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}`,
          );
        }
        return make(account, deps) as ReturnType<ConnectorFactory>;
      };
      return [d.id, factory] as const;
    }),
  );
  return Object.fromEntries(entries);
}
