import type { VendorId } from "../vendors/connector.js";
import { OnboardingError, onboardCinema } from "./onboarding.js";
import type { CatalogServices } from "./services.js";

export interface DemoWorld {
  urls: Record<string, string>;
  /** The sandbox credentials each simulator accepts. */
  accounts: Record<string, Record<string, string>>;
  cinemas: Array<{ vendor: string; internalCode: string; nationalCode: string; name: string }>;
}

/**
 * Makes a fresh demo useful within seconds: one vendor account per simulator and every data-set
 * cinema onboarded for the demo channel (their first syncs queue at once). Idempotent: a restart
 * onboards only what is missing. The data set plays the part of the vendors' onboarding emails.
 */
export async function onboardDemoCinemas(
  catalog: CatalogServices,
  world: DemoWorld,
  channelCode: string,
): Promise<number> {
  let onboarded = 0;
  for (const vendor of Object.keys(world.urls) as VendorId[]) {
    const name = `demo-${vendor}`;
    const account =
      (await catalog.accounts.findByName(name)) ??
      (await catalog.accounts.create({
        vendor,
        name,
        baseUrl: world.urls[vendor]!,
        credentials: world.accounts[vendor] ?? {},
      }));
    if (!catalog.registry.supports(vendor)) continue;
    for (const c of world.cinemas.filter((x) => x.vendor === vendor)) {
      try {
        await onboardCinema(
          { db: catalog.db, accounts: catalog.accounts, sync: catalog.sync },
          {
            vendorAccountId: account.id,
            vendorCinemaId: c.internalCode,
            nationalCode: c.nationalCode,
            name: c.name,
            channels: [channelCode],
          },
        );
        onboarded++;
      } catch (err) {
        if (!(err instanceof OnboardingError && err.kind === "conflict")) throw err;
      }
    }
  }
  return onboarded;
}
