import type { FastifyInstance } from "fastify";
import type { SimContext } from "./core/context.js";
import type { VendorId } from "./core/dataset-types.js";

/** What every vendor module exports: a Fastify instance with its routes, not yet listening. */
export type SimulatorFactory = (ctx: SimContext) => Promise<FastifyInstance>;

export const vendorIds: readonly VendorId[] = ["ykse", "vista", "moviefan", "lingdong"];

/**
 * Loads a vendor module on demand, so a caller that injects its own factories (the core tests) or a
 * module with a start-up problem does not take the other simulators down with it.
 */
export async function loadFactory(vendor: VendorId): Promise<SimulatorFactory> {
  switch (vendor) {
    case "ykse":
      return (await import("./ykse/index.js")).createYkseSimulator;
    case "vista":
      return (await import("./vista/index.js")).createVistaSimulator;
    case "moviefan":
      return (await import("./moviefan/index.js")).createMoviefanSimulator;
    case "lingdong":
      return (await import("./lingdong/index.js")).createLingdongSimulator;
  }
}
