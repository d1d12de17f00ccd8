import type { TspOp } from "./env.js";

/** Member-card operations (public-refs §3.3 "Member cards"): none yet. */
export const memberOps: readonly TspOp[] = [];
