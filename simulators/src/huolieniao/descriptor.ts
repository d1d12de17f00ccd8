import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** The 火烈鸟 v1.5 simulator (national-standard 2013 SOAP with 火烈鸟's names; public-refs §6 — no vendor document is held). */
export const huolieniaoSimulator = defineSimulator({
  id: "huolieniao",
  demoPort: 7109,
  demoAccount: {
    username: env.SIM_HUOLIENIAO_USERNAME ?? "cinegate",
    password: env.SIM_HUOLIENIAO_PASSWORD ?? "huolieniao-demo-password",
  },
  // doc 000 §三.1 (2): 火烈鸟's internal cinema code is the 广电 national code.
  cinemas: { internalCode: (nationalCode) => nationalCode },
  calls: { lock: "LockSeat", confirm: "SubmitSCTSOrder" },
  load: async () => (await import("./index.js")).createHuolieniaoSimulator,
});
