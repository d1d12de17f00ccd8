import { randomBytes } from "node:crypto";

/** Opaque platform ids: a type prefix and 16 random base32 characters (80 bits), e.g. "chn_3k9…". */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export function newId(prefix: string): string {
  const bytes = randomBytes(16);
  let out = "";
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${out}`;
}

/** A URL-safe random token for secrets, session cookies and CSRF tokens. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
