import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../src/console/password-hash.js";

describe("console password hashing (argon2id)", () => {
  it("produces a salted PHC argon2id string with the OWASP parameters that verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "correct horse battery")).toBe(true);
    expect(await verifyPassword(a, "correct horse batterY")).toBe(false);
  });

  it("verifies a hash made by another argon2 implementation (RFC 9106 style PHC string)", async () => {
    // Made by the reference argon2 CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -e
    const reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    expect(await verifyPassword(reference, "password")).toBe(true);
    expect(await verifyPassword(reference, "Password")).toBe(false);
  });

  it("treats a malformed stored hash as a failed login, not an error", async () => {
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
    expect(await verifyPassword("", "x")).toBe(false);
  });
});
