import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { createSimClock, type SimClock } from "../core/clock.js";
import { FaultController } from "../core/faults.js";

/** What a payment simulator runs on; a test passes the app's clock so the provider's and ours agree. */
export interface PaySimContext {
  clock: SimClock;
  faults: FaultController;
  logger?: boolean;
  /** Seed for the fault and notify-loss dice. */
  seed?: number;
}

/** The context with what a caller left out made fresh: its own clock, faults seeded by `seed`. */
export const paySimContext = (given: Partial<PaySimContext> = {}): PaySimContext => ({
  clock: given.clock ?? createSimClock(),
  faults: given.faults ?? new FaultController(given.seed ?? 1),
  ...(given.logger !== undefined ? { logger: given.logger } : {}),
  ...(given.seed !== undefined ? { seed: given.seed } : {}),
});

/** Listens (loopback and a free port unless told otherwise) and answers the URL a client reaches it at. */
export async function listenPaySim(app: FastifyInstance, opts: { port?: number; host?: string }): Promise<string> {
  const host = opts.host ?? "127.0.0.1";
  await app.listen({ host, port: opts.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${reachable}:${port}`;
}
