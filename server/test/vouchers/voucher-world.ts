import type { FastifyInstance } from "fastify";
import { demoAccounts } from "../../../simulators/src/core/accounts.js";
import { type RunningSimulators, startSimulators } from "../../../simulators/src/index.js";
import { createLingdongSimulator } from "../../../simulators/src/lingdong/index.js";
import { cityName } from "../../src/catalog/city-names.js";
import { ChannelClient } from "../../src/client/channel-client.js";
import { DEMO_SECRET, startTestApp, type TestApp } from "../support/app.js";
import { adminPost } from "../vendors/admin-post.js";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
export type Json = any;

export interface VoucherWorld {
  sims: RunningSimulators;
  /** The Lingdong simulator's app, for its simulator-only hooks (SMS log, redeem at the counter). */
  lingdong: FastifyInstance;
  t: TestApp;
  api: ChannelClient;
  accountId: string;
  /** One of our city codes where the simulator sells vouchers. */
  cityCode: string;
  advance(ms: number): void;
  close(): Promise<void>;
}

/** The Lingdong simulator over loopback + the app on its clock + one Lingdong vendor account. */
export async function voucherWorld(seed = 31): Promise<VoucherWorld> {
  let lingdong: FastifyInstance | undefined;
  const sims = await startSimulators({
    seed,
    cinemas: 10,
    days: 2,
    faults: { hangMs: 300 },
    factories: {
      lingdong: async (ctx) => {
        lingdong = await createLingdongSimulator(ctx);
        return lingdong;
      },
    },
  });
  const clock = { now: () => sims.clocks.lingdong.now() };
  const t = await startTestApp({ catalogClock: clock });
  const account = await adminPost(t, "/admin/vendor-accounts", {
    vendor: "lingdong",
    name: "vouchers",
    baseUrl: sims.urls.lingdong,
    credentials: demoAccounts.lingdong,
  });
  if (account.status !== 201 && account.status !== 200) throw new Error(`account: ${JSON.stringify(account.body)}`);
  // A city of the data set that the national statistics table names (no cinema is onboarded here).
  const city = sims.dataset.cities.find(
    (c) => cityName(c.code) !== undefined && sims.dataset.cinemas.some((x) => x.cityCode === c.code),
  );
  if (!city) throw new Error("no named city with cinemas in the data set");
  return {
    sims,
    lingdong: lingdong!,
    t,
    api: new ChannelClient({ baseUrl: t.baseUrl, channelCode: "demo", secret: DEMO_SECRET }),
    accountId: account.body.id,
    cityCode: city.code,
    advance: (ms) => sims.clocks.lingdong.advance(ms),
    close: async () => {
      await t.close();
      await sims.close();
    },
  };
}
