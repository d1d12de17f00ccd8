import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/** The ykse (doc 002) simulator. */
export const ykseSimulator = defineSimulator({
  id: "ykse",
  demoPort: 7101,
  demoAccount: {
    channelCode: env.SIM_YKSE_CHANNEL_CODE ?? "demo_channel",
    secret: env.SIM_YKSE_SECRET ?? "ykse-demo-secret-0123456789",
    /** AES-128 key for member-card passwords (doc 002 §3): 16 bytes. */
    cardKey: env.SIM_YKSE_CARD_KEY ?? "0123456789abcdef",
  },
  // ykse's cinemaLinkId is the national code in our data set.
  cinemas: { internalCode: (nationalCode) => nationalCode },
  calls: { lock: "ykse.partner.seat.lockSeats", confirm: "ykse.partner.order.confirmOrder" },
  load: async () => (await import("./index.js")).createYkseSimulator,
});
