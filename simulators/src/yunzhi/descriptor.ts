import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/**
 * 凤凰云智's lark gateway (public-refs §10). Its cinemaLinkId is the gateway's own number and
 * `cinemaId` the national code (the refs' getCinemas lists both; their example uses 681).
 */
export const yunzhiSimulator = defineSimulator({
  ...simulatorHead("yunzhi", 7111, { channelCode: "demo_lark_channel", secret: "yunzhi-demo-secret-0123456789" }),
  cinemas: cinemaCodes.numberedFrom(681),
  calls: { lock: "ykse.lark.partner.seat.lockSeats", confirm: "ykse.lark.partner.order.confirmOrder" },
  load: async () => (await import("./index.js")).createYunzhiSimulator,
});
