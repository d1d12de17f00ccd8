import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type ProblemCode, problemStatus } from "../../src/http/problem.js";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { encodeComponent, hostileBody, hostileHeader, hostileString } from "../support/hostile-arbitraries.js";
import { sharedTestApp } from "../support/shared-app.js";

// Issue 21, "Must show": for every /v1 and /admin route of the OpenAPI document, hostile ids,
// queries, headers and bodies never produce a 5xx, and every refusal is problem+json with a code
// of the contract at that code's status. Bounded: RUNS_PER_ROUTE requests per route.

const RUNS_PER_ROUTE = 24;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

interface Parameter {
  in: "path" | "query" | "header";
  name: string;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  // biome-ignore lint/suspicious/noExplicitAny: an OpenAPI schema, read by the generators
  bodySchema?: any;
}

interface Sent {
  pathWithQuery: string;
  headers: Record<string, string>;
  body?: string;
}

let operations: Operation[];

const t = sharedTestApp();
beforeAll(async () => {
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document as served
  const doc = t.app.swagger() as any;
  operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .filter(([path]) => path.startsWith("/v1/") || path.startsWith("/admin/"))
    .flatMap(([path, ops]) =>
      METHODS.filter((m) => ops[m]).map((m) => {
        // biome-ignore lint/suspicious/noExplicitAny: an OpenAPI operation object
        const op = ops[m] as any;
        return {
          method: m.toUpperCase(),
          path,
          parameters: (op.parameters ?? []) as Parameter[],
          bodySchema: op.requestBody?.content?.["application/json"]?.schema,
        };
      }),
    );
});

/** One hostile request for `op`: every path parameter, some query parameters and headers, maybe a body. */
function requestFor(op: Operation): fc.Arbitrary<Sent> {
  const pathParams = op.parameters.filter((p) => p.in === "path");
  const queryNames = op.parameters.filter((p) => p.in === "query").map((p) => p.name);
  const headerNames = op.parameters.filter((p) => p.in === "header").map((p) => p.name);
  const hasBody = op.method !== "GET";
  return fc
    .record({
      ids: fc.tuple(...pathParams.map(() => hostileString)),
      query: fc.array(fc.tuple(fc.constantFrom(...queryNames, "page", "unknown"), hostileString), { maxLength: 3 }),
      headers: fc.tuple(...headerNames.map(() => fc.option(hostileHeader, { nil: undefined }))),
      body: hasBody ? hostileBody(op.bodySchema) : fc.constant(undefined),
      contentType: fc.constantFrom("application/json", "application/json", "application/json", "text/plain", undefined),
    })
    .map(({ ids, query, headers, body, contentType }) => {
      let path = op.path;
      pathParams.forEach((p, i) => {
        path = path.replace(`{${p.name}}`, encodeComponent(ids[i] as string));
      });
      const qs = query.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join("&");
      const sent: Sent = { pathWithQuery: qs ? `${path}?${qs}` : path, headers: {}, body };
      headerNames.forEach((name, i) => {
        if (headers[i] !== undefined) sent.headers[name] = headers[i] as string;
      });
      if (body !== undefined && contentType) sent.headers["content-type"] = contentType;
      return sent;
    });
}

async function send(op: Operation, req: Sent) {
  const auth = op.path.startsWith("/v1/")
    ? t.client.signHeaders(op.method, req.pathWithQuery, req.body ?? "")
    : { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const res = await fetch(`${t.baseUrl}${req.pathWithQuery}`, {
    method: op.method,
    headers: { ...auth, ...req.headers },
    body: req.body,
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", text };
}

describe("hostile requests to every /v1 and /admin route", () => {
  it("the OpenAPI document lists both scopes' routes", () => {
    expect(operations.filter((o) => o.path.startsWith("/v1/")).length).toBeGreaterThanOrEqual(11);
    expect(operations.filter((o) => o.path.startsWith("/admin/")).length).toBeGreaterThanOrEqual(30);
  });

  it("never answer 5xx, and refuse only with problem+json carrying a contract code at its status", async () => {
    const statuses = new Map<number, number>();
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(op), async (req) => {
          const res = await send(op, req);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const where = `${op.method} ${req.pathWithQuery} → ${res.status} ${res.text.slice(0, 300)}`;
          expect(res.status, where).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.type, where).toContain("application/problem+json");
            const problem = JSON.parse(res.text) as { code: ProblemCode; status: number; requestId: unknown };
            expect(Object.keys(problemStatus), where).toContain(problem.code);
            expect(problem.status, where).toBe(res.status);
            expect(problemStatus[problem.code], where).toBe(res.status);
            expect(problem.requestId, where).toEqual(expect.any(String));
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
    // The generators must reach past authentication into validation and the handlers.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(operations.length * 5);
  }, 180_000);
});
