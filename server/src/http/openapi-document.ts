import { createCatalog } from "../catalog/create-catalog.js";
import { ChannelStore } from "../channels/channels.js";
import { createDb } from "../db/database.js";
import { systemClock } from "../domain/time.js";
import type { OrderService } from "../orders/order-service.js";
import { AuditLog } from "../security/audit.js";
import { SecretBox } from "../security/secret-box.js";
import { buildApp } from "./app.js";

/** The OpenAPI 3.1 document as @fastify/swagger builds it; only what its readers here touch is typed. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * The document the running server serves at /v1/openapi.json, built from the route definitions
 * without a database: the app is assembled, never asked a request, so the pool never connects
 * and the order service is not needed. This is what the console's generated types come from
 * (scripts/api-types.ts), so the types cannot drift from the routes' schemas.
 */
export async function buildOpenApiDocument(): Promise<OpenApiDocument> {
  // Port 1 on loopback: nothing listens there, and nothing here ever connects.
  const db = createDb("postgres://cinegate@127.0.0.1:1/openapi-only", { max: 1 });
  const box = new SecretBox("00".repeat(32));
  const catalog = createCatalog({ db, box, clock: systemClock, factories: {} });
  const app = await buildApp({
    db,
    channels: new ChannelStore(db, box),
    audit: new AuditLog(db),
    catalog,
    // Route registration only stores the service; no handler runs while the document is built.
    orders: {} as OrderService,
    secretBox: box,
    logLevel: "silent",
  });
  try {
    await app.ready();
    return app.swagger() as unknown as OpenApiDocument;
  } finally {
    await app.close();
    await db.destroy();
  }
}
