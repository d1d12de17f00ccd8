import { randomUUID } from "node:crypto";
import etag from "@fastify/etag";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import type { Registry } from "prom-client";
import { BuyerSites } from "../buyer-site/sites.js";
import type { WechatOAuthEndpoints } from "../buyer-site/wechat-oauth.js";
import { CatalogReads } from "../catalog/read-queries.js";
import type { CatalogServices } from "../catalog/services.js";
import type { ChannelStore } from "../channels/channels.js";
import { RateBuckets } from "../channels/rate-buckets.js";
import type { Db } from "../db/database.js";
import { createMemberCardServices } from "../members/services.js";
import type { OrderService } from "../orders/order-service.js";
import type { PaidOrders } from "../payments/paid-orders.js";
import { Reconciler } from "../payments/reconcile/reconciler.js";
import type { AuditLog } from "../security/audit.js";
import type { SecretBox } from "../security/secret-box.js";
import type { VoucherService } from "../vouchers/voucher-service.js";
import { createConsoleServices, registerConsoleAdmin, registerConsolePublic } from "./console.js";
import { registerDomainMetrics } from "./domain-metrics.js";
import { loggerOptions } from "./logger.js";
import { applyAdminAuth } from "./plugins/admin-auth.js";
import { auditAdminRoutes } from "./plugins/audited-routes.js";
import { applyChannelAuth } from "./plugins/channel-auth.js";
import { applyChannelRateLimit } from "./plugins/channel-rate-limit.js";
import { registerErrorHandling } from "./plugins/errors.js";
import { onClientError, onFrameworkError } from "./plugins/framework-errors.js";
import { registerMetrics } from "./plugins/metrics.js";
import { acceptOnlyJsonBodies, registerRawJsonBody } from "./plugins/raw-json-body.js";
import { registerValidation } from "./plugins/validation.js";
import { ProblemSchema } from "./problem.js";
import { adminBuyerSiteRoutes } from "./routes/admin/buyer-site.js";
import { adminChannelRoutes } from "./routes/admin/channels.js";
import { adminCinemaSeatRuleRoutes } from "./routes/admin/cinema-seat-rules.js";
import { adminCinemaSettingsRoutes } from "./routes/admin/cinema-settings.js";
import { adminCinemaRoutes } from "./routes/admin/cinemas.js";
import type { AdminRouteDeps } from "./routes/admin/deps.js";
import { adminMemberCardRoutes } from "./routes/admin/member-cards.js";
import { adminOperationsRoutes } from "./routes/admin/operations.js";
import { adminOrderRoutes } from "./routes/admin/orders.js";
import { adminPaymentConfigRoutes } from "./routes/admin/payment-config.js";
import { adminPaymentReconciliationRoutes } from "./routes/admin/payment-reconciliations.js";
import { adminPaymentRoutes } from "./routes/admin/payments.js";
import { adminPricingRuleRoutes } from "./routes/admin/pricing-rules.js";
import { adminVendorAccountRoutes } from "./routes/admin/vendor-accounts.js";
import { adminVendorDirectoryRoutes } from "./routes/admin/vendor-directory.js";
import { buyerApiRoutes } from "./routes/h5/buyer-api.js";
import { siteWebRoutes } from "./routes/h5/site-web.js";
import { healthRoutes } from "./routes/health.js";
import { paymentNotifyRoutes } from "./routes/payment-notify.js";
import { cinemaRoutes } from "./routes/v1/cinemas.js";
import { cityRoutes } from "./routes/v1/cities.js";
import { filmRoutes } from "./routes/v1/films.js";
import { memberCardRoutes } from "./routes/v1/member-cards.js";
import { memberPriceRoutes } from "./routes/v1/member-prices.js";
import { orderRoutes } from "./routes/v1/orders.js";
import { seatRoutes } from "./routes/v1/seats.js";
import { showtimeRoutes } from "./routes/v1/showtimes.js";
import { voucherRoutes } from "./routes/v1/vouchers.js";

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
  /**
   * Which proxies' X-Forwarded-For/-Proto to believe (TRUST_PROXY). Behind a TLS-terminating proxy
   * this is what makes the console cookie `Secure` and the login limiter see the client's address.
   */
  trustProxy?: boolean | string[];
  /** Slow clients are cut off: whole request, and headers alone (REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS). */
  timeouts?: { requestMs: number; headersMs: number };
  /** Seals each cinema's payment secrets (the payment-config routes). */
  secretBox: SecretBox;
  /** The real WeChat Pay API root for cinemas that name no `apiBaseUrl` (CINEGATE_WECHATPAY_BASE_URL). */
  wechatPayBaseUrl?: string;
  /** The buyer site's payments: their providers' notify routes are served when present. */
  payments?: PaidOrders;
  /** Payment reconciliation (the daily job's, shared); built from the deps above when absent. */
  reconciler?: Reconciler;
  /** Electronic exchange vouchers (the /v1/voucher-* routes are served when present). */
  vouchers?: VoucherService;
  /** The buyer site's WeChat: OAuth endpoints (none: buyers cannot sign in) and, in the demo, the simulated pay sheet. */
  buyerSite?: { wechatOAuth?: WechatOAuthEndpoints; simulatedWechatUrl?: string };
}

