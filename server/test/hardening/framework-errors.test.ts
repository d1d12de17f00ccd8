import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN } from "../support/app.js";
import { sharedTestApp } from "../support/shared-app.js";

// Issue 21 item 5: Fastify's and Node's own refusals (a URL that does not decode, an id over
// maxParamLength, headers over the limit) answered outside the contract; and item 7: a text/plain
// body on /v1 was parsed although the signature never covered it.

const t = sharedTestApp();

async function send(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const res = await fetch(new URL(path, t.baseUrl), { method, headers, body });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    requestId: res.headers.get("x-request-id"),
    // biome-ignore lint/suspicious/noExplicitAny: problem bodies are inspected field by field
    body: (await res.json()) as any,
  };
}

const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

function expectProblem(res: Awaited<ReturnType<typeof send>>, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.type).toContain("application/problem+json");
  expect(res.body).toMatchObject({ status, code, requestId: expect.any(String) });
}

describe("framework errors answer in the contract", () => {
  it("a path that is not percent-encoded UTF-8 (FST_ERR_BAD_URL) → 400 VALIDATION_FAILED", async () => {
    for (const path of ["/v1/orders/%E0%A4%A", "/v1/orders/%ED%A0%80", "/admin/orders/%FF"]) {
      const res = await send("GET", path, path.startsWith("/admin") ? bearer : t.client.signHeaders("GET", path, ""));
      expectProblem(res, 400, "VALIDATION_FAILED");
      expect(res.body.errors).toEqual([{ path: "url", message: expect.any(String) }]);
      expect(res.requestId).toBe(res.body.requestId);
    }
  });

  it("an id longer than any id we issue (FST_ERR_MAX_PARAM_LENGTH, was 414) → 404 NOT_FOUND", async () => {
    const long = "ord_".padEnd(150, "x");
    expectProblem(
      await send("GET", `/v1/orders/${long}`, t.client.signHeaders("GET", `/v1/orders/${long}`, "")),
      404,
      "NOT_FOUND",
    );
    expectProblem(await send("POST", `/admin/orders/${long}/resume`, bearer), 404, "NOT_FOUND");
  });

  it("headers over Node's size limit (was a bare 431) → 400 VALIDATION_FAILED problem+json", async () => {
    const res = await send("GET", "/v1/cities", { "x-padding": "a".repeat(20_000) });
    expectProblem(res, 400, "VALIDATION_FAILED");
    expect(res.body.errors[0].path).toBe("headers");
  });

  it("bytes that are not HTTP → 400 VALIDATION_FAILED problem+json", async () => {
    const { port } = new URL(t.baseUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      let text = "";
      socket.on("data", (d) => {
        text += d.toString();
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4))).toMatchObject({ code: "VALIDATION_FAILED" });
  });
});

describe("/v1 takes only JSON bodies (the signature covers the bytes of the JSON parser)", () => {
  const post = (body: string, contentType: string | undefined, signedBody: string) =>
    send(
      "POST",
      "/v1/orders/ord_x/cancel",
      {
        ...t.client.signHeaders("POST", "/v1/orders/ord_x/cancel", signedBody),
        ...(contentType ? { "content-type": contentType } : {}),
      },
      body,
    );

  it("refuses text/plain whether or not the signature covered the body", async () => {
    for (const signed of ["hello", ""]) {
      const res = await post("hello", "text/plain", signed);
      expectProblem(res, 400, "VALIDATION_FAILED");
      expect(res.body.errors).toEqual([{ path: "headers/content-type", message: expect.stringMatching(/json/) }]);
    }
  });

  it("refuses a body without a content type, and other types", async () => {
    for (const [body, type] of [
      ["hello", undefined],
      ["a=1", "application/x-www-form-urlencoded"],
      ['{"a":1}', "application/vnd.other+json"],
    ] as const) {
      const res = await post(body, type, body);
      expectProblem(res, 400, "VALIDATION_FAILED");
      expect(res.body.errors[0].path).toBe("headers/content-type");
    }
  });

  it("still takes JSON, and bodiless requests", async () => {
    expectProblem(await post("{}", "application/json; charset=utf-8", "{}"), 404, "NOT_FOUND");
    const bodiless = await send(
      "POST",
      "/v1/orders/ord_x/cancel",
      t.client.signHeaders("POST", "/v1/orders/ord_x/cancel", ""),
    );
    expectProblem(bodiless, 404, "NOT_FOUND");
  });
});
