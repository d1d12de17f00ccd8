import { createHash, timingSafeEqual } from "node:crypto";

/**
 * 满天星 verify value as public-refs §9.2 describes it: values in parameter order (+ TokenID +
 * Token for token ops) + key, lower-cased, MD5 (UTF-8) lowercase hex, characters [8, 24).
 * Written from the refs alone (the simulators never import server code).
 */
export function mtxVerify(values: readonly string[], key: string): string {
  const text = (values.join("") + key).toLowerCase();
  return createHash("md5").update(text, "utf8").digest("hex").slice(8, 24);
}

/**
 * The variant CEC uses (public-refs §9.2 "Variants seen"): each value URL-encoded (UTF-8) before
 * lower-casing. The refs advise verifying with the plain variant and optionally accepting this one.
 */
export function mtxVerifyUrlEncoded(values: readonly string[], key: string): string {
  return mtxVerify(
    values.map((v) => encodeURIComponent(v)),
    encodeURIComponent(key),
  );
}

export function verifies(given: string | undefined, values: readonly string[], key: string): boolean {
  if (!given) return false;
  const g = Buffer.from(given.toLowerCase());
  return [mtxVerify(values, key), mtxVerifyUrlEncoded(values, key)].some((expected) => {
    const e = Buffer.from(expected);
    return e.length === g.length && timingSafeEqual(e, g);
  });
}
