import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** The 满天星 CMTS simulator (public-refs §9; vendor-docs 000 for the cinema code rule). */
export const mantianxingSimulator = defineSimulator({
  id: "mantianxing",
  demoPort: 7107,
  demoAccount: {
    appCode: env.SIM_MANTIANXING_APP_CODE ?? "cinegate",
    key: env.SIM_MANTIANXING_KEY ?? "mantianxing-demo-key",
    partnerCode: env.SIM_MANTIANXING_PARTNER_CODE ?? "cinegate",
    partnerKey: env.SIM_MANTIANXING_PARTNER_KEY ?? "mantianxing-member-key",
  },
  // doc 000 §三.1 <2>: 满天星's internal code is the 广电 national code.
  cinemas: { internalCode: (nationalCode) => nationalCode },
  calls: { lock: "LiveRealCheckSeatState", confirm: "SellTicket" },
  load: async () => (await import("./index.js")).createMantianxingSimulator,
});
