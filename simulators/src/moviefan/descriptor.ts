import { cinemaCodes, defineSimulator, demoAccount } from "../core/descriptor.js";

/** The 电影票友 Moviefan (doc 001) simulator. */
export const moviefanSimulator = defineSimulator({
  id: "moviefan",
  demoPort: 7103,
  demoAccount: demoAccount("moviefan", { channelCode: "cinegate", secret: "moviefan-demo-secret" }),
  // A short numeric id of its own.
  cinemas: cinemaCodes.numberedFrom(1001),
  calls: { lock: "lockSeats", confirm: "submitOrder" },
  load: async () => (await import("./index.js")).createMoviefanSimulator,
});
