import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/** The 辰星 Oristar TSP simulator (SOAP; public-refs §3 — no vendor document is held). */
export const chenxingSimulator = defineSimulator({
  ...simulatorHead("chenxing", 7105, { appCode: "CINEGATE", verifyKey: "chenxing-demo-verify-key" }),
  // doc 000 §三.1 (2): 晨星's internal cinema code is the 广电 national code.
  cinemas: cinemaCodes.national,
  calls: { lock: "LockSeat", confirm: "SubmitOrder" },
  load: async () => (await import("./index.js")).createChenxingSimulator,
});
