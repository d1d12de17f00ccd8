const env = process.env;

/**
 * The Alipay simulator (payments.md §4). Not a seat vendor: it owns no cinemas and is started beside
 * the vendor simulators and the WeChat Pay one, never in their list (simulators/src/all.ts).
 */
export const alipaySimulator = {
  id: "alipay",
  demoPort: 7121,
  /** The demo app; its key pair is generated at start (GET /_control/apps/{appId}/credentials). */
  demoAccount: {
    appId: env.SIM_ALIPAY_APPID ?? "2021000000000001",
    /** The seller's PID, `seller_id` in notifies. */
    sellerId: env.SIM_ALIPAY_SELLER_ID ?? "2088101000000001",
  },
} as const;
