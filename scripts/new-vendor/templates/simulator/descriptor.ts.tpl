import { cinemaCodes, defineSimulator, simulatorHead } from "../core/descriptor.js";

/** The __id__ simulator. TODO: the vendor's name and document. */
export const __id__Simulator = defineSimulator({
  ...simulatorHead("__id__", __port__, { account: "cinegate", secret: "__id__-demo-secret" }),
  // TODO: the vendor's own cinema code (doc 000 §三: the national code, or its own numbering).
  cinemas: cinemaCodes.national,
  // TODO: the wire names of its lock and confirm calls, for the chaos run's weather.
  calls: { lock: "lock", confirm: "confirm" },
  load: async () => (await import("./index.js")).create__Id__Simulator,
});
