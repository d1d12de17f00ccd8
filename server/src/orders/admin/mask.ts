/**
 * The console shows a buyer's mobile by its last four digits only: that is what support staff ask a
 * caller to confirm ("尾号 1234"), and all a screenshot or a pasted ticket may leak.
 */
export function mobileLast4(mobile: string | null | undefined): string {
  const digits = (mobile ?? "").replace(/\D/g, "");
  return digits.length >= 4 ? `*******${digits.slice(-4)}` : "****";
}

/**
 * Replaces every occurrence of the order's own mobile in text the console is about to show (event
 * details, vendor error messages, recorded calls), plus any other mainland mobile number, with the
 * last-4 form. The vendor call recorder masks mobiles already; this is the second lock on the door.
 */
export function scrubMobiles(text: string, mobile?: string): string {
  let out = mobile && mobile.length >= 7 ? text.split(mobile).join(mobileLast4(mobile)) : text;
  out = out.replace(/(?<!\d)1[3-9]\d{5}(\d{4})(?!\d)/g, "*******$1");
  return out;
}

/** `scrubMobiles` over any JSON value (strings inside objects and arrays). */
export function scrubJson<T>(value: T, mobile?: string): T {
  if (value === undefined) return value;
  return JSON.parse(scrubMobiles(JSON.stringify(value), mobile)) as T;
}
