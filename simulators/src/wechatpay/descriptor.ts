const env = process.env;

/**
 * The WeChat Pay simulator (payments.md §1 and §2). Not a seat vendor: it owns no cinemas and is
 * started beside the vendor simulators, never in their list (simulators/src/all.ts).
 */
export const wechatpaySimulator = {
  id: "wechatpay",
  demoPort: 7120,
  /** The demo merchant; its API key pair and certificate are generated at start (GET /_control/merchants/{mchId}/credentials). */
  demoAccount: {
    mchId: env.SIM_WECHATPAY_MCHID ?? "1900000109",
    appId: env.SIM_WECHATPAY_APPID ?? "wx2421b1c4370ec43b",
    apiV3Key: env.SIM_WECHATPAY_APIV3_KEY ?? "cinegateDemoApiV3Key0123456789ab",
    apiKey: env.SIM_WECHATPAY_API_KEY ?? "cinegateDemoApiV2Key0123456789ab",
    openid: env.SIM_WECHATPAY_OPENID ?? "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
    /** The demo 公众号's AppSecret, for the simulated WeChat OAuth (the demo cinemas are configured with it). */
    appSecret: env.SIM_WECHATPAY_APPSECRET ?? "0123456789abcdef0123456789abcdef",
  },
} as const;
