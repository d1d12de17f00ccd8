import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { REPO_ROOT } from "../../config/repo-root.js";
import { problemBody } from "../problem.js";

/** Where `npm run build:web` puts the console (web/dist), from the source tree or from dist/. */
export const CONSOLE_DIST = path.join(REPO_ROOT, "web", "dist");

// antd styles itself with inline <style> tags, hence 'unsafe-inline' for styles only; no inline scripts.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * The operations console at /console: the built single-page app. Hashed files under assets/ are cached
 * for a year; index.html is revalidated every time so a deploy is picked up at once. Any other
 * /console/* path gets index.html, because the app's router owns those URLs (a reload on
 * /console/users must not 404).
 */
export async function consoleWebRoutes(app: FastifyInstance, opts: { root?: string } = {}): Promise<void> {
  const root = opts.root ?? CONSOLE_DIST;
  app.get("/console", { schema: { hide: true } }, async (_req, reply) => reply.redirect("/console/"));

  if (!existsSync(path.join(root, "index.html"))) {
    const notBuilt = async (req: FastifyRequest, reply: FastifyReply) => {
      const body = problemBody(
        "NOT_FOUND",
        req.id,
        "the console is not built: run `npm run build:web` (npm start does it)",
      );
      return reply.code(404).type("application/problem+json").send(body);
    };
    app.get("/console/*", { schema: { hide: true } }, notBuilt);
    return;
  }

  await app.register(
    async (scope) => {
      scope.addHook("onSend", async (_req, reply) => {
        reply.header("content-security-policy", CSP);
        reply.header("x-content-type-options", "nosniff");
      });
      await scope.register(fastifyStatic, {
        root,
        prefix: "/",
        index: false,
        cacheControl: false,
        setHeaders: (res, file) => {
          const immutable = file.includes(`${path.sep}assets${path.sep}`);
          res.setHeader("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
        },
      });
      // The directory itself: @fastify/static refuses directory listings (index: false), so answer it here.
      scope.get("/", { schema: { hide: true }, prefixTrailingSlash: "slash" }, async (_req, reply) =>
        reply.header("cache-control", "no-cache").sendFile("index.html"),
      );
      scope.setNotFoundHandler(async (req, reply) => {
        // A missing file (an old asset hash, a typo) is a real 404, not the app's HTML.
        const pathname = req.url.split("?")[0] ?? "";
        if ((req.method !== "GET" && req.method !== "HEAD") || /\.[A-Za-z0-9]+$/.test(pathname)) {
          const body = problemBody("NOT_FOUND", req.id, `no route for ${req.method} ${pathname}`);
          return reply.code(404).type("application/problem+json").send(body);
        }
        return reply.header("cache-control", "no-cache").sendFile("index.html");
      });
    },
    { prefix: "/console" },
  );
}
