import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/** The ykse (doc 002) simulator. */
export const ykseSimulator = defineSimulator({
  ...simulatorHead("ykse", 7101, {
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
