import { collectDefaultMetrics, Registry } from "prom-client";
import type { CatalogServices } from "../catalog/services.js";
import { registerDomainMetrics } from "../http/domain-metrics.js";

/**
 * A worker node's /metrics: the process and the domain metrics (vendor calls made by syncs and
 * order steps, sync freshness, the seat-status cache) without an HTTP app to hang them on. API
 * nodes get the same series from their app's registry (http/plugins/metrics.ts), plus HTTP timings.
 */
export function workerMetricsRegistry(catalog: CatalogServices): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerDomainMetrics(registry, catalog);
  return registry;
}
