/**
 * The parts of building a request that are the same for every vendor: where a call's path sits
 * under the account's base URL, and which spellings of a secret the recording must mask.
 */

/** The path of the account's base URL without trailing slashes (a vendor's service may sit below one). */
export const basePath = (baseUrl: string): string => new URL(baseUrl).pathname.replace(/\/+$/, "");

/** The service path under the base URL; a base URL that already names it is accepted. */
export const servicePath = (baseUrl: string, service: string): string => {
  const prefix = basePath(baseUrl);
  return prefix.endsWith(service) ? prefix : `${prefix}${service}`;
};

/** A value appears in a form-encoded recording encoded as well as raw: every spelling of each, to mask. */
export function formSpellings(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    out.add(v);
    out.add(new URLSearchParams({ x: v }).toString().slice(2));
    out.add(encodeURIComponent(v));
  }
  return [...out];
}
