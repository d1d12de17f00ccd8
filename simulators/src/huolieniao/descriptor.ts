import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/** The 火烈鸟 v1.5 simulator (national-standard 2013 SOAP with 火烈鸟's names; public-refs §6 — no vendor document is held). */
export const huolieniaoSimulator = defineSimulator({
  ...simulatorHead("huolieniao", 7109, { username: "cinegate", password: "huolieniao-demo-password" }),
  // doc 000 §三.1 (2): 火烈鸟's internal cinema code is the 广电 national code.
  cinemas: cinemaCodes.national,
  calls: { lock: "LockSeat", confirm: "SubmitSCTSOrder" },
  load: async () => (await import("./index.js")).createHuolieniaoSimulator,
});
