/** Console strings for orders and channels: Simplified Chinese first, English typed against it. */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
