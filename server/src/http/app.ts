import { randomUUID } from "node:crypto";
import etag from "@fastify/etag";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { CatalogReads } from "../catalog/read-queries.js";
import type { CatalogServices } from "../catalog/services.js";
import type { ChannelStore } from "../channels/channels.js";
import { RateBuckets } from "../channels/rate-buckets.js";
import type { Db } from "../db/database.js";
import type { OrderService } from "../orders/order-service.js";
import type { AuditLog } from "../security/audit.js";
import { createConsoleServices, registerConsoleAdmin, registerConsolePublic } from "./console.js";
import { registerDomainMetrics } from "./domain-metrics.js";
import { loggerOptions } from "./logger.js";
import { applyAdminAuth } from "./plugins/admin-auth.js";
import { auditAdminRoutes } from "./plugins/audited-routes.js";
import { applyChannelAuth } from "./plugins/channel-auth.js";
import { applyChannelRateLimit } from "./plugins/channel-rate-limit.js";
import { registerErrorHandling } from "./plugins/errors.js";
import { registerMetrics } from "./plugins/metrics.js";
import { registerRawJsonBody } from "./plugins/raw-json-body.js";
import { registerValidation } from "./plugins/validation.js";
import { ProblemSchema } from "./problem.js";
import { adminChannelRoutes } from "./routes/admin/channels.js";
import { adminCinemaSeatRuleRoutes } from "./routes/admin/cinema-seat-rules.js";
import { adminCinemaRoutes } from "./routes/admin/cinemas.js";
import type { AdminRouteDeps } from "./routes/admin/deps.js";
import { adminOperationsRoutes } from "./routes/admin/operations.js";
import { adminOrderRoutes } from "./routes/admin/orders.js";
import { adminVendorAccountRoutes } from "./routes/admin/vendor-accounts.js";
import { healthRoutes } from "./routes/health.js";
import { cinemaRoutes } from "./routes/v1/cinemas.js";
import { cityRoutes } from "./routes/v1/cities.js";
import { filmRoutes } from "./routes/v1/films.js";
import { orderRoutes } from "./routes/v1/orders.js";
import { seatRoutes } from "./routes/v1/seats.js";
import { showtimeRoutes } from "./routes/v1/showtimes.js";

export interface AppDeps {
  db: Db;
  channels: ChannelStore;
  audit: AuditLog;
  catalog: CatalogServices;
  orders: OrderService;
  adminToken?: string;
  logLevel?: string;
  /** Where logs go (tests capture them to prove redaction). */
  logStream?: DestinationStream;
  bodyLimit?: number;
  now?: () => number;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the HTTP application: public API under /v1, admin API under /admin, health, metrics, docs. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? Date.now;
  const app = Fastify({
    logger: deps.logStream
      ? { ...loggerOptions(deps.logLevel ?? "info"), stream: deps.logStream }
      : loggerOptions(deps.logLevel ?? "info"),
    bodyLimit: deps.bodyLimit ?? 262_144,
    // A caller's X-Request-Id is kept when sane, so a channel can correlate its logs with ours.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });
  app.addSchema(ProblemSchema);
  registerErrorHandling(app);
  registerRawJsonBody(app);
  registerValidation(app);
  const metrics = registerMetrics(app);
  const stopDomainMetrics = registerDomainMetrics(metrics, deps.catalog);
  app.addHook("onClose", async () => stopDomainMetrics());

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Cinegate Channel API", version: "1.0.0", description: "See shared/API.md for the contract." },
      components: {
        securitySchemes: {
          channelSignature: { type: "apiKey", in: "header", name: "X-Signature" },
          adminBearer: { type: "http", scheme: "bearer" },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs", uiConfig: { url: "/v1/openapi.json" } });

  await app.register(healthRoutes, { db: deps.db });
  app.get("/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (v1) => {
      applyChannelAuth(v1, { db: deps.db, channels: deps.channels, now });
      applyChannelRateLimit(v1, { buckets: new RateBuckets(deps.db), now });
      // Weak ETags over the serialised body: an unchanged catalogue answers 304 to If-None-Match.
      await v1.register(etag, { weak: true });
      const reads = new CatalogReads(deps.db);
      const clock = deps.catalog.clock;
      await v1.register(cityRoutes, { reads });
      await v1.register(cinemaRoutes, { reads, catalog: deps.catalog });
      await v1.register(filmRoutes, { reads, clock });
      await v1.register(showtimeRoutes, { reads, clock });
      await v1.register(seatRoutes, { reads, catalog: deps.catalog });
      await v1.register(orderRoutes, { orders: deps.orders });
    },
    { prefix: "/v1" },
  );

  const consoleServices = createConsoleServices(deps.db, deps.audit, now);
  await registerConsolePublic(app, consoleServices);
  await app.register(
    async (admin) => {
      applyAdminAuth(admin, { adminToken: deps.adminToken, sessions: consoleServices.sessions });
      // Before any admin route is declared: it wraps every route registered after it.
      auditAdminRoutes(admin, deps.audit);
      await registerConsoleAdmin(admin, consoleServices);
      await admin.register(adminChannelRoutes, { channels: deps.channels, db: deps.db });
      await admin.register(adminVendorAccountRoutes, { catalog: deps.catalog });
      await admin.register(adminCinemaRoutes, { catalog: deps.catalog });
      const routeDeps: AdminRouteDeps = {
        db: deps.db,
        catalog: deps.catalog,
        orders: deps.orders,
        channels: deps.channels,
        audit: deps.audit,
      };
      await admin.register(adminCinemaSeatRuleRoutes, routeDeps);
      await admin.register(adminOperationsRoutes, routeDeps);
      await admin.register(adminOrderRoutes, routeDeps);
    },
    { prefix: "/admin" },
  );

  return app;
}
