import { describe, expect, it } from "vitest";
import { DEMO_SECRET } from "./support/app.js";
import { sharedTestApp } from "./support/shared-app.js";

const t = sharedTestApp();

describe("operations endpoints", () => {
  it("/healthz and /readyz answer 200 with the database up and migrated", async () => {
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("/metrics speaks Prometheus text with request durations by route template, on its own listener", async () => {
    await fetch(`${t.baseUrl}/healthz`);
    const res = await fetch(t.metricsUrl);
    expect(new URL(t.metricsUrl).hostname).toBe("127.0.0.1");
    expect(new URL(t.metricsUrl).port).not.toBe(new URL(t.baseUrl).port);
    const text = await res.text();
    expect(text).toContain("cinegate_http_request_duration_seconds_bucket");
    expect(text).toContain('route="/healthz"');
  });

  it("does not serve /metrics on the API port (it lists every admin route)", async () => {
    const res = await fetch(`${t.baseUrl}/metrics`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await res.text()).not.toContain("cinegate_http_request_duration_seconds");
    expect((await fetch(new URL("/other", t.metricsUrl))).status).toBe(404);
  });

  it("serves OpenAPI 3.1 at /v1/openapi.json including the channel routes", async () => {
    const doc = (await (await fetch(`${t.baseUrl}/v1/openapi.json`)).json()) as { openapi: string; paths: object };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/v1/cities");
  });

  it("serves a docs page at /docs with nosniff and a content security policy", async () => {
    const res = await fetch(`${t.baseUrl}/docs/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("swagger");
    for (const path of ["/docs", "/docs/", "/docs/static/swagger-ui-bundle.js"]) {
      const page = await fetch(`${t.baseUrl}${path}`, { redirect: "manual" });
      await page.arrayBuffer();
      expect(page.headers.get("x-content-type-options"), path).toBe("nosniff");
      const csp = page.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
    }
  });

  it("echoes a sane X-Request-Id and the problem body carries it", async () => {
    const res = await fetch(`${t.baseUrl}/v1/cities`, { headers: { "x-request-id": "trace-abc-12345" } });
    expect(res.headers.get("x-request-id")).toBe("trace-abc-12345");
    expect(((await res.json()) as { requestId: string }).requestId).toBe("trace-abc-12345");
  });

  it("never logs secrets, signatures or full mobile numbers", async () => {
    await fetch(`${t.baseUrl}/v1/cities?mobile=13812345678`, {
      headers: { "x-channel-code": "demo", "x-signature": "deadbeef", authorization: `Bearer ${DEMO_SECRET}` },
    });
    const all = t.logs.join("");
    expect(all).toContain("138****5678");
    expect(all).not.toContain("13812345678");
    expect(all).not.toContain(DEMO_SECRET);
    expect(all).not.toContain("deadbeef");
  });
});
