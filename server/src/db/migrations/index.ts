import type { Migration } from "kysely";
import * as m0001 from "./0001-foundation.js";
import * as m0002 from "./0002-catalog.js";
import * as m0003 from "./0003-orders.js";
import * as m0004 from "./0004-cinema-seat-rules.js";
import * as m0005 from "./0005-order-vendor-calls.js";
import * as m0006 from "./0006-showtime-areas-and-price-warnings.js";
import * as m0007 from "./0007-channel-rate-limits.js";
import * as m0008 from "./0008-cinema-settings.js";
import * as m0009 from "./0009-step-journal-steps-and-idempotency-owners.js";
import * as m0010 from "./0010-pricing-rules.js";
import * as m0011 from "./0011-channel-webhook-events.js";
import * as m0012 from "./0012-payments.js";
import * as m0013 from "./0013-diagnosis-runs.js";
import * as m0014 from "./0014-payment-reconciliations.js";
import * as m0015 from "./0015-member-card-refs.js";
import * as m0016 from "./0016-order-goods-and-payment-parts.js";
import * as m0017 from "./0017-voucher-orders.js";
import * as m0018 from "./0018-buyer-sites.js";
import * as m0019 from "./0019-console-login-failures.js";
import * as m0020 from "./0020-payment-list-indexes.js";

/**
 * Every migration, in order. Forward-only: a released migration is never edited; add a new one.
 * Listed statically (not read from disk) so bundling and tsx behave the same.
 */
export const migrations: Record<string, Migration> = {
  "0001-foundation": m0001,
  "0002-catalog": m0002,
  "0003-orders": m0003,
  "0004-cinema-seat-rules": m0004,
  "0005-order-vendor-calls": m0005,
  "0006-showtime-areas-and-price-warnings": m0006,
  "0007-channel-rate-limits": m0007,
  "0008-cinema-settings": m0008,
  "0009-step-journal-steps-and-idempotency-owners": m0009,
  "0010-pricing-rules": m0010,
  "0011-channel-webhook-events": m0011,
  "0012-payments": m0012,
  "0013-diagnosis-runs": m0013,
  "0014-payment-reconciliations": m0014,
  "0015-member-card-refs": m0015,
  "0016-order-goods-and-payment-parts": m0016,
  "0017-voucher-orders": m0017,
  "0018-buyer-sites": m0018,
  "0019-console-login-failures": m0019,
  "0020-payment-list-indexes": m0020,
};
