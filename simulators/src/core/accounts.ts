import { simulators } from "../all.js";

type Accounts = { [S in (typeof simulators)[number] as S["id"]]: S["demoAccount"] };

/**
 * Demo credentials each simulator accepts, by vendor, from each simulator's descriptor. The
 * platform's demo onboarding uses the same values (they are sandbox credentials, not secrets).
 * Overridable per simulator through the environment.
 */
export const demoAccounts = Object.fromEntries(simulators.map((s) => [s.id, s.demoAccount])) as Accounts;
