import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/**
 * The 火烈鸟 v5.0 / YXT simulator (public-refs §7; no vendor document is held). Doc 000 §三.1 lists
 * 火烈鸟 and 大地 under 内部编码=广电编码: the cinema code is the 8-digit national code.
 */
export const huolieniao5Simulator = defineSimulator({
  ...simulatorHead("huolieniao5", 7110, { channelCode: "C001", key: "huolieniao5-demo-key-0123456789" }),
  cinemas: cinemaCodes.national,
  calls: { lock: "lockSeats", confirm: "submitOrder" },
  load: async () => (await import("./index.js")).createHuolieniao5Simulator,
});
