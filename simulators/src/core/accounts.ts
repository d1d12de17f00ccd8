/**
 * Demo credentials each simulator accepts. The platform's demo onboarding uses the same values
 * (they are sandbox credentials, not secrets). Overridable per simulator through the environment.
 */
export const demoAccounts = {
  ykse: {
    channelCode: process.env.SIM_YKSE_CHANNEL_CODE ?? "demo_channel",
    secret: process.env.SIM_YKSE_SECRET ?? "ykse-demo-secret-0123456789",
    /** AES-128 key for member-card passwords (doc 002 §3): 16 bytes. */
    cardKey: process.env.SIM_YKSE_CARD_KEY ?? "0123456789abcdef",
  },
  vista: {
    token: process.env.SIM_VISTA_TOKEN ?? "vista-demo-connect-token",
    clientId: process.env.SIM_VISTA_CLIENT_ID ?? "cinegate",
  },
  moviefan: {
    channelCode: process.env.SIM_MOVIEFAN_CHANNEL_CODE ?? "cinegate",
    secret: process.env.SIM_MOVIEFAN_SECRET ?? "moviefan-demo-secret",
  },
  lingdong: {
    partnerId: process.env.SIM_LINGDONG_PARTNER_ID ?? "10001",
    secId: process.env.SIM_LINGDONG_SEC_ID ?? "sec001",
    busId: process.env.SIM_LINGDONG_BUS_ID ?? "bus001",
    md5Key: process.env.SIM_LINGDONG_MD5_KEY ?? "lingdong-demo-md5key",
  },
} as const;
