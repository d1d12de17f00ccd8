import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, createConsoleUser, login } from "../support/console.js";
import { sharedTestApp } from "../support/shared-app.js";

/**
 * Every route under /admin, read from the running app's own route table (Fastify's printRoutes),
 * so a route added tomorrow is covered without touching this file. Each must reject a call without
 * credentials (401) and, when it changes something, a console session without the CSRF header (403).
 */

/** The /admin routes deliberately outside the authenticated scope: how a session begins. */
const PUBLIC_ADMIN_ROUTES = ["POST /admin/login"];
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Parses printRoutes' tree ("├── /admin/orders (GET, HEAD)" / "│   └── /:id (GET, HEAD)") into "METHOD /full/path". */
function routesFromTree(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split("\n")) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? "") + m[2]!;
    stack[depth] = path;
    for (const method of (m[3] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean))
      out.push(`${method} ${path}`);
  }
  return out;
}

let routes: string[];
const t = sharedTestApp();
beforeAll(async () => {
  await createConsoleUser(t, "alice", "admin");
  routes = routesFromTree(t.app.printRoutes({ commonPrefix: false }))
    .filter((r) => r.split(" ")[1]!.startsWith("/admin/"))
    .filter((r) => !r.startsWith("HEAD ") && !r.startsWith("OPTIONS "));
});
afterAll(() => t?.close());

/** A concrete URL for a route pattern: every :param becomes a plausible id. */
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, "x1");

describe("every /admin route", () => {
  it("the route table parses, and includes the console's order, channel and user routes", () => {
    expect(routes).toEqual(
      expect.arrayContaining([
        "GET /admin/orders",
        "GET /admin/orders/:id",
        "POST /admin/orders/:id/refund",
        "POST /admin/orders/:id/resume",
        "POST /admin/orders/:id/resolve",
        "POST /admin/orders/:id/vendor-query",
        "GET /admin/channels",
        "POST /admin/channels",
        "PUT /admin/channels/:code/cinemas",
        "POST /admin/users",
        "GET /admin/me",
        "POST /admin/login",
      ]),
    );
    expect(routes.length).toBeGreaterThan(20);
  });

  it("rejects a call without credentials with 401 (except the login itself)", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (PUBLIC_ADMIN_ROUTES.includes(route)) continue;
      const [method, path] = route.split(" ") as [string, string];
      const res = await call(t.baseUrl, method, concrete(path), SAFE.has(method) ? undefined : {});
      if (res.status !== 401 || res.body?.code !== "UNAUTHENTICATED") failures.push(`${route} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("rejects a wrong bearer token with 401", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (PUBLIC_ADMIN_ROUTES.includes(route)) continue;
      const [method, path] = route.split(" ") as [string, string];
      const res = await call(t.baseUrl, method, concrete(path), SAFE.has(method) ? undefined : {}, {
        authorization: "Bearer not-the-token",
      });
      if (res.status !== 401) failures.push(`${route} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("rejects every mutating call of a logged-in admin without the CSRF header with 403", async () => {
    const session = await login(t.baseUrl, "alice", "pw-alice-0123456789");
    const mutating = routes.filter((r) => !SAFE.has(r.split(" ")[0]!) && !PUBLIC_ADMIN_ROUTES.includes(r));
    expect(mutating.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of mutating) {
      const [method, path] = route.split(" ") as [string, string];
      const res = await session.request(method, concrete(path), {}, { csrf: false });
      if (res.status !== 403 || res.body?.code !== "FORBIDDEN") failures.push(`${route} → ${res.status}`);
    }
    expect(failures).toEqual([]);
    // The session itself still works: the 403s were about the header, not a dead session.
    expect((await session.request("GET", "/admin/me")).status).toBe(200);
  });
});