declare module "fastify" {
  interface FastifyInstance {
    /** This app's Prometheus registry, served by http/metrics-listener.ts off the API port. */
    metricsRegistry: Registry;
  }
}

/** The default timeouts: a dripped body or header is cut off, a slow but honest upload is not. */
export const DEFAULT_TIMEOUTS = { requestMs: 30_000, headersMs: 10_000 };

/** The /docs page's policy: its own scripts and styles only (the bundle needs inline styles), no framing. */
const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; " +
  "img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "connect-src 'self'";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the HTTP application: public API under /v1, admin API under /admin, health, metrics, docs. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const now = deps.now ?? Date.now;
  const timeouts = deps.timeouts ?? DEFAULT_TIMEOUTS;
  const app = Fastify({
    trustProxy: deps.trustProxy ?? false,
    requestTimeout: timeouts.requestMs,
    // Node checks these timeouts on an interval (30 s by default), which would let a drip run
    // that much past its limit; check often enough for the limit to mean what it says.
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(timeouts.headersMs / 2)),
    },
    logger: deps.logStream
      ? { ...loggerOptions(deps.logLevel ?? "info"), stream: deps.logStream }
      : loggerOptions(deps.logLevel ?? "info"),
    bodyLimit: deps.bodyLimit ?? 262_144,
    // Errors raised before a route is found, or by Node's HTTP parser, answer in the contract too.
    frameworkErrors: onFrameworkError,
    clientErrorHandler: onClientError,
    // A caller's X-Request-Id is kept when sane, so a channel can correlate its logs with ours.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
    // Nothing we serve is meant to be content-sniffed (JSON, problem+json, the docs' scripts).
    reply.header("x-content-type-options", "nosniff");
    if (req.url === "/docs" || req.url.startsWith("/docs/")) reply.header("content-security-policy", DOCS_CSP);
  });
  app.addSchema(ProblemSchema);
  registerErrorHandling(app);
  registerRawJsonBody(app);
  registerValidation(app);
  const metrics = registerMetrics(app);
  app.decorate("metricsRegistry", metrics);
  const stopDomainMetrics = registerDomainMetrics(metrics, deps.catalog);
  app.addHook("onClose", async () => stopDomainMetrics());

  await app.register(swagger, {
    // Shared schemas keep their $id as their component name ("Problem"), which the generated
    // console types (web/src/api/*.gen.ts) refer to, rather than a positional "def-0".
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
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
  if (deps.payments) await app.register(paymentNotifyRoutes, { payments: deps.payments });
  app.get("/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (v1) => {
      acceptOnlyJsonBodies(v1);
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
      await v1.register(memberPriceRoutes, { deps: deps.orders.deps });
      if (deps.vouchers) await v1.register(voucherRoutes, { vouchers: deps.vouchers });
      await v1.register(memberCardRoutes, createMemberCardServices(deps.db, deps.catalog));
    },
    { prefix: "/v1" },
  );

  const consoleServices = createConsoleServices(deps.db, deps.audit, now);
  await registerConsolePublic(app, consoleServices);
  // The buyer site (微官网): its pages and its JSON API (after the cookie parser above).
  await app.register(siteWebRoutes, { sites: new BuyerSites(deps.db, deps.channels) });
  await app.register(buyerApiRoutes, {
    prefix: "/h5/api/:slug",
    db: deps.db,
    channels: deps.channels,
    catalog: deps.catalog,
    orders: deps.orders,
    box: deps.secretBox,
    now: () => deps.catalog.clock.now(),
    wechat: deps.buyerSite ?? {},
  });
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
      await admin.register(adminCinemaSettingsRoutes, routeDeps);
      await admin.register(adminBuyerSiteRoutes, routeDeps);
      await admin.register(adminPaymentConfigRoutes, {
        ...routeDeps,
        box: deps.secretBox,
        ...(deps.wechatPayBaseUrl ? { wechatPayBaseUrl: deps.wechatPayBaseUrl } : {}),
      });
      await admin.register(adminPaymentReconciliationRoutes, {
        ...routeDeps,
        reconciler:
          deps.reconciler ??
          new Reconciler({
            db: deps.db,
            clock: deps.catalog.clock,
            settings: deps.catalog.settings,
            box: deps.secretBox,
            ...(deps.wechatPayBaseUrl ? { wechatPayBaseUrl: deps.wechatPayBaseUrl } : {}),
          }),
      });
      await admin.register(adminPaymentRoutes, routeDeps);
      await admin.register(adminOperationsRoutes, routeDeps);
      await admin.register(adminOrderRoutes, routeDeps);
      await admin.register(adminPricingRuleRoutes, routeDeps);
      await admin.register(adminVendorDirectoryRoutes, routeDeps);
      await admin.register(adminMemberCardRoutes, routeDeps);
    },
    { prefix: "/admin" },
  );

  return app;
}
