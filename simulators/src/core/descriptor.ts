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

/** `appCode` → `APP_CODE`, `md5Key` → `MD5_KEY`: a demo-account field's part of its variable's name. */
const envName = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

/**
 * A demo account whose every field the environment may override as SIM_<VENDOR>_<FIELD>
 * (chenxing's `verifyKey`: SIM_CHENXING_VERIFY_KEY), so a descriptor names only the defaults.
 */
export const demoAccount = <const A extends Record<string, string>>(
  vendor: string,
  defaults: A,
  env: NodeJS.ProcessEnv = process.env,
): { readonly [K in keyof A]: string } =>
  Object.fromEntries(
    Object.entries(defaults).map(([field, value]) => [field, env[`SIM_${envName(vendor)}_${envName(field)}`] ?? value]),
  ) as { [K in keyof A]: string };

/**
 * A descriptor's head from its id written once: the id, the demo port and the demo account whose
 * fields the environment overrides as SIM_<ID>_<FIELD> (see `demoAccount`). Spread it into
 * `defineSimulator({ ...simulatorHead("acme", 7199, { key: "acme-demo-key" }), … })`.
 */
export const simulatorHead = <const Id extends string, const A extends Record<string, string>>(
  id: Id,
  demoPort: number,
  account: A,
  env: NodeJS.ProcessEnv = process.env,
) => ({ id, demoPort, demoAccount: demoAccount(id, account, env) });

/** How a vendor codes the data set's cinemas (doc 000 §三: the 广电 national code, or a number of its own). */
export const cinemaCodes = {
  /** 内部编码=广电编码. */
  national: { internalCode: (nationalCode: string) => nationalCode },
  /** Its own consecutive numbers from `first`, in the data set's order of its cinemas. */
  numberedFrom: (first: number) => ({ internalCode: (_national: string, i: number) => String(first + i) }),
};
