import { createHash, timingSafeEqual } from "node:crypto";

/**
 * checkValue as the simulator checks it (public-refs §5.1, the inferred server rule): lowercase
 * MD5 of `name=value` pairs joined by `&`, raw values, in the order received, over every pair that
 * precedes `checkValue`. Both of CEC's orders (ticket: all auth pairs before it; member: userId and
 * userPass after it) pass this rule.
 */
export type Pairs = ReadonlyArray<readonly [string, string]>;

export function expectedCheckValue(received: Pairs): string | undefined {
  const at = received.findIndex(([k]) => k === "checkValue");
  if (at < 0) return undefined;
  const text = received
    .slice(0, at)
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  return createHash("md5").update(text, "utf8").digest("hex");
}

export function checkValueMatches(received: Pairs): boolean {
  const expected = expectedCheckValue(received);
  const given = received.find(([k]) => k === "checkValue")?.[1] ?? "";
  return (
    expected !== undefined &&
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given.toLowerCase()), Buffer.from(expected))
  );
}
