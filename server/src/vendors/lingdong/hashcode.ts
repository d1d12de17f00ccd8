import { createHash } from "node:crypto";

/**
 * doc 004 平台接口参数说明, hashcode: "以上各项参数按顺序外加灵动提供的md5key组成字符串后md5后的值",
 * with the formula md5(partner_id+bus_id+req_id+timestamp+md5key). The formula wins over "以上各项参数"
 * (which would include sec_id and ver): only these four values and the key, concatenated without
 * separators, UTF-8, lowercase hex.
 */
export function lingdongHashcode(
  p: { partner_id: string; bus_id: string; req_id: string; timestamp: string },
  md5Key: string,
): string {
  return createHash("md5")
    .update(p.partner_id + p.bus_id + p.req_id + p.timestamp + md5Key, "utf8")
    .digest("hex");
}
