import { defineSimulator, simulatorHead } from "../core/descriptor.js";

/** The VISTA Connect (doc 003) simulator. */
export const vistaSimulator = defineSimulator({
  ...simulatorHead("vista", 7102, { token: "vista-demo-connect-token", clientId: "cinegate" }),
  // A zero-padded 16-digit cinema id of its own (doc 000 §三: VISTA's internal code ≠ national code).
  cinemas: { internalCode: (_national, i) => String(i + 1).padStart(16, "0") },
  calls: { lock: "AddTickets", confirm: "CompleteOrder" },
  load: async () => (await import("./index.js")).createVistaSimulator,
});
