import { cinemaCodes, defineSimulator, demoAccount } from "../core/descriptor.js";

/** The ykse (doc 002) simulator. */
export const ykseSimulator = defineSimulator({
  id: "ykse",
  demoPort: 7101,
  demoAccount: demoAccount("ykse", {
    channelCode: "demo_channel",
    secret: "ykse-demo-secret-0123456789",
    /** AES-128 key for member-card passwords (doc 002 §3): 16 bytes. */
    cardKey: "0123456789abcdef",
  }),
  // ykse's cinemaLinkId is the national code in our data set.
  cinemas: cinemaCodes.national,
  calls: { lock: "ykse.partner.seat.lockSeats", confirm: "ykse.partner.order.confirmOrder" },
  load: async () => (await import("./index.js")).createYkseSimulator,
});
