import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/**
 * The 1905 电影网 netsale simulator (public-refs §8; no vendor document is held). Doc 000 §三.1 lists
 * 1905 under 内部编码≠广电编码: its CinemaNo is a number of its own (the refs' example uses 194).
 */
export const m1905Simulator = defineSimulator({
  ...simulatorHead("m1905", 7108, { appCode: "1000000001", key: "m1905-demo-key-0123456789abcdef" }),
  cinemas: cinemaCodes.numberedFrom(194),
  calls: { lock: "LockSeatCustom", confirm: "SellTicketCustom" },
  load: async () => (await import("./index.js")).createM1905Simulator,
});
