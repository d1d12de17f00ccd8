import type { ChannelStore } from "./channels.js";

export const DEMO_CHANNEL_CODE = "demo";

/**
 * The demo channel exists out of the box (API.md). Its secret is CINEGATE_DEMO_CHANNEL_SECRET when
 * set (rotated to it if it changed), otherwise the one generated on first start and kept.
 */
export async function ensureDemoChannel(
  channels: ChannelStore,
  envSecret?: string,
): Promise<{ code: string; secret: string }> {
  const existing = await channels.findByCode(DEMO_CHANNEL_CODE);
  if (!existing) {
    const created = await channels.create({ code: DEMO_CHANNEL_CODE, name: "Demo channel", secret: envSecret });
    return { code: created.code, secret: created.secret };
  }
  if (envSecret && envSecret !== existing.secret) {
    await channels.rotateSecret(DEMO_CHANNEL_CODE, envSecret);
    return { code: DEMO_CHANNEL_CODE, secret: envSecret };
  }
  return { code: DEMO_CHANNEL_CODE, secret: existing.secret };
}
