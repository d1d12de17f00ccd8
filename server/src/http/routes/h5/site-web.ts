import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { BuyerSites } from "../../../buyer-site/sites.js";
import { REPO_ROOT } from "../../../config/repo-root.js";
import { problemBody } from "../../problem.js";

/** Where `npm run build:web` puts the buyer site (web/dist-h5: its own vite entry, not the console's bundle). */
export const SITE_DIST = path.join(REPO_ROOT, "web", "dist-h5");

// antd-mobile sets inline styles; posters come from the vendors' image hosts; nothing else leaves the origin.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src * data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) });

/**
 * The buyer site's pages at /h5/{slug}/…: one built single-page app for every cinema (it reads the
 * slug from its URL and the site's looks from the API). Hashed assets under /h5/assets/ are cached
 * for a year; the HTML is revalidated so a deploy shows at once. An unknown or disabled site is 404.
 */
export async function siteWebRoutes(app: FastifyInstance, opts: { sites: BuyerSites; root?: string }) {
  const root = opts.root ?? SITE_DIST;
  const built = existsSync(path.join(root, "index.html"));
  const notFound = (reply: FastifyReply, id: string, detail: string) =>
    reply
      .code(404)
      .type("application/problem+json")
      .send(problemBody("NOT_FOUND", id, detail));

  if (built) {
    await app.register(fastifyStatic, {
      root: path.join(root, "assets"),
      prefix: "/h5/assets/",
      index: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader("cache-control", "public, max-age=31536000, immutable"),
    });
  }

  const page = async (req: { params: unknown; id: string }, reply: FastifyReply) => {
    const { slug } = req.params as { slug: string };
    if (!(await opts.sites.enabledBySlug(slug))) return notFound(reply, req.id, `no buyer site ${slug}`);
    if (!built)
      return notFound(reply, req.id, "the buyer site is not built: run `npm run build:web` (npm start does it)");
    reply.header("content-security-policy", CSP).header("cache-control", "no-cache");
    return reply.sendFile("index.html", root);
  };
  // A cinema's own host name (its 公众号 menu may point at it): the root opens that cinema's site.
  app.get("/", { schema: { hide: true } }, async (req, reply) => {
    const slug = await opts.sites.slugOfHost(req.hostname);
    if (!slug) return notFound(reply, req.id, "no page here: the console is at /console/, the API at /v1/");
    return reply.redirect(`/h5/${slug}/`);
  });
  app.get("/h5/:slug", { schema: { hide: true, params: SlugParams } }, async (req, reply) =>
    reply.redirect(`/h5/${(req.params as { slug: string }).slug}/`),
  );
  app.get("/h5/:slug/", { schema: { hide: true, params: SlugParams } }, page);
  app.get(
    "/h5/:slug/*",
    { schema: { hide: true, params: Type.Object({ slug: Type.String({ maxLength: 64 }), "*": Type.String() }) } },
    page,
  );
}
