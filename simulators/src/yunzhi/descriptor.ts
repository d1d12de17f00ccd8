import { defineSimulator } from "../core/descriptor.js";

const env = process.env;

/**
 * 凤凰云智's lark gateway (public-refs §10). Its cinemaLinkId is the gateway's own number and
 * `cinemaId` the national code (the refs' getCinemas lists both; their example uses 681).
 */
export const yunzhiSimulator = defineSimulator({
  id: "yunzhi",
  demoPort: 7111,
  demoAccount: {
    channelCode: env.SIM_YUNZHI_CHANNEL_CODE ?? "demo_lark_channel",
    secret: env.SIM_YUNZHI_SECRET ?? "yunzhi-demo-secret-0123456789",
  },
  cinemas: { internalCode: (_national, i) => String(681 + i) },
  calls: { lock: "ykse.lark.partner.seat.lockSeats", confirm: "ykse.lark.partner.order.confirmOrder" },
  load: async () => (await import("./index.js")).createYunzhiSimulator,
});
