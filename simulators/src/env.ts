import { type VendorId, vendorIds } from "./all.js";
import { checkFaultPatch } from "./core/fault-patch.js";
import type { FaultConfig } from "./core/faults.js";

/** Simulator settings read from the environment (see docs/simulators.md). */
export interface SimEnv {
  seed?: number;
  cinemas?: number;
  days?: number;
  faults?: Partial<FaultConfig>;
  host?: string;
  ports: Partial<Record<VendorId, number>>;
}

/** A bad setting stops start-up with a message naming the variable, rather than being ignored. */
export function readSimEnv(env: NodeJS.ProcessEnv = process.env): SimEnv {
  const ports: Partial<Record<VendorId, number>> = {};
  for (const vendor of vendorIds) {
    const port = integer(env, `SIM_PORT_${vendor.toUpperCase()}`, 0, 65_535);
    if (port !== undefined) ports[vendor] = port;
  }
  return {
    seed: integer(env, "SIM_SEED", 0, 2 ** 32 - 1),
    cinemas: integer(env, "SIM_CINEMAS", 0, 100_000),
    days: integer(env, "SIM_DAYS", 1, 60),
    faults: faultPatch(env.SIM_FAULTS),
    host: env.SIM_HOST || undefined,
    ports,
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name}=${raw} is not an integer between ${min} and ${max}`);
  }
  return n;
}

function faultPatch(raw: string | undefined): Partial<FaultConfig> | undefined {
  if (raw === undefined || raw === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`SIM_FAULTS is not valid JSON: ${raw}`);
  }
  const checked = checkFaultPatch(parsed);
  if (!checked.ok) throw new Error(`SIM_FAULTS: ${checked.error}`);
  return checked.value;
}
