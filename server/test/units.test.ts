import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv, trustProxyOf } from "../src/config/env.js";
import { maskMobiles } from "../src/http/logger.js";
import { signChannelRequest } from "../src/security/channel-signature.js";
import { resolveMasterKey } from "../src/security/master-key.js";
import { SecretBox } from "../src/security/secret-box.js";

describe("configuration", () => {
  it("applies defaults on an empty environment", () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.CINEGATE_DEMO).toBe(true);
  });

  it("names every bad variable and what it expects", () => {
    try {
      loadEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", CINEGATE_MASTER_KEY: "short" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      expect(msg).toContain("PORT");
      expect(msg).toContain("DATABASE_URL");
      expect(msg).toContain("CINEGATE_MASTER_KEY");
      expect(msg).toContain("64 hex chars");
    }
  });

  it("serves metrics on a loopback listener of its own, and trusts no proxy, unless told", () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: "127.0.0.1", TRUST_PROXY: "false" });
    expect(env).toMatchObject({ REQUEST_TIMEOUT_MS: 30_000, HEADERS_TIMEOUT_MS: 10_000 });
    expect(trustProxyOf(env.TRUST_PROXY)).toBe(false);
    expect(trustProxyOf(loadEnv({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).TRUST_PROXY)).toEqual([
      "10.0.0.0/8",
      "127.0.0.1",
    ]);
    expect(trustProxyOf(loadEnv({ TRUST_PROXY: "true" }).TRUST_PROXY)).toBe(true);
  });

  it("refuses a bad metrics port, proxy list or timeout by name", () => {
    expect(() => loadEnv({ METRICS_PORT: "70000" })).toThrow(/METRICS_PORT/);
    expect(() => loadEnv({ TRUST_PROXY: "the load balancer" })).toThrow(/TRUST_PROXY/);
    expect(() => loadEnv({ REQUEST_TIMEOUT_MS: "0" })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => loadEnv({ REQUEST_TIMEOUT_MS: "5000", HEADERS_TIMEOUT_MS: "8000" })).toThrow(
      /HEADERS_TIMEOUT_MS=8000: must not exceed REQUEST_TIMEOUT_MS=5000/,
    );
  });

  it("requires a master key when a production database is configured", () => {
    expect(() => resolveMasterKey({ embedded: false, dataDir: "/nonexistent" })).toThrow(
      /CINEGATE_MASTER_KEY is required/,
    );
  });
});

describe("SecretBox (AES-256-GCM)", () => {
  const box = new SecretBox("ab".repeat(32));
  it("round-trips and never repeats a ciphertext", () => {
    const a = box.seal("秘密 secret");
    expect(box.open(a)).toBe("秘密 secret");
    expect(box.seal("秘密 secret")).not.toBe(a);
  });
  it("detects tampering", () => {
    const sealed = box.seal("secret");
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    expect(() => box.open(`v1:${raw.toString("base64")}`)).toThrow();
  });
  it("refuses a key of the wrong size", () => {
    expect(() => new SecretBox("ab")).toThrow(/32 bytes/);
  });
});

describe("channel signature", () => {
  it("matches an independently computed HMAC over the canonical string", async () => {
    const { createHash, createHmac } = await import("node:crypto");
    const body = '{"a":1}';
    const canonical = `POST\n/v1/orders?x=1\n1700000000000\nnonce-0123456789ab\n${createHash("sha256").update(body).digest("hex")}`;
    const expected = createHmac("sha256", "k".repeat(20)).update(canonical).digest("hex");
    expect(
      signChannelRequest({
        secret: "k".repeat(20),
        method: "post",
        pathWithQuery: "/v1/orders?x=1",
        timestamp: "1700000000000",
        nonce: "nonce-0123456789ab",
        body,
      }),
    ).toBe(expected);
  });
});

describe("log masking", () => {
  it("masks mainland mobile numbers but leaves longer digit runs alone", () => {
    expect(maskMobiles("/orders?mobile=13912345678&x=1")).toBe("/orders?mobile=139****5678&x=1");
    expect(maskMobiles("order 2026112312345678901")).toBe("order 2026112312345678901");
  });
});
