import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/** The 满天星 CMTS simulator (public-refs §9; vendor-docs 000 for the cinema code rule). */
export const mantianxingSimulator = defineSimulator({
  ...simulatorHead("mantianxing", 7107, {
    appCode: "cinegate",
    key: "mantianxing-demo-key",
    partnerCode: "cinegate",
    partnerKey: "mantianxing-member-key",
  }),
  // doc 000 §三.1 <2>: 满天星's internal code is the 广电 national code.
  cinemas: cinemaCodes.national,
  calls: { lock: "LiveRealCheckSeatState", confirm: "SellTicket" },
  load: async () => (await import("./index.js")).createMantianxingSimulator,
});
