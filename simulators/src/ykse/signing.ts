import { createHash } from "node:crypto";

/**
 * Request signature of doc 002 §2.1: sort every parameter except `sign` by name (A→Z), concatenate
 * name+value for each (the §2.2 example shows names included although step 2 only says "values"),
 * append the channel secret and take the lowercase hex MD5.
 */
export function signParams(params: Record<string, string>, secret: string): string {
  const names = Object.keys(params)
    .filter((k) => k !== "sign")
    .sort();
  let text = "";
  for (const name of names) text += name + params[name];
  return createHash("md5")
    .update(text + secret, "utf8")
    .digest("hex");
}

export function verifySign(params: Record<string, string>, secret: string): boolean {
  const given = params.sign;
  if (!given) return false;
  return signParams(params, secret) === given.toLowerCase();
}
