import { describe, expect, it } from "vitest";
import { sharedTestApp } from "../../support/shared-app.js";
import { adminPost } from "../admin-post.js";

const t = sharedTestApp();

const createAccount = (body: unknown) => adminPost(t, "/admin/vendor-accounts", body);

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
