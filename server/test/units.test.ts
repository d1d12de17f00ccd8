import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "../src/config/env.js";
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
