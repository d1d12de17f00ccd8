import { createCatalog } from "../../server/src/catalog/create-catalog.js";
import { ChannelStore } from "../../server/src/channels/channels.js";
import { createDb } from "../../server/src/db/database.js";
import { systemClock } from "../../server/src/domain/time.js";
import { buildApp } from "../../server/src/http/app.js";
import { createOrderDeps } from "../../server/src/orders/deps.js";
import { OrderService } from "../../server/src/orders/order-service.js";
import { OrderWorkflow } from "../../server/src/orders/workflow.js";
import { AuditLog } from "../../server/src/security/audit.js";
import { SecretBox } from "../../server/src/security/secret-box.js";
import { loadConnectorFactories } from "../../server/src/vendors/factories.js";
import { serveCommands, startFailed } from "./child.js";
import { runSyncs, type SyncRequest } from "./sync-all.js";

/**
 * One platform node, wired as server/src/platform.ts does (catalogue, channel store, the real
 * Fastify app) on the database the parent prepared, but without pg-boss or simulators: the parent
 * drives syncs through the `sync` command and owns the simulators. The catalogue benchmarks place
 * no orders, so order steps are never scheduled (a scheduler call would be a benchmark bug).
 */
async function main() {
  const dbUrl = process.env.BENCH_DB_URL ?? "";
  const box = new SecretBox(process.env.BENCH_MASTER_KEY ?? "");
  const db = createDb(dbUrl);
  const channels = new ChannelStore(db, box);
  const catalog = createCatalog({ db, box, clock: systemClock, factories: await loadConnectorFactories() });
  catalog.bindSync({ request: async () => false });
  const orderDeps = createOrderDeps({ db, clock: systemClock, registry: catalog.registry });
  const orders = new OrderService(orderDeps, new OrderWorkflow(orderDeps), {
    schedule: async () => {
      throw new Error("the catalogue benchmarks schedule no order steps");
    },
  });
  const app = await buildApp({
    db,
    channels,
    audit: new AuditLog(db),
    catalog,
    orders,
    secretBox: box,
    // The production default (LOG_LEVEL=info: two log lines per request); stdout goes to /dev/null.
    logLevel: process.env.BENCH_LOG_LEVEL ?? "info",
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  serveCommands(url, {
    sync: (req: SyncRequest) => runSyncs({ dbUrl, registry: catalog.registry }, req),
    stats: async () => ({
      rss: process.memoryUsage().rss,
      heapUsed: process.memoryUsage().heapUsed,
      seatVendorCalls: catalog.seats.vendorCalls,
    }),
    gc: async () => {
      globalThis.gc?.();
      return process.memoryUsage().rss;
    },
    stop: async () => {
      await app.close();
      await db.destroy();
      return true;
    },
  });
}

// On Ctrl-C the parent's embedded PostgreSQL is shut down under our pools (57P01); that is the end
// of the run, not a failure to report.
process.on("uncaughtException", (err) => {
  if ((err as { code?: string }).code === "57P01") process.exit(0);
  console.error(err);
  process.exit(1);
});

main().catch(startFailed);
