/** Console strings for home, cinemas, onboarding, vendor query, diagnosis: Simplified Chinese first, English typed against it. */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
