import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The channel request signature of shared/API.md:
 * hex HMAC-SHA256(secret, method \n pathWithQuery \n timestamp \n nonce \n sha256hex(rawBody)).
 * Shared by the server's verifier and the typed client so they cannot drift apart.
 */
export function signChannelRequest(input: {
  secret: string;
  method: string;
  pathWithQuery: string;
  timestamp: string;
  nonce: string;
  body: string | Uint8Array;
}): string {
  const bodyHash = createHash("sha256").update(input.body).digest("hex");
  const canonical = [input.method.toUpperCase(), input.pathWithQuery, input.timestamp, input.nonce, bodyHash].join(
    "\n",
  );
  return createHmac("sha256", input.secret).update(canonical).digest("hex");
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given.toLowerCase(), "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
