import type { FastifyInstance } from "fastify";
import type { SimContext } from "./context.js";

/** What every vendor module exports: a Fastify instance with its routes, not yet listening. */
export type SimulatorFactory = (ctx: SimContext) => Promise<FastifyInstance>;

/**
 * One vendor's simulator as the rest of the simulators see it. The simulators never import server
 * code (they stand for the vendors), so this is the simulator side's own descriptor; the demo ports
 * must equal the server descriptors' (a test compares the two lists).
 */
export interface SimulatorDescriptor<Id extends string = string> {
  id: Id;
  /** Fixed port for `npm run simulators` and the demo (SIM_PORT_<VENDOR> overrides). */
  demoPort: number;
  /** The sandbox credentials the simulator accepts (not secrets); each overridable through SIM_<VENDOR>_*. */
  demoAccount: Readonly<Record<string, string>>;
  /**
   * Set for a vendor that owns cinemas in the shared data set: its own cinema code for a cinema
   * (doc 000 §三: some vendors use the 广电 national code, others their own numbering). A voucher
   * seller owns none.
   */
  cinemas?: { internalCode(nationalCode: string, indexInVendor: number): string };
  /** Wire names of the calls the chaos run's weather aims at (its fault rules are per call name). */
  calls?: { lock: string; confirm: string };
  /** Loaded on demand, so a module with a start-up problem does not take the others down. */
  load(): Promise<SimulatorFactory>;
}

/** Keeps the id's literal type, so the one list can derive the simulators' `VendorId` union. */
export const defineSimulator = <const D extends SimulatorDescriptor>(d: D): D => d;
