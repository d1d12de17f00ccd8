import { describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { sharedTestApp } from "../support/shared-app.js";

// Issue 21 item 2: NUL bytes, lone surrogates and leap seconds reached PostgreSQL (500s on 8 /v1
// and 12 /admin routes). The one rule in plugins/validation.ts answers 400 naming the field.

const t = sharedTestApp();

interface Answer {
  status: number;
  type: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: problem bodies are inspected field by field
  body: any;
}

/** A signed /v1 request with the body sent exactly as given (JSON.stringify cannot write a lone surrogate escape). */
async function v1(method: string, path: string, rawBody?: string, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, t.baseUrl), {
    method,
    headers: {
      ...t.client.signHeaders(method, path, rawBody ?? ""),
      ...(rawBody === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: rawBody,
  });
  return { status: res.status, type: res.headers.get("content-type"), body: await res.json() } as Answer;
}

async function admin(method: string, path: string, rawBody?: string, auth = true) {
  const res = await fetch(new URL(path, t.baseUrl), {
    method,
    headers: {
      ...(auth ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } : {}),
      ...(rawBody === undefined ? {} : { "content-type": "application/json" }),
    },
    body: rawBody,
  });
  return { status: res.status, type: res.headers.get("content-type"), body: await res.json() } as Answer;
}

function expectFieldRefused(res: Answer, path: string, why: RegExp) {
  expect(res.status).toBe(400);
  expect(res.type).toContain("application/problem+json");
  expect(res.body.code).toBe("VALIDATION_FAILED");
  expect(res.body.errors).toEqual([{ path, message: expect.stringMatching(why) }]);
}

const order = (showtimeId: string, seat = "s1") =>
  `{"showtimeId":"${showtimeId}","seatIds":["${seat}"],"mobile":"13800000000"}`;
const idem = { "idempotency-key": "hostile-text-key-1" };

describe("text PostgreSQL cannot store is refused at the edge, naming the field", () => {
  it("a NUL in an id, a query or a JSON body of /v1", async () => {
    expectFieldRefused(await v1("GET", "/v1/orders/ord_%00x"), "params/id", /NUL/);
    expectFieldRefused(await v1("GET", "/v1/cinemas/%00"), "params/id", /NUL/);
    expectFieldRefused(await v1("GET", "/v1/films?cinemaId=cin_%00"), "querystring/cinemaId", /NUL/);
    expectFieldRefused(await v1("POST", "/v1/orders", order("sho_\\u0000"), idem), "body/showtimeId", /NUL/);
    const confirm = '{"paidFen":100,"payment":{"method":"wechat","tradeNo":"t\\u0000"}}';
    expectFieldRefused(await v1("POST", "/v1/orders/ord_x/confirm", confirm, idem), "body/payment/tradeNo", /NUL/);
  });

  it("a lone surrogate in a JSON string or property name (JSON.parse accepts both)", async () => {
    expectFieldRefused(await v1("POST", "/v1/orders", order("sho_1", "\\ud800"), idem), "body/seatIds/0", /surrogate/);
    expectFieldRefused(await v1("POST", "/v1/orders", order("sho_1", "x\\udfff"), idem), "body/seatIds/0", /surrogate/);
    expectFieldRefused(
      await v1("POST", "/v1/orders/ord_x/refund", '{"reason":"ok","\\ud83c":1}', idem),
      "body/\ud83c",
      /surrogate/,
    );
    // A well-formed pair (an emoji) is ordinary text.
    const fine = await v1("POST", "/v1/orders/ord_x/refund", '{"reason":"\\ud83c\\udfac"}', idem);
    expect(fine.body.code).toBe("NOT_FOUND");
  });

  it("a leap second, which neither Date nor PostgreSQL can hold", async () => {
    for (const at of ["2016-12-31T23:59:60Z", "2017-01-01T07:59:60%2B08:00"]) {
      const res = await v1("GET", `/v1/orders?from=${at}`);
      expectFieldRefused(res, "querystring/from", /format "date-time"/);
    }
    expect((await v1("GET", "/v1/orders?from=2016-12-31T23:59:59Z")).status).toBe(200);
  });

  it("POST /admin/login with a NUL and no credentials: 400, and no error-level log line", async () => {
    const before = t.logs.length;
    const res = await admin("POST", "/admin/login", '{"username":"root\\u0000","password":"x"}', false);
    expectFieldRefused(res, "body/username", /NUL/);
    const errorLines = t.logs.slice(before).filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
    expect(errorLines).toEqual([]);
  });

  it("a NUL in an /admin id, query or body", async () => {
    expectFieldRefused(await admin("GET", "/admin/cinemas/cin_%00"), "params/id", /NUL/);
    expectFieldRefused(await admin("GET", "/admin/orders?q=%00"), "querystring/q", /NUL/);
    expectFieldRefused(await admin("POST", "/admin/channels", '{"code":"c\\u0000","name":"x"}'), "body/code", /NUL/);
  });
});
