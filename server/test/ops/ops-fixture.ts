import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../simulators/src/index.js";
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp, type TestAppOptions } from "../support/app.js";
import { type ApiResult, call } from "../support/console.js";
import { middayClock } from "../support/midday-clock.js";

export type Vendor = "ykse" | "vista" | "moviefan";

/** Simulators + the app on the simulators' clock, one vendor account and one onboarded cinema per seat vendor. */
export interface OpsWorld {
  sims: RunningSimulators;
  t: TestApp;
  accounts: Record<Vendor, string>;
  /** Our cinema id per vendor, and the data-set cinema behind it. */
  cinemas: Record<Vendor, { id: string; data: RunningSimulators["dataset"]["cinemas"][number] }>;
  admin(method: string, path: string, body?: unknown): Promise<ApiResult>;
  close(): Promise<void>;
}

export async function startOpsWorld(opts: Pick<TestAppOptions, "audit"> = {}): Promise<OpsWorld> {
  // Enough cinemas that each of the first vendors gets two whatever the number of seat vendors dealt
  // round-robin (the first cinemas, the ones used here, stay the same).
  const sims = await startSimulators({ seed: 23, cinemas: 16, days: 3, clock: middayClock() });
  const t = await startTestApp({ ...opts, catalogClock: { now: () => sims.clocks.ykse.now() } });
  const admin = (method: string, path: string, body?: unknown) =>
    call(t.baseUrl, method, path, body, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
  const accounts = {} as OpsWorld["accounts"];
  const cinemas = {} as OpsWorld["cinemas"];
  for (const vendor of ["ykse", "vista", "moviefan"] as const) {
    const acc = await admin("POST", "/admin/vendor-accounts", {
      vendor,
      name: `ops-${vendor}`,
      baseUrl: sims.urls[vendor],
      credentials: demoAccounts[vendor],
    });
    if (acc.status !== 201) throw new Error(`account ${vendor}: ${JSON.stringify(acc.body)}`);
    accounts[vendor] = acc.body.id;
    const data = sims.dataset.cinemas.find((c) => c.vendor === vendor)!;
    const onboarded = await admin("POST", "/admin/cinemas", {
      vendorAccountId: acc.body.id,
      vendorCinemaId: data.internalCode,
      nationalCode: data.nationalCode,
      channels: ["demo"],
    });
    if (onboarded.status !== 201) throw new Error(`onboard ${vendor}: ${JSON.stringify(onboarded.body)}`);
    cinemas[vendor] = { id: onboarded.body.id, data };
  }
  return {
    sims,
    t,
    accounts,
    cinemas,
    admin,
    close: async () => {
      await t.close();
      await sims.close();
    },
  };
}

/** Polls a diagnosis run until it is done (the checks run in the background). */
export async function waitForDiagnosis(get: () => Promise<ApiResult>): Promise<ApiResult> {
  for (let i = 0; i < 200; i++) {
    const res = await get();
    if (res.status !== 200 || res.body.status === "done") return res;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("diagnosis did not finish");
}
