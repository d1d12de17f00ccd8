import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { BuyerOrders } from "../../../buyer-site/buyer-orders.js";
import {
  BUYER_COOKIE,
  BUYER_SESSION_TTL_MS,
  type BuyerSession,
  BuyerSessions,
} from "../../../buyer-site/buyer-sessions.js";
import { type BuyerSite, BuyerSites, siteChannelCode, sitePath } from "../../../buyer-site/sites.js";
import { authorizeUrl, exchangeCode, oauthAppOf, type WechatOAuthEndpoints } from "../../../buyer-site/wechat-oauth.js";
import { CatalogReads } from "../../../catalog/read-queries.js";
import type { CatalogServices } from "../../../catalog/services.js";
import type { ChannelStore } from "../../../channels/channels.js";
import type { Db } from "../../../db/database.js";
import type { OrderService } from "../../../orders/order-service.js";
import type { SecretBox } from "../../../security/secret-box.js";
import { acceptOnlyJsonBodies } from "../../plugins/raw-json-body.js";
import { ApiError } from "../../problem.js";
import { cinemaRoutes } from "../v1/cinemas.js";
import { filmRoutes } from "../v1/films.js";
import { seatRoutes } from "../v1/seats.js";
import { showtimeRoutes } from "../v1/showtimes.js";

export interface BuyerApiDeps {
  db: Db;
  channels: ChannelStore;
  catalog: CatalogServices;
  orders: OrderService;
  box: SecretBox;
  now: () => number;
  /** Read on each request (tests fill it in once their simulated WeChat listens). */
  wechat: {
    /** WeChat's OAuth (the simulated WeChat in the demo); absent: buyers cannot sign in. */
    wechatOAuth?: WechatOAuthEndpoints;
    /** The simulated WeChat's pay sheet (demo only): where a page outside WeChat "pays". */
    simulatedWechatUrl?: string;
  };
}

declare module "fastify" {
  interface FastifyRequest {
    buyerSite?: BuyerSite;
  }
}

const SlugParams = Type.Object({ slug: Type.String({ pattern: "^[a-z0-9][a-z0-9-]{1,39}$" }) });
const IdParams = Type.Object({ slug: SlugParams.properties.slug, id: Type.String({ minLength: 1, maxLength: 64 }) });
const CreateBody = Type.Object(
  {
    showtimeId: Type.String({ minLength: 1, maxLength: 64 }),
    seatIds: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { minItems: 1, maxItems: 20 }),
    mobile: Type.String({ pattern: "^1[3-9]\\d{9}$" }),
  },
  { additionalProperties: false },
);
const KeyHeaders = Type.Object({ "idempotency-key": Type.String({ pattern: "^[A-Za-z0-9_-]{8,40}$" }) });
/** Only a path on this site may be returned to after WeChat (never another origin: no open redirect). */
const RETURN_PATH = /^\/h5\/[a-z0-9][a-z0-9-]{1,39}\/[A-Za-z0-9/_?=&.-]{0,300}$/;

/**
 * The buyer site's JSON API under /h5/api/{slug}/ (issue 17). Hidden from the channel API's
 * OpenAPI document: it is the site's own back end, not a contract for partners. The catalogue
 * reads are the channel API's own routes, run as the site's built-in channel; the rest is the
 * buyer's WeChat sign-in and their orders.
 */
