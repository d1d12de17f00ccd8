import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { type BuyerSite, BuyerSites, HOST_PATTERN, SLUG_PATTERN, sitePath } from "../../../buyer-site/sites.js";
import { assertCinemaVisible } from "../../../ops/scope.js";
import { requireRole } from "../../plugins/admin-auth.js";
import { ApiError } from "../../problem.js";
import type { AdminRouteDeps } from "./deps.js";
import { AdminErrors, ConflictError } from "./responses/common.js";

/** Path segments under /h5/ that are the platform's own, never a slug. */
const RESERVED_SLUGS = new Set(["api", "assets"]);

export const BuyerSiteBody = Type.Object(
  {
    enabled: Type.Boolean(),
    slug: Type.String({ pattern: SLUG_PATTERN }),
    name: Type.String({ minLength: 1, maxLength: 40 }),
    logoUrl: Type.Union([Type.String({ pattern: "^(https?://|/)\\S{1,400}$" }), Type.Null()], { default: null }),
    themeColor: Type.String({ pattern: "^#[0-9a-fA-F]{6}$", default: "#e4393c" }),
    notice: Type.String({ maxLength: 500, default: "" }),
    hostName: Type.Union([Type.String({ pattern: HOST_PATTERN, maxLength: 253 }), Type.Null()], { default: null }),
  },
  { additionalProperties: false },
);

export const BuyerSiteAnswer = Type.Object({
  cinemaId: Type.String(),
  enabled: Type.Boolean(),
  slug: Type.String(),
  name: Type.String(),
  logoUrl: Type.Union([Type.String(), Type.Null()]),
  themeColor: Type.String(),
  notice: Type.String(),
  hostName: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
});

/** The site's address: its own host name when it has one, else /h5/{slug}/ on the platform's origin. */
export function siteUrl(req: FastifyRequest, site: Pick<BuyerSite, "slug" | "hostName">): string {
  return site.hostName ? `https://${site.hostName}/` : `${req.protocol}://${req.host}${sitePath(site.slug)}`;
}

const params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** GET/PUT /admin/cinemas/{id}/buyer-site: the cinema's buyer site (微官网) settings. */
export async function adminBuyerSiteRoutes(app: FastifyInstance, deps: AdminRouteDeps): Promise<void> {
  const sites = new BuyerSites(deps.db, deps.channels);
  const answer = (req: FastifyRequest, s: BuyerSite) => ({
    cinemaId: s.cinemaId,
    enabled: s.enabled,
    slug: s.slug,
    name: s.name,
    logoUrl: s.logoUrl,
    themeColor: s.themeColor,
    notice: s.notice,
    hostName: s.hostName,
    url: siteUrl(req, s),
  });

  app.get(
    "/cinemas/:id/buyer-site",
    { schema: { tags: ["admin"], params, response: { 200: BuyerSiteAnswer, ...AdminErrors } } },
    async (req) => {
      const { id } = req.params as { id: string };
      assertCinemaVisible(req.actor, id);
      const site = await sites.get(id);
      if (!site) throw new ApiError("NOT_FOUND", `cinema ${id} has no buyer site`);
      return answer(req, site);
    },
  );

  app.put(
    "/cinemas/:id/buyer-site",
    {
      preHandler: requireRole("admin", "support"),
      config: { audit: { action: "cinema.buyer_site", detail: (req) => req.body as Record<string, unknown> } },
      schema: {
        tags: ["admin"],
        params,
        body: BuyerSiteBody,
        response: { 200: BuyerSiteAnswer, ...AdminErrors, ...ConflictError },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const body = req.body as typeof BuyerSiteBody.static;
      if (RESERVED_SLUGS.has(body.slug)) {
        throw new ApiError("VALIDATION_FAILED", `slug ${body.slug} is reserved`, {
          errors: [{ path: "/slug", message: "reserved" }],
        });
      }
      return answer(req, await sites.put(id, body));
    },
  );
}
