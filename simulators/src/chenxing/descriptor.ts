import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** The 辰星 Oristar TSP simulator (SOAP; public-refs §3 — no vendor document is held). */
export const chenxingSimulator = defineSimulator({
  id: "chenxing",
  demoPort: 7105,
  demoAccount: {
    appCode: env.SIM_CHENXING_APP_CODE ?? "CINEGATE",
    verifyKey: env.SIM_CHENXING_VERIFY_KEY ?? "chenxing-demo-verify-key",
  },
  // doc 000 §三.1 (2): 晨星's internal cinema code is the 广电 national code.
  cinemas: { internalCode: (nationalCode) => nationalCode },
  calls: { lock: "LockSeat", confirm: "SubmitOrder" },
  load: async () => (await import("./index.js")).createChenxingSimulator,
});
