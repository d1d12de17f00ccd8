import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { simulators, type VendorId } from "./all.js";
import { registerControl } from "./control.js";
import { createSimClock, type SimClock } from "./core/clock.js";
import type { Dataset } from "./core/dataset-types.js";
import type { SimulatorDescriptor, SimulatorFactory } from "./core/descriptor.js";
import { type FaultConfig, FaultController } from "./core/faults.js";
import { generateDataset } from "./dataset/generate.js";
import { readSimEnv } from "./env.js";

export { simulators, type VendorId } from "./all.js";
export type { Dataset } from "./core/dataset-types.js";
export type { SimulatorDescriptor, SimulatorFactory } from "./core/descriptor.js";
export { generateDataset } from "./dataset/generate.js";

export interface StartOptions<Extra extends string = never> {
  /** Interface to listen on; SIM_HOST, else 127.0.0.1. */
  host?: string;
  /** Port per vendor; else SIM_PORT_<VENDOR>, else 0 (a free port). */
  ports?: Partial<Record<VendorId, number>>;
  /** A ready data set; otherwise one is generated from seed/cinemas/days (or SIM_SEED/SIM_CINEMAS/SIM_DAYS). */
  dataset?: Dataset;
  seed?: number;
  cinemas?: number;
  days?: number;
  /** Fault settings applied to every simulator, on top of SIM_FAULTS. */
  faults?: Partial<FaultConfig>;
  /** The clock all simulators share; a fresh real-time clock by default. */
  clock?: SimClock;
  /** Give each simulator its own clock instead of one shared clock. */
  separateClocks?: boolean;
  logger?: boolean;
  /** Replace vendor modules (tests of the core use this). */
  factories?: Partial<Record<VendorId, SimulatorFactory>>;
  /** Environment to read SIM_* settings from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /**
   * Simulators started after the registered ones, and dealt cinemas in a generated data set: a
   * scaffolded vendor's contract suite runs its simulator this way before it is registered.
   */
  extra?: readonly SimulatorDescriptor<Extra>[];
}

export interface RunningSimulators<Id extends string = VendorId> {
  urls: Record<Id, string>;
  dataset: Dataset;
  clocks: Record<Id, SimClock>;
  faults: Record<Id, FaultController>;
  close(): Promise<void>;
}

/**
 * Starts one HTTP server per vendor. They share one data set and (by default) one clock, because
 * they stand for the same real world: a cinema's showtime is at the same moment whichever system
 * sells it. Each has its own fault controller, as each vendor fails on its own.
 */
export async function startSimulators<Extra extends string = never>(
  opts: StartOptions<Extra> = {},
): Promise<RunningSimulators<VendorId | Extra>> {
  type Id = VendorId | Extra;
  const env = readSimEnv(opts.env);
  const host = opts.host ?? env.host ?? "127.0.0.1";
  const seed = opts.seed ?? env.seed;
  const all: readonly SimulatorDescriptor<Id>[] = [...simulators, ...(opts.extra ?? [])];
  const dataset =
    opts.dataset ??
    generateDataset({
      seed,
      cinemas: opts.cinemas ?? env.cinemas,
      days: opts.days ?? env.days,
      ...(opts.extra?.length ? { vendors: all.filter((s) => s.cinemas) } : {}),
    });
  const sharedClock = opts.clock ?? createSimClock();

  const apps: FastifyInstance[] = [];
  const urls = {} as Record<Id, string>;
  const clocks = {} as Record<Id, SimClock>;
  const faults = {} as Record<Id, FaultController>;
  const close = async () => {
    await Promise.allSettled(apps.map((app) => app.close()));
  };

  try {
    for (const [i, sim] of all.entries()) {
      const vendor = sim.id;
      // Distinct but reproducible fault streams per vendor.
      const controller = new FaultController((seed ?? dataset.seed) + i);
      if (env.faults) controller.update(env.faults);
      if (opts.faults) controller.update(opts.faults);
      controller.markBaseline();
      const clock = opts.separateClocks ? createSimClock(sharedClock.now()) : sharedClock;
      const ctx = { dataset, clock, faults: controller, logger: opts.logger ?? false };
      const factory = opts.factories?.[vendor as VendorId] ?? (await sim.load());
      const app = await factory(ctx);
      apps.push(app);
      registerControl(app, ctx);
      await app.listen({ host, port: opts.ports?.[vendor as VendorId] ?? env.ports[vendor as VendorId] ?? 0 });
      urls[vendor] = urlOf(app, host);
      clocks[vendor] = clock;
      faults[vendor] = controller;
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { urls, dataset, clocks, faults, close };
}

/** A URL a client on this machine can use, even when listening on every interface. */
function urlOf(app: FastifyInstance, host: string): string {
  const { port } = app.server.address() as AddressInfo;
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}
