/**
 * Public seat ids are opaque (API.md: vendor ids never leak as primary ids) but must round-trip
 * to the vendor's seat id without a lookup table, so they are its base64url form with a prefix.
 */
export function publicSeatId(vendorSeatId: string): string {
  return `st_${Buffer.from(vendorSeatId, "utf8").toString("base64url")}`;
}

export function vendorSeatIdOf(publicId: string): string | undefined {
  if (!/^st_[A-Za-z0-9_-]{1,200}$/.test(publicId)) return undefined;
  return Buffer.from(publicId.slice(3), "base64url").toString("utf8");
}
