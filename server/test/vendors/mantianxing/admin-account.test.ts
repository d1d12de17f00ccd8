import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from "../../support/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function createAccount(body: unknown) {
  const res = await fetch(new URL("/admin/vendor-accounts", t.baseUrl), {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: problem bodies are inspected field by field
  return { status: res.status, body: (await res.json()) as any };
}

describe("POST /admin/vendor-accounts for 满天星", () => {
  it("a missing key is a 400 naming it", async () => {
    const res = await createAccount({
      vendor: "mantianxing",
      name: "mtx-no-key",
      baseUrl: "http://127.0.0.1:9",
      credentials: { appCode: "cinegate" },
    });
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain("key");
  });

  it("an unknown credential field is refused", async () => {
    const res = await createAccount({
      vendor: "mantianxing",
      name: "mtx-extra",
      baseUrl: "http://127.0.0.1:9",
      credentials: { appCode: "cinegate", key: "k", tokenId: "1829" },
    });
    expect(res.status).toBe(400);
  });

  it("accepts the ticket credentials alone, and with the member centre's, never echoing a secret", async () => {
    const plain = await createAccount({
      vendor: "mantianxing",
      name: "mtx-ticket",
      baseUrl: "http://127.0.0.1:9",
      credentials: { appCode: "cinegate", key: "mantianxing-demo-key" },
    });
    expect(plain.status).toBe(201);
    const full = await createAccount({
      vendor: "mantianxing",
      name: "mtx-full",
      baseUrl: "http://127.0.0.1:9",
      credentials: {
        appCode: "cinegate",
        key: "mantianxing-demo-key",
        partnerCode: "cinegate",
        partnerKey: "mantianxing-member-key",
        partnerId: "",
      },
    });
    expect(full.status).toBe(201);
    expect(JSON.stringify(full.body)).not.toContain("mantianxing-demo-key");
    expect(JSON.stringify(full.body)).not.toContain("mantianxing-member-key");
  });
});