export async function buyerApiRoutes(app: FastifyInstance, deps: BuyerApiDeps): Promise<void> {
  const sites = new BuyerSites(deps.db, deps.channels);
  const sessions = new BuyerSessions(deps.db, deps.box, deps.now);
  const buyerOrders = new BuyerOrders(deps.orders);

  app.addHook("onRoute", (route) => {
    route.schema = { ...(route.schema ?? {}), hide: true };
  });
  acceptOnlyJsonBodies(app);
  // Every route here belongs to one enabled site; the catalogue routes read as its channel.
  app.addHook("preHandler", async (req) => {
    const slug = (req.params as { slug?: string }).slug ?? "";
    const site = await sites.enabledBySlug(slug);
    if (!site) throw new ApiError("NOT_FOUND", `no buyer site ${slug}`);
    const channel = await deps.channels.findByCode(siteChannelCode(site.cinemaId), deps.now());
    if (!channel) throw new ApiError("NOT_FOUND", `no buyer site ${slug}`);
    req.buyerSite = site;
    req.channel = channel;
  });

  const buyerOf = async (req: FastifyRequest): Promise<BuyerSession> => {
    const buyer = await sessions.lookup(req.buyerSite!.cinemaId, req.cookies[BUYER_COOKIE]);
    if (!buyer)
      throw new ApiError("UNAUTHENTICATED", "请在微信中打开并授权 / open in WeChat and sign in", {
        reason: "wechat_login_required",
      });
    return buyer;
  };
  const cookiePath = (slug: string) => `/h5/api/${slug}`;

  app.get("/site", { schema: { params: SlugParams } }, async (req) => {
    const site = req.buyerSite!;
    const cinema = await deps.db
      .selectFrom("cinemas")
      .select(["id", "name", "address", "phone", "forbid_single_gap", "refund_before_minutes"])
      .where("id", "=", site.cinemaId)
      .executeTakeFirstOrThrow();
    const buyer = await sessions.lookup(site.cinemaId, req.cookies[BUYER_COOKIE]);
    return {
      cinemaId: cinema.id,
      name: site.name,
      cinemaName: cinema.name,
      address: cinema.address,
      phone: cinema.phone,
      logoUrl: site.logoUrl,
      themeColor: site.themeColor,
      notice: site.notice,
      forbidSingleGap: cinema.forbid_single_gap,
      refundBeforeMinutes: cinema.refund_before_minutes,
      signedIn: buyer !== undefined,
      wechatLogin: deps.wechat.wechatOAuth !== undefined,
      // Where a page outside WeChat pays in the demo; absent in production (the page says "open in WeChat").
      simulatedWechatUrl: deps.wechat.simulatedWechatUrl ?? null,
      // Member cards (bind, card price, pay by card) come with the member-card work; off until then.
      features: { memberCard: false },
    };
  });

  // WeChat OAuth snsapi_base: a random single-use state, the one-time code traded for the openid.
  app.get(
    "/oauth/start",
    {
      schema: {
        params: SlugParams,
        querystring: Type.Object({ return: Type.Optional(Type.String({ maxLength: 400 })) }),
      },
    },
    async (req, reply) => {
      const site = req.buyerSite!;
      if (!deps.wechat.wechatOAuth)
        throw new ApiError("CONFLICT", "微信授权未配置 / WeChat sign-in is not configured", {
          reason: "oauth_unavailable",
        });
      const app_ = await oauthAppOf(deps.catalog.settings, deps.box, site.cinemaId);
      if (!app_.ok)
        throw new ApiError("CONFLICT", `微信授权不可用 / WeChat sign-in unavailable: ${app_.reason}`, {
          reason: "oauth_unavailable",
        });
      const wanted = (req.query as { return?: string }).return;
      const back =
        wanted && RETURN_PATH.test(wanted) && wanted.startsWith(sitePath(site.slug)) ? wanted : sitePath(site.slug);
      const state = await sessions.newState(site.cinemaId, back);
      const callback = `${req.protocol}://${req.host}/h5/api/${site.slug}/oauth/callback`;
      return reply.redirect(authorizeUrl(deps.wechat.wechatOAuth, app_.appId, callback, state));
    },
  );

  app.get(
    "/oauth/callback",
    {
      schema: {
        params: SlugParams,
        querystring: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 128 }),
          state: Type.String({ minLength: 1, maxLength: 128 }),
        }),
      },
    },
    async (req, reply) => {
      const site = req.buyerSite!;
      const { code, state } = req.query as { code: string; state: string };
      const back = await sessions.takeState(site.cinemaId, state);
      if (!back)
        throw new ApiError(
          "UNAUTHENTICATED",
          "授权已失效，请重新进入 / sign-in expired or forged; open the site again",
          { reason: "oauth_state_invalid" },
        );
      const app_ = await oauthAppOf(deps.catalog.settings, deps.box, site.cinemaId);
      if (!app_.ok || !deps.wechat.wechatOAuth)
        throw new ApiError("CONFLICT", "微信授权不可用 / WeChat sign-in unavailable", { reason: "oauth_unavailable" });
      const exchanged = await exchangeCode(deps.wechat.wechatOAuth, app_, code);
      if (!exchanged.ok) {
        req.log.warn({ errcode: exchanged.errcode, reason: exchanged.message }, "WeChat OAuth code refused");
        throw new ApiError("UNAUTHENTICATED", "微信授权失败，请重新进入 / WeChat sign-in failed; open the site again", {
          reason: "oauth_code_invalid",
          errcode: exchanged.errcode,
        });
      }
      const token = await sessions.create(site.cinemaId, exchanged.openid);
      reply.setCookie(BUYER_COOKIE, sessions.cookieValue(token), {
        path: cookiePath(site.slug),
        httpOnly: true,
        sameSite: "lax",
        secure: "auto",
        maxAge: BUYER_SESSION_TTL_MS / 1000,
      });
      return reply.redirect(back);
    },
  );

  // The catalogue, exactly as the channel API serves it, read as the site's channel.
  const reads = new CatalogReads(deps.db);
  await app.register(cinemaRoutes, { reads, catalog: deps.catalog });
  await app.register(filmRoutes, { reads, clock: deps.catalog.clock });
  await app.register(showtimeRoutes, { reads, clock: deps.catalog.clock });
  await app.register(seatRoutes, { reads, catalog: deps.catalog });

  app.post("/orders", { schema: { params: SlugParams, headers: KeyHeaders, body: CreateBody } }, async (req, reply) => {
    const buyer = await buyerOf(req);
    const key = req.headers["idempotency-key"] as string;
    const res = await buyerOrders.create(req.buyerSite!, buyer, key, req.body as typeof CreateBody.static);
    return reply.code(res.statusCode).send(res.body);
  });

  app.get("/orders", { schema: { params: SlugParams } }, async (req) =>
    buyerOrders.mine(req.buyerSite!, await buyerOf(req)),
  );

  app.get("/orders/:id", { schema: { params: IdParams } }, async (req) => {
    const buyer = await buyerOf(req);
    return buyerOrders.view(await buyerOrders.owned(req.buyerSite!, buyer, (req.params as { id: string }).id));
  });

  app.post("/orders/:id/pay", { schema: { params: IdParams } }, async (req) => {
    const buyer = await buyerOf(req);
    return buyerOrders.pay(req.buyerSite!, buyer, (req.params as { id: string }).id, req.ip);
  });

  app.post("/orders/:id/refund", { schema: { params: IdParams } }, async (req) => {
    const buyer = await buyerOf(req);
    return buyerOrders.refund(req.buyerSite!, buyer, (req.params as { id: string }).id);
  });
}
