import { createHash } from "node:crypto";

/** hashcode = md5(partner_id + bus_id + req_id + timestamp + md5key), lowercase hex (UTF-8 bytes). */
export function lingdongHashcode(
  p: { partner_id: string; bus_id: string; req_id: string; timestamp: string },
  md5Key: string,
): string {
  return createHash("md5")
    .update(p.partner_id + p.bus_id + p.req_id + p.timestamp + md5Key, "utf8")
    .digest("hex");
}
