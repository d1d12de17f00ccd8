import type { VendorAccountWithCredentials } from "../catalog/vendor-accounts.js";
import { seatVendors, voucherVendors } from "./all.js";
import type { VendorId } from "./connector.js";
import { credentialProblems } from "./credentials.js";
import type { FactoryDeps, VendorDescriptor } from "./descriptor.js";
import type { ConnectorFactory } from "./registry.js";
import type { VoucherConnector } from "./vouchers.js";

/** Builds the voucher connector of one stored account (vendors of kind "vouchers"). */
export type VoucherConnectorFactory = (account: VendorAccountWithCredentials, deps: FactoryDeps) => VoucherConnector;

/**
 * Adapts a stored vendor account to its connector after checking the decrypted credentials against
 * the vendor's schema, so an account stored without a credential fails here, naming it.
 */
function checked<A extends { id: string; credentials: unknown }, D, C>(
  d: Pick<VendorDescriptor, "id" | "credentials">,
  make: (account: A, deps: D) => C,
): (account: A, deps: D) => C {
  return (account, deps) => {
    const problems = credentialProblems(d.credentials, account.credentials);
    if (problems.length > 0) {
      throw new Error(
        `vendor account ${account.id} (${d.id}): ${problems.map((p) => `${p.path} ${p.message}`).join("; ")}`,
      );
    }
    return make(account, deps);
  };
}

/**
 * The seat-selling connectors, by vendor, from the one list of descriptors (vendors/all.ts). Loaded
 * lazily so a process that never trades loads none of them.
 */
export async function loadConnectorFactories(): Promise<Partial<Record<VendorId, ConnectorFactory>>> {
  const entries = await Promise.all(
    seatVendors.map(async (d) => {
      const make = await d.loadFactory();
      return [d.id, checked(d, make as ConnectorFactory)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** The voucher connectors, by vendor (vouchers/voucher-vendors.ts keeps one per account). */
export async function loadVoucherFactories(): Promise<Partial<Record<VendorId, VoucherConnectorFactory>>> {
  const entries = await Promise.all(
    voucherVendors.map(async (d) => [d.id, checked(d, (await d.loadFactory()) as VoucherConnectorFactory)] as const),
  );
  return Object.fromEntries(entries);
}
