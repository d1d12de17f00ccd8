import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { CatalogServices } from "../catalog/services.js";

/**
 * The platform's own health on /metrics, next to the HTTP metrics:
 * - vendor call latency and outcome per vendor and call (errors are the outcome ≠ "ok" series);
 * - sync freshness: seconds since each cinema's entity last synced successfully;
 * - the live seat-status cache: answers served and vendor calls made (hit ratio = 1 − calls / answers).
 * Labels are bounded: vendors, documented call names, cinema ids, four entities — never order ids
 * or phone numbers.
 */
export function registerDomainMetrics(registry: Registry, catalog: CatalogServices): () => void {
  const vendorCalls = new Histogram({
    name: "cinegate_vendor_call_duration_seconds",
    help: "Vendor call duration by vendor, call and outcome (ok or the standard error code)",
    labelNames: ["vendor", "call", "outcome"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const unsubscribe = catalog.calls.subscribe((rec) =>
    vendorCalls.observe({ vendor: rec.vendor, call: rec.call, outcome: rec.outcome }, rec.durationMs / 1000),
  );

  new Gauge({
    name: "cinegate_sync_age_seconds",
    help: "Seconds since the last successful sync of each cinema's entity (absent until one succeeds)",
    labelNames: ["cinema", "entity"],
    registers: [registry],
    async collect() {
      const rows = await catalog.db
        .selectFrom("sync_state")
        .select(["cinema_id", "entity", "last_success_at"])
        .where("last_success_at", "is not", null)
        .execute();
      this.reset();
      const now = catalog.clock.now();
      for (const r of rows) {
        this.set({ cinema: r.cinema_id, entity: r.entity }, (now - r.last_success_at!.getTime()) / 1000);
      }
    },
  });

  const seats = catalog.seats;
  new Counter({
    name: "cinegate_seat_status_answers_total",
    help: "Live seat-status answers: fresh (vendor or shared cache), stale (last good while the vendor failed), failed",
    labelNames: ["result"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [result, n] of Object.entries(seats.answers)) this.inc({ result }, n);
    },
  });
  new Counter({
    name: "cinegate_seat_status_vendor_calls_total",
    help: "Vendor calls made for live seat status (at most one per showtime per cache window)",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(seats.vendorCalls);
    },
  });
  return unsubscribe;
}
