import type { FastifyInstance } from "fastify";
import { DiagnosisRuns } from "../../../ops/diagnosis-runs.js";
import { adminCinemaViewRoutes } from "./cinema-views.js";
import type { AdminRouteDeps } from "./deps.js";
import { adminDiagnosisRoutes } from "./diagnosis.js";
import { adminVendorQueryRoutes } from "./vendor-query.js";

/**
 * Admin API for the console's operations views: home, cinema list and page, sync health, vendor
 * query, diagnosis. Every cinema-bearing route applies the operator scope (ops/scope.ts).
 */
export async function adminOperationsRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  await app.register(adminCinemaViewRoutes, deps);
  await app.register(adminVendorQueryRoutes, deps);
  await app.register(adminDiagnosisRoutes, {
    ...deps,
    runs: new DiagnosisRuns(deps.catalog, () => deps.catalog.clock.now()),
  });
}
