import { capabilities, codeRows, credential, credentials, defineSeatVendor, secretCredential } from "../descriptor.js";
import { minutes } from "../recovery.js";
import { __ID__CODES } from "./codes.js";
import { __id__Recovery } from "./recovery.js";

/** The account's credentials. TODO: the fields the vendor's document names, secrets with secretCredential. */
export const __Id__Credentials = credentials({
  account: credential({ zh: "账号", en: "Account" }),
  secret: secretCredential({ zh: "签名密钥", en: "Signing secret" }),
});

/**
 * TODO: the limits from the document; name each call (e.g. `catalogue: true`) as it passes the
 * contract suite — a flag not named is off.
 */
export const __id__Capabilities = capabilities({ maxSeatsPerOrder: 4, lockTtlMs: minutes(15) }, {});

/** TODO: the vendor's name and document (shared/vendor-docs). */
export const __id__ = defineSeatVendor({
  id: "__id__",
  names: { zh: "__id__", en: "__id__" },
  document: "TODO",
  credentials: __Id__Credentials,
  capabilities: __id__Capabilities,
  recovery: __id__Recovery,
  codes: codeRows(__ID__CODES, (r) => r),
  support: {
    // TODO: doc 000 §三.1 lists the vendor as 内部编码=广电编码 or ≠; §三.1 (5) date offsets (鼎新 +1:
    // showtimeDateOffsetDays: 1; 0 when left out).
    internalCodeIsNational: true,
    // TODO: doc 000 §四.2 "为何查询不到排期" for this vendor, as noShowtimesFix / notOnSaleFix.
  },
  // TODO: contact: { phone, group } — doc 000 §二.6's 400 number / group, only if the document lists one.
  demoPort: __port__,
  connector: async () => (await import("./index.js")).create__Id__Connector,
});
