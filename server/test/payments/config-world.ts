import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../simulators/src/index.js";
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from "../support/app.js";
import { type ApiResult, call } from "../support/console.js";

/**
 * What the payment-configuration API tests stand on: the vendor simulators, an app, and one ykse
 * cinema onboarded through the Admin API, whose payment configuration the test then sets. The test
 * starts its payment simulator on `sims.clocks.ykse`, as the provider's clock and ours agree in life.
 */
export interface ConfigWorld {
  sims: RunningSimulators;
  t: TestApp;
  cinemaId: string;
  admin(method: string, path: string, body?: unknown): Promise<ApiResult>;
  /** The cinema's payment-config resource. */
  path: string;
  close(): Promise<void>;
}

export async function startConfigWorld(seed: number, accountName: string): Promise<ConfigWorld> {
  const sims = await startSimulators({ seed, cinemas: 2, days: 1 });
  const t = await startTestApp({ catalogClock: { now: () => sims.clocks.ykse.now() } });
  const admin = (method: string, path: string, body?: unknown): Promise<ApiResult> =>
    call(t.baseUrl, method, path, body, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
  const acc = await admin("POST", "/admin/vendor-accounts", {
    vendor: "ykse",
    name: accountName,
    baseUrl: sims.urls.ykse,
    credentials: demoAccounts.ykse,
  });
  const data = sims.dataset.cinemas.find((c) => c.vendor === "ykse")!;
  const onboarded = await admin("POST", "/admin/cinemas", {
    vendorAccountId: acc.body.id,
    vendorCinemaId: data.internalCode,
    nationalCode: data.nationalCode,
    channels: ["demo"],
  });
  const cinemaId: string = onboarded.body.id;
  return {
    sims,
    t,
    cinemaId,
    admin,
    path: `/admin/cinemas/${cinemaId}/payment-config`,
    close: async () => {
      await t.close();
      await sims.close();
    },
  };
}
