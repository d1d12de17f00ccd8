import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/** The 电影票友 Moviefan (doc 001) simulator. */
export const moviefanSimulator = defineSimulator({
  ...simulatorHead("moviefan", 7103, { channelCode: "cinegate", secret: "moviefan-demo-secret" }),
  // A short numeric id of its own.
  cinemas: cinemaCodes.numberedFrom(1001),
  calls: { lock: "lockSeats", confirm: "submitOrder" },
  load: async () => (await import("./index.js")).createMoviefanSimulator,
});
